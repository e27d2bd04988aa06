/**
 * Dossiers at the counter: reception (POST /api/dossiers), the public
 * lookup by code, and the clerk's lifecycle actions (Mẫu 02/03/04/05,
 * result, return). Thin: parse → service → reply.
 */
import { Router } from 'express';
import {
  apologyBodySchema,
  createDossierBodySchema,
  dossierIdSchema,
  dossierListQuerySchema,
  dossierLookupQuerySchema,
  handoverBodySchema,
  reasonBodySchema,
  resolveBodySchema,
  returnBodySchema,
  supplementBodySchema,
} from '../protocol/dossiers';
import { DomainError } from '../domain/errors';
import { renderForm, type FormKind } from '../printing/forms';
import type { DossierListFilter } from '../services/dossier-service';
import { requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export function dossierRoutes(s: Services): Router {
  const r = Router();

  r.post('/dossiers', async (req, res) => {
    const staff = requireStaff(res);
    const body = parse(createDossierBodySchema, req.body);
    res.status(201).json(await s.dossiers.receive(staff, body));
  });

  r.get('/dossiers/lookup', async (req, res) => {
    const { code } = parse(dossierLookupQuerySchema, req.query, 'query');
    res.json(await s.dossiers.lookup(code));
  });

  r.get('/dossiers', async (req, res) => {
    const staff = requireStaff(res);
    const query = parse(dossierListQuerySchema, req.query, 'query');
    const filter: DossierListFilter = {};
    if (query.ticketId !== undefined) filter.ticketId = query.ticketId;
    if (query.code !== undefined) filter.code = query.code;
    if (query.mine === '1') filter.clerkId = staff.id;
    if (query.day !== undefined) filter.day = query.day;
    if (query.status !== undefined) filter.status = query.status;
    if (query.atRisk === '1') filter.atRisk = true;
    res.json(await s.dossiers.list(filter));
  });

  r.get('/dossiers/:id', async (req, res) => {
    requireStaff(res);
    res.json(await s.dossiers.get(parse(dossierIdSchema, req.params.id, 'id')));
  });

  /** Printable forms: /api/dossiers/:id/forms/01.html … 05.html (?notice=<id> for an older Mẫu 02/03/04). */
  r.get('/dossiers/:id/forms/:file', async (req, res) => {
    requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const m = /^(0[1-5])\.html$/.exec(req.params.file);
    if (!m) throw new DomainError('FORM_NOT_FOUND', 'Chỉ có các mẫu 01 đến 05 (ví dụ 01.html).', 404);
    const noticeId = req.query.notice === undefined ? undefined : parse(dossierIdSchema, req.query.notice, 'notice');
    const { office, dossier } = await s.dossiers.forms(id);
    const out = await renderForm(m[1] as FormKind, office, dossier, noticeId);
    if ('missing' in out) throw new DomainError('NOTICE_NOT_FOUND', out.missing, 404);
    res.type('text/html; charset=utf-8').send(out.html);
  });

  r.post('/dossiers/:id/print-receipt', async (req, res) => {
    const staff = requireStaff(res);
    const result = await s.dossiers.printReceipt(staff, parse(dossierIdSchema, req.params.id, 'id'));
    // 202: queued behind a printer that cannot print now; it prints when the printer can
    res.status(result.printed ? 200 : 202).json(result);
  });

  r.post('/dossiers/:id/supplement', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.requestSupplement(staff, id, parse(supplementBodySchema, req.body ?? {})));
  });

  r.post('/dossiers/:id/resubmit', async (req, res) => {
    const staff = requireStaff(res);
    res.json(await s.dossiers.resubmit(staff, parse(dossierIdSchema, req.params.id, 'id')));
  });

  r.post('/dossiers/:id/refuse', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const { reason } = parse(reasonBodySchema, req.body ?? {});
    res.json(await s.dossiers.refuse(staff, id, reason));
  });

  r.post('/dossiers/:id/handover', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.handOver(staff, id, parse(handoverBodySchema, req.body ?? {})));
  });

  r.post('/dossiers/:id/resolve', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.resolve(staff, id, parse(resolveBodySchema, req.body ?? {})));
  });

  r.post('/dossiers/:id/apology', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.apologize(staff, id, parse(apologyBodySchema, req.body ?? {})));
  });

  r.post('/dossiers/:id/return', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.returnResult(staff, id, parse(returnBodySchema, req.body ?? {})));
  });

  r.post('/dossiers/:id/withdraw', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const { reason } = parse(reasonBodySchema, req.body ?? {});
    res.json(await s.dossiers.withdraw(staff, id, reason));
  });

  return r;
}
