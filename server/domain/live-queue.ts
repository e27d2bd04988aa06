/**
 * The day's queue as one value in memory: the working copy that answers
 * every read (positions, estimates, snapshots) and every decision
 * (`pickNext`, the next number), kept equal to what the database holds.
 *
 * Pure data + functions. The queue service owns the one instance, builds
 * it from what storage loaded (`buildLiveQueue`), and changes it only with
 * `applyChange` after the transaction that stored the change has
 * committed. The indexes below are maintained incrementally: an event
 * costs what it changed, not the size of the office.
 */
import type { Counter, Field, Office, Ticket } from './model';

/** A ticket as the live queue holds it: its storage order breaks ties of the same millisecond. */
export interface LiveTicket extends Ticket {
  /** Insertion order in storage (SQLite's rowid): the tie-break of `queueKey`. */
  rowid: number;
  /** The key a kiosk sent with the press (a retry returns the same ticket). */
  idempotencyKey: string | null;
}

/** What is configured, not queued: changes only through the admin. */
export interface QueueConfig {
  office: Office;
  fields: Map<number, Field>;
  /** Names of the staff (clerk names on screens). */
  clerks: Map<number, { id: number; fullName: string }>;
}

/** How many recent services of a field feed its average (DOMAIN.md §4 estimates). */
export const RECENT_SERVICES = 10;
/** How many of the day's latest calls the board keeps. */
export const RECENT_CALLS = 10;

export interface ClerkDay {
  served: number;
  skipped: number;
  /** Sum of (finish − first call) of the served, in ms. */
  serviceMs: number;
}

export interface LiveQueue {
  /** The service day held (YYYY-MM-DD in the office's time zone). */
  day: string;
  config: QueueConfig;
  counters: Map<number, Counter>;
  /** Today's tickets, and any other day's ticket still current at a counter. */
  tickets: Map<string, LiveTicket>;
  /** Waiting tickets per (current) field, in calling order (queueKey, rowid). */
  waiting: Map<number, LiveTicket[]>;
  /** Skipped (no-show) tickets of the day. */
  skipped: Map<string, LiveTicket>;
  /** Highest seq issued today per origin field. */
  issued: Map<number, number>;
  /** Idempotency key → ticket id, today. */
  idempotency: Map<string, string>;
  /** Recent service minutes per field, newest first (at most RECENT_SERVICES). */
  recentService: Map<number, Array<{ id: string; rowid: number; finishedAt: number; minutes: number }>>;
  /** Ids of the day's latest calls, newest first (at most RECENT_CALLS). */
  recentCalls: string[];
  /** Per clerk: served / skipped today. */
  clerkDay: Map<number, ClerkDay>;
  /** Clerk id → the counter they hold. */
  counterOfClerk: Map<number, number>;
  /** Bumped on every change: derived figures are cached per version. */
  version: number;
}

/** What one committed operation changed: full new versions of the rows it wrote. */
export interface QueueChange {
  config?: QueueConfig;
  /** Replaces every counter (after an admin change of counters). */
  allCounters?: Counter[];
  counters: Counter[];
  tickets: LiveTicket[];
}

/** What a change touched: who needs to hear about it. */
export interface Touched {
  fields: Set<number>;
  counters: Set<number>;
  tickets: Set<string>;
  config: boolean;
}

export const emptyTouched = (): Touched => ({
  fields: new Set(),
  counters: new Set(),
  tickets: new Set(),
  config: false,
});

/** Calling order of waiting tickets: arrival (a transferred ticket keeps its place), then storage order. */
export function compareQueued(a: LiveTicket, b: LiveTicket): number {
  return a.queueKey - b.queueKey || a.rowid - b.rowid;
}

/** Board order of calls: newest call first; same millisecond: the later stored. */
function compareCalls(a: LiveTicket, b: LiveTicket): number {
  return (b.calledAt?.getTime() ?? 0) - (a.calledAt?.getTime() ?? 0) || b.rowid - a.rowid;
}

/**
 * Builds the live queue of `day` from what storage holds: the config, the
 * counters, and the day's tickets (plus tickets of other days still current
 * at a counter). Rebuilding from the database after any sequence of changes
 * gives a value equal to the one kept up to date by `applyChange` (the
 * property test checks it).
 */
