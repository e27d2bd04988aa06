/**
 * Changes to the live queue that are written but not yet committed.
 *
 * Group commit puts several operations in one transaction. Each operation
 * decides against what the queue will be once the earlier operations of
 * the same transaction commit, so it reads through three layers: its own
 * changes (`QueueWork`), those of the earlier units of the transaction
 * (`QueueStage`), and the committed live queue. The live queue itself is
 * changed only when the transaction has committed (`QueueStage.committed`);
 * a unit that fails leaves the stage untouched (its savepoint is rolled
 * back, its `QueueWork` dropped).
 */
import type { BatchSlot, Executor } from '../db/database';
import { insertAudits, type AuditEntry } from '../db/queries/audit';
import { updateCounterStates } from '../db/queries/counters';
import { insertTicketEvents, insertTickets, updateTickets, type TicketEventRow } from '../db/queries/tickets';
import type { OutboxEvent } from '../db/queries/integration';
import type { Counter, Field, Office } from '../domain/model';
import { toIsoWithOffset } from '../domain/time';
import {
  applyChange,
  candidatesOf,
  compareQueued,
  type LiveQueue,
  type LiveTicket,
  type QueueChange,
  type QueueConfig,
  type Touched,
} from '../domain/live-queue';

interface Layer {
  tickets: Map<string, LiveTicket>;
  counters: Map<number, Counter>;
  config: QueueConfig | null;
  /** Set when every counter was reloaded (admin change). */
  allCounters: Map<number, Counter> | null;
}

const emptyLayer = (): Layer => ({ tickets: new Map(), counters: new Map(), config: null, allCounters: null });

/** Rows to write: which tickets and counters changed, and the log rows, in order. */
interface Rows {
  /** New tickets, in the order they were issued. */
  inserted: string[];
  updated: Set<string>;
  counters: Map<number, Date>;
  events: TicketEventRow[];
  audits: Array<{ entry: AuditEntry; at: Date }>;
}

const emptyRows = (): Rows => ({ inserted: [], updated: new Set(), counters: new Map(), events: [], audits: [] });

/**
 * A new ticket's storage order is known once it is written; until then it
 * sorts after every stored ticket, in the order it was staged (which is the
 * order the multi-row insert gives them).
 */
let provisional = 2 ** 52;

export class QueueStage implements BatchSlot {
  readonly layer: Layer = emptyLayer();
  private rows: Rows = emptyRows();

  constructor(
    private readonly live: LiveQueue,
    private readonly onCommitted: (touched: Touched) => void,
  ) {}

  /** A unit's working view over this stage. */
  work(): QueueWork {
    return new QueueWork(this.live, this.layer);
  }

  /** Keeps a successful unit's changes for the commit. */
  keep(w: QueueWork): void {
    const l = w.layer;
    if (l.config) this.layer.config = l.config;
    if (l.allCounters) {
      this.layer.allCounters = l.allCounters;
      this.layer.counters.clear();
    }
    for (const [id, c] of l.counters) this.layer.counters.set(id, c);
    for (const [id, t] of l.tickets) this.layer.tickets.set(id, t);
    const r = w.rows;
    this.rows.inserted.push(...r.inserted);
    for (const id of r.updated) this.rows.updated.add(id);
    for (const [id, at] of r.counters) this.rows.counters.set(id, at);
    this.rows.events.push(...r.events);
    this.rows.audits.push(...r.audits);
  }

  /** Writes the staged rows of every unit so far: one statement per table. */
  async flush(q: Executor): Promise<void> {
    const r = this.rows;
    this.rows = emptyRows();
    if (r.inserted.length > 0) {
      const rowids = await insertTickets(
        q,
        r.inserted.map((id) => this.layer.tickets.get(id)!),
      );
      r.inserted.forEach((id, i) => {
        this.layer.tickets.get(id)!.rowid = rowids[i]!;
        r.updated.delete(id);
      });
    }
    if (r.updated.size > 0)
      await updateTickets(
        q,
        [...r.updated].map((id) => this.layer.tickets.get(id)!),
      );
    if (r.events.length > 0) await insertTicketEvents(q, r.events);
    if (r.audits.length > 0) await insertAudits(q, r.audits);
    if (r.counters.size > 0) {
      await updateCounterStates(
        q,
        [...r.counters].map(([id, changedAt]) => ({
          counter: this.layer.counters.get(id) ?? this.layer.allCounters!.get(id)!,
          changedAt,
        })),
      );
    }
  }

