/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04, Circular 01/2018/TT-VPCP)
 * as a printable A5 page: the national header, the dossier, the reason, the
 * apology, the new appointment, the signature of the head of the agency at
 * fault. Served as HTML so any office browser prints it.
 */
import type { Office } from '../domain/model';
import type { DossierDto, DossierNoticeDto } from '../protocol/dossiers';

const esc = (s: string | null | undefined) =>
  (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "08 giờ 30 phút, ngày 24/11/2026" from an ISO time with offset (office wall clock). */
export function vnDateTime(iso: string | null): string {
  if (!iso) return '…';
  const [d, t] = iso.split('T') as [string, string];
  const [y, m, day] = d.split('-');
  return `${t.slice(0, 2)} giờ ${t.slice(3, 5)} phút, ngày ${day}/${m}/${y}`;
}

function vnDateLine(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

export function apologySlipHtml(office: Office, dossier: DossierDto, notice: DossierNoticeDto): string {
  const where = office.address.split(',').at(-1)?.trim() || office.name;
  const place = where.charAt(0).toUpperCase() + where.slice(1);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>Phiếu xin lỗi và hẹn lại ngày trả kết quả — ${esc(dossier.code)}</title>
<style>
@page { size: A5 portrait; margin: 12mm; }
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12.5pt; line-height: 1.45; color: #000; max-width: 148mm; margin: 0 auto; }
.head { display: flex; justify-content: space-between; text-align: center; font-size: 10.5pt; gap: 8px; }
.head .l { width: 42%; } .head .r { width: 58%; }
.u { text-decoration: underline; font-weight: 700; }
h1 { text-align: center; font-size: 13.5pt; margin: 18px 0 4px; }
.date { text-align: right; font-style: italic; margin: 10px 0; }
.sign { display: flex; justify-content: flex-end; text-align: center; margin-top: 18px; }
.sign div { width: 60%; }
.sign .name { margin-top: 56px; font-weight: 700; }
p { margin: 6px 0; }
@media screen { body { padding: 16px; background: #fff; } .print { display: inline-block; margin: 12px 0; font-size: 14pt; padding: 10px 18px; } }
@media print { .print { display: none; } }
</style></head>
<body>
<button class="print" onclick="window.print()">In phiếu</button>
<div class="head">
  <div class="l">${esc(office.parentName.toUpperCase())}<br><strong>${esc(office.name.toUpperCase())}</strong><br>―――――</div>
  <div class="r"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><span class="u">Độc lập - Tự do - Hạnh phúc</span></div>
</div>
<p class="date">${esc(place)}, ${vnDateLine(notice.issuedAt)}</p>
<h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>
<p style="text-align:center">Mã hồ sơ: <strong>${esc(dossier.code)}</strong></p>
<p>Ngày ${esc(vnDateTime(dossier.receivedAt))}, ${esc(office.name)} tiếp nhận giải quyết hồ sơ của Ông/Bà: <strong>${esc(dossier.applicant.fullName)}</strong>.</p>
<p>Nội dung yêu cầu giải quyết: ${esc(dossier.procedureName || dossier.procedureCode)}.</p>
<p>Thời gian hẹn trả kết quả giải quyết hồ sơ: ${esc(vnDateTime(notice.originalDueAt ?? dossier.dueAt))}.</p>
<p>Tuy nhiên đến nay, cơ quan giải quyết hồ sơ chưa trả kết quả giải quyết cho Ông/Bà.</p>
<p>Lý do: ${esc(notice.reason)}.</p>
<p>Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào <strong>${esc(vnDateTime(notice.newDueAt))}</strong>.</p>
<p>Mong nhận được sự thông cảm của Ông/Bà.</p>
<div class="sign"><div>
  <strong>${esc((notice.signerTitle ?? 'Thủ trưởng cơ quan giải quyết hồ sơ').toUpperCase())}</strong><br>
  <em>(Ký, ghi rõ họ tên và đóng dấu)</em>
  <div class="name">${esc(notice.signedBy)}</div>
</div></div>
</body></html>`;
}
