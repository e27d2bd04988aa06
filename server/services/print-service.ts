/**
 * Printing queue tickets on the kiosks' thermal printers: each kiosk's
 * printer setting (device settings `printer`, or MOTCUA_DEMO_PRINTER for
 * the demo kiosk), the ESC/POS bytes of a ticket (printing/ticket-layout),
 * and one retrying print queue (printing/print-queue) whose pending jobs
 * live in the `print_jobs` table so a restart resumes them.
 *
 * Printing is never in the way of issuing: the ticket is committed and
 * answered first; a printer that is off only delays the paper, and its
 * state goes to staff on the bus (`printer:status`).
 */
import * as devicesDb from '../db/queries/devices';
import * as officeDb from '../db/queries/office';
import * as printJobsDb from '../db/queries/print-jobs';
import { DomainError, notFound } from '../domain/errors';
import type { Device } from '../domain/model';
import { toIsoWithOffset, zonedParts } from '../domain/time';
import { PrintQueue, type PrintJob, type PrinterStatus } from '../printing/print-queue';
import { renderTicket, type TicketLabels } from '../printing/ticket-layout';
import { formatPrinterAddress, parsePrinterAddress, type PrinterAddress } from '../printing/transport';
import type { PrinterStatusDto, TicketDto } from '../protocol/dto';
import type { PrinterSettings } from '../protocol/schemas';
import type { ServiceContext } from './context';

export const DEMO_KIOSK_KEY = 'demo-kiosk-1';

export interface PrintServiceOptions {
  /** `host:port` of the demo kiosk's printer (MOTCUA_DEMO_PRINTER), used while it has no setting of its own. */
  demoPrinter: string | null;
  /** The demo kiosk's device id, when the demo office is seeded. */
  demoKioskId: number | null;
  /** Retry delay after `failures` consecutive failures; default 1 s, 2 s, 4 s … 60 s. */
  backoffMs?: (failures: number) => number;
}

interface KioskPrinter {
  device: Device;
  settings: PrinterSettings;
  address: PrinterAddress;
}

type PrintLang = 'vi' | 'en';

const LABELS: Record<PrintLang, TicketLabels & { note: string }> = {
  vi: {
    heading: 'SỐ THỨ TỰ',
    issuedAt: 'Thời gian',
    waitingAhead: 'Số người đang chờ trước',
    note: 'Vui lòng chờ gọi số trên màn hình. Quét mã QR để theo dõi lượt của bạn.',
  },
  en: {
    heading: 'QUEUE NUMBER',
    issuedAt: 'Time',
    waitingAhead: 'People waiting before you',
    note: 'Please wait for your number on the screen. Scan the QR code to follow your turn.',
  },
};

const printerIdOf = (deviceId: number) => `kiosk-${deviceId}`;

