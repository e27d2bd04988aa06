/**
 * In-process print queue, one FIFO per printer.
 *
 * A ticket the citizen was promised must come out of the printer, so a job
 * is never dropped silently: it stays pending until the printer takes it or
 * someone cancels it, and a failing printer is retried with backoff. Each
 * printer reports a status (`ok` | `offline` | `error`, last error with its
 * time, pending count) through `status()` and the `onStatus` callback, so
 * the kiosk and the admin page can say "printer offline, 3 tickets waiting".
 *
 * Pending jobs can survive a restart through the injected `persist` store
 * (the server backs it with its database; no SQL here) and `restore()`.
 * Clock, timers, backoff, ids and the transport are injectable for tests.
 */
import { randomUUID } from 'node:crypto';
import type { PaperState } from './status';
import { OFFLINE_CODES, PrinterError, sendToPrinter, type PrinterAddress, type SendResult } from './transport';

export interface PrintJobError {
  code: string;
  message: string;
  at: Date;
}

export interface PrintJob {
  id: string;
  printerId: string;
  data: Uint8Array;
  createdAt: Date;
  /** Send attempts so far. */
  attempts: number;
  /** What it is, for people ("ticket A012"). */
  label?: string;
  lastError?: PrintJobError;
}

/** Where pending jobs are kept across restarts. `save` is an upsert. */
export interface PrintJobStore {
  save(job: PrintJob): void | Promise<void>;
  remove(jobId: string): void | Promise<void>;
}

/**
 * `paper-out` / `cover-open`: the printer said so, its jobs are held until
 * it says otherwise; `paper-low`: it prints, but the roll is nearly done.
 */
export type PrinterState = 'ok' | 'offline' | 'error' | 'paper-low' | 'paper-out' | 'cover-open';

/** Error codes of a printer that answered "I cannot print now": its jobs are held, not failed. */
const HELD_STATES: Readonly<Record<string, PrinterState>> = {
  PRINTER_PAPER_OUT: 'paper-out',
  PRINTER_COVER_OPEN: 'cover-open',
  PRINTER_FAULT: 'error',
};

/** A held printer is asked again at least this often, so paper put back prints soon. */
export const HELD_RETRY_MS = 5000;

export interface PrinterStatus {
  printerId: string;
  /** `offline`: not reachable (refused, timeout, unplugged); `error`: reachable but failing. */
  state: PrinterState;
  pending: number;
  lastError: PrintJobError | null;
  lastPrintedAt: Date | null;
  nextRetryAt: Date | null;
}

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PrintQueueOptions {
  /** Transport; default {@link sendToPrinter}. */
  send?: (address: PrinterAddress, data: Uint8Array, printerId: string) => Promise<SendResult | void>;
  now?: () => Date;
  scheduler?: Scheduler;
  /** Delay before retry number `failures` (1-based, consecutive failures of the printer). */
  backoffMs?: (failures: number) => number;
  persist?: PrintJobStore;
  onStatus?: (status: PrinterStatus) => void;
  /** Failures of the persist store (the job itself stays queued in memory). */
  onPersistError?: (error: unknown, job: PrintJob) => void;
  newId?: () => string;
}

/** 1 s, 2 s, 4 s … capped at 60 s. */
export function defaultBackoffMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
}

const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface PrinterEntry {
  id: string;
  address: PrinterAddress;
  jobs: PrintJob[];
  state: PrinterState;
  lastError: PrintJobError | null;
  lastPrintedAt: Date | null;
  failures: number;
  busy: boolean;
  timer: unknown;
  nextRetryAt: Date | null;
  idleWaiters: Array<() => void>;
  lastEmitted: string;
}

export class PrintQueue {
  private readonly printers = new Map<string, PrinterEntry>();
  /** Callers waiting for the outcome of a job's next attempt. */
  private readonly attemptWaiters = new Map<string, Array<(printed: boolean) => void>>();
  private readonly send: (address: PrinterAddress, data: Uint8Array, printerId: string) => Promise<SendResult | void>;
  private readonly now: () => Date;
  private readonly scheduler: Scheduler;
  private readonly backoffMs: (failures: number) => number;
  private readonly newId: () => string;
  private closed = false;

  constructor(private readonly options: PrintQueueOptions = {}) {
    this.send = options.send ?? ((address, data) => sendToPrinter(address, data));
    this.now = options.now ?? (() => new Date());
    this.scheduler = options.scheduler ?? realScheduler;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.newId = options.newId ?? randomUUID;
  }

  /** Adds a printer or changes its address (pending jobs then go to the new address). */
  setPrinter(printerId: string, address: PrinterAddress): void {
    const existing = this.printers.get(printerId);
    if (existing) {
      existing.address = address;
      this.retryNow(printerId);
      return;
    }
    this.printers.set(printerId, {
      id: printerId,
      address,
      jobs: [],
      state: 'ok',
      lastError: null,
      lastPrintedAt: null,
      failures: 0,
      busy: false,
      timer: null,
      nextRetryAt: null,
      idleWaiters: [],
      lastEmitted: '',
    });
  }

