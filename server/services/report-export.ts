/**
 * Reports as files: Excel workbooks with Vietnamese headings (how reports
 * travel between Vietnamese offices, DOMAIN.md §6) and CSV (UTF-8 with a
 * BOM so Excel shows the diacritics). Numbers stay numbers: rates are
 * written 91.3 with the format "0.0", so a Vietnamese Excel shows "91,3"
 * and a pasted table still adds up.
 */
import { DEFAULT_FORM_SET, formInfo, formLabel, type FormSet } from '../domain/form-sets';
import type { EstimateErrorDto, Index766Dto } from '../protocol/reports';
import type { DossierDocument } from '../domain/dossier';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import type {
  DossierBreakdownDto,
  DossierReportDto,
  DurationStatsDto,
  QueueGroupDto,
  QueueReportDto,
} from '../protocol/reports';
import type { LedgerRow } from '../db/queries/dossier-reports';
import { isoFormatter } from '../domain/zoned-format';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Office letterhead lines printed above each sheet. */
export interface SheetHeader {
  officeName: string;
  parentName: string;
  /** the office's form set: the ledger's number follows it (domain/form-sets.ts) */
  formSet?: FormSet;
}

type Cell = string | number | null;

export interface Column {
  name: string;
  width: number;
  /** Excel number format */
  fmt?: string;
}

export interface Table {
  title: string;
  columns: Column[];
  rows: Cell[][];
}

const vnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};
const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

function addTable(
  ws: ExcelJS.Worksheet,
  title: string,
  header: SheetHeader,
  period: { from: string; to: string },
  columns: Column[],
  rows: Cell[][],
): void {
  ws.addRow([header.parentName.toUpperCase()]).font = { bold: true };
  ws.addRow([header.officeName.toUpperCase()]).font = { bold: true };
  ws.addRow([]);
  const t = ws.addRow([title.toUpperCase()]);
  t.font = { bold: true, size: 13 };
  ws.addRow([`Kỳ báo cáo: từ ngày ${vnDate(period.from)} đến ngày ${vnDate(period.to)}`]).font = { italic: true };
  ws.addRow([]);
  const head = ws.addRow(columns.map((c) => c.name));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell({ includeEmpty: true }, (c, i) => {
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      const fmt = columns[i - 1]?.fmt;
      if (fmt && typeof c.value === 'number') c.numFmt = fmt;
    });
  }
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Row index (1-based) of the table header written by {@link addTable}: the rows above are the letterhead. */
export const TABLE_HEADER_ROW = 7;

