import type { Database } from '../db/database';
import type { EventBus } from './event-bus';

/** What every service gets: the database, the clock and the event bus. */
export interface ServiceContext {
  db: Database;
  bus: EventBus;
  /** The time now; tests pass a fixed or stepping clock. */
  clock: () => Date;
}