export class PrintService {
  private readonly queue: PrintQueue;
  private readonly printers = new Map<string, KioskPrinter>();
  /** Jobs whose kiosk no longer has a printer: kept in the table and reported, never dropped. */
  private orphans: PrintJob[] = [];
  /** Last state written to each printer's device settings. */
  private readonly recorded = new Map<string, string>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly opts: PrintServiceOptions,
  ) {
    this.queue = new PrintQueue({
      now: ctx.clock,
      ...(opts.backoffMs ? { backoffMs: opts.backoffMs } : {}),
      persist: {
        save: (job) => ctx.db.tx((q) => printJobsDb.savePrintJob(q, job)),
        remove: (id) => ctx.db.tx((q) => printJobsDb.deletePrintJob(q, id)),
      },
      onStatus: (status) => {
        const dto = this.toDto(status);
        if (!dto) return;
        ctx.bus.emit('printer:status', dto);
        void this.recordState(dto);
      },
      onPersistError: (err, job) => console.error(`[print] could not store job ${job.id}`, err),
    });
  }

  /** Loads every kiosk's printer and puts back the jobs a previous run left pending. */
  async start(): Promise<void> {
    const devices = await this.ctx.db.read((q) => devicesDb.listDevices(q));
    for (const device of devices) {
      if (device.kind !== 'kiosk' || device.revokedAt !== null) continue;
      this.configure(device);
    }
    const jobs = await this.ctx.db.read((q) => printJobsDb.listPrintJobs(q));
    const known = jobs.filter((j) => this.printers.has(j.printerId));
    this.orphans = jobs.filter((j) => !this.printers.has(j.printerId));
    for (const job of this.orphans) {
      console.warn(
        `[print] job ${job.id} (${job.label ?? 'no label'}) waits for printer ${job.printerId}, which is not configured`,
      );
    }
    this.queue.restore(known);
  }

  close(): void {
    this.queue.close();
  }

  /** The printer setting a kiosk has: its own, else the demo printer for the demo kiosk, else none. */
  private settingsOf(device: Device): PrinterSettings | null {
    const own = device.settings.printer as PrinterSettings | undefined;
    if (own && typeof own.address === 'string') return own;
    if (this.opts.demoPrinter && device.id === this.opts.demoKioskId) {
      // API-CONTRACT.md: the demo printer takes Vietnamese through the code-page route.
      return { address: this.opts.demoPrinter, route: 'codepage', widthDots: 576 };
    }
    return null;
  }

  private configure(device: Device): void {
    const settings = this.settingsOf(device);
    const id = printerIdOf(device.id);
    this.recorded.delete(id);
    let address: PrinterAddress;
    try {
      address = settings ? parsePrinterAddress(settings.address) : { kind: 'none' };
    } catch (err) {
      console.error(`[print] kiosk ${device.name}: ${(err as Error).message}`);
      address = { kind: 'none' };
    }
    if (!settings || address.kind === 'none') {
      this.printers.delete(id);
      return;
    }
    this.printers.set(id, { device, settings, address });
    this.queue.setPrinter(id, address);
  }

  /**
   * Queues the paper ticket for the kiosk that issued it. Resolves once the
   * job is stored (not printed); does nothing for a kiosk without printer.
   */
  async printTicket(
    ticket: TicketDto,
    deviceId: number,
    /** `phoneUrl`: the ticket's phone link with its key (TicketKeys.phoneUrl), printed as the QR. */
    opts: { phoneUrl: string; lang?: PrintLang },
  ): Promise<PrintJob | null> {
    const printer = this.printers.get(printerIdOf(deviceId));
    if (!printer) return null;
    const office = await this.ctx.db.read((q) => officeDb.getOffice(q));
    const labels = LABELS[opts.lang ?? 'vi'];
    const p = zonedParts(new Date(ticket.issuedAt), office?.timeZone ?? 'Asia/Ho_Chi_Minh');
    const two = (n: number) => String(n).padStart(2, '0');
    const bytes = renderTicket(
      {
        officeName: office ? `${office.parentName}\n${office.name}` : '',
        number: ticket.number,
        fieldName: ticket.fieldName,
        issuedAt: `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`,
        waitingAhead: ticket.waitingAhead,
        qrUrl: opts.phoneUrl,
        note: labels.note,
        labels,
      },
      {
        route: printer.settings.route,
        widthDots: printer.settings.widthDots,
        ...(printer.settings.codePage !== undefined ? { codePage: printer.settings.codePage } : {}),
        ...(printer.settings.cancelKanji !== undefined ? { cancelKanji: printer.settings.cancelKanji } : {}),
      },
    );
    return this.queue.enqueue(printerIdOf(deviceId), bytes, { label: `Phiếu ${ticket.number}` });
  }

  /** Every configured kiosk printer's state (staff). */
  statuses(): PrinterStatusDto[] {
    return this.queue
      .statuses()
      .map((s) => this.toDto(s))
      .filter((d): d is PrinterStatusDto => d !== null);
  }

  /** The kiosk's own printer, or null. */
  statusOf(deviceId: number): PrinterStatusDto | null {
    const id = printerIdOf(deviceId);
    return this.printers.has(id) ? this.toDto(this.queue.status(id)) : null;
  }

  /** Jobs kept for a printer that is no longer configured (reported to staff). */
  orphanJobs(): Array<{ id: string; printerId: string; label: string | null; createdAt: string }> {
    return this.orphans.map((j) => ({
      id: j.id,
      printerId: j.printerId,
      label: j.label ?? null,
      createdAt: toIsoWithOffset(j.createdAt),
    }));
  }

  /** Skip the backoff wait (staff pressed "in lại"; the printer is back). */
  retryNow(deviceId: number): PrinterStatusDto {
    const id = printerIdOf(deviceId);
    if (!this.printers.has(id))
      throw notFound('PRINTER_NOT_FOUND', 'Kiosk này chưa được cấu hình máy in.', { deviceId });
    this.queue.retryNow(id);
    return this.toDto(this.queue.status(id))!;
  }

  /** Sets a kiosk's printer (admin); pending jobs go to the new address. */
  async setPrinter(deviceId: number, settings: PrinterSettings): Promise<PrinterStatusDto | null> {
    const device = await this.ctx.db.tx(async (q) => {
      const d = await devicesDb.getDevice(q, deviceId);
      if (!d || d.kind !== 'kiosk') throw notFound('DEVICE_NOT_FOUND', 'Không tìm thấy kiosk này.', { deviceId });
      if (d.revokedAt !== null) throw new DomainError('DEVICE_REVOKED', 'Kiosk này đã bị thu hồi.', 409);
      const next = { ...d.settings, printer: settings };
      await devicesDb.updateDeviceSettings(q, deviceId, next);
      return { ...d, settings: next };
    });
    this.configure(device);
    return this.statusOf(deviceId);
  }

  /**
   * Keeps the printer's last state beside its setting in the device's
   * settings (`printer.state/message/at`), which the admin's device list
   * shows. Written only when the state or error changes, not per job.
   */
  private async recordState(dto: PrinterStatusDto): Promise<void> {
    const key = `${dto.state}|${dto.lastError?.code ?? ''}`;
    const printer = this.printers.get(dto.printerId);
    if (!printer || this.recorded.get(dto.printerId) === key) return;
    this.recorded.set(dto.printerId, key);
    try {
      await this.ctx.db.tx(async (q) => {
        const d = await devicesDb.getDevice(q, dto.deviceId);
        if (!d) return;
        const current = (d.settings.printer ?? {}) as Record<string, unknown>;
        const at =
          dto.state === 'ok' ? (dto.lastPrintedAt ?? toIsoWithOffset(this.ctx.clock())) : (dto.lastError?.at ?? null);
        await devicesDb.updateDeviceSettings(q, d.id, {
          ...d.settings,
          printer: { ...current, state: dto.state, message: dto.message, at },
        });
      });
    } catch (err) {
      console.error(`[print] could not record the state of ${dto.printerId}`, err);
    }
  }

  private toDto(s: PrinterStatus): PrinterStatusDto | null {
    const printer = this.printers.get(s.printerId);
    if (!printer) return null;
    const iso = (d: Date | null) => (d ? toIsoWithOffset(d) : null);
    const name = printer.device.name;
    const waiting = s.pending > 0 ? ` — ${s.pending} phiếu đang chờ in` : '';
    const message =
      s.state === 'ok'
        ? `Máy in của ${name} hoạt động bình thường${waiting}.`
        : s.state === 'offline'
          ? `Máy in của ${name} mất kết nối (tắt máy, rút cáp hoặc sai địa chỉ)${waiting}. Phiếu sẽ được in lại khi máy in hoạt động.`
          : `Máy in của ${name} báo lỗi (hết giấy hoặc kẹt giấy?)${waiting}. Phiếu sẽ được in lại khi máy in hoạt động.`;
    return {
      printerId: s.printerId,
      deviceId: printer.device.id,
      deviceName: name,
      address: formatPrinterAddress(printer.address),
      route: printer.settings.route,
      widthDots: printer.settings.widthDots,
      state: s.state,
      pending: s.pending,
      lastError: s.lastError && {
        code: s.lastError.code,
        message: s.lastError.message,
        at: toIsoWithOffset(s.lastError.at),
      },
      lastPrintedAt: iso(s.lastPrintedAt),
      nextRetryAt: iso(s.nextRetryAt),
      message,
    };
  }
}
