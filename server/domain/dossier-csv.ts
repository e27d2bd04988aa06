/**
 * The dossier CSV of API-CONTRACT.md ("Dossier CSV"): offices merge what
 * their province system recorded, and export the same columns back.
 * Pure: parsing, line-numbered validation, formatting. Storage is in
 * server/db/queries/dossier-reports.ts.
 */
import { fromZonedWallClock } from './time';
import { parseCsvRecords } from './csv';

export const CSV_COLUMNS = [
  'code',
  'procedureCode',
  'fieldCode',
  'channel',
  'receivedAt',
  'dueAt',
  'resolvedAt',
  'returnedAt',
  'status',
] as const;
/**
 * Optional columns. `resultElectronic` (1 / 0, empty = 0): the result was
 * issued electronically. `documentsScanned`, `documentsReused`: how many of
 * the documents received were digitised or reused at reception — written
 * by the export for the reader, ignored by the import (the documents stay
 * as the counter recorded them).
 */
export const CSV_OPTIONAL_COLUMNS = [
  'apologyAt',
  'newDueAt',
  'returnChannel',
  'resultElectronic',
  'documentsScanned',
  'documentsReused',
] as const;

const CHANNELS = ['direct', 'online', 'postal'] as const;
const STATUSES = ['received', 'processing', 'supplement', 'rejected', 'resolved', 'returned'] as const;
const RETURN_CHANNELS = ['counter', 'postal'] as const;

export type CsvChannel = (typeof CHANNELS)[number];
export type CsvStatus = (typeof STATUSES)[number] | 'stopped';

/** One good line of the file, times as instants. */
export interface DossierCsvRow {
  line: number;
  code: string;
  procedureCode: string;
  fieldCode: string;
  channel: CsvChannel;
  receivedAt: Date;
  dueAt: Date;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  status: CsvStatus;
  apologyAt: Date | null;
  newDueAt: Date | null;
  returnChannel: 'counter' | 'postal' | null;
  resultElectronic: boolean;
}

