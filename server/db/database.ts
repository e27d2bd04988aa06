/**
 * The storage layer of the server: the embedded SQLite file (the default,
 * one writer and one reader connection) or, with DATABASE_URL, PostgreSQL
 * (server/db/postgres.ts). Every SQL statement of the project lives under
 * server/db/; services call the named functions in the query modules,
 * passing the `Executor` they got from `tx` or `read`, and never learn
 * which engine answers (server/db/dialect.ts holds the differences).
 */
import sqlite3 from 'sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqliteDialect, type Dialect, type StorageKind } from './dialect';

export type SqlParam = string | number | null | bigint | Buffer;
export type SqlParams = readonly SqlParam[] | Record<string, SqlParam>;

/** What a query function needs: run/get/all on the connection it was given. */
export interface Executor {
  /** The engine's few own spellings (server/db/dialect.ts). */
  readonly dialect: Dialect;
  /**
   * `lastID`: the id of the last row an INSERT made (SQLite's rowid, or the
   * identity column PostgreSQL returned); `ids`, where the engine tells
   * them, every inserted id in VALUES order.
   */
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface RunResult {
  changes: number;
  lastID: number;
  ids?: number[];
}

/**
 * Prepared statements kept per connection, keyed by their SQL: a query the
 * server runs again (every ticket, every call) is prepared once, not
 * prepared + run + finalized each time (three trips to sqlite3's thread
 * pool instead of one). Bounded; the least recently used is finalized.
 */
const STATEMENTS_KEPT = 400;
const statementCaches = new WeakMap<sqlite3.Database, Map<string, Promise<sqlite3.Statement>>>();

/** The connection's prepared statement for `sql` (prepared on first use; a statement that fails to prepare is not kept). */
function statementFor(conn: sqlite3.Database, sql: string): Promise<sqlite3.Statement> {
  let cache = statementCaches.get(conn);
  if (!cache) {
    cache = new Map();
    statementCaches.set(conn, cache);
  }
  const kept = cache.get(sql);
  if (kept) {
    // most recently used last
    cache.delete(sql);
    cache.set(sql, kept);
    return kept;
  }
  if (cache.size >= STATEMENTS_KEPT) {
    const [oldest, old] = cache.entries().next().value as [string, Promise<sqlite3.Statement>];
    cache.delete(oldest);
    void old.then(
      (st) => st.finalize(),
      () => undefined,
    );
  }
  const c = cache;
  const prepared = new Promise<sqlite3.Statement>((resolve, reject) => {
    // the callback is the only place a preparation error arrives (queued calls would never be answered)
    const st: sqlite3.Statement = conn.prepare(sql, (err: Error | null) => {
      if (!err) return resolve(st);
      if (c.get(sql) === prepared) c.delete(sql);
      reject(err);
    });
  });
  cache.set(sql, prepared);
  return prepared;
}

async function finalizeStatements(conn: sqlite3.Database): Promise<void> {
  const cache = statementCaches.get(conn);
  statementCaches.delete(conn);
  for (const p of cache?.values() ?? []) {
    const st = await p.catch(() => null);
    if (st) await new Promise<void>((resolve) => st.finalize(() => resolve()));
  }
}

function wrap(conn: sqlite3.Database): Executor {
  return {
    dialect: sqliteDialect,
    run: (sql, params = []) =>
      statementFor(conn, sql).then(
        (stmt) =>
          new Promise((resolve, reject) => {
            stmt.run(params as never, function (this: sqlite3.RunResult, err: Error | null) {
              if (err) reject(err);
              else resolve({ changes: this.changes, lastID: this.lastID });
            });
          }),
      ),
    get: <T>(sql: string, params: SqlParams = []) =>
      statementFor(conn, sql).then(
        (stmt) =>
          new Promise<T | undefined>((resolve, reject) => {
            stmt.get(params as never, (err: Error | null, row: T | undefined) => {
              // a statement stopped on a row holds its read open until reset
              stmt.reset(() => (err ? reject(err) : resolve(row)));
            });
          }),
      ),
    all: <T>(sql: string, params: SqlParams = []) =>
      statementFor(conn, sql).then(
        (stmt) =>
          new Promise<T[]>((resolve, reject) => {
            stmt.all(params as never, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
          }),
      ),
    exec: (sql) =>
      new Promise<void>((resolve, reject) => {
        conn.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
      }),
  };
}

function openConn(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const conn = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(conn)));
  });
}

