/**
 * The outbox: events written in the transaction of the change they report.
 *
 * A unit of the group commit stages its events here (`stageEvents`); they
 * are written with the batch's other rows before COMMIT (one statement for
 * the events and one for their deliveries), dropped when the unit fails,
 * and once the transaction has committed the webhook dispatcher is woken.
 * So a crash can neither send an event of an uncommitted change nor forget
 * one of a committed change: the delivery rows are the dispatcher's queue.
 */
import type { Batch, BatchSlot, Database, Executor } from '../db/database';
import { insertOutboxEvents, listWebhooks, type OutboxEvent } from '../db/queries/integration';

const SLOT = 'outbox';

class OutboxStage implements BatchSlot {
  private rows: OutboxEvent[] = [];
  private unit: OutboxEvent[] | null = null;
  private wrote = false;

  constructor(private readonly onCommitted: () => void) {}

  /** Events of the unit running now: kept when it succeeds, dropped when it is rolled back. */
  add(batch: Batch, events: readonly OutboxEvent[]): void {
    if (!this.unit) {
      const unit: OutboxEvent[] = [];
      this.unit = unit;
      batch.onUnitEnd((ok) => {
        if (ok) this.rows.push(...unit);
        this.unit = null;
      });
    }
    this.unit.push(...events);
  }

  /** Events of a unit that already succeeded (called from its own onUnitEnd). */
  addKept(events: readonly OutboxEvent[]): void {
    this.rows.push(...events);
  }

  async flush(q: Executor): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await insertOutboxEvents(q, rows);
    this.wrote = true;
  }

  committed(): void {
    if (this.wrote) this.onCommitted();
  }
}

export class Outbox {
  /** Called after a transaction that wrote events has committed (the dispatcher's wake-up). */
  onCommitted: () => void = () => undefined;
  /**
   * The events some active webhook listens to: the others are not written
   * at all (an office without webhooks writes no outbox rows). A superset is
   * harmless (the delivery rows are made from the stored subscriptions).
   */
  private subscribed = new Set<string>();

  wants(event: string): boolean {
    return this.subscribed.has(event);
  }

  /** Before a subscription change commits: listen to its events already (a superset is harmless). */
  widen(events: readonly string[]): void {
    for (const e of events) this.subscribed.add(e);
  }

  /** After a subscription change committed (and at start): exactly what the stored subscriptions listen to. */
  async refresh(db: Database): Promise<void> {
    const hooks = await db.readOne((q) => listWebhooks(q));
    this.subscribed = new Set(hooks.filter((h) => h.active).flatMap((h) => h.events));
  }

  private stage(batch: Batch): OutboxStage {
    return batch.slot(SLOT, () => new OutboxStage(() => this.onCommitted()));
  }

  /** Inside a unit of `db.tx`: the events are stored with the unit's change, or not at all. */
  stageEvents(batch: Batch, events: readonly OutboxEvent[]): void {
    const wanted = events.filter((e) => this.wants(e.event));
    if (wanted.length > 0) this.stage(batch).add(batch, wanted);
  }

  /** From a unit's own `onUnitEnd(ok)` callback, when ok (the queue's staged units). */
  stageKept(batch: Batch, events: readonly OutboxEvent[]): void {
    const wanted = events.filter((e) => this.wants(e.event));
    if (wanted.length > 0) this.stage(batch).addKept(wanted);
  }
}