export interface CsvReject {
  line: number;
  message: string;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;

function validDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * An instant from a cell: ISO 8601 with offset (`2026-11-24T08:05:00+07:00`),
 * or office wall-clock time without one (`2026-11-24 08:05`), or a date
 * alone (the start of that day in the office zone). `null` when unreadable.
 */
export function parseCsvTime(value: string, timeZone: string): Date | null {
  if (ISO_WITH_ZONE.test(value)) {
    if (!validDay(value.slice(0, 10))) return null;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const local = LOCAL_TIME.exec(value);
  if (local) {
    const [, day, hh, mm, ss] = local;
    const h = Number(hh);
    const m = Number(mm);
    const sec = Number(ss ?? 0);
    if (!validDay(day!) || h > 23 || m > 59 || sec > 59) return null;
    return fromZonedWallClock(day!, h * 60 + m + sec / 60, timeZone);
  }
  const only = DATE_ONLY.exec(value);
  if (only) return validDay(only[1]!) ? fromZonedWallClock(only[1]!, 0, timeZone) : null;
  return null;
}

const COLUMN_NAMES_VI: Record<string, string> = {
  code: 'mã hồ sơ',
  procedureCode: 'mã thủ tục',
  fieldCode: 'mã lĩnh vực',
  channel: 'hình thức nộp',
  receivedAt: 'thời điểm tiếp nhận',
  dueAt: 'ngày hẹn trả',
  resolvedAt: 'thời điểm có kết quả',
  returnedAt: 'thời điểm trả kết quả',
  status: 'trạng thái',
  apologyAt: 'thời điểm phát hành phiếu xin lỗi',
  newDueAt: 'ngày hẹn mới',
  returnChannel: 'hình thức trả kết quả',
};

const colLabel = (c: string) => `cột ${c} (${COLUMN_NAMES_VI[c] ?? c})`;

export interface ParsedDossierCsv {
  rows: DossierCsvRow[];
  rejected: CsvReject[];
  /** Set when the file itself is unusable (no header, a required column missing). */
  fileError: string | null;
}

/**
 * Reads the dossier CSV: the first line is the header and columns are found
 * by name (any order; the optional `apologyAt`, `newDueAt`, `returnChannel`
 * may be present). Each bad line is rejected with its line number and a
 * Vietnamese reason naming the column; good lines are returned in order.
 */
export function parseDossierCsv(text: string, timeZone: string): ParsedDossierCsv {
  const records = parseCsvRecords(text);
  const header = records[0];
  if (!header) return { rows: [], rejected: [], fileError: 'Tệp CSV trống: cần dòng tiêu đề và các dòng hồ sơ.' };
  const names = header.cells.map((c) => c.trim());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!index.has(n)) index.set(n, i);
  });
  const missing = CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      rejected: [],
      fileError: `Dòng tiêu đề thiếu cột: ${missing.join(', ')}. Cần đủ các cột ${CSV_COLUMNS.join(',')}.`,
    };
  }

  const rows: DossierCsvRow[] = [];
  const rejected: CsvReject[] = [];
  for (const rec of records.slice(1)) {
    const get = (c: string): string => {
      const i = index.get(c);
      return i === undefined ? '' : (rec.cells[i] ?? '').trim();
    };
    const fail = (message: string) => rejected.push({ line: rec.line, message });
    const code = get('code');
    if (!code) {
      fail(`Thiếu ${colLabel('code')}.`);
      continue;
    }
    if (code.length > 64 || [...code].some((ch) => ch.charCodeAt(0) < 32)) {
      fail(`${colLabel('code')} không hợp lệ: "${code.slice(0, 64)}".`);
      continue;
    }
    const procedureCode = get('procedureCode');
    if (!procedureCode || procedureCode.length > 64) {
      fail(`Thiếu hoặc sai ${colLabel('procedureCode')}.`);
      continue;
    }
    const fieldCode = get('fieldCode');
    if (fieldCode.length > 32) {
      fail(`${colLabel('fieldCode')} quá dài.`);
      continue;
    }
    const channel = get('channel');
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      fail(`${colLabel('channel')} phải là direct, online hoặc postal (đang là "${channel}").`);
      continue;
    }
    const status = get('status');
    if (!(STATUSES as readonly string[]).includes(status)) {
      fail(`${colLabel('status')} phải là một trong ${STATUSES.join(', ')} (đang là "${status}").`);
      continue;
    }
    const times: Record<string, Date | null> = {};
    let bad = false;
    for (const c of ['receivedAt', 'dueAt', 'resolvedAt', 'returnedAt', 'apologyAt', 'newDueAt']) {
      const v = get(c);
      if (!v) {
        times[c] = null;
        continue;
      }
      const d = parseCsvTime(v, timeZone);
      if (!d) {
        fail(`${colLabel(c)} không phải thời điểm hợp lệ: "${v.slice(0, 40)}" (dạng 2026-11-24T08:05:00+07:00).`);
        bad = true;
        break;
      }
      times[c] = d;
    }
    if (bad) continue;
    const receivedAt = times.receivedAt ?? null;
    const dueAt = times.dueAt ?? null;
    const resolvedAt = times.resolvedAt ?? null;
    const returnedAt = times.returnedAt ?? null;
    if (!receivedAt) {
      fail(`Thiếu ${colLabel('receivedAt')}.`);
      continue;
    }
    if (!dueAt) {
      fail(`Thiếu ${colLabel('dueAt')}.`);
      continue;
    }
    if (dueAt < receivedAt) {
      fail(`${colLabel('dueAt')} trước thời điểm tiếp nhận.`);
      continue;
    }
    if ((status === 'resolved' || status === 'returned') && !resolvedAt) {
      fail(`Trạng thái ${status} cần ${colLabel('resolvedAt')}.`);
      continue;
    }
    if (status === 'returned' && !returnedAt) {
      fail(`Trạng thái returned cần ${colLabel('returnedAt')}.`);
      continue;
    }
    if (resolvedAt && !(status === 'resolved' || status === 'returned')) {
      fail(
        `Có ${colLabel('resolvedAt')} nhưng trạng thái là ${status}: chỉ hồ sơ resolved hoặc returned mới có kết quả.`,
      );
      continue;
    }
    if (resolvedAt && resolvedAt < receivedAt) {
      fail(`${colLabel('resolvedAt')} trước thời điểm tiếp nhận.`);
      continue;
    }
    if (returnedAt && (!resolvedAt || returnedAt < resolvedAt)) {
      fail(`${colLabel('returnedAt')} phải sau thời điểm có kết quả.`);
      continue;
    }
    const returnChannel = get('returnChannel');
    if (returnChannel && !(RETURN_CHANNELS as readonly string[]).includes(returnChannel)) {
      fail(`${colLabel('returnChannel')} phải là counter hoặc postal (đang là "${returnChannel}").`);
      continue;
    }
    const electronic = get('resultElectronic').toLowerCase();
    if (!['', '0', '1', 'true', 'false'].includes(electronic)) {
      fail(
        `${colLabel('resultElectronic')} phải là 1 (kết quả điện tử) hoặc 0 (đang là "${electronic.slice(0, 20)}").`,
      );
      continue;
    }
    const newDueAt = times.newDueAt ?? null;
    if (newDueAt && newDueAt < dueAt) {
      fail(`${colLabel('newDueAt')} phải sau ngày hẹn trả ban đầu.`);
      continue;
    }
    rows.push({
      line: rec.line,
      code,
      procedureCode,
      fieldCode,
      channel: channel as CsvChannel,
      receivedAt,
      dueAt,
      resolvedAt,
      returnedAt,
      status: status as CsvStatus,
      apologyAt: times.apologyAt ?? null,
      newDueAt,
      returnChannel: (returnChannel || null) as DossierCsvRow['returnChannel'],
      resultElectronic: electronic === '1' || electronic === 'true',
    });
  }
  return { rows, rejected, fileError: null };
}

/** What an export line is made of (the stored dossier, instants as ms). */
export interface DossierCsvSource {
  code: string;
  procedureCode: string;
  fieldCode: string;
  channel: string;
  receivedAt: number;
  dueAt: number;
  resolvedAt: number | null;
  returnedAt: number | null;
  status: string;
  apologyAt: number | null;
  newDueAt: number | null;
  returnChannel: string | null;
  resultElectronic: number;
  documentsScanned: number;
  documentsReused: number;
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_HEADER = [...CSV_COLUMNS, ...CSV_OPTIONAL_COLUMNS].join(',');

/**
 * One export line in the import's columns (so an export imports back
 * unchanged). `withdrawn` is not a contract status; it is written as
 * `rejected`, the closest one (the dossier is closed without a result).
 */
export function dossierCsvLine(d: DossierCsvSource, iso: (ms: number) => string): string {
  const t = (ms: number | null) => (ms === null ? '' : iso(ms));
  return [
    d.code,
    d.procedureCode,
    d.fieldCode,
    d.channel,
    t(d.receivedAt),
    t(d.dueAt),
    t(d.resolvedAt),
    t(d.returnedAt),
    d.status === 'stopped' ? 'rejected' : d.status,
    t(d.apologyAt),
    t(d.newDueAt),
    d.returnChannel ?? '',
    d.resultElectronic ? '1' : '0',
    String(d.documentsScanned),
    String(d.documentsReused),
  ]
    .map(cell)
    .join(',');
}
