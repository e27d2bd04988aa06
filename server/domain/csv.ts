/**
 * CSV as offices' files come: RFC 4180 records (double quotes, "" inside
 * quotes, CRLF or LF, line breaks inside a quoted cell), UTF-8 with or
 * without BOM. Used by the dossier import (contract CSV, ",") and the
 * procedure catalog import (Excel in a Vietnamese locale writes ";").
 */

/** A record of the file and the line it starts on (1 = the header). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records: commas, double quotes ("" inside quotes), CRLF or LF;
 * a quoted cell may hold line breaks, so each record carries the line it
 * starts on. A leading UTF-8 BOM is dropped. Blank lines are skipped.
 * `auto` picks ";" when the first line has more of them than commas.
 */
export function parseCsvRecords(text: string, separator: ',' | ';' | 'auto' = ','): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = separator === 'auto' ? guessSeparator(s) : separator;
  const out: CsvRecord[] = [];
  let line = 1;
  let startLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let any = false;
  const endRecord = () => {
    cells.push(cell);
    if (any || cells.length > 1 || cell !== '') out.push({ line: startLine, cells });
    cells = [];
    cell = '';
    any = false;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      cell += ch;
      any = true;
    }
  }
  if (any || cell !== '' || cells.length > 0) endRecord();
  return out;
}

function guessSeparator(text: string): ',' | ';' {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}
