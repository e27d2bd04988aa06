/**
 * What the one-stop shop reports upward (DOMAIN.md §6, API-CONTRACT.md
 * "Dossier report"): dossier classification, rates as offices write them,
 * reporting periods, queue percentiles and satisfaction shares. Pure: the
 * SQL in server/db/queries/reports.ts aggregates big tables with the same
 * rules stated here, and the tests check both agree.
 */

// ---------------------------------------------------------------------------
// Dossier classification

/** Where a dossier stands in a report for the period [from, to]. */
export type DossierClass = 'early' | 'onTime' | 'late' | 'pendingInTime' | 'pendingOverdue';

/** What the classification needs of a dossier: civil days in the office zone. */
export interface DossierDays {
  /** YYYY-MM-DD the dossier was received. */
  receivedDay: string;
  /** YYYY-MM-DD of the (original) appointment; a Mẫu 04 new date does not move it. */
  dueDay: string;
  /** YYYY-MM-DD the result was ready, or null. */
  resolvedDay: string | null;
  /**
   * The dossier waits for the citizen's supplement (Mẫu 02) at the end of
   * the period: its clock does not run (DOMAIN.md §2).
   */
  inSupplement?: boolean;
}

/**
 * Which report line a dossier is on for the period `from`–`to` (both
 * included), or `null` when it is not counted (received after `to`, or
 * resolved before `from`).
 *
 * - Resolved (result ready on or before `to`): **early** when resolved before
 *   the day of its due date, **on time** on that day (whatever the hour:
 *   a result ready at 16:45 on a 10:00 due day is on time), **late** after it.
 * - Unresolved at the end of `to`: **overdue** when its due day is before
 *   `to`; **in time** when due on `to` or later (it can still be resolved on
 *   its due day), and always while waiting for a supplement, because the
 *   clock stops then and the due date is moved on resubmission.
 */
export function classifyDossier(d: DossierDays, from: string, to: string): DossierClass | null {
  if (d.receivedDay > to) return null;
  if (d.resolvedDay !== null && d.resolvedDay < from) return null;
  if (d.resolvedDay !== null && d.resolvedDay <= to) {
    if (d.resolvedDay < d.dueDay) return 'early';
    if (d.resolvedDay === d.dueDay) return 'onTime';
    return 'late';
  }
  if (d.inSupplement) return 'pendingInTime';
  return d.dueDay < to ? 'pendingOverdue' : 'pendingInTime';
}

/** Whether a counted dossier was carried over (received before `from`, unresolved at its start). */
export function isCarriedOver(d: DossierDays, from: string): boolean {
  return d.receivedDay < from && (d.resolvedDay === null || d.resolvedDay >= from);
}

/** The counts of a dossier report (the contract's fields except `rates`). */
export interface DossierCounts {
  received: number;
  carriedOver: number;
  byChannel: { direct: number; online: number; postal: number };
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number;
  pendingOverdue: number;
  apologies: number;
}

/** The contract's `rates`: percentages of `received`, one decimal. */
export interface DossierRates {
  early: number;
  onTime: number;
  late: number;
  pendingInTime: number;
  pendingOverdue: number;
  /** đúng hẹn = early + onTime */
  withinDeadline: number;
  /** trễ hẹn = late + pendingOverdue */
  pastDeadline: number;
}

/**
 * Splits 100.0 % in tenths among `counts` by the largest-remainder method,
 * so the shown figures always add up to exactly 100.0 and each is within
 * 0.1 of its true share. Ties go to the larger count, then the earlier one.
 * Works in integers (tenths of a percent), never in floating point.
 * All zeros when the total is 0.
 */
export function apportionTenths(counts: readonly number[], totalTenths = 1000): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const base = counts.map((c) => Math.floor((c * totalTenths) / total));
  const rest = counts.map((c, i) => ({ i, r: (c * totalTenths) % total, c }));
  let left = totalTenths - base.reduce((a, b) => a + b, 0);
  rest.sort((a, b) => b.r - a.r || b.c - a.c || a.i - b.i);
  for (const { i } of rest) {
    if (left <= 0) break;
    base[i] = (base[i] ?? 0) + 1;
    left--;
  }
  return base;
}

/**
 * The rates of a report, as % of received with one decimal (seed 001:
 * 2,411 received → 91.3 % within the deadline, 5.5 % not yet due, 3.2 %
 * late, adding to 100 %).
 *
 * Rounding, stated: the three figures offices publish — đúng hẹn
 * (early + on time), còn hạn (pending in time), trễ hẹn (late + overdue) —
 * share 100.0 % by largest remainder; then đúng hẹn's tenths are shared
 * between early and on time, and trễ hẹn's between late and overdue, the
 * same way. So the five add to 100.0, the three add to 100.0, and
 * early + on time is exactly đúng hẹn.
 */
