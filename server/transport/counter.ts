/** Counter terminal: counters open/pause/resume/close, calling and serving tickets. */
import { Router } from 'express';
import { pauseBodySchema, positiveIdSchema, ticketIdSchema, transferBodySchema } from '../protocol/schemas';
import { directCallBodySchema } from '../protocol/hall';
import type { Staff } from '../domain/model';
import { requireStaffOrScope, requireDeviceOrStaff, requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function counterRoutes(s: Services): Router {
  const r = Router();

  r.get('/counters', async (_req, res) => {
    // a program with `queue:read` sees the counters too
    const key = res.locals.caller.integration;
    if (!key) requireDeviceOrStaff(res, ['kiosk', 'display', 'rating'], true);
    else requireStaffOrScope(res, 'queue:read');
    res.json(await s.queue.listCounters());
  });

  r.get('/counters/:counterId/state', async (req, res) => {
    requireStaff(res);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.json(await s.queue.counterState(counterId));
  });

  /** A clerk acting on one counter: POST /counters/:counterId/<action>. */
  const onCounter = (action: string, act: (staff: Staff, counterId: number, body: unknown) => Promise<object>) =>
    r.post(`/counters/:counterId/${action}`, async (req, res) => {
      const staff = requireStaff(res);
      const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
      res.json(await act(staff, counterId, req.body ?? {}));
    });

  /** A clerk acting on one ticket: POST /tickets/:id/<action> → { ticket }. */
  const onTicket = (action: string, act: (staff: Staff, id: string, body: unknown) => Promise<unknown>) =>
    r.post(`/tickets/:id/${action}`, async (req, res) => {
      const staff = requireStaff(res);
      const id = parse(ticketIdSchema, req.params.id, 'id');
      res.json({ ticket: await act(staff, id, req.body ?? {}) });
    });

  onCounter('open', async (staff, id) => ({ counter: await s.queue.openCounter(staff, id) }));
  onCounter('pause', async (staff, id, body) => {
    const { reason } = parse(pauseBodySchema, body);
    return { counter: await s.queue.pauseCounter(staff, id, reason) };
  });
  onCounter('resume', async (staff, id) => ({ counter: await s.queue.resumeCounter(staff, id) }));
  onCounter('close', async (staff, id) => ({ counter: await s.queue.closeCounter(staff, id) }));
  onCounter('call-next', async (staff, id) => ({ ticket: await s.queue.callNext(staff, id) }));
  /** A direct call: one waiting ticket of the counter's fields, by name (it jumps the queue). */
  onCounter('call', async (staff, id, body) => {
    const { ticketId } = parse(directCallBodySchema, body);
    return { ticket: await s.queue.callTicket(staff, id, ticketId) };
  });

  onTicket('recall', (staff, id) => s.queue.recall(staff, id));
  onTicket('skip', (staff, id) => s.queue.skip(staff, id));
  onTicket('finish', (staff, id) => s.queue.finish(staff, id));
  onTicket('transfer', (staff, id, body) => s.queue.transfer(staff, id, parse(transferBodySchema, body)));

  return r;
}
