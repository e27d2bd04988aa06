/** Reports for the supervisor and the administrator (DOMAIN.md §6; docs/api/reports.md). */
import { Router } from 'express';
import * as officeDb from '../db/queries/office';
import { exportFormatSchema, paperRatingsBodySchema, periodQuerySchema } from '../protocol/reports';
import {
  CSV_TYPE,
  queueTables,
  reportWorkbook,
  tableCsv,
  XLSX_TYPE,
  type SheetHeader,
} from '../services/report-export';
import { requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export const REPORT_ROLES = ['supervisor', 'admin'] as const;

export async function sheetHeader(s: Services): Promise<SheetHeader> {
  const office = await s.ctx.db.read((q) => officeDb.getOffice(q));
  return { officeName: office?.name ?? '', parentName: office?.parentName ?? '' };
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
    requireStaff(res, REPORT_ROLES);
    const { from, to } = parse(periodQuerySchema, req.query, 'query');
    res.json(await s.reports.queueReport(from, to));
  });

  r.get('/reports/queue/export', async (req, res) => {
    requireStaff(res, REPORT_ROLES);
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
    const name = typeof req.query.table === 'string' && req.query.table in tables ? req.query.table : 'byDay';
    const t = tables[name]!;
    res
      .type(CSV_TYPE)
      .set('content-disposition', attachment(`bao-cao-lay-so_${name}_${from}_${to}.csv`))
      .send(tableCsv(t.columns, t.rows));
  });

  r.post('/ratings/paper', async (req, res) => {
    const staff = requireStaff(res, REPORT_ROLES);
    const body = parse(paperRatingsBodySchema, req.body);
    res.status(201).json(await s.reports.addPaperRatings(body, staff));
  });

  return r;
}
