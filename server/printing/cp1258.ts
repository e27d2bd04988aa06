/**
 * Windows-1258 (CP1258, Vietnamese) encoder and decoder for the printer's
 * code-page route.
 *
 * CP1258 has the Vietnamese base letters (ă â đ ê ô ơ ư and capitals), a few
 * Latin-1 precomposed letters (à á è é í ó ù ú …), and the five tone marks as
 * combining characters (0xCC grave, 0xEC acute, 0xD2 hook above, 0xDE tilde,
 * 0xF2 dot below). Most toned letters ("ộ", "ế", "ữ") are therefore written
 * as base letter + tone byte: this is how Windows itself stores Vietnamese in
 * CP1258. We write the table ourselves rather than rely on iconv-lite, whose
 * CP1258 codec is a plain table lookup that turns "ộ" into "?".
 *
 * Table: https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1258.TXT
 * (the bytes Microsoft leaves undefined decode to U+FFFD here).
 */

/** Unicode code points of bytes 0x80–0xFF; 0x00–0x7F are ASCII. */
const HIGH_HALF: readonly number[] = [
  0x20ac,
  0xfffd,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0xfffd,
  0x2039,
  0x0152,
  0xfffd,
  0xfffd,
  0xfffd, // 0x80
  0xfffd,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0xfffd,
  0x203a,
  0x0153,
  0xfffd,
  0xfffd,
  0x0178, // 0x90
  0x00a0,
  0x00a1,
  0x00a2,
  0x00a3,
  0x00a4,
  0x00a5,
  0x00a6,
  0x00a7,
  0x00a8,
  0x00a9,
  0x00aa,
  0x00ab,
  0x00ac,
  0x00ad,
  0x00ae,
  0x00af, // 0xA0
  0x00b0,
  0x00b1,
  0x00b2,
  0x00b3,
  0x00b4,
  0x00b5,
  0x00b6,
  0x00b7,
  0x00b8,
  0x00b9,
  0x00ba,
  0x00bb,
  0x00bc,
  0x00bd,
  0x00be,
  0x00bf, // 0xB0
  0x00c0,
  0x00c1,
  0x00c2,
  0x0102,
  0x00c4,
  0x00c5,
  0x00c6,
  0x00c7,
  0x00c8,
  0x00c9,
  0x00ca,
  0x00cb,
  0x0300,
  0x00cd,
  0x00ce,
  0x00cf, // 0xC0
  0x0110,
  0x00d1,
  0x0309,
  0x00d3,
  0x00d4,
  0x01a0,
  0x00d6,
  0x00d7,
  0x00d8,
  0x00d9,
  0x00da,
  0x00db,
  0x00dc,
  0x01af,
  0x0303,
  0x00df, // 0xD0
  0x00e0,
  0x00e1,
  0x00e2,
  0x0103,
  0x00e4,
  0x00e5,
  0x00e6,
  0x00e7,
  0x00e8,
  0x00e9,
  0x00ea,
  0x00eb,
  0x0301,
  0x00ed,
  0x00ee,
  0x00ef, // 0xE0
  0x0111,
  0x00f1,
  0x0323,
  0x00f3,
  0x00f4,
  0x01a1,
  0x00f6,
  0x00f7,
  0x00f8,
  0x00f9,
  0x00fa,
  0x00fb,
  0x00fc,
  0x01b0,
  0x20ab,
  0x00ff, // 0xF0
];

/** The complete 256-entry table: byte → Unicode code point (U+FFFD where undefined). */
export const CP1258_TABLE: readonly number[] = [...Array.from({ length: 0x80 }, (_, i) => i), ...HIGH_HALF];

const UNDEFINED = 0xfffd;

/** Unicode character → byte, for every defined byte. */
const REVERSE = new Map<string, number>();
CP1258_TABLE.forEach((codePoint, byte) => {
  if (codePoint !== UNDEFINED) REVERSE.set(String.fromCodePoint(codePoint), byte);
});

