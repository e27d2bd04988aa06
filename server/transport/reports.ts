/** Reports for the supervisor and the administrator (DOMAIN.md §6; docs/api/reports.md). */
import express, { Router } from 'express';
import * as officeDb from '../db/queries/office';
import { exportFormatSchema, paperRatingsBodySchema, periodQuerySchema } from '../protocol/reports';
import { DomainError } from '../domain/errors';
import { officeFormSet } from '../domain/form-sets';
import {
  CSV_TYPE,
  dossierReportCsv,
  ledgerWorkbook,
  queueTables,
  reportWorkbook,
  tableCsv,
  XLSX_TYPE,
  type SheetHeader,
} from '../services/report-export';
import { renderBieu06 } from '../printing/bieu06';
import { requireStaff, requireStaffOrScope } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export const REPORT_ROLES = ['supervisor', 'admin'] as const;

export async function sheetHeader(s: Services): Promise<SheetHeader> {
  const office = await s.ctx.db.read((q) => officeDb.getOffice(q));
  return {
    officeName: office?.name ?? '',
    parentName: office?.parentName ?? '',
    formSet: officeFormSet(office?.settings ?? {}),
  };
}

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\w.-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function reportRoutes(s: Services): Router {
  const r = Router();

  r.get('/reports/queue', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.queueReport(from, to));
  });

  /** The estimated wait's error: announced at issue vs the real wait (docs/api/reports.md). */
  r.get('/reports/estimates', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.estimateReport(from, to));
  });

  r.get('/reports/queue/export', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    const format = parse(exportFormatSchema, req.query.format ?? 'xlsx', 'format');
    const report = await s.reports.queueReport(from, to);
    if (format === 'xlsx') {
      const buf = await reportWorkbook(await sheetHeader(s), report, null);
      res
        .type(XLSX_TYPE)
        .set('content-disposition', attachment(`bao-cao-lay-so_${from}_${to}.xlsx`))
        .send(buf);
      return;
    }
    const tables = queueTables(report);
    const asked = req.query.table ?? 'byDay';
    // Object.hasOwn: `constructor`, `__proto__`, `toString` are not tables
    if (typeof asked !== 'string' || !Object.hasOwn(tables, asked)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `Không có bảng "${String(asked)}". Các bảng: ${Object.keys(tables).join(', ')}.`,
        400,
        {
          field: 'table',
        },
      );
    }
    const name = asked;
    const t = tables[name]!;
    res
      .type(CSV_TYPE)
      .set('content-disposition', attachment(`bao-cao-lay-so_${name}_${from}_${to}.csv`))
      .send(tableCsv(t.columns, t.rows));
  });

  r.get('/reports/dossiers', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.dossierReport(from, to));
  });

  r.get('/reports/dossiers/breakdown', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.dossierBreakdown(from, to));
  });

  /** Biểu 06/VPCP/KSTT of the period, printable (A4 landscape HTML). */
  r.get('/reports/bieu06.html', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    const [report, breakdown] = await Promise.all([
      s.reports.dossierReport(from, to),
      s.reports.dossierBreakdown(from, to),
    ]);
    res.type('text/html; charset=utf-8').send(renderBieu06(await sheetHeader(s), report, breakdown));
  });

  r.get('/reports/index766', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.index766(from, to));
  });

  r.get('/reports/dossiers/at-risk', async (_req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    res.json(await s.reports.atRisk());
  });

  /** The dossiers of the period in the import's CSV columns (csv), or the dossier report (xlsx). */
  r.get('/reports/dossiers/export', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    const format = parse(exportFormatSchema, req.query.format ?? 'csv', 'format');
    if (format === 'csv') {
      const csv = await s.reports.exportCsv(from, to);
      res
        .type(CSV_TYPE)
        .set('content-disposition', attachment(`ho-so_${from}_${to}.csv`))
        .send(csv);
      return;
    }
    const [report, breakdown, index766] = await Promise.all([
      s.reports.dossierReport(from, to),
      s.reports.dossierBreakdown(from, to),
      s.reports.index766(from, to),
    ]);
    const buf = await reportWorkbook(await sheetHeader(s), null, report, breakdown, index766);
    res
      .type(XLSX_TYPE)
      .set('content-disposition', attachment(`bao-cao-ho-so_${from}_${to}.xlsx`))
      .send(buf);
  });

  /** Everything of the period in one workbook (xlsx), or the dossier report table (csv). */
  r.get('/reports/export', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    const format = parse(exportFormatSchema, req.query.format ?? 'xlsx', 'format');
    const report = await s.reports.dossierReport(from, to);
    if (format === 'csv') {
      res
        .type(CSV_TYPE)
        .set('content-disposition', attachment(`bao-cao-ho-so_${from}_${to}.csv`))
        .send(dossierReportCsv(report));
      return;
    }
    const [breakdown, queue, index766] = await Promise.all([
      s.reports.dossierBreakdown(from, to),
      s.reports.queueReport(from, to),
      s.reports.index766(from, to),
    ]);
    const buf = await reportWorkbook(await sheetHeader(s), queue, report, breakdown, index766);
    res
      .type(XLSX_TYPE)
      .set('content-disposition', attachment(`bao-cao_${from}_${to}.xlsx`))
      .send(buf);
  });

  /** Sổ theo dõi hồ sơ (Mẫu 06) of the dossiers received in the period, A4 landscape .xlsx. */
  r.get('/reports/ledger', async (req, res) => {
    requireStaffOrScope(res, 'reports:read', REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    const { tz, rows } = await s.reports.ledger(from, to);
    const buf = await ledgerWorkbook(await sheetHeader(s), { from, to }, rows, tz);
    res
      .type(XLSX_TYPE)
      .set('content-disposition', attachment(`so-theo-doi-ho-so_${from}_${to}.xlsx`))
      .send(buf);
  });

  // Who is calling is checked before a byte of the (up to 50 MB) body is read.
  const reportStaffFirst: express.RequestHandler = (_req, res, next) => {
    requireStaff(res, REPORT_ROLES);
    next();
  };
  r.post('/dossiers/import', reportStaffFirst, express.raw({ type: () => true, limit: '50mb' }), async (req, res) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainError('CSV_INVALID', 'Chưa gửi nội dung tệp CSV (UTF-8).', 400, { field: 'body' });
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new DomainError('CSV_NOT_UTF8', 'Tệp CSV phải dùng bảng mã UTF-8. Hãy lưu lại tệp dạng "CSV UTF-8".', 400, {
        field: 'body',
      });
    }
    res.json(await s.reports.importCsv(text));
  });

  r.post('/ratings/paper', async (req, res) => {
    const staff = requireStaff(res, REPORT_ROLES);
    const body = parse(paperRatingsBodySchema, req.body);
    res.status(201).json(await s.reports.addPaperRatings(body, staff));
  });

  return r;
}