function closeConn(conn: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => conn.close((err) => (err ? reject(err) : resolve())));
}

interface SqliteBackup {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb: (err: Error | null) => void): void;
}

/** A FIFO mutex: one transaction at a time on a connection. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface PendingUnit {
  fn: (q: Executor, batch: Batch) => Promise<unknown>;
  /** Writes nothing itself: stages rows that a batch slot writes with the others' (one statement for all). */
  staged: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** A burst larger than this is committed in several transactions (bounded latency per commit). */
const MAX_UNITS_PER_COMMIT = 256;

/**
 * One transaction of the group commit, as the units inside it see it. A
 * service that keeps state in memory (the live queue) stages each unit's
 * change here and applies them all once the transaction has committed —
 * never before, and not at all when it fails.
 */
export class Batch {
  private readonly slots = new Map<string, BatchSlot>();
  private readonly unitCallbacks: Array<(ok: boolean) => void> = [];

  /** The state a participant keeps for this transaction (created on first use). */
  slot<S extends BatchSlot>(key: string, create: () => S): S {
    let s = this.slots.get(key) as S | undefined;
    if (!s) {
      s = create();
      this.slots.set(key, s);
    }
    return s;
  }

  /** @internal */
  unitDone(ok: boolean): void {
    for (const cb of this.unitCallbacks.splice(0)) cb(ok);
  }

  /** Called when the current unit ends: `ok` false means its savepoint was rolled back. */
  onUnitEnd(cb: (ok: boolean) => void): void {
    this.unitCallbacks.push(cb);
  }

  /** @internal Writes what the slots staged so far. */
  async flush(q: Executor): Promise<void> {
    for (const s of this.slots.values()) await s.flush?.(q);
  }

  /** @internal */
  committed(): void {
    for (const s of this.slots.values()) s.committed();
  }
}

export interface BatchSlot {
  /** Writes the rows staged since the last flush (before COMMIT, and before a unit that writes for itself). */
  flush?(q: Executor): Promise<void>;
  /** The transaction committed: apply what was staged. */
  committed(): void;
}

/**
 * What the group commit needs from an engine: its one writer connection,
 * how a transaction starts and ends there, and its readers.
 */
export interface Engine {
  readonly kind: StorageKind;
  readonly dialect: Dialect;
  /** The SQLite file, or null (PostgreSQL). */
  readonly file: string | null;
  /** PostgreSQL: the schema of its tables. */
  readonly schema?: string;
  writer(): Executor;
  /** Opens the group-commit transaction on the writer. */
  begin(q: Executor): Promise<void>;
  /** Commits it; rejects when the engine rolled back instead (nothing is stored). */
  commit(q: Executor): Promise<void>;
  read<T>(fn: (q: Executor) => Promise<T>): Promise<T>;
  readOne<T>(fn: (q: Executor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding the engine's start-up lock: two processes
   * starting at once on one PostgreSQL database migrate and seed one after
   * the other (SQLite: one process owns the file, nothing to lock).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** A consistent copy of the whole database into a file (SQLite only). */
  backupTo?(destFile: string): Promise<void>;
  /** PostgreSQL: creates a schema (a province's new office) if it is not there. */
  createSchema?(name: string): Promise<void>;
  /** PostgreSQL: which process holds each office's lock now (`pg_locks`, by lock key), and which processes are connected. */
  clusterState?(): Promise<ClusterState>;
  close(): Promise<void>;
}

class SqliteEngine implements Engine {
  readonly kind = 'sqlite';
  readonly dialect = sqliteDialect;
  private readonly readMutex = new Mutex();

  constructor(
    readonly file: string,
    private readonly writerConn: sqlite3.Database,
    private readonly reader: sqlite3.Database,
  ) {}

  writer(): Executor {
    return wrap(this.writerConn);
  }

  begin(q: Executor): Promise<void> {
    return q.exec('BEGIN IMMEDIATE');
  }

  commit(q: Executor): Promise<void> {
    return q.exec('COMMIT');
  }

  read<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.readMutex.lock(async () => {
      const q = wrap(this.reader);
      await q.exec('BEGIN');
      try {
        return await fn(q);
      } finally {
        await q.exec('COMMIT').catch(() => undefined);
      }
    });
  }

  readOne<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.readMutex.lock(() => fn(wrap(this.reader)));
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  backupTo(destFile: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // sqlite3 has Database#backup, but its typings do not declare it.
      const source = this.writerConn as unknown as {
        backup(file: string, cb: (err: Error | null) => void): SqliteBackup;
      };
      const backup = source.backup(destFile, (err: Error | null) => {
        if (err) return reject(err);
        backup.step(-1, (stepErr: Error | null) => {
          if (stepErr) return reject(stepErr);
          backup.finish((finishErr: Error | null) => (finishErr ? reject(finishErr) : resolve()));
        });
      });
    });
  }

  async close(): Promise<void> {
    await finalizeStatements(this.reader);
    await finalizeStatements(this.writerConn);
    await closeConn(this.reader);
    await closeConn(this.writerConn);
  }
}

