import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../server/domain/calendar';
import {
  apportionTenths,
  classifyDossier,
  dossierRates,
  durationStats,
  formatPercent,
  isCarriedOver,
  percentileFromBuckets,
  periodRange,
  resolvedSplit,
  satisfaction,
  type DossierCounts,
  type DossierDays,
} from '../../server/domain/reports';
import { serviceDay } from '../../server/domain/time';

const VN = 'Asia/Ho_Chi_Minh';
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const day = (local: string) => serviceDay(vn(local), VN);

/** A dossier from wall-clock instants, as the database would hand it to the classification. */
function dossier(received: string, due: string, resolved: string | null, inSupplement = false): DossierDays {
  return { receivedDay: day(received), dueDay: day(due), resolvedDay: resolved ? day(resolved) : null, inSupplement };
}

describe('classifyDossier — resolved', () => {
  const from = '2026-11-01';
  const to = '2026-11-30';

  it('resolved the day before its due day is early, even late in the evening', () => {
    expect(classifyDossier(dossier('2026-11-23 08:00', '2026-11-26 10:00', '2026-11-25 23:59'), from, to)).toBe(
      'early',
    );
  });

  it('resolved on its due day is on time, also after the due hour and after office hours', () => {
    const d = (resolved: string) => dossier('2026-11-23 10:00', '2026-11-26 10:00', resolved);
    expect(classifyDossier(d('2026-11-26 00:00'), from, to)).toBe('onTime');
    expect(classifyDossier(d('2026-11-26 10:00'), from, to)).toBe('onTime');
    expect(classifyDossier(d('2026-11-26 16:59'), from, to)).toBe('onTime');
    expect(classifyDossier(d('2026-11-26 19:30'), from, to)).toBe('onTime');
    expect(classifyDossier(d('2026-11-26 23:59'), from, to)).toBe('onTime');
  });

  it('resolved the day after is late, from one minute past midnight office time', () => {
    expect(classifyDossier(dossier('2026-11-23 10:00', '2026-11-26 10:00', '2026-11-27 00:00'), from, to)).toBe('late');
  });

  it('days are the office’s: 23:30 UTC on the due day is already the next day in Hà Nội', () => {
    const d: DossierDays = {
      receivedDay: serviceDay(new Date('2026-11-23T03:00:00Z'), VN),
      dueDay: serviceDay(new Date('2026-11-26T03:00:00Z'), VN),
      resolvedDay: serviceDay(new Date('2026-11-26T17:30:00Z'), VN),
    };
    expect(classifyDossier(d, from, to)).toBe('late');
  });

  it('a due date computed across Tết: resolved on the first working day after it is on time', () => {
    const cal = new WorkingCalendar();
    // Thursday before Tết 2026 (holidays 16–20 Feb), 3 working days
    const received = vn('2026-02-12 10:00');
    const due = cal.dueDate(received, 3);
    expect(serviceDay(due, VN)).toBe('2026-02-24');
    const d = { receivedDay: serviceDay(received, VN), dueDay: serviceDay(due, VN) };
    expect(classifyDossier({ ...d, resolvedDay: '2026-02-23' }, '2026-02-01', '2026-02-28')).toBe('early');
    expect(classifyDossier({ ...d, resolvedDay: '2026-02-24' }, '2026-02-01', '2026-02-28')).toBe('onTime');
    expect(classifyDossier({ ...d, resolvedDay: '2026-02-25' }, '2026-02-01', '2026-02-28')).toBe('late');
    // a report ending on the last day of Tết: not yet due, so in time
    expect(classifyDossier({ ...d, resolvedDay: null }, '2026-02-01', '2026-02-20')).toBe('pendingInTime');
  });
});

