/**
 * Reading a printer's real-time status answers (`DLE EOT n`, 0x10 0x04 n),
 * as Epson documents them in the ESC/POS reference ("DLE EOT"):
 * - n = 1 printer status: bit 3 offline;
 * - n = 2 offline cause: bit 2 cover open, bit 5 printing stopped by paper
 *   end, bit 6 error;
 * - n = 4 roll paper sensor: bits 2–3 paper near end, bits 5–6 paper end.
 * Every answer byte has bits 1 and 4 set and bits 0 and 7 clear, which is
 * how a status byte is told from stray data.
 */

/** What motcua makes of a printer's answers. */
export type PaperState = 'ok' | 'paper-low' | 'paper-out' | 'cover-open' | 'error';

export const DLE_EOT = { printer: 1, offlineCause: 2, errorCause: 3, paper: 4 } as const;

/** The bytes of the query `DLE EOT n`. */
export function statusQuery(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** True for a byte shaped like a `DLE EOT` answer (bits 1 and 4 set, 0 and 7 clear). */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface StatusAnswers {
  /** n = 1; null when the printer did not answer. */
  printer: number | null;
  /** n = 2. */
  offlineCause: number | null;
  /** n = 4. */
  paper: number | null;
}

/**
 * The state the answers describe, the most urgent first: cover open, paper
 * out, another offline cause, paper near end, ok. Null when the printer
 * answered nothing usable (many network print servers and some clones do
 * not implement `DLE EOT`): then nothing is known and the job is sent.
 */
export function readStatus(answers: StatusAnswers): PaperState | null {
  const valid = (b: number | null): b is number => b !== null && isStatusByte(b);
  const { printer, offlineCause, paper } = answers;
  if (!valid(printer) && !valid(offlineCause) && !valid(paper)) return null;
  if (valid(offlineCause) && offlineCause & 0x04) return 'cover-open';
  if (valid(paper) && paper & 0x60) return 'paper-out';
  if (valid(offlineCause) && offlineCause & 0x20) return 'paper-out';
  if (valid(offlineCause) && offlineCause & 0x40) return 'error';
  if (valid(printer) && printer & 0x08) return 'error';
  if (valid(paper) && paper & 0x0c) return 'paper-low';
  return 'ok';
}
