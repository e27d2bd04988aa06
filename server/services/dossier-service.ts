/**
 * Dossiers over their lifecycle (DOMAIN.md §2): reception at the counter
 * with the appointment and code, supplement requests (Mẫu 02), refusals
 * (Mẫu 03), hand-overs (Mẫu 05), results, apology slips (Mẫu 04) and the
 * return to the citizen. Each operation: load → domain rule → store and
 * audit in ONE transaction → only then publish.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { officeFormSet, printableForms } from '../domain/form-sets';
import type { Batch, Executor } from '../db/database';
import type { WebhookEvent } from '../domain/integration';
import { toPortalDossier, type PortalDossier } from '../domain/portal';
import * as countersDb from '../db/queries/counters';
import * as dossiersDb from '../db/queries/dossiers';
import * as fieldsDb from '../db/queries/fields';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import * as ticketsDb from '../db/queries/tickets';
import { insertAudit } from '../db/queries/audit';
import type { WorkingCalendar } from '../domain/calendar';
import {
  STATUS_NAMES,
  apologyDeadline,
  assertCanReturn,
  assertSupplementAllowed,
  assertTransition,
  computeDueDate,
  currentDueAt,
  formatDossierCode,
  isAtRisk,
  isLate,
  pauseForSupplement,
  resumeAfterSupplement,
  deadlineOutcome,
  type Dossier,
  type DossierDocument,
  type DossierStatus,
} from '../domain/dossier';
import { DomainError, conflict, notFound } from '../domain/errors';
import type { Office, Staff } from '../domain/model';
import { fromZonedWallClock, serviceDay, toIsoWithOffset, zonedParts } from '../domain/time';
import type {
  ApologyBody,
  CreateDossierBody,
  DossierDto,
  DossierLookupDto,
  DossierNoticeDto,
  HandoverBody,
  ResolveBody,
  StopBody,
  ReturnBody,
  SupplementBody,
} from '../protocol/dossiers';
import { renderReceipt } from '../printing/receipt-layout';
import type { PrinterProfile } from '../printing/ticket-layout';
import type { PrintService } from './print-service';
import { parsePrinterAddress } from '../printing/transport';
import type { PrinterSettings } from '../protocol/schemas';
import type { CalendarService } from './calendar-service';
import type { ServiceContext } from './context';
import type { IntegrationCaller } from './integration-service';

export interface DossierListFilter {
  ticketId?: string;
  code?: string;
  clerkId?: number;
  day?: string;
  status?: DossierStatus;
  atRisk?: boolean;
}

/** Everything a printed form needs (office header, dossier, notices, people). */
export interface DossierForms {
  office: Office;
  dossier: DossierDto;
  clerkName: string | null;
}

const LIST_LIMIT = 200;
/** The portal export's most rows per request (ask by date range for more). */
const PORTAL_EXPORT_LIMIT = 5000;

