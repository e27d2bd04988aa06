/**
 * The one SQLite connection pair of the server. Every SQL statement of the
 * project lives under server/db/; services call the named functions in
 * the query modules, passing the `Executor` they got from `tx` or `read`.
 */
import sqlite3 from 'sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqlParam = string | number | null | bigint | Buffer;
export type SqlParams = readonly SqlParam[] | Record<string, SqlParam>;

/** What a query function needs: run/get/all on the connection it was given. */
export interface Executor {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

function wrap(conn: sqlite3.Database): Executor {
  return {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        conn.run(sql, params as never, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastID: this.lastID });
        });
      }),
    get: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        conn.get(sql, params as never, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
      }),
    all: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T[]>((resolve, reject) => {
        conn.all(sql, params as never, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
      }),
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
class Mutex {
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

export class Database {
  private readonly writeMutex = new Mutex();
  private readonly readMutex = new Mutex();

  private constructor(
    readonly file: string,
    private readonly writer: sqlite3.Database,
    private readonly reader: sqlite3.Database,
  ) {}

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
    return new Database(file, writer, reader);
  }

  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction on the writer connection;
   * transactions run one after another (FIFO), so "next number + insert" is
   * atomic. Commits before resolving: callers acknowledge and broadcast only
   * after this returns.
   */
  tx<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.writeMutex.lock(async () => {
      const q = wrap(this.writer);
      await q.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(q);
        await q.exec('COMMIT');
        return result;
      } catch (err) {
        await q.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Runs `fn` on the reader connection inside one read transaction (a consistent snapshot). */
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

  /** Statements outside a transaction (migrations manage their own). */
  withWriter<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    return this.writeMutex.lock(() => fn(wrap(this.writer)));
  }

  /** SQLite online backup of the whole database into `destFile`. */
  backupTo(destFile: string): Promise<void> {
    return this.writeMutex.lock(
      () =>
        new Promise<void>((resolve, reject) => {
          // sqlite3 has Database#backup, but its typings do not declare it.
          const source = this.writer as unknown as {
            backup(file: string, cb: (err: Error | null) => void): SqliteBackup;
          };
          const backup = source.backup(destFile, (err: Error | null) => {
            if (err) return reject(err);
            backup.step(-1, (stepErr: Error | null) => {
              if (stepErr) return reject(stepErr);
              backup.finish((finishErr: Error | null) => (finishErr ? reject(finishErr) : resolve()));
            });
          });
        }),
    );
  }

  async close(): Promise<void> {
    await this.writeMutex.lock(async () => undefined);
    await closeConn(this.reader);
    await closeConn(this.writer);
  }
}
