/**
 * The government's published schedules (DOMAIN.md §3), shipped as data
 * files and applied on top of the computed rules, with the admin's edits
 * on top of both; due dates across each official day of 2026 (and the
 * 2025 swaps).
 */
import { describe, expect, it } from 'vitest';
import {
  applyOfficialSchedule,
  defaultHolidays,
  holidayProvider,
  WorkingCalendar,
  type CalendarEdit,
} from '../../server/domain/calendar';
import { computeDueDate } from '../../server/domain/dossier';
import { toIsoWithOffset } from '../../server/domain/time';
import { loadShippedSchedules } from '../../server/services/calendar-service';

const VN = 'Asia/Ho_Chi_Minh';
const shipped = loadShippedSchedules();

function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

function calendar(opts: { official?: boolean; edits?: Record<number, CalendarEdit[]> } = {}): WorkingCalendar {
  return new WorkingCalendar({
    daysOff: holidayProvider(
      {},
      (y) => opts.edits?.[y] ?? [],
      (y) => (opts.official === false ? undefined : shipped.get(y)),
    ),
  });
}

/** Due date of a dossier received at `local` with `days` working days, as Vietnam wall time. */
function due(local: string, days: number, cal = calendar()): string {
  return toIsoWithOffset(computeDueDate(cal, vn(local), days, 'days'), VN).slice(0, 16);
}

describe('the shipped schedules', () => {
  it('ship 2025 and 2026, each with its source and version', () => {
    expect([...shipped.keys()].sort()).toEqual([2025, 2026]);
    expect(shipped.get(2026)).toMatchObject({ year: 2026, version: '2025-12-25' });
    expect(shipped.get(2026)!.source).toContain('9441/TB-BNV');
    expect(shipped.get(2026)!.source).toContain('12729/VPCP-KGVX');
  });

  it('give 2026 its official days off, its worked Saturdays and 24/11, each with its source', () => {
    const days = applyOfficialSchedule(defaultHolidays(2026), shipped.get(2026));
    const row = (date: string) => {
      const d = days.find((x) => x.date === date);
      return d && `${d.kind} ${d.source}`;
    };
    expect(row('2026-01-01')).toBe('holiday official');
    expect(row('2026-01-02')).toBe('compensatory official');
    expect(row('2026-01-10')).toBe('workday official');
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(row(d)).toBe('holiday official');
    }
    expect(row('2026-04-26')).toBe('holiday rule');
    expect(row('2026-04-27')).toBe('compensatory rule');
    expect(row('2026-04-30')).toBe('holiday rule');
    expect(row('2026-05-01')).toBe('holiday rule');
    expect(row('2026-08-22')).toBe('workday official');
    expect(row('2026-08-31')).toBe('compensatory official');
    expect(row('2026-09-01')).toBe('holiday official');
    expect(row('2026-09-02')).toBe('holiday official');
    expect(row('2026-11-24')).toBe('holiday rule');
    expect(days.find((d) => d.date === '2026-11-24')!.name).toBe('Ngày Văn hóa Việt Nam 24/11');
  });

  it('swap 2025: nghỉ bù of Tết moved to Monday 27/1, Friday 2/5 off for Saturday 26/4', () => {
    const days = applyOfficialSchedule(defaultHolidays(2025), shipped.get(2025));
    expect(days.find((d) => d.date === '2025-01-27')?.kind).toBe('compensatory');
    expect(days.find((d) => d.date === '2025-02-03')).toBeUndefined();
    expect(days.find((d) => d.date === '2025-04-26')?.kind).toBe('workday');
    expect(days.find((d) => d.date === '2025-05-02')?.kind).toBe('compensatory');
    // 24/11 is a rule only from 2026
    expect(days.find((d) => d.date === '2025-11-24')).toBeUndefined();
  });
});

describe('due dates across each official day of 2026 (received 10:00, 1 working day)', () => {
  it.each([
    [
      'Tết Dương lịch: Wed 31/12/2025 → Mon 5/1 (1/1 holiday, Fri 2/1 swapped, weekend)',
      '2025-12-31 10:00',
      '2026-01-05T10:00',
    ],
    ['worked Saturday: Fri 9/1 → Sat 10/1', '2026-01-09 10:00', '2026-01-10T10:00'],
    ['Tết Nguyên đán: Fri 13/2 → Mon 23/2 (off Sat 14 – Sun 22)', '2026-02-13 10:00', '2026-02-23T10:00'],
    ['Giỗ Tổ: Fri 24/4 → Tue 28/4 (Sun 26/4, nghỉ bù Mon 27/4)', '2026-04-24 10:00', '2026-04-28T10:00'],
    ['30/4 – 1/5: Wed 29/4 → Mon 4/5', '2026-04-29 10:00', '2026-05-04T10:00'],
    ['worked Saturday: Fri 21/8 → Sat 22/8', '2026-08-21 10:00', '2026-08-22T10:00'],
    ['Quốc khánh: Fri 28/8 → Thu 3/9 (Sat 29/8 – Wed 2/9, Mon 31/8 swapped)', '2026-08-28 10:00', '2026-09-03T10:00'],
    ['Ngày Văn hóa Việt Nam: Mon 23/11 → Wed 25/11', '2026-11-23 10:00', '2026-11-25T10:00'],
  ])('%s', (_label, received, expected) => {
    expect(due(received, 1)).toBe(expected);
  });

  it('received on a swapped day off counts from the next working day: Fri 2/1 + 1 → Mon 5/1 17:00', () => {
    expect(due('2026-01-02 10:00', 1)).toBe('2026-01-05T17:00');
  });

  it('without the official schedule, the rules alone would make Mon 31/8 and Sat 22/8 differ', () => {
    const rules = calendar({ official: false });
    expect(due('2026-08-28 10:00', 1, rules)).toBe('2026-08-31T10:00');
    expect(due('2026-08-21 10:00', 1, rules)).toBe('2026-08-24T10:00');
  });

  it("the admin's edit has the last word over the official schedule", () => {
    const edited = calendar({ edits: { 2026: [{ date: '2026-08-31', kind: 'remove' }] } });
    expect(due('2026-08-28 10:00', 1, edited)).toBe('2026-08-31T10:00');
  });
});

describe('due dates across the 2025 schedule', () => {
  it.each([
    ['Tết: Fri 24/1 → Mon 3/2 (27/1 off instead of 3/2)', '2025-01-24 10:00', '2025-02-03T10:00'],
    ['worked Saturday 26/4: Fri 25/4 → Sat 26/4', '2025-04-25 10:00', '2025-04-26T10:00'],
    ['30/4 – 2/5: Tue 29/4 → Mon 5/5', '2025-04-29 10:00', '2025-05-05T10:00'],
    ['Quốc khánh: Fri 29/8 → Wed 3/9 (1/9 and 2/9)', '2025-08-29 10:00', '2025-09-03T10:00'],
  ])('%s', (_label, received, expected) => {
    expect(due(received, 1)).toBe(expected);
  });
});
