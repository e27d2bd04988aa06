/** A province's pure rules (server/domain/province.ts): lock keys, fair shares, the province's figures. */
import { describe, expect, it } from 'vitest';
import { computeIndex766, DEFAULT_INDEX766_CONFIG, type Index766Counts } from '../../server/domain/index766';
import {
  fairShare,
  lockKeyOf,
  OFFICE_CODE,
  provinceIndex766,
  provinceQueue,
  storeNameFor,
  type OfficeQueueFigures,
} from '../../server/domain/province';

describe('office codes and stores', () => {
  it('accepts lower-case ASCII codes with hyphens, refuses the rest', () => {
    for (const ok of ['xa-an-binh', 'trung-tam', 'p1', 'a'.repeat(40)]) expect(OFFICE_CODE.test(ok)).toBe(true);
    for (const bad of ['', '-xa', 'Xa', 'xã-an', 'xa an', 'xa/an', 'a'.repeat(41)])
      expect(OFFICE_CODE.test(bad)).toBe(false);
  });

  it('a schema per office beside the home schema, within PostgreSQL’s 63 characters', () => {
    expect(storeNameFor('public', 'xa-an-binh')).toBe('public_o_xa_an_binh');
    expect(storeNameFor('motcua_t_abc_0123456789', 'a'.repeat(40)).length).toBe(63);
  });

  it('a lock key is a stable non-negative 31-bit number, different for different stores', () => {
    expect(lockKeyOf('public')).toBe(lockKeyOf('public'));
    const keys = new Set(Array.from({ length: 2000 }, (_, i) => lockKeyOf(`public_o_xa_${i}`)));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k >= 0 && k <= 0x7fffffff && Number.isInteger(k)).toBe(true);
  });
});

describe('fair share', () => {
  it('offices over the live processes, rounded up; alone, all of them', () => {
    expect(fairShare(2, 1)).toBe(2);
    expect(fairShare(2, 2)).toBe(1);
    expect(fairShare(50, 2)).toBe(25);
    expect(fairShare(51, 2)).toBe(26);
    expect(fairShare(3, 0)).toBe(3);
  });
});

describe("the province's figures", () => {
  const office = (over: Partial<OfficeQueueFigures>): OfficeQueueFigures => ({
    issued: 0,
    served: 0,
    noShow: 0,
    waiting: { count: 0, mean: null },
    service: { count: 0, mean: null },
    ratings: { 4: 0, 3: 0, 2: 0, 1: 0 },
    ...over,
  });

  it('adds counts, weights means by their counts, and rates satisfaction over every answer', () => {
    const p = provinceQueue([
      office({
        issued: 10,
        served: 8,
        noShow: 1,
        waiting: { count: 8, mean: 10 },
        ratings: { 4: 6, 3: 1, 2: 0, 1: 1 },
      }),
      office({
        issued: 30,
        served: 24,
        noShow: 2,
        waiting: { count: 24, mean: 2 },
        ratings: { 4: 0, 3: 1, 2: 1, 1: 0 },
      }),
      office({}),
    ]);
    expect(p).toMatchObject({ issued: 40, served: 32, noShow: 3, answers: 10 });
    // (8 × 10 + 24 × 2) / 32 = 4.0, not the mean of the means (6)
    expect(p.waiting).toEqual({ count: 32, mean: 4 });
    expect(p.service).toEqual({ count: 0, mean: null });
    // (6 + 1 + 0 + 1) satisfied of 10 answers
    expect(p.satisfied).toBe(80);
  });

  it('scores the 766 figures of the offices added up, as one office', () => {
    const a: Index766Counts = {
      received: 10,
      newReceived: 8,
      resolvedEarly: 2,
      resolvedOnTime: 5,
      resolvedLate: 1,
      pendingInTime: 2,
      newOnline: 3,
      countedOnline: 4,
      resolvedUnsatisfiedNotLate: 0,
      resolvedElectronic: 2,
      documents: 20,
      documentsScanned: 15,
      documentsReused: 2,
    };
    const b: Index766Counts = {
      ...a,
      received: 30,
      newReceived: 30,
      resolvedLate: 9,
      documents: 10,
      documentsScanned: 1,
    };
    const sum = Object.fromEntries(
      Object.keys(a).map((k) => [k, a[k as keyof Index766Counts] + b[k as keyof Index766Counts]]),
    ) as unknown as Index766Counts;
    expect(provinceIndex766([a, b], DEFAULT_INDEX766_CONFIG)).toEqual(computeIndex766(sum, DEFAULT_INDEX766_CONFIG));
    expect(provinceIndex766([a, b], DEFAULT_INDEX766_CONFIG)).not.toEqual(computeIndex766(a, DEFAULT_INDEX766_CONFIG));
  });
});
