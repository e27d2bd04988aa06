/**
 * Integration (API-CONTRACT.md "Integration"): integration keys (admin),
 * webhook subscriptions and their deliveries (admin, or a program whose key
 * holds `webhooks:manage`). Thin: parse → IntegrationService → reply.
 */
import { Router, type Response } from 'express';
import type { Staff } from '../domain/model';
import {
  deliveryIdSchema,
  integrationKeyCreateSchema,
  webhookCreateSchema,
  webhookUpdateSchema,
} from '../protocol/integration';
import { positiveIdSchema } from '../protocol/schemas';
import type { IntegrationCaller } from '../services/integration-service';
import { requireStaff, requireStaffOrScope } from './auth';
import type { Services } from './services';
import { parse } from './validate';

/** The admin, or a program with `webhooks:manage`. */
function webhookActor(res: Response): Staff | IntegrationCaller {
  const who = requireStaffOrScope(res, 'webhooks:manage', ['admin']);
  return who.staff ?? who.key;
}

export function integrationRoutes(s: Services): Router {
  const r = Router();
  const it = s.integration;

  r.post('/admin/integration-keys', async (req, res) => {
    const admin = requireStaff(res, ['admin']);
    res.status(201).json(await it.createKey(admin, parse(integrationKeyCreateSchema, req.body)));
  });
  r.get('/admin/integration-keys', async (_req, res) => {
    requireStaff(res, ['admin']);
    res.json(await it.listKeys());
  });
  r.post('/admin/integration-keys/:id/revoke', async (req, res) => {
    const admin = requireStaff(res, ['admin']);
    res.json(await it.revokeKey(admin, parse(positiveIdSchema, req.params.id, 'id')));
  });

  r.post('/admin/webhooks', async (req, res) => {
    const actor = webhookActor(res);
    res.status(201).json(await it.createWebhook(actor, parse(webhookCreateSchema, req.body)));
  });
  r.get('/admin/webhooks', async (_req, res) => {
    webhookActor(res);
    res.json(await it.listWebhooks());
  });
  r.put('/admin/webhooks/:id', async (req, res) => {
    const actor = webhookActor(res);
    const id = parse(positiveIdSchema, req.params.id, 'id');
    res.json(await it.updateWebhook(actor, id, parse(webhookUpdateSchema, req.body)));
  });
  r.delete('/admin/webhooks/:id', async (req, res) => {
    const actor = webhookActor(res);
    await it.deleteWebhook(actor, parse(positiveIdSchema, req.params.id, 'id'));
    res.status(204).end();
  });
  r.get('/admin/webhooks/:id/deliveries', async (req, res) => {
    webhookActor(res);
    res.json(await it.deliveries(parse(positiveIdSchema, req.params.id, 'id')));
  });
  r.post('/admin/webhooks/:id/deliveries/:deliveryId/resend', async (req, res) => {
    const actor = webhookActor(res);
    const id = parse(positiveIdSchema, req.params.id, 'id');
    await it.resend(actor, id, parse(deliveryIdSchema, req.params.deliveryId, 'deliveryId'));
    res.status(202).json({ ok: true });
  });

  return r;
}
