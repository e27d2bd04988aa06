/**
 * TCVN-3 (TCVN 5712:1993 "VN3", the "ABC" encoding of the .VnTime fonts)
 * encoder and decoder for the printers sold in Vietnam whose "Vietnam"
 * code page is TCVN-3 rather than WPC1258 (Xprinter models at page 27,
 * Epson TM-T20 at pages 30/31; see docs/printing.md).
 *
 * TCVN-3 is a single-byte table of precomposed letters: every lowercase
 * toned letter ("ộ" = 0xE9) and the seven uppercase base letters
 * (Ă Â Ê Ô Ơ Ư Đ) sit in 0xA1–0xFE, ASCII below. It has no uppercase toned
 * letters: the fonts put those in a second "H" font (.VnTimeH) at the same
 * byte as their lowercase letter. Printers follow that split: Epson's page
 * 30 is the lowercase table, page 31 the same bytes drawn as capitals.
 * {@link encodeTcvn3} therefore answers runs of bytes, each with the page
 * it needs, and the ESC/POS builder switches pages between runs.
 *
 * Table checked against the well-known VN3 renderings of Unicode text:
 * "Hµ Néi" (Hà Nội), "ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc".
 */

/** Byte → character of the lowercase (VN3) page, for 0xA1–0xFE; ASCII below. */
const VN3: Readonly<Record<number, string>> = {
  0xa1: 'Ă',
  0xa2: 'Â',
  0xa3: 'Ê',
  0xa4: 'Ô',
  0xa5: 'Ơ',
  0xa6: 'Ư',
  0xa7: 'Đ',
  0xa8: 'ă',
  0xa9: 'â',
  0xaa: 'ê',
  0xab: 'ô',
  0xac: 'ơ',
  0xad: 'ư',
  0xae: 'đ',
  0xb5: 'à',
  0xb6: 'ả',
  0xb7: 'ã',
  0xb8: 'á',
  0xb9: 'ạ',
  0xbb: 'ằ',
  0xbc: 'ẳ',
  0xbd: 'ẵ',
  0xbe: 'ắ',
  0xc6: 'ặ',
  0xc7: 'ầ',
  0xc8: 'ẩ',
  0xc9: 'ẫ',
  0xca: 'ấ',
  0xcb: 'ậ',
  0xcc: 'è',
  0xce: 'ẻ',
  0xcf: 'ẽ',
  0xd0: 'é',
  0xd1: 'ẹ',
  0xd2: 'ề',
  0xd3: 'ể',
  0xd4: 'ễ',
  0xd5: 'ế',
  0xd6: 'ệ',
  0xd7: 'ì',
  0xd8: 'ỉ',
  0xdc: 'ĩ',
  0xdd: 'í',
  0xde: 'ị',
  0xdf: 'ò',
  0xe1: 'ỏ',
  0xe2: 'õ',
  0xe3: 'ó',
  0xe4: 'ọ',
  0xe5: 'ồ',
  0xe6: 'ổ',
  0xe7: 'ỗ',
  0xe8: 'ố',
  0xe9: 'ộ',
  0xea: 'ờ',
  0xeb: 'ở',
  0xec: 'ỡ',
  0xed: 'ớ',
  0xee: 'ợ',
  0xef: 'ù',
  0xf1: 'ủ',
  0xf2: 'ũ',
  0xf3: 'ú',
  0xf4: 'ụ',
  0xf5: 'ừ',
  0xf6: 'ử',
  0xf7: 'ữ',
  0xf8: 'ứ',
  0xf9: 'ự',
  0xfa: 'ỳ',
  0xfb: 'ỷ',
  0xfc: 'ỹ',
  0xfd: 'ý',
  0xfe: 'ỵ',
};

/** The table as [byte, character] pairs (for tests and the test page). */
export const TCVN3_TABLE: ReadonlyArray<readonly [number, string]> = Object.entries(VN3).map(
  ([byte, ch]) => [Number(byte), ch] as const,
);

const LOWER = new Map<string, number>(TCVN3_TABLE.map(([byte, ch]) => [ch, byte]));
/** The seven uppercase base letters are on the lowercase page itself. */
const UPPER_ON_LOWER_PAGE = new Set(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']);

/** Punctuation outside ASCII that office text uses, with its ASCII stand-in. */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u2013': '-',
  '\u2014': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
  '\u2022': '*',
  '\u00a0': ' ',
  '\u2192': '->',
};

/** Which of the two TCVN-3 pages a run of bytes needs. */
export type Tcvn3Page = 'lower' | 'upper';

export interface Tcvn3Run {
  page: Tcvn3Page;
  bytes: Uint8Array;
}

export interface Tcvn3EncodeOptions {
  /**
   * Whether the printer has the uppercase page (Epson page 31). Without it
   * an uppercase toned letter is printed as its lowercase letter ("SỐ" →
   * "Số"): the tone, which carries the meaning, is kept.
   */
  upperPage: boolean;
  /** Byte for a character with no mapping; default "?". */
  replacement?: number;
}

/**
 * Encodes text to TCVN-3 runs. ASCII (including A–Z) is the same on both
 * pages, so it joins whatever run is open; only a toned capital needs the
 * upper page and only a non-ASCII lowercase letter (or Ă Â Ê Ô Ơ Ư Đ) the
 * lower one.
 */
export function encodeTcvn3(text: string, options: Tcvn3EncodeOptions): Tcvn3Run[] {
  const replacement = options.replacement ?? 0x3f;
  const runs: Array<{ page: Tcvn3Page; bytes: number[] }> = [];
  const put = (page: Tcvn3Page | null, byte: number): void => {
    const last = runs[runs.length - 1];
    if (last && (page === null || last.page === page)) last.bytes.push(byte);
    else runs.push({ page: page ?? 'lower', bytes: [byte] });
  };
  for (const raw of text.normalize('NFC')) {
    const ch = SUBSTITUTES[raw] ?? raw;
    for (const c of ch) {
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x80) {
        put(null, code);
        continue;
      }
      const lower = LOWER.get(c);
      if (lower !== undefined) {
        put('lower', lower);
        continue;
      }
      const small = c.toLowerCase();
      const asLower = small !== c && !UPPER_ON_LOWER_PAGE.has(c) ? LOWER.get(small) : undefined;
      if (asLower !== undefined) {
        put(options.upperPage ? 'upper' : 'lower', asLower);
        continue;
      }
      // Toneless Latin letters outside the table (ç, ñ…): drop the accent.
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && base.charCodeAt(0) < 0x80) put(null, base.charCodeAt(0));
      else put(null, replacement);
    }
  }
  return runs.map((r) => ({ page: r.page, bytes: Uint8Array.from(r.bytes) }));
}

/** Decodes bytes printed on one TCVN-3 page back to text (U+FFFD for undefined bytes). */
export function decodeTcvn3(bytes: Uint8Array, page: Tcvn3Page = 'lower'): string {
  let out = '';
  for (const b of bytes) {
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    const ch = VN3[b];
    if (ch === undefined) out += '\ufffd';
    else out += page === 'upper' && !UPPER_ON_LOWER_PAGE.has(ch) ? ch.toUpperCase() : ch;
  }
  return out;
}
