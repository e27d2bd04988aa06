/**
 * The text routes a printer can take, as codecs for the ESC/POS builder:
 * CP1258 on one page (Epson's WPC1258, tone marks as combining bytes) or
 * TCVN-3 on a lowercase page and, where the printer has it, an uppercase
 * page. The raster route draws text itself and needs no codec.
 */
import { encodeCp1258 } from './cp1258';
import { DEFAULT_CP1258_CODE_PAGE, type TextCodec } from './escpos';
import { encodeTcvn3 } from './tcvn3';

/** Epson's TCVN-3 pages (TM-T20 and TM-T82 firmware tables): 30 lowercase, 31 uppercase. */
export const DEFAULT_TCVN3_PAGES = { lower: 30, upper: 31 } as const;

export function cp1258Codec(page: number = DEFAULT_CP1258_CODE_PAGE, cancelKanji = false): TextCodec {
  return { basePage: page, cancelKanji, encode: (text) => [{ page, bytes: encodeCp1258(text) }] };
}

/**
 * TCVN-3 with the lowercase table on `lower` and, when the printer has one,
 * the uppercase table on `upper` (null: capitals with tones print as their
 * lowercase letters, see tcvn3.ts).
 */
export function tcvn3Codec(lower: number, upper: number | null, cancelKanji = false): TextCodec {
  return {
    basePage: lower,
    cancelKanji,
    encode: (text) =>
      encodeTcvn3(text, { upperPage: upper !== null }).map((run) => ({
        page: run.page === 'upper' && upper !== null ? upper : lower,
        bytes: run.bytes,
      })),
  };
}
