/**
 * Office administration: the office, its fields, procedures, counters,
 * staff and devices. Each change loads, checks, stores and writes its
 * audit entry (who, before, after) in ONE transaction; only after the
 * commit is it published on the bus, so kiosks, boards and counters
 * refresh with what is stored.
 */
import { officeFormSet } from '../domain/form-sets';
import { loadExcel } from './excel';
import type { Executor } from '../db/database';
import * as auditDb from '../db/queries/audit';
import * as calendarDb from '../db/queries/calendar';
import * as countersDb from '../db/queries/counters';
import * as devicesDb from '../db/queries/devices';
import * as fieldsDb from '../db/queries/fields';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import { insertAudit } from '../db/queries/audit';
import { normalizeHeader, parseCsv, readCatalog, type SheetRow } from '../domain/catalog-import';
import type { OfficeHours } from '../domain/calendar';
import { DomainError, conflict, notFound } from '../domain/errors';
import type { Counter, Device, Field, Office, Procedure, Staff } from '../domain/model';
import { officeTargets } from '../domain/hall';
import { officeHoursFromForm, officeHoursToForm } from '../domain/office';
import { serviceDay, toIsoWithOffset } from '../domain/time';
import type {
  AdminCounterDto,
  AdminDeviceDto,
  AdminFieldDto,
  AdminProcedureDto,
  AdminStaffDto,
  AuditEntryDto,
  CalendarYearDto,
  Channel,
  CounterData,
  DeviceCreateData,
  DevicePairingDto,
  FieldData,
  ImportResultDto,
  OfficeBody,
  OfficeDto,
  PrinterStateDto,
  ProcedureData,
  StaffCreateData,
  StaffUpdateData,
} from '../protocol/admin';
import type { DeviceKind } from '../protocol/schemas';
import { hashPassword, randomToken, sha256 } from './auth';
import type { ServiceContext } from './context';

/** Where each kind of device is paired (API-CONTRACT.md "pairing link"). */
export const PAIRING_PAGE: Record<DeviceKind, string> = {
  kiosk: '/kiosk/',
  display: '/display-board/',
  rating: '/counter/rate',
};

const staffDto = (s: Staff): AdminStaffDto => ({
  id: s.id,
  username: s.username,
  fullName: s.fullName,
  role: s.role,
  disabled: s.disabled,
  mustChangePassword: s.mustChangePassword,
  defaultCounterId: s.defaultCounterId,
});

/** What the audit log keeps of a staff member (never the password hash). */
const staffAudit = (s: Staff) => ({
  username: s.username,
  fullName: s.fullName,
  role: s.role,
  disabled: s.disabled,
  defaultCounterId: s.defaultCounterId,
});

const fieldAudit = (f: Field) => {
  const { id: _id, ...rest } = f;
  return rest;
};

const fieldDto = (f: Field, procedures: number): AdminFieldDto => ({
  ...f,
  procedures,
  targetWaitMinutes: f.targetWaitMinutes ?? null,
  targetServiceMinutes: f.targetServiceMinutes ?? null,
  maxQueueLength: f.maxQueueLength ?? null,
});

const counterAudit = (c: Counter, ratingDeviceId: number | null) => ({
  number: c.number,
  name: c.name,
  fieldIds: c.fieldIds,
  ratingDeviceId,
});

const procedureDto = (p: Procedure, fields: Map<number, Field>): AdminProcedureDto => ({
  id: p.id,
  code: p.code,
  name: p.name,
  fieldId: p.fieldId,
  fieldCode: fields.get(p.fieldId)?.code ?? '',
  processingDays: p.processingDays,
  processingUnit: p.processingUnit,
  fees: p.fees,
  documents: p.documents,
  channels: p.channels as Channel[],
  active: p.active,
});

export class AdminService {
  constructor(private readonly ctx: ServiceContext) {}

  private audit(
    q: Executor,
    actor: Staff,
    action: string,
    entity: string,
    entityId: number | string,
    before: unknown,
    after: unknown,
  ) {
    return insertAudit(
      q,
      { actorKind: 'staff', actorId: actor.id, action, entity, entityId, before, after },
      this.ctx.clock(),
    );
  }

