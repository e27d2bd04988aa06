import type { Executor, SqlParam } from '../database';
import type {
  Dossier,
  DossierChannel,
  DossierDocument,
  DossierStatus,
  StopRequester,
  NoticeKind,
  ReturnChannel,
} from '../../domain/dossier';

interface DossierRow {
  id: number;
  code: string;
  received_day: string | null;
  day_seq: number | null;
  procedure_id: number | null;
  procedure_code: string;
  procedure_name: string;
  field_id: number | null;
  field_code: string;
  processing_amount: number;
  processing_unit: 'days' | 'hours';
  handling_agency: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_address: string | null;
  applicant_email: string | null;
  channel: DossierChannel;
  sets: number;
  documents: string;
  ticket_id: string | null;
  clerk_id: number | null;
  counter_id: number | null;
  received_at: number;
  due_at: number;
  new_due_at: number | null;
  status: DossierStatus;
  status_before_supplement: DossierStatus | null;
  supplement_since: number | null;
  supplement_paused_ms: number;
  supplement_count: number;
  supplement_remaining_ms: number | null;
  handed_over_at: number | null;
  resolved_at: number | null;
  result_note: string | null;
  returned_at: number | null;
  return_channel: ReturnChannel | null;
  preferred_return_channel: ReturnChannel;
  rejected_at: number | null;
  withdrawn_at: number | null;
  stop_reason: string | null;
  stop_requested_by: StopRequester | null;
  result_electronic: number;
  apology_at: number | null;
  ledger_book: string | null;
  ledger_line: number | null;
  note: string | null;
  source: Dossier['source'];
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

const toDossier = (r: DossierRow): Dossier => ({
  id: r.id,
  code: r.code,
  receivedDay: r.received_day,
  daySeq: r.day_seq,
  procedureId: r.procedure_id,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  fieldId: r.field_id,
  fieldCode: r.field_code,
  processingAmount: r.processing_amount,
  processingUnit: r.processing_unit,
  handlingAgency: r.handling_agency,
  applicant: {
    fullName: r.applicant_name,
    idNumber: r.applicant_id_number,
    phone: r.applicant_phone,
    address: r.applicant_address,
    email: r.applicant_email,
  },
  channel: r.channel,
  sets: r.sets,
  documents: JSON.parse(r.documents) as DossierDocument[],
  ticketId: r.ticket_id,
  clerkId: r.clerk_id,
  counterId: r.counter_id,
  receivedAt: new Date(r.received_at),
  dueAt: new Date(r.due_at),
  newDueAt: date(r.new_due_at),
  status: r.status,
  statusBeforeSupplement: r.status_before_supplement,
  supplementSince: date(r.supplement_since),
  supplementPausedMs: r.supplement_paused_ms,
  supplementCount: r.supplement_count,
  supplementRemainingMs: r.supplement_remaining_ms,
  handedOverAt: date(r.handed_over_at),
  resolvedAt: date(r.resolved_at),
  resultNote: r.result_note,
  returnedAt: date(r.returned_at),
  returnChannel: r.return_channel,
  preferredReturnChannel: r.preferred_return_channel,
  rejectedAt: date(r.rejected_at),
  withdrawnAt: date(r.withdrawn_at),
  stopReason: r.stop_reason,
  stopRequestedBy: r.stop_requested_by,
  resultElectronic: r.result_electronic === 1,
  apologyAt: date(r.apology_at),
  ledgerBook: r.ledger_book,
  ledgerLine: r.ledger_line,
  note: r.note,
  source: r.source,
});

/** The next daily sequence of dossiers received on `day` (run inside the inserting tx); `IS NOT NULL` lets SQLite use the partial index. */
export async function nextDaySeq(q: Executor, day: string): Promise<number> {
  const row = await q.get<{ n: number | null }>(
    'SELECT MAX(day_seq) AS n FROM dossiers WHERE received_day = ? AND day_seq IS NOT NULL',
    [day],
  );
  return (row?.n ?? 0) + 1;
}

/** The next line of the ledger book (Sổ theo dõi hồ sơ) `book`. */
export async function nextLedgerLine(q: Executor, book: string): Promise<number> {
  const row = await q.get<{ n: number | null }>(
    'SELECT MAX(ledger_line) AS n FROM dossiers WHERE ledger_book = ? AND ledger_line IS NOT NULL',
    [book],
  );
  return (row?.n ?? 0) + 1;
}

export type DossierInsert = Omit<Dossier, 'id'>;

export async function insertDossier(q: Executor, d: DossierInsert, now: Date): Promise<number> {
  const res = await q.run(
    `INSERT INTO dossiers (code, received_day, day_seq, procedure_id, procedure_code, procedure_name, field_id, field_code,
       processing_amount, processing_unit, handling_agency, applicant_name, applicant_id_number, applicant_phone,
       applicant_address, applicant_email, channel, sets, documents, ticket_id, clerk_id, counter_id, received_at,
       due_at, new_due_at, status, preferred_return_channel, ledger_book, ledger_line, note, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      d.code,
      d.receivedDay,
      d.daySeq,
      d.procedureId,
      d.procedureCode,
      d.procedureName,
      d.fieldId,
      d.fieldCode,
      d.processingAmount,
      d.processingUnit,
      d.handlingAgency,
      d.applicant.fullName,
      d.applicant.idNumber,
      d.applicant.phone,
      d.applicant.address,
      d.applicant.email,
      d.channel,
      d.sets,
      JSON.stringify(d.documents),
      d.ticketId,
      d.clerkId,
      d.counterId,
      d.receivedAt.getTime(),
      d.dueAt.getTime(),
      ms(d.newDueAt),
      d.status,
      d.preferredReturnChannel,
      d.ledgerBook,
      d.ledgerLine,
      d.note,
      d.source,
      now.getTime(),
      now.getTime(),
    ],
  );
  return res.lastID;
}

/** The lifecycle columns a service may change after reception. */
export type DossierUpdate = Partial<
  Pick<
    Dossier,
    | 'status'
    | 'statusBeforeSupplement'
    | 'dueAt'
    | 'newDueAt'
    | 'supplementSince'
    | 'supplementPausedMs'
    | 'supplementCount'
    | 'supplementRemainingMs'
    | 'handedOverAt'
    | 'resolvedAt'
    | 'resultNote'
    | 'returnedAt'
    | 'returnChannel'
    | 'rejectedAt'
    | 'withdrawnAt'
    | 'stopReason'
    | 'stopRequestedBy'
    | 'resultElectronic'
    | 'documents'
    | 'apologyAt'
    | 'handlingAgency'
    | 'note'
  >
>;

const COLUMNS: Record<keyof DossierUpdate, string> = {
  status: 'status',
  statusBeforeSupplement: 'status_before_supplement',
  dueAt: 'due_at',
  newDueAt: 'new_due_at',
  supplementSince: 'supplement_since',
  supplementPausedMs: 'supplement_paused_ms',
  supplementCount: 'supplement_count',
  supplementRemainingMs: 'supplement_remaining_ms',
  handedOverAt: 'handed_over_at',
  resolvedAt: 'resolved_at',
  resultNote: 'result_note',
  returnedAt: 'returned_at',
  returnChannel: 'return_channel',
  rejectedAt: 'rejected_at',
  withdrawnAt: 'withdrawn_at',
  stopReason: 'stop_reason',
  stopRequestedBy: 'stop_requested_by',
  resultElectronic: 'result_electronic',
  documents: 'documents',
  apologyAt: 'apology_at',
  handlingAgency: 'handling_agency',
  note: 'note',
};

/** Updates the given lifecycle columns (column names come from the fixed map above, never from input). */
export async function updateDossier(q: Executor, id: number, patch: DossierUpdate, now: Date): Promise<void> {
  const sets: string[] = [];
  const params: SqlParam[] = [];
  for (const [key, value] of Object.entries(patch) as Array<[keyof DossierUpdate, unknown]>) {
    if (value === undefined) continue;
    sets.push(`${COLUMNS[key]} = ?`);
    params.push(
      value instanceof Date
        ? value.getTime()
        : typeof value === 'boolean'
          ? Number(value)
          : Array.isArray(value)
            ? JSON.stringify(value)
            : (value as SqlParam),
    );
  }
  sets.push('updated_at = ?');
  params.push(now.getTime(), id);
  await q.run(`UPDATE dossiers SET ${sets.join(', ')} WHERE id = ?`, params);
}

export async function getDossier(q: Executor, id: number): Promise<Dossier | undefined> {
  const row = await q.get<DossierRow>('SELECT * FROM dossiers WHERE id = ?', [id]);
  return row && toDossier(row);
}

export async function getDossierByCode(q: Executor, code: string): Promise<Dossier | undefined> {
  const row = await q.get<DossierRow>('SELECT * FROM dossiers WHERE code = ?', [code]);
  return row && toDossier(row);
}

export interface DossierFilter {
  ticketId?: string;
  code?: string;
  clerkId?: number;
  /** received at or after (ms) */
  receivedFrom?: Date;
  /** received before (ms) */
  receivedTo?: Date;
  statuses?: readonly DossierStatus[];
  /** due at or before */
  dueBefore?: Date;
  limit: number;
}

/** Dossiers matching every given condition, newest first. */
export async function listDossiers(q: Executor, f: DossierFilter): Promise<Dossier[]> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (f.ticketId !== undefined) {
    where.push('ticket_id = ?');
    params.push(f.ticketId);
  }
  if (f.code !== undefined) {
    where.push('code = ?');
    params.push(f.code);
  }
  if (f.clerkId !== undefined) {
    where.push('clerk_id = ?');
    params.push(f.clerkId);
  }
  if (f.receivedFrom) {
    where.push('received_at >= ?');
    params.push(f.receivedFrom.getTime());
  }
  if (f.receivedTo) {
    where.push('received_at < ?');
    params.push(f.receivedTo.getTime());
  }
  if (f.statuses && f.statuses.length > 0) {
    where.push(`status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.dueBefore) {
    where.push('due_at <= ?');
    params.push(f.dueBefore.getTime());
  }
  params.push(f.limit);
  const rows = await q.all<DossierRow>(
    `SELECT * FROM dossiers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT ?`,
    params,
  );
  return rows.map(toDossier);
}

// ------------------------------------------------------------- notices (Mẫu 02, 03, 04)

export interface DossierNotice {
  id: number;
  dossierId: number;
  kind: NoticeKind;
  issuedAt: Date;
  issuedBy: number | null;
  reason: string;
  items: string[];
  supervisorReason: string | null;
  originalDueAt: Date | null;
  newDueAt: Date | null;
  signedBy: string | null;
  signerTitle: string | null;
  fulfilledAt: Date | null;
}

interface NoticeRow {
  id: number;
  dossier_id: number;
  kind: NoticeKind;
  issued_at: number;
  issued_by: number | null;
  reason: string;
  items: string;
  supervisor_reason: string | null;
  original_due_at: number | null;
  new_due_at: number | null;
  signed_by: string | null;
  signer_title: string | null;
  fulfilled_at: number | null;
}

const toNotice = (r: NoticeRow): DossierNotice => ({
  id: r.id,
  dossierId: r.dossier_id,
  kind: r.kind,
  issuedAt: new Date(r.issued_at),
  issuedBy: r.issued_by,
  reason: r.reason,
  items: JSON.parse(r.items) as string[],
  supervisorReason: r.supervisor_reason,
  originalDueAt: date(r.original_due_at),
  newDueAt: date(r.new_due_at),
  signedBy: r.signed_by,
  signerTitle: r.signer_title,
  fulfilledAt: date(r.fulfilled_at),
});

export async function insertNotice(q: Executor, n: Omit<DossierNotice, 'id'>): Promise<number> {
  const res = await q.run(
    `INSERT INTO dossier_notices (dossier_id, kind, issued_at, issued_by, reason, items, supervisor_reason,
       original_due_at, new_due_at, signed_by, signer_title, fulfilled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      n.dossierId,
      n.kind,
      n.issuedAt.getTime(),
      n.issuedBy,
      n.reason,
      JSON.stringify(n.items),
      n.supervisorReason,
      ms(n.originalDueAt),
      ms(n.newDueAt),
      n.signedBy,
      n.signerTitle,
      ms(n.fulfilledAt),
    ],
  );
  return res.lastID;
}

export async function listNotices(q: Executor, dossierId: number): Promise<DossierNotice[]> {
  const rows = await q.all<NoticeRow>('SELECT * FROM dossier_notices WHERE dossier_id = ? ORDER BY issued_at, id', [
    dossierId,
  ]);
  return rows.map(toNotice);
}

export async function getNotice(q: Executor, id: number): Promise<DossierNotice | undefined> {
  const row = await q.get<NoticeRow>('SELECT * FROM dossier_notices WHERE id = ?', [id]);
  return row && toNotice(row);
}

export async function countNotices(q: Executor, dossierId: number, kind: NoticeKind): Promise<number> {
  const row = await q.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM dossier_notices WHERE dossier_id = ? AND kind = ?',
    [dossierId, kind],
  );
  return row?.n ?? 0;
}

/** Marks the open Mẫu 02 of a dossier as answered by the citizen. */
export async function fulfilSupplement(q: Executor, dossierId: number, at: Date): Promise<void> {
  await q.run(
    "UPDATE dossier_notices SET fulfilled_at = ? WHERE dossier_id = ? AND kind = 'supplement' AND fulfilled_at IS NULL",
    [at.getTime(), dossierId],
  );
}

// ------------------------------------------------------------- hand-overs (Mẫu 05)

export interface DossierStep {
  id: number;
  dossierId: number;
  position: number;
  fromUnit: string;
  fromPerson: string | null;
  toUnit: string;
  toPerson: string | null;
  at: Date;
  deadlineAt: Date | null;
  status: 'early' | 'on_time' | 'late' | null;
  note: string | null;
  staffId: number | null;
}

interface StepRow {
  id: number;
  dossier_id: number;
  position: number;
  from_unit: string;
  from_person: string | null;
  to_unit: string;
  to_person: string | null;
  at: number;
  deadline_at: number | null;
  status: DossierStep['status'];
  note: string | null;
  staff_id: number | null;
}

export async function insertStep(q: Executor, s: Omit<DossierStep, 'id' | 'position'>): Promise<number> {
  const res = await q.run(
    `INSERT INTO dossier_steps (dossier_id, position, from_unit, from_person, to_unit, to_person, at, deadline_at, status, note, staff_id)
     VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM dossier_steps WHERE dossier_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.dossierId,
      s.dossierId,
      s.fromUnit,
      s.fromPerson,
      s.toUnit,
      s.toPerson,
      s.at.getTime(),
      ms(s.deadlineAt),
      s.status,
      s.note,
      s.staffId,
    ],
  );
  return res.lastID;
}

export async function listSteps(q: Executor, dossierId: number): Promise<DossierStep[]> {
  const rows = await q.all<StepRow>('SELECT * FROM dossier_steps WHERE dossier_id = ? ORDER BY position', [dossierId]);
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    position: r.position,
    fromUnit: r.from_unit,
    fromPerson: r.from_person,
    toUnit: r.to_unit,
    toPerson: r.to_person,
    at: new Date(r.at),
    deadlineAt: date(r.deadline_at),
    status: r.status,
    note: r.note,
    staffId: r.staff_id,
  }));
}
