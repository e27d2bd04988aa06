/**
 * Biểu 06/VPCP/KSTT as a printable page (A4 landscape): the same lines as
 * the sheet "Biểu 06" of the workbook (services/report-export.ts), with the
 * office's letterhead. Vietnamese only, like the other legal forms.
 */
import type { DossierBreakdownDto, DossierReportDto } from '../protocol/reports';
import { BIEU06, bieu06Rows, type SheetHeader } from '../services/report-export';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const vnDate = (iso: string) => iso.split('-').reverse().join('/');
const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : esc(String(v ?? '')));

export function renderBieu06(header: SheetHeader, report: DossierReportDto, breakdown: DossierBreakdownDto): string {
  const rows = bieu06Rows(report, breakdown);
  const body = rows
    .map(
      (r, i) =>
        `<tr${i === rows.length - 1 ? ' class="total"' : ''}><td class="c">${num(r[0])}</td><td>${esc(String(r[1] ?? ''))}</td>${r
          .slice(2)
          .map((v) => `<td class="n">${num(v)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${BIEU06.code} — ${vnDate(report.from)}–${vnDate(report.to)}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 11pt; margin: 0; padding: 8mm; }
.head { display: flex; justify-content: space-between; }
.head .org { text-align: center; }
.code { font-weight: bold; font-style: italic; }
h1 { text-align: center; font-size: 13pt; margin: 6mm 0 1mm; }
.period { text-align: center; font-style: italic; margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
td.n { text-align: right; }
td.c, .colno td { text-align: center; }
.colno td { font-style: italic; }
tr.total td { font-weight: bold; }
.toolbar { text-align: center; margin-bottom: 6mm; font-family: sans-serif; }
.toolbar button { font-size: 16px; padding: 10px 28px; min-height: 48px; }
@media print { .toolbar { display: none; } body { padding: 0; } }
</style></head><body>
<div class="toolbar"><button type="button" onclick="window.print()">In</button></div>
<div class="head"><div class="org"><div>${esc(header.parentName.toUpperCase())}</div><div><b>${esc(header.officeName.toUpperCase())}</b></div></div>
<div class="code" data-testid="form-no">${BIEU06.code}</div></div>
<h1 data-testid="form-name">${BIEU06.title}</h1>
<div class="period">Kỳ báo cáo: từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}</div>
<table>
<thead>
<tr><th rowspan="2">STT</th><th rowspan="2">Lĩnh vực giải quyết</th>${BIEU06.groups.map((g) => `<th colspan="${g.span}">${g.name}</th>`).join('')}</tr>
<tr>${BIEU06.columns.map((c) => `<th>${c}</th>`).join('')}</tr>
<tr class="colno">${Array.from({ length: 13 }, (_, i) => `<td>(${i + 1})</td>`).join('')}</tr>
</thead>
<tbody>${body}</tbody>
</table>
</body></html>`;
}
