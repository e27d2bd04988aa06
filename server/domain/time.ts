/**
 * Wall-clock arithmetic in an IANA time zone, with Intl only.
 *
 * The office's day (ticket numbering, appointments) is defined in its own
 * zone, never the server's. Vietnam has no DST today, but nothing here
 * assumes a fixed offset: the offset is read from Intl for each instant.
 */

/** The default office time zone. */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Wall-clock fields of an instant in a zone (month 1–12). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // throws RangeError on an unknown zone, which is what callers should see
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `d` in `timeZone`, asked of Intl (slow: a few µs). */
function intlParts(d: Date, timeZone: string): ZonedParts {
  const t = d.getTime();
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(d)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    // some ICU versions still print 24 for midnight despite h23
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
    millisecond: ((t % 1000) + 1000) % 1000,
  };
}

/** Offset in ms (historic zones have offsets with seconds, e.g. LMT +07:06:40). */
function intlOffsetMs(t: number, timeZone: string): number {
  const p = intlParts(new Date(t), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - t;
}

/** A zone's offset is asked of Intl once per quarter hour of time, then reused. */
const BUCKET_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset during the quarter hour around `t`, or null when it
 * changes inside it (a DST switch: then Intl answers for the instant itself).
 */
function bucketOffset(t: number, timeZone: string): number | null {
  let zone = offsets.get(timeZone);
  if (!zone) {
    formatterFor(timeZone); // an unknown zone throws here, as it should
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const bucket = Math.floor(t / BUCKET_MS);
  let off = zone.get(bucket);
  if (off === undefined) {
    const start = intlOffsetMs(bucket * BUCKET_MS, timeZone);
    off = start === intlOffsetMs(bucket * BUCKET_MS + BUCKET_MS - 1, timeZone) ? start : null;
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, off);
  }
  return off;
}

/** Wall-clock fields of `d` in `timeZone`. */
export function zonedParts(d: Date, timeZone: string): ZonedParts {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  const off = bucketOffset(t, timeZone);
  if (off === null) return intlParts(d, timeZone);
  const w = new Date(t + off);
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: w.getUTCMilliseconds(),
  };
}

/** Hour of the day (0–23) of `d` on the wall clock of `timeZone`. */
export function hourOfDay(d: Date, timeZone: string): number {
  return zonedParts(d, timeZone).hour;
}

/** Offset of `timeZone` from UTC at instant `d`, in minutes (east positive: +420 for Vietnam). */
export function offsetMinutes(d: Date, timeZone: string): number {
  const p = zonedParts(d, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return Math.round((wall - d.getTime()) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date`
 * (YYYY-MM-DD) plus `minutes` after midnight. `minutes` may be fractional
 * or ≥ 1440 (it then rolls into the following days). In a DST gap the
 * result is shifted by the gap; in an overlap the earlier offset wins.
 */
export function fromZonedWallClock(date: string, minutes: number, timeZone: string): Date {
  const { year, month, day } = parseDate(date);
  const wall = Date.UTC(year, month - 1, day) + Math.round(minutes * 60000);
  const off1 = offsetMinutes(new Date(wall), timeZone);
  let t = wall - off1 * 60000;
  const off2 = offsetMinutes(new Date(t), timeZone);
  if (off2 !== off1) t = wall - off2 * 60000;
  return new Date(t);
}

/**
 * The service day of an instant: its YYYY-MM-DD date on the office's wall
 * clock. Ticket numbers restart when this changes (DOMAIN.md §4), so
 * 23:59:59 and 00:00:00 local belong to different days whatever UTC says.
 */
export function serviceDay(d: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  const p = zonedParts(d, timeZone);
  return formatDate(p.year, p.month, p.day);
}

/**
 * ISO 8601 with the zone's offset at that instant and whole seconds, e.g.
 * `2026-11-24T08:05:00+07:00` — what printed and exchanged times show, so a
 * reader sees office time and the instant is still unambiguous.
 */
export function toIsoWithOffset(d: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  const p = zonedParts(d, timeZone);
  const off = offsetMinutes(d, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${formatDate(p.year, p.month, p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

/** Parses a strict YYYY-MM-DD civil date. */
export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${date}`);
  }
  return { year, month, day };
}

/** YYYY-MM-DD from fields (month 1–12). */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