describe('classifyDossier — unresolved at the end of the period', () => {
  it('due on the last day of the period (due today) is still in time', () => {
    expect(classifyDossier(dossier('2026-11-20 08:00', '2026-11-25 08:00', null), '2026-11-01', '2026-11-25')).toBe(
      'pendingInTime',
    );
  });

  it('due the day before the end of the period is overdue', () => {
    expect(classifyDossier(dossier('2026-11-20 08:00', '2026-11-24 16:00', null), '2026-11-01', '2026-11-25')).toBe(
      'pendingOverdue',
    );
  });

  it('resolved after the period counts as unresolved in it', () => {
    const d = dossier('2026-11-20 08:00', '2026-11-24 16:00', '2026-12-02 09:00');
    expect(classifyDossier(d, '2026-11-01', '2026-11-30')).toBe('pendingOverdue');
    expect(classifyDossier(d, '2026-11-01', '2026-11-24')).toBe('pendingInTime');
    expect(classifyDossier(d, '2026-12-01', '2026-12-31')).toBe('late');
  });

  it('waiting for the citizen’s supplement stops the clock: in time even past the first due date', () => {
    expect(
      classifyDossier(dossier('2026-11-02 08:00', '2026-11-05 08:00', null, true), '2026-11-01', '2026-11-30'),
    ).toBe('pendingInTime');
  });

  it('not counted: received after the period, or resolved before it', () => {
    expect(
      classifyDossier(dossier('2026-12-01 08:00', '2026-12-03 08:00', null), '2026-11-01', '2026-11-30'),
    ).toBeNull();
    expect(
      classifyDossier(dossier('2026-10-01 08:00', '2026-10-03 08:00', '2026-10-31 16:00'), '2026-11-01', '2026-11-30'),
    ).toBeNull();
  });

  it('carried over = received before the period and unresolved when it starts', () => {
    expect(isCarriedOver(dossier('2026-10-28 08:00', '2026-11-03 08:00', null), '2026-11-01')).toBe(true);
    expect(isCarriedOver(dossier('2026-10-28 08:00', '2026-11-03 08:00', '2026-11-01 08:00'), '2026-11-01')).toBe(true);
    expect(isCarriedOver(dossier('2026-10-28 08:00', '2026-11-03 08:00', '2026-10-31 08:00'), '2026-11-01')).toBe(
      false,
    );
    expect(isCarriedOver(dossier('2026-11-01 08:00', '2026-11-03 08:00', null), '2026-11-01')).toBe(false);
  });
});

function counts(
  early: number,
  onTime: number,
  late: number,
  pendingInTime: number,
  pendingOverdue: number,
): DossierCounts {
  return {
    received: early + onTime + late + pendingInTime + pendingOverdue,
    carriedOver: 0,
    byChannel: { direct: 0, online: 0, postal: 0 },
    resolvedEarly: early,
    resolvedOnTime: onTime,
    resolvedLate: late,
    pendingInTime,
    pendingOverdue,
    apologies: 0,
  };
}