/** The dossier report as one sheet "Hồ sơ": each line a count and its % of received. */
export function dossierRows(r: DossierReportDto): Cell[][] {
  return [
    ['1', 'Tổng số hồ sơ tiếp nhận', r.received, 100],
    ['1.1', 'Kỳ trước chuyển sang', r.carriedOver, null],
    ['1.2', 'Tiếp nhận mới trong kỳ', r.received - r.carriedOver, null],
    ['', '- Trực tiếp', r.byChannel.direct, null],
    ['', '- Trực tuyến', r.byChannel.online, null],
    ['', '- Bưu chính công ích', r.byChannel.postal, null],
    ['2', 'Đã giải quyết', r.resolvedEarly + r.resolvedOnTime + r.resolvedLate, null],
    ['2.1', 'Trước hạn', r.resolvedEarly, r.rates.early],
    ['2.2', 'Đúng hạn', r.resolvedOnTime, r.rates.onTime],
    ['2.3', 'Quá hạn', r.resolvedLate, r.rates.late],
    ['3', 'Đang giải quyết', r.pendingInTime + r.pendingOverdue, null],
    ['3.1', 'Trong hạn (chưa đến hạn)', r.pendingInTime, r.rates.pendingInTime],
    ['3.2', 'Quá hạn', r.pendingOverdue, r.rates.pendingOverdue],
    ['4', 'Đúng hẹn (trước hạn + đúng hạn)', r.resolvedEarly + r.resolvedOnTime, r.rates.withinDeadline],
    ['5', 'Trễ hẹn (quá hạn đã và đang giải quyết)', r.resolvedLate + r.pendingOverdue, r.rates.pastDeadline],
    ['6', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả đã phát hành', r.apologies, null],
  ];
}

const BREAKDOWN_COLUMNS = (first: string): Column[] => [
  { name: first, width: 44 },
  { name: 'Tổng tiếp nhận', width: 11, fmt: '#,##0' },
  { name: 'Kỳ trước chuyển sang', width: 11, fmt: '#,##0' },
  { name: 'Trước hạn', width: 10, fmt: '#,##0' },
  { name: 'Đúng hạn', width: 10, fmt: '#,##0' },
  { name: 'Quá hạn', width: 10, fmt: '#,##0' },
  { name: 'Đang giải quyết trong hạn', width: 12, fmt: '#,##0' },
  { name: 'Đang giải quyết quá hạn', width: 12, fmt: '#,##0' },
  { name: 'Tỷ lệ đúng hẹn (%)', width: 11, fmt: '0.0' },
  { name: 'Tỷ lệ trễ hẹn (%)', width: 11, fmt: '0.0' },
  { name: 'Phiếu xin lỗi', width: 10, fmt: '#,##0' },
];

const breakdownRow = (name: string, r: DossierReportDto): Cell[] => [
  name,
  r.received,
  r.carriedOver,
  r.resolvedEarly,
  r.resolvedOnTime,
  r.resolvedLate,
  r.pendingInTime,
  r.pendingOverdue,
  r.rates.withinDeadline,
  r.rates.pastDeadline,
  r.apologies,
];

const DOSSIER_COLUMNS: Column[] = [
  { name: 'STT', width: 6 },
  { name: 'Chỉ tiêu', width: 52 },
  { name: 'Số hồ sơ', width: 12, fmt: '#,##0' },
  { name: 'Tỷ lệ (% so với tổng tiếp nhận)', width: 16, fmt: '0.0' },
];

function durationCells(d: DurationStatsDto): Cell[] {
  return [minutes(d.mean), minutes(d.median), minutes(d.p90)];
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const ESTIMATE_COLUMNS = (first: string): Column[] => [
  { name: first, width: 34 },
  { name: 'Số lượt có ước tính', width: 12, fmt: '#,##0' },
  { name: 'Sai số TB (phút)', width: 12, fmt: '0.0' },
  { name: 'Trong ±5 phút (%)', width: 12, fmt: '0.0' },
  { name: 'Lệch TB (phút, + là ước tính dài hơn)', width: 16, fmt: '0.0' },
];

const estimateRow = (name: string, e: EstimateErrorDto): Cell[] => [
  name,
  e.count,
  e.meanAbsoluteError,
  percent(e.within5Share),
  e.meanError,
];

export const ALERT_NAMES: Record<string, string> = {
  'wait-over-target': 'Công dân chờ quá thời gian mục tiêu',
  'field-unserved': 'Có người chờ nhưng không quầy nào mở phục vụ lĩnh vực',
  'counter-paused': 'Quầy tạm dừng quá lâu khi có người chờ',
  'service-over-target': 'Phục vụ quá thời gian mục tiêu',
};

const GROUP_COLUMNS = (first: string): Column[] => [
  { name: first, width: 34 },
  { name: 'Số phiếu cấp', width: 12, fmt: '#,##0' },
  { name: 'Đã phục vụ', width: 12, fmt: '#,##0' },
  { name: 'Vắng mặt', width: 12, fmt: '#,##0' },
  { name: 'Chờ TB (phút)', width: 12, fmt: '0.0' },
  { name: 'Chờ trung vị (phút)', width: 12, fmt: '0.0' },
  { name: 'Chờ P90 (phút)', width: 12, fmt: '0.0' },
  { name: 'Phục vụ TB (phút)', width: 12, fmt: '0.0' },
  { name: 'Phục vụ trung vị (phút)', width: 12, fmt: '0.0' },
  { name: 'Phục vụ P90 (phút)', width: 12, fmt: '0.0' },
  { name: 'Gọi trực tiếp', width: 12, fmt: '#,##0' },
];

const groupRow = (g: QueueGroupDto): Cell[] => [
  g.name,
  g.issued,
  g.served,
  g.noShow,
  ...durationCells(g.waitingTime),
  ...durationCells(g.serviceTime),
  g.directCalls,
];

/** Queue tables, by name, shared by the workbook and the CSV export. */
export function queueTables(r: QueueReportDto): Record<string, Table> {
  const sat = r.satisfaction;
  return {
    summary: {
      title: 'Tổng hợp lấy số thứ tự',
      columns: [
        { name: 'Chỉ tiêu', width: 44 },
        { name: 'Giá trị', width: 14, fmt: '#,##0.0' },
      ],
      rows: [
        ['Số phiếu đã cấp', r.tickets.issued],
        ['Số lượt đã phục vụ', r.tickets.served],
        ['Vắng mặt (bỏ qua)', r.tickets.noShow],
        ['Gọi trực tiếp (không theo thứ tự)', r.directCalls],
        ['Số cảnh báo', r.alerts.raised],
        ['trong đó đã được xác nhận', r.alerts.acknowledged],
        ['Sai số ước tính thời gian chờ, trung bình (phút)', r.estimates.meanAbsoluteError],
        ['Tỷ lệ ước tính sai không quá 5 phút (%)', percent(r.estimates.within5Share)],
        ['Thời gian chờ trung bình (phút)', minutes(r.waitingTime.mean)],
        ['Thời gian chờ trung vị (phút)', minutes(r.waitingTime.median)],
        ['Thời gian chờ, 90% công dân không quá (phút)', minutes(r.waitingTime.p90)],
        ['Thời gian phục vụ trung bình (phút)', minutes(r.serviceTime.mean)],
        ['Thời gian phục vụ trung vị (phút)', minutes(r.serviceTime.median)],
        ['Thời gian phục vụ, 90% lượt không quá (phút)', minutes(r.serviceTime.p90)],
        ['Số ý kiến đánh giá', sat.answers],
        ['trong đó phiếu giấy', sat.paperAnswers],
        ['Tỷ lệ hài lòng và rất hài lòng (%)', sat.satisfied],
      ],
    },
    byHour: {
      title: 'Số phiếu theo giờ trong ngày',
      columns: [
        { name: 'Giờ', width: 12 },
        { name: 'Số phiếu cấp', width: 12, fmt: '#,##0' },
        { name: 'Đã phục vụ', width: 12, fmt: '#,##0' },
        { name: 'Vắng mặt', width: 12, fmt: '#,##0' },
      ],
      rows: r.byHour
        .filter((h) => h.issued > 0)
        .map((h) => [
          `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
          h.issued,
          h.served,
          h.noShow,
        ]),
    },
    byDay: {
      title: 'Số phiếu theo ngày',
      columns: [
        { name: 'Ngày', width: 12 },
        { name: 'Số phiếu cấp', width: 12, fmt: '#,##0' },
        { name: 'Đã phục vụ', width: 12, fmt: '#,##0' },
        { name: 'Vắng mặt', width: 12, fmt: '#,##0' },
      ],
      rows: r.byDay.map((d) => [vnDate(d.day), d.issued, d.served, d.noShow]),
    },
    byField: { title: 'Theo lĩnh vực', columns: GROUP_COLUMNS('Lĩnh vực'), rows: r.byField.map(groupRow) },
    byCounter: { title: 'Theo quầy', columns: GROUP_COLUMNS('Quầy'), rows: r.byCounter.map(groupRow) },
    byClerk: { title: 'Theo cán bộ', columns: GROUP_COLUMNS('Cán bộ'), rows: r.byClerk.map(groupRow) },
    satisfaction: {
      title: 'Mức độ hài lòng',
      columns: [
        { name: 'Quầy / cán bộ', width: 34 },
        { name: 'Số ý kiến', width: 10, fmt: '#,##0' },
        { name: 'trong đó phiếu giấy', width: 12, fmt: '#,##0' },
        { name: 'Rất hài lòng', width: 10, fmt: '#,##0' },
        { name: 'Hài lòng', width: 10, fmt: '#,##0' },
        { name: 'Bình thường', width: 10, fmt: '#,##0' },
        { name: 'Không hài lòng', width: 10, fmt: '#,##0' },
        { name: 'Tỷ lệ hài lòng (%)', width: 12, fmt: '0.0' },
      ],
      rows: [
        [
          'Toàn bộ phận',
          sat.answers,
          sat.paperAnswers,
          sat.counts['4'],
          sat.counts['3'],
          sat.counts['2'],
          sat.counts['1'],
          sat.satisfied,
        ],
        ...[...sat.byCounter, ...sat.byClerk].map((g) => [
          g.name,
          g.answers,
          g.paperAnswers,
          g.counts['4'],
          g.counts['3'],
          g.counts['2'],
          g.counts['1'],
          g.satisfied,
        ]),
      ],
    },
    estimates: {
      title: 'Sai số của thời gian chờ ước tính (ước tính khi cấp số so với thời gian chờ thực tế)',
      columns: ESTIMATE_COLUMNS('Lĩnh vực / ngày'),
      rows: [
        ...r.estimates.byField.map((f) => estimateRow(f.name, f)),
        ['Tất cả lĩnh vực', ...estimateRow('', r.estimates).slice(1)],
        ...r.estimates.byDay.map((d) => estimateRow(vnDate(d.day), d)),
      ],
    },
    alerts: {
      title: 'Cảnh báo trong kỳ',
      columns: [
        { name: 'Loại cảnh báo', width: 44 },
        { name: 'Số lần', width: 10, fmt: '#,##0' },
        { name: 'Đã xác nhận', width: 12, fmt: '#,##0' },
        { name: 'Thời gian tồn tại TB (phút)', width: 14, fmt: '0.0' },
      ],
      rows: r.alerts.byKind.map((k) => [ALERT_NAMES[k.kind] ?? k.kind, k.raised, k.acknowledged, k.meanOpenMinutes]),
    },
  };
}

const SHEET_NAMES: Record<string, string> = {
  summary: 'Tổng hợp',
  byHour: 'Theo giờ',
  byDay: 'Theo ngày',
  byField: 'Theo lĩnh vực',
  byCounter: 'Theo quầy',
  byClerk: 'Theo cán bộ',
  satisfaction: 'Hài lòng',
  estimates: 'Sai số ước tính',
  alerts: 'Cảnh báo',
};

/** One workbook: the dossier report (when given) then the queue tables, one sheet each. */
/**
 * Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP; DOMAIN.md §9): per field and
 * in total — received (total, online, in person or by post, carried over),
 * resolved (total, early, on time, late), in progress (total, within the
 * deadline, overdue). The same counts as the dossier report.
 */
export const BIEU06 = {
  code: 'Biểu số 06/VPCP/KSTT',
  title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
  groups: [
    { name: 'Số hồ sơ nhận giải quyết', span: 4 },
    { name: 'Kết quả giải quyết', span: 4 },
    { name: 'Đang giải quyết', span: 3 },
  ],
  columns: [
    'Tổng số',
    'Trực tuyến',
    'Trực tiếp, dịch vụ bưu chính',
    'Từ kỳ trước chuyển sang',
    'Tổng số',
    'Trước hạn',
    'Đúng hạn',
    'Quá hạn',
    'Tổng số',
    'Trong hạn',
    'Quá hạn',
  ],
} as const;

/** One line of Biểu 06: the 11 counts of a field (or the total). */
export function bieu06Counts(r: DossierReportDto): number[] {
  return [
    r.received,
    r.byChannel.online,
    r.byChannel.direct + r.byChannel.postal,
    r.carriedOver,
    r.resolvedEarly + r.resolvedOnTime + r.resolvedLate,
    r.resolvedEarly,
    r.resolvedOnTime,
    r.resolvedLate,
    r.pendingInTime + r.pendingOverdue,
    r.pendingInTime,
    r.pendingOverdue,
  ];
}

/** Biểu 06's lines: STT, field, the counts; the total last. */
export function bieu06Rows(report: DossierReportDto, breakdown: DossierBreakdownDto): Cell[][] {
  return [
    ...breakdown.byField.map((f, i): Cell[] => [i + 1, f.name || f.code || 'Không rõ lĩnh vực', ...bieu06Counts(f)]),
    ['', 'Tổng cộng', ...bieu06Counts(report)],
  ];
}

function addBieu06(
  wb: ExcelJS.Workbook,
  header: SheetHeader,
  report: DossierReportDto,
  breakdown: DossierBreakdownDto,
) {
  const ws = wb.addWorksheet('Biểu 06', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = 13; // A … M
  const thin = { style: 'thin' } as const;
  const border = { top: thin, bottom: thin, left: thin, right: thin };
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value = header.parentName.toUpperCase();
  ws.mergeCells(2, 1, 2, 5);
  ws.getCell(2, 1).value = header.officeName.toUpperCase();
  ws.getCell(2, 1).font = { bold: true };
  ws.mergeCells(1, 10, 1, last);
  ws.getCell(1, 10).value = BIEU06.code;
  ws.getCell(1, 10).font = { bold: true, italic: true };
  ws.getCell(1, 10).alignment = { horizontal: 'right' };
  ws.mergeCells(4, 1, 4, last);
  ws.getCell(4, 1).value = BIEU06.title;
  ws.getCell(4, 1).font = { bold: true, size: 13 };
  ws.getCell(4, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(5, 1, 5, last);
  ws.getCell(5, 1).value = `Kỳ báo cáo: từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}`;
  ws.getCell(5, 1).font = { italic: true };
  ws.getCell(5, 1).alignment = { horizontal: 'center' };
  // two header rows: STT and Lĩnh vực span both; the three groups over their columns
  ws.mergeCells(7, 1, 8, 1);
  ws.getCell(7, 1).value = 'STT';
  ws.mergeCells(7, 2, 8, 2);
  ws.getCell(7, 2).value = 'Lĩnh vực giải quyết';
  let col = 3;
  for (const g of BIEU06.groups) {
    ws.mergeCells(7, col, 7, col + g.span - 1);
    ws.getCell(7, col).value = g.name;
    col += g.span;
  }
  BIEU06.columns.forEach((name, i) => (ws.getCell(8, 3 + i).value = name));
  for (let r = 7; r <= 8; r++) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = border;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
    }
  }
  ws.getRow(8).height = 45;
  // the column numbers, as the form prints them: (1) (2) …
  const numbers = ws.getRow(9);
  for (let c = 1; c <= last; c++) {
    numbers.getCell(c).value = `(${c})`;
    numbers.getCell(c).alignment = { horizontal: 'center' };
    numbers.getCell(c).font = { italic: true };
    numbers.getCell(c).border = border;
  }
  const rows = bieu06Rows(report, breakdown);
  rows.forEach((cells, i) => {
    const row = ws.getRow(10 + i);
    cells.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.border = border;
      if (typeof v === 'number' && c > 0) cell.numFmt = '#,##0';
    });
    if (i === rows.length - 1) row.font = { bold: true };
  });
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 34;
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = 11;
}

/** The Decision 766 groups as a sheet: score, maximum, ratio, numerator and denominator, notes. */
function addIndex766(wb: ExcelJS.Workbook, header: SheetHeader, index: Index766Dto) {
  const rows: Cell[][] = [];
  for (const g of index.groups) {
    rows.push([
      g.name,
      g.max,
      g.score,
      g.ratio === null ? null : g.ratio * 100,
      g.numerator,
      g.denominator,
      g.note ?? '',
    ]);
    for (const p of g.parts ?? []) {
      rows.push([
        `   - ${p.name}`,
        p.max,
        p.score,
        p.ratio === null ? null : p.ratio * 100,
        p.numerator,
        p.denominator,
        '',
      ]);
    }
  }
  const computable = index.groups.filter((g) => g.computable);
  rows.push([
    'Tổng các nhóm tính được',
    computable.reduce((n, g) => n + g.max, 0),
    Math.round(computable.reduce((n, g) => n + (g.score ?? 0), 0) * 100) / 100,
    null,
    null,
    null,
    '',
  ]);
  addTable(
    wb.addWorksheet('Chỉ số 766'),
    'Chỉ số đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg)',
    header,
    index,
    [
      { name: 'Nhóm chỉ số', width: 52 },
      { name: 'Điểm tối đa', width: 10, fmt: '0.##' },
      { name: 'Điểm', width: 10, fmt: '0.00' },
      { name: 'Tỷ lệ (%)', width: 10, fmt: '0.0' },
      { name: 'Tử số', width: 10, fmt: '#,##0' },
      { name: 'Mẫu số', width: 10, fmt: '#,##0' },
      { name: 'Ghi chú', width: 70 },
    ],
    rows,
  );
}

export async function reportWorkbook(
  header: SheetHeader,
  queue: QueueReportDto | null,
  dossiers: DossierReportDto | null,
  breakdown: DossierBreakdownDto | null = null,
  index766: Index766Dto | null = null,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  if (dossiers) {
    addTable(
      wb.addWorksheet('Hồ sơ'),
      'Báo cáo kết quả tiếp nhận và giải quyết hồ sơ',
      header,
      dossiers,
      DOSSIER_COLUMNS,
      dossierRows(dossiers),
    );
  }
  if (breakdown) {
    addTable(
      wb.addWorksheet('Hồ sơ theo lĩnh vực'),
      'Hồ sơ theo lĩnh vực',
      header,
      breakdown,
      BREAKDOWN_COLUMNS('Lĩnh vực'),
      breakdown.byField.map((r) => breakdownRow(r.name, r)),
    );
    addTable(
      wb.addWorksheet('Hồ sơ theo thủ tục'),
      'Hồ sơ theo thủ tục hành chính',
      header,
      breakdown,
      BREAKDOWN_COLUMNS('Thủ tục hành chính'),
      breakdown.byProcedure.map((r) => breakdownRow(`${r.code} — ${r.name}`, r)),
    );
    addTable(
      wb.addWorksheet('Hồ sơ theo quầy'),
      'Hồ sơ theo quầy tiếp nhận',
      header,
      breakdown,
      BREAKDOWN_COLUMNS('Quầy'),
      breakdown.byCounter.map((r) => breakdownRow(r.id === null ? 'Nhập từ tệp / không rõ quầy' : r.name, r)),
    );
    addTable(
      wb.addWorksheet('Hồ sơ theo cán bộ'),
      'Hồ sơ theo cán bộ tiếp nhận',
      header,
      breakdown,
      BREAKDOWN_COLUMNS('Cán bộ tiếp nhận'),
      breakdown.byClerk.map((r) => breakdownRow(r.id === null ? 'Nhập từ tệp / không rõ cán bộ' : r.name, r)),
    );
    if (dossiers) addBieu06(wb, header, dossiers, breakdown);
  }
  if (index766) addIndex766(wb, header, index766);
  if (queue) {
    for (const [key, t] of Object.entries(queueTables(queue))) {
      addTable(wb.addWorksheet(SHEET_NAMES[key] ?? key), t.title, header, queue, t.columns, t.rows);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** RFC 4180 CSV line; a cell with a comma, quote or line break is quoted. */
export function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((c) => {
      if (c === null) return '';
      const s = String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** A table as CSV text with a UTF-8 BOM (Excel on Windows then reads Vietnamese correctly). */
export function tableCsv(columns: ReadonlyArray<{ name: string }>, rows: Cell[][]): string {
  return '\uFEFF' + [csvLine(columns.map((c) => c.name)), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}

export function dossierReportCsv(r: DossierReportDto): string {
  return tableCsv(DOSSIER_COLUMNS, dossierRows(r));
}

const STATUS_VI: Record<string, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  supplement: 'Chờ bổ sung',
  resolved: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  rejected: 'Từ chối tiếp nhận',
  stopped: 'Đã dừng giải quyết',
};

/**
 * Sổ theo dõi hồ sơ (Mẫu 07 of Circular 03/2025/TT-VPCP; Mẫu 06 in the
 * 2018 set): the office's ledger of the dossiers received in a period, A4
 * landscape, the form's columns, the national header, its number in the
 * office's form set above the title. The notes column says what was
 * digitised at reception and whether the result was electronic.
 */
/** "Số hóa: 2 giấy tờ (5 trang), tái sử dụng 1" from a dossier's documents JSON. */
function digitisedNote(documentsJson: string): string {
  let docs: DossierDocument[];
  try {
    docs = JSON.parse(documentsJson) as DossierDocument[];
  } catch {
    return '';
  }
  const scanned = docs.filter((x) => x.digitisation?.kind === 'scanned');
  const reused = docs.filter((x) => x.digitisation?.kind === 'reused').length;
  const parts: string[] = [];
  if (scanned.length > 0) {
    const pages = scanned.reduce((n, x) => n + (x.digitisation?.pages ?? 0), 0);
    parts.push(`${scanned.length} giấy tờ (${pages} trang)`);
  }
  if (reused > 0) parts.push(`tái sử dụng ${reused}`);
  return parts.length ? `Số hóa: ${parts.join(', ')}` : '';
}

export async function ledgerWorkbook(
  header: SheetHeader,
  period: { from: string; to: string },
  rows: LedgerRow[],
  timeZone: string,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: '8:8',
    },
  });
  const fmt = isoFormatter(timeZone);
  const at = (ms: number | null) => {
    if (ms === null) return '';
    const iso = fmt(ms);
    return `${iso.slice(11, 16)} ${vnDate(iso.slice(0, 10))}`;
  };
  const widths = [6, 20, 34, 8, 22, 28, 20, 15, 15, 18, 22, 18, 22];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = header.parentName.toUpperCase();
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = header.officeName.toUpperCase();
  ws.getCell('A2').font = { bold: true };
  ws.mergeCells('H1:M1');
  ws.getCell('H1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  ws.getCell('H1').font = { bold: true };
  ws.mergeCells('H2:M2');
  ws.getCell('H2').value = 'Độc lập - Tự do - Hạnh phúc';
  ws.getCell('H2').font = { bold: true, underline: true };
  for (const c of ['A1', 'A2', 'H1', 'H2']) ws.getCell(c).alignment = { horizontal: 'center' };
  const form = formInfo(header.formSet ?? DEFAULT_FORM_SET, 'ledger');
  ws.mergeCells('H3:M3');
  ws.getCell('H3').value = formLabel(form);
  ws.getCell('H3').font = { bold: true, italic: true };
  ws.getCell('H3').alignment = { horizontal: 'right' };
  ws.mergeCells('A4:M4');
  ws.getCell('A4').value = form.name.toLocaleUpperCase('vi');
  ws.getCell('A4').font = { bold: true, size: 14 };
  ws.getCell('A4').alignment = { horizontal: 'center' };
  ws.mergeCells('A5:M5');
  ws.getCell('A5').value = `Từ ngày ${vnDate(period.from)} đến ngày ${vnDate(period.to)}`;
  ws.getCell('A5').alignment = { horizontal: 'center' };
  ws.getCell('A5').font = { italic: true };
  const head = ws.getRow(8);
  head.values = [
    'STT',
    'Mã hồ sơ',
    'Tên thủ tục hành chính',
    'Số lượng hồ sơ (bộ)',
    'Tên cá nhân, tổ chức',
    'Địa chỉ, số điện thoại',
    'Cơ quan chủ trì giải quyết',
    'Nhận hồ sơ (ngày/tháng/năm)',
    'Hẹn trả kết quả',
    'Chuyển hồ sơ đến cơ quan giải quyết',
    'Có kết quả / yêu cầu trả lại dân',
    'Trả kết quả (ngày, ký nhận)',
    'Ghi chú',
  ];
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = 48;
  const border = {
    top: { style: 'thin' },
    bottom: { style: 'thin' },
    left: { style: 'thin' },
    right: { style: 'thin' },
  } as const;
  rows.forEach((r, i) => {
    const notes = [
      r.apologyAt ? `Phiếu xin lỗi ${at(r.apologyAt)}; hẹn lại ${at(r.newDueAt)}` : '',
      r.returnChannel === 'postal' ? 'Trả qua bưu chính' : '',
      r.status === 'stopped' && r.stopReason ? `Dừng giải quyết: ${r.stopReason}` : '',
      digitisedNote(r.documents),
      r.resultElectronic ? 'Kết quả điện tử' : '',
      r.status === 'stopped' ? '' : (r.note ?? ''),
    ].filter(Boolean);
    const row = ws.addRow([
      i + 1,
      r.code,
      r.procedureName || r.procedureCode,
      r.sets,
      r.applicantName,
      [r.applicantAddress, r.applicantPhone].filter(Boolean).join('; '),
      r.handlingAgency,
      at(r.receivedAt),
      at(r.dueAt),
      r.firstHandoverTo ? `${r.firstHandoverTo} ${at(r.handedOverAt)}` : at(r.handedOverAt),
      r.resolvedAt
        ? at(r.resolvedAt)
        : r.status === 'rejected' || r.status === 'stopped'
          ? (STATUS_VI[r.status] ?? '')
          : '',
      at(r.returnedAt),
      notes.length ? notes.join('. ') : r.resolvedAt ? '' : (STATUS_VI[r.status] ?? r.status),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  for (let r = 8; r <= 8 + rows.length; r++) {
    for (let c = 1; c <= 13; c++) ws.getRow(r).getCell(c).border = border;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