/** The five Vietnamese tone marks, which CP1258 has as combining bytes. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/**
 * Characters outside CP1258 that commonly appear in office text, with the
 * nearest printable stand-in.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2015': '\u2014', // horizontal bar → em dash
  '\u2212': '-', // minus sign
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2116': 'No.',
  '\u2032': "'",
  '\u2033': '"',
  '\u00a0': ' ',
};

/**
 * Punctuation from CP1258's 0x80–0x9F block mapped to ASCII, for printers
 * whose "WPC1258" font only implements 0xA0–0xFF faithfully.
 */
const ASCII_PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2013': '-', // en dash "–"
  '\u2014': '-', // em dash "—"
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': ',',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2022': '*',
  '\u2026': '...',
  '\u2039': '<',
  '\u203a': '>',
};

export interface Cp1258EncodeOptions {
  /**
   * Replace the typographic punctuation of 0x80–0x9F (– — ‘ ’ “ ” … •) by
   * ASCII. Off by default: the en dash "–" of "Tư pháp – hộ tịch" is byte
   * 0x96 in CP1258 and round-trips exactly.
   */
  asciiPunctuation?: boolean;
  /** Byte written for a character with no mapping or substitute; default "?". */
  replacement?: number;
}

/** Splits NFD text into clusters: one base character and its combining marks. */
function clusters(nfd: string): string[][] {
  const result: string[][] = [];
  for (const ch of nfd) {
    const last = result[result.length - 1];
    if (last && /\p{M}/u.test(ch)) last.push(ch);
    else result.push([ch]);
  }
  return result;
}

/**
 * Encodes text to CP1258 bytes, the way Windows stores Vietnamese in that
 * code page: NFD, then each letter recomposed only as far as CP1258 has it
 * ("ộ" → "ô" 0xF4 + dot below 0xF2; "à" stays precomposed 0xE0), remaining
 * tone marks written as the combining bytes. Marks CP1258 cannot write at all
 * are dropped (the base letter is kept); characters with no mapping become a
 * substitute (see {@link SUBSTITUTES}) or `replacement`.
 */
export function encodeCp1258(text: string, options: Cp1258EncodeOptions = {}): Buffer {
  const replacement = options.replacement ?? 0x3f;
  const out: number[] = [];

  const encodeCluster = (cluster: string[]): void => {
    const [base = '', ...marks] = cluster;
    const whole = cluster.join('').normalize('NFC');
    const wholeByte = REVERSE.get(whole);
    if (wholeByte !== undefined && !(options.asciiPunctuation && ASCII_PUNCTUATION[whole])) {
      out.push(wholeByte);
      return;
    }
    if (marks.length === 0) {
      const substitute = (options.asciiPunctuation ? ASCII_PUNCTUATION[base] : undefined) ?? SUBSTITUTES[base];
      if (substitute !== undefined) {
        for (const c of clusters(substitute.normalize('NFD'))) encodeCluster(c);
      } else {
        out.push(replacement);
      }
      return;
    }
    const tones = marks.filter((m) => TONE_MARKS.has(m));
    const others = marks.filter((m) => !TONE_MARKS.has(m));
    const letter = (base + others.join('')).normalize('NFC');
    const letterByte = REVERSE.get(letter) ?? REVERSE.get(base);
    if (letterByte !== undefined) out.push(letterByte);
    else if (base && !/\p{M}/u.test(base)) encodeCluster([base]);
    else if (base && TONE_MARKS.has(base)) tones.unshift(base); // orphan tone mark
    for (const tone of tones) {
      const toneByte = REVERSE.get(tone);
      if (toneByte !== undefined) out.push(toneByte);
    }
  };

  for (const cluster of clusters(text.normalize('NFD'))) encodeCluster(cluster);
  return Buffer.from(out);
}

/** Decodes CP1258 bytes to NFC text (base letter + tone byte → one precomposed letter). */
export function decodeCp1258(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCodePoint(CP1258_TABLE[byte] ?? UNDEFINED);
  return text.normalize('NFC');
}

/** Whether the printer can show this text exactly through CP1258 (no substitutions). */
export function isCp1258Encodable(text: string): boolean {
  const marker = 0x00;
  const bytes = encodeCp1258(text, { replacement: marker });
  return !bytes.includes(marker) && decodeCp1258(bytes) === text.normalize('NFC');
}
