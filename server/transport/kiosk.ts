/**
 * Kiosk: taking a ticket (POST /api/tickets) and printing it, the kiosk's
 * header data, the ticket's QR code, and the kiosk printers for staff.
 */
import { Router, type Request } from 'express';
import QRCode from 'qrcode';
import * as officeDb from '../db/queries/office';
import { toIsoWithOffset } from '../domain/time';
import type { IssuedTicketDto, KioskConfigDto } from '../protocol/dto';
import { DomainError } from '../domain/errors';
import {
  createTicketBodySchema,
  dropJobsSchema,
  idempotencyKeySchema,
  positiveIdSchema,
  printerSettingsSchema,
  ticketIdSchema,
} from '../protocol/schemas';
import { requireDeviceOrStaff, requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

/** Seconds without a touch before the kiosk goes back to its start screen (issue #4). */
const KIOSK_IDLE_SECONDS = 30;

/** Where phones reach this server: MOTCUA_PUBLIC_URL, else the address the kiosk itself used. */
function baseUrl(s: Services, req: Request): string {
  return (s.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`) + s.basePath;
}

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
    // Only the kiosk (or staff) that issued it learns the ticket's key: it goes into the QR, on screen and paper.
    const issued: IssuedTicketDto = {
      ...ticket,
      ticketKey: s.ticketKeys.keyFor(ticket.id),
      phoneUrl: s.ticketKeys.phoneUrl(baseUrl(s, req), ticket.id),
    };
    res.status(created ? 201 : 200).json(issued);
    // The ticket is committed and answered; the paper follows (a printer that is off never holds the citizen up).
    const device = caller.device;
    if (created && device) {
      s.printing
        .printTicket(ticket, device.id, { phoneUrl: issued.phoneUrl, lang: body.lang ?? 'vi' })
        .catch((err: unknown) => console.error(`[print] ticket ${ticket.number} could not be queued`, err));
    }
  });

  r.get('/kiosk/config', async (_req, res) => {
    const device = res.locals.caller.device;
    const office = await s.ctx.db.read((q) => officeDb.getOffice(q));
    const body: KioskConfigDto = {
      officeName: office?.name ?? '',
      parentName: office?.parentName ?? '',
      officeCode: office?.code ?? '',
      serverTime: toIsoWithOffset(s.ctx.clock(), office?.timeZone),
      device: device ? { id: device.id, name: device.name } : null,
      printer: device?.kind === 'kiosk' ? s.printing.statusOf(device.id) : null,
      idleSeconds: KIOSK_IDLE_SECONDS,
      timeZone: office?.timeZone ?? 'Asia/Ho_Chi_Minh',
      priorityStep: office?.settings.kioskPriorityStep !== false,
    };
    res.json(body);
  });

  /**
   * The live ticket page's address, with the ticket's key, as a QR code (the
   * kiosk shows it beside the number): `?k=<ticketKey>` from the issuing
   * answer is required, so the id alone never yields the key.
   */
  r.get('/tickets/:id/qr.svg', async (req, res) => {
    const id = parse(ticketIdSchema, req.params.id, 'id');
    const key = typeof req.query.k === 'string' ? req.query.k : undefined;
    if (!s.ticketKeys.matches(id, key)) {
      throw new DomainError(
        'TICKET_KEY_INVALID',
        'Mã của phiếu không đúng: chỉ máy kiosk đã in phiếu mới hiện được mã QR.',
        403,
      );
    }
    await s.queue.getTicket(id); // 404 for a ticket that does not exist
    const svg = await QRCode.toString(s.ticketKeys.phoneUrl(baseUrl(s, req), id), {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    res.type('image/svg+xml').set('cache-control', 'private, max-age=86400').send(svg);
  });

  r.get('/printers', (_req, res) => {
    requireStaff(res);
    res.json({ printers: s.printing.statuses(), unassignedJobs: s.printing.orphanJobs() });
  });

  r.put('/printers/:deviceId', async (req, res) => {
    requireStaff(res, ['admin']);
    const deviceId = parse(positiveIdSchema, req.params.deviceId, 'deviceId');
    const settings = parse(printerSettingsSchema, req.body);
    res.json({ printer: await s.printing.setPrinter(deviceId, settings) });
  });

  r.post('/printers/:deviceId/retry', (req, res) => {
    requireStaff(res);
    const deviceId = parse(positiveIdSchema, req.params.deviceId, 'deviceId');
    res.json({ printer: s.printing.retryNow(deviceId) });
  });

  /** A counter's receipt printer (admin): address, profile or route, as a kiosk's. */
  r.put('/counters/:counterId/printer', async (req, res) => {
    requireStaff(res, ['admin']);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    const settings = parse(printerSettingsSchema, req.body);
    res.json({ printer: await s.printing.setCounterPrinter(counterId, settings) });
  });

  r.post('/counters/:counterId/printer/test-page', async (req, res) => {
    requireStaff(res, ['admin']);
    const counterId = parse(positiveIdSchema, req.params.counterId, 'counterId');
    res.status(202).json({ printer: await s.printing.printCounterTestPage(counterId) });
  });

  /** The shipped printer profiles (models), for the admin's form. */
  r.get('/printers/profiles', (_req, res) => {
    requireStaff(res);
    res.json({ profiles: s.printing.profiles() });
  });

  /** USB printers and serial ports plugged into the server, to choose from. */
  r.get('/printers/attached', async (_req, res) => {
    requireStaff(res, ['admin']);
    res.json(await s.printing.attached());
  });

  r.post('/printers/:deviceId/test-page', async (req, res) => {
    requireStaff(res, ['admin']);
    const deviceId = parse(positiveIdSchema, req.params.deviceId, 'deviceId');
    res.status(202).json({ printer: await s.printing.printTestPage(deviceId) });
  });

  /** Staff choose not to print held tickets (e.g. already called): the given jobs, or all. */
  r.post('/printers/:deviceId/drop', async (req, res) => {
    requireStaff(res);
    const deviceId = parse(positiveIdSchema, req.params.deviceId, 'deviceId');
    const body = parse(dropJobsSchema, req.body ?? {});
    res.json(await s.printing.dropJobs(deviceId, body.jobIds));
  });

  return r;
}
