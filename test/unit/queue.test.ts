import { describe, expect, it } from 'vitest';
import {
  averageServiceMinutes,
  estimateWaitMinutes,
  pickNext,
  waitingAhead,
  type CounterQueueView,
  type QueuedTicket,
} from '../../server/domain/queue';
import { assertCanIssue, dailyLimit, formatTicketNumber } from '../../server/domain/numbering';
import type { Field } from '../../server/domain/model';
import type { Priority } from '../../server/protocol/schemas';

let n = 0;
const t = (
  fieldId: number,
  minute: number,
  priority: Priority | null = null,
  targetCounterId: number | null = null,
): QueuedTicket => ({
  id: `t${++n}`,
  fieldId,
  priority,
  queueKey: minute * 60_000,
  targetCounterId,
});
const counter = (fieldIds: number[], priorityStreak = 0, id = 1): CounterQueueView => ({
  id,
  fieldIds,
  priorityStreak,
});

describe('pickNext', () => {
  it('returns null when nobody waits for the counter', () => {
    expect(pickNext(counter([1]), [])).toBeNull();
    expect(pickNext(counter([1]), [t(2, 1)])).toBeNull();
  });

  it('serves the counter’s fields in order, then arrival', () => {
    const a = t(2, 1);
    const b = t(1, 5);
    const c = t(1, 3);
    expect(pickNext(counter([1, 2]), [a, b, c])!.ticket).toBe(c);
    expect(pickNext(counter([2, 1]), [a, b, c])!.ticket).toBe(a);
  });

  it('calls a priority ticket before earlier normal ones of the same field', () => {
    const normal = t(1, 1);
    const elderly = t(1, 9, 'elderly');
    const pick = pickNext(counter([1]), [normal, elderly])!;
    expect(pick.ticket).toBe(elderly);
    expect(pick.priorityStreak).toBe(1);
  });

  it('never makes more than 2 priority calls in a row while a normal ticket waits', () => {
    const normal = t(1, 1);
    const p1 = t(1, 2, 'pregnant');
    const p2 = t(1, 3, 'disabled');
    const p3 = t(1, 4, 'merit');
    let waiting = [normal, p1, p2, p3];
    const c = counter([1]);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const pick = pickNext(c, waiting)!;
      order.push(pick.ticket.id);
      c.priorityStreak = pick.priorityStreak;
      waiting = waiting.filter((w) => w !== pick.ticket);
    }
    expect(order).toEqual([p1.id, p2.id, normal.id, p3.id]);
  });

  it('keeps calling priority tickets when no normal ticket waits (nobody is starved)', () => {
    const p1 = t(1, 1, 'child');
    const pick = pickNext(counter([1], 5), [p1])!;
    expect(pick.ticket).toBe(p1);
    expect(pick.priorityStreak).toBe(0);
  });

  it('the streak limit is configurable', () => {
    const normal = t(1, 1);
    const p = t(1, 2, 'elderly');
    expect(pickNext(counter([1], 1), [normal, p], 1)!.ticket).toBe(normal);
    expect(pickNext(counter([1], 1), [normal, p], 3)!.ticket).toBe(p);
  });

  it('a ticket transferred to a counter by name is called only there, keeping its place', () => {
    const sent = t(3, 0, null, 2);
    const other = t(1, 5);
    expect(pickNext(counter([1], 0, 1), [sent, other])!.ticket).toBe(other);
    expect(pickNext(counter([1], 0, 2), [sent, other])!.ticket).toBe(sent);
  });
});

describe('waitingAhead and estimates', () => {
  it('counts every priority ticket and earlier normal ones ahead of a normal ticket', () => {
    const a = t(1, 1);
    const b = t(1, 2);
    const p = t(1, 3, 'elderly');
    const other = t(2, 0);
    const waiting = [a, b, p, other];
    expect(waitingAhead(a, waiting)).toBe(1);
    expect(waitingAhead(b, waiting)).toBe(2);
    expect(waitingAhead(p, waiting)).toBe(0);
  });

  it('keeps arrival order for tickets issued in the same millisecond', () => {
    const x = { ...t(1, 1), id: 'x' };
    const y = { ...t(1, 1), id: 'y' };
    expect(waitingAhead(x, [x, y])).toBe(0);
    expect(waitingAhead(y, [x, y])).toBe(1);
    expect(pickNext(counter([1]), [x, y])!.ticket.id).toBe('x');
  });

  it('shares the wait among open counters and prefers measured service times', () => {
    expect(estimateWaitMinutes(6, 10, 2)).toBe(30);
    expect(estimateWaitMinutes(6, 10, 0)).toBe(60);
    expect(averageServiceMinutes([4, 6], 10)).toBe(10);
    expect(averageServiceMinutes([4, 6, 8], 10)).toBe(6);
  });
});

describe('numbering', () => {
  const base: Field = {
    id: 1,
    code: 'HT',
    name: 'Tư pháp – Hộ tịch',
    nameEn: null,
    numbering: 'prefix',
    prefix: 'A',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: null,
    avgServiceMinutes: 10,
    active: true,
    sortOrder: 0,
  };
  it('formats prefix and range numbers', () => {
    expect(formatTicketNumber(base, 12)).toBe('A012');
    expect(formatTicketNumber({ ...base, numbering: 'range', rangeStart: 1001 }, 15)).toBe('1015');
  });
  it('enforces the daily cap and the range end with the kiosk’s message', () => {
    expect(dailyLimit({ ...base, dailyCap: 50 })).toBe(50);
    expect(dailyLimit({ ...base, numbering: 'range', rangeStart: 1001, rangeEnd: 1100, dailyCap: null })).toBe(100);
    expect(() => assertCanIssue({ ...base, dailyCap: 2 }, 3)).toThrow(
      'Đã hết số thứ tự trong ngày cho lĩnh vực Tư pháp – Hộ tịch.',
    );
    expect(() => assertCanIssue({ ...base, dailyCap: 2 }, 2)).not.toThrow();
    expect(() => assertCanIssue({ ...base, active: false }, 1)).toThrow('hiện không nhận hồ sơ');
  });
});
