/**
 * Reports as files: Excel workbooks with Vietnamese headings (how reports
 * travel between Vietnamese offices, DOMAIN.md §6) and CSV (UTF-8 with a
 * BOM so Excel shows the diacritics). Numbers stay numbers: rates are
 * written 91.3 with the format "0.0", so a Vietnamese Excel shows "91,3"
 * and a pasted table still adds up.
 */
import ExcelJS from 'exceljs';
import type { DossierReportDto, DurationStatsDto, QueueGroupDto, QueueReportDto } from '../protocol/reports';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Office letterhead lines printed above each sheet. */
export interface SheetHeader {
  officeName: string;
  parentName: string;
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

const DOSSIER_COLUMNS: Column[] = [
  { name: 'STT', width: 6 },
  { name: 'Chỉ tiêu', width: 52 },
  { name: 'Số hồ sơ', width: 12, fmt: '#,##0' },
  { name: 'Tỷ lệ (% so với tổng tiếp nhận)', width: 16, fmt: '0.0' },
];

function durationCells(d: DurationStatsDto): Cell[] {
  return [minutes(d.mean), minutes(d.median), minutes(d.p90)];
}

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
];

const groupRow = (g: QueueGroupDto): Cell[] => [
  g.name,
  g.issued,
  g.served,
  g.noShow,
  ...durationCells(g.waitingTime),
  ...durationCells(g.serviceTime),
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
};

/** One workbook: the dossier report (when given) then the queue tables, one sheet each. */
export async function reportWorkbook(
  header: SheetHeader,
  queue: QueueReportDto | null,
  dossiers: DossierReportDto | null,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
