/**
 * The procedure catalog (danh mục TTHC) as offices receive it: a sheet
 * (CSV or Excel) with one procedure per row. Columns are found by their
 * header, in Vietnamese or English, with or without diacritics. Pure:
 * rows in, procedures or line-numbered errors out.
 */
import { parseCsvRecords } from './csv';

export type Channel = 'direct' | 'online' | 'postal';

export interface SheetRow {
  /** The line (CSV) or row (Excel) number a person sees in the sheet. */
  line: number;
  cells: string[];
}

export interface CatalogEntry {
  line: number;
  code: string;
  name: string;
  fieldId: number;
  processingDays: number;
  processingUnit: 'days' | 'hours';
  fees: string;
  documents: string[];
  channels: Channel[];
}

export interface CatalogResult {
  entries: CatalogEntry[];
  rejected: Array<{ line: number; message: string }>;
}

type Column = 'code' | 'name' | 'field' | 'time' | 'unit' | 'fees' | 'documents' | 'channels';

/** Lowercase, no diacritics, no spaces or punctuation: "Phí, lệ phí" → "philephi". */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const HEADERS: Record<Column, string[]> = {
  code: ['code', 'procedurecode', 'ma', 'matthc', 'mathutuc', 'mathutuchanhchinh', 'masothutuc'],
  name: ['name', 'procedurename', 'ten', 'tenthutuc', 'tentthc', 'tenthutuchanhchinh'],
  field: ['field', 'fieldcode', 'fieldname', 'linhvuc', 'malinhvuc', 'tenlinhvuc'],
  time: [
    'processingdays',
    'processingtime',
    'processing',
    'thoihan',
    'thoihangiaiquyet',
    'songay',
    'thoigiangiaiquyet',
  ],
  unit: ['unit', 'processingunit', 'donvi', 'donvithoihan', 'donvithoigian'],
  fees: ['fees', 'fee', 'phi', 'lephi', 'philephi', 'phivalephi'],
  documents: ['documents', 'thanhphanhoso', 'hoso', 'giayto', 'thanhphan'],
  channels: ['channels', 'channel', 'cachthuc', 'cachthucthuchien', 'kenh', 'hinhthucnop', 'cachnop'],
};

const LABEL: Record<Column, string> = {
  code: 'Mã TTHC',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  time: 'Thời hạn giải quyết',
  unit: 'Đơn vị',
  fees: 'Phí, lệ phí',
  documents: 'Thành phần hồ sơ',
  channels: 'Cách thức thực hiện',
};

/** Column index of each known header; unknown headers are ignored. */
export function mapHeader(cells: string[]): Partial<Record<Column, number>> {
  const map: Partial<Record<Column, number>> = {};
  cells.forEach((cell, i) => {
    const h = normalizeHeader(cell);
    for (const [col, names] of Object.entries(HEADERS) as Array<[Column, string[]]>) {
      if (map[col] === undefined && names.includes(h)) map[col] = i;
    }
  });
  return map;
}

function parseChannels(s: string): Channel[] | string {
  if (s.trim() === '') return ['direct', 'online', 'postal'];
  const out: Channel[] = [];
  for (const part of s.split(/[;,/\n|]+/)) {
    const p = normalizeHeader(part);
    if (p === '') continue;
    let c: Channel | null = null;
    if (p === 'direct' || p.includes('tructiep')) c = 'direct';
    else if (p === 'online' || p.includes('tructuyen') || p.includes('dichvucong')) c = 'online';
    else if (p === 'postal' || p.includes('buuchinh') || p.includes('buudien')) c = 'postal';
    if (!c) return `cách thức "${part.trim()}" không rõ (trực tiếp, trực tuyến hoặc bưu chính)`;
    if (!out.includes(c)) out.push(c);
  }
  return out.length > 0 ? out : ['direct', 'online', 'postal'];
}

const DAY_WORDS = new Set(['ngay', 'ngaylamviec', 'day', 'days', 'workingday', 'workingdays']);
const HOUR_WORDS = new Set(['gio', 'giolamviec', 'hour', 'hours', 'workinghour', 'workinghours']);
const unitOfWord = (w: string): 'days' | 'hours' | undefined =>
  DAY_WORDS.has(w) ? 'days' : HOUR_WORDS.has(w) ? 'hours' : undefined;

/**
 * The deadline cell, strictly (issue #12: `1e309`, `3 tuần`, `7e2`, `2x`,
 * `1.5.5` were read as their leading number): a whole or half number of
 * days or hours, written `3`, `0,5`, `3 ngày làm việc`, `4 giờ`, or
 * `Trong ngày`; the unit in the cell, when written, must agree with the
 * unit column. Anything else is a reason to refuse the line.
 */
