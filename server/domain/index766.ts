/**
 * The figures of Decision 766/QĐ-TTg that an office's own data can compute
 * (DOMAIN.md §8), as pure formulas over counts. The national portal revises
 * its formulas, so every maximum and target is configuration
 * ({@link Index766Config}, overridable in the office settings `index766`),
 * and the groups the office cannot compute are listed as such, never
 * guessed.
 *
 * A group's score is `min(max, max × ratio / target)`: full marks once the
 * ratio reaches the target (e.g. satisfaction with reception: 6 points at
 * 90 %), linear below it.
 */

/** One scored part: its maximum and the ratio at which it is full. */
export interface ScoredPart {
  max: number;
  /** the ratio (0–1) that earns the maximum */
  target: number;
}

export interface Index766Config {
  /** Tiến độ giải quyết: 20 × (early + on time + pending within the deadline) ÷ received. */
  progress: ScoredPart;
  /** Mức độ hài lòng trong tiếp nhận, giải quyết: 6 points, full at 90 %. */
  satisfactionReception: ScoredPart;
  /** Dịch vụ công trực tuyến, share of dossiers submitted online (C): min(6, 6C / 0.5). */
  online: ScoredPart & {
    /** `new`: of the dossiers received in the period (the portal's count); `counted`: including those carried over */
    base: 'new' | 'counted';
  };
  /** Số hóa hồ sơ: the parts an office records itself. */
  digitisation: {
    /** results issued electronically (6) */
    results: ScoredPart;
    /** documents digitised at reception (4) */
    documents: ScoredPart;
    /** digitised data reused instead of paper (2, full at 80 %) */
    reuse: ScoredPart;
  };
}

/** The portal's formulas as DOMAIN.md §8 reads them (2025). */
export const DEFAULT_INDEX766_CONFIG: Index766Config = {
  progress: { max: 20, target: 1 },
  satisfactionReception: { max: 6, target: 0.9 },
  online: { max: 6, target: 0.5, base: 'new' },
  digitisation: {
    results: { max: 6, target: 1 },
    documents: { max: 4, target: 1 },
    reuse: { max: 2, target: 0.8 },
  },
};

/** The counts of a period the formulas read (server/db/queries/dossier-reports.ts `index766Counts`). */
export interface Index766Counts {
  /** counted dossiers: received in the period + carried over (the dossier report's `received`) */
  received: number;
  /** of those, received in the period */
  newReceived: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number;
  /** counted dossiers submitted online, received in the period */
  newOnline: number;
  /** counted dossiers submitted online, carried over included */
  countedOnline: number;
  /** resolved in the period, not late, whose visit was rated "Không hài lòng" */
  resolvedUnsatisfiedNotLate: number;
  /** resolved in the period with the result issued electronically */
  resolvedElectronic: number;
  /** documents listed at reception of the dossiers received in the period */
  documents: number;
  documentsScanned: number;
  documentsReused: number;
}

export const INDEX766_KEYS = [
  'transparency',
  'progress',
  'online',
  'online_payment',
  'satisfaction_reception',
  'satisfaction_petitions',
  'digitisation',
] as const;
export type Index766Key = (typeof INDEX766_KEYS)[number];

export interface Index766Part {
  key: string;
  name: string;
  max: number;
  score: number | null;
  ratio: number | null;
  numerator: number;
  denominator: number;
}

