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
import * as countersDb from '../db/queries/counters';
import * as devicesDb from '../db/queries/devices';
import * as officeDb from '../db/queries/office';
import * as printJobsDb from '../db/queries/print-jobs';
import { DomainError, notFound } from '../domain/errors';
import type { Device } from '../domain/model';
import { toIsoWithOffset, zonedParts } from '../domain/time';
import { PrintQueue, type PrintJob, type PrinterStatus } from '../printing/print-queue';
import { PRINTER_PROFILES, resolveProfile } from '../printing/profiles';
import { renderTestPage } from '../printing/test-page';
import { renderTicket, type PrinterProfile, type TicketLabels } from '../printing/ticket-layout';
import {
  formatPrinterAddress,
  listSerialPorts,
  listUsbPrinters,
  parsePrinterAddress,
  PrinterError,
  queryPrinterStatus,
  sendToPrinter,
  type PrinterAddress,
} from '../printing/transport';
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
  /**
   * How often an idle printer is asked its status, so a printer out of
   * paper is seen before a citizen presses; default 30 s, 0 never.
   */
  statusPollMs?: number;
}

interface KioskPrinter {
  /** The kiosk, or for a counter's printer the counter (id, name). */
  device: Pick<Device, 'id' | 'name'>;
  kind: 'kiosk' | 'counter';
  settings: PrinterSettings;
  profile: PrinterProfile;
  address: PrinterAddress;
}

