/** The supervisor's live hall (API-CONTRACT.md "Supervisor"; docs/api/hall.md). */
import { Router } from 'express';
import { periodQuerySchema } from '../protocol/reports';
import { positiveIdSchema } from '../protocol/schemas';
import { forbidden } from '../domain/errors';
import { requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export const HALL_ROLES = ['supervisor', 'admin'] as const;

export function hallRoutes(s: Services): Router {
  const r = Router();

  r.get('/hall', async (_req, res) => {
    requireStaff(res, HALL_ROLES);
    res.json(await s.hall.state());
  });

  /** The alert log of a period (the hall's history; the queue report counts it). */
  r.get('/hall/alerts', async (req, res) => {
    requireStaff(res, HALL_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json({ from, to, alerts: await s.hall.log(from, to) });
  });

  /**
   * A person has seen the alert (audited): a supervisor or admin, or the
   * clerk of a counter the alert concerns.
   */
  r.post('/hall/alerts/:alertId/acknowledge', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(positiveIdSchema, req.params.alertId, 'alertId');
    if (!(HALL_ROLES as readonly string[]).includes(staff.role)) {
      const counter = s.queue.counterOfClerk(staff.id);
      const mine = counter ? s.hall.alertsForCounter(counter.id).some((a) => a.id === id) : false;
      if (!mine) throw forbidden('NOT_YOUR_ALERT', 'Cảnh báo này không thuộc quầy của bạn.');
    }
    res.json({ alert: await s.hall.acknowledge(staff, id) });
  });

  /** The open alerts a counter's clerk sees (its fields', its own). */
  r.get('/counters/:counterId/alerts', async (req, res) => {
    requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json({ counterId, alerts: s.hall.alertsForCounter(counterId) });
  });

  return r;
}