  committed(): void {
    const change: QueueChange = {
      ...(this.layer.config ? { config: this.layer.config } : {}),
      ...(this.layer.allCounters ? { allCounters: [...this.layer.allCounters.values()] } : {}),
      counters: [...this.layer.counters.values()],
      tickets: [...this.layer.tickets.values()],
    };
    this.onCommitted(applyChange(this.live, change));
  }
}

/** What a unit did that other systems hear of (webhook events), in order. */
type TicketNotice = 'ticket.issued' | 'ticket.called' | 'ticket.finished' | 'ticket.skipped';
type Notice =
  | { event: TicketNotice; ticketId: string; at: Date; recall?: boolean }
  | { event: 'counter.opened' | 'counter.closed'; counterId: number; at: Date };

const TICKET_NOTICES: Record<string, TicketNotice | undefined> = {
  issued: 'ticket.issued',
  called: 'ticket.called',
  recalled: 'ticket.called',
  finished: 'ticket.finished',
  skipped: 'ticket.skipped',
};

/** One unit's view: reads through its own changes, the stage, then the live queue. */
export class QueueWork {
  readonly layer: Layer = emptyLayer();
  readonly rows: Rows = emptyRows();
  private readonly notices: Notice[] = [];

  constructor(
    private readonly live: LiveQueue,
    private readonly stage: Layer,
  ) {}

  get day(): string {
    return this.live.day;
  }

  get config(): QueueConfig {
    return this.layer.config ?? this.stage.config ?? this.live.config;
  }

  get office(): Office {
    return this.config.office;
  }

  field(id: number): Field | undefined {
    return this.config.fields.get(id);
  }

  ticket(id: string): LiveTicket | undefined {
    return this.layer.tickets.get(id) ?? this.stage.tickets.get(id) ?? this.live.tickets.get(id);
  }

  counter(id: number): Counter | undefined {
    const own = this.layer.counters.get(id) ?? this.layer.allCounters?.get(id);
    if (own || this.layer.allCounters) return own;
    const staged = this.stage.counters.get(id) ?? this.stage.allCounters?.get(id);
    if (staged || this.stage.allCounters) return staged;
    return this.live.counters.get(id);
  }

  counters(): Counter[] {
    const ids = new Set<number>([
      ...(this.layer.allCounters?.keys() ??
        this.stage.allCounters?.keys() ?? [...this.live.counters.keys(), ...this.stage.counters.keys()]),
      ...this.layer.counters.keys(),
    ]);
    return [...ids].map((id) => this.counter(id)).filter((c): c is Counter => c !== undefined);
  }

  counterOfClerk(clerkId: number): Counter | undefined {
    const staged =
      this.layer.counters.size + this.stage.counters.size > 0 || this.layer.allCounters || this.stage.allCounters;
    if (!staged) {
      const id = this.live.counterOfClerk.get(clerkId);
      return id === undefined ? undefined : this.live.counters.get(id);
    }
    return this.counters().find((c) => c.clerkId === clerkId);
  }

  /** The next seq of a field's service day (unique and gap-free: the transaction runs alone). */
  nextSeq(fieldId: number): number {
    let max = this.live.issued.get(fieldId) ?? 0;
    for (const l of [this.stage, this.layer]) {
      for (const t of l.tickets.values()) {
        if (t.originFieldId === fieldId && t.serviceDay === this.live.day) max = Math.max(max, t.seq);
      }
    }
    return max + 1;
  }

  ticketForKey(key: string): string | undefined {
    for (const l of [this.layer, this.stage]) {
      for (const t of l.tickets.values()) if (t.idempotencyKey === key && t.serviceDay === this.live.day) return t.id;
    }
    return this.live.idempotency.get(key);
  }

  /** Waiting tickets the counter may call, in calling order, as they will be after this unit. */
  candidates(counter: Counter): LiveTicket[] {
    const changed = new Set([...this.stage.tickets.keys(), ...this.layer.tickets.keys()]);
    const out = candidatesOf(this.live, counter).filter((t) => !changed.has(t.id));
    for (const id of changed) {
      const t = this.ticket(id)!;
      if (t.status !== 'waiting' || t.serviceDay !== this.live.day) continue;
      const mine = t.targetCounterId === null ? counter.fieldIds.includes(t.fieldId) : t.targetCounterId === counter.id;
      if (mine) out.push(t);
    }
    return out.sort(compareQueued);
  }