export interface Index766Group {
  key: Index766Key;
  name: string;
  max: number;
  score: number | null;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  computable: boolean;
  note?: string;
  /** the scored parts of a group made of several (digitisation) */
  parts?: Index766Part[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** `min(max, max × ratio / target)`, two decimals; null without a denominator. */
export function partScore(part: ScoredPart, numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return round2(Math.min(part.max, (part.max * (numerator / denominator)) / part.target));
}

function scored(part: ScoredPart, numerator: number, denominator: number) {
  return {
    max: part.max,
    score: partScore(part, numerator, denominator),
    ratio: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
  };
}

const NO_DOSSIERS = 'Không có hồ sơ trong kỳ để tính.';

/**
 * The Decision 766 groups for one period (DOMAIN.md §8, API-CONTRACT
 * "index766"):
 * - `progress`: (resolved early + on time + pending within the deadline) ÷
 *   received (carried over included);
 * - `satisfaction_reception`: (resolved − resolved late − resolved and
 *   rated "Không hài lòng") ÷ resolved, full at 90 %; a late dossier rated
 *   unsatisfied is subtracted once;
 * - `online`: dossiers submitted online ÷ dossiers received (C), full at 50 %;
 * - `digitisation`: results issued electronically, documents digitised at
 *   reception, digitised data reused — the group's ratio is documents
 *   digitised or reused ÷ documents, its score the sum of the parts;
 * - `transparency`, `online_payment`, `satisfaction_petitions`: data the
 *   office does not hold (portal sync, fee payments, petitions).
 */
export function computeIndex766(c: Index766Counts, config: Index766Config = DEFAULT_INDEX766_CONFIG): Index766Group[] {
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  const progress = scored(config.progress, c.resolvedEarly + c.resolvedOnTime + c.pendingInTime, c.received);
  const satisfaction = scored(
    config.satisfactionReception,
    resolved - c.resolvedLate - c.resolvedUnsatisfiedNotLate,
    resolved,
  );
  const onlineBase = config.online.base === 'counted' ? c.received : c.newReceived;
  const online = scored(config.online, config.online.base === 'counted' ? c.countedOnline : c.newOnline, onlineBase);

  const d = config.digitisation;
  const parts: Index766Part[] = [
    {
      key: 'results',
      name: 'Kết quả giải quyết được cấp dưới dạng điện tử',
      ...scored(d.results, c.resolvedElectronic, resolved),
    },
    {
      key: 'documents',
      name: 'Giấy tờ được số hóa khi tiếp nhận',
      ...scored(d.documents, c.documentsScanned, c.documents),
    },
    {
      key: 'reuse',
      name: 'Giấy tờ tái sử dụng dữ liệu đã số hóa',
      ...scored(d.reuse, c.documentsReused, c.documents),
    },
  ];
  const partScores = parts.map((p) => p.score).filter((s): s is number => s !== null);
  const digitisedDocs = c.documentsScanned + c.documentsReused;

  return [
    {
      key: 'transparency',
      name: 'Công khai, minh bạch',
      max: 18,
      score: null,
      ratio: null,
      numerator: null,
      denominator: null,
      computable: false,
      note: 'Cần dữ liệu của Cổng Dịch vụ công quốc gia: công khai thủ tục, đồng bộ hồ sơ theo thời gian thực.',
    },
    {
      key: 'progress',
      name: 'Tiến độ giải quyết',
      ...progress,
      computable: true,
      ...(progress.score === null ? { note: NO_DOSSIERS } : {}),
    },
    {
      key: 'online',
      name: 'Dịch vụ công trực tuyến — tỷ lệ hồ sơ nộp trực tuyến',
      ...online,
      computable: true,
      note:
        (online.score === null ? `${NO_DOSSIERS} ` : '') +
        'Phần tỷ lệ hồ sơ trực tuyến (6 trong 12 điểm); tỷ lệ thủ tục cung cấp trực tuyến và tỷ lệ dịch vụ có phát sinh hồ sơ cần danh mục của Cổng Dịch vụ công.',
    },
    {
      key: 'online_payment',
      name: 'Thanh toán trực tuyến',
      max: 10,
      score: null,
      ratio: null,
      numerator: null,
      denominator: null,
      computable: false,
      note: 'Cần dữ liệu thanh toán phí, lệ phí trực tuyến (chưa ghi nhận trong hệ thống).',
    },
    {
      key: 'satisfaction_reception',
      name: 'Mức độ hài lòng trong tiếp nhận, giải quyết',
      ...satisfaction,
      computable: true,
      ...(satisfaction.score === null ? { note: NO_DOSSIERS } : {}),
    },
    {
      key: 'satisfaction_petitions',
      name: 'Mức độ hài lòng — phản ánh, kiến nghị',
      max: 12,
      score: null,
      ratio: null,
      numerator: null,
      denominator: null,
      computable: false,
      note: 'Cần dữ liệu phản ánh, kiến nghị của người dân (chưa ghi nhận trong hệ thống).',
    },
    {
      key: 'digitisation',
      name: 'Số hóa hồ sơ',
      max: round2(parts.reduce((n, p) => n + p.max, 0)),
      score: partScores.length > 0 ? round2(partScores.reduce((n, s) => n + s, 0)) : null,
      ratio: c.documents > 0 ? digitisedDocs / c.documents : null,
      numerator: digitisedDocs,
      denominator: c.documents,
      computable: true,
      note: 'Phần cơ quan tự ghi nhận (12 trong 22 điểm); bản sao điện tử, đồng bộ kho dữ liệu công dân và sử dụng CSDL dân cư cần dữ liệu của Cổng Dịch vụ công.',
      parts,
    },
  ];
}

/**
 * The office's configuration: the defaults with `override` (office
 * settings `index766`, a partial of the same shape) merged in; anything
 * that is not a finite positive number is ignored.
 */
export function index766Config(override: unknown): Index766Config {
  const o = (override && typeof override === 'object' ? override : {}) as Record<string, unknown>;
  const part = (base: ScoredPart, v: unknown): ScoredPart => {
    const x = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    const num = (k: 'max' | 'target') =>
      typeof x[k] === 'number' && Number.isFinite(x[k]) && x[k] > 0 ? x[k] : base[k];
    return { max: num('max'), target: num('target') };
  };
  const d = (o.digitisation && typeof o.digitisation === 'object' ? o.digitisation : {}) as Record<string, unknown>;
  const onlineRaw = (o.online && typeof o.online === 'object' ? o.online : {}) as Record<string, unknown>;
  const D = DEFAULT_INDEX766_CONFIG;
  return {
    progress: part(D.progress, o.progress),
    satisfactionReception: part(D.satisfactionReception, o.satisfactionReception),
    online: { ...part(D.online, o.online), base: onlineRaw.base === 'counted' ? 'counted' : D.online.base },
    digitisation: {
      results: part(D.digitisation.results, d.results),
      documents: part(D.digitisation.documents, d.documents),
      reuse: part(D.digitisation.reuse, d.reuse),
    },
  };
}
