/**
 * One working day of a busy office, simulated (for the year generator):
 * citizens arrive (a morning peak, a smaller afternoon), take a number of
 * a field, some with a priority; desks call them with the server's own
 * rule (domain/queue.ts `pickNext`), serve them for a time that depends on
 * the field, the hour and the clerk, pause now and then, break for lunch.
 * The waits are what the queue makes them, so the estimate announced at
 * issue can be measured against them: both the rule before issue 16
 * (`baselineEstimate`) and the one the server uses now (`estimateWait`)
 * are computed at each issue from the simulated state, exactly as the
 * live queue would give it.
 */
import { baselineEstimate, estimateWait, type EstimateInput } from '../server/domain/estimate';
import { pickNext, type QueuedTicket } from '../server/domain/queue';

export interface SimField {
  id: number;
  avgServiceMinutes: number;
  /** Share of arrivals (sums to 1 over the fields). */
  weight: number;
}

/** A desk: one of the office's counters (its fields, in calling order), replicated to carry the load. */
export interface SimDesk {
  counterId: number;
  clerkId: number | null;
  fieldIds: number[];
}

export interface SimTicket {
  fieldId: number;
  priority: boolean;
  issuedAt: number;
  desk: SimDesk | null;
  firstCalledAt: number | null;
  finishedAt: number | null;
  skippedAt: number | null;
  /** The estimates announced at issue: the server's rule now, and the rule before. */
  estimate: number;
  baseline: number;
  /** What the estimate was computed from (to compare rules on the same day). */
  input: EstimateInput;
}

/** Mean service minutes per field and hour of day over past days (the estimate's history). */
export type ServiceHistory = Map<number, Array<{ sum: number; n: number }>>;

const MIN = 60_000;
const NO_SHOW = 0.06;
const PRIORITY = 0.12;

/** Hour-of-day factor of service times: quicker early, slower after lunch (tired clerks, harder cases). */
function hourFactor(hour: number): number {
  if (hour < 9) return 0.85;
  if (hour < 11) return 1;
  if (hour < 13) return 1.1;
  if (hour < 15) return 1.3;
  return 1.15;
}

