/**
 * The office's working calendar: public holidays, nghỉ bù, admin edits of a
 * year, and the appointment rule (ngày hẹn trả) counted in office hours.
 * Pure: no clock, no I/O — instants and data are passed in.
 *
 * Rules: DOMAIN.md §2 (appointment) and §3 (working days and holidays).
 */
import { lunarToSolar, solarToLunar } from './lunar';
import { formatDate, fromZonedWallClock, OFFICE_TIME_ZONE, parseDate, zonedParts } from './time';

/** What a calendar entry does to its date. `workday` overrides a weekend (làm bù). */
export type DayKind = 'holiday' | 'compensatory' | 'workday';

/** One dated entry of the calendar; dates without an entry follow the weekly rule. */
export interface CalendarDay {
  /** YYYY-MM-DD, civil date in the office zone. */
  date: string;
  /** Vietnamese, shown to staff and citizens. */
  name: string;
  kind: DayKind;
  /**
   * Where the entry comes from: `rule` — computed from the Labour Code
   * ({@link defaultHolidays}); `official` — the government's published
   * schedule of the year ({@link applyOfficialSchedule}); `office` — the
   * administrator's edit ({@link applyEdits}).
   */
  source?: DaySource;
}

export const DAY_SOURCES = ['rule', 'official', 'office'] as const;
export type DaySource = (typeof DAY_SOURCES)[number];

/**
 * The government's published civil-service schedule of one year (the
 * Ministry of Home Affairs' announcement, the Government Office's letter):
 * days off that differ from the rules, swapped weekdays, worked
 * Saturdays. Shipped as one data file a year (server/data/official-
 * calendars/), and imported by the admin in the same format when a new
 * year is published.
 */
export interface OfficialSchedule {
  year: number;
  /** when this version of the schedule was published or revised (YYYY-MM-DD) */
  version: string;
  /** the documents it follows, e.g. "Thông báo 9441/TB-BNV, 16/10/2025" */
  source: string;
  days: OfficialDay[];
}

export interface OfficialDay {
  date: string;
  /** `holiday` / `compensatory`: a day off; `workday`: a worked weekend day (làm bù); `remove`: not off after all */
  kind: DayKind | 'remove';
  name: string;
  /** the document for this day, when it differs from the schedule's */
  source?: string;
}

/** How the defaults of a year are computed. */
export interface HolidayOptions {
  /** Weekly days off, 0 = Sunday … 6 = Saturday. Default `[0, 6]`. */
  weekendDays?: number[];
  /** Which day joins 2/9 for Quốc khánh. Default `'before'` (1/9), as in 2025. */
  nationalDayExtra?: 'before' | 'after';
}

/**
 * An administrator's change to a year (the Ministry of Home Affairs'
 * yearly schedule): `off` adds a day off, `workday` makes a day a working
 * day (làm bù on a Saturday), `remove` drops a computed day off so the date
 * follows the weekly rule again.
 */
export interface CalendarEdit {
  date: string;
  kind: 'off' | 'workday' | 'remove';
  name?: string;
}

/** A reception session on the wall clock, `'HH:MM'`, end exclusive. */
export interface OfficeSession {
  start: string;
  end: string;
}

/** When the office receives dossiers (DOMAIN.md §2, configurable per office). */
export interface OfficeHours {
  /** Sessions of a normal working day, in order. Their total is one working day. */
  sessions: OfficeSession[];
  /** Weekly days off, 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  /**
   * Saturday-morning reception: used on Saturdays when Saturday is not in
   * `weekendDays`. A Saturday made a working day by an edit (làm bù)
   * replaces a full weekday and uses `sessions`.
   */
  saturdaySessions?: OfficeSession[];
}

/** 07:30–11:30 and 13:30–17:00, Monday–Friday (DOMAIN.md §2). Frozen: copy it to customise. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  sessions: Object.freeze([
    Object.freeze({ start: '07:30', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]) as OfficeSession[],
  weekendDays: Object.freeze([0, 6]) as number[],
});

/**
 * Ngày Văn hóa Việt Nam, 24/11, a paid day off from 2026 on (Politburo
 * Resolution 80-NQ/TW; Resolution 30/NQ-CP; DOMAIN.md §3).
 */
