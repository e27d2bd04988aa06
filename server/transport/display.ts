/** Hall display boards: the admin's settings (office-wide and per board) and the server-side voice. */
import { Router } from 'express';
import { announcementAudioQuerySchema, boardSettingsBodySchema, displaySettingsBodySchema } from '../protocol/display';
import { positiveIdSchema } from '../protocol/schemas';
import { requireDeviceOrStaff, requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function displayRoutes(s: Services): Router {
  const r = Router();

  r.get('/admin/display', async (_req, res) => {
    requireStaff(res, ['admin']);
    res.json(await s.display.settings());
  });

  r.put('/admin/display', async (req, res) => {
    const staff = requireStaff(res, ['admin']);
    const body = parse(displaySettingsBodySchema, req.body ?? {});
    res.json(await s.display.updateSettings(staff, body));
  });

  r.get('/admin/display/boards', async (_req, res) => {
    requireStaff(res, ['admin']);
    res.json(await s.display.listBoards());
  });

  r.get('/admin/display/boards/:boardId', async (req, res) => {
    requireStaff(res, ['admin']);
    const id = parse(positiveIdSchema, req.params.boardId, 'boardId');
    res.json(await s.display.getBoard(id));
  });

  r.put('/admin/display/boards/:boardId', async (req, res) => {
    const staff = requireStaff(res, ['admin']);
    const id = parse(positiveIdSchema, req.params.boardId, 'boardId');
    const body = parse(boardSettingsBodySchema, req.body ?? {});
    res.json(await s.display.updateBoard(staff, id, body));
  });

  r.get('/announcements/audio', async (req, res) => {
    requireDeviceOrStaff(res, ['display'], true);
    const { number, counter } = parse(announcementAudioQuerySchema, req.query, 'query');
    const clip = await s.display.announcementAudio(number, counter);
    res
      .type('audio/wav')
      .set('cache-control', 'private, max-age=86400')
      .set('x-voice-source', clip.source)
      .send(clip.wav);
  });

  return r;
}
