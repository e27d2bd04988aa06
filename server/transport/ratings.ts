/** End-of-visit ratings: POST /api/ratings (rating pad, kiosk, ticket holder). */
import { Router } from 'express';
import { ratingBodySchema } from '../protocol/schemas';
import type { RatingPadDto } from '../protocol/dto';
import { requireDeviceOrStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function ratingRoutes(s: Services): Router {
  const r = Router();

  r.post('/ratings', async (req, res) => {
    const body = parse(ratingBodySchema, req.body);
    res.status(201).json(await s.ratings.submit(body, res.locals.caller.identity));
  });

  /** The rating pad's idle screen: its counter and who works there now. */
  r.get('/rating-pad', async (_req, res) => {
    const caller = requireDeviceOrStaff(res, ['rating'], false);
    const counterId = caller.device?.counterId ?? null;
    const counter =
      counterId === null ? null : ((await s.queue.listCounters()).find((c) => c.id === counterId) ?? null);
    const body: RatingPadDto = {
      counter: counter && {
        id: counter.id,
        number: counter.number,
        name: counter.name,
        status: counter.status,
        clerk: counter.clerk,
      },
    };
    res.json(body);
  });

  return r;
}