export function buildLiveQueue(
  day: string,
  config: QueueConfig,
  counters: readonly Counter[],
  tickets: readonly LiveTicket[],
): LiveQueue {
  const state: LiveQueue = {
    day,
    config,
    counters: new Map(),
    tickets: new Map(),
    waiting: new Map(),
    skipped: new Map(),
    issued: new Map(),
    idempotency: new Map(),
    recentService: new Map(),
    recentCalls: [],
    clerkDay: new Map(),
    counterOfClerk: new Map(),
    version: 0,
  };
  for (const c of counters) putCounter(state, c, emptyTouched());
  const sorted = [...tickets].sort((a, b) => a.rowid - b.rowid);
  for (const t of sorted) putTicket(state, t, emptyTouched());
  return state;
}

/** Applies one committed change; returns what it touched. */
export function applyChange(state: LiveQueue, change: QueueChange): Touched {
  const touched = emptyTouched();
  if (change.config) {
    state.config = change.config;
    touched.config = true;
    for (const f of change.config.fields.keys()) touched.fields.add(f);
  }
  if (change.allCounters) {
    const keep = new Set(change.allCounters.map((c) => c.id));
    for (const id of [...state.counters.keys()]) {
      if (!keep.has(id)) removeCounter(state, id, touched);
    }
    for (const c of change.allCounters) putCounter(state, c, touched);
  }
  for (const c of change.counters) putCounter(state, c, touched);
  for (const t of change.tickets) putTicket(state, t, touched);
  // a counter's current ticket from another day stays known only while it is current
  for (const t of change.tickets) {
    if (t.serviceDay !== state.day && !isCurrentSomewhere(state, t.id)) state.tickets.delete(t.id);
  }
  state.version += 1;
  return touched;
}

/**
 * Local midnight: a new service day starts empty (DOMAIN.md §4: numbers
 * restart each day). Counters keep their state; a ticket still current at a
 * counter stays known so the clerk can finish it.
 */
export function rollover(state: LiveQueue, day: string): void {
  const carried = [...state.counters.values()]
    .map((c) => (c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined))
    .filter((t): t is LiveTicket => t !== undefined);
  const next = buildLiveQueue(day, state.config, [...state.counters.values()], carried);
  Object.assign(state, next, { version: state.version + 1 });
}

function isCurrentSomewhere(state: LiveQueue, ticketId: string): boolean {
  for (const c of state.counters.values()) if (c.currentTicketId === ticketId) return true;
  return false;
}

function removeCounter(state: LiveQueue, id: number, touched: Touched): void {
  const old = state.counters.get(id);
  if (!old) return;
  if (old.clerkId !== null && state.counterOfClerk.get(old.clerkId) === id) state.counterOfClerk.delete(old.clerkId);
  state.counters.delete(id);
  touched.counters.add(id);
  for (const f of old.fieldIds) touched.fields.add(f);
}

function putCounter(state: LiveQueue, c: Counter, touched: Touched): void {
  const old = state.counters.get(c.id);
  if (old && old.clerkId !== null && state.counterOfClerk.get(old.clerkId) === c.id) {
    state.counterOfClerk.delete(old.clerkId);
  }
  const copy: Counter = { ...c, fieldIds: [...c.fieldIds] };
  state.counters.set(c.id, copy);
  if (copy.clerkId !== null) state.counterOfClerk.set(copy.clerkId, copy.id);
  touched.counters.add(c.id);
  // the open counters of a field drive its estimates: its queue moves when a
  // counter opens, pauses or closes, or serves other fields — not on a call
  const sameFields =
    !!old && old.fieldIds.length === copy.fieldIds.length && old.fieldIds.every((f, i) => f === copy.fieldIds[i]);
  if (old && old.status === copy.status && sameFields) return;
  for (const f of copy.fieldIds) touched.fields.add(f);
  for (const f of old?.fieldIds ?? []) touched.fields.add(f);
}