export function dossierRates(c: DossierCounts): DossierRates {
  const within = c.resolvedEarly + c.resolvedOnTime;
  const past = c.resolvedLate + c.pendingOverdue;
  const [w = 0, p = 0, l = 0] = apportionTenths([within, c.pendingInTime, past]);
  const [e = 0, o = 0] = within > 0 ? apportionTenths([c.resolvedEarly, c.resolvedOnTime], w) : [0, 0];
  const [rl = 0, ro = 0] = past > 0 ? apportionTenths([c.resolvedLate, c.pendingOverdue], l) : [0, 0];
  return {
    early: e / 10,
    onTime: o / 10,
    late: rl / 10,
    pendingInTime: p / 10,
    pendingOverdue: ro / 10,
    withinDeadline: w / 10,
    pastDeadline: l / 10,
  };
}

/** The split of the resolved ones (seed 000: trước hạn 99.1 %, đúng hạn 0.9 %), one decimal, adding to 100. */
export function resolvedSplit(c: DossierCounts): { early: number; onTime: number; late: number } {
  const [e = 0, o = 0, l = 0] = apportionTenths([c.resolvedEarly, c.resolvedOnTime, c.resolvedLate]);
  return { early: e / 10, onTime: o / 10, late: l / 10 };
}

/** One decimal share of `part` in `whole` (0 when whole is 0), rounded half up in integers. */
export function percent1(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

/** "91,3%" as the Vietnamese UI and printouts write it; "91.3%" in English. */
export function formatPercent(value: number, lang: 'vi' | 'en' = 'vi'): string {
  const s = value.toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

export { daysOf, periodRange, type Period, type PeriodKind } from './periods';

// ---------------------------------------------------------------------------
// Queue figures

/** A histogram bucket: `count` values equal to `value`. Sorted by value. */
export interface Bucket {
  value: number;
  count: number;
}

/**
 * The nearest-rank percentile `p` (0 < p ≤ 100) of the values a sorted
 * histogram holds: the smallest value with at least ⌈p/100 · n⌉ values at
 * or below it. The SQL groups waiting times by the second, so a year of
 * tickets comes back as a few thousand buckets, not 500,000 rows.
 * `null` for an empty histogram.
 */
export function percentileFromBuckets(buckets: readonly Bucket[], p: number): number | null {
  const n = buckets.reduce((a, b) => a + b.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (const b of buckets) {
    seen += b.count;
    if (seen >= rank) return b.value;
  }
  return buckets.at(-1)?.value ?? null;
}

/** Mean, median and 90th percentile of a duration histogram (seconds). */
export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export function durationStats(buckets: readonly Bucket[]): DurationStats {
  const count = buckets.reduce((a, b) => a + b.count, 0);
  const sum = buckets.reduce((a, b) => a + b.value * b.count, 0);
  return {
    count,
    mean: count === 0 ? null : Math.round(sum / count),
    median: percentileFromBuckets(buckets, 50),
    p90: percentileFromBuckets(buckets, 90),
  };
}

// ---------------------------------------------------------------------------
// Satisfaction (DOMAIN.md §5)

/** Answers per level: 4 Rất hài lòng, 3 Hài lòng, 2 Bình thường, 1 Không hài lòng. */
export interface ScoreCounts {
  4: number;
  3: number;
  2: number;
  1: number;
}

export interface SatisfactionSummary {
  answers: number;
  counts: ScoreCounts;
  /** share of each level, % of answers, one decimal, adding to 100. */
  shares: ScoreCounts;
  /** % hài lòng = (rất hài lòng + hài lòng) / answers, one decimal. */
  satisfied: number;
}

/**
 * Shares of each level and the % satisfied = (4 + 3) / answers (seed 002's
 * target: above 87 %), one decimal; the four shares add to 100.0 and the
 * first two to the % satisfied (largest remainder, as {@link dossierRates}).
 */
export function satisfaction(counts: ScoreCounts): SatisfactionSummary {
  const answers = counts[4] + counts[3] + counts[2] + counts[1];
  // as for dossier rates: % satisfied first, then split, so 4 + 3 shown add up to it
  const [sat = 0, s2 = 0, s1 = 0] = apportionTenths([counts[4] + counts[3], counts[2], counts[1]]);
  const [s4 = 0, s3 = 0] = counts[4] + counts[3] > 0 ? apportionTenths([counts[4], counts[3]], sat) : [0, 0];
  return {
    answers,
    counts: { ...counts },
    shares: { 4: s4 / 10, 3: s3 / 10, 2: s2 / 10, 1: s1 / 10 },
    satisfied: sat / 10,
  };
}
