/**
 * Office administration (/api/admin/…), administrators only: parse with
 * the protocol schema → AdminService (one transaction, audited) → reply.
 * `adminGate` guards every /api/admin path, whichever router serves it
 * (tests walk the app's routes and check each one refuses clerks,
 * supervisors and devices).
 */
import express, { Router, type Request, type Response } from 'express';
import { rmSync } from 'node:fs';
import QRCode from 'qrcode';
import { DomainError } from '../domain/errors';
import { serviceDay } from '../domain/time';
import { holidaysQuerySchema } from '../protocol/dossiers';
import {
  auditQuerySchema,
  calendarEditsBodySchema,
  type CalendarYearDto,
  counterBodySchema,
  deviceCreateSchema,
  fieldBodySchema,
  officeBodySchema,
  passwordResetSchema,
  qrBodySchema,
  procedureBodySchema,
  loginUnlockSchema,
  staffCreateSchema,
  staffUpdateSchema,
} from '../protocol/admin';
import { positiveIdSchema } from '../protocol/schemas';
import type { Staff } from '../domain/model';
import { requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

type Method = 'get' | 'post' | 'put' | 'delete';
type Handler = (req: Request, res: Response, admin: Staff) => Promise<void>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const id = (req: Request) => parse(positiveIdSchema, req.params.id, 'id');

/** Mounted on /api/admin before every router: the whole area is for administrators, before any body is read. */
export const adminGate: express.RequestHandler = (req, res, next) => {
  // a program whose integration key holds `webhooks:manage` manages webhooks (and nothing else of the admin area)
  const key = res.locals.caller.integration;
  if (key && /^\/webhooks(\/|$)/.test(req.path) && key.scopes.includes('webhooks:manage')) {
    next();
    return;
  }
  requireStaff(res, ['admin']);
  next();
};

export function adminRoutes(s: Services): Router {
  const r = Router();
  const a = s.admin;

  const route = (method: Method, path: string, handler: Handler, ...pre: express.RequestHandler[]) => {
    r[method](path, ...pre, async (req: Request, res: Response) => {
      await handler(req, res, requireStaff(res, ['admin']));
    });
  };

  route('get', '/admin/office', async (_req, res) => {
    res.json(await a.getOffice());
  });
  route('put', '/admin/office', async (req, res, admin) => {
    res.json(await a.updateOffice(admin, parse(officeBodySchema, req.body)));
  });

  route('get', '/admin/fields', async (_req, res) => {
    res.json(await a.listFields());
  });
  route('post', '/admin/fields', async (req, res, admin) => {
    res.status(201).json(await a.createField(admin, parse(fieldBodySchema, req.body)));
  });
  route('put', '/admin/fields/:id', async (req, res, admin) => {
    const fieldId = id(req);
    res.json(await a.updateField(admin, fieldId, parse(fieldBodySchema, req.body)));
  });

  route('get', '/admin/procedures', async (_req, res) => {
    res.json(await a.listProcedures());
  });
  route('post', '/admin/procedures', async (req, res, admin) => {
    res.status(201).json(await a.saveProcedure(admin, null, parse(procedureBodySchema, req.body)));
  });
  route('put', '/admin/procedures/:id', async (req, res, admin) => {
    const procedureId = id(req);
    res.json(await a.saveProcedure(admin, procedureId, parse(procedureBodySchema, req.body)));
  });
  route(
    'post',
    '/admin/procedures/import',
    async (req, res, admin) => {
      let rows;
      if (Buffer.isBuffer(req.body)) rows = await a.sheetRows({ xlsx: req.body });
      else if (typeof req.body === 'string') rows = await a.sheetRows({ csv: req.body });
      else {
        throw new DomainError('VALIDATION_ERROR', 'Hãy gửi tệp CSV (text/csv, UTF-8) hoặc Excel (.xlsx).', 415, {
          field: 'content-type',
        });
      }
      res.json(await a.importProcedures(admin, rows));
    },
    express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' }),
    express.raw({ type: XLSX_TYPE, limit: '10mb' }),
  );

  route('get', '/admin/counters', async (_req, res) => {
    res.json(await a.listCounters());
  });
  route('post', '/admin/counters', async (req, res, admin) => {
    res.status(201).json(await a.saveCounter(admin, null, parse(counterBodySchema, req.body)));
  });
  route('put', '/admin/counters/:id', async (req, res, admin) => {
    const counterId = id(req);
    res.json(await a.saveCounter(admin, counterId, parse(counterBodySchema, req.body)));
  });

  route('get', '/admin/staff', async (_req, res) => {
    res.json(await a.listStaff());
  });
  route('post', '/admin/staff', async (req, res, admin) => {
    res.status(201).json(await a.createStaff(admin, parse(staffCreateSchema, req.body)));
  });
  route('put', '/admin/staff/:id', async (req, res, admin) => {
    const staffId = id(req);
    res.json(await a.updateStaff(admin, staffId, parse(staffUpdateSchema, req.body)));
  });
  route('post', '/admin/staff/:id/disable', async (req, res, admin) => {
    res.json(await a.setStaffDisabled(admin, id(req), true));
  });
  route('post', '/admin/staff/:id/enable', async (req, res, admin) => {
    res.json(await a.setStaffDisabled(admin, id(req), false));
  });
  route('get', '/admin/login-locks', async (_req, res) => {
    res.json(s.staff.loginLocks());
  });
  route('post', '/admin/login-locks/unlock', async (req, res, admin) => {
    const { kind, name } = parse(loginUnlockSchema, req.body);
    res.json(await s.staff.unlockLogin(admin, kind, name));
  });
  route('post', '/admin/staff/:id/reset-password', async (req, res, admin) => {
    const staffId = id(req);
    res.json(await a.resetPassword(admin, staffId, parse(passwordResetSchema, req.body).password));
  });

  route('get', '/admin/devices', async (_req, res) => {
    res.json(await a.listDevices());
  });
  route('post', '/admin/devices', async (req, res, admin) => {
    const created = await a.createDevice(admin, parse(deviceCreateSchema, req.body));
    // the page to open on the device is its office's (a province: /o/<code>/…)
    res.status(201).json({ ...created, pairingPath: s.basePath + created.pairingPath });
  });
  route('post', '/admin/devices/:id/revoke', async (req, res, admin) => {
    res.json(await a.revokeDevice(admin, id(req)));
  });

  const year = (req: Request) => parse(holidaysQuerySchema, { year: req.params.year }, 'year').year;
  const calendarYear = async (y: number): Promise<CalendarYearDto> => ({
    year: y,
    days: await s.calendar.holidays(y),
    edits: await a.calendarEdits(y),
    official: await s.calendar.official(y),
  });
  route('get', '/admin/calendar/:year', async (req, res) => {
    res.json(await calendarYear(year(req)));
  });
  route('put', '/admin/calendar/:year', async (req, res, admin) => {
    const y = year(req);
    const { edits } = parse(calendarEditsBodySchema, req.body);
    await s.calendar.setEdits(
      y,
      edits.map((e) => (e.name ? { date: e.date, kind: e.kind, name: e.name } : { date: e.date, kind: e.kind })),
      admin.id,
    );
    res.json(await calendarYear(y));
  });

  /** Import a year's official schedule (the shipped files' format); it applies at once. */
  route('put', '/admin/calendar/:year/official', async (req, res, admin) => {
    const y = year(req);
    await s.calendar.importOfficial(y, req.body, admin.id);
    res.json(await calendarYear(y));
  });
  route('delete', '/admin/calendar/:year/official', async (req, res, admin) => {
    const y = year(req);
    await s.calendar.removeImportedOfficial(y, admin.id);
    res.json(await calendarYear(y));
  });

  route('post', '/admin/qr', async (req, res) => {
    const { text } = parse(qrBodySchema, req.body);
    res.json({ svg: await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) });
  });

  route('get', '/admin/audit', async (req, res) => {
    const query = parse(auditQuerySchema, req.query, 'query');
    res.json(await a.auditLog(query.limit, query.before, query.adminOnly === '1'));
  });

  route('get', '/admin/backups', async (_req, res) => {
    // storage "postgres": no files here, the database administrator backs up with pg_dump
    res.json({
      keepDays: s.backup.keepDays,
      directory: 'backups',
      files: await s.backup.list(),
      storage: s.ctx.db.kind,
    });
  });
  route('post', '/admin/backups/run', async (_req, res) => {
    const written = await s.backup.runDaily();
    res.json({ written: written !== null, files: await s.backup.list() });
  });
  route('get', '/admin/backup', async (_req, res, admin) => {
    const file = await s.backup.snapshot();
    try {
      await a.recordBackupDownload(admin);
      const day = serviceDay(s.ctx.clock(), (await a.getOffice()).timeZone);
      res.setHeader('content-type', 'application/vnd.sqlite3');
      res.setHeader('content-disposition', `attachment; filename="motcua-${day}.sqlite"`);
      await new Promise<void>((resolve, reject) => {
        res.sendFile(file, { dotfiles: 'allow', headers: { 'content-type': 'application/vnd.sqlite3' } }, (err) =>
          err ? reject(err) : resolve(),
        );
      });
    } finally {
      rmSync(file, { force: true });
    }
  });

  return r;
}
