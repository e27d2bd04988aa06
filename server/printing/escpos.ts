/**
 * A small ESC/POS byte builder: only the commands a queue ticket needs.
 *
 * Why not the npm `escpos` package (3.0.0-alpha, `escpos-network`)? Its
 * source (lsongdev/node-escpos, packages/printer/src/index.ts) shows:
 * - `text()` encodes through iconv-lite's plain CP1258 table, so toned
 *   Vietnamese letters ("ộ", "ế") become "?"; we would have to bypass it
 *   with `raw()` anyway;
 * - `raster()` only takes its own `Image` (decoded from PNG via get-pixels)
 *   and writes the whole image as one `GS v 0` block, with no banding for
 *   small printer buffers;
 * - `qrcode()` emits `ESC Z` (a 2D-code command of some Chinese firmwares),
 *   not Epson's `GS ( k`, and `setCharacterCodeTable` is an untyped
 *   prototype method with native deps (usb, get-pixels) pulled in;
 * - `escpos-network` gives no connect/write timeout and no error codes.
 * What is left to gain is a byte buffer, so we build the bytes ourselves.
 *
 * Command reference: Epson "ESC/POS Command Reference for TM printers".
 */
import QRCode from 'qrcode';
import { encodeCp1258 } from './cp1258';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/**
 * `ESC t n` value selecting WPC1258 on Epson TM printers (and clones that
 * follow Epson's table). Source: Epson ESC/POS reference, "ESC t" page
 * (n = 52: WPC1258 [Vietnamese]), mirrored in receipt-print-hq's
 * escpos-printer-db capabilities.json (`"52": "CP1258"` for Epson
 * profiles). Xprinter/other clones number their tables differently (30 is
 * often quoted for Vietnamese there; it is TCVN-3 on Epson), so the number
 * is a per-printer setting.
 */
export const DEFAULT_CP1258_CODE_PAGE = 52;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/** A 1-bit image, rows packed MSB first (bit 7 = leftmost dot), 1 = ink. */
export interface MonoBitmap {
  /** Width in dots (a multiple of 8 is not required; rows are padded). */
  width: number;
  height: number;
  /** `Math.ceil(width / 8) * height` bytes. */
  data: Uint8Array;
}

export interface QrOptions {
  /** Module size in dots, 1–16 (Epson `GS ( k` fn 167). Default 6. */
  moduleSize?: number;
  /** Error correction level (fn 169). Default 'M'. */
  errorLevel?: QrErrorLevel;
}

/** Largest band of a raster image sent in one `GS v 0` command. */
export const DEFAULT_RASTER_BAND_ROWS = 255;

function byte(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`${what} must be 0–255, got ${n}`);
  return n;
}

/**
 * Removes C0 controls other than line feed from user text, so an office name
 * cannot smuggle ESC/GS commands into the byte stream.
 */
function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

/** A run of encoded text and the `ESC t` page it must be printed on (null: any). */
export interface EncodedRun {
  page: number | null;
  bytes: Uint8Array;
}

/**
 * How text becomes bytes on one printer: the encoder and the code page it
 * needs. The builder selects `basePage` after every `ESC @` (which resets
 * the page to the printer's default) and re-sends the current page after a
 * font change (some firmwares drop it then: python-escpos PR #729), and
 * switches pages between runs that need different ones (TCVN-3 upper case).
 */
export interface TextCodec {
  basePage: number | null;
  /** Send `FS .` after `ESC @` (Chinese firmwares boot in double-byte mode). */
  cancelKanji?: boolean;
  encode(text: string): EncodedRun[];
}

/** CP1258 text without any page selection (the caller selects it). */
export const PLAIN_CP1258: TextCodec = {
  basePage: null,
  encode: (text) => [{ page: null, bytes: encodeCp1258(text) }],
};

export type Font = 'A' | 'B';

export class EscPosBuilder {
  private readonly chunks: Uint8Array[] = [];
  /** The `ESC t` page the printer is on now, as far as we have told it (null: its default). */
  private currentPage: number | null = null;

  /** @param codec how text becomes bytes; defaults to CP1258 with no page selection. */
  constructor(private readonly codec: TextCodec = PLAIN_CP1258) {}

