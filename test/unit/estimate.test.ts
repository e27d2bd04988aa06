import { describe, expect, it } from 'vitest';
import { baselineEstimate, estimateWait, serviceMinutes, type EstimateInput } from '../../server/domain/estimate';

const base: EstimateInput = {
  ahead: 6,
  priority: false,
  recentMinutes: [],
  configuredMinutes: 10,
  hourMinutes: null,
  counters: [
    { fieldsFirst: 0, serving: true },
    { fieldsFirst: 0, serving: true },
  ],
  priorityShare: 0,
  breakAhead: null,
};

describe('the estimated wait', () => {
  it('shares the people ahead among the open counters at the minutes per service', () => {
    expect(estimateWait(base)).toBe(30);
    expect(baselineEstimate(base)).toBe(30);
    expect(estimateWait({ ...base, ahead: 0 })).toBe(0);
  });

  it('counts a counter that calls another busy field first for a fifth', () => {
    const c = {
      ...base,
      counters: [
        { fieldsFirst: 0, serving: true },
        { fieldsFirst: 1, serving: true },
      ],
    };
    expect(estimateWait(c)).toBe(Math.round(60 / 1.2));
    // the rule before counted it fully
    expect(baselineEstimate(c)).toBe(30);
  });

  it('with no open counter, counts as if one opened', () => {
    expect(estimateWait({ ...base, counters: [] })).toBe(60);
  });

  it('adds the priority tickets expected to pass a normal ticket, not a priority one', () => {
    expect(estimateWait({ ...base, priorityShare: 0.25 })).toBe(40);
    expect(estimateWait({ ...base, priorityShare: 0.25, priority: true })).toBe(30);
    // capped: the anti-starvation rule lets normal tickets through
    expect(estimateWait({ ...base, priorityShare: 0.9 })).toBe(60);
  });

  it('blends today’s recent services with the same hour on past weeks', () => {
    expect(serviceMinutes({ ...base, hourMinutes: 12 })).toBe(12);
    expect(serviceMinutes({ ...base, recentMinutes: [6, 6, 6, 6, 6], hourMinutes: 12 })).toBe(9);
    expect(serviceMinutes({ ...base, recentMinutes: [4], hourMinutes: null })).toBeCloseTo((4 + 50) / 6);
  });

  it('adds the lunch break when the wait runs into it, or the rest of it during the break', () => {
    expect(estimateWait({ ...base, breakAhead: { inMinutes: 20, minutes: 120 } })).toBe(150);
    expect(estimateWait({ ...base, breakAhead: { inMinutes: 45, minutes: 120 } })).toBe(30);
    expect(estimateWait({ ...base, ahead: 0, breakAhead: { inMinutes: 0, minutes: 40 } })).toBe(40);
  });
});
