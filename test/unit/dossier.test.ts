import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../server/domain/calendar';
import {
  apologyDeadline,
  assertCanReturn,
  assertSupplementAllowed,
  canTransition,
  computeDueDate,
  deadlineOutcome,
  formatDossierCode,
  idNumberProblem,
  isAtRisk,
  pauseForSupplement,
  resumeAfterSupplement,
} from '../../server/domain/dossier';
import { toIsoWithOffset } from '../../server/domain/time';

const VN = 'Asia/Ho_Chi_Minh';
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const iso = (d: Date) => toIsoWithOffset(d, VN);
const cal = new WorkingCalendar();

describe('dossier code', () => {
  it('is <office code>-<yymmdd>-<4-digit daily sequence>', () => {
    expect(formatDossierCode('H53.12', '2025-03-14', 7)).toBe('H53.12-250314-0007');
    expect(formatDossierCode('X12.34', '2026-11-25', 1)).toBe('X12.34-261125-0001');
    // Circular 04/2025: the province's agency code, and the system owner's AA before the daily sequence
    expect(formatDossierCode('000.00.01.H22', '2026-11-25', 7)).toBe('000.00.01.H22-261125-0007');
    expect(formatDossierCode('000.00.01.H22', '2026-11-25', 7, '01')).toBe('000.00.01.H22-261125-010007');
  });
  it('falls back to HS without an office code and grows past 9999', () => {
    expect(formatDossierCode('  ', '2026-01-02', 12345)).toBe('HS-260102-12345');
  });
  it('rejects a sequence below 1 and a bad day', () => {
    expect(() => formatDossierCode('X', '2026-01-02', 0)).toThrow(RangeError);
    expect(() => formatDossierCode('X', '2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('CCCD number', () => {
  it('accepts 12 digits with a province code 001–096', () => {
    expect(idNumberProblem('001203004567')).toBeNull();
    expect(idNumberProblem('096099000001')).toBeNull();
  });
  it.each([
    ['12345678901', '12 chữ số'],
    ['0012030045678', '12 chữ số'],
    ['00120300456a', 'chỉ gồm chữ số'],
    ['000203004567', 'mã tỉnh'],
    ['097203004567', 'mã tỉnh'],
  ])('refuses %s with a Vietnamese reason', (n, words) => {
    expect(idNumberProblem(n)).toContain(words);
  });
});

describe('lifecycle', () => {
  it('follows received → supplement ↔ received → processing → resolved → returned', () => {
    expect(canTransition('received', 'supplement')).toBe(true);
    expect(canTransition('supplement', 'received')).toBe(true);
    expect(canTransition('received', 'processing')).toBe(true);
    expect(canTransition('processing', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'returned')).toBe(true);
  });
  it('never leaves a final state and never returns an unresolved dossier', () => {
    for (const to of ['received', 'processing', 'resolved', 'returned'] as const) {
      expect(canTransition('returned', to)).toBe(false);
      expect(canTransition('rejected', to)).toBe(false);
      expect(canTransition('stopped', to)).toBe(false);
    }
    expect(canTransition('processing', 'returned')).toBe(false);
  });
});

describe('appointment', () => {
  it('is rounded up to the half hour as printed', () => {
    expect(iso(computeDueDate(cal, vn('2026-11-16 10:07'), 3, 'days'))).toBe('2026-11-19T10:30:00+07:00');
    expect(iso(computeDueDate(cal, vn('2026-11-16 10:00'), 3, 'days'))).toBe('2026-11-19T10:00:00+07:00');
  });
  it('"trong ngày" (0) is the end of the receiving day; 0.5 day spans lunch', () => {
    expect(iso(computeDueDate(cal, vn('2026-11-25 09:00'), 0, 'days'))).toBe('2026-11-25T17:00:00+07:00');
    // 09:00 + 3 h 45 min of office time = 14:45, printed as 15:00
    expect(iso(computeDueDate(cal, vn('2026-11-25 09:00'), 0.5, 'days'))).toBe('2026-11-25T15:00:00+07:00');
  });
});

describe('late results need the apology slip first (Mẫu 04)', () => {
  const due = vn('2026-11-26 10:00');
  it('a result ready on the due day returns without one', () => {
    expect(() =>
      assertCanReturn(
        { status: 'resolved', dueAt: due, resolvedAt: vn('2026-11-26 16:00'), apologyAt: null },
        vn('2026-11-27 08:00'),
        VN,
      ),
    ).not.toThrow();
  });
  it('a result ready after the due day needs Mẫu 04', () => {
    const late = { status: 'resolved' as const, dueAt: due, resolvedAt: vn('2026-11-27 09:00'), apologyAt: null };
    expect(() => assertCanReturn(late, vn('2026-11-27 10:00'), VN)).toThrow(/Mẫu 04/);
    expect(() =>
      assertCanReturn({ ...late, apologyAt: vn('2026-11-25 10:00') }, vn('2026-11-27 10:00'), VN),
    ).not.toThrow();
  });
  it('an unresolved dossier cannot be returned', () => {
    expect(() =>
      assertCanReturn({ status: 'processing', dueAt: due, resolvedAt: null, apologyAt: null }, due, VN),
    ).toThrow(/không thể chuyển/);
  });
  it('the slip is due one working day before the due date: Monday for a Tuesday after a weekend', () => {
    expect(apologyDeadline(cal, vn('2026-11-24 10:00'))).toBe('2026-11-23');
    expect(apologyDeadline(cal, vn('2026-11-23 10:00'))).toBe('2026-11-20');
  });
  it('lists a dossier at risk from that day on, until an apology is issued', () => {
    const d = { status: 'processing' as const, dueAt: vn('2026-11-24 10:00'), apologyAt: null };
    expect(isAtRisk(cal, d, vn('2026-11-20 16:00'))).toBe(false);
    expect(isAtRisk(cal, d, vn('2026-11-23 08:00'))).toBe(true);
    expect(isAtRisk(cal, { ...d, apologyAt: vn('2026-11-23 09:00') }, vn('2026-11-23 10:00'))).toBe(false);
    expect(isAtRisk(cal, { ...d, status: 'resolved' }, vn('2026-11-24 11:00'))).toBe(false);
  });
  it('classifies by day: early, on time, late', () => {
    expect(deadlineOutcome(due, vn('2026-11-25 16:00'), VN)).toBe('early');
    expect(deadlineOutcome(due, vn('2026-11-26 16:59'), VN)).toBe('on_time');
    expect(deadlineOutcome(due, vn('2026-11-27 07:30'), VN)).toBe('late');
  });
});

describe('supplement (Mẫu 02)', () => {
  it('a second request needs a supervisor reason', () => {
    expect(() => assertSupplementAllowed(0, undefined)).not.toThrow();
    expect(() => assertSupplementAllowed(1, undefined)).toThrow(/lần thứ hai/);
    expect(() => assertSupplementAllowed(1, '  ')).toThrow(/lần thứ hai/);
    expect(() => assertSupplementAllowed(1, 'Luật mới yêu cầu thêm giấy tờ')).not.toThrow();
  });
  it('stops the clock: the time left is carried to the resubmission, across Tết 2026', () => {
    // received Wed 11/2/2026 10:00, 3 days → due Monday 23/2 10:00 (Tết 16–20/2)
    const due = computeDueDate(cal, vn('2026-02-11 10:00'), 3, 'days');
    expect(iso(due)).toBe('2026-02-23T10:00:00+07:00');
    // Mẫu 02 on Thursday 12/2 10:00: 2 working days left
    const { remainingMs } = pauseForSupplement(cal, due, vn('2026-02-12 10:00'));
    expect(remainingMs).toBe(2 * cal.workingDayMs);
    // supplement back Wednesday 25/2 09:00 → due Friday 27/2 09:00; 4 working days paused (12/2 10:00 → 25/2 09:00)
    const back = resumeAfterSupplement(cal, vn('2026-02-12 10:00'), remainingMs, vn('2026-02-25 09:00'));
    expect(iso(back.dueAt)).toBe('2026-02-27T09:00:00+07:00');
    expect(back.pausedMs).toBe(cal.workingTimeBetween(vn('2026-02-12 10:00'), vn('2026-02-25 09:00')));
  });
});
