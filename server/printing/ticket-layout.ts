/**
 * The printed queue ticket (phiếu số thứ tự), as ESC/POS bytes, by one of
 * three routes chosen per printer:
 * - `codepage`: text in CP1258 with tone marks split (see cp1258.ts) and the
 *   printer's own font; small and fast, needs a printer with WPC1258;
 * - `tcvn3`: text in TCVN-3 (see tcvn3.ts) on the printer's "Vietnam" page
 *   (and its uppercase page where it has one), the table most printers
 *   sold in Vietnam carry;
 * - `raster`: text drawn with Be Vietnam Pro into `GS v 0` images; works on
 *   any ESC/POS printer, whatever its code pages.
 * The QR code is the printer's native `GS ( k` or, for printers without
 * it, a raster image (profile `qr`).
 */
import { cp1258Codec, DEFAULT_TCVN3_PAGES, tcvn3Codec } from './codecs';
import { DEFAULT_CP1258_CODE_PAGE, EscPosBuilder, type QrOptions, type TextCodec } from './escpos';
import { renderBlocks, type RasterBlock, type TextStyle } from './raster';

export interface TicketLabels {
  /** Heading above the number. */
  heading: string;
  /** Prefix of the issue time line. */
  issuedAt: string;
  /** Prefix of the waiting count line. */
  waitingAhead: string;
}

export const DEFAULT_TICKET_LABELS: TicketLabels = {
  heading: 'SỐ THỨ TỰ',
  issuedAt: 'Thời gian',
  waitingAhead: 'Số người đang chờ trước',
};

export interface TicketPrintData {
  /** Office name; "\n" separates lines ("UBND XÃ HÒA AN\nBộ phận Tiếp nhận và Trả kết quả"). */
  officeName: string;
  number: string;
  fieldName: string;
  /** Already formatted in the office time zone, e.g. "08:05 25/11/2026". */
  issuedAt: string;
  waitingAhead: number;
  /** Live ticket page, printed as a QR code. */
  qrUrl: string;
  /** Short note at the foot, e.g. "Vui lòng chờ gọi số trên màn hình". */
  note: string;
  labels?: Partial<TicketLabels>;
}

export type PrintRoute = 'codepage' | 'tcvn3' | 'raster';

export interface PrinterProfile {
  route: PrintRoute;
  /** Printable width: 384 dots for 58 mm paper, 576 for 80 mm. */
  widthDots: 384 | 576;
  /**
   * `ESC t n` of the text table: WPC1258 on the codepage route (default 52,
   * Epson), TCVN-3 lowercase on the tcvn3 route (default 30, Epson).
   */
  codePage?: number;
  /** tcvn3 route: the TCVN-3 uppercase page (default 31, Epson); null when the printer has none. */
  upperCodePage?: number | null;
  /** Whether the printer has a cutter (default true); without one the slip ends with a tear-off feed. */
  cutter?: boolean;
  /** QR code by the printer's `GS ( k` (default) or drawn as an image. */
  qr?: 'native' | 'raster';
  /**
   * Send `FS .` before selecting the code page (codepage route): needed by
   * printers with Chinese firmware that boot in double-byte mode. Default
   * false (Epson-compatible printers do not need it).
   */
  cancelKanji?: boolean;
}

/** Font A is 12 dots wide: 32 columns on 58 mm, 48 on 80 mm. */
const FONT_A_WIDTH = 12;

/** Visible columns of a string on the printer: combining marks take none. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text.normalize('NFC')) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

/**
 * Word-wraps for the printer's fixed-width font ourselves, so lines break
 * between words and centring stays right (the printer's own wrap would cut
 * words).
 */
export function wrapColumns(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (columns(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      const chars = [...word.normalize('NFC')];
      while (chars.length > width) lines.push(chars.splice(0, width).join(''));
      current = chars.join('');
    }
    lines.push(current);
  }
  return lines;
}

/**
 * The top of a slip on the code-page route, shared with the dossier receipt:
 * the printer set up for CP1258 and centred, the office name in bold, a rule.
 * `lines` prints word-wrapped text (to `cols`, or a narrower width).
 */
export function startCodePageSlip(officeName: string, printer: PrinterProfile) {
  const cols = Math.floor(printer.widthDots / FONT_A_WIDTH);
  const b = new EscPosBuilder(codecOf(printer));
  const lines = (text: string, width = cols): void => {
    for (const line of wrapColumns(text, width)) b.line(line);
  };
  // init() selects the codec's page (and sends FS . first where needed).
  b.init().align('center');
  b.bold(true);
  lines(officeName);
  b.bold(false);
  b.line('-'.repeat(cols));
  return { b, cols, lines };
}

