/** The Decision 766 formulas (DOMAIN.md §8), pure and configurable. */
import { describe, expect, it } from 'vitest';
import {
  computeIndex766,
  DEFAULT_INDEX766_CONFIG,
  index766Config,
  partScore,
  type Index766Counts,
} from '../../server/domain/index766';

const ZERO: Index766Counts = {
  received: 0,
  newReceived: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  pendingInTime: 0,
  newOnline: 0,
  countedOnline: 0,
  resolvedUnsatisfiedNotLate: 0,
  resolvedElectronic: 0,
  documents: 0,
  documentsScanned: 0,
  documentsReused: 0,
};

const group = (c: Partial<Index766Counts>, key: string, config = DEFAULT_INDEX766_CONFIG) =>
  computeIndex766({ ...ZERO, ...c }, config).find((g) => g.key === key)!;

describe('partScore', () => {
  it('is linear up to the target, then full, two decimals', () => {
    expect(partScore({ max: 6, target: 0.9 }, 81, 100)).toBe(5.4);
    expect(partScore({ max: 6, target: 0.9 }, 95, 100)).toBe(6);
    expect(partScore({ max: 20, target: 1 }, 2, 3)).toBe(13.33);
    expect(partScore({ max: 20, target: 1 }, 0, 0)).toBeNull();
  });
});

describe('computeIndex766', () => {
  it('Tiến độ: seed 001 — 2,201 within the deadline + 133 not yet due of 2,411 → 19.36 of 20', () => {
    const g = group(
      { received: 2411, resolvedEarly: 2000, resolvedOnTime: 201, resolvedLate: 77, pendingInTime: 133 },
      'progress',
    );
    expect(g).toMatchObject({ max: 20, numerator: 2334, denominator: 2411, computable: true, score: 19.36 });
    expect(g.ratio).toBeCloseTo(2334 / 2411, 10);
  });

  it('Hài lòng trong tiếp nhận: resolved − late − rated "Không hài lòng", full at 90 %', () => {
    // 100 resolved, 5 late, 3 others rated unsatisfied → 92 % → full 6
    expect(
      group(
        { resolvedEarly: 90, resolvedOnTime: 5, resolvedLate: 5, resolvedUnsatisfiedNotLate: 3 },
        'satisfaction_reception',
      ),
    ).toMatchObject({ max: 6, numerator: 92, denominator: 100, ratio: 0.92, score: 6 });
    // 10 resolved, 2 late, 1 unsatisfied → 70 % → 6 × 0.7 / 0.9 = 4.67
    expect(
      group({ resolvedEarly: 8, resolvedLate: 2, resolvedUnsatisfiedNotLate: 1 }, 'satisfaction_reception'),
    ).toMatchObject({ numerator: 7, denominator: 10, score: 4.67 });
  });

  it('Dịch vụ công trực tuyến (C): online share of the new dossiers, full at 50 %; or of all counted when configured', () => {
    expect(group({ received: 120, newReceived: 100, newOnline: 20, countedOnline: 30 }, 'online')).toMatchObject({
      max: 6,
      numerator: 20,
      denominator: 100,
      ratio: 0.2,
      score: 2.4,
    });
    const counted = index766Config({ online: { base: 'counted' } });
    expect(
      group({ received: 120, newReceived: 100, newOnline: 20, countedOnline: 60 }, 'online', counted),
    ).toMatchObject({
      numerator: 60,
      denominator: 120,
      score: 6,
    });
  });

  it('Số hóa: e-results (6), documents digitised (4), reuse (2, full at 80 %), summed', () => {
    const g = group(
      { resolvedEarly: 10, resolvedElectronic: 5, documents: 20, documentsScanned: 10, documentsReused: 8 },
      'digitisation',
    );
    expect(g.parts!.map((p) => [p.key, p.score])).toEqual([
      ['results', 3],
      ['documents', 2],
      ['reuse', 1],
    ]);
    expect(g).toMatchObject({ max: 12, score: 6, numerator: 18, denominator: 20, ratio: 0.9, computable: true });
  });

  it('lists what the office cannot compute, without a score', () => {
    const all = computeIndex766(ZERO);
    expect(all.map((g) => g.key)).toEqual([
      'transparency',
      'progress',
      'online',
      'online_payment',
      'satisfaction_reception',
      'satisfaction_petitions',
      'digitisation',
    ]);
    for (const key of ['transparency', 'online_payment', 'satisfaction_petitions']) {
      const g = all.find((x) => x.key === key)!;
      expect(g).toMatchObject({ computable: false, score: null, ratio: null, numerator: null, denominator: null });
      expect(g.note).toMatch(/Cần dữ liệu/);
    }
    // nothing to count: null scores, a note, never 0 points by default
    expect(all.find((g) => g.key === 'progress')).toMatchObject({
      score: null,
      ratio: null,
      note: 'Không có hồ sơ trong kỳ để tính.',
    });
  });

  it('takes revised formulas from the office settings, ignoring nonsense', () => {
    const cfg = index766Config({ progress: { max: 25 }, satisfactionReception: { target: 0.8, max: -1 }, x: 1 });
    expect(cfg.progress).toEqual({ max: 25, target: 1 });
    expect(cfg.satisfactionReception).toEqual({ max: 6, target: 0.8 });
    expect(group({ received: 2, resolvedEarly: 1 }, 'progress', cfg)).toMatchObject({ max: 25, score: 12.5 });
    expect(index766Config(null)).toEqual(DEFAULT_INDEX766_CONFIG);
  });
});