  /** A transaction that changes what the live queue is configured with (office, fields, counters, staff). */
  private queueTx<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.ctx.db.tx(async (q, batch) => {
      const result = await fn(q);
      await this.ctx.queueConfigChanged?.(q, batch);
      return result;
    });
  }

  private iso(d: Date | null, tz: string): string | null {
    return d === null ? null : toIsoWithOffset(d, tz);
  }

  private async timeZone(q: Executor): Promise<string> {
    return (await officeDb.getOffice(q))?.timeZone ?? 'Asia/Ho_Chi_Minh';
  }

  // ---------------------------------------------------------------- office

  private officeDto(o: Office): OfficeDto {
    const hours = officeHoursToForm(o.settings.hours as OfficeHours | undefined);
    return {
      name: o.name,
      parentName: o.parentName,
      level: o.level === 'huyen' ? 'huyen' : 'xa',
      code: o.code,
      address: o.address,
      timeZone: o.timeZone,
      ...hours,
      formSet: officeFormSet(o.settings),
      formFooter: typeof o.settings.formFooter === 'string' ? o.settings.formFooter : '',
      dossierSystemCode: typeof o.settings.dossierSystemCode === 'string' ? o.settings.dossierSystemCode : '',
      setUp: o.settings.setUp !== false,
      kioskPriorityStep: o.settings.kioskPriorityStep !== false,
      targets: officeTargets(o.settings),
      today: serviceDay(this.ctx.clock(), o.timeZone),
    };
  }

  async getOffice(): Promise<OfficeDto> {
    return this.ctx.db.read(async (q) => this.officeDto(await requireOffice(q)));
  }

  async updateOffice(actor: Staff, body: OfficeBody): Promise<OfficeDto> {
    const result = await this.queueTx(async (q) => {
      const before = await requireOffice(q);
      const after: Office = {
        name: body.name,
        parentName: body.parentName,
        level: body.level,
        code: body.code,
        address: body.address,
        timeZone: body.timeZone,
        settings: {
          ...before.settings,
          hours: officeHoursFromForm(body),
          formSet: body.formSet ?? officeFormSet(before.settings),
          formFooter: body.formFooter ?? (before.settings.formFooter as string | undefined) ?? '',
          dossierSystemCode: body.dossierSystemCode ?? (before.settings.dossierSystemCode as string | undefined) ?? '',
          setUp: true,
          kioskPriorityStep: body.kioskPriorityStep,
          targets: body.targets ?? officeTargets(before.settings),
        },
      };
      await officeDb.updateOffice(q, after);
      await this.audit(q, actor, 'office.updated', 'office', 1, this.officeDto(before), this.officeDto(after));
      return this.officeDto(after);
    });
    // The board shows the office name; the day's queue depends on the time zone.
    this.ctx.bus.emit('queue:changed');
    return result;
  }

  // ---------------------------------------------------------------- fields

  async listFields(): Promise<AdminFieldDto[]> {
    return this.ctx.db.read(async (q) => {
      const counts = await fieldsDb.countProceduresByField(q);
      return (await fieldsDb.listFields(q)).map((f) => fieldDto(f, counts.get(f.id) ?? 0));
    });
  }

  private fieldFromBody(b: FieldData, id: number, sortOrder: number): Field {
    return {
      id,
      code: b.code.toUpperCase(),
      name: b.name,
      nameEn: b.nameEn || null,
      numbering: b.numbering,
      prefix: b.numbering === 'prefix' ? b.prefix : '',
      rangeStart: b.numbering === 'range' ? b.rangeStart : null,
      rangeEnd: b.numbering === 'range' ? b.rangeEnd : null,
      dailyCap: b.dailyCap,
      avgServiceMinutes: b.avgServiceMinutes,
      active: b.active,
      sortOrder,
      targetWaitMinutes: b.targetWaitMinutes,
      targetServiceMinutes: b.targetServiceMinutes,
      maxQueueLength: b.maxQueueLength,
    };
  }

  /** Two fields printing the same numbers on one day would confuse the hall. */
  private async assertFieldUnique(q: Executor, f: Field): Promise<void> {
    const all = await fieldsDb.listFields(q);
    const others = all.filter((o) => o.id !== f.id);
    if (others.some((o) => o.code === f.code)) {
      throw conflict('FIELD_CODE_TAKEN', `Mã lĩnh vực ${f.code} đã có. Hãy chọn mã khác.`, { field: 'code' });
    }
    if (f.numbering === 'prefix') {
      const same = others.find((o) => o.numbering === 'prefix' && o.prefix === f.prefix);
      if (same) {
        throw conflict('PREFIX_TAKEN', `Chữ cái ${f.prefix} đã dùng cho lĩnh vực ${same.name}.`, { field: 'prefix' });
      }
    } else {
      const same = others.find(
        (o) => o.numbering === 'range' && o.rangeStart! <= f.rangeEnd! && f.rangeStart! <= o.rangeEnd!,
      );
      if (same) {
        throw conflict(
          'RANGE_OVERLAP',
          `Dải số trùng với lĩnh vực ${same.name} (${same.rangeStart}–${same.rangeEnd}).`,
          {
            field: 'rangeStart',
          },
        );
      }
    }
  }

  async createField(actor: Staff, body: FieldData): Promise<AdminFieldDto> {
    const field = await this.queueTx(async (q) => {
      const f = this.fieldFromBody(body, 0, await fieldsDb.nextFieldSortOrder(q));
      await this.assertFieldUnique(q, f);
      f.id = await fieldsDb.insertField(q, f);
      await this.audit(q, actor, 'field.created', 'field', f.id, null, fieldAudit(f));
      return f;
    });
    this.ctx.bus.emit('queue:changed');
    return fieldDto(field, 0);
  }

  async updateField(actor: Staff, id: number, body: FieldData): Promise<AdminFieldDto> {
    const { field, counterIds } = await this.queueTx(async (q) => {
      const before = await fieldsDb.getField(q, id);
      if (!before) throw fieldNotFound(id);
      const f = this.fieldFromBody(body, id, before.sortOrder);
      await this.assertFieldUnique(q, f);
      await fieldsDb.updateField(q, f);
      await this.audit(q, actor, 'field.updated', 'field', id, fieldAudit(before), fieldAudit(f));
      const counterIds = (await countersDb.listCounters(q)).filter((c) => c.fieldIds.includes(id)).map((c) => c.id);
      return { field: f, counterIds };
    });
    this.ctx.bus.emit('queue:changed');
    for (const c of counterIds) this.ctx.bus.emit('counter:changed', c);
    const counts = await this.ctx.db.read((q) => fieldsDb.countProceduresByField(q));
    return fieldDto(field, counts.get(id) ?? 0);
  }

  // ------------------------------------------------------------ procedures

  async listProcedures(): Promise<AdminProcedureDto[]> {
    return this.ctx.db.read(async (q) => {
      const fields = new Map((await fieldsDb.listFields(q)).map((f) => [f.id, f]));
      return (await fieldsDb.listAllProcedures(q)).map((p) => procedureDto(p, fields));
    });
  }

  async saveProcedure(actor: Staff, id: number | null, b: ProcedureData): Promise<AdminProcedureDto> {
    return this.ctx.db.tx(async (q) => {
      const field = await fieldsDb.getField(q, b.fieldId);
      if (!field)
        throw new DomainError('VALIDATION_ERROR', 'Lĩnh vực đã chọn không tồn tại.', 400, { field: 'fieldId' });
      const same = await fieldsDb.getProcedureByCode(q, b.code);
      if (same && same.id !== id) {
        throw conflict('PROCEDURE_CODE_TAKEN', `Mã TTHC ${b.code} đã có (${same.name}).`, { field: 'code' });
      }
      const p: Procedure = { id: id ?? 0, ...b, channels: [...b.channels] };
      let before: Procedure | null = null;
      if (id === null) {
        p.id = await fieldsDb.insertProcedure(q, p);
      } else {
        before = (await fieldsDb.getProcedure(q, id)) ?? null;
        if (!before) throw notFound('PROCEDURE_NOT_FOUND', `Không có thủ tục số ${id}.`);
        await fieldsDb.updateProcedure(q, p);
      }
      await this.audit(q, actor, id === null ? 'procedure.created' : 'procedure.updated', 'procedure', p.id, before, p);
      return procedureDto(p, new Map([[field.id, field]]));
    });
  }

  /** Reads a CSV text or an .xlsx file into rows (the first sheet). */
  async sheetRows(data: { csv: string } | { xlsx: Buffer }): Promise<SheetRow[]> {
    if ('csv' in data) return parseCsv(data.csv);
    const wb = new (await loadExcel()).Workbook();
    try {
      await wb.xlsx.load(data.xlsx as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('VALIDATION_ERROR', 'Tệp Excel không đọc được. Hãy lưu lại dạng .xlsx rồi thử lại.', 400, {
        field: 'file',
      });
    }
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
      rows.push({ line: rowNumber, cells });
    });
    return rows;
  }

  /**
   * Imports a catalog sheet: all of it or nothing. A sheet with any bad
   * line changes nothing and answers every bad line with its number.
   * A code already in the catalog is updated.
   */
  async importProcedures(actor: Staff, rows: SheetRow[]): Promise<ImportResultDto> {
    const [header, ...body] = rows;
    if (!header) {
      throw new DomainError('IMPORT_REJECTED', 'Tệp trống: không có dòng tiêu đề.', 422, {
        rejected: [{ line: 1, message: 'Tệp trống.' }],
      });
    }
    return this.ctx.db.tx(async (q) => {
      const fields = await fieldsDb.listFields(q);
      const byKey = new Map<string, number>();
      for (const f of fields) {
        byKey.set(normalizeHeader(f.code), f.id);
        byKey.set(normalizeHeader(f.name), f.id);
      }
      const { entries, rejected } = readCatalog(header, body, (s) => byKey.get(normalizeHeader(s)));
      if (rejected.length > 0) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `Không nhập thủ tục nào: ${rejected.length} dòng có lỗi. Hãy sửa rồi nhập lại cả tệp.`,
          422,
          { rejected },
        );
      }
      let created = 0;
      let updated = 0;
      for (const e of entries) {
        const { line: _line, ...data } = e;
        const existing = await fieldsDb.getProcedureByCode(q, e.code);
        if (existing) {
          await fieldsDb.updateProcedure(q, { ...existing, ...data, active: true });
          updated++;
        } else {
          await fieldsDb.insertProcedure(q, { ...data, active: true });
          created++;
        }
      }
      await this.audit(q, actor, 'procedure.imported', 'procedure', '*', null, {
        created,
        updated,
        codes: entries.map((e) => e.code),
      });
      return { imported: entries.length, created, updated, rejected: [] };
    });
  }

  // -------------------------------------------------------------- counters

  async listCounters(): Promise<AdminCounterDto[]> {
    return this.ctx.db.read(async (q) => {
      const staff = new Map((await staffDb.listStaff(q)).map((s) => [s.id, s]));
      const devices = await devicesDb.listDevices(q);
      return (await countersDb.listCounters(q)).map((c) => this.counterDto(c, staff, devices));
    });
  }

  private counterDto(c: Counter, staff: Map<number, Staff>, devices: Device[]): AdminCounterDto {
    const clerk = c.clerkId === null ? undefined : staff.get(c.clerkId);
    const pad = devices.find((d) => d.kind === 'rating' && d.counterId === c.id && d.revokedAt === null);
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      fieldIds: c.fieldIds,
      status: c.status,
      clerk: clerk ? { id: clerk.id, fullName: clerk.fullName } : null,
      ratingDeviceId: pad?.id ?? null,
    };
  }

  async saveCounter(actor: Staff, id: number | null, b: CounterData): Promise<AdminCounterDto> {
    const moved: number[] = [];
    const otherCounters: number[] = [];
    const counterId = await this.queueTx(async (q) => {
      for (const fid of b.fieldIds) {
        if (!(await fieldsDb.getField(q, fid))) {
          throw new DomainError('VALIDATION_ERROR', `Lĩnh vực số ${fid} không tồn tại.`, 400, { field: 'fieldIds' });
        }
      }
      const same = await countersDb.getCounterByNumber(q, b.number);
      if (same && same.id !== id) {
        throw conflict('COUNTER_NUMBER_TAKEN', `Đã có quầy số ${b.number}.`, { field: 'number' });
      }
      if (b.ratingDeviceId !== null) {
        const pad = await devicesDb.getDevice(q, b.ratingDeviceId);
        if (!pad || pad.kind !== 'rating' || pad.revokedAt !== null) {
          throw new DomainError('VALIDATION_ERROR', 'Máy đánh giá đã chọn không tồn tại hoặc đã bị thu hồi.', 400, {
            field: 'ratingDeviceId',
          });
        }
      }
      let before: Counter | undefined;
      let beforePad: number | null = null;
      let cid: number;
      if (id === null) {
        cid = await countersDb.insertCounter(q, { number: b.number, name: b.name, fieldIds: b.fieldIds });
      } else {
        before = await countersDb.getCounter(q, id);
        if (!before) throw notFound('COUNTER_NOT_FOUND', `Không có quầy số ${id}.`);
        beforePad = (await devicesDb.ratingDevicesOfCounter(q, id))[0]?.id ?? null;
        cid = id;
        await countersDb.updateCounterInfo(q, id, { number: b.number, name: b.name });
        await countersDb.setCounterFields(q, id, b.fieldIds);
      }
      // One rating pad per counter: the chosen one moves here, others leave.
      for (const pad of await devicesDb.ratingDevicesOfCounter(q, cid)) {
        if (pad.id !== b.ratingDeviceId) {
          await devicesDb.setDeviceCounter(q, pad.id, null);
          moved.push(pad.id);
        }
      }
      if (b.ratingDeviceId !== null) {
        const pad = (await devicesDb.getDevice(q, b.ratingDeviceId))!;
        if (pad.counterId !== cid) {
          await devicesDb.setDeviceCounter(q, b.ratingDeviceId, cid);
          moved.push(pad.id);
          if (pad.counterId !== null) otherCounters.push(pad.counterId);
        }
      }
      const after = (await countersDb.getCounter(q, cid))!;
      await this.audit(
        q,
        actor,
        id === null ? 'counter.created' : 'counter.updated',
        'counter',
        cid,
        before ? counterAudit(before, beforePad) : null,
        counterAudit(after, b.ratingDeviceId),
      );
      return cid;
    });
    this.ctx.bus.emit('counter:changed', counterId);
    for (const c of otherCounters) this.ctx.bus.emit('counter:changed', c);
    for (const d of moved) this.ctx.bus.emit('device:moved', d);
    this.ctx.bus.emit('queue:changed');
    return (await this.listCounters()).find((c) => c.id === counterId)!;
  }

  // ----------------------------------------------------------------- staff

  async listStaff(): Promise<AdminStaffDto[]> {
    return this.ctx.db.read(async (q) => (await staffDb.listStaff(q)).map(staffDto));
  }

  private async assertCounter(q: Executor, counterId: number | null): Promise<void> {
    if (counterId !== null && !(await countersDb.getCounter(q, counterId))) {
      throw new DomainError('VALIDATION_ERROR', `Quầy đã chọn không tồn tại.`, 400, { field: 'defaultCounterId' });
    }
  }

  async createStaff(actor: Staff, b: StaffCreateData): Promise<AdminStaffDto> {
    const hash = await hashPassword(b.password);
    return this.queueTx(async (q) => {
      if (await staffDb.getStaffByUsername(q, b.username)) {
        throw conflict('USERNAME_TAKEN', `Tên đăng nhập ${b.username} đã có người dùng.`, { field: 'username' });
      }
      await this.assertCounter(q, b.defaultCounterId);
      const s: Omit<Staff, 'id'> = {
        username: b.username,
        fullName: b.fullName,
        role: b.role,
        passwordHash: hash,
        // The admin typed it: the person changes it at the first sign-in.
        mustChangePassword: true,
        disabled: false,
        defaultCounterId: b.defaultCounterId,
      };
      const id = await staffDb.insertStaff(q, s, this.ctx.clock());
      const created = { ...s, id };
      await this.audit(q, actor, 'staff.created', 'staff', id, null, staffAudit(created));
      return staffDto(created);
    });
  }

  /** Keeps at least one active administrator, so the office can still be administered. */
  private async assertAdminRemains(q: Executor, before: Staff, stillAdmin: boolean): Promise<void> {
    if (before.role === 'admin' && !before.disabled && !stillAdmin && (await staffDb.countActiveAdmins(q)) <= 1) {
      throw conflict('LAST_ADMIN', 'Đây là quản trị viên cuối cùng. Hãy tạo một quản trị viên khác trước.');
    }
  }

  private async loadStaff(q: Executor, id: number): Promise<Staff> {
    const s = await staffDb.getStaff(q, id);
    if (!s) throw notFound('STAFF_NOT_FOUND', `Không có cán bộ số ${id}.`);
    return s;
  }

  async updateStaff(actor: Staff, id: number, b: StaffUpdateData): Promise<AdminStaffDto> {
    return this.queueTx(async (q) => {
      const before = await this.loadStaff(q, id);
      await this.assertAdminRemains(q, before, b.role === 'admin');
      await this.assertCounter(q, b.defaultCounterId);
      await staffDb.updateStaffInfo(q, id, b);
      const after = { ...before, ...b };
      await this.audit(q, actor, 'staff.updated', 'staff', id, staffAudit(before), staffAudit(after));
      return staffDto(after);
    });
  }

  /**
   * Disables (never deletes: their tickets, dossiers and ratings keep their
   * name) or enables a staff member. Disabling ends their sessions at once
   * and frees the counter they held.
   */
  async setStaffDisabled(actor: Staff, id: number, disabled: boolean): Promise<AdminStaffDto> {
    if (disabled && id === actor.id) throw conflict('SELF', 'Bạn không thể tự khóa tài khoản của mình.');
    const { dto, released } = await this.queueTx(async (q) => {
      const before = await this.loadStaff(q, id);
      if (disabled) await this.assertAdminRemains(q, before, false);
      await staffDb.setDisabled(q, id, disabled);
      let released: number | null = null;
      if (disabled) {
        await staffDb.deleteSessionsOf(q, id);
        const held = await countersDb.getCounterByClerk(q, id);
        if (held) {
          // A ticket being served stays called at the counter; the next clerk there finishes it.
          await countersDb.updateCounterState(
            q,
            { ...held, status: 'closed', clerkId: null, pauseReason: null },
            this.ctx.clock(),
          );
          released = held.id;
        }
      }
      const after = { ...before, disabled };
      await this.audit(
        q,
        actor,
        disabled ? 'staff.disabled' : 'staff.enabled',
        'staff',
        id,
        staffAudit(before),
        staffAudit(after),
      );
      return { dto: staffDto(after), released };
    });
    if (disabled) this.ctx.bus.emit('staff:signed-out', id);
    if (released !== null) {
      this.ctx.bus.emit('counter:changed', released);
      this.ctx.bus.emit('queue:changed');
    }
    return dto;
  }

  /** A new password the person must change at the next sign-in; their sessions end. */
  async resetPassword(actor: Staff, id: number, password: string): Promise<AdminStaffDto> {
    const hash = await hashPassword(password);
    const dto = await this.ctx.db.tx(async (q) => {
      const before = await this.loadStaff(q, id);
      await staffDb.setPassword(q, id, hash, true);
      await staffDb.deleteSessionsOf(q, id);
      await this.audit(q, actor, 'staff.password_reset', 'staff', id, null, { mustChangePassword: true });
      return staffDto({ ...before, mustChangePassword: true });
    });
    this.ctx.bus.emit('staff:signed-out', id);
    return dto;
  }

  // --------------------------------------------------------------- devices

  private deviceDto(d: devicesDb.DeviceListRow | (Device & { createdAt: Date }), tz: string): AdminDeviceDto {
    const p = d.settings.printer as { state?: unknown; message?: unknown; at?: unknown } | undefined;
    const printer: PrinterStateDto | null =
      p && typeof p.state === 'string'
        ? {
            state: p.state,
            message: typeof p.message === 'string' ? p.message : null,
            at: typeof p.at === 'number' ? this.iso(new Date(p.at), tz) : typeof p.at === 'string' ? p.at : null,
          }
        : null;
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      counterId: d.counterId,
      createdAt: this.iso(d.createdAt, tz)!,
      revokedAt: this.iso(d.revokedAt, tz),
      lastSeenAt: this.iso(d.lastSeenAt, tz),
      printer,
    };
  }

  async listDevices(): Promise<AdminDeviceDto[]> {
    return this.ctx.db.read(async (q) => {
      const tz = await this.timeZone(q);
      return (await devicesDb.listDevicesWithCreation(q)).map((d) => this.deviceDto(d, tz));
    });
  }

  /** Adds a device; its key is answered once (only its hash is stored). */
  async createDevice(actor: Staff, b: DeviceCreateData): Promise<DevicePairingDto> {
    const key = randomToken(18);
    const now = this.ctx.clock();
    const displaced: number[] = [];
    const dto = await this.ctx.db.tx(async (q) => {
      const counterId = b.kind === 'rating' ? b.counterId : null;
      if (counterId !== null && !(await countersDb.getCounter(q, counterId))) {
        throw new DomainError('VALIDATION_ERROR', 'Quầy đã chọn không tồn tại.', 400, { field: 'counterId' });
      }
      if (counterId !== null) {
        for (const pad of await devicesDb.ratingDevicesOfCounter(q, counterId)) {
          await devicesDb.setDeviceCounter(q, pad.id, null);
          displaced.push(pad.id);
        }
      }
      const id = await devicesDb.insertDevice(q, { kind: b.kind, name: b.name, keyHash: sha256(key), counterId }, now);
      const d = (await devicesDb.getDevice(q, id))!;
      await this.audit(q, actor, 'device.created', 'device', id, null, { kind: d.kind, name: d.name, counterId });
      return this.deviceDto({ ...d, createdAt: now }, await this.timeZone(q));
    });
    if (dto.counterId !== null) this.ctx.bus.emit('counter:changed', dto.counterId);
    for (const d of displaced) this.ctx.bus.emit('device:moved', d);
    return { device: dto, key, pairingPath: `${PAIRING_PAGE[dto.kind]}?key=${encodeURIComponent(key)}` };
  }

  /** A revoked key stops working at once: HTTP and new sockets refuse it, live sockets are dropped. */
  async revokeDevice(actor: Staff, id: number): Promise<AdminDeviceDto> {
    const now = this.ctx.clock();
    const dto = await this.ctx.db.tx(async (q) => {
      const before = await devicesDb.getDevice(q, id);
      if (!before) throw notFound('DEVICE_NOT_FOUND', `Không có thiết bị số ${id}.`);
      if (before.revokedAt !== null) throw conflict('DEVICE_REVOKED', `Thiết bị "${before.name}" đã bị thu hồi.`);
      await devicesDb.revokeDevice(q, id, now);
      await this.audit(q, actor, 'device.revoked', 'device', id, { revokedAt: null }, { revokedAt: now.toISOString() });
      const rows = await devicesDb.listDevicesWithCreation(q);
      return this.deviceDto(
        rows.find((r) => r.id === id)!,
        await this.timeZone(q),
      );
    });
    this.ctx.bus.emit('device:revoked', id);
    return dto;
  }

  // ----------------------------------------------------------------- audit

  async auditLog(limit: number, before?: number, adminOnly = false): Promise<AuditEntryDto[]> {
    return this.ctx.db.read(async (q) => {
      const tz = await this.timeZone(q);
      const rows = await auditDb.listAuditPage(q, limit, before, adminOnly);
      return rows.map((r) => ({
        id: r.id,
        at: toIsoWithOffset(new Date(r.at), tz),
        actor: r.actor_name ?? (r.actor_kind === 'system' ? 'Hệ thống' : `#${r.actor_id ?? '?'}`),
        actorKind: r.actor_kind as AuditEntryDto['actorKind'],
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before === null ? null : (JSON.parse(r.before) as unknown),
        after: r.after === null ? null : (JSON.parse(r.after) as unknown),
      }));
    });
  }

  /** The administrator's edits of one year (the calendar service applies them). */
  async calendarEdits(year: number): Promise<CalendarYearDto['edits']> {
    return this.ctx.db.read(async (q) => (await calendarDb.listCalendarEdits(q)).get(year) ?? []);
  }

  async recordBackupDownload(actor: Staff): Promise<void> {
    await this.ctx.db.tx((q) => this.audit(q, actor, 'backup.downloaded', 'backup', '-', null, null));
  }
}

async function requireOffice(q: Executor): Promise<Office> {
  const office = await officeDb.getOffice(q);
  if (!office) throw notFound('OFFICE_NOT_SET_UP', 'Chưa có thông tin cơ quan.');
  return office;
}

const fieldNotFound = (id: number) => notFound('FIELD_NOT_FOUND', `Không có lĩnh vực số ${id}.`);