/** Another process holds the office's lock (it owns that office's live queue): PostgreSQL's `lock` option. */
export class OfficeLockTaken extends Error {
  constructor(readonly lockKey: number) {
    super(`office ${lockKey} is owned by another process`);
    this.name = 'OfficeLockTaken';
  }
}

/** Who holds which office's lock, and which server processes are connected (PostgreSQL). */
export interface ClusterState {
  locks: Array<{ key: number; owner: string }>;
  connected: string[];
}

/** Connection options of PostgreSQL mode. */
export interface PostgresOptions {
  /** Tables live in this schema (search_path); tests use a fresh one each. */
  schema?: string;
  /** Reader connections of the pool this process shares between its databases on that address (default 4). */
  readers?: number;
  /** `application_name` of the connections (the cluster names its node there). */
  applicationName?: string;
  /**
   * Take the office's advisory lock on the writer connection (session-level:
   * it goes when the connection or the process goes). Not taken: the
   * connect rejects with `OfficeLockTaken`. Lost and not re-taken after a
   * reconnect: `onLost` is called and no transaction runs any more.
   */
  lock?: { key: number; onLost: () => void };
}

export class Database {
  private readonly pending: PendingUnit[] = [];
  private draining = false;
  private readonly writeMutex = new Mutex();

  /** @internal use `Database.open` or `Database.connect` */
  constructor(private readonly engine: Engine) {}

  /** PostgreSQL: the schema its tables live in; null for the SQLite file. */
  get schema(): string | null {
    return this.engine.schema ?? null;
  }

  /** 'sqlite' (the default, one file) or 'postgres' (DATABASE_URL). */
  get kind(): StorageKind {
    return this.engine.kind;
  }

  get dialect(): Dialect {
    return this.engine.dialect;
  }

  /** The SQLite file, or null in PostgreSQL mode. */
  get file(): string | null {
    return this.engine.file;
  }