/** What each state means for a person, with the kiosk's name. */
function stateMessage(state: PrinterStatus['state'], name: string, waiting: string): string {
  const later = ' Phiếu sẽ được in khi máy in hoạt động lại.';
  switch (state) {
    case 'ok':
      return `Máy in của ${name} hoạt động bình thường${waiting}.`;
    case 'paper-low':
      return `Máy in của ${name} sắp hết giấy — hãy thay cuộn giấy mới${waiting}.`;
    case 'paper-out':
      return `Máy in của ${name} hết giấy — hãy lắp cuộn giấy mới${waiting}.${later}`;
    case 'cover-open':
      return `Máy in của ${name} đang mở nắp — hãy đóng nắp máy in${waiting}.${later}`;
    case 'offline':
      return `Máy in của ${name} mất kết nối (tắt máy, rút cáp hoặc sai địa chỉ)${waiting}.${later}`;
    case 'error':
      return `Máy in của ${name} báo lỗi (kẹt giấy hoặc lỗi dao cắt?)${waiting}.${later}`;
  }
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
/** Counter printers are kept by counter number, as the office settings (`counterPrinters`) key them. */
const counterPrinterIdOf = (counterNumber: number) => `counter-${counterNumber}`;

export class PrintService {
  private readonly queue: PrintQueue;
  private readonly printers = new Map<string, KioskPrinter>();
  /** Jobs whose kiosk no longer has a printer: kept in the table and reported, never dropped. */
  private orphans: PrintJob[] = [];
  /** Last state written to each printer's device settings. */
  private readonly recorded = new Map<string, string>();
  private pollTimer: NodeJS.Timeout | null = null;
  /** Set by close(): late answers of printers no longer touch the (closed) database. */
  private closed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly opts: PrintServiceOptions,
  ) {
    this.queue = new PrintQueue({
      now: ctx.clock,
      send: (address, data, printerId) =>
        sendToPrinter(address, data, {
          statusCheck: this.printers.get(printerId)?.settings.statusCheck ?? true,
          // the job being sent is still pending: more than one means others wait behind it
          statusAfter: this.queue.pendingJobs(printerId).length <= 1,
        }),
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
    const { office, counters } = await this.ctx.db.read(async (q) => ({
      office: await officeDb.getOffice(q),
      counters: await countersDb.listCounters(q),
    }));
    const counterPrinters = (office?.settings.counterPrinters ?? {}) as Record<string, PrinterSettings | undefined>;
    for (const counter of counters) {
      const settings = counterPrinters[String(counter.number)];
      if (settings) this.configureCounter(counter, settings);
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
    const every = this.opts.statusPollMs ?? 30_000;
    if (every > 0) {
      void this.probeIdle();
      this.pollTimer = setInterval(() => void this.probeIdle(), every);
      this.pollTimer.unref();
    }
  }

  /** Stops polling and retries; resolves once the sends under way have recorded their outcome. */
  close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.queue.close();
    return this.queue.settled();
  }

  /** Asks each idle printer how it is (a printer with jobs reports through its sends). */
  private async probeIdle(): Promise<void> {
    await Promise.all(
      [...this.printers.entries()].map(async ([id, printer]) => {
        if (printer.settings.statusCheck === false || !this.queue.isIdle(id)) return;
        try {
          const status = await queryPrinterStatus(printer.address, { timeoutMs: 5000 });
          if (!this.closed && this.printers.get(id) === printer) this.queue.reportProbe(id, { status });
        } catch (err) {
          if (!this.closed && err instanceof PrinterError && this.printers.get(id) === printer) {
            this.queue.reportProbe(id, { error: err });
          }
        }
      }),
    );
  }

  /** The printer setting a kiosk has: its own, else the demo printer for the demo kiosk, else none. */
  private settingsOf(device: Device): PrinterSettings | null {
    const own = device.settings.printer as PrinterSettings | undefined;
    if (own && typeof own.address === 'string') return own;
    if (this.opts.demoPrinter && device.id === this.opts.demoKioskId) {
      // API-CONTRACT.md: the demo printer takes Vietnamese through the code-page route.
      return { address: this.opts.demoPrinter, route: 'codepage', widthDots: 576, codePage: 52 };
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
    this.printers.set(id, { device, kind: 'kiosk', settings, profile: resolveProfile(settings), address });
    this.queue.setPrinter(id, address);
  }

  private configureCounter(counter: { id: number; number: number; name: string }, settings: PrinterSettings): void {
    const id = counterPrinterIdOf(counter.number);
    let address: PrinterAddress;
    try {
      address = parsePrinterAddress(settings.address);
    } catch (err) {
      console.error(`[print] ${counter.name}: ${(err as Error).message}`);
      address = { kind: 'none' };
    }
    if (address.kind === 'none') {
      this.printers.delete(id);
      return;
    }
    const device = { id: counter.id, name: counter.name };
    this.printers.set(id, { device, kind: 'counter', settings, profile: resolveProfile(settings), address });
    this.queue.setPrinter(id, address);
  }

  /** Sets a counter's receipt printer (admin): office setting `counterPrinters`, by counter number. */
  async setCounterPrinter(counterId: number, settings: PrinterSettings): Promise<PrinterStatusDto | null> {
    const counter = await this.ctx.db.tx(async (q) => {
      const c = await countersDb.getCounter(q, counterId);
      if (!c) throw notFound('COUNTER_NOT_FOUND', 'Không tìm thấy quầy này.', { counterId });
      const office = await officeDb.getOffice(q);
      if (!office) throw notFound('OFFICE_NOT_FOUND', 'Chưa khai báo cơ quan.');
      const printers = { ...((office.settings.counterPrinters ?? {}) as Record<string, unknown>) };
      printers[String(c.number)] = settings;
      await officeDb.updateOffice(q, { ...office, settings: { ...office.settings, counterPrinters: printers } });
      return c;
    });
    this.configureCounter(counter, settings);
    return this.counterStatus(counter.number);
  }

  counterStatus(counterNumber: number): PrinterStatusDto | null {
    const id = counterPrinterIdOf(counterNumber);
    return this.printers.has(id) ? this.toDto(this.queue.status(id)) : null;
  }

  /**
   * Queues a slip on a counter's printer (the dossier receipt) and waits for
   * its first attempt: printed, or held/queued and retried like kiosk
   * tickets (the clerk is told which). `settings` are the office's for that
   * counter, so a change made meanwhile is picked up.
   */
  async printCounterSlip(
    counter: { id: number; number: number; name: string },
    settings: PrinterSettings,
    render: (profile: PrinterProfile) => Uint8Array,
    label: string,
  ): Promise<{ printed: boolean; printer: PrinterStatusDto }> {
    const id = counterPrinterIdOf(counter.number);
    const current = this.printers.get(id);
    if (!current || JSON.stringify(current.settings) !== JSON.stringify(settings)) {
      this.configureCounter(counter, settings);
    }
    const printer = this.printers.get(id);
    if (!printer) throw new DomainError('NO_COUNTER_PRINTER', `${counter.name} chưa có máy in nhiệt.`, 409);
    const job = await this.queue.enqueue(id, render(printer.profile), { label });
    const printed = await this.queue.nextAttempt(job.id);
    return { printed, printer: this.toDto(this.queue.status(id))! };
  }

  /** Queues the test page on a counter's printer. */
  async printCounterTestPage(counterId: number): Promise<PrinterStatusDto> {
    const counter = await this.ctx.db.read((q) => countersDb.getCounter(q, counterId));
    const id = counter ? counterPrinterIdOf(counter.number) : '';
    if (!counter || !this.printers.has(id)) {
      throw notFound('PRINTER_NOT_FOUND', 'Quầy này chưa được cấu hình máy in.', { counterId });
    }
    return this.testPageOn(id);
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
      printer.profile,
    );
    return this.queue.enqueue(printerIdOf(deviceId), bytes, { label: `Phiếu ${ticket.number}` });
  }

  /**
   * Queues the test page (every Vietnamese letter with every tone, once per
   * route) on a kiosk's printer, behind its pending tickets.
   */
  async printTestPage(deviceId: number): Promise<PrinterStatusDto> {
    const id = printerIdOf(deviceId);
    if (!this.printers.has(id)) {
      throw notFound('PRINTER_NOT_FOUND', 'Kiosk này chưa được cấu hình máy in.', { deviceId });
    }
    return this.testPageOn(id);
  }

  private async testPageOn(id: string): Promise<PrinterStatusDto> {
    const printer = this.printers.get(id)!;
    const office = await this.ctx.db.read((q) => officeDb.getOffice(q));
    const p = zonedParts(this.ctx.clock(), office?.timeZone ?? 'Asia/Ho_Chi_Minh');
    const two = (n: number) => String(n).padStart(2, '0');
    const bytes = renderTestPage(
      {
        title: `${printer.device.name} - ${formatPrinterAddress(printer.address)}`,
        at: `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`,
      },
      printer.profile,
    );
    await this.queue.enqueue(id, bytes, { label: 'Trang in thử' });
    return this.toDto(this.queue.status(id))!;
  }

  /** Drops held jobs by staff choice (all, or the given ids); answers the new state. */
  async dropJobs(deviceId: number, jobIds?: string[]): Promise<{ dropped: number; printer: PrinterStatusDto }> {
    const id = printerIdOf(deviceId);
    if (!this.printers.has(id))
      throw notFound('PRINTER_NOT_FOUND', 'Kiosk này chưa được cấu hình máy in.', { deviceId });
    const dropped = await this.queue.drop(id, jobIds);
    return { dropped, printer: this.toDto(this.queue.status(id))! };
  }

  /** The shipped profiles, for the admin's form. */
  profiles() {
    return PRINTER_PROFILES;
  }

  /** What is plugged into this server: USB printers (vendor/product id) and serial ports. */
  async attached(): Promise<{
    usb: Awaited<ReturnType<typeof listUsbPrinters>>;
    serial: Awaited<ReturnType<typeof listSerialPorts>>;
    errors: string[];
  }> {
    const errors: string[] = [];
    const usb = await listUsbPrinters().catch((err: unknown) => {
      errors.push(`USB: ${(err as Error).message}`);
      return [];
    });
    const serial = await listSerialPorts().catch((err: unknown) => {
      errors.push(`serial: ${(err as Error).message}`);
      return [];
    });
    return { usb, serial, errors };
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
    if (this.closed) return;
    const key = `${dto.state}|${dto.lastError?.code ?? ''}`;
    const printer = this.printers.get(dto.printerId);
    if (!printer || printer.kind !== 'kiosk' || this.recorded.get(dto.printerId) === key) return;
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
    const message = stateMessage(s.state, name, waiting);
    return {
      printerId: s.printerId,
      kind: printer.kind,
      deviceId: printer.device.id,
      deviceName: name,
      address: formatPrinterAddress(printer.address),
      route: printer.profile.route,
      widthDots: printer.profile.widthDots,
      profile: printer.settings.profile ?? null,
      state: s.state,
      pending: s.pending,
      jobs: this.queue.pendingJobs(s.printerId).map((j) => ({
        id: j.id,
        label: j.label ?? null,
        createdAt: toIsoWithOffset(j.createdAt),
      })),
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