  /** Appends bytes as they are. */
  raw(bytes: Uint8Array | readonly number[]): this {
    this.chunks.push(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    return this;
  }

  /**
   * `ESC @`: reset modes. It also resets the code page to the printer's
   * default, so the codec's page (and `FS .`) is sent again right after.
   */
  init(): this {
    this.raw([ESC, 0x40]);
    this.currentPage = null;
    if (this.codec.cancelKanji) this.cancelKanji();
    if (this.codec.basePage !== null) this.codePage(this.codec.basePage);
    return this;
  }

  /** `ESC M n`: font A (12×24) or B (9×17); the code page is re-sent after it. */
  font(font: Font): this {
    this.raw([ESC, 0x4d, font === 'A' ? 0 : 1]);
    if (this.currentPage !== null) this.codePage(this.currentPage);
    return this;
  }

  /**
   * `FS .`: leave Chinese (Kanji) character mode. Printers with Chinese
   * firmware (Xprinter and similar) start in a double-byte GB18030 mode in
   * which bytes ≥ 0x80 pair up into Chinese characters; a single-byte code
   * page only works after this.
   */
  cancelKanji(): this {
    return this.raw([0x1c, 0x2e]);
  }

  /** `ESC t n`: select the character code table. */
  codePage(n: number = DEFAULT_CP1258_CODE_PAGE): this {
    this.raw([ESC, 0x74, byte(n, 'code page')]);
    this.currentPage = n;
    return this;
  }

  /** `ESC a n`. */
  align(align: Align): this {
    const n = align === 'left' ? 0 : align === 'center' ? 1 : 2;
    return this.raw([ESC, 0x61, n]);
  }

  /** `ESC E n`. */
  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  /** `GS ! n`: character size, 1–8 times in each direction. */
  size(width: number, height: number): this {
    if (![width, height].every((s) => Number.isInteger(s) && s >= 1 && s <= 8)) {
      throw new RangeError(`size must be 1–8, got ${width}×${height}`);
    }
    return this.raw([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  /** `GS ! 0x11` (double width and height) or `GS ! 0` (normal). */
  doubleSize(on: boolean): this {
    return on ? this.size(2, 2) : this.size(1, 1);
  }

  /** Encoded text without a line feed. */
  text(text: string): this {
    for (const run of this.codec.encode(stripControls(text))) {
      if (run.page !== null && run.page !== this.currentPage) this.codePage(run.page);
      this.raw(run.bytes);
    }
    return this;
  }

  /** Encoded text and a line feed. */
  line(text = ''): this {
    return this.text(text).raw([LF]);
  }

  /** `n` line feeds. */
  feed(lines = 1): this {
    return this.raw(new Array<number>(Math.max(0, lines)).fill(LF));
  }

  /**
   * Native QR code, model 2 (`GS ( k`: fn 165 model, 167 size, 169 error
   * level, 180 store, 181 print). Data is written as UTF-8 bytes.
   */
  qr(data: string, options: QrOptions = {}): this {
    const moduleSize = options.moduleSize ?? 6;
    if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
      throw new RangeError(`QR module size must be 1–16, got ${moduleSize}`);
    }
    const level = { L: 48, M: 49, Q: 50, H: 51 }[options.errorLevel ?? 'M'];
    const payload = Buffer.from(data, 'utf8');
    const storeLength = payload.length + 3;
    if (storeLength > 0xffff) throw new RangeError('QR data too long');
    return this.raw([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00])
      .raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize])
      .raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, level])
      .raw([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30])
      .raw(payload)
      .raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]);
  }

  /**
   * QR code drawn as a raster image, for printers without `GS ( k` (many
   * 58 mm clones): the same code the native command would print.
   */
  qrRaster(data: string, options: QrOptions & { widthDots: number }): this {
    const moduleSize = options.moduleSize ?? 6;
    const qr = QRCode.create(data, { errorCorrectionLevel: options.errorLevel ?? 'M' });
    const modules = qr.modules.size;
    const quiet = 2;
    const side = (modules + quiet * 2) * moduleSize;
    const width = Math.max(side, Math.min(options.widthDots, side));
    const left = Math.floor((width - side) / 2);
    const widthBytes = Math.ceil(width / 8);
    const out = new Uint8Array(widthBytes * side);
    for (let y = 0; y < side; y++) {
      const my = Math.floor(y / moduleSize) - quiet;
      for (let x = 0; x < side; x++) {
        const mx = Math.floor(x / moduleSize) - quiet;
        if (mx < 0 || my < 0 || mx >= modules || my >= modules || !qr.modules.get(my, mx)) continue;
        const dot = left + x;
        out[y * widthBytes + (dot >> 3)]! |= 0x80 >> (dot & 7);
      }
    }
    return this.rasterImage({ width, height: side, data: out });
  }

  /**
   * Raster image (`GS v 0 m xL xH yL yH d…`, m = 0 normal density), sent in
   * bands of at most `bandRows` rows so printers with small receive buffers
   * cope.
   */
  rasterImage(image: MonoBitmap, bandRows = DEFAULT_RASTER_BAND_ROWS): this {
    const widthBytes = Math.ceil(image.width / 8);
    if (image.data.length !== widthBytes * image.height) {
      throw new RangeError(`bitmap data is ${image.data.length} bytes, expected ${widthBytes * image.height}`);
    }
    if (widthBytes > 0xffff || bandRows < 1 || bandRows > 0xffff) throw new RangeError('bad raster size');
    for (let top = 0; top < image.height; top += bandRows) {
      const rows = Math.min(bandRows, image.height - top);
      this.raw([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8]);
      this.raw(image.data.subarray(top * widthBytes, (top + rows) * widthBytes));
    }
    return this;
  }

  /** `GS V 66 n`: feed to the cutter (plus `n` dots) and cut partially. */
  cut(extraFeedDots = 0): this {
    return this.raw([GS, 0x56, 66, byte(extraFeedDots, 'feed')]);
  }

  /** All bytes so far. */
  build(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
