import type { Batch, Database, Executor } from '../db/database';
import type { EventBus } from './event-bus';
import type { Outbox } from './outbox';

/** What every service gets: the database, the clock and the event bus. */
export interface ServiceContext {
  db: Database;
  bus: EventBus;
  /** The time now; tests pass a fixed or stepping clock. */
  clock: () => Date;
  /**
   * Set by the queue service: a transaction that changed the office,
   * fields, counters or staff calls it before it ends, so the live queue
   * reloads them from that transaction and takes them when it commits.
   */
  queueConfigChanged?: (q: Executor, batch: Batch) => Promise<void>;
  /** Webhook events are staged here inside the transaction of their change (services/outbox.ts). */
  outbox?: Outbox;
}
