/**
 * What happened, after it was committed. Services publish here; the socket
 * layer turns it into room broadcasts. Keeps services free of socket.io.
 */
import { EventEmitter } from 'node:events';
import type { PrinterStatusDto } from '../protocol/dto';
import type { Touched } from '../domain/live-queue';
import type { AlertDto } from '../protocol/hall';

export interface BusEvents {
  /** A committed change of the live queue: the fields, counters and tickets it touched. */
  'queue:touched': [touched: Touched];
  /** A ticket was rated (its `rated` flag changed). */
  'rating:created': [ticketId: string];
  /** A ticket was issued, moved, skipped or finished: queue counts changed. */
  'queue:changed': [];
  /** A counter's state changed (status, clerk, current ticket). */
  'counter:changed': [counterId: number];
  /** A ticket was called or recalled at a counter. */
  'ticket:called': [ticketId: string, counterId: number, recall: boolean];
  /** A counter finished a ticket: its rating pad asks. */
  'rating:requested': [ticketId: string, counterId: number];
  /** A kiosk printer's state or pending count changed. */
  'printer:status': [status: PrinterStatusDto];
  /** A dossier was received or changed status (reports, lookups). */
  'dossier:changed': [dossierId: number];
  /** A device key was revoked: its live sockets are dropped. */
  'device:revoked': [deviceId: number];
  /** A device was moved (a rating pad to another counter): its sockets follow. */
  'device:moved': [deviceId: number];
  /** A staff member was disabled or their password reset: their live sockets are dropped. */
  'staff:signed-out': [staffId: number];
  /** A staff session was logged out (by its token's SHA-256): the sockets opened with it are dropped. */
  'session:ended': [tokenHash: string];
  /** The admin changed the boards' settings (office-wide or one board's). */
  'display:changed': [];
  /** An alert was raised (committed): the hall, the clerks concerned, a webhook. */
  'alert:raised': [alert: AlertDto];
  /** An alert's condition stopped holding. */
  'alert:cleared': [alert: AlertDto];
  /** A person acknowledged an alert. */
  'alert:acknowledged': [alert: AlertDto];
  /** The open alerts of these counters' clerks changed. */
  'alerts:changed': [counterIds: number[]];
  /** Something the hall shows changed beyond the queue (alerts, ratings, dossiers, the minutes). */
  'hall:changed': [];
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<K extends keyof BusEvents>(event: K, ...args: BusEvents[K]): void {
    this.emitter.emit(event, ...args);
  }
  on<K extends keyof BusEvents>(event: K, listener: (...args: BusEvents[K]) => void): () => void {
    this.emitter.on(event, listener as (...a: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...a: unknown[]) => void);
  }
}