/** The text codec of a printer's route (the raster route draws its text and uses none). */
export function codecOf(printer: PrinterProfile): TextCodec | undefined {
  const kanji = printer.cancelKanji ?? false;
  if (printer.route === 'tcvn3') {
    const upper = printer.upperCodePage === undefined ? DEFAULT_TCVN3_PAGES.upper : printer.upperCodePage;
    return tcvn3Codec(printer.codePage ?? DEFAULT_TCVN3_PAGES.lower, upper, kanji);
  }
  if (printer.route === 'codepage') return cp1258Codec(printer.codePage ?? DEFAULT_CP1258_CODE_PAGE, kanji);
  return undefined;
}

/** The QR code by the printer's own command or as an image, as its profile says. */
export function printQr(b: EscPosBuilder, data: string, printer: PrinterProfile, options: QrOptions): void {
  if (printer.qr === 'raster') b.qrRaster(data, { ...options, widthDots: printer.widthDots });
  else b.qr(data, options);
}

/** The end of a slip: cut where there is a cutter, else feed to the tear bar. */
export function finishSlip(b: EscPosBuilder, printer: PrinterProfile): void {
  if (printer.cutter === false) b.feed(4);
  else b.feed(2).cut();
}

function labelsOf(ticket: TicketPrintData): TicketLabels {
  return { ...DEFAULT_TICKET_LABELS, ...ticket.labels };
}

function qrModuleSize(widthDots: number): number {
  return widthDots >= 576 ? 8 : 6;
}

function renderCodePage(ticket: TicketPrintData, printer: PrinterProfile): Buffer {
  const labels = labelsOf(ticket);
  const { b, cols, lines } = startCodePageSlip(ticket.officeName, printer);
  lines(labels.heading);
  b.doubleSize(true).bold(true);
  lines(ticket.number, Math.floor(cols / 2));
  b.doubleSize(false).bold(false);
  b.bold(true);
  lines(ticket.fieldName);
  b.bold(false);
  lines(`${labels.issuedAt}: ${ticket.issuedAt}`);
  lines(`${labels.waitingAhead}: ${ticket.waitingAhead}`);
  b.feed(1);
  printQr(b, ticket.qrUrl, printer, { moduleSize: qrModuleSize(printer.widthDots), errorLevel: 'M' });
  b.feed(1);
  lines(ticket.note);
  finishSlip(b, printer);
  return b.build();
}

function renderRaster(ticket: TicketPrintData, printer: PrinterProfile): Buffer {
  const labels = labelsOf(ticket);
  const wide = printer.widthDots >= 576;
  const small: TextStyle = { fontSize: wide ? 26 : 22, weight: 400 };
  const strong: TextStyle = { fontSize: wide ? 28 : 24, weight: 700 };
  // 21 px bold keeps "Bộ phận Tiếp nhận và Trả kết quả" on one 58 mm line.
  const office: TextStyle = { fontSize: wide ? 28 : 21, weight: 700 };
  const number: TextStyle = { fontSize: wide ? 140 : 104, weight: 800 };

  const head: RasterBlock[] = [
    { kind: 'text', text: ticket.officeName, style: office, align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: labels.heading, style: small, align: 'center' },
    { kind: 'text', text: ticket.number, style: number, align: 'center' },
    { kind: 'text', text: ticket.fieldName, style: strong, align: 'center' },
    { kind: 'text', text: `${labels.issuedAt}: ${ticket.issuedAt}`, style: small, align: 'center' },
    { kind: 'text', text: `${labels.waitingAhead}: ${ticket.waitingAhead}`, style: small, align: 'center' },
    { kind: 'gap', height: 8 },
  ];
  const foot: RasterBlock[] = [
    { kind: 'gap', height: 8 },
    { kind: 'text', text: ticket.note, style: small, align: 'center' },
  ];

  const b = new EscPosBuilder();
  b.init().align('center');
  b.rasterImage(renderBlocks(head, printer.widthDots));
  printQr(b, ticket.qrUrl, printer, { moduleSize: qrModuleSize(printer.widthDots), errorLevel: 'M' });
  b.feed(1);
  b.rasterImage(renderBlocks(foot, printer.widthDots));
  finishSlip(b, printer);
  return b.build();
}

/** The ESC/POS bytes of one ticket for one printer. */
export function renderTicket(ticket: TicketPrintData, printer: PrinterProfile): Buffer {
  return printer.route === 'raster' ? renderRaster(ticket, printer) : renderCodePage(ticket, printer);
}
