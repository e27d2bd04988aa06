/** Kiosk: taking a ticket (POST /api/tickets). */
import { Router } from 'express';
import { createTicketBodySchema, idempotencyKeySchema } from '../protocol/schemas';
import { requireDeviceOrStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function kioskRoutes(s: Services): Router {
  const r = Router();

  r.post('/tickets', async (req, res) => {
    const caller = requireDeviceOrStaff(res, ['kiosk'], true);
    const body = parse(createTicketBodySchema, req.body);
    const rawKey = req.get('idempotency-key');
    const idempotencyKey = rawKey === undefined ? null : parse(idempotencyKeySchema, rawKey, 'Idempotency-Key');
    const { ticket, created } = await s.queue.issueTicket({
      fieldId: body.fieldId,
      priority: body.priority ?? null,
      procedureId: body.procedureId ?? null,
      idempotencyKey,
      deviceId: caller.device?.id ?? null,
    });
    res.status(created ? 201 : 200).json(ticket);
  });

  return r;
}
