/**
 * A province's rules that need no storage: office codes, who holds how
 * many offices, and the province's figures from its offices' figures.
 */
import { computeIndex766, type Index766Config, type Index766Counts, type Index766Group } from './index766';
import { satisfaction } from './reports';

/** An office's code: the path segment of /o/<code>/ (lower-case ASCII, digits, hyphens). */
export const OFFICE_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A 31-bit key of a name (FNV-1a): the office's advisory-lock key from the name of its store. */
export function lockKeyOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(name, 'utf8')) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

/** The PostgreSQL schema of a new office: the home schema's name and the code (hyphens → underscores). */
export function storeNameFor(homeSchema: string, code: string): string {
  return `${homeSchema}_o_${code.replace(/-/g, '_')}`.slice(0, 63);
}

/**
 * How many offices this process should hold: an even share of the offices
 * over the live processes (rounded up), so a process that starts next to
 * one holding everything gets its half.
 */
export function fairShare(offices: number, liveProcesses: number): number {
  return Math.ceil(offices / Math.max(1, liveProcesses));
}

/** The province's 766 figures: the offices' counts added up, scored as one office (the home office's weights). */
export function provinceIndex766(parts: readonly Index766Counts[], config: Index766Config): Index766Group[] {
  const sum = {} as Index766Counts;
  for (const key of Object.keys(emptyCounts()) as Array<keyof Index766Counts>) {
    sum[key] = parts.reduce((n, p) => n + p[key], 0);
  }
  return computeIndex766(sum, config);
}

function emptyCounts(): Index766Counts {
  return {
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
}

/** One office's queue figures of a period, as the province table shows them. */
export interface OfficeQueueFigures {
  issued: number;
  served: number;
  noShow: number;
  /** waits and service times: how many, and their mean in seconds (as the office's queue report) */
  waiting: { count: number; mean: number | null };
  service: { count: number; mean: number | null };
  /** answers per level (4 = rất hài lòng … 1 = không hài lòng) */
  ratings: { 4: number; 3: number; 2: number; 1: number };
}

export interface ProvinceQueueFigures extends OfficeQueueFigures {
  /** % hài lòng + rất hài lòng over every answer of the province, one decimal */
  satisfied: number;
  answers: number;
}

const weightedMean = (parts: ReadonlyArray<{ count: number; mean: number | null }>) => {
  const count = parts.reduce((n, p) => n + p.count, 0);
  if (count === 0) return { count, mean: null };
  const total = parts.reduce((n, p) => n + (p.mean ?? 0) * p.count, 0);
  return { count, mean: Math.round((total / count) * 10) / 10 };
};

/** The province's queue figures: counts added, means weighted by their counts (medians do not add up: not given). */
export function provinceQueue(parts: readonly OfficeQueueFigures[]): ProvinceQueueFigures {
  const ratings = { 4: 0, 3: 0, 2: 0, 1: 0 };
  for (const p of parts) for (const k of [4, 3, 2, 1] as const) ratings[k] += p.ratings[k];
  const s = satisfaction(ratings);
  return {
    issued: parts.reduce((n, p) => n + p.issued, 0),
    served: parts.reduce((n, p) => n + p.served, 0),
    noShow: parts.reduce((n, p) => n + p.noShow, 0),
    waiting: weightedMean(parts.map((p) => p.waiting)),
    service: weightedMean(parts.map((p) => p.service)),
    ratings,
    answers: s.answers,
    satisfied: s.satisfied,
  };
}
