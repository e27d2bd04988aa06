import { describe, it, expect } from 'vitest';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from '../../server/domain/lunar';

describe('lunarToSolar', () => {
  it.each([
    [2023, { year: 2023, month: 1, day: 22 }],
    [2024, { year: 2024, month: 2, day: 10 }],
    [2025, { year: 2025, month: 1, day: 29 }],
    [2026, { year: 2026, month: 2, day: 17 }],
    [2027, { year: 2027, month: 2, day: 6 }],
  ])('Tết (1/1 lunar) of %i', (year, expected) => {
    expect(lunarToSolar(1, 1, year)).toEqual(expected);
  });

  it.each([
    [2025, { year: 2025, month: 4, day: 7 }],
    [2026, { year: 2026, month: 4, day: 26 }],
    [2027, { year: 2027, month: 4, day: 16 }],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) of %i', (year, expected) => {
    expect(lunarToSolar(10, 3, year)).toEqual(expected);
  });

  it('uses UTC+7, not the Chinese UTC+8: Tết 1985 and 2007', () => {
    // China: 20/2/1985 and 18/2/2007
    expect(lunarToSolar(1, 1, 1985)).toEqual({ year: 1985, month: 1, day: 21 });
    expect(lunarToSolar(1, 1, 2007)).toEqual({ year: 2007, month: 2, day: 17 });
  });

  it('tells the leap 2nd month of 2023 from the ordinary one', () => {
    expect(lunarToSolar(1, 2, 2023)).toEqual({ year: 2023, month: 2, day: 20 });
    expect(lunarToSolar(1, 2, 2023, true)).toEqual({ year: 2023, month: 3, day: 22 });
    expect(lunarToSolar(1, 3, 2023)).toEqual({ year: 2023, month: 4, day: 20 });
    expect(lunarToSolar(10, 3, 2023)).toEqual({ year: 2023, month: 4, day: 29 });
  });

  it('refuses a leap month that does not exist', () => {
    expect(() => lunarToSolar(1, 2, 2024, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow(RangeError);
  });

  it('refuses the 30th of a 29-day month and days out of range', () => {
    // tháng Chạp of Giáp Thìn had 29 days: no "30 Tết" in 2025
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it('gives the first day of the year on Tết', () => {
    expect(solarToLunar(10, 2, 2024)).toEqual({ day: 1, month: 1, year: 2024, leap: false });
    expect(solarToLunar(22, 1, 2023)).toEqual({ day: 1, month: 1, year: 2023, leap: false });
  });

  it('gives the last day of the previous lunar year on the eve of Tết', () => {
    expect(solarToLunar(28, 1, 2025)).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar(21, 1, 2023)).toEqual({ day: 30, month: 12, year: 2022, leap: false });
  });

  it('marks days of the leap month', () => {
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(21, 3, 2023)).toEqual({ day: 30, month: 2, year: 2023, leap: false });
  });

  it('round-trips every day of 2020–2030', () => {
    let mismatches = 0;
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const l = solarToLunar(solar.day, solar.month, solar.year);
      const back = lunarToSolar(l.day, l.month, l.year, l.leap);
      if (back.year !== solar.year || back.month !== solar.month || back.day !== solar.day) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('leap months and month lengths', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2024, undefined],
    [2025, 6],
    [2026, undefined],
    [2028, 5],
    [2033, 11],
  ])('leap month of %i is %s', (year, leap) => {
    expect(leapMonthOf(year)).toBe(leap);
  });

  it('knows whether tháng Chạp has 29 or 30 days', () => {
    expect(lunarMonthLength(12, 2022)).toBe(30);
    expect(lunarMonthLength(12, 2024)).toBe(29);
    expect(lunarMonthLength(12, 2025)).toBe(29);
    expect(lunarMonthLength(2, 2023, true)).toBe(29);
  });
});