/** exp(N(0, σ)) with mean 1 (Box–Muller). */
function lognormal(rand: () => number, sigma: number): number {
  const u = Math.max(1e-9, rand());
  const v = rand();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

export function simulateDay(
  rand: () => number,
  dayStart: number,
  n: number,
  fields: SimField[],
  desks: SimDesk[],
  history: ServiceHistory,
): SimTicket[] {
  // desks: a lunch break, an absent clerk now and then, a pause or two
  const sessions: Array<[number, number]> = [
    [dayStart + 30 * MIN, dayStart + 285 * MIN],
    [dayStart + 390 * MIN, Infinity],
  ];
  const state = desks.map((d) => {
    const pauses: Array<[number, number]> = [];
    const count = rand() < 0.3 ? 1 : rand() < 0.1 ? 2 : 0;
    for (let i = 0; i < count; i++) {
      const at = dayStart + (60 + rand() * 420) * MIN;
      pauses.push([at, at + (10 + rand() * 30) * MIN]);
    }
    return {
      desk: d,
      absent: rand() < 0.05,
      pauses,
      speed: 0.8 + rand() * 0.4,
      freeAt: sessions[0]![0],
      serving: null as SimTicket | null,
      streak: 0,
    };
  });
  const openAt = (s: (typeof state)[number], t: number): boolean =>
    !s.absent && sessions.some(([a, b]) => t >= a && t < b) && !s.pauses.some(([a, b]) => t >= a && t < b);
  const nextOpen = (s: (typeof state)[number], t: number): number => {
    let x = t;
    for (let guard = 0; guard < 10 && !openAt(s, x); guard++) {
      const session = sessions.find(([a, b]) => x >= a && x < b);
      const pause = s.pauses.find(([a, b]) => x >= a && x < b);
      if (pause) x = pause[1];
      else if (!session) x = sessions.find(([a]) => a > x)?.[0] ?? x;
    }
    return x;
  };

  const arrivals = Array.from({ length: n }, () => {
    const morning = rand() < 0.65;
    return dayStart + Math.floor((morning ? 30 + rand() * 240 : 390 + rand() * 210) * MIN);
  }).sort((a, b) => a - b);
  const pickField = (): SimField => {
    let r = rand();
    for (const f of fields) if ((r -= f.weight) <= 0) return f;
    return fields[fields.length - 1]!;
  };

  const tickets: SimTicket[] = [];
  const waiting = new Map<number, SimTicket[]>(fields.map((f) => [f.id, []]));
  const ids = new Map<SimTicket, string>();
  const recent = new Map<number, Array<{ at: number; minutes: number }>>();
  const issuedBy = new Map<number, { all: number; priority: number }>();
  const avgOf = new Map(fields.map((f) => [f.id, f.avgServiceMinutes]));
  const finishing: Array<{ at: number; ticket: SimTicket }> = [];

  const settle = (t: number) => {
    // services that have ended by t feed the recent service times
    for (let i = finishing.length - 1; i >= 0; i--) {
      const f = finishing[i]!;
      if (f.at > t) continue;
      finishing.splice(i, 1);
      const list = recent.get(f.ticket.fieldId) ?? [];
      list.unshift({ at: f.at, minutes: (f.ticket.finishedAt! - f.ticket.firstCalledAt!) / MIN });
      list.sort((a, b) => b.at - a.at);
      list.length = Math.min(list.length, 10);
      recent.set(f.ticket.fieldId, list);
    }
  };

  const issue = (at: number) => {
    settle(at);
    const field = pickField();
    const priority = rand() < PRIORITY;
    const queue = waiting.get(field.id)!;
    const ahead = priority ? queue.filter((x) => x.priority).length : queue.length;
    const hour = new Date(at + 7 * 3600_000).getUTCHours();
    const h = history.get(field.id)?.[hour];
    const counters = state
      .filter((s) => s.desk.fieldIds.includes(field.id) && openAt(s, at))
      .map((s) => ({
        fieldsFirst: s.desk.fieldIds
          .slice(0, s.desk.fieldIds.indexOf(field.id))
          .filter((f) => (waiting.get(f)?.length ?? 0) > 0).length,
        serving: s.freeAt > at && s.serving !== null,
      }));
    const issued = issuedBy.get(field.id) ?? { all: 0, priority: 0 };
    const input: EstimateInput = {
      ahead,
      priority,
      recentMinutes: (recent.get(field.id) ?? []).map((r) => r.minutes),
      configuredMinutes: field.avgServiceMinutes,
      hourMinutes: h && h.n >= 5 ? h.sum / h.n : null,
      counters,
      priorityShare: issued.all === 0 ? 0 : issued.priority / issued.all,
      breakAhead:
        at < sessions[0]![1]
          ? { inMinutes: (sessions[0]![1] - at) / MIN, minutes: (sessions[1]![0] - sessions[0]![1]) / MIN }
          : null,
    };
    issued.all += 1;
    if (priority) issued.priority += 1;
    issuedBy.set(field.id, issued);
    const t: SimTicket = {
      fieldId: field.id,
      priority,
      issuedAt: at,
      desk: null,
      firstCalledAt: null,
      finishedAt: null,
      skippedAt: null,
      estimate: estimateWait(input),
      baseline: baselineEstimate(input),
      input,
    };
    tickets.push(t);
    ids.set(t, String(tickets.length));
    queue.push(t);
  };

  let next = 0;
  for (let guard = 0; guard < n * 20 + 1000; guard++) {
    // the desk that can call soonest
    let best: (typeof state)[number] | null = null;
    let bestAt = Infinity;
    for (const s of state) {
      if (s.absent) continue;
      const at = nextOpen(s, s.freeAt);
      if (at < bestAt) {
        bestAt = at;
        best = s;
      }
    }
    const arrival = arrivals[next];
    if (arrival !== undefined && (arrival <= bestAt || !best)) {
      issue(arrival);
      next += 1;
      continue;
    }
    if (!best) break;
    const s = best;
    if (s.serving) {
      s.serving = null;
    }
    const candidates: QueuedTicket[] = [];
    for (const f of s.desk.fieldIds) {
      for (const t of waiting.get(f) ?? []) {
        candidates.push({
          id: ids.get(t)!,
          fieldId: t.fieldId,
          priority: t.priority ? 'elderly' : null,
          queueKey: t.issuedAt,
          targetCounterId: null,
        });
      }
    }
    const pick = pickNext({ id: 0, fieldIds: s.desk.fieldIds, priorityStreak: s.streak }, candidates, 2);
    if (!pick) {
      if (arrival === undefined) {
        // nobody will come: this desk is done for the day
        s.absent = true;
        continue;
      }
      s.freeAt = Math.max(bestAt, arrival);
      continue;
    }
    s.streak = pick.priorityStreak;
    const list = waiting.get(pick.ticket.fieldId)!;
    const i = list.findIndex((t) => ids.get(t) === pick.ticket.id);
    const t = list.splice(i, 1)[0]!;
    t.desk = s.desk;
    t.firstCalledAt = bestAt;
    if (rand() < NO_SHOW) {
      t.skippedAt = bestAt + 2 * MIN;
      s.freeAt = t.skippedAt;
      continue;
    }
    const hour = new Date(bestAt + 7 * 3600_000).getUTCHours();
    const minutes = Math.max(1, avgOf.get(t.fieldId)! * hourFactor(hour) * s.speed * lognormal(rand, 0.45));
    t.finishedAt = bestAt + Math.round(minutes * MIN);
    s.freeAt = t.finishedAt;
    s.serving = t;
    finishing.push({ at: t.finishedAt, ticket: t });
  }
  return tickets;
}

/** Adds (sign 1) or removes (sign −1) a day's services to the history (a rolling window of past days). */
export function addToHistory(history: ServiceHistory, tickets: readonly SimTicket[], sign: 1 | -1): void {
  for (const t of tickets) {
    if (t.finishedAt === null || t.firstCalledAt === null) continue;
    const hour = new Date(t.firstCalledAt + 7 * 3600_000).getUTCHours();
    let hours = history.get(t.fieldId);
    if (!hours) history.set(t.fieldId, (hours = Array.from({ length: 24 }, () => ({ sum: 0, n: 0 }))));
    hours[hour]!.sum += (sign * (t.finishedAt - t.firstCalledAt)) / MIN;
    hours[hour]!.n += sign;
  }
}

/** Error figures of a list of (estimate, real wait) in minutes. */
export function errorFigures(pairs: Array<[number, number]>): { mae: number; within5: number; n: number } {
  let abs = 0;
  let within = 0;
  for (const [e, w] of pairs) {
    const d = Math.abs(e - w);
    abs += d;
    if (d <= 5) within += 1;
  }
  return {
    mae: pairs.length ? abs / pairs.length : 0,
    within5: pairs.length ? within / pairs.length : 0,
    n: pairs.length,
  };
}