  /**
   * Queues bytes for a printer. Resolves once the job is stored (when a
   * persist store is set), before it is printed.
   */
  async enqueue(printerId: string, data: Uint8Array, meta: { label?: string } = {}): Promise<PrintJob> {
    const printer = this.printer(printerId);
    const job: PrintJob = {
      id: this.newId(),
      printerId,
      data,
      createdAt: this.now(),
      attempts: 0,
      ...(meta.label !== undefined ? { label: meta.label } : {}),
    };
    await this.options.persist?.save(job);
    printer.jobs.push(job);
    this.emit(printer);
    void this.pump(printer);
    return job;
  }

  /**
   * Puts back jobs loaded from the persist store after a restart (oldest
   * first). Jobs of unknown printers are rejected so nothing disappears
   * unnoticed: add the printer first.
   */
  restore(jobs: readonly PrintJob[]): void {
    const sorted = [...jobs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const touched = new Set<PrinterEntry>();
    for (const job of sorted) {
      const printer = this.printer(job.printerId);
      if (printer.jobs.some((j) => j.id === job.id)) continue;
      printer.jobs.push({ ...job });
      touched.add(printer);
    }
    for (const printer of touched) {
      this.emit(printer);
      void this.pump(printer);
    }
  }

  /** Cancels a pending job. A job already being sent may still come out. */
  async cancel(jobId: string): Promise<boolean> {
    for (const printer of this.printers.values()) {
      const index = printer.jobs.findIndex((j) => j.id === jobId);
      if (index < 0) continue;
      const [job] = printer.jobs.splice(index, 1);
      if (job) await this.removeStored(job);
      this.emit(printer);
      this.notifyIdle(printer);
      return true;
    }
    return false;
  }

  status(printerId: string): PrinterStatus {
    const p = this.printer(printerId);
    return {
      printerId: p.id,
      state: p.state,
      pending: p.jobs.length,
      lastError: p.lastError,
      lastPrintedAt: p.lastPrintedAt,
      nextRetryAt: p.nextRetryAt,
    };
  }

  statuses(): PrinterStatus[] {
    return [...this.printers.keys()].map((id) => this.status(id));
  }

  pendingJobs(printerId: string): PrintJob[] {
    return this.printer(printerId).jobs.map((job) => ({ ...job }));
  }

  /** Skips the backoff wait (e.g. "retry now" button, printer reconnected). */
  retryNow(printerId: string): void {
    const p = this.printer(printerId);
    if (p.timer !== null) {
      this.scheduler.clearTimeout(p.timer);
      p.timer = null;
      p.nextRetryAt = null;
    }
    void this.pump(p);
  }

  /**
   * Drops pending jobs (staff chose not to print them, e.g. tickets already
   * called while the printer was out of paper): the given ids, or all.
   * Answers how many were dropped. As with {@link cancel}, a job whose
   * send is under way (a held printer being asked again) may still come out.
   */
  async drop(printerId: string, jobIds?: readonly string[]): Promise<number> {
    const p = this.printer(printerId);
    const dropped = p.jobs.filter((j) => jobIds === undefined || jobIds.includes(j.id));
    p.jobs = p.jobs.filter((j) => !dropped.includes(j));
    for (const job of dropped) await this.removeStored(job);
    this.emit(p);
    this.notifyIdle(p);
    return dropped.length;
  }

  /**
   * What an idle check found (the print service asks idle printers now and
   * then, so a printer out of paper is seen before a citizen presses).
   * Ignored while jobs are pending: their sends report the state then.
   */
  reportProbe(printerId: string, result: { status: PaperState | null } | { error: PrinterError }): void {
    const p = this.printer(printerId);
    if (p.busy || p.jobs.length > 0) return;
    if ('error' in result) {
      const code = result.error.code;
      p.state = OFFLINE_CODES.has(code) ? 'offline' : 'error';
      p.lastError = { code, message: result.error.message, at: this.now() };
    } else {
      const status = result.status;
      if (status === null) return;
      p.state = status;
      if (status === 'paper-out' || status === 'cover-open' || status === 'error') {
        const code =
          status === 'paper-out'
            ? 'PRINTER_PAPER_OUT'
            : status === 'cover-open'
              ? 'PRINTER_COVER_OPEN'
              : 'PRINTER_FAULT';
        p.lastError = { code, message: `printer reports ${status}`, at: this.now() };
      }
    }
    this.emit(p);
  }

  /** Whether the printer has nothing to send and nothing being sent. */
  isIdle(printerId: string): boolean {
    const p = this.printer(printerId);
    return !p.busy && p.jobs.length === 0;
  }

  /**
   * Resolves after the job's next send attempt: true when it was printed
   * (or is no longer pending), false when the attempt failed and the job
   * waits for a retry. For callers that answer a person at once (a clerk's
   * receipt) while the queue keeps retrying.
   */
  nextAttempt(jobId: string): Promise<boolean> {
    const pending = [...this.printers.values()].some((p) => p.jobs.some((j) => j.id === jobId));
    if (!pending) return Promise.resolve(true);
    return new Promise((resolve) => {
      const list = this.attemptWaiters.get(jobId) ?? [];
      list.push(resolve);
      this.attemptWaiters.set(jobId, list);
    });
  }

  /** Resolves when the printer has no pending job. */
  whenIdle(printerId: string): Promise<void> {
    const p = this.printer(printerId);
    if (p.jobs.length === 0 && !p.busy) return Promise.resolve();
    return new Promise((resolve) => p.idleWaiters.push(resolve));
  }

  /** Stops retry timers; pending jobs stay in the persist store. */
  close(): void {
    this.closed = true;
    for (const p of this.printers.values()) {
      if (p.timer !== null) this.scheduler.clearTimeout(p.timer);
      p.timer = null;
    }
  }

  /**
   * Resolves when no job is being sent (after `close`): a send still under
   * way records its outcome in the store before the database closes, so a
   * slip printed at the last moment is not printed again after a restart.
   */
  async settled(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  private printer(printerId: string): PrinterEntry {
    const p = this.printers.get(printerId);
    if (!p) throw new Error(`unknown printer: ${printerId}`);
    return p;
  }

  private readonly sending = new Set<Promise<void>>();

  private pump(p: PrinterEntry): Promise<void> {
    const run = this.pumpOnce(p);
    this.sending.add(run);
    void run.finally(() => this.sending.delete(run));
    return run;
  }

  private async pumpOnce(p: PrinterEntry): Promise<void> {
    if (this.closed || p.busy || p.timer !== null) return;
    const job = p.jobs[0];
    if (!job) {
      this.notifyIdle(p);
      return;
    }
    p.busy = true;
    job.attempts += 1;
    let failed = false;
    let held = false;
    try {
      const result = await this.send(p.address, job.data, p.id);
      const index = p.jobs.findIndex((j) => j.id === job.id);
      if (index >= 0) p.jobs.splice(index, 1);
      p.state = result?.status === 'paper-low' ? 'paper-low' : 'ok';
      p.failures = 0;
      p.lastPrintedAt = this.now();
      await this.removeStored(job);
    } catch (err) {
      failed = true;
      const code = err instanceof PrinterError ? err.code : 'PRINTER_IO';
      const error: PrintJobError = {
        code,
        message: err instanceof Error ? err.message : String(err),
        at: this.now(),
      };
      const heldState = HELD_STATES[code];
      held = heldState !== undefined;
      p.state = heldState ?? (err instanceof PrinterError && OFFLINE_CODES.has(err.code) ? 'offline' : 'error');
      p.lastError = error;
      job.lastError = error;
      p.failures += 1;
      if (p.jobs.includes(job)) await this.saveStored(job);
    } finally {
      p.busy = false;
    }
    const waiters = this.attemptWaiters.get(job.id);
    if (waiters) {
      this.attemptWaiters.delete(job.id);
      for (const resolve of waiters) resolve(!failed);
    }
    if (failed && !this.closed && p.jobs.length > 0) {
      const backoff = this.backoffMs(p.failures);
      const delay = held ? Math.min(backoff, HELD_RETRY_MS) : backoff;
      p.nextRetryAt = new Date(this.now().getTime() + delay);
      p.timer = this.scheduler.setTimeout(() => {
        p.timer = null;
        p.nextRetryAt = null;
        void this.pump(p);
      }, delay);
    }
    this.emit(p);
    if (!failed) void this.pump(p);
    else this.notifyIdle(p);
  }

  private notifyIdle(p: PrinterEntry): void {
    if (p.jobs.length > 0 || p.busy) return;
    const waiters = p.idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }

  private async saveStored(job: PrintJob): Promise<void> {
    try {
      await this.options.persist?.save(job);
    } catch (err) {
      this.options.onPersistError?.(err, job);
    }
  }

  private async removeStored(job: PrintJob): Promise<void> {
    try {
      await this.options.persist?.remove(job.id);
    } catch (err) {
      this.options.onPersistError?.(err, job);
    }
  }

  /** Calls onStatus when something a person would see has changed. */
  private emit(p: PrinterEntry): void {
    const status = this.status(p.id);
    const key = JSON.stringify({ ...status, nextRetryAt: null });
    if (key === p.lastEmitted) return;
    p.lastEmitted = key;
    this.options.onStatus?.(status);
  }
}
