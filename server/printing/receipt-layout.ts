/**
 * The dossier receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01)
 * on the counter's thermal printer, as ESC/POS bytes: the citizen's short
 * copy with the dossier code as text and QR, the appointment in large type.
 * The full A5 form is printed from the browser (forms.ts); this slip is for
 * counters that hand out thermal receipts. Same two routes as the queue
 * ticket (ticket-layout.ts): CP1258 code page, or Be Vietnam Pro raster.
 */
import { EscPosBuilder } from './escpos';
import { renderBlocks, type RasterBlock, type TextStyle } from './raster';
import { finishSlip, printQr, startCodePageSlip, type PrinterProfile } from './ticket-layout';

export interface ReceiptPrintData {
  /** Parent authority and office, "\n" between ("UBND XÃ HÒA AN\nBộ phận Tiếp nhận và Trả kết quả"). */
  officeName: string;
  code: string;
  applicant: string;
  procedure: string;
  /** Already formatted in the office zone: "08:14 25/11/2026". */
  receivedAt: string;
  dueAt: string;
  /** "3 ngày làm việc" */
  processing: string;
  /** "Quyển 2026, số 1" */
  ledger: string;
  clerk: string;
}

/** The fixed texts of the slip (Vietnamese: it is a legal receipt). */
export const RECEIPT_TEXT = {
  title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  code: 'Mã hồ sơ',
  applicant: 'Người nộp',
  procedure: 'Thủ tục',
  processing: 'Thời hạn giải quyết',
  receivedAt: 'Nhận lúc',
  dueAt: 'HẸN TRẢ KẾT QUẢ',
  ledger: 'Sổ theo dõi',
  clerk: 'Cán bộ tiếp nhận',
  note: 'Mang giấy này khi đến nhận kết quả. Quét mã QR tại kiosk để tra cứu tình trạng hồ sơ.',
};

function renderCodePage(r: ReceiptPrintData, printer: PrinterProfile): Buffer {
  const { b, cols, lines } = startCodePageSlip(r.officeName, printer);
  b.bold(true);
  lines(RECEIPT_TEXT.title);
  b.bold(false);
  lines(`${RECEIPT_TEXT.code}:`);
  b.bold(true);
  lines(r.code);
  b.bold(false);
  printQr(b, r.code, printer, { moduleSize: printer.widthDots >= 576 ? 7 : 5, errorLevel: 'M' });
  b.align('left');
  lines(`${RECEIPT_TEXT.applicant}: ${r.applicant}`);
  lines(`${RECEIPT_TEXT.procedure}: ${r.procedure}`);
  lines(`${RECEIPT_TEXT.processing}: ${r.processing}`);
  lines(`${RECEIPT_TEXT.receivedAt}: ${r.receivedAt}`);
  b.align('center').line('-'.repeat(cols));
  lines(RECEIPT_TEXT.dueAt);
  b.doubleSize(true).bold(true);
  lines(r.dueAt, Math.floor(cols / 2));
  b.doubleSize(false).bold(false);
  b.line('-'.repeat(cols));
  b.align('left');
  lines(`${RECEIPT_TEXT.ledger}: ${r.ledger}`);
  lines(`${RECEIPT_TEXT.clerk}: ${r.clerk}`);
  b.align('center');
  lines(RECEIPT_TEXT.note);
  finishSlip(b, printer);
  return b.build();
}

function renderRaster(r: ReceiptPrintData, printer: PrinterProfile): Buffer {
  const wide = printer.widthDots >= 576;
  const small: TextStyle = { fontSize: wide ? 24 : 20, weight: 400 };
  const strong: TextStyle = { fontSize: wide ? 26 : 22, weight: 700 };
  const big: TextStyle = { fontSize: wide ? 44 : 34, weight: 800 };
  const head: RasterBlock[] = [
    { kind: 'text', text: r.officeName, style: strong, align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: RECEIPT_TEXT.title, style: strong, align: 'center' },
    { kind: 'text', text: `${RECEIPT_TEXT.code}: ${r.code}`, style: strong, align: 'center' },
    { kind: 'gap', height: 6 },
  ];
  const body: RasterBlock[] = [
    { kind: 'gap', height: 6 },
    { kind: 'text', text: `${RECEIPT_TEXT.applicant}: ${r.applicant}`, style: small, align: 'left' },
    { kind: 'text', text: `${RECEIPT_TEXT.procedure}: ${r.procedure}`, style: small, align: 'left' },
    { kind: 'text', text: `${RECEIPT_TEXT.processing}: ${r.processing}`, style: small, align: 'left' },
    { kind: 'text', text: `${RECEIPT_TEXT.receivedAt}: ${r.receivedAt}`, style: small, align: 'left' },
    { kind: 'rule' },
    { kind: 'text', text: RECEIPT_TEXT.dueAt, style: strong, align: 'center' },
    { kind: 'text', text: r.dueAt, style: big, align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: `${RECEIPT_TEXT.ledger}: ${r.ledger}`, style: small, align: 'left' },
    { kind: 'text', text: `${RECEIPT_TEXT.clerk}: ${r.clerk}`, style: small, align: 'left' },
    { kind: 'text', text: RECEIPT_TEXT.note, style: small, align: 'center' },
  ];
  const b = new EscPosBuilder();
  b.init().align('center');
  b.rasterImage(renderBlocks(head, printer.widthDots));
  printQr(b, r.code, printer, { moduleSize: wide ? 7 : 5, errorLevel: 'M' });
  b.rasterImage(renderBlocks(body, printer.widthDots));
  finishSlip(b, printer);
  return b.build();
}

/** The ESC/POS bytes of one dossier receipt for one printer. */
export function renderReceipt(r: ReceiptPrintData, printer: PrinterProfile): Buffer {
  return printer.route === 'raster' ? renderRaster(r, printer) : renderCodePage(r, printer);
}
