/**
 * Vietnamese lunar calendar (âm lịch) ⇄ Gregorian conversion.
 *
 * Implements Hồ Ngọc Đức's algorithm: months start on the local day of the
 * astronomical new moon, month 11 is the month containing the winter
 * solstice, and in a 13-month year the leap month is the first month that
 * contains no major solar term (trung khí). New moons come from Meeus'
 * series; the sun's longitude from the low-precision solar theory.
 *
 * Everything is computed for UTC+7, the zone of the Vietnamese calendar —
 * that is why Tết sometimes falls a day (or a month) apart from the Chinese
 * calendar, which uses UTC+8 (e.g. 1985, 2007). Valid roughly 1800–2199.
 */

/** The calendar's zone in hours: the Vietnamese lunar calendar is defined at UTC+7, whatever the office zone. */
const LUNAR_TIME_ZONE = 7;

/** Mean synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian day number of the new moon of 1900-01-01 (k = 0 in Meeus' series). */
const NEW_MOON_EPOCH = 2415021.076998695;

/** A Gregorian calendar date. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** A Vietnamese lunar date; `leap` marks the leap (nhuận) month of a 13-month year. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

const floor = Math.floor;

/** Julian day number of a Gregorian date (Julian calendar before 1582-10-15). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  if (jd < 2299161) {
    jd = day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  }
  return jd;
}

/** Gregorian date of a Julian day number. */
export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return {
    day: e - floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * floor(m / 10),
    year: b * 100 + d - 4800 + floor(m / 10),
  };
}

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  // ΔT (TT − UT) in days
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, in [0, 2π), at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * floor(L / (Math.PI * 2));
  return L;
}

/** Index 0…11 of the 30° sector the sun is in at local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - LUNAR_TIME_ZONE / 24) / Math.PI) * 6);
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return floor(newMoon(k) + 0.5 + LUNAR_TIME_ZONE / 24);
}

/** Day number of the first day of lunar month 11 (the month of the winter solstice) that begins in Gregorian `year`, or the one before it. */
function lunarMonth11(year: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k);
  // sector 9 = sun past 270°: the solstice is already behind this new moon
  if (sunSector(nm) >= 9) {
    nm = newMoonDay(k - 1);
  }
  return nm;
}

/** In a leap lunar year starting at month 11 `a11`, the offset (in months after a11) of the leap month: the first with no major solar term. */
function leapMonthOffset(a11: number): number {
  const k = floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * Lunar date of a Gregorian date, in the Vietnamese calendar (UTC+7).
 * `solarToLunar(29, 1, 2025)` → `{ day: 1, month: 1, year: 2025, leap: false }` (Tết Ất Tỵ).
 */
export function solarToLunar(day: number, month: number, year: number): LunarDate {
  const dayNumber = jdFromDate(day, month, year);
  const k = floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) {
    monthStart = newMoonDay(k);
  }
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) {
    lunarMonth -= 12;
  }
  if (lunarMonth >= 11 && diff < 4) {
    lunarYear -= 1;
  }
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/**
 * Gregorian date of a Vietnamese lunar date (UTC+7).
 * `lunarToSolar(10, 3, 2026)` → `{ year: 2026, month: 4, day: 26 }` (Giỗ Tổ Hùng Vương).
 *
 * @param leapMonth true for the leap (nhuận) month of that number.
 * @throws RangeError when `leapMonth` is set but that year has no such leap
 *   month, or when the day is outside 1…(length of that lunar month).
 */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leapMonth = false): SolarDate {
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`lunar month out of range: ${lunarMonth}`);
  }
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) {
    throw new RangeError(`lunar day out of range: ${lunarDay}`);
  }
  const start = lunarMonthStart(lunarMonth, lunarYear, leapMonth);
  if (start === undefined) {
    throw new RangeError(`lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  }
  const jd = start + lunarDay - 1;
  // A 29-day month has no 30th: the 30th would be the 1st of the next month.
  if (lunarDay === 30 && solarToLunarJd(jd).day !== 30) {
    throw new RangeError(`lunar month ${lunarMonth}${leapMonth ? ' (leap)' : ''} of ${lunarYear} has 29 days`);
  }
  return jdToDate(jd);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(lunarMonth: number, lunarYear: number, leapMonth = false): number {
  const start = lunarMonthStart(lunarMonth, lunarYear, leapMonth);
  if (start === undefined) {
    throw new RangeError(`lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  }
  return solarToLunarJd(start + 29).day === 30 ? 30 : 29;
}

/** The leap (nhuận) month number of lunar year `lunarYear`, or undefined in a 12-month year. */
export function leapMonthOf(lunarYear: number): number | undefined {
  // Months 1…10 of the year lie in the solstice-to-solstice span that starts
  // in Gregorian year − 1; months 11 and 12 in the span that starts in it.
  const early = leapMonthIn(lunarMonth11(lunarYear - 1), lunarMonth11(lunarYear));
  if (early !== undefined && early <= 10) return early;
  const late = leapMonthIn(lunarMonth11(lunarYear), lunarMonth11(lunarYear + 1));
  if (late !== undefined && late >= 11) return late;
  return undefined;
}

/** Leap month number in the span a11…b11 (two consecutive months 11), if it has 13 months. */
function leapMonthIn(a11: number, b11: number): number | undefined {
  if (b11 - a11 <= 365) return undefined;
  // offset i after month 11 repeats the number of month 11 + i − 1
  let leap = leapMonthOffset(a11) - 2;
  if (leap <= 0) leap += 12;
  return leap;
}

/** Julian day number of the first day of a lunar month, or undefined for a leap month that does not exist. */
function lunarMonthStart(lunarMonth: number, lunarYear: number, leapMonth: boolean): number | undefined {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1);
    b11 = lunarMonth11(lunarYear);
  } else {
    a11 = lunarMonth11(lunarYear);
    b11 = lunarMonth11(lunarYear + 1);
  }
  const k = floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leap = leapOff - 2;
    if (leap < 0) leap += 12;
    if (leapMonth && lunarMonth !== leap) {
      return undefined;
    } else if (leapMonth || off >= leapOff) {
      off += 1;
    }
  } else if (leapMonth) {
    return undefined;
  }
  return newMoonDay(k + off);
}

function solarToLunarJd(jd: number): LunarDate {
  const d = jdToDate(jd);
  return solarToLunar(d.day, d.month, d.year);
}
