/**
 * How long a citizen will still wait: the figure the kiosk prints and the
 * phone page shows (DOMAIN.md §4 "estimated wait"). Pure; the queue views
 * gather the inputs from the live queue, the year generator from its
 * simulation, so both run the same rule.
 *
 * `baselineEstimate` is the rule used until issue 16 (people ahead × the
 * mean of the field's last 10 services ÷ open counters of the field);
 * `estimateWait` is its successor, measured against it over a generated
 * year in docs/performance.md.
 */
import { averageServiceMinutes, estimateWaitMinutes } from './queue';

export interface EstimateInput {
  /** Waiting tickets that will be called before this one, as things stand. */
  ahead: number;
  /** The ticket has a priority (priority tickets behind it do not pass it). */
  priority: boolean;
  /** The field's recent service minutes today, newest first. */
  recentMinutes: readonly number[];
  /** The field's configured mean service minutes (admin). */
  configuredMinutes: number;
  /** The field's mean service minutes at this hour of day over recent weeks (null: not known). */
  hourMinutes: number | null;
  /**
   * The open counters that serve the queue: each with the number of
   * fields it serves that have people waiting (it shares its time among
   * them) and whether it is serving someone now.
   */
  counters: ReadonlyArray<{ busyFields: number; serving: boolean }>;
  /** Share of today's tickets of the field that carry a priority (0–1). */
  priorityShare: number;
}

/** The rule before issue 16. */
export function baselineEstimate(c: EstimateInput): number {
  return estimateWaitMinutes(c.ahead, averageServiceMinutes(c.recentMinutes, c.configuredMinutes), c.counters.length);
}

/** How much a later priority arrival delays a normal ticket is capped: the anti-starvation rule bounds it. */
const MAX_PRIORITY_SHARE = 0.5;

/**
 * The estimate (minutes, whole):
 * - the minutes per service blend today's recent services with the same
 *   hour on past days (a morning is not an afternoon), falling back to
 *   the configured mean;
 * - a counter that also serves other fields with people waiting gives
 *   this field only its share of its time (1 / fields busy);
 * - the citizens being served now still need about half a service each,
 *   spread over the counters;
 * - a normal ticket is passed by priority tickets arriving meanwhile
 *   (the field's priority share of arrivals).
 */
export function estimateWait(c: EstimateInput): number {
  const minutes = serviceMinutes(c);
  let capacity = 0;
  let serving = 0;
  for (const k of c.counters) {
    capacity += 1 / Math.max(1, k.busyFields);
    if (k.serving) serving += 1;
  }
  if (capacity === 0) {
    // nobody serves the queue now: the old figure (as if one counter opened)
    return Math.round(c.ahead * minutes);
  }
  const share = c.priority ? 0 : Math.min(MAX_PRIORITY_SHARE, Math.max(0, c.priorityShare));
  const ahead = c.ahead / (1 - share);
  const residual = (serving * minutes) / 2 / c.counters.length;
  return Math.max(0, Math.round((ahead * minutes) / capacity + (c.ahead > 0 || serving > 0 ? residual : 0)));
}

/** Minutes per service: recent services of today weighted with the same hour on past days. */
export function serviceMinutes(c: EstimateInput): number {
  const recent = c.recentMinutes;
  const base = c.hourMinutes ?? c.configuredMinutes;
  if (recent.length === 0) return base;
  // each recent service counts as one observation, the history as three
  const sum = recent.reduce((s, m) => s + m, 0) + base * 3;
  return sum / (recent.length + 3);
}
