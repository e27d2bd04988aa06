import { describe, it, expect } from 'vitest';
import {
  applyEdits,
  DEFAULT_OFFICE_HOURS,
  defaultHolidays,
  holidayProvider,
  roundUpToHalfHour,
  WorkingCalendar,
} from '../../server/domain/calendar';
import type { CalendarDay, CalendarEdit } from '../../server/domain/calendar';
import { serviceDay, toIsoWithOffset } from '../../server/domain/time';

const VN = 'Asia/Ho_Chi_Minh';

/** An instant given as Vietnam wall-clock time, e.g. vn('2026-03-02 10:00'). */
function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}
function iso(d: Date, timeZone = VN): string {
  return toIsoWithOffset(d, timeZone);
}
function dates(days: CalendarDay[], kind?: CalendarDay['kind']): string[] {
  return days.filter((d) => !kind || d.kind === kind).map((d) => d.date);
}
function find(days: CalendarDay[], date: string): CalendarDay | undefined {
  return days.find((d) => d.date === date);
}

describe('defaultHolidays', () => {
  it.each([
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i starts (mùng 1) on %s', (year, date) => {
    expect(find(defaultHolidays(year), date)).toMatchObject({
      date,
      name: 'Tết Nguyên đán (mùng 1 Tết)',
      kind: 'holiday',
    });
  });

  it.each([
    // the last lunar day is the 29th in all three years (tháng Chạp thiếu)
    [2025, ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']],
    [2027, ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']],
  ])('the 5-day Tết window of %i', (year, window) => {
    const tet = defaultHolidays(year).filter((d) => d.kind === 'holiday' && d.name.startsWith('Tết Nguyên đán'));
    expect(dates(tet)).toEqual(window);
    expect(tet.map((d) => d.name)).toEqual([
      'Tết Nguyên đán (29 Tết)',
      'Tết Nguyên đán (mùng 1 Tết)',
      'Tết Nguyên đán (mùng 2 Tết)',
      'Tết Nguyên đán (mùng 3 Tết)',
      'Tết Nguyên đán (mùng 4 Tết)',
    ]);
  });

  it('names the eve "30 Tết" when tháng Chạp has 30 days (2023)', () => {
    expect(find(defaultHolidays(2023), '2023-01-21')?.name).toBe('Tết Nguyên đán (30 Tết)');
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương %i on %s', (year, date) => {
    expect(find(defaultHolidays(year), date)).toMatchObject({
      date,
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      kind: 'holiday',
    });
  });

  it('has the fixed-date holidays with their Vietnamese names', () => {
    const days = defaultHolidays(2025);
    expect(find(days, '2025-01-01')?.name).toBe('Tết Dương lịch');
    expect(find(days, '2025-04-30')?.name).toBe('Ngày Chiến thắng 30/4');
    expect(find(days, '2025-05-01')?.name).toBe('Quốc tế Lao động 1/5');
  });

  it('gives Quốc khánh 2/9 plus the day before by default, or after when asked', () => {
    const before = defaultHolidays(2025);
    expect(find(before, '2025-09-01')).toMatchObject({
      date: '2025-09-01',
      name: 'Quốc khánh (nghỉ liền kề 1/9)',
      kind: 'holiday',
    });
    expect(find(before, '2025-09-02')).toMatchObject({ date: '2025-09-02', name: 'Quốc khánh 2/9', kind: 'holiday' });
    expect(find(before, '2025-09-03')).toBeUndefined();
    const after = defaultHolidays(2025, { nationalDayExtra: 'after' });
    expect(find(after, '2025-09-01')).toBeUndefined();
    expect(dates(after).filter((d) => d.startsWith('2025-09'))).toEqual(['2025-09-02', '2025-09-03']);
  });

  it('lists 2026 exactly by the rules, sorted by date (one weekend holiday: Giỗ Tổ on Sunday 26/4; 24/11 from 2026)', () => {
    expect(defaultHolidays(2026).map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2026-01-01 holiday Tết Dương lịch',
      '2026-02-16 holiday Tết Nguyên đán (29 Tết)',
      '2026-02-17 holiday Tết Nguyên đán (mùng 1 Tết)',
      '2026-02-18 holiday Tết Nguyên đán (mùng 2 Tết)',
      '2026-02-19 holiday Tết Nguyên đán (mùng 3 Tết)',
      '2026-02-20 holiday Tết Nguyên đán (mùng 4 Tết)',
      '2026-04-26 holiday Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      '2026-04-30 holiday Ngày Chiến thắng 30/4',
      '2026-05-01 holiday Quốc tế Lao động 1/5',
      '2026-09-01 holiday Quốc khánh (nghỉ liền kề 1/9)',
      '2026-09-02 holiday Quốc khánh 2/9',
      '2026-11-24 holiday Ngày Văn hóa Việt Nam 24/11',
    ]);
  });

  it('gives nghỉ bù on the next working day for holidays on a weekend', () => {
    // 1/5/2027 is a Saturday → Monday 3/5
    expect(find(defaultHolidays(2027), '2027-05-03')).toMatchObject({
      date: '2027-05-03',
      name: 'Nghỉ bù Quốc tế Lao động 1/5',
      kind: 'compensatory',
    });
    // mùng 4 Tết 2025 is Saturday 1/2 → Monday 3/2
    expect(find(defaultHolidays(2025), '2025-02-03')?.name).toBe('Nghỉ bù Tết Nguyên đán (mùng 4 Tết)');
    expect(dates(defaultHolidays(2025), 'compensatory')).toEqual(['2025-02-03']);
  });

  it('skips days already off: Tết 2027 (mùng 1–2 on Sat–Sun) is made up after mùng 4', () => {
    const days = defaultHolidays(2027);
    expect(dates(days, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
    expect(find(days, '2027-02-10')?.name).toBe('Nghỉ bù Tết Nguyên đán (mùng 1 Tết)');
    expect(find(days, '2027-02-11')?.name).toBe('Nghỉ bù Tết Nguyên đán (mùng 2 Tết)');
  });

  it('follows the 2023 schedule: Giỗ Tổ Sat 29/4 and 30/4 Sunday → off until 3/5', () => {
    const days = defaultHolidays(2023);
    for (const d of ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']) {
      expect(find(days, d)).toBeDefined();
    }
    expect(find(days, '2023-01-02')?.name).toBe('Nghỉ bù Tết Dương lịch');
  });

  it('uses the configured weekend: with Sunday only, Saturday 1/5/2027 earns no nghỉ bù', () => {
    // only mùng 2 Tết (Sunday 7/2) is owed, after mùng 3–4
    expect(dates(defaultHolidays(2027, { weekendDays: [0] }), 'compensatory')).toEqual(['2027-02-10']);
  });

  it('is sorted with one entry per date', () => {
    for (const year of [2023, 2025, 2026, 2027, 2028]) {
      const ds = dates(defaultHolidays(year));
      expect(ds).toEqual([...ds].sort());
      expect(new Set(ds).size).toBe(ds.length);
    }
  });
});

describe('applyEdits', () => {
  // an edit in the shape of a yearly schedule: Monday 27/1 off, made up on Saturday 8/2
  const edits2025: CalendarEdit[] = [
    { date: '2025-01-27', kind: 'off', name: 'Nghỉ Tết (hoán đổi)' },
    { date: '2025-02-08', kind: 'workday', name: 'Làm bù ngày 27/1' },
  ];

  it('adds a day off and a make-up Saturday', () => {
    const days = applyEdits(defaultHolidays(2025), edits2025);
    expect(find(days, '2025-01-27')).toMatchObject({
      date: '2025-01-27',
      name: 'Nghỉ Tết (hoán đổi)',
      kind: 'holiday',
    });
    expect(find(days, '2025-02-08')).toMatchObject({ date: '2025-02-08', name: 'Làm bù ngày 27/1', kind: 'workday' });
    const cal = new WorkingCalendar({ daysOff: days });
    expect(cal.isWorkingDay('2025-01-27')).toBe(false);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.isWorkingDay('2025-02-15')).toBe(false);
  });

  it('removes a computed day off', () => {
    const days = applyEdits(defaultHolidays(2025), [{ date: '2025-02-03', kind: 'remove' }]);
    expect(find(days, '2025-02-03')).toBeUndefined();
    expect(new WorkingCalendar({ daysOff: days }).isWorkingDay('2025-02-03')).toBe(true);
  });

  it('uses default names, keeps the input unchanged and stays sorted', () => {
    const base = defaultHolidays(2026);
    const copy = structuredClone(base);
    const days = applyEdits(base, [
      { date: '2026-12-31', kind: 'off' },
      { date: '2026-01-02', kind: 'off' },
      { date: '2026-01-10', kind: 'workday' },
      { date: '2026-04-30', kind: 'workday' },
    ]);
    expect(base).toEqual(copy);
    expect(find(days, '2026-01-02')?.name).toBe('Ngày nghỉ');
    expect(find(days, '2026-01-10')?.name).toBe('Làm bù');
    expect(find(days, '2026-04-30')?.kind).toBe('workday');
    expect(dates(days)).toEqual([...dates(days)].sort());
  });

  it('rejects a malformed date', () => {
    expect(() => applyEdits([], [{ date: '2026-2-30', kind: 'off' }])).toThrow(RangeError);
  });
});

describe('WorkingCalendar days', () => {
  const cal = new WorkingCalendar();

  it('defaults to Vietnam, Monday–Friday, with the default holidays', () => {
    expect(cal.timeZone).toBe(VN);
    expect(cal.workingDayMs).toBe(7.5 * 3_600_000);
    expect(cal.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-02-17')).toBe(false); // mùng 1 Tết
    expect(cal.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù Giỗ Tổ
    expect(cal.dayInfo('2026-04-27')?.kind).toBe('compensatory');
  });

  it('finds the next and previous working day across Tết 2026', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.previousWorkingDay('2026-02-23')).toBe('2026-02-13');
    expect(cal.nextWorkingDay('2026-03-02')).toBe('2026-03-03');
  });

  it('loads each year lazily from the provider, once', () => {
    const asked: number[] = [];
    const provider = holidayProvider({}, (year) => {
      asked.push(year);
      return year === 2025 ? [{ date: '2025-02-08', kind: 'workday' }] : [];
    });
    const lazy = new WorkingCalendar({ daysOff: provider });
    expect(asked).toEqual([]);
    expect(lazy.isWorkingDay('2025-02-08')).toBe(true);
    expect(lazy.isWorkingDay('2025-02-09')).toBe(false);
    expect(lazy.isWorkingDay('2025-03-03')).toBe(true);
    expect(asked.sort()).toEqual([2024, 2025]);
  });

  it('rejects bad office hours', () => {
    expect(
      () => new WorkingCalendar({ hours: { sessions: [{ start: '13:30', end: '11:30' }], weekendDays: [0, 6] } }),
    ).toThrow(RangeError);
    expect(
      () => new WorkingCalendar({ hours: { sessions: [{ start: '7:30', end: '11:30' }], weekendDays: [0, 6] } }),
    ).toThrow(RangeError);
    expect(() => new WorkingCalendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('dueDate (DOMAIN.md §2)', () => {
  const cal = new WorkingCalendar();
  // 2026-03-02 is a Monday in a week without holidays

  it('Monday 10:00 + 3 working days → Thursday 10:00', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 10:00'), 3))).toBe('2026-03-05T10:00:00+07:00');
  });

  it('Monday 07:30 + 1 → Monday 17:00 (an exact session end stays)', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 07:30'), 1))).toBe('2026-03-02T17:00:00+07:00');
  });

  it('before opening counts from 07:30', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 06:15'), 1))).toBe('2026-03-02T17:00:00+07:00');
  });

  it('received at lunch counts from 13:30', () => {
    expect(iso(cal.addWorkingTime(vn('2026-03-02 12:10'), 2, 'hours'))).toBe('2026-03-02T15:30:00+07:00');
    // 3.5 h on Monday afternoon + 4 h on Tuesday morning lands on a session end, which stays
    expect(iso(cal.dueDate(vn('2026-03-02 12:10'), 1))).toBe('2026-03-03T11:30:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 12:10'), 0.5))).toBe('2026-03-03T07:45:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 11:30'), 0.5))).toBe('2026-03-03T07:45:00+07:00');
  });

  it('received after closing counts from the next working day', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 17:45'), 1))).toBe('2026-03-03T17:00:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 17:00'), 2))).toBe('2026-03-04T17:00:00+07:00');
  });

  it('Friday afternoon skips the weekend', () => {
    expect(iso(cal.dueDate(vn('2026-03-06 15:00'), 1))).toBe('2026-03-09T15:00:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-06 15:00'), 2))).toBe('2026-03-10T15:00:00+07:00');
  });

  it('spans Tết 2026 (16–20/2) and its weekend', () => {
    expect(iso(cal.dueDate(vn('2026-02-13 10:00'), 3))).toBe('2026-02-25T10:00:00+07:00');
  });

  it('received on a holiday counts from the next working day (30/4/2026 → Monday 4/5)', () => {
    expect(iso(cal.dueDate(vn('2026-04-30 09:00'), 2))).toBe('2026-05-05T17:00:00+07:00');
  });

  it('0.5 day = 3 h 45 min of office time, across lunch', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 10:00'), 0.5))).toBe('2026-03-02T15:45:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 08:00'), 0.5))).toBe('2026-03-02T13:45:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 15:00'), 0.5))).toBe('2026-03-03T09:15:00+07:00');
  });

  it('N = 0 ("trong ngày") → end of the receiving working day', () => {
    expect(iso(cal.dueDate(vn('2026-03-02 10:00'), 0))).toBe('2026-03-02T17:00:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 16:59'), 0))).toBe('2026-03-02T17:00:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-02 17:30'), 0))).toBe('2026-03-03T17:00:00+07:00');
    expect(iso(cal.dueDate(vn('2026-03-07 09:00'), 0))).toBe('2026-03-09T17:00:00+07:00');
  });

  it('keeps seconds (display rounds them)', () => {
    const at = new Date(vn('2026-03-02 10:00').getTime() + 30_000);
    expect(iso(cal.dueDate(at, 1))).toBe('2026-03-03T10:00:30+07:00');
  });

  it('counts working hours', () => {
    expect(iso(cal.addWorkingTime(vn('2026-03-02 16:00'), 4, 'hours'))).toBe('2026-03-03T10:30:00+07:00');
    expect(iso(cal.addWorkingTime(vn('2026-03-02 12:00'), 0, 'hours'))).toBe('2026-03-02T13:30:00+07:00');
  });

  it('uses the edited calendar: a make-up Saturday counts with full sessions', () => {
    const edited = new WorkingCalendar({
      daysOff: holidayProvider({}, (y) => (y === 2025 ? [{ date: '2025-02-08', kind: 'workday' }] : [])),
    });
    expect(iso(edited.dueDate(vn('2025-02-07 10:00'), 1))).toBe('2025-02-08T10:00:00+07:00');
    expect(iso(cal.dueDate(vn('2025-02-07 10:00'), 1))).toBe('2025-02-10T10:00:00+07:00');
  });

  it('counts Saturday-morning reception when Saturday is open', () => {
    const saturday = new WorkingCalendar({
      hours: { ...DEFAULT_OFFICE_HOURS, weekendDays: [0], saturdaySessions: [{ start: '07:30', end: '11:30' }] },
    });
    // Fri 2 h + Sat 4 h + Mon 1.5 h = 7.5 h
    expect(iso(saturday.dueDate(vn('2026-03-06 15:00'), 1))).toBe('2026-03-09T09:00:00+07:00');
    expect(iso(saturday.dueDate(vn('2026-03-07 10:00'), 0))).toBe('2026-03-07T11:30:00+07:00');
  });

  it('does its wall-clock math in the office zone, across a DST change', () => {
    const ny = new WorkingCalendar({ timeZone: 'America/New_York', daysOff: [] });
    // US DST starts Sunday 2026-03-08: EST −05:00 → EDT −04:00
    const fridayTen = new Date('2026-03-06T10:00:00-05:00');
    expect(iso(ny.dueDate(fridayTen, 1), 'America/New_York')).toBe('2026-03-09T10:00:00-04:00');
  });

  it('rejects a negative or non-finite amount', () => {
    expect(() => cal.dueDate(vn('2026-03-02 10:00'), -1)).toThrow(RangeError);
    expect(() => cal.dueDate(vn('2026-03-02 10:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('roundUpToHalfHour', () => {
  it('rounds up, never down', () => {
    expect(iso(roundUpToHalfHour(vn('2026-03-02 10:05'), VN))).toBe('2026-03-02T10:30:00+07:00');
    expect(iso(roundUpToHalfHour(vn('2026-03-02 10:31'), VN))).toBe('2026-03-02T11:00:00+07:00');
    expect(iso(roundUpToHalfHour(new Date(vn('2026-03-02 10:30').getTime() + 1), VN))).toBe(
      '2026-03-02T11:00:00+07:00',
    );
  });

  it('leaves a half hour as it is', () => {
    expect(iso(roundUpToHalfHour(vn('2026-03-02 10:30'), VN))).toBe('2026-03-02T10:30:00+07:00');
    expect(iso(roundUpToHalfHour(vn('2026-03-02 17:00'), VN))).toBe('2026-03-02T17:00:00+07:00');
  });

  it('rolls over midnight', () => {
    expect(iso(roundUpToHalfHour(vn('2026-03-02 23:50'), VN))).toBe('2026-03-03T00:00:00+07:00');
  });

  it('rounds the wall clock of the given zone (Nepal is +05:45)', () => {
    const d = new Date('2026-03-02T10:05:00+05:45');
    expect(iso(roundUpToHalfHour(d, 'Asia/Kathmandu'), 'Asia/Kathmandu')).toBe('2026-03-02T10:30:00+05:45');
  });

  it('rounds a due date for display', () => {
    const cal = new WorkingCalendar();
    expect(iso(roundUpToHalfHour(cal.dueDate(vn('2026-03-02 08:00'), 0.5), VN))).toBe('2026-03-02T14:00:00+07:00');
  });
});

describe('serviceDay and toIsoWithOffset', () => {
  it('splits the day at local midnight, not UTC', () => {
    expect(serviceDay(new Date('2026-11-24T16:59:59Z'), VN)).toBe('2026-11-24');
    expect(serviceDay(new Date('2026-11-24T17:00:00Z'), VN)).toBe('2026-11-25');
    expect(serviceDay(new Date('2026-11-24T17:00:00Z'), 'UTC')).toBe('2026-11-24');
  });

  it('prints the offset of the zone', () => {
    expect(toIsoWithOffset(new Date('2026-11-24T01:05:00Z'), VN)).toBe('2026-11-24T08:05:00+07:00');
    expect(toIsoWithOffset(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe('2026-01-15T07:00:00-05:00');
    expect(toIsoWithOffset(new Date('2026-01-15T12:00:00.999Z'), 'UTC')).toBe('2026-01-15T12:00:00+00:00');
  });
});

describe('2025–2027: compensatory days and due dates spanning Tết (issue 5)', () => {
  const cal = new WorkingCalendar();

  it.each([
    [2025, ['2025-02-03']],
    [2026, ['2026-04-27']],
    [2027, ['2027-02-10', '2027-02-11', '2027-05-03']],
  ])('the nghỉ bù days of %i', (year, expected) => {
    expect(dates(defaultHolidays(year), 'compensatory')).toEqual(expected);
  });

  it('gives 2026 a nghỉ bù Monday 27/4 for Giỗ Tổ on Sunday 26/4', () => {
    expect(find(defaultHolidays(2026), '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('Friday 24/1/2025 + 5 days jumps Tết 2025 (28/1–1/2) and its nghỉ bù Monday 3/2', () => {
    expect(iso(cal.dueDate(vn('2025-01-24 14:00'), 5))).toBe('2025-02-07T14:00:00+07:00');
  });

  it('Wednesday 3/2/2027 + 3 days skips Tết 2027 and both nghỉ bù days (10–11/2)', () => {
    expect(iso(cal.dueDate(vn('2027-02-03 09:00'), 3))).toBe('2027-02-15T09:00:00+07:00');
  });

  it('a 10-day procedure received before Tết 2026 is due 5/3', () => {
    expect(iso(cal.dueDate(vn('2026-02-12 10:00'), 10))).toBe('2026-03-05T10:00:00+07:00');
  });

  it('Giỗ Tổ 2027 (Friday 16/4) and 30/4–1/5 with nghỉ bù 3/5 are skipped', () => {
    expect(iso(cal.dueDate(vn('2027-04-15 10:00'), 1))).toBe('2027-04-19T10:00:00+07:00');
    expect(iso(cal.dueDate(vn('2027-04-29 10:00'), 1))).toBe('2027-05-04T10:00:00+07:00');
  });

  it('Quốc khánh 2025 (1–2/9, Monday–Tuesday) is skipped', () => {
    expect(iso(cal.dueDate(vn('2025-08-29 09:00'), 1))).toBe('2025-09-03T09:00:00+07:00');
  });
});

describe('workingTimeBetween (the supplement clock)', () => {
  const cal = new WorkingCalendar();

  it('counts office hours only, across Tết', () => {
    expect(cal.workingTimeBetween(vn('2026-02-13 16:00'), vn('2026-02-23 08:30'))).toBe(2 * 3_600_000);
  });

  it('is the inverse of addWorkingTime', () => {
    const from = vn('2026-11-25 10:17');
    const to = cal.addWorkingTime(from, 7, 'days');
    expect(cal.workingTimeBetween(from, to)).toBe(7 * cal.workingDayMs);
  });

  it('is 0 for an empty or reversed span and during lunch', () => {
    expect(cal.workingTimeBetween(vn('2026-11-25 10:00'), vn('2026-11-25 10:00'))).toBe(0);
    expect(cal.workingTimeBetween(vn('2026-11-25 12:00'), vn('2026-11-25 10:00'))).toBe(0);
    expect(cal.workingTimeBetween(vn('2026-11-25 11:45'), vn('2026-11-25 13:15'))).toBe(0);
  });
});
