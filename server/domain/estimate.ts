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
   * The open counters that serve the queue: each with how many of the
   * fields it calls before this one have people waiting (a counter calls
   * its fields in order, DOMAIN.md §4) and whether it is serving someone now.
   */
  counters: ReadonlyArray<{ fieldsFirst: number; serving: boolean }>;
  /** Share of today's tickets of the field that carry a priority (0–1). */
  priorityShare: number;
  /**
   * The office's next break in its working hours (lunch), from now: in how
   * many minutes it starts and how long it lasts; null when none is ahead today.
   */
  breakAhead: { inMinutes: number; minutes: number } | null;
}

/** The rule before issue 16. */
export function baselineEstimate(c: EstimateInput): number {
  return estimateWaitMinutes(c.ahead, averageServiceMinutes(c.recentMinutes, c.configuredMinutes), c.counters.length);
}

/** How much a later priority arrival delays a normal ticket is capped: the anti-starvation rule bounds it. */
const MAX_PRIORITY_SHARE = 0.5;
/**
 * A counter that calls other fields first while they have people waiting
 * still gives this field a little of its time (those fields empty now and
 * then): measured over the generated year (docs/performance.md).
 */
const SECOND_FIELD_SHARE = 0.2;
/** The same-hour history counts as this many recent services. */
const HISTORY_WEIGHT = 5;

/**
 * The estimate (minutes, whole), DOMAIN.md §4 "estimated wait":
 * - the people ahead (a normal ticket: plus the priority tickets expected
 *   to pass it, from the field's priority share today);
 * - over the open counters serving the field, each counted fully when no
 *   field it calls first has people waiting, else for a fifth (a counter
 *   calls its fields in order);
 * - at the minutes per service of today's recent services blended with the
 *   same hour on past weeks (a morning is not an afternoon), or the
 *   configured mean;
 * - and when that runs past the start of the lunch break, the break is
 *   added (nobody is called during it).
 */
export function estimateWait(c: EstimateInput): number {
  return waitEstimator(c)(c.ahead, c.priority);
}

/**
 * `estimateWait` for one queue as it is now, for any number of people
 * ahead: what does not depend on the ticket is worked out once (the views
 * estimate every waiting ticket of a field with it).
 */
export function waitEstimator(
  c: Omit<EstimateInput, 'ahead' | 'priority'>,
): (ahead: number, priority: boolean) => number {
  const minutes = serviceMinutes(c);
  let capacity = 0;
  for (const k of c.counters) capacity += k.fieldsFirst === 0 ? 1 : SECOND_FIELD_SHARE;
  // nobody serves the queue now: as if one counter opened
  const perPerson = minutes / Math.max(capacity, c.counters.length === 0 ? 1 : SECOND_FIELD_SHARE);
  const share = Math.min(MAX_PRIORITY_SHARE, Math.max(0, c.priorityShare));
  const pause = c.breakAhead;
  return (ahead, priority) => {
    let estimate = (priority ? ahead : ahead / (1 - share)) * perPerson;
    if (pause && (estimate > pause.inMinutes || pause.inMinutes === 0)) estimate += pause.minutes;
    return Math.max(0, Math.round(estimate));
  };
}

/** Minutes per service: recent services of today weighted with the same hour on past weeks (or the configured mean). */
export function serviceMinutes(c: Pick<EstimateInput, 'recentMinutes' | 'hourMinutes' | 'configuredMinutes'>): number {
  const recent = c.recentMinutes;
  const base = c.hourMinutes ?? c.configuredMinutes;
  if (recent.length === 0) return base;
  const sum = recent.reduce((s, m) => s + m, 0) + base * HISTORY_WEIGHT;
  return sum / (recent.length + HISTORY_WEIGHT);
}
