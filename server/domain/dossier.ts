/**
 * Dossier (hồ sơ) rules: the code, the applicant's ID number, the
 * lifecycle, the appointment and the two clocks that bend it (supplement
 * pause, apology). Pure: time and the calendar are passed in.
 *
 * Rules: DOMAIN.md §1 (forms) and §2 (dossiers).
 */
import { roundUpToHalfHour, type WorkingCalendar } from './calendar';
import { DomainError, conflict } from './errors';
import { parseDate, serviceDay } from './time';

export const DOSSIER_STATUSES = [
  'received',
  'supplement',
  'processing',
  'resolved',
  'returned',
  'rejected',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_CHANNELS = ['direct', 'online', 'postal'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

export const RETURN_CHANNELS = ['counter', 'postal'] as const;
export type ReturnChannel = (typeof RETURN_CHANNELS)[number];

export type NoticeKind = 'supplement' | 'refusal' | 'apology';

/** One document handed in (Mẫu 01 item 1). */
export interface DossierDocument {
  name: string;
  /** bản chính · bản sao · bản sao chứng thực */
  copy: 'original' | 'copy' | 'certified';
  count: number;
  /**
   * Số hóa at reception (Decree 118 Art. 17): `scanned` — scanned to the
   * dossier's file store, with its page count (and the stored file, if
   * uploaded); `reused` — the state already holds it as data (population
   * database, an earlier result) so it was not asked for on paper.
   * Absent on documents recorded before issue 13.
   */
  digitisation?: DocumentDigitisation;
}

export const DIGITISATION_KINDS = ['none', 'scanned', 'reused'] as const;
export type DigitisationKind = (typeof DIGITISATION_KINDS)[number];

export interface DocumentDigitisation {
  kind: DigitisationKind;
  /** pages scanned (kind `scanned`) */
  pages?: number;
  /** the stored file under DATA_DIR/dossier-files/<dossier id>/ (kind `scanned`) */
  file?: string;
}

export const STOP_REQUESTERS = ['citizen', 'agency'] as const;
/** Who asked to stop (Mẫu 05): the citizen (Decree 118 Art. 21) or the agency. */
export type StopRequester = (typeof STOP_REQUESTERS)[number];

/** A dossier as the rules see it. */
export interface Dossier {
  id: number;
  code: string;
  receivedDay: string | null;
  daySeq: number | null;
  procedureId: number | null;
  procedureCode: string;
  procedureName: string;
  fieldId: number | null;
  fieldCode: string;
  processingAmount: number;
  processingUnit: 'days' | 'hours';
  handlingAgency: string;
  applicant: {
    fullName: string;
    idNumber: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
  };
  channel: DossierChannel;
  sets: number;
  documents: DossierDocument[];
  ticketId: string | null;
  clerkId: number | null;
  counterId: number | null;
  receivedAt: Date;
  dueAt: Date;
  newDueAt: Date | null;
  status: DossierStatus;
  statusBeforeSupplement: DossierStatus | null;
  supplementSince: Date | null;
  supplementPausedMs: number;
  supplementCount: number;
  supplementRemainingMs: number | null;
  handedOverAt: Date | null;
  resolvedAt: Date | null;
  resultNote: string | null;
  returnedAt: Date | null;
  returnChannel: ReturnChannel | null;
  preferredReturnChannel: ReturnChannel;
  rejectedAt: Date | null;
  /** when it was stopped (Mẫu 05; named from the 2018 "withdraw") */
  withdrawnAt: Date | null;
  stopReason: string | null;
  stopRequestedBy: StopRequester | null;
  /** the result was issued electronically (kết quả điện tử) */
  resultElectronic: boolean;
  apologyAt: Date | null;
  ledgerBook: string | null;
  ledgerLine: number | null;
  note: string | null;
  source: 'counter' | 'online' | 'import';
}

/** Used when the office has no code configured. */
export const DEFAULT_OFFICE_CODE = 'HS';

/**
 * The dossier code `<office code>-<yymmdd>-<4-digit daily sequence>`
 * (DOMAIN.md §2, e.g. `H53.12-250314-0007`); `day` is the receiving day in
 * the office's zone. Past 9999 the sequence simply grows a digit.
 */
export function formatDossierCode(officeCode: string, day: string, seq: number, systemCode = ''): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be ≥ 1: ${seq}`);
  const { year, month, day: d } = parseDate(day);
  const yymmdd = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  const code = officeCode.trim() || DEFAULT_OFFICE_CODE;
  // Circular 04/2025/TT-VPCP: `<agency code>-<yymmdd>-<AA><XXXX>`, AA the system owner's code (DOMAIN.md §1)
  return `${code}-${yymmdd}-${systemCode.trim()}${String(seq).padStart(4, '0')}`;
}

/**
 * Checks a citizen identity card number (CCCD, DOMAIN.md §2): 12 digits,
 * the first three a province code 001–096. Returns the Vietnamese reason
 * it is wrong, or null when it is acceptable.
 */
export function idNumberProblem(idNumber: string): string | null {
  if (!/^\d+$/.test(idNumber)) return 'Số CCCD chỉ gồm chữ số';
  if (idNumber.length !== 12) return `Số CCCD phải có đúng 12 chữ số (đang có ${idNumber.length})`;
  const province = Number(idNumber.slice(0, 3));
  if (province < 1 || province > 96) return 'Ba chữ số đầu của số CCCD phải là mã tỉnh từ 001 đến 096';
  return null;
}

const TRANSITIONS: Record<DossierStatus, readonly DossierStatus[]> = {
  received: ['supplement', 'processing', 'resolved', 'rejected', 'stopped'],
  supplement: ['received', 'processing', 'rejected', 'stopped'],
  processing: ['supplement', 'resolved', 'rejected', 'stopped'],
  resolved: ['returned'],
  returned: [],
  rejected: [],
  stopped: [],
};

export const STATUS_NAMES: Record<DossierStatus, string> = {
  received: 'Đã tiếp nhận',
  supplement: 'Chờ bổ sung hồ sơ',
  processing: 'Đang giải quyết',
  resolved: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  rejected: 'Từ chối tiếp nhận',
  stopped: 'Đã dừng giải quyết',
};

/** Whether the lifecycle (DOMAIN.md §2) allows going from `from` to `to`. */
export function canTransition(from: DossierStatus, to: DossierStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws 409 INVALID_DOSSIER_STATUS when the lifecycle forbids the step. */
export function assertTransition(from: DossierStatus, to: DossierStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(
      'INVALID_DOSSIER_STATUS',
      `Hồ sơ đang ở trạng thái "${STATUS_NAMES[from]}", không thể chuyển sang "${STATUS_NAMES[to]}".`,
      { from, to },
    );
  }
}

/**
 * The appointment (ngày hẹn trả kết quả): `receivedAt` plus the
 * procedure's processing time in office hours of working days, rounded up
 * to the half hour as it is printed (DOMAIN.md §2) — never earlier than
 * the rule, and what is stored is what the receipt promises.
 */
export function computeDueDate(
  calendar: WorkingCalendar,
  receivedAt: Date,
  amount: number,
  unit: 'days' | 'hours',
): Date {
  return roundUpToHalfHour(calendar.addWorkingTime(receivedAt, amount, unit), calendar.timeZone);
}

/** The appointment the citizen holds now: the apology's new date, else the original. */
export function currentDueAt(d: Pick<Dossier, 'dueAt' | 'newDueAt'>): Date {
  return d.newDueAt ?? d.dueAt;
}

/**
 * Late: the result was (or, unresolved, still is not) ready by the day of
 * the original appointment — the reports' rule (API-CONTRACT.md "Dossier
 * report"), so the counter and the statistics agree. The original `dueAt`
 * decides: an apology does not make a late dossier on time.
 */
export function isLate(d: Pick<Dossier, 'dueAt' | 'resolvedAt'>, now: Date, timeZone: string): boolean {
  return deadlineOutcome(d.dueAt, d.resolvedAt ?? now, timeZone) === 'late';
}

/**
 * "A late one requires the apology slip first" (issue 5, DOMAIN.md §1
 * Mẫu 04): returning the result of a late dossier without a Mẫu 04 is
 * refused.
 */
export function assertCanReturn(
  d: Pick<Dossier, 'status' | 'dueAt' | 'resolvedAt' | 'apologyAt'>,
  now: Date,
  timeZone: string,
): void {
  assertTransition(d.status, 'returned');
  if (isLate(d, now, timeZone) && d.apologyAt === null) {
    throw conflict(
      'APOLOGY_REQUIRED',
      'Hồ sơ trễ hẹn: cần lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước khi trả kết quả.',
    );
  }
}

/**
 * The last day a Mẫu 04 should be sent: one working day before the due
 * date (DOMAIN.md §1), as YYYY-MM-DD in the office zone.
 */
export function apologyDeadline(calendar: WorkingCalendar, dueAt: Date): string {
  return calendar.previousWorkingDay(serviceDay(dueAt, calendar.timeZone));
}

/**
 * At risk of being late: not yet resolved, no apology yet, and today is on
 * or after the Mẫu 04 deadline — listed ahead of the due date, not only
 * after it.
 */
export function isAtRisk(
  calendar: WorkingCalendar,
  d: Pick<Dossier, 'status' | 'dueAt' | 'apologyAt'>,
  now: Date,
): boolean {
  if (!['received', 'processing'].includes(d.status) || d.apologyAt !== null) return false;
  return serviceDay(now, calendar.timeZone) >= apologyDeadline(calendar, d.dueAt);
}

/**
 * A Mẫu 02 lists everything missing at once; a second one for the same
 * dossier is exceptional and needs a supervisor's reason (DOMAIN.md §1).
 */
export function assertSupplementAllowed(previousRequests: number, supervisorReason: string | undefined): void {
  if (previousRequests > 0 && !supervisorReason?.trim()) {
    throw new DomainError(
      'SECOND_SUPPLEMENT_NEEDS_REASON',
      'Hồ sơ này đã được yêu cầu bổ sung một lần. Hướng dẫn phải đầy đủ một lần: lần thứ hai cần lý do của lãnh đạo (trường "supervisorReason").',
      422,
      { field: 'supervisorReason' },
    );
  }
}

/**
 * The supplement clock (DOMAIN.md §2): the deadline does not run while
 * the office waits for the citizen. When the Mẫu 02 is issued, the working
 * time left until the appointment is kept.
 */
export function pauseForSupplement(calendar: WorkingCalendar, dueAt: Date, now: Date): { remainingMs: number } {
  return { remainingMs: calendar.workingTimeBetween(now, dueAt) };
}

/**
 * …and when the supplement arrives, the appointment is the arrival plus
 * the time that was left; the pause (in office time) is added to the
 * dossier's total for the statistics.
 */
export function resumeAfterSupplement(
  calendar: WorkingCalendar,
  pausedAt: Date,
  remainingMs: number,
  now: Date,
): { dueAt: Date; pausedMs: number } {
  const dueAt = computeDueDate(calendar, now, remainingMs / 3_600_000, 'hours');
  return { dueAt, pausedMs: calendar.workingTimeBetween(pausedAt, now) };
}

/**
 * Result status of a resolved dossier (or a Mẫu 05 step) against its
 * deadline, by day in the office zone (API-CONTRACT.md "Dossier report"):
 * before the due day early, on it on time, after it late.
 */
export function deadlineOutcome(dueAt: Date, doneAt: Date, timeZone: string): 'early' | 'on_time' | 'late' {
  const due = serviceDay(dueAt, timeZone);
  const done = serviceDay(doneAt, timeZone);
  if (done < due) return 'early';
  if (done === due) return 'on_time';
  return 'late';
}