export const VIETNAM_CULTURE_DAY_FROM = 2026;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** A run of this many days without office hours means the calendar is misconfigured. */
const MAX_DAYS_WITHOUT_WORK = 400;

/** Day of the week of a civil date, 0 = Sunday. */
export function weekday(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The civil date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day) + n * MS_PER_DAY);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The default days off of a Gregorian year, sorted by date (Labour Code
 * 2019, Art. 112; DOMAIN.md §3):
 * - Tết Dương lịch 1/1;
 * - Tết Nguyên đán: the last day of the lunar year (29 or 30 tháng Chạp)
 *   and mùng 1–4 of the new year;
 * - Giỗ Tổ Hùng Vương, 10/3 lunar;
 * - Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5;
 * - Quốc khánh 2/9 plus 1/9 (`'before'`) or 3/9 (`'after'`).
 * - Ngày Văn hóa Việt Nam 24/11, from 2026 ({@link VIETNAM_CULTURE_DAY_FROM}).
 *
 * Nghỉ bù: a holiday on a weekly day off moves to the next day that is
 * neither a weekly day off nor already off, in date order, as a
 * `compensatory` day named "Nghỉ bù <holiday>". Two holidays on the same
 * date (Giỗ Tổ can meet 30/4) share it and the second earns a nghỉ bù too.
 * The government's yearly schedule may differ: apply it with
 * {@link applyEdits}.
 */
