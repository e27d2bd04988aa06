/**
 * Dossiers at the counter: reception (POST /api/dossiers), the public
 * lookup by code, and the clerk's lifecycle actions (Mẫu 02/03/04/05,
 * result, return). Thin: parse → service → reply.
 */
import express, { Router } from 'express';
import {
  apologyBodySchema,
  createDossierBodySchema,
  dossierIdSchema,
  dossierListQuerySchema,
  documentFileQuerySchema,
  dossierLookupQuerySchema,
  handoverBodySchema,
  reasonBodySchema,
  resolveBodySchema,
  returnBodySchema,
  stopBodySchema,
  supplementBodySchema,
} from '../protocol/dossiers';
import { DomainError } from '../domain/errors';
import { officeFormSet, resolveForm } from '../domain/form-sets';
import { renderForm } from '../printing/forms';
import type { DossierListFilter } from '../services/dossier-service';
import { requireStaff, requireStaffOrScope } from './auth';
import { portalExportQuerySchema } from '../protocol/integration';
import { portalCsv } from '../domain/portal';
import { FORM_CSP } from './security-headers';
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
    const { staff } = requireStaffOrScope(res, 'dossiers:read');
    const query = parse(dossierListQuerySchema, req.query, 'query');
    const filter: DossierListFilter = {};
    if (query.ticketId !== undefined) filter.ticketId = query.ticketId;
    if (query.code !== undefined) filter.code = query.code;
    // a program has no dossiers of its own: `mine` means nothing for a key
    if (query.mine === '1' && staff) filter.clerkId = staff.id;
    if (query.day !== undefined) filter.day = query.day;
    if (query.status !== undefined) filter.status = query.status;
    if (query.atRisk === '1') filter.atRisk = true;
    res.json(await s.dossiers.list(filter));
  });

  /**
   * The dossiers in the national portal's names (domain/portal.ts,
   * docs/api/integration.md): JSON, or CSV with `?format=csv`.
   */
  r.get('/dossiers/portal-export', async (req, res) => {
    requireStaffOrScope(res, 'dossiers:read');
    const query = parse(portalExportQuerySchema, req.query, 'query');
    const rows = await s.dossiers.portalExport({ from: query.from, to: query.to });
    if (query.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .set('content-disposition', 'attachment; filename="ho-so-dvcqg.csv"')
        .send(`\uFEFF${portalCsv(rows)}`);
      return;
    }
    res.json(rows);
  });

  r.get('/dossiers/:id', async (req, res) => {
    requireStaffOrScope(res, 'dossiers:read');
    res.json(await s.dossiers.get(parse(dossierIdSchema, req.params.id, 'id')));
  });

  /**
   * Printable forms: /api/dossiers/:id/forms/NN.html, NN the number in the
   * office's form set (2025: 01–06, 05 the stop notice, 06 the control
   * slip; 2018: 01–05), or the form's key in any set (`receipt`,
   * `supplement`, `refusal`, `apology`, `stop`, `control`). `?notice=<id>`
   * prints an older Mẫu 02/03/04.
   */
  r.get('/dossiers/:id/forms/:file', async (req, res) => {
    requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const { office, dossier } = await s.dossiers.forms(id);
    const set = officeFormSet(office.settings);
    const m = /^([0-9]{2}|[a-z]+)\.html$/.exec(req.params.file);
    const form = m ? resolveForm(set, m[1]!) : undefined;
    if (!form) {
      throw new DomainError(
        'FORM_NOT_FOUND',
        set === '2018'
          ? 'Bộ biểu mẫu 2018 có các mẫu 01 đến 05 (ví dụ 01.html).'
          : 'Bộ biểu mẫu Thông tư 03/2025 có các mẫu 01 đến 06 (ví dụ 01.html; sổ theo dõi là /api/reports/ledger).',
        404,
      );
    }
    const noticeId = req.query.notice === undefined ? undefined : parse(dossierIdSchema, req.query.notice, 'notice');
    const out = await renderForm(form, office, dossier, noticeId);
    if ('missing' in out) throw new DomainError('NOTICE_NOT_FOUND', out.missing, 404);
    res.type('text/html; charset=utf-8').set('content-security-policy', FORM_CSP).send(out.html);
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

  /** The result is ready: a clerk, or the handling agency's system with a `dossiers:write` key. */
  r.post('/dossiers/:id/resolve', async (req, res) => {
    const who = requireStaffOrScope(res, 'dossiers:write');
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.resolve(who.staff ?? who.key, id, parse(resolveBodySchema, req.body ?? {})));
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

  /**
   * The scan of a document received (Decree 118 Art. 17): the body is the
   * file itself (PDF, JPEG or PNG, ≤ 20 MB), `?pages=` its page count.
   */
  r.post('/dossiers/:id/documents/:index/file', express.raw({ type: () => true, limit: '20mb' }), async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const { index, pages } = parse(
      documentFileQuerySchema,
      { index: req.params.index, pages: req.query.pages },
      'query',
    );
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.json(
      await s.dossiers.storeDocumentFile(staff, id, index, { bytes, type: req.get('content-type') ?? '' }, pages),
    );
  });

  /** Mẫu 05 (2025 set): stop handling the dossier, with the reason and who asked. */
  r.post('/dossiers/:id/stop', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    res.json(await s.dossiers.stop(staff, id, parse(stopBodySchema, req.body ?? {})));
  });

  /** The 2018 name, kept: the citizen asks to stop (`requestedBy` defaults to `citizen`). */
  r.post('/dossiers/:id/withdraw', async (req, res) => {
    const staff = requireStaff(res);
    const id = parse(dossierIdSchema, req.params.id, 'id');
    const body = parse(stopBodySchema, { requestedBy: 'citizen', ...(req.body ?? {}) });
    res.json(await s.dossiers.stop(staff, id, body));
  });

  return r;
}
