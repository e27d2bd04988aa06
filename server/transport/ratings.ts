/** End-of-visit ratings: POST /api/ratings (rating pad, kiosk, ticket holder). */
import { Router } from 'express';
import { ratingBodySchema } from '../protocol/schemas';
import type { Services } from './services';
import { parse } from './validate';

export function ratingRoutes(s: Services): Router {
  const r = Router();

  r.post('/ratings', async (req, res) => {
    const body = parse(ratingBodySchema, req.body);
    res.status(201).json(await s.ratings.submit(body, res.locals.caller.identity));
  });

  return r;
}