export function defaultHolidays(year: number, opts: HolidayOptions = {}): CalendarDay[] {
  const weekendDays = opts.weekendDays ?? [0, 6];
  const extra = opts.nationalDayExtra ?? 'before';
  const isWeekend = (date: string): boolean => weekendDays.includes(weekday(date));

  const base: Array<{ date: string; name: string }> = [];
  base.push({ date: formatDate(year, 1, 1), name: 'Tết Dương lịch' });

  const tet = lunarToSolar(1, 1, year);
  const tetDate = formatDate(tet.year, tet.month, tet.day);
  const eve = addDays(tetDate, -1);
  const eveParts = parseDate(eve);
  // the last day of the lunar year is the 29th when tháng Chạp is short (as in 2025–2027)
  const eveLunarDay = solarToLunar(eveParts.day, eveParts.month, eveParts.year).day;
  base.push({ date: eve, name: `Tết Nguyên đán (${eveLunarDay} Tết)` });
  for (let i = 0; i < 4; i++) {
    base.push({ date: addDays(tetDate, i), name: `Tết Nguyên đán (mùng ${i + 1} Tết)` });
  }

  // 10/3 of the ordinary (not leap) third month
  const hung = lunarToSolar(10, 3, year);
  base.push({ date: formatDate(hung.year, hung.month, hung.day), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  base.push({ date: formatDate(year, 4, 30), name: 'Ngày Chiến thắng 30/4' });
  base.push({ date: formatDate(year, 5, 1), name: 'Quốc tế Lao động 1/5' });
  if (year >= VIETNAM_CULTURE_DAY_FROM) {
    base.push({ date: formatDate(year, 11, 24), name: 'Ngày Văn hóa Việt Nam 24/11' });
  }
  if (extra === 'before') {
    base.push({ date: formatDate(year, 9, 1), name: 'Quốc khánh (nghỉ liền kề 1/9)' });
    base.push({ date: formatDate(year, 9, 2), name: 'Quốc khánh 2/9' });
  } else {
    base.push({ date: formatDate(year, 9, 2), name: 'Quốc khánh 2/9' });
    base.push({ date: formatDate(year, 9, 3), name: 'Quốc khánh (nghỉ liền kề 3/9)' });
  }
  base.sort((a, b) => compareDates(a.date, b.date));

  const byDate = new Map<string, CalendarDay>();
  const owed: Array<{ date: string; name: string }> = [];
  for (const h of base) {
    const existing = byDate.get(h.date);
    if (existing) {
      existing.name = `${existing.name}; ${h.name}`;
      owed.push(h);
    } else {
      byDate.set(h.date, { date: h.date, name: h.name, kind: 'holiday', source: 'rule' });
      if (isWeekend(h.date)) owed.push(h);
    }
  }
  // owed is in date order, so consecutive weekend holidays get consecutive days
  for (const h of owed) {
    let d = h.date;
    do {
      d = addDays(d, 1);
    } while (isWeekend(d) || byDate.has(d));
    byDate.set(d, { date: d, name: `Nghỉ bù ${h.name}`, kind: 'compensatory', source: 'rule' });
  }
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}

/**
 * Applies an administrator's edits, in order, to a year's days (DOMAIN.md
 * §3: "let the admin edit a year"). `off` adds (or renames) a day off,
 * named "Ngày nghỉ" unless given; `workday` makes the date a working day
 * even on a weekend (default name "Làm bù"), replacing any day off there;
 * `remove` deletes the entry so the date follows the weekly rule. Returns a
 * new array sorted by date; the input is not changed.
 */
export function applyEdits(days: CalendarDay[], edits: CalendarEdit[]): CalendarDay[] {
  const byDate = new Map<string, CalendarDay>(days.map((d) => [d.date, { ...d }]));
  for (const e of edits) {
    parseDate(e.date);
    const existing = byDate.get(e.date);
    switch (e.kind) {
      case 'off':
        byDate.set(e.date, {
          date: e.date,
          name: e.name ?? (existing && existing.kind !== 'workday' ? existing.name : 'Ngày nghỉ'),
          kind: existing && existing.kind !== 'workday' ? existing.kind : 'holiday',
          source: 'office',
        });
        break;
      case 'workday':
        byDate.set(e.date, { date: e.date, name: e.name ?? 'Làm bù', kind: 'workday', source: 'office' });
        break;
      case 'remove':
        byDate.delete(e.date);
        break;
    }
  }
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}

/**
 * Applies a year's official schedule on top of the computed days
 * (DOMAIN.md §3: "ship them as data, one file a year, on top of the
 * rules"): each listed day replaces whatever the rules put on that date
 * (`remove` deletes it), marked `source: 'official'`. Returns a new array
 * sorted by date.
 */
export function applyOfficialSchedule(days: CalendarDay[], schedule: OfficialSchedule | undefined): CalendarDay[] {
  if (!schedule) return days;
  const byDate = new Map<string, CalendarDay>(days.map((d) => [d.date, { ...d }]));
  for (const o of schedule.days) {
    parseDate(o.date);
    if (o.kind === 'remove') byDate.delete(o.date);
    else byDate.set(o.date, { date: o.date, name: o.name, kind: o.kind, source: 'official' });
  }
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}

/**
 * A per-year provider of days off for {@link WorkingCalendar}: the
 * defaults of {@link defaultHolidays}, then that year's official schedule
 * (if any), then the administrator's edits — the office has the last word.
 */
export function holidayProvider(
  opts: HolidayOptions = {},
  editsFor: (year: number) => CalendarEdit[] = () => [],
  officialFor: (year: number) => OfficialSchedule | undefined = () => undefined,
): (year: number) => CalendarDay[] {
  return (year) => applyEdits(applyOfficialSchedule(defaultHolidays(year, opts), officialFor(year)), editsFor(year));
}

/** What a {@link WorkingCalendar} is built from. */
export interface WorkingCalendarOptions {
  /** IANA zone of the office's wall clock. Default `'Asia/Ho_Chi_Minh'`. */
  timeZone?: string;
  /** Default {@link DEFAULT_OFFICE_HOURS}. */
  hours?: OfficeHours;
  /**
   * Days off and làm bù days: either all of them, or a provider called
   * lazily once per year needed. Default: {@link defaultHolidays} with the
   * office's weekend days, no edits.
   */
  daysOff?: CalendarDay[] | ((year: number) => CalendarDay[]);
}

interface Session {
  /** ms after local midnight */
  start: number;
  end: number;
}

/**
 * Working days and the appointment rule of one office. Years of days off
 * are loaded lazily from the provider and cached, so build a new calendar
 * after the admin edits a year.
 */
export class WorkingCalendar {
  readonly timeZone: string;
  readonly hours: OfficeHours;
  /** Length of one working day: the total of a normal day's sessions (7.5 h by default), in ms. */
  readonly workingDayMs: number;

  private readonly sessions: Session[];
  private readonly saturdaySessions: Session[] | undefined;
  private readonly provider: ((year: number) => CalendarDay[]) | undefined;
  private readonly loadedYears = new Set<number>();
  private readonly entries = new Map<string, CalendarDay>();

  constructor(options: WorkingCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? OFFICE_TIME_ZONE;
    zonedParts(new Date(0), this.timeZone); // fail early on an unknown zone
    this.hours = options.hours ?? DEFAULT_OFFICE_HOURS;
    for (const d of this.hours.weekendDays) {
      if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`weekend day out of range: ${d}`);
    }
    this.sessions = parseSessions(this.hours.sessions);
    this.saturdaySessions = this.hours.saturdaySessions ? parseSessions(this.hours.saturdaySessions) : undefined;
    this.workingDayMs = this.sessions.reduce((sum, s) => sum + s.end - s.start, 0);

    const daysOff =
      options.daysOff ?? ((year: number) => defaultHolidays(year, { weekendDays: this.hours.weekendDays }));
    if (typeof daysOff === 'function') {
      this.provider = daysOff;
    } else {
      this.provider = undefined;
      for (const d of daysOff) this.entries.set(d.date, d);
    }
  }

  /**
   * Whether the office works on `date` (YYYY-MM-DD): an entry for the date
   * decides (`workday` → yes, a day off → no); otherwise every day but the
   * weekly days off.
   */
  isWorkingDay(date: string): boolean {
    const entry = this.entryFor(date);
    if (entry) return entry.kind === 'workday';
    return !this.hours.weekendDays.includes(weekday(date));
  }

  /** The calendar entry (holiday, nghỉ bù, làm bù) of a date, if any. */
  dayInfo(date: string): CalendarDay | undefined {
    return this.entryFor(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.scanWorkingDay(date, 1);
  }

  /** The last working day strictly before `date` (Mẫu 04 is due 1 working day before the due date). */
  previousWorkingDay(date: string): string {
    return this.scanWorkingDay(date, -1);
  }

  /**
   * `receivedAt` plus `amount` of working time (DOMAIN.md §2): only office
   * hours of working days count, on the office's wall clock. One working
   * day is {@link workingDayMs} (7.5 h by default), so Monday 10:00 + 3 days
   * is Thursday 10:00 and fractions work (0.5 day = 3 h 45 min).
   *
   * - Received during lunch → counting starts at the afternoon session.
   * - Received after closing or on a day off → from the next working day's opening.
   * - A result exactly at a session end stays there: Monday 07:30 + 1 day is
   *   Monday 17:00, not Tuesday 07:30.
   * - `amount = 0` with `'days'` ("trong ngày") → the end of the receiving
   *   working day, or of the next one if received after closing or on a day off.
   *   With `'hours'` it gives the first office moment at or after receipt.
   *
   * @throws RangeError for a negative or non-finite amount, or a calendar
   *   with no office hours.
   */
  addWorkingTime(receivedAt: Date, amount: number, unit: 'days' | 'hours'): Date {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount must be ≥ 0: ${amount}`);
    if (this.workingDayMs <= 0) throw new RangeError('office hours have no sessions');
    const p = zonedParts(receivedAt, this.timeZone);
    let date = formatDate(p.year, p.month, p.day);
    let at = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.millisecond;

    if (unit === 'days' && amount === 0) {
      for (let idle = 0; idle < MAX_DAYS_WITHOUT_WORK; idle++) {
        const last = this.sessionsOn(date).at(-1);
        if (last && at < last.end) return fromZonedWallClock(date, last.end / MS_PER_MINUTE, this.timeZone);
        date = addDays(date, 1);
        at = 0;
      }
      throw this.noWorkError(date);
    }

    let remaining = Math.round(unit === 'days' ? amount * this.workingDayMs : amount * 3_600_000);
    let idle = 0;
    while (idle < MAX_DAYS_WITHOUT_WORK) {
      const sessions = this.sessionsOn(date);
      idle = sessions.length > 0 ? 0 : idle + 1;
      for (const s of sessions) {
        if (at >= s.end) continue;
        if (at < s.start) at = s.start;
        const available = s.end - at;
        // `<=`: landing exactly on a session end stays on that day
        if (remaining <= available) return fromZonedWallClock(date, (at + remaining) / MS_PER_MINUTE, this.timeZone);
        remaining -= available;
        at = s.end;
      }
      date = addDays(date, 1);
      at = 0;
    }
    throw this.noWorkError(date);
  }

  /**
   * The appointment (ngày hẹn trả kết quả) of a dossier received at
   * `receivedAt` with a processing time of `workingDays` working days
   * (0 = "trong ngày", 0.5 allowed): {@link addWorkingTime} in days. Round
   * it with {@link roundUpToHalfHour} for display.
   */
  dueDate(receivedAt: Date, workingDays: number): Date {
    return this.addWorkingTime(receivedAt, workingDays, 'days');
  }

  /**
   * Office time of working days between two instants, in ms (0 when `to`
   * is not after `from`): the inverse of {@link addWorkingTime}. The
   * supplement rule uses it: the deadline clock stops while the office
   * waits for the citizen, so what was left is carried to the resubmission.
   */
  workingTimeBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const a = zonedParts(from, this.timeZone);
    const b = zonedParts(to, this.timeZone);
    const endDate = formatDate(b.year, b.month, b.day);
    const endAt = ((b.hour * 60 + b.minute) * 60 + b.second) * 1000 + b.millisecond;
    let date = formatDate(a.year, a.month, a.day);
    let at = ((a.hour * 60 + a.minute) * 60 + a.second) * 1000 + a.millisecond;
    let total = 0;
    while (date <= endDate) {
      const limit = date === endDate ? endAt : Number.POSITIVE_INFINITY;
      for (const s of this.sessionsOn(date)) {
        const start = Math.max(s.start, at);
        const end = Math.min(s.end, limit);
        if (end > start) total += end - start;
      }
      date = addDays(date, 1);
      at = 0;
    }
    return total;
  }

  /** Sessions of a date in ms after local midnight; none on a day off. */
  private sessionsOn(date: string): Session[] {
    if (!this.isWorkingDay(date)) return [];
    if (this.saturdaySessions && weekday(date) === 6 && this.entryFor(date)?.kind !== 'workday') {
      return this.saturdaySessions;
    }
    return this.sessions;
  }

  private scanWorkingDay(date: string, step: 1 | -1): string {
    let d = date;
    for (let i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) return d;
    }
    throw this.noWorkError(d);
  }

  private entryFor(date: string): CalendarDay | undefined {
    const { year } = parseDate(date);
    if (this.provider) {
      // a year's list may spill into the next (a nghỉ bù after a late-December day off)
      this.loadYear(year - 1);
      this.loadYear(year);
    }
    return this.entries.get(date);
  }

  private loadYear(year: number): void {
    if (!this.provider || this.loadedYears.has(year)) return;
    this.loadedYears.add(year);
    for (const d of this.provider(year)) {
      // a year's own list wins over the previous year's spill-over
      if (parseDate(d.date).year === year || !this.entries.has(d.date)) this.entries.set(d.date, d);
    }
  }

  private noWorkError(date: string): RangeError {
    return new RangeError(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${date}`);
  }
}

/**
 * Rounds an instant up to the next :00 or :30 of the wall clock in
 * `timeZone` ("show the appointment rounded to the half hour", DOMAIN.md
 * §2): up, never down, so the office never promises earlier than the rule.
 * An instant already on a half hour is unchanged.
 */
export function roundUpToHalfHour(d: Date, timeZone: string = OFFICE_TIME_ZONE): Date {
  const p = zonedParts(d, timeZone);
  const ms = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.millisecond;
  const step = 30 * MS_PER_MINUTE;
  if (ms % step === 0) return new Date(d.getTime());
  const rounded = Math.ceil(ms / step) * step;
  return fromZonedWallClock(formatDate(p.year, p.month, p.day), rounded / MS_PER_MINUTE, timeZone);
}

function parseSessions(sessions: OfficeSession[]): Session[] {
  const out = sessions.map((s) => ({ start: parseClock(s.start), end: parseClock(s.end) }));
  let prevEnd = -1;
  for (const [i, s] of out.entries()) {
    if (s.end <= s.start || s.start < prevEnd) {
      throw new RangeError(`office sessions must be ordered and not overlap (session ${i + 1})`);
    }
    prevEnd = s.end;
  }
  return out;
}

/** 'HH:MM' → ms after midnight. */
function parseClock(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h > 24 || (h === 24 && min > 0)) throw new RangeError(`not an 'HH:MM' time: ${hhmm}`);
  return (h * 60 + min) * MS_PER_MINUTE;
}

function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