describe('rates — % of received, one decimal, adding to 100', () => {
  it('seed 001: 2,411 received, 2,201 within the deadline, 133 not yet due, 77 late → 91.3 / 5.5 / 3.2', () => {
    // 2,201 within (2,000 early + 201 on time), 77 late (60 resolved late + 17 overdue)
    const r = dossierRates(counts(2000, 201, 60, 133, 17));
    expect(r.withinDeadline).toBe(91.3);
    expect(r.pendingInTime).toBe(5.5);
    expect(r.pastDeadline).toBe(3.2);
    expect(Math.round((r.withinDeadline + r.pendingInTime + r.pastDeadline) * 10)).toBe(1000);
    expect(Math.round((r.early + r.onTime) * 10)).toBe(Math.round(r.withinDeadline * 10));
    expect(Math.round((r.late + r.pendingOverdue) * 10)).toBe(Math.round(r.pastDeadline * 10));
    expect(Math.round((r.early + r.onTime + r.late + r.pendingInTime + r.pendingOverdue) * 10)).toBe(1000);
  });

  it('thirds round to 33.4 / 33.3 / 33.3, not 33.3 × 3 = 99.9', () => {
    expect(apportionTenths([1, 1, 1])).toEqual([334, 333, 333]);
    const r = dossierRates(counts(1, 0, 1, 1, 0));
    expect([r.withinDeadline, r.pendingInTime, r.pastDeadline]).toEqual([33.4, 33.3, 33.3]);
  });

  it('nothing received → all zero, no division by zero', () => {
    expect(dossierRates(counts(0, 0, 0, 0, 0))).toEqual({
      early: 0,
      onTime: 0,
      late: 0,
      pendingInTime: 0,
      pendingOverdue: 0,
      withinDeadline: 0,
      pastDeadline: 0,
    });
  });

  it('seed 000: the split of the resolved ones, early 99.1 %, on time 0.9 %', () => {
    expect(resolvedSplit(counts(991, 9, 0, 5, 0))).toEqual({ early: 99.1, onTime: 0.9, late: 0 });
  });

  it('Vietnamese writes the decimal comma: "91,3%"', () => {
    expect(formatPercent(91.3)).toBe('91,3%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(5.5, 'en')).toBe('5.5%');
  });
});

describe('periods', () => {
  it('calendar month, quarter, 6 months, year', () => {
    expect(periodRange('month', 2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', 2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('quarter', 2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('half', 2026, 1)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodRange('year', 2026, 0)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('Decree 09/2019 cut-off: from the 15th of the previous month to the 14th', () => {
    expect(periodRange('month', 2026, 3, true)).toEqual({ from: '2026-02-15', to: '2026-03-14' });
    expect(periodRange('month', 2026, 1, true)).toEqual({ from: '2025-12-15', to: '2026-01-14' });
    expect(periodRange('quarter', 2026, 2, true)).toEqual({ from: '2026-03-15', to: '2026-06-14' });
    expect(periodRange('half', 2026, 1, true)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(periodRange('year', 2026, 0, true)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });

  it('refuses a month 13', () => {
    expect(() => periodRange('month', 2026, 13)).toThrow(RangeError);
  });
});

describe('queue percentiles from a histogram', () => {
  it('nearest rank: median and p90 of 1..10 are 5 and 9', () => {
    const b = Array.from({ length: 10 }, (_, i) => ({ value: i + 1, count: 1 }));
    expect(percentileFromBuckets(b, 50)).toBe(5);
    expect(percentileFromBuckets(b, 90)).toBe(9);
    expect(durationStats(b)).toEqual({ count: 10, mean: 6, median: 5, p90: 9 });
  });

  it('counts weigh: 9 quick visits and 1 long one', () => {
    const b = [
      { value: 60, count: 9 },
      { value: 3600, count: 1 },
    ];
    expect(durationStats(b)).toEqual({ count: 10, mean: 414, median: 60, p90: 60 });
  });

  it('empty → nulls', () => {
    expect(durationStats([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });
});

describe('satisfaction', () => {
  it('% satisfied = (rất hài lòng + hài lòng) / answers; the shares add to 100', () => {
    const s = satisfaction({ 4: 600, 3: 274, 2: 100, 1: 26 });
    expect(s.answers).toBe(1000);
    expect(s.satisfied).toBe(87.4);
    expect(s.shares).toEqual({ 4: 60, 3: 27.4, 2: 10, 1: 2.6 });
  });

  it('thirds: 4 + 3 shown add up to the % satisfied', () => {
    const s = satisfaction({ 4: 1, 3: 1, 2: 1, 1: 0 });
    expect(s.satisfied).toBe(66.7);
    expect(Math.round((s.shares[4] + s.shares[3]) * 10)).toBe(667);
    expect(Math.round((s.shares[4] + s.shares[3] + s.shares[2] + s.shares[1]) * 10)).toBe(1000);
  });
});

describe('isoFormatter (exports of many rows)', () => {
  it('writes what toIsoWithOffset writes, also across a DST change', async () => {
    const { isoFormatter } = await import('../../server/domain/zoned-format');
    const { toIsoWithOffset } = await import('../../server/domain/time');
    for (const zone of ['Asia/Ho_Chi_Minh', 'Europe/Berlin']) {
      const fmt = isoFormatter(zone);
      for (const t of [
        '2026-11-24T01:05:07.900Z',
        '2026-03-29T00:59:59Z',
        '2026-03-29T01:00:00Z',
        '2025-12-31T17:00:00Z',
      ]) {
        expect(fmt(Date.parse(t))).toBe(toIsoWithOffset(new Date(t), zone));
      }
    }
  });
});
