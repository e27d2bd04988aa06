/**
 * Reading numbers, letters and ticket numbers aloud the Vietnamese way, for
 * the voice announcement of a call (DOMAIN.md §4). Pure: no I/O, no globals.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Scale words for groups of three digits, lowest first. */
const SCALES = ['', 'nghìn', 'triệu', 'tỷ'] as const;

function digit(d: number): string {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}

/**
 * Reads the tens and units of a group (0–99).
 *
 * Rules: 1 after "mươi" is "mốt" (21 → "hai mươi mốt"), 4 after "mươi" is
 * "tư" (24 → "hai mươi tư"), 5 after "mười"/"mươi" is "lăm" (15 → "mười
 * lăm"); a zero tens after a hundreds word is "linh" (105 → "một trăm linh
 * năm"), which the caller signals with `afterHundreds`.
 */
function readTensUnits(n: number, afterHundreds: boolean): string[] {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) {
    if (units === 0) return [];
    return afterHundreds ? ['linh', digit(units)] : [digit(units)];
  }
  const words = tens === 1 ? ['mười'] : [digit(tens), 'mươi'];
  if (units === 0) return words;
  if (units === 5) return [...words, 'lăm'];
  if (tens >= 2 && units === 1) return [...words, 'mốt'];
  if (tens >= 2 && units === 4) return [...words, 'tư'];
  return [...words, digit(units)];
}

/**
 * Reads a group of three digits (0–999). `full` means a higher group was
 * already read, so a zero hundreds is said ("một nghìn không trăm mười lăm").
 */
function readGroup(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !full) return readTensUnits(rest, false);
  const words = [digit(hundreds), 'trăm'];
  return [...words, ...readTensUnits(rest, true)];
}

/**
 * Reads a whole number in Vietnamese words, as an announcer says it.
 *
 * 0 "không", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư", 105 "một
 * trăm linh năm", 1015 "một nghìn không trăm mười lăm", 1000000 "một triệu".
 * Zero groups below a higher group are skipped ("một triệu không trăm linh
 * một" for 1 000 001). Supports 0 … 999 999 999 999 (up to "tỷ"); negative
 * numbers are prefixed with "âm".
 *
 * @throws RangeError for non-integers and numbers beyond the supported range.
 */
export function readNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`readNumber: not a safe integer: ${n}`);
  if (n < 0) return `âm ${readNumber(-n)}`;
  if (n === 0) return DIGITS[0];
  if (n >= 1000 ** SCALES.length) throw new RangeError(`readNumber: too large: ${n}`);

  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);

  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] ?? 0;
    if (group === 0) continue;
    words.push(...readGroup(group, words.length > 0));
    const scale = SCALES[i];
    if (scale) words.push(scale);
  }
  return words.join(' ');
}

/**
 * Vietnamese names of letters (DOMAIN.md §4 for the ones an office uses in
 * prefixes; the rest follow the common school alphabet, foreign letters F J
 * W Z by their usual Vietnamese names).
 */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a',
  Ă: 'á',
  Â: 'ớ',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  Ê: 'ê',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e-lờ',
  M: 'em-mờ',
  N: 'en-nờ',
  O: 'o',
  Ô: 'ô',
  Ơ: 'ơ',
  P: 'pê',
  Q: 'quy',
  R: 'e-rờ',
  S: 'ét-xì',
  T: 'tê',
  U: 'u',
  Ư: 'ư',
  V: 'vê',
  W: 'vê kép',
  X: 'ích-xì',
  Y: 'i dài',
  Z: 'dét',
};

/**
 * The Vietnamese name of one letter (case-insensitive): B "bê", Q "quy",
 * X "ích-xì". A digit is read as its number word; anything else is returned
 * unchanged.
 */
export function readLetter(ch: string): string {
  const upper = ch.normalize('NFC').toLocaleUpperCase('vi');
  const name = LETTER_NAMES[upper];
  if (name !== undefined) return name;
  if (/^[0-9]$/.test(upper)) return digit(Number(upper));
  return ch;
}

type TicketPart = { kind: 'letter'; ch: string } | { kind: 'number'; value: number };

/** Splits "A012" into letter A and number 12; separators ("-", " ") are not read. */
function splitTicketNumber(ticketNumber: string): TicketPart[] {
  const parts: TicketPart[] = [];
  let digits = '';
  const flush = (): void => {
    if (digits) parts.push({ kind: 'number', value: Number(digits) });
    digits = '';
  };
  for (const ch of ticketNumber.normalize('NFC')) {
    if (/[0-9]/.test(ch)) digits += ch;
    else {
      flush();
      if (/\p{L}/u.test(ch)) parts.push({ kind: 'letter', ch });
    }
  }
  flush();
  return parts;
}

/**
 * Reads a ticket number aloud: prefix letters by name, then the numeric part
 * as one number (leading zeros dropped). "A012" → "a mười hai", "1015" →
 * "một nghìn không trăm mười lăm", "B000" → "bê không".
 */
export function readTicketNumber(ticketNumber: string): string {
  return splitTicketNumber(ticketNumber)
    .map((part) => (part.kind === 'number' ? readNumber(part.value) : readLetter(part.ch)))
    .join(' ');
}

/** Spells a ticket number for an English voice: "A012" → "A 12". */
function englishTicketNumber(ticketNumber: string): string {
  return splitTicketNumber(ticketNumber)
    .map((part) => (part.kind === 'number' ? String(part.value) : part.ch.toUpperCase()))
    .join(' ');
}

export type AnnouncementLang = 'vi' | 'en';

/**
 * The sentence given to the voice for a call (DOMAIN.md §4): "Xin mời công
 * dân có số thứ tự a mười hai đến quầy số ba". Numbers are written out in
 * words so a text-to-speech engine cannot read "A012" digit by digit.
 */
export function announcementText(ticketNumber: string, counterNumber: number, lang: AnnouncementLang = 'vi'): string {
  if (lang === 'en') {
    return `Ticket number ${englishTicketNumber(ticketNumber)}, please come to counter ${counterNumber}`;
  }
  return `Xin mời công dân có số thứ tự ${readTicketNumber(ticketNumber)} đến quầy số ${readNumber(counterNumber)}`;
}

/**
 * The same call as shown on the board, keeping the digits: "Xin mời công
 * dân có số thứ tự A012 đến quầy số 3".
 */
export function announcementDisplayText(
  ticketNumber: string,
  counterNumber: number,
  lang: AnnouncementLang = 'vi',
): string {
  if (lang === 'en') return `Ticket number ${ticketNumber}, please come to counter ${counterNumber}`;
  return `Xin mời công dân có số thứ tự ${ticketNumber} đến quầy số ${counterNumber}`;
}