function parseTime(time: string, unit: string): { days: number; unit: 'days' | 'hours' } | string {
  const t = normalizeHeader(time);
  const u = normalizeHeader(unit);
  let columnUnit: 'days' | 'hours' | undefined;
  if (u !== '') {
    columnUnit = unitOfWord(u);
    if (!columnUnit) return `đơn vị "${unit}" không rõ (ngày hoặc giờ)`;
  }
  if (time.trim() === '') return 'chưa có thời hạn giải quyết';
  if (t === 'trongngay' || t === 'ngaytrongngay') return { days: 0, unit: 'days' };
  const m = /^(\d{1,4}(?:[.,]\d{1,2})?)(?:\s*(\p{L}[\p{L}\s]*))?$/u.exec(time.trim());
  if (!m) {
    return /^\d/.test(time.trim())
      ? `thời hạn "${time}" không phải là một số ngày hoặc giờ (ví dụ 3, 0,5, "3 ngày làm việc", "4 giờ")`
      : `thời hạn "${time}" không phải là số`;
  }
  const amount = Number(m[1]!.replace(',', '.'));
  let cellUnit: 'days' | 'hours' | undefined;
  if (m[2] !== undefined) {
    cellUnit = unitOfWord(normalizeHeader(m[2]));
    if (!cellUnit) return `thời hạn "${time}": "${m[2].trim()}" không phải ngày hoặc giờ`;
  }
  if (cellUnit && columnUnit && cellUnit !== columnUnit) {
    return `thời hạn "${time}" khác đơn vị ở cột đơn vị ("${unit}")`;
  }
  const resolved = cellUnit ?? columnUnit ?? 'days';
  if (!Number.isInteger(amount * 2)) return `thời hạn "${time}" phải là số nguyên hoặc nửa (0,5)`;
  const max = resolved === 'days' ? 365 : 365 * 8;
  if (amount > max) return `thời hạn ${amount} quá lớn (tối đa ${max} ${resolved === 'days' ? 'ngày' : 'giờ'})`;
  return { days: amount, unit: resolved };
}

/**
 * Reads the rows after the header. A row with every cell empty is skipped.
 * `fieldIdOf` resolves a field by code or name (undefined when unknown).
 */
export function readCatalog(
  header: SheetRow,
  rows: SheetRow[],
  fieldIdOf: (codeOrName: string) => number | undefined,
): CatalogResult {
  const cols = mapHeader(header.cells);
  const missing = (['code', 'name', 'field', 'time'] as const).filter((c) => cols[c] === undefined);
  if (missing.length > 0) {
    return {
      entries: [],
      rejected: [
        {
          line: header.line,
          message: `Dòng tiêu đề thiếu cột: ${missing.map((c) => LABEL[c]).join(', ')}.`,
        },
      ],
    };
  }
  const entries: CatalogEntry[] = [];
  const rejected: CatalogResult['rejected'] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const cell = (c: Column) => (cols[c] === undefined ? '' : (row.cells[cols[c]!] ?? '').trim());
    const problems: string[] = [];
    const code = cell('code');
    if (code === '') problems.push('thiếu mã TTHC');
    else if (!/^[0-9A-Za-z.\-_]{1,40}$/.test(code)) problems.push(`mã TTHC "${code}" không hợp lệ`);
    else if (seen.has(code)) problems.push(`mã TTHC ${code} trùng với dòng ${seen.get(code)}`);
    const name = cell('name');
    if (name === '') problems.push('thiếu tên thủ tục');
    else if (name.length > 500) problems.push('tên thủ tục quá dài (tối đa 500 ký tự)');
    const fieldText = cell('field');
    const fieldId = fieldText === '' ? undefined : fieldIdOf(fieldText);
    if (fieldText === '') problems.push('thiếu lĩnh vực');
    else if (fieldId === undefined) problems.push(`không có lĩnh vực "${fieldText}" (hãy tạo lĩnh vực trước)`);
    const time = parseTime(cell('time'), cell('unit'));
    if (typeof time === 'string') problems.push(time);
    const channels = parseChannels(cell('channels'));
    if (typeof channels === 'string') problems.push(channels);
    const fees = cell('fees');
    if (fees.length > 500) problems.push('phí, lệ phí quá dài (tối đa 500 ký tự)');
    const documents = cell('documents')
      .split(/\n|;/)
      .map((d) => d.replace(/^[-–•+\d.)\s]+/, '').trim())
      .filter((d) => d !== '');
    if (problems.length > 0 || typeof time === 'string' || typeof channels === 'string' || fieldId === undefined) {
      rejected.push({ line: row.line, message: capitalize(problems.join('; ')) + '.' });
      continue;
    }
    seen.set(code, row.line);
    entries.push({
      line: row.line,
      code,
      name,
      fieldId,
      processingDays: time.days,
      processingUnit: time.unit,
      fees,
      documents: documents.slice(0, 50),
      channels,
    });
  }
  if (entries.length === 0 && rejected.length === 0) {
    rejected.push({ line: header.line, message: 'Tệp không có thủ tục nào dưới dòng tiêu đề.' });
  }
  return { entries, rejected };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The catalog sheet from a CSV file ("," or ";"). */
export function parseCsv(text: string): SheetRow[] {
  return parseCsvRecords(text, 'auto');
}