  /**
   * Opens (creating if needed) the database file with one writer and one
   * reader connection. WAL lets the reader see the last committed state
   * while the writer works.
   */
  static async open(file: string): Promise<Database> {
    mkdirSync(dirname(file), { recursive: true });
    const writer = await openConn(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    const w = wrap(writer);
    await w.exec('PRAGMA journal_mode = WAL');
    // FULL, not NORMAL: a ticket number is handed to a citizen the moment
    // its insert commits; after a power cut the same number must not be
    // issued again, so each commit is fsynced before we answer.
    await w.exec('PRAGMA synchronous = FULL');
    await w.exec('PRAGMA foreign_keys = ON');
    await w.exec('PRAGMA busy_timeout = 5000');
    const reader = await openConn(file, sqlite3.OPEN_READONLY);
    const r = wrap(reader);
    await r.exec('PRAGMA foreign_keys = ON');
    await r.exec('PRAGMA busy_timeout = 5000');
    return new Database(new SqliteEngine(file, writer, reader));
  }

  /**
   * Connects to PostgreSQL (`postgres://…`): one writer connection that
   * runs the group commit, a few readers. The driver is loaded only here,
   * so the SQLite default never loads it.
   */
  static async connect(url: string, opts: PostgresOptions = {}): Promise<Database> {
    const { PostgresEngine } = await import('./postgres');
    return new Database(await PostgresEngine.connect(url, opts));
  }

  /** PostgreSQL: a new office's schema (SQLite: an office is a file of its own, nothing to create here). */
  async createSchema(name: string): Promise<void> {
    const create = this.engine.createSchema?.bind(this.engine);
    if (!create) throw new Error('createSchema: PostgreSQL only');
    // between the group commit's transactions, not inside one
    await this.writeMutex.lock(() => create(name));
  }

  /** PostgreSQL: the offices' lock holders (the node id of the process holding each) and the processes connected. */
  async clusterState(): Promise<ClusterState> {
    return this.engine.clusterState ? this.engine.clusterState() : { locks: [], connected: [] };
  }

  /**
   * Runs `fn` as one unit of work in a transaction on the writer connection
   * (SQLite: `BEGIN IMMEDIATE`), and resolves only after that transaction
   * committed: callers acknowledge and broadcast only after this returns.
   *
   * Group commit: units submitted while a transaction is being written wait
   * and then share the next one (each inside its own SAVEPOINT, so a unit
   * that throws is rolled back alone), and one COMMIT — one fsync — answers
   * them all. A `staged` unit writes nothing itself: it stages its rows in a
   * batch slot, which writes the rows of all such units with one statement
   * per table (multi-row) before the COMMIT. Alone, a unit runs at once; under a burst (200 kiosks at
   * once) the fsync is shared instead of queued. Units run one after
   * another, so "next number + insert" stays atomic.
   */
  tx<T>(fn: (q: Executor, batch: Batch) => Promise<T>, opts: { staged?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, staged: opts.staged ?? false, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const units = this.pending.splice(0, MAX_UNITS_PER_COMMIT);
        await this.writeMutex.lock(() => this.runBatch(units));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(units: PendingUnit[]): Promise<void> {
    const q = this.engine.writer();
    const batch = new Batch();
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.engine.begin(q);
    } catch (err) {
      for (const u of units) u.reject(err);
      return;
    }
    try {
      for (const u of units) {
        if (u.staged) {
          // decides and stages its rows (written below, with the others'): nothing to roll back alone
          try {
            results.push({ ok: true, value: await u.fn(q, batch) });
            batch.unitDone(true);
          } catch (error) {
            batch.unitDone(false);
            results.push({ ok: false, error });
          }
          continue;
        }
        // a unit that writes for itself sees every staged row before it
        await batch.flush(q);
        const alone = units.length === 1;
        try {
          if (!alone) await q.exec('SAVEPOINT unit');
          const value = await u.fn(q, batch);
          if (!alone) await q.exec('RELEASE unit');
          batch.unitDone(true);
          results.push({ ok: true, value });
        } catch (error) {
          batch.unitDone(false);
          if (!alone) {
            await q.exec('ROLLBACK TO unit').catch(() => undefined);
            await q.exec('RELEASE unit').catch(() => undefined);
          }
          results.push({ ok: false, error });
        }
      }
      await batch.flush(q);
      if (results.some((r) => r.ok)) await this.engine.commit(q);
      // all failed: roll back what is left (an error may already have ended the transaction)
      else await q.exec('ROLLBACK').catch(() => undefined);
    } catch (err) {
      await q.exec('ROLLBACK').catch(() => undefined);
      // nothing of this transaction is stored: nobody is told it was
      for (const u of units) u.reject(err);
      return;
    }
    if (results.some((r) => r.ok)) batch.committed();
    units.forEach((u, i) => {
      const r = results[i]!;
      if (r.ok) u.resolve(r.value);
      else u.reject(r.error);
    });
  }

  /** Runs `fn` on a reader connection inside one read transaction (a consistent snapshot). */
  read<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.engine.read(fn);
  }

  /**
   * One statement on a reader connection, without BEGIN/COMMIT around it
   * (a single SELECT is a consistent snapshot by itself): the lookups every
   * request makes (its session, its device key).
   */
  readOne<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.engine.readOne(fn);
  }

  /** Statements outside a transaction (migrations manage their own). */
  withWriter<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.writeMutex.lock(() => fn(this.engine.writer()));
  }

  /** See `Engine.exclusive`: migrate and seed under it. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.engine.exclusive(fn);
  }

  /** Whether `backupTo` works here: the SQLite file, not PostgreSQL (pg_dump is the DBA's tool there). */
  get canBackupToFile(): boolean {
    return this.engine.backupTo !== undefined;
  }

  /** SQLite online backup of the whole database into `destFile`. */
  backupTo(destFile: string): Promise<void> {
    const backup = this.engine.backupTo?.bind(this.engine);
    if (!backup) return Promise.reject(new Error('backupTo: only the SQLite file can be copied this way'));
    return this.writeMutex.lock(() => backup(destFile));
  }

  private closing: Promise<void> | null = null;

  /** Waits for the transactions under way, then closes (a second call waits for the first). */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    while (this.draining || this.pending.length > 0) {
      await this.writeMutex.lock(async () => undefined);
      await new Promise((r) => setImmediate(r));
    }
    await this.writeMutex.lock(async () => undefined);
    await this.engine.close();
  }
}
