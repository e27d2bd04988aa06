/**
 * Who is called next, and how long a citizen still waits. Pure functions
 * over plain data: the service loads the waiting tickets, asks here, and
 * stores the answer.
 */
import type { Priority } from '../protocol/schemas';

export interface QueuedTicket {
  id: string;
  fieldId: number;
  priority: Priority | null;
  /** Place in the queue (issue time in ms; kept through transfers). */
  queueKey: number;
  /** Set when a ticket was transferred to one counter: only that counter calls it. */
  targetCounterId: number | null;
}

export interface CounterQueueView {
  id: number;
  /** Fields served, in calling order. */
  fieldIds: number[];
  /** Priority calls in a row made while normal tickets waited. */
  priorityStreak: number;
}

/** Default of the anti-starvation rule (DOMAIN.md §4, configurable per office). */
export const DEFAULT_MAX_PRIORITY_IN_ROW = 2;

/** Order of arrival; ties (same millisecond) keep the input order, which storage gives by insertion. */
const byPlace = (a: QueuedTicket, b: QueuedTicket) => a.queueKey - b.queueKey;

/** Tickets a counter may call: its fields' common queue plus those sent to it by name. */
export function candidatesFor(counter: CounterQueueView, waiting: readonly QueuedTicket[]): QueuedTicket[] {
  return waiting.filter((t) =>
    t.targetCounterId === null ? counter.fieldIds.includes(t.fieldId) : t.targetCounterId === counter.id,
  );
}

export interface NextPick {
  ticket: QueuedTicket;
  /** The counter's new priority streak, to be stored with the call. */
  priorityStreak: number;
}

/**
 * Picks the next ticket for a counter.
 *
 * Rule (DOMAIN.md §4 "Priority", documented in docs/queue-rules.md):
 * 1. Fields in the counter's order: the first field that has someone
 *    waiting for this counter is served. Tickets transferred to this
 *    counter by name count with their field, or first when the counter
 *    does not serve that field.
 * 2. Within that field, priority tickets (người cao tuổi, khuyết tật, mang
 *    thai, người có công, đi cùng trẻ dưới 6 tuổi) go before normal ones,
 *    each group in order of arrival (a transferred ticket keeps its place)…
 * 3. …but never more than `maxPriorityInRow` priority calls in a row while
 *    a normal ticket of that field waits: then the oldest normal one is
 *    called and the streak restarts.
 */
export function pickNext(
  counter: CounterQueueView,
  waiting: readonly QueuedTicket[],
  maxPriorityInRow: number = DEFAULT_MAX_PRIORITY_IN_ROW,
): NextPick | null {
  const candidates = candidatesFor(counter, waiting);
  if (candidates.length === 0) return null;
  const rank = (t: QueuedTicket) => {
    const i = counter.fieldIds.indexOf(t.fieldId);
    return i === -1 ? -1 : i;
  };
  const firstRank = Math.min(...candidates.map(rank));
  const bucket = candidates.filter((t) => rank(t) === firstRank).sort(byPlace);
  const priority = bucket.filter((t) => t.priority !== null);
  const normal = bucket.filter((t) => t.priority === null);
  const firstPriority = priority[0];
  const firstNormal = normal[0];
  if (firstPriority && (!firstNormal || counter.priorityStreak < maxPriorityInRow)) {
    return { ticket: firstPriority, priorityStreak: firstNormal ? counter.priorityStreak + 1 : 0 };
  }
  // bucket is non-empty, so one of the two exists
  return { ticket: (firstNormal ?? firstPriority)!, priorityStreak: 0 };
}

/**
 * How many waiting tickets of the same queue will (as things stand) be
 * called before `ticket`: for a priority ticket the earlier priority ones;
 * for a normal ticket every priority ticket plus the earlier normal ones.
 */
export function waitingAhead(ticket: QueuedTicket, waiting: readonly QueuedTicket[]): number {
  const sameQueue = waiting.filter(
    (t) => t.id !== ticket.id && t.fieldId === ticket.fieldId && t.targetCounterId === ticket.targetCounterId,
  );
  if (ticket.priority !== null) {
    return sameQueue.filter((t) => t.priority !== null && before(t, ticket, waiting)).length;
  }
  return sameQueue.filter((t) => t.priority !== null || before(t, ticket, waiting)).length;
}

/** `a` arrived before `b` (same millisecond: earlier in the list). */
function before(a: QueuedTicket, b: QueuedTicket, list: readonly QueuedTicket[]): boolean {
  if (a.queueKey !== b.queueKey) return a.queueKey < b.queueKey;
  return list.findIndex((t) => t.id === a.id) < list.findIndex((t) => t.id === b.id);
}

/**
 * Mean minutes per citizen from the recent service times of a field, or
 * the field's configured average when there are fewer than 3 today.
 */
export function averageServiceMinutes(recentMinutes: readonly number[], fallback: number): number {
  if (recentMinutes.length < 3) return fallback;
  return recentMinutes.reduce((s, m) => s + m, 0) / recentMinutes.length;
}

/**
 * Estimated minutes until a ticket with `ahead` people before it is
 * called: they are shared among the open counters that serve the field
 * (at least one, so a closed field still gets an honest figure).
 */
export function estimateWaitMinutes(ahead: number, avgServiceMinutes: number, openCounters: number): number {
  return Math.round((ahead * avgServiceMinutes) / Math.max(1, openCounters));
}
