/** Counter terminal: counters open/pause/resume/close, calling and serving tickets. */
import { Router } from 'express';
import { pauseBodySchema, positiveIdSchema, ticketIdSchema, transferBodySchema } from '../protocol/schemas';
import { requireDeviceOrStaff, requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function counterRoutes(s: Services): Router {
  const r = Router();

  r.get('/counters', async (_req, res) => {
    requireDeviceOrStaff(res, ['kiosk', 'display', 'rating'], true);
    res.json(await s.queue.listCounters());
  });

  r.get('/counters/:counterId/state', async (req, res) => {
    requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json(await s.queue.counterState(counterId));
  });

  r.post('/counters/:counterId/open', async (req, res) => {
    const staff = requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json({ counter: await s.queue.openCounter(staff, counterId) });
  });

  r.post('/counters/:counterId/pause', async (req, res) => {
    const staff = requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    const { reason } = parse(pauseBodySchema, req.body ?? {});
    res.json({ counter: await s.queue.pauseCounter(staff, counterId, reason) });
  });

  r.post('/counters/:counterId/resume', async (req, res) => {
    const staff = requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json({ counter: await s.queue.resumeCounter(staff, counterId) });
  });

  r.post('/counters/:counterId/close', async (req, res) => {
    const staff = requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json({ counter: await s.queue.closeCounter(staff, counterId) });
  });

  r.post('/counters/:counterId/call-next', async (req, res) => {
    const staff = requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json({ ticket: await s.queue.callNext(staff, counterId) });
  });

  r.post('/tickets/:id/recall', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(ticketIdSchema, req.params.id, 'id');
    res.json({ ticket: await s.queue.recall(staff, id) });
  });

  r.post('/tickets/:id/skip', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(ticketIdSchema, req.params.id, 'id');
    res.json({ ticket: await s.queue.skip(staff, id) });
  });

  r.post('/tickets/:id/finish', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(ticketIdSchema, req.params.id, 'id');
    res.json({ ticket: await s.queue.finish(staff, id) });
  });

  r.post('/tickets/:id/transfer', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(ticketIdSchema, req.params.id, 'id');
    const to = parse(transferBodySchema, req.body ?? {});
    res.json({ ticket: await s.queue.transfer(staff, id, to) });
  });

  return r;
}