function putTicket(state: LiveQueue, t: LiveTicket, touched: Touched): void {
  const old = state.tickets.get(t.id);
  if (old) unindex(state, old);
  const copy: LiveTicket = { ...t };
  state.tickets.set(t.id, copy);
  index(state, copy, old);
  touched.tickets.add(t.id);
  touched.fields.add(t.fieldId);
  if (old) touched.fields.add(old.fieldId);
  for (const id of [t.counterId, t.targetCounterId, old?.counterId ?? null, old?.targetCounterId ?? null]) {
    if (id !== null) touched.counters.add(id);
  }
}

function index(state: LiveQueue, t: LiveTicket, old: LiveTicket | undefined): void {
  if (t.serviceDay !== state.day) return;
  state.issued.set(t.originFieldId, Math.max(state.issued.get(t.originFieldId) ?? 0, t.seq));
  if (t.idempotencyKey) state.idempotency.set(t.idempotencyKey, t.id);
  if (t.status === 'waiting') insertSorted(listOf(state.waiting, t.fieldId), t, compareQueued);
  if (t.status === 'skipped') state.skipped.set(t.id, t);
  if (t.calledAt) {
    const calls = state.recentCalls.filter((id) => id !== t.id).map((id) => state.tickets.get(id)!);
    insertSorted(calls, t, compareCalls);
    state.recentCalls = calls.slice(0, RECENT_CALLS).map((x) => x.id);
  }
  if (t.clerkId !== null && (t.status === 'finished' || t.status === 'skipped')) {
    const d = clerkDayOf(state, t.clerkId);
    if (t.status === 'skipped') d.skipped += 1;
    else {
      d.served += 1;
      d.serviceMs += serviceMs(t);
    }
  }
  if (t.status === 'finished' && old?.status !== 'finished' && t.firstCalledAt && t.finishedAt) {
    const list = listOf(state.recentService, t.fieldId);
    list.push({ id: t.id, rowid: t.rowid, finishedAt: t.finishedAt.getTime(), minutes: serviceMs(t) / 60000 });
    list.sort((a, b) => b.finishedAt - a.finishedAt || b.rowid - a.rowid);
    list.length = Math.min(list.length, RECENT_SERVICES);
  }
}

function unindex(state: LiveQueue, t: LiveTicket): void {
  if (t.serviceDay !== state.day) return;
  if (t.status === 'waiting') {
    const list = state.waiting.get(t.fieldId);
    const i = list ? list.findIndex((x) => x.id === t.id) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }
  if (t.status === 'skipped') state.skipped.delete(t.id);
  if (t.clerkId !== null && (t.status === 'finished' || t.status === 'skipped')) {
    const d = clerkDayOf(state, t.clerkId);
    if (t.status === 'skipped') d.skipped -= 1;
    else {
      d.served -= 1;
      d.serviceMs -= serviceMs(t);
    }
  }
}

function serviceMs(t: Ticket): number {
  return t.finishedAt && t.firstCalledAt ? t.finishedAt.getTime() - t.firstCalledAt.getTime() : 0;
}

