/**
 * The forms of the one-stop desk as print-friendly HTML (DOMAIN.md §1), in
 * the office's form set (domain/form-sets.ts: Circular 03/2025/TT-VPCP by
 * default — 01 receipt and appointment, 02 supplement request, 03 refusal,
 * 04 apology and extension, 05 stop notice, 06 control slip; or the 2018
 * set). Each page names its form "Mẫu số NN" and the set's name for it.
 *
 * Paper: the forms are A5 (148 × 210 mm). Mẫu 01 is printed as its two
 * copies side by side on one A4 landscape sheet (A4 = two A5), so an
 * ordinary office printer gives "one for the citizen, one with the
 * dossier" in one pass and the clerk cuts along the dotted line; the others
 * print on A5 (the browser scales to A4 when the printer has only A4).
 *
 * Legal forms are Vietnamese only; their texts are gathered in `TEXT`.
 */
import QRCode from 'qrcode';
import { formLabel, type FormInfo } from '../domain/form-sets';
import type { Office } from '../domain/model';
import { zonedParts } from '../domain/time';
import type { DossierDto, DossierNoticeDto } from '../protocol/dossiers';

const TEXT = {
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  code: 'Mã hồ sơ',
  receivedFrom: 'Tiếp nhận hồ sơ của',
  applicant: 'Ông/Bà',
  idNumber: 'Số CCCD',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  request: 'Nội dung yêu cầu giải quyết',
  documents: 'Thành phần hồ sơ nộp gồm',
  copyNames: { original: 'bản chính', copy: 'bản sao', certified: 'bản sao chứng thực' },
  docCount: (n: number) => `${n} bản`,
  noDocuments: 'Theo thành phần hồ sơ của thủ tục',
  sets: 'Số lượng hồ sơ',
  setsValue: (n: number) => `${String(n).padStart(2, '0')} (bộ)`,
  processing: 'Thời gian giải quyết hồ sơ theo quy định là',
  processingDays: (n: number) => (n === 0 ? 'trong ngày' : `${String(n).replace('.', ',')} ngày làm việc`),
  processingHours: (n: number) => `${String(n).replace('.', ',')} giờ làm việc`,
  receivedAt: 'Thời gian nhận hồ sơ',
  dueAt: 'Thời gian trả kết quả giải quyết hồ sơ',
  returnAt: 'Đăng ký nhận kết quả tại',
  returnCounter: 'Bộ phận Tiếp nhận và Trả kết quả',
  returnPostal: 'Nhận qua dịch vụ bưu chính công ích tại địa chỉ trên',
  ledger: (book: string, line: string) => `Vào Sổ theo dõi hồ sơ, Quyển số: ${book}, Số thứ tự: ${line}`,
  signApplicant: 'NGƯỜI NỘP HỒ SƠ',
  signClerk: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
  signHint: '(Ký và ghi rõ họ tên)',
  copy1: 'Liên 1: Giao người nộp hồ sơ',
  copy2: 'Liên 2: Lưu cùng hồ sơ',
  lookup: 'Tra cứu tình trạng hồ sơ: quét mã QR tại kiosk hoặc nhập mã hồ sơ.',
  supplementIntro: (office: string, date: string) =>
    `Ngày ${date}, ${office} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính:`,
  supplementAsk: 'Sau khi xem xét, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
  supplementReason: 'Lý do',
  supplementOnce:
    'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với cán bộ tiếp nhận để được hướng dẫn.',
  supplementSecond: 'Yêu cầu bổ sung lần thứ hai, được lãnh đạo đồng ý vì',
  refusalIntro: (office: string, date: string) =>
    `Ngày ${date}, ${office} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính:`,
  refusalBody: 'Sau khi xem xét, Bộ phận Tiếp nhận và Trả kết quả từ chối tiếp nhận, giải quyết hồ sơ này với lý do:',
  refusalEnd: 'Xin thông báo để Ông/Bà được biết.',
  apologyIntro: (date: string) => `Ngày ${date}, cơ quan chúng tôi tiếp nhận hồ sơ của Ông/Bà:`,
  apologyDue: 'Thời gian hẹn trả kết quả giải quyết hồ sơ',
  apologyLate: 'Tuy nhiên đến nay, cơ quan chúng tôi chưa trả kết quả giải quyết hồ sơ cho Ông/Bà.',
  apologyReason: 'Lý do',
  apologySorry: 'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Cơ quan chúng tôi xin lỗi Ông/Bà về sự bất tiện này.',
  apologyNew: 'Cơ quan chúng tôi sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào',
  apologyThanks: 'Mong nhận được sự thông cảm của Ông/Bà.',
  clerkRole: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
  head: 'THỦ TRƯỞNG CƠ QUAN',
  controlHeader: ['TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ', 'GHI CHÚ'],
  stepGive: 'Giao',
  stepTake: 'Nhận',
  stepStatus: { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' },
  stopIntro: (office: string, date: string) =>
    `Ngày ${date}, ${office} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính:`,
  stopCitizen: 'Theo đề nghị của Ông/Bà, cơ quan chúng tôi dừng giải quyết hồ sơ nêu trên.',
  stopAgency: 'Cơ quan chúng tôi thông báo dừng giải quyết hồ sơ nêu trên.',
  stopReason: 'Lý do dừng giải quyết',
  stopAt: 'Thời điểm dừng giải quyết',
  stopEnd: 'Xin thông báo để Ông/Bà được biết.',
  notStopped: 'Hồ sơ này chưa dừng giải quyết.',
  digitised: 'Số hóa',
  digitisedScanned: (pages: number) => `đã số hóa, ${pages} trang`,
  digitisedReused: 'tái sử dụng dữ liệu đã số hóa',
  resultElectronic: 'Kết quả giải quyết được cấp dưới dạng điện tử.',
  print: 'In',
  noNotice: 'Hồ sơ này chưa có phiếu loại này.',
} as const;

const esc = (s: string | null | undefined): string =>
  (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pad = (n: number) => String(n).padStart(2, '0');

/** "09 giờ 30 phút, ngày 25/11/2026" in the office zone. */
export function formatClock(isoString: string, timeZone: string): string {
  const p = zonedParts(new Date(isoString), timeZone);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "25/11/2026" */
export function formatDay(isoString: string, timeZone: string): string {
  const p = zonedParts(new Date(isoString), timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** The place of "…, ngày … tháng … năm …": the commune/district name of the parent authority. */
export function placeName(office: Office): string {
  const configured = office.settings.placeName;
  if (typeof configured === 'string' && configured.trim()) return configured.trim();
  const words = office.parentName
    .replace(/^UBND\s+/i, '')
    .replace(/^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s+/i, '')
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)).join(' ') || office.name;
}

function dateLine(office: Office, isoString: string): string {
  const p = zonedParts(new Date(isoString), office.timeZone);
  return `${esc(placeName(office))}, ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

function header(office: Office, at: string, form: FormInfo, number?: string): string {
  return `
  <div class="form-no" data-testid="form-no">${formLabel(form)}</div>
  <table class="national"><tr>
    <td class="left"><div>${esc(office.parentName.toLocaleUpperCase('vi'))}</div><div class="org">${esc(office.name.toLocaleUpperCase('vi'))}</div><div class="rule"></div>${number ? `<div class="num">Số: ${esc(number)}</div>` : ''}</td>
    <td class="right"><div class="nation">${TEXT.nation}</div><div class="motto">${TEXT.motto}</div><div class="rule long"></div><div class="date"><i>${dateLine(office, at)}</i></div></td>
  </tr></table>`;
}

function applicantLines(d: DossierDto): string {
  const a = d.applicant;
  return `
  <p>${TEXT.applicant}: <b>${esc(a.fullName)}</b></p>
  ${a.idNumber ? `<p>${TEXT.idNumber}: ${esc(a.idNumber)}</p>` : ''}
  <p>${TEXT.address}: ${esc(a.address) || '……………………………………'}</p>
  <p>${TEXT.phone}: ${esc(a.phone) || '…………………'}${a.email ? ` &nbsp; ${TEXT.email}: ${esc(a.email)}` : ''}</p>`;
}

function processingText(d: DossierDto): string {
  return d.processingUnit === 'hours'
    ? TEXT.processingHours(d.processingAmount)
    : TEXT.processingDays(d.processingAmount);
}

function signatures(left: [string, string | null], right: [string, string | null]): string {
  const cell = ([role, name]: [string, string | null]) =>
    `<td><b>${role}</b><div class="hint">${TEXT.signHint}</div><div class="space"></div><b>${esc(name)}</b></td>`;
  return `<table class="signs"><tr>${cell(left)}${cell(right)}</tr></table>`;
}

/** The form's name as its title, in capitals as the circular prints it. */
function title(form: FormInfo): string {
  return `<h1 data-testid="form-name">${esc(form.name.toLocaleUpperCase('vi'))}</h1>`;
}

function digitisationText(x: DossierDto['documents'][number]): string {
  const dg = x.digitisation;
  if (!dg || dg.kind === 'none') return '';
  return ` (${dg.kind === 'scanned' ? TEXT.digitisedScanned(dg.pages ?? 0) : TEXT.digitisedReused})`;
}

/** The control slip's note of what was digitised at reception and whether the result is electronic. */
function digitisedSummary(d: DossierDto): string {
  const parts = d.documents
    .filter((x) => x.digitisation && x.digitisation.kind !== 'none')
    .map((x) => `${esc(x.name)}${digitisationText(x)}`);
  const lines: string[] = [];
  if (parts.length > 0) lines.push(`<p data-testid="digitised">${TEXT.digitised}: ${parts.join('; ')}</p>`);
  if (d.resultElectronic) lines.push(`<p data-testid="result-electronic">${TEXT.resultElectronic}</p>`);
  return lines.join('');
}

function footer(office: Office): string {
  const f = office.settings.formFooter;
  return typeof f === 'string' && f.trim() ? `<p class="form-footer">${esc(f.trim())}</p>` : '';
}

function receiptCopy(office: Office, d: DossierDto, qrSvg: string, copyLabel: string, form: FormInfo): string {
  const tz = office.timeZone;
  const docs =
    d.documents.length > 0
      ? `<ol class="docs">${d.documents
          .map(
            (x) =>
              `<li>${esc(x.name)}: ${TEXT.copyNames[x.copy]}, ${TEXT.docCount(x.count)}${digitisationText(x)}</li>`,
          )
          .join('')}</ol>`
      : `<p class="docs">${TEXT.noDocuments}</p>`;
  return `
  <section class="a5 receipt">
    <div class="copy-label">${copyLabel}</div>
    ${header(office, d.receivedAt, form)}
    ${title(form)}
    <div class="code-row"><div class="qr">${qrSvg}</div><div><div>${TEXT.code}:</div><div class="code" data-testid="dossier-code">${esc(d.code)}</div></div></div>
    <p>${esc(office.name)} ${TEXT.receivedFrom.toLocaleLowerCase('vi')}:</p>
    ${applicantLines(d)}
    <p>${TEXT.request}: <b>${esc(d.procedureName)}</b></p>
    <p>1. ${TEXT.documents}:</p>
    ${docs}
    <p>2. ${TEXT.sets}: ${TEXT.setsValue(d.sets)}</p>
    <p>3. ${TEXT.processing}: ${processingText(d)}</p>
    <p>4. ${TEXT.receivedAt}: ${formatClock(d.receivedAt, tz)}</p>
    <p class="due">5. ${TEXT.dueAt}: <b data-testid="due-at">${formatClock(d.currentDueAt, tz)}</b></p>
    <p>6. ${TEXT.returnAt}: ${d.preferredReturnChannel === 'postal' ? TEXT.returnPostal : esc(office.name)}</p>
    <p>${TEXT.ledger(esc(d.ledgerBook ?? '…'), d.ledgerLine === null ? '…' : String(d.ledgerLine))}</p>
    ${signatures([TEXT.signApplicant, d.applicant.fullName], [TEXT.signClerk, d.clerk?.fullName ?? null])}
    <p class="foot">${TEXT.lookup}</p>
    ${footer(office)}
  </section>`;
}

function notice(d: DossierDto, kind: DossierNoticeDto['kind'], noticeId?: number): DossierNoticeDto | undefined {
  const list = d.notices.filter((n) => n.kind === kind);
  return noticeId === undefined ? list.at(-1) : list.find((n) => n.id === noticeId);
}

/**
 * The forms' only scripts (the print button, and `?print=1` printing on
 * load), exported so the form's Content-Security-Policy allows exactly
 * these by hash.
 */
export const FORM_INLINE_SCRIPTS = [
  'window.print()',
  "if (new URLSearchParams(location.search).get('print') === '1') window.addEventListener('load', () => window.print());",
] as const;

function page(title: string, size: 'a4-landscape' | 'a5', body: string): string {
  const pageSize = size === 'a5' ? 'A5 portrait' : 'A4 landscape';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: ${pageSize}; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #e5e7eb; }
body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; color: #000; font-size: 12.5pt; }
.sheet { display: flex; gap: 0; margin: 12px auto; background: #fff; box-shadow: 0 2px 10px rgba(0,0,0,.25); width: max-content; }
.a5 { width: 148mm; min-height: 210mm; padding: 8mm 10mm 8mm 11mm; position: relative; line-height: 1.32; }
.sheet .a5 + .a5 { border-left: 1px dashed #888; }
.copy-label { position: absolute; top: 2.5mm; right: 10mm; font-size: 9pt; font-style: italic; }
.form-no { text-align: right; font-size: 10pt; font-style: italic; font-weight: bold; }
.national { width: 100%; border-collapse: collapse; font-size: 10.5pt; margin-top: 1mm; }
.national td { vertical-align: top; text-align: center; padding: 0; }
.national .left { width: 42%; }
.national .org { font-weight: bold; }
.national .nation { font-weight: bold; font-size: 10pt; white-space: nowrap; }
.national .motto { font-weight: bold; font-size: 11pt; }
.rule { width: 30%; margin: 1mm auto 0; border-top: 1px solid #000; }
.rule.long { width: 62%; }
.date { margin-top: 2mm; font-size: 10.5pt; }
.num { margin-top: 1.5mm; }
h1 { font-size: 13pt; text-align: center; margin: 4mm 0 2mm; }
p { margin: 0.6mm 0; }
.code-row { display: flex; align-items: center; gap: 4mm; margin: 1mm 0 2mm; }
.qr svg { width: 24mm; height: 24mm; display: block; }
.code { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-weight: bold; font-size: 14pt; letter-spacing: .5px; }
.docs { margin: 0.5mm 0 0.5mm 6mm; padding: 0; }
.due b { font-size: 13pt; }
.signs { width: 100%; margin-top: 3mm; text-align: center; border-collapse: collapse; }
.signs td { width: 50%; vertical-align: top; }
.hint { font-style: italic; font-size: 10pt; }
.space { height: 17mm; }
.foot { font-size: 9.5pt; font-style: italic; margin-top: 2mm; }
.items { margin: 1mm 0 1mm 6mm; padding: 0; }
.steps { width: 100%; border-collapse: collapse; font-size: 10pt; margin-top: 2mm; }
.steps th, .steps td { border: 1px solid #000; padding: 1.2mm; vertical-align: top; }
.form-footer { font-size: 9pt; margin-top: 2mm; text-align: left; }
.toolbar { text-align: center; margin: 10px; font-family: sans-serif; }
.toolbar button { font-size: 16px; padding: 10px 28px; min-height: 48px; }
@media print {
  html, body { background: #fff; }
  .sheet { margin: 0; box-shadow: none; }
  .toolbar { display: none; }
}
</style></head>
<body>
<div class="toolbar"><button type="button" onclick="${FORM_INLINE_SCRIPTS[0]}">${TEXT.print}</button></div>
${body}
<script>${FORM_INLINE_SCRIPTS[1]}</script>
</body></html>`;
}

/** The HTML of a form of one dossier. Throws when asked for a notice the dossier does not have. */
export async function renderForm(
  form: FormInfo,
  office: Office,
  d: DossierDto,
  noticeId?: number,
): Promise<{ html: string } | { missing: string }> {
  const tz = office.timeZone;
  const qrSvg = await QRCode.toString(d.code, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const pageTitle = `${form.name} — ${d.code}`;
  switch (form.key) {
    case 'receipt':
      return {
        html: page(
          pageTitle,
          'a4-landscape',
          `<div class="sheet">${receiptCopy(office, d, qrSvg, TEXT.copy1, form)}${receiptCopy(office, d, qrSvg, TEXT.copy2, form)}</div>`,
        ),
      };
    case 'supplement': {
      const n = notice(d, 'supplement', noticeId);
      if (!n) return { missing: TEXT.noNotice };
      const body = `<div class="sheet"><section class="a5">
        ${header(office, n.issuedAt, form)}
        ${title(form)}
        <div class="code-row"><div class="qr">${qrSvg}</div><div>${TEXT.code}: <span class="code">${esc(d.code)}</span></div></div>
        <p>${TEXT.supplementIntro(esc(office.name), formatDay(d.receivedAt, tz))}</p>
        <p><b>${esc(d.procedureName)}</b></p>
        ${applicantLines(d)}
        <p>${TEXT.supplementAsk}</p>
        <ol class="items">${n.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>
        <p>${TEXT.supplementReason}: ${esc(n.reason)}</p>
        ${n.supervisorReason ? `<p><i>${TEXT.supplementSecond}: ${esc(n.supervisorReason)}</i></p>` : ''}
        <p>${TEXT.supplementOnce}</p>
        ${signatures([TEXT.signApplicant, d.applicant.fullName], [TEXT.clerkRole, n.issuedBy])}
        ${footer(office)}
      </section></div>`;
      return { html: page(pageTitle, 'a5', body) };
    }
    case 'refusal': {
      const n = notice(d, 'refusal', noticeId);
      if (!n) return { missing: TEXT.noNotice };
      const body = `<div class="sheet"><section class="a5">
        ${header(office, n.issuedAt, form)}
        ${title(form)}
        <p>${TEXT.refusalIntro(esc(office.name), formatDay(d.receivedAt, tz))}</p>
        <p><b>${esc(d.procedureName)}</b></p>
        ${applicantLines(d)}
        <p>${TEXT.refusalBody}</p>
        <p style="margin-left:6mm"><b>${esc(n.reason)}</b></p>
        <p>${TEXT.refusalEnd}</p>
        ${signatures([TEXT.signApplicant, d.applicant.fullName], [TEXT.clerkRole, n.issuedBy])}
        ${footer(office)}
      </section></div>`;
      return { html: page(pageTitle, 'a5', body) };
    }
    case 'apology': {
      const n = notice(d, 'apology', noticeId);
      if (!n) return { missing: TEXT.noNotice };
      const body = `<div class="sheet"><section class="a5">
        ${header(office, n.issuedAt, form)}
        ${title(form)}
        <p>${TEXT.apologyIntro(formatDay(d.receivedAt, tz))}</p>
        ${applicantLines(d)}
        <p>${TEXT.request}: <b>${esc(d.procedureName)}</b></p>
        <p>${TEXT.code}: <b>${esc(d.code)}</b></p>
        <p>${TEXT.apologyDue}: ${formatClock(n.originalDueAt ?? d.dueAt, tz)}</p>
        <p>${TEXT.apologyLate}</p>
        <p>${TEXT.apologyReason}: ${esc(n.reason)}</p>
        <p>${TEXT.apologySorry}</p>
        <p>${TEXT.apologyNew}: <b>${formatClock(n.newDueAt ?? d.currentDueAt, tz)}</b>.</p>
        <p>${TEXT.apologyThanks}</p>
        <table class="signs"><tr><td></td><td><b>${esc((n.signerTitle ?? TEXT.head).toLocaleUpperCase('vi'))}</b><div class="hint">(Ký, ghi rõ họ tên và đóng dấu)</div><div class="space"></div><b>${esc(n.signedBy)}</b></td></tr></table>
        ${footer(office)}
      </section></div>`;
      return { html: page(pageTitle, 'a5', body) };
    }
    case 'control': {
      const rows = d.steps
        .map(
          (s) => `<tr>
          <td>${TEXT.stepGive}: ${esc(s.fromUnit)}${s.fromPerson ? ` (${esc(s.fromPerson)})` : ''}<br>${TEXT.stepTake}: ${esc(s.toUnit)}${s.toPerson ? ` (${esc(s.toPerson)})` : ''}</td>
          <td>${formatClock(s.at, tz)}</td>
          <td>${s.status ? TEXT.stepStatus[s.status] : ''}</td>
          <td>${esc(s.note)}</td></tr>`,
        )
        .join('');
      const body = `<div class="sheet"><section class="a5">
        ${header(office, d.receivedAt, form)}
        ${title(form)}
        <p>${TEXT.code}: <b>${esc(d.code)}</b></p>
        <p>${TEXT.request}: ${esc(d.procedureName)}</p>
        <p>${TEXT.receivedAt}: ${formatClock(d.receivedAt, tz)} — ${TEXT.dueAt}: ${formatClock(d.currentDueAt, tz)}</p>
        <table class="steps"><thead><tr>${TEXT.controlHeader.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
        ${digitisedSummary(d)}
        ${footer(office)}
      </section></div>`;
      return { html: page(pageTitle, 'a5', body) };
    }
    case 'stop': {
      if (d.status !== 'stopped') return { missing: TEXT.notStopped };
      const body = `<div class="sheet"><section class="a5">
        ${header(office, d.stoppedAt ?? d.receivedAt, form)}
        ${title(form)}
        <p>${TEXT.stopIntro(esc(office.name), formatDay(d.receivedAt, tz))}</p>
        <p><b>${esc(d.procedureName)}</b></p>
        <p>${TEXT.code}: <b>${esc(d.code)}</b></p>
        ${applicantLines(d)}
        <p>${d.stopRequestedBy === 'agency' ? TEXT.stopAgency : TEXT.stopCitizen}</p>
        <p>${TEXT.stopReason}: <b data-testid="stop-reason">${esc(d.stopReason)}</b></p>
        ${d.stoppedAt ? `<p>${TEXT.stopAt}: ${formatClock(d.stoppedAt, tz)}</p>` : ''}
        <p>${TEXT.stopEnd}</p>
        ${signatures([TEXT.signApplicant, d.applicant.fullName], [TEXT.clerkRole, d.clerk?.fullName ?? null])}
        ${footer(office)}
      </section></div>`;
      return { html: page(pageTitle, 'a5', body) };
    }
    case 'ledger':
      return { missing: 'Sổ theo dõi hồ sơ là sổ chung của cơ quan: GET /api/reports/ledger?from=&to=' };
  }
}