  /**
   * How many wait ahead of a new ticket of a field's common queue: every
   * waiting one for a normal ticket (priority ones go first too), the
   * waiting priority ones for a priority ticket (domain/queue.ts waitingAhead).
   */
  waitingAheadOfNew(fieldId: number, priority: boolean): number {
    const changed = new Set([...this.stage.tickets.keys(), ...this.layer.tickets.keys()]);
    let n = 0;
    const counts = (t: LiveTicket) =>
      t.status === 'waiting' &&
      t.serviceDay === this.live.day &&
      t.fieldId === fieldId &&
      t.targetCounterId === null &&
      (!priority || t.priority !== null);
    for (const t of this.live.waiting.get(fieldId) ?? []) if (!changed.has(t.id) && counts(t)) n += 1;
    for (const id of changed) if (counts(this.ticket(id)!)) n += 1;
    return n;
  }

  /** A new ticket, written with the transaction's other new tickets. */
  insertTicket(t: Omit<LiveTicket, 'rowid'>): void {
    this.layer.tickets.set(t.id, { ...t, rowid: provisional++ });
    this.rows.inserted.push(t.id);
  }

  /** A ticket's new state, written before the transaction commits. */
  putTicket(t: LiveTicket): void {
    this.layer.tickets.set(t.id, t);
    this.rows.updated.add(t.id);
  }

  /** A counter's new queue state; `statusSince` moves only when its status changes. */
  putCounter(c: Counter, at: Date): void {
    const before = this.counter(c.id);
    c.statusSince = before && before.status === c.status && before.statusSince ? before.statusSince : at;
    if (before && (before.status === 'closed') !== (c.status === 'closed')) {
      this.notices.push({ event: c.status === 'closed' ? 'counter.closed' : 'counter.opened', counterId: c.id, at });
    }
    this.layer.counters.set(c.id, c);
    this.rows.counters.set(c.id, at);
  }

  /** A line of the ticket's history (ticket_events). */
  event(e: TicketEventRow): void {
    this.rows.events.push(e);
    const notice = TICKET_NOTICES[e.kind];
    if (notice) {
      this.notices.push({
        event: notice,
        ticketId: e.ticketId,
        at: e.at,
        ...(notice === 'ticket.called' ? { recall: e.kind === 'recalled' } : {}),
      });
    }
  }

  /**
   * The unit's webhook events, with the tickets and counters as the unit
   * left them (called when the unit succeeded, to go to the outbox).
   */
  outboxEvents(wanted: (event: string) => boolean): OutboxEvent[] {
    const notices = this.notices.filter((n) => wanted(n.event));
    if (notices.length === 0) return [];
    const tz = this.office.timeZone;
    const iso = (d: Date | null) => (d ? toIsoWithOffset(d, tz) : null);
    const counterRef = (id: number | null) => {
      const c = id === null ? undefined : this.counter(id);
      return c ? { id: c.id, number: c.number, name: c.name } : null;
    };
    const clerkRef = (id: number | null) => {
      const c = id === null ? undefined : this.config.clerks.get(id);
      return c ? { id: c.id, fullName: c.fullName } : null;
    };
    return notices.map((n): OutboxEvent => {
      if ('counterId' in n) {
        const c = this.counter(n.counterId)!;
        return {
          event: n.event,
          occurredAt: n.at,
          data: { counter: { ...counterRef(c.id)!, status: c.status }, clerk: clerkRef(c.clerkId) },
        };
      }
      const t = this.ticket(n.ticketId)!;
      const field = this.field(t.fieldId);
      return {
        event: n.event,
        occurredAt: n.at,
        data: {
          ticket: {
            id: t.id,
            number: t.number,
            fieldId: t.fieldId,
            fieldCode: field?.code ?? null,
            fieldName: field?.name ?? null,
            priority: t.priority,
            status: t.status,
            serviceDay: t.serviceDay,
            issuedAt: iso(t.issuedAt),
            calledAt: iso(t.calledAt),
            finishedAt: iso(t.finishedAt),
            skippedAt: iso(t.skippedAt),
            recallCount: t.recallCount,
          },
          counter: counterRef(t.counterId),
          clerk: clerkRef(t.clerkId),
          ...(n.recall !== undefined ? { recall: n.recall } : {}),
        },
      };
    });
  }

  /** A line of the audit log. */
  audit(entry: AuditEntry, at: Date): void {
    this.rows.audits.push({ entry, at });
  }

  /** The admin changed what the queue is configured with: everything reloaded from storage. */
  replaceConfig(config: QueueConfig, counters: Counter[]): void {
    this.layer.config = config;
    this.layer.allCounters = new Map(counters.map((c) => [c.id, c]));
    this.layer.counters.clear();
  }
}