function clerkDayOf(state: LiveQueue, clerkId: number): ClerkDay {
  let d = state.clerkDay.get(clerkId);
  if (!d) {
    d = { served: 0, skipped: 0, serviceMs: 0 };
    state.clerkDay.set(clerkId, d);
  }
  return d;
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** Binary insertion keeping `list` sorted by `cmp` (equal keys: after the existing ones). */
function insertSorted<T>(list: T[], item: T, cmp: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

// ------------------------------------------------------------------ reads

/** Waiting tickets a counter may call: its fields' common queues plus those sent to it by name. */
export function candidatesOf(state: LiveQueue, counter: Counter): LiveTicket[] {
  const out: LiveTicket[] = [];
  const seen = new Set<number>();
  for (const f of counter.fieldIds) {
    seen.add(f);
    for (const t of state.waiting.get(f) ?? []) {
      if (t.targetCounterId === null || t.targetCounterId === counter.id) out.push(t);
    }
  }
  for (const [f, list] of state.waiting) {
    if (seen.has(f)) continue;
    for (const t of list) if (t.targetCounterId === counter.id) out.push(t);
  }
  return out.sort(compareQueued);
}

/** How many wait in each field now. */
export function waitingCount(state: LiveQueue, fieldId: number): number {
  return state.waiting.get(fieldId)?.length ?? 0;
}

/**
 * Waiting tickets ahead of each waiting ticket of a field, for all of them
 * in one pass (domain/queue.ts `waitingAhead`, per queue: the field's common
 * queue and each counter-targeted one): a priority ticket has the earlier
 * priority ones ahead; a normal ticket every priority one and the earlier
 * normal ones.
 */
export function positionsInField(state: LiveQueue, fieldId: number): Map<string, number> {
  const byQueue = new Map<number | null, { priority: number; normal: number; tickets: LiveTicket[] }>();
  for (const t of state.waiting.get(fieldId) ?? []) {
    let q = byQueue.get(t.targetCounterId);
    if (!q) {
      q = { priority: 0, normal: 0, tickets: [] };
      byQueue.set(t.targetCounterId, q);
    }
    q.tickets.push(t);
    if (t.priority !== null) q.priority += 1;
  }
  const out = new Map<string, number>();
  for (const q of byQueue.values()) {
    let priorityBefore = 0;
    let normalBefore = 0;
    for (const t of q.tickets) {
      if (t.priority !== null) {
        out.set(t.id, priorityBefore);
        priorityBefore += 1;
      } else {
        out.set(t.id, q.priority + normalBefore);
        normalBefore += 1;
      }
    }
  }
  return out;
}

/** Open counters that serve a queue: the field's, or the one named counter. */
export function openCountersFor(state: LiveQueue, fieldId: number, targetCounterId: number | null): number {
  let n = 0;
  for (const c of state.counters.values()) {
    if (c.status !== 'open') continue;
    if (targetCounterId === null ? c.fieldIds.includes(fieldId) : c.id === targetCounterId) n += 1;
  }
  return n;
}

/** The recent service minutes of a field, newest first. */
export function recentServiceMinutes(state: LiveQueue, fieldId: number): number[] {
  return (state.recentService.get(fieldId) ?? []).map((r) => r.minutes);
}

/** The day's latest calls, newest first. */
export function recentCalls(state: LiveQueue): LiveTicket[] {
  return state.recentCalls.map((id) => state.tickets.get(id)).filter((t): t is LiveTicket => t !== undefined);
}

/** Skipped tickets a counter may call back: its own no-shows and those of its fields, newest first. */
export function skippedFor(state: LiveQueue, counter: Counter): LiveTicket[] {
  return [...state.skipped.values()]
    .filter((t) => t.counterId === counter.id || counter.fieldIds.includes(t.fieldId))
    .sort((a, b) => (b.skippedAt?.getTime() ?? 0) - (a.skippedAt?.getTime() ?? 0) || b.rowid - a.rowid);
}

/** Counters whose view shows a field (they serve it). */
export function countersServing(state: LiveQueue, fieldId: number): number[] {
  const out: number[] = [];
  for (const c of state.counters.values()) if (c.fieldIds.includes(fieldId)) out.push(c.id);
  return out;
}

/** A comparable, order-stable picture of the whole value (the property test compares two). */
export function fingerprint(state: LiveQueue): unknown {
  const sortById = <T extends { id: string | number }>(xs: Iterable<T>) =>
    [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const sortedEntries = <K, V>(m: Map<K, V>) => [...m.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));
  return {
    day: state.day,
    config: {
      office: state.config.office,
      fields: sortedEntries(state.config.fields),
      clerks: sortedEntries(state.config.clerks),
    },
    counters: sortById(state.counters.values()),
    tickets: sortById(state.tickets.values()).map((t) => ({ ...t })),
    waiting: sortedEntries(state.waiting)
      .filter(([, l]) => l.length > 0)
      .map(([f, l]) => [f, l.map((t) => t.id)]),
    skipped: [...state.skipped.keys()].sort(),
    issued: sortedEntries(state.issued),
    idempotency: sortedEntries(state.idempotency),
    recentService: sortedEntries(state.recentService)
      .filter(([, l]) => l.length > 0)
      .map(([f, l]) => [f, l.map((r) => r.id)]),
    recentCalls: state.recentCalls,
    clerkDay: sortedEntries(state.clerkDay).filter(([, d]) => d.served !== 0 || d.skipped !== 0),
    counterOfClerk: sortedEntries(state.counterOfClerk),
  };
}