export class DossierService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly calendars: CalendarService,
    private readonly printing: PrintService,
    /** where scanned documents are kept: DATA_DIR/dossier-files/<dossier id>/ */
    private readonly filesDir: string | null = null,
  ) {}

  /**
   * Stores the scan of document `index` (0-based, in the order received)
   * under DATA_DIR/dossier-files/<id>/ and marks it digitised with its page
   * count (Decree 118 Art. 17; the 766 "Số hóa" group). The file name is
   * ours (`<index>-<time>.<ext>`), never the client's; a PDF or an image
   * only. Audited.
   */
  async storeDocumentFile(
    staff: Staff,
    id: number,
    index: number,
    file: { bytes: Buffer; type: string },
    pages: number,
  ): Promise<DossierDto> {
    const ext = SCAN_TYPES[file.type.split(';')[0]!.trim().toLowerCase()];
    if (!ext) {
      throw new DomainError('VALIDATION_ERROR', 'Bản quét phải là tệp PDF, JPEG hoặc PNG.', 415, { field: 'file' });
    }
    if (file.bytes.length === 0) {
      throw new DomainError('VALIDATION_ERROR', 'Chưa gửi nội dung bản quét.', 400, { field: 'file' });
    }
    if (!this.filesDir) throw new DomainError('FILES_UNAVAILABLE', 'Máy chủ chưa có nơi lưu bản quét.', 503);
    const dir = join(this.filesDir, String(id));
    return this.change(staff, id, 'dossier.document_scanned', async (q, d, now) => {
      const doc = d.documents[index];
      if (!doc) {
        throw notFound('DOCUMENT_NOT_FOUND', `Hồ sơ không có giấy tờ thứ ${index + 1}.`, { field: 'index' });
      }
      const name = `${index + 1}-${now.getTime()}.${ext}`;
      mkdirSync(dir, { recursive: true });
      // written before the commit: a failed commit leaves an orphan file, never a record without its file
      writeFileSync(join(dir, name), file.bytes);
      const documents = d.documents.map((x, i) =>
        i === index ? { ...x, digitisation: { kind: 'scanned' as const, pages, file: `${id}/${name}` } } : x,
      );
      await dossiersDb.updateDossier(q, d.id, { documents }, now);
      return { index, pages, file: `${id}/${name}`, bytes: file.bytes.length };
    });
  }

  // ---------------------------------------------------------------- reception

  /**
   * Receives a dossier at the counter (POST /api/dossiers): the appointment
   * from the procedure's processing time and the office calendar, the code
   * `<office code>-<yymmdd>-<seq>`, a line in the ledger book of the year.
   */
  async receive(staff: Staff, body: CreateDossierBody): Promise<DossierDto> {
    const now = this.ctx.clock();
    const dto = await this.ctx.db.tx(async (q, batch) => {
      const office = await requireOffice(q);
      const calendar = await this.calendars.build(q);
      const procedure = await fieldsDb.getProcedureByCode(q, body.procedureCode);
      if (!procedure || !procedure.active) {
        throw new DomainError(
          'PROCEDURE_NOT_FOUND',
          `Không có thủ tục mã "${body.procedureCode}" trong danh mục.`,
          422,
          {
            field: 'procedureCode',
          },
        );
      }
      const field = await fieldsDb.getField(q, procedure.fieldId);
      if (body.ticketId !== undefined) {
        const ticket = await ticketsDb.getTicket(q, body.ticketId);
        if (!ticket) throw notFound('TICKET_NOT_FOUND', 'Không tìm thấy phiếu số thứ tự này.', { field: 'ticketId' });
        if (staff.role === 'clerk' && ticket.clerkId !== staff.id) {
          throw conflict('TICKET_NOT_YOURS', `Phiếu ${ticket.number} không do bạn phục vụ.`, { field: 'ticketId' });
        }
      }
      const counter = await countersDb.getCounterByClerk(q, staff.id);
      const day = serviceDay(now, office.timeZone);
      const seq = await dossiersDb.nextDaySeq(q, day);
      const book = day.slice(0, 4);
      const documents: DossierDocument[] =
        body.documents ??
        (body.documentCount
          ? [{ name: 'Thành phần hồ sơ theo quy định của thủ tục', copy: 'original', count: body.documentCount }]
          : []);
      const dossier: dossiersDb.DossierInsert = {
        code: formatDossierCode(
          office.code,
          day,
          seq,
          typeof office.settings.dossierSystemCode === 'string' ? office.settings.dossierSystemCode : '',
        ),
        receivedDay: day,
        daySeq: seq,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        fieldId: procedure.fieldId,
        fieldCode: field?.code ?? '',
        processingAmount: procedure.processingDays,
        processingUnit: procedure.processingUnit,
        handlingAgency: '',
        applicant: {
          fullName: body.applicant.fullName,
          idNumber: body.applicant.idNumber ?? null,
          phone: body.applicant.phone ?? null,
          address: body.applicant.address ?? null,
          email: body.applicant.email ?? null,
        },
        channel: body.channel,
        sets: body.sets ?? 1,
        documents,
        ticketId: body.ticketId ?? null,
        clerkId: staff.id,
        counterId: counter?.id ?? null,
        receivedAt: now,
        dueAt: computeDueDate(calendar, now, procedure.processingDays, procedure.processingUnit),
        newDueAt: null,
        status: 'received',
        statusBeforeSupplement: null,
        supplementSince: null,
        supplementPausedMs: 0,
        supplementCount: 0,
        supplementRemainingMs: null,
        handedOverAt: null,
        resolvedAt: null,
        resultNote: null,
        returnedAt: null,
        returnChannel: null,
        preferredReturnChannel: body.returnChannel ?? (body.channel === 'postal' ? 'postal' : 'counter'),
        rejectedAt: null,
        withdrawnAt: null,
        stopReason: null,
        stopRequestedBy: null,
        resultElectronic: false,
        apologyAt: null,
        ledgerBook: book,
        ledgerLine: await dossiersDb.nextLedgerLine(q, book),
        note: body.note ?? null,
        source: 'counter',
      };
      const id = await dossiersDb.insertDossier(q, dossier, now);
      await this.audit(
        q,
        staff,
        'dossier.received',
        id,
        undefined,
        {
          code: dossier.code,
          procedureCode: dossier.procedureCode,
          ticketId: dossier.ticketId,
          dueAt: dossier.dueAt.toISOString(),
        },
        now,
      );
      const dto = await this.toDto(q, office, calendar, (await dossiersDb.getDossier(q, id))!, now);
      await this.stageEvents(q, batch, office, dto, now, ['dossier.received'], null);
      return dto;
    });
    this.ctx.bus.emit('dossier:changed', dto.id);
    return dto;
  }

  // ---------------------------------------------------------------- reads

  async get(id: number): Promise<DossierDto> {
    const now = this.ctx.clock();
    return this.ctx.db.read(async (q) => {
      const d = await dossiersDb.getDossier(q, id);
      if (!d) throw dossierNotFound();
      return this.toDto(q, await requireOffice(q), await this.calendars.build(q), d, now);
    });
  }

  async list(f: DossierListFilter): Promise<DossierDto[]> {
    const now = this.ctx.clock();
    return this.ctx.db.read(async (q) => {
      const office = await requireOffice(q);
      const calendar = await this.calendars.build(q);
      const filter: dossiersDb.DossierFilter = { limit: LIST_LIMIT };
      if (f.ticketId !== undefined) filter.ticketId = f.ticketId;
      if (f.code !== undefined) filter.code = f.code.toUpperCase();
      if (f.clerkId !== undefined) filter.clerkId = f.clerkId;
      if (f.status !== undefined) filter.statuses = [f.status];
      if (f.day !== undefined) {
        filter.receivedFrom = fromZonedWallClock(f.day, 0, office.timeZone);
        filter.receivedTo = fromZonedWallClock(f.day, 24 * 60, office.timeZone);
      }
      let rows: Dossier[];
      if (f.atRisk) {
        // due within the next few working days: the Mẫu 04 deadline is 1 working day before
        const horizon = calendar.addWorkingTime(now, 2, 'days');
        rows = (
          await dossiersDb.listDossiers(q, {
            ...filter,
            statuses: ['received', 'processing'],
            dueBefore: horizon,
            limit: 1000,
          })
        ).filter((d) => isAtRisk(calendar, d, now));
      } else {
        rows = await dossiersDb.listDossiers(q, filter);
      }
      return Promise.all(rows.map((d) => this.toDto(q, office, calendar, d, now)));
    });
  }

  /** GET /api/dossiers/lookup: what anyone holding the code may see — no personal data. */
  /**
   * The dossiers received between two days (office zone, inclusive), in the
   * national portal's names (domain/portal.ts), oldest first.
   */
  async portalExport(f: { from?: string | undefined; to?: string | undefined }): Promise<PortalDossier[]> {
    const now = this.ctx.clock();
    return this.ctx.db.read(async (q) => {
      const office = await requireOffice(q);
      const calendar = await this.calendars.build(q);
      const filter: dossiersDb.DossierFilter = { limit: PORTAL_EXPORT_LIMIT };
      if (f.from) filter.receivedFrom = fromZonedWallClock(f.from, 0, office.timeZone);
      if (f.to) filter.receivedTo = fromZonedWallClock(f.to, 24 * 60, office.timeZone);
      const rows = await dossiersDb.listDossiers(q, filter);
      const fieldNames = new Map((await fieldsDb.listFields(q)).map((x) => [x.id, x.name]));
      const out: PortalDossier[] = [];
      for (const d of rows) {
        const dto = await this.toDto(q, office, calendar, d, now);
        out.push(
          toPortalDossier(
            { ...dto, resultNote: d.resultNote },
            d.fieldId === null ? '' : (fieldNames.get(d.fieldId) ?? ''),
            office.name,
          ),
        );
      }
      return out.sort((a, b) => a.NgayTiepNhan.localeCompare(b.NgayTiepNhan) || a.MaHoSo.localeCompare(b.MaHoSo));
    });
  }

  async lookup(code: string): Promise<DossierLookupDto> {
    return this.ctx.db.read(async (q) => {
      const d = await dossiersDb.getDossierByCode(q, code.trim().toUpperCase());
      if (!d) throw dossierNotFound();
      const office = await requireOffice(q);
      return {
        code: d.code,
        procedureName: d.procedureName,
        status: d.status,
        statusName: STATUS_NAMES[d.status],
        dueAt: toIsoWithOffset(currentDueAt(d), office.timeZone),
      };
    });
  }

  async forms(id: number): Promise<DossierForms> {
    const dossier = await this.get(id);
    const office = await this.ctx.db.read((q) => requireOffice(q));
    return { office, dossier, clerkName: dossier.clerk?.fullName ?? null };
  }

  /**
   * Prints the citizen's receipt slip on the thermal printer of the
   * clerk's counter (office setting `counterPrinters`, by counter number:
   * `{"1": {address, profile | route, widthDots}}`). The slip is queued and
   * retried like kiosk tickets (print-service); the clerk is answered after
   * the first attempt: printed, or queued with the printer's state in words
   * (the A4/A5 form stays at hand). Nothing about the dossier changes.
   */
  async printReceipt(
    staff: Staff,
    id: number,
  ): Promise<{ printed: boolean; queued: boolean; printer: string; message: string | null }> {
    const dossier = await this.get(id);
    const { office, counter } = await this.ctx.db.read(async (q) => ({
      office: await requireOffice(q),
      counter:
        (await countersDb.getCounterByClerk(q, staff.id)) ??
        (dossier.counterId === null ? undefined : await countersDb.getCounter(q, dossier.counterId)),
    }));
    const printers = (office.settings.counterPrinters ?? {}) as Record<string, PrinterSettings | undefined>;
    const settings = counter ? printers[String(counter.number)] : undefined;
    const address = settings ? parsePrinterAddress(settings.address) : { kind: 'none' as const };
    if (!settings || address.kind === 'none') {
      throw conflict(
        'NO_COUNTER_PRINTER',
        `${counter ? counter.name : 'Quầy của bạn'} chưa có máy in nhiệt. Hãy in giấy tiếp nhận (Mẫu 01) từ trình duyệt.`,
      );
    }
    const tz = office.timeZone;
    const short = (iso: string) => {
      const p = zonedParts(new Date(iso), tz);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`;
    };
    const receipt = (profile: PrinterProfile) =>
      renderReceipt(
        {
          officeName: `${office.parentName}\n${office.name}`,
          code: dossier.code,
          applicant: dossier.applicant.fullName,
          procedure: dossier.procedureName,
          receivedAt: short(dossier.receivedAt),
          dueAt: short(dossier.currentDueAt),
          processing:
            dossier.processingUnit === 'hours'
              ? `${dossier.processingAmount} giờ làm việc`
              : dossier.processingAmount === 0
                ? 'Trong ngày'
                : `${String(dossier.processingAmount).replace('.', ',')} ngày làm việc`,
          ledger: `Quyển ${dossier.ledgerBook ?? '…'}, số ${dossier.ledgerLine ?? '…'}`,
          clerk: dossier.clerk?.fullName ?? staff.fullName,
        },
        profile,
      );
    // Queued and retried like kiosk tickets; the clerk hears at once whether it printed.
    const outcome = await this.printing.printCounterSlip(counter!, settings, receipt, `Giấy hẹn ${dossier.code}`);
    const now = this.ctx.clock();
    await this.ctx.db.tx((q) =>
      this.audit(
        q,
        staff,
        outcome.printed ? 'dossier.receipt_printed' : 'dossier.receipt_queued',
        id,
        undefined,
        { code: dossier.code, printer: settings.address },
        now,
      ),
    );
    if (!outcome.printed) {
      return {
        printed: false,
        queued: true,
        printer: settings.address,
        message: `Chưa in được giấy hẹn. ${outcome.printer.message} Hoặc in giấy tiếp nhận (Mẫu 01) từ trình duyệt.`,
      };
    }
    return { printed: true, queued: false, printer: settings.address, message: null };
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Mẫu 02: asks the citizen to add or correct, listing everything at once.
   * A second request needs a supervisor's reason. The deadline clock stops.
   */
  async requestSupplement(staff: Staff, id: number, body: SupplementBody): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.supplement_requested', async (q, d, now, calendar) => {
      assertTransition(d.status, 'supplement');
      const previous = await dossiersDb.countNotices(q, d.id, 'supplement');
      assertSupplementAllowed(previous, body.supervisorReason);
      await dossiersDb.insertNotice(q, {
        dossierId: d.id,
        kind: 'supplement',
        issuedAt: now,
        issuedBy: staff.id,
        reason: body.reason,
        items: body.items,
        supervisorReason: previous > 0 ? (body.supervisorReason ?? null) : null,
        originalDueAt: d.dueAt,
        newDueAt: null,
        signedBy: staff.fullName,
        signerTitle: null,
        fulfilledAt: null,
      });
      const { remainingMs } = pauseForSupplement(calendar, d.dueAt, now);
      await dossiersDb.updateDossier(
        q,
        d.id,
        {
          status: 'supplement',
          statusBeforeSupplement: d.status,
          supplementSince: now,
          supplementRemainingMs: remainingMs,
          supplementCount: d.supplementCount + 1,
        },
        now,
      );
      return { items: body.items, reason: body.reason, remainingMs };
    });
  }

  /** The citizen brought the supplement: the clock runs again with the time that was left. */
  async resubmit(staff: Staff, id: number): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.resubmitted', async (q, d, now, calendar) => {
      if (d.status !== 'supplement' || d.supplementSince === null) {
        throw conflict('NOT_WAITING_FOR_SUPPLEMENT', 'Hồ sơ này không ở trạng thái chờ bổ sung.');
      }
      const back = d.statusBeforeSupplement ?? 'received';
      assertTransition(d.status, back);
      const remaining = d.supplementRemainingMs ?? calendar.workingDayMs * d.processingAmount;
      const { dueAt, pausedMs } = resumeAfterSupplement(calendar, d.supplementSince, remaining, now);
      await dossiersDb.fulfilSupplement(q, d.id, now);
      await dossiersDb.updateDossier(
        q,
        d.id,
        {
          status: back,
          dueAt,
          supplementPausedMs: d.supplementPausedMs + pausedMs,
          supplementSince: null,
          supplementRemainingMs: null,
          statusBeforeSupplement: null,
        },
        now,
      );
      return { before: d.dueAt.toISOString(), dueAt: dueAt.toISOString() };
    });
  }

  /** Mẫu 03: the dossier is not acceptable; the reason is printed for the citizen. */
  async refuse(staff: Staff, id: number, reason: string): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.refused', async (q, d, now) => {
      assertTransition(d.status, 'rejected');
      await dossiersDb.insertNotice(q, {
        dossierId: d.id,
        kind: 'refusal',
        issuedAt: now,
        issuedBy: staff.id,
        reason,
        items: [],
        supervisorReason: null,
        originalDueAt: d.dueAt,
        newDueAt: null,
        signedBy: staff.fullName,
        signerTitle: null,
        fulfilledAt: null,
      });
      await dossiersDb.updateDossier(q, d.id, { status: 'rejected', rejectedAt: now }, now);
      return { reason };
    });
  }

  /** Mẫu 05: one hand-over row; the first one puts the dossier in processing. */
  async handOver(staff: Staff, id: number, body: HandoverBody): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.handed_over', async (q, d, now) => {
      // a later hand-over (agency to agency) keeps the dossier in processing
      if (d.status !== 'processing') assertTransition(d.status, 'processing');
      const office = await requireOffice(q);
      const deadlineAt = body.deadlineAt ? this.instant(body.deadlineAt, office.timeZone) : null;
      await dossiersDb.insertStep(q, {
        dossierId: d.id,
        fromUnit: body.fromUnit ?? office.name,
        fromPerson: staff.fullName,
        toUnit: body.toUnit,
        toPerson: body.toPerson ?? null,
        at: now,
        deadlineAt,
        status: deadlineAt ? deadlineOutcome(deadlineAt, now, office.timeZone) : null,
        note: body.note ?? null,
        staffId: staff.id,
      });
      await dossiersDb.updateDossier(
        q,
        d.id,
        {
          status: 'processing',
          handedOverAt: d.handedOverAt ?? now,
          handlingAgency: d.handlingAgency || body.toUnit,
        },
        now,
      );
      return { toUnit: body.toUnit };
    });
  }

  /** The result is ready (có kết quả); a Mẫu 05 row records it coming back. */
  async resolve(actor: Staff | IntegrationCaller, id: number, body: ResolveBody): Promise<DossierDto> {
    // the handling agency's own system may report the result through an integration key (dossiers:write)
    const staff = 'role' in actor ? actor : null;
    return this.change(actor, id, 'dossier.resolved', async (q, d, now) => {
      assertTransition(d.status, 'resolved');
      const office = await requireOffice(q);
      if (d.handedOverAt) {
        await dossiersDb.insertStep(q, {
          dossierId: d.id,
          fromUnit: d.handlingAgency || 'Cơ quan giải quyết',
          fromPerson: null,
          toUnit: office.name,
          toPerson: 'role' in actor ? actor.fullName : actor.name,
          at: now,
          deadlineAt: d.newDueAt ?? d.dueAt,
          status: deadlineOutcome(d.dueAt, now, office.timeZone),
          note: body.note ?? null,
          staffId: staff ? staff.id : null,
        });
      }
      await dossiersDb.updateDossier(
        q,
        d.id,
        {
          status: 'resolved',
          resolvedAt: now,
          resultNote: body.note ?? null,
          resultElectronic: body.electronic ?? false,
        },
        now,
      );
      return { outcome: deadlineOutcome(d.dueAt, now, office.timeZone) };
    });
  }

  /**
   * Mẫu 04: reason for the delay, the new appointment, signed by the head
   * of the agency at fault. The original due date is kept for statistics.
   */
  async apologize(staff: Staff, id: number, body: ApologyBody): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.apology_issued', async (q, d, now, calendar) => {
      if (!['received', 'supplement', 'processing', 'resolved'].includes(d.status)) {
        throw conflict(
          'INVALID_DOSSIER_STATUS',
          `Hồ sơ đang ở trạng thái "${STATUS_NAMES[d.status]}", không lập phiếu xin lỗi.`,
        );
      }
      const office = await requireOffice(q);
      const newDueAt = this.instant(body.newDueAt, office.timeZone, calendar);
      if (newDueAt.getTime() <= currentDueAt(d).getTime() || newDueAt.getTime() <= now.getTime()) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại.', 422, {
          field: 'newDueAt',
        });
      }
      if (!calendar.isWorkingDay(serviceDay(newDueAt, office.timeZone))) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới phải là ngày làm việc.', 422, { field: 'newDueAt' });
      }
      await dossiersDb.insertNotice(q, {
        dossierId: d.id,
        kind: 'apology',
        issuedAt: now,
        issuedBy: staff.id,
        reason: body.reason,
        items: [],
        supervisorReason: null,
        originalDueAt: currentDueAt(d),
        newDueAt,
        signedBy: body.signedBy,
        signerTitle: body.signerTitle ?? null,
        fulfilledAt: null,
      });
      await dossiersDb.updateDossier(q, d.id, { newDueAt, apologyAt: now }, now);
      return { newDueAt: newDueAt.toISOString(), reason: body.reason };
    });
  }

  /** Trả kết quả: a late dossier needs its Mẫu 04 first. */
  async returnResult(staff: Staff, id: number, body: ReturnBody): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.returned', async (q, d, now) => {
      const office = await requireOffice(q);
      assertCanReturn(d, now, office.timeZone);
      const channel = body.channel ?? d.preferredReturnChannel;
      await dossiersDb.insertStep(q, {
        dossierId: d.id,
        fromUnit: office.name,
        fromPerson: staff.fullName,
        toUnit: channel === 'postal' ? 'Bưu chính công ích' : 'Công dân',
        toPerson: channel === 'postal' ? null : d.applicant.fullName,
        at: now,
        deadlineAt: null,
        status: null,
        note: null,
        staffId: staff.id,
      });
      await dossiersDb.updateDossier(q, d.id, { status: 'returned', returnedAt: now, returnChannel: channel }, now);
      return { channel };
    });
  }

  /**
   * Stops handling the dossier (Mẫu 05 Thông báo dừng giải quyết hồ sơ,
   * Circular 03/2025): the citizen asked (Decree 118 Art. 21) or the
   * agency stops it. The 2018 "withdraw" is this with `requestedBy: citizen`.
   */
  async stop(staff: Staff, id: number, body: StopBody): Promise<DossierDto> {
    return this.change(staff, id, 'dossier.stopped', async (q, d, now) => {
      assertTransition(d.status, 'stopped');
      await dossiersDb.updateDossier(
        q,
        d.id,
        { status: 'stopped', withdrawnAt: now, stopReason: body.reason, stopRequestedBy: body.requestedBy },
        now,
      );
      return { reason: body.reason, requestedBy: body.requestedBy };
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Load → rule → store + audit in one tx → publish. */
  private async change(
    staff: Staff | IntegrationCaller,
    id: number,
    action: string,
    fn: (q: Executor, d: Dossier, now: Date, calendar: WorkingCalendar) => Promise<Record<string, unknown>>,
  ): Promise<DossierDto> {
    const now = this.ctx.clock();
    const dto = await this.ctx.db.tx(async (q, batch) => {
      const d = await dossiersDb.getDossier(q, id);
      if (!d) throw dossierNotFound();
      const calendar = await this.calendars.build(q);
      const after = await fn(q, d, now, calendar);
      await this.audit(q, staff, action, d.id, { status: d.status }, { code: d.code, ...after }, now);
      const office = await requireOffice(q);
      const dto = await this.toDto(q, office, calendar, (await dossiersDb.getDossier(q, id))!, now);
      const events: WebhookEvent[] = [];
      if (dto.status !== d.status) events.push('dossier.status_changed');
      if (action === 'dossier.apology_issued') events.push('dossier.apology_issued');
      await this.stageEvents(q, batch, office, dto, now, events, d.status);
      return dto;
    });
    this.ctx.bus.emit('dossier:changed', id);
    return dto;
  }

  /**
   * The dossier's webhook events, into the outbox of this transaction: our
   * DTO, and the same dossier in the national portal's names (the `dvcqg`
   * format).
   */
  private async stageEvents(
    q: Executor,
    batch: Batch,
    office: Office,
    dto: DossierDto,
    now: Date,
    events: readonly WebhookEvent[],
    previousStatus: string | null,
  ): Promise<void> {
    const outbox = this.ctx.outbox;
    if (!outbox || !events.some((e) => outbox.wants(e))) return;
    const fieldName = dto.fieldId === null ? '' : ((await fieldsDb.getField(q, dto.fieldId))?.name ?? '');
    const d = await dossiersDb.getDossier(q, dto.id);
    const portalData = toPortalDossier({ ...dto, resultNote: d?.resultNote ?? null }, fieldName, office.name);
    outbox.stageEvents(
      batch,
      events.map((event) => ({
        event,
        occurredAt: now,
        data: { dossier: dto, ...(previousStatus !== null ? { previousStatus } : {}) },
        portalData,
      })),
    );
  }

  private async audit(
    q: Executor,
    actor: Staff | IntegrationCaller,
    action: string,
    id: number,
    before: unknown,
    after: unknown,
    now: Date,
  ): Promise<void> {
    const entry =
      'role' in actor
        ? { actorKind: 'staff' as const, actorId: actor.id, action, entity: 'dossier', entityId: id, before, after }
        : {
            actorKind: 'system' as const,
            actorId: null,
            action,
            entity: 'dossier',
            entityId: id,
            before,
            after: { ...(after as object), integrationKey: { id: actor.id, name: actor.name } },
          };
    await insertAudit(q, entry, now);
  }

  /** A date alone means the end of that working day (the last session's end). */
  private instant(value: string, timeZone: string, calendar?: WorkingCalendar): Date {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const end = calendar?.hours.sessions.at(-1)?.end ?? '17:00';
      const [h, m] = end.split(':').map(Number);
      return fromZonedWallClock(value, (h ?? 17) * 60 + (m ?? 0), timeZone);
    }
    return new Date(value);
  }

  private async toDto(
    q: Executor,
    office: Office,
    calendar: WorkingCalendar,
    d: Dossier,
    now: Date,
  ): Promise<DossierDto> {
    const tz = office.timeZone;
    const iso = (x: Date | null) => (x ? toIsoWithOffset(x, tz) : null);
    const clerk = d.clerkId === null ? undefined : await staffDb.getStaff(q, d.clerkId);
    const notices = await dossiersDb.listNotices(q, d.id);
    const names = new Map<number, string>();
    for (const n of notices) {
      if (n.issuedBy !== null && !names.has(n.issuedBy)) {
        names.set(n.issuedBy, (await staffDb.getStaff(q, n.issuedBy))?.fullName ?? '');
      }
    }
    const steps = await dossiersDb.listSteps(q, d.id);
    const unresolved = ['received', 'supplement', 'processing'].includes(d.status);
    return {
      id: d.id,
      code: d.code,
      procedureCode: d.procedureCode,
      receivedAt: toIsoWithOffset(d.receivedAt, tz),
      dueAt: toIsoWithOffset(d.dueAt, tz),
      status: d.status,
      procedureId: d.procedureId,
      procedureName: d.procedureName,
      fieldId: d.fieldId,
      fieldCode: d.fieldCode,
      processingAmount: d.processingAmount,
      processingUnit: d.processingUnit,
      applicant: { ...d.applicant },
      channel: d.channel,
      sets: d.sets,
      documents: d.documents,
      ticketId: d.ticketId,
      clerk: clerk ? { id: clerk.id, fullName: clerk.fullName } : null,
      counterId: d.counterId,
      currentDueAt: toIsoWithOffset(currentDueAt(d), tz),
      newDueAt: iso(d.newDueAt),
      late:
        (unresolved || d.status === 'resolved' || d.status === 'returned') &&
        d.status !== 'supplement' &&
        isLate(d, now, tz),
      apologyDeadline: apologyDeadline(calendar, d.dueAt),
      atRisk: isAtRisk(calendar, d, now),
      supplementCount: d.supplementCount,
      resolvedAt: iso(d.resolvedAt),
      returnedAt: iso(d.returnedAt),
      returnChannel: d.returnChannel,
      preferredReturnChannel: d.preferredReturnChannel,
      rejectedAt: iso(d.rejectedAt),
      withdrawnAt: iso(d.withdrawnAt),
      stoppedAt: iso(d.withdrawnAt),
      stopReason: d.stopReason,
      stopRequestedBy: d.stopRequestedBy,
      resultElectronic: d.resultElectronic,
      apologyAt: iso(d.apologyAt),
      ledgerBook: d.ledgerBook,
      ledgerLine: d.ledgerLine,
      note: d.note,
      notices: notices.map((n): DossierNoticeDto => ({
        id: n.id,
        kind: n.kind,
        form: n.kind === 'supplement' ? '02' : n.kind === 'refusal' ? '03' : '04',
        issuedAt: toIsoWithOffset(n.issuedAt, tz),
        issuedBy: n.issuedBy === null ? null : (names.get(n.issuedBy) ?? null),
        reason: n.reason,
        items: n.items,
        supervisorReason: n.supervisorReason,
        originalDueAt: iso(n.originalDueAt),
        newDueAt: iso(n.newDueAt),
        signedBy: n.signedBy,
        signerTitle: n.signerTitle,
        fulfilledAt: iso(n.fulfilledAt),
      })),
      forms: printableForms(officeFormSet(office.settings), {
        status: d.status,
        noticeKinds: notices.map((n) => n.kind),
      }),
      steps: steps.map((s) => ({
        position: s.position,
        fromUnit: s.fromUnit,
        fromPerson: s.fromPerson,
        toUnit: s.toUnit,
        toPerson: s.toPerson,
        at: toIsoWithOffset(s.at, tz),
        deadlineAt: iso(s.deadlineAt),
        status: s.status,
        note: s.note,
      })),
    };
  }
}

/** The scans a dossier's file store accepts, by content type → extension. */
const SCAN_TYPES: Record<string, string | undefined> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const dossierNotFound = () => notFound('DOSSIER_NOT_FOUND', 'Không tìm thấy hồ sơ với mã này.');

async function requireOffice(q: Executor): Promise<Office> {
  const office = await officeDb.getOffice(q);
  if (!office) throw new DomainError('OFFICE_NOT_SET_UP', 'Văn phòng chưa được thiết lập.', 503);
  return office;
}
