/**
 * PostgreSQL mode of the storage layer (DATABASE_URL=postgres://…): the
 * same `Database` group commit as the SQLite file, on one writer
 * connection, with a small pool of readers.
 *
 * Rows come back in the shapes the SQLite rows have, so the query modules
 * and the services do not know which engine answered: the schema keeps
 * SQLite's column types (times are BIGINT milliseconds, flags INTEGER 0/1,
 * documents TEXT JSON), int8 and numeric are parsed to numbers, and a
 * computed boolean (`EXISTS (…) AS hasSlip`) is 1 or 0 as in SQLite.
 */
import pg from 'pg';
import {
  OfficeLockTaken,
  type Engine,
  type Executor,
  type PostgresOptions,
  type RunResult,
  type SqlParam,
  type SqlParams,
} from './database';
import { postgresDialect, translateForPostgres, type TranslatedSql } from './dialect';

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_BOOL = 16;

const parsers = new Map<number, (v: string) => unknown>([
  // milliseconds, counts and sums: well inside Number's exact range
  [PG_INT8, (v) => Number(v)],
  // avg() and decimal arithmetic (SQLite answers a float)
  [PG_NUMERIC, (v) => Number(v)],
  // a computed boolean reads as SQLite's 1 / 0
  [PG_BOOL, (v) => (v === 't' ? 1 : 0)],
]);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers.get(oid) ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Translations of the statements seen so far (the query modules use a bounded set of texts). */
const translated = new Map<string, TranslatedSql>();

function translate(sql: string): TranslatedSql {
  let t = translated.get(sql);
  if (!t) {
    // statements with a variable number of marks (IN lists, multi-row inserts) vary; keep the cache bounded
    if (translated.size > 2000) translated.clear();
    t = translateForPostgres(sql);
    translated.set(sql, t);
  }
  return t;
}

function values(params: SqlParams | undefined, names: string[] | null): unknown[] {
  if (params === undefined) return [];
  const toPg = (v: SqlParam | undefined) => (typeof v === 'bigint' ? v.toString() : (v ?? null));
  if (Array.isArray(params)) return (params as readonly SqlParam[]).map(toPg);
  const named = params as Record<string, SqlParam>;
  return (names ?? []).map((key) => toPg(key in named ? named[key] : named[key.slice(1)]));
}

/** What statements run on: a client, the reader pool, or the writer (whichever connection is current). */
interface Queryable {
  query(config: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult>;
}

/** Which column of a table is its identity (what SQLite's lastID is): looked up once per table. */
class Identities {
  private readonly known = new Map<string, string | null>();

  async column(on: Queryable, table: string): Promise<string | null> {
    if (this.known.has(table)) return this.known.get(table)!;
    const res = await on.query(
      `SELECT to_regclass($1) IS NOT NULL AS exists,
              (SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attidentity <> ''
                 AND NOT attisdropped LIMIT 1) AS column`,
      [table],
    );
    const row = res.rows[0] as { exists: number; column: string | null } | undefined;
    if (row?.exists) this.known.set(table, row.column);
    return row?.column ?? null;
  }

  /** A migration may have added a table or an identity. */
  forget(): void {
    this.known.clear();
  }
}

function executor(on: Queryable, identities: Identities): Executor {
  return {
    dialect: postgresDialect,
    async run(sql, params): Promise<RunResult> {
      const t = translate(sql);
      let text = t.text;
      const column = t.insertInto && !/\bRETURNING\b/i.test(text) ? await identities.column(on, t.insertInto) : null;
      if (column) text += ` RETURNING ${column}`;
      const res = await on.query({ text, values: values(params, t.names) });
      if (!column) return { changes: res.rowCount ?? 0, lastID: 0 };
      const ids = (res.rows as Array<Record<string, unknown>>).map((r) => Number(r[column]));
      return { changes: res.rowCount ?? 0, lastID: ids[ids.length - 1] ?? 0, ids };
    },
    async get<T>(sql: string, params?: SqlParams) {
      const t = translate(sql);
      const res = await on.query({ text: t.text, values: values(params, t.names) });
      return res.rows[0] as T | undefined;
    },
    async all<T>(sql: string, params?: SqlParams) {
      const t = translate(sql);
      const res = await on.query({ text: t.text, values: values(params, t.names) });
      return res.rows as T[];
    },
    async exec(sql) {
      // native SQL (migrations-pg, transaction control): several statements, no parameters
      await on.query(sql);
      if (/\b(CREATE|ALTER|DROP)\b/i.test(sql)) identities.forget();
    },
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The advisory-lock class of an office's live queue: `pg_try_advisory_lock(OFFICE_LOCK_CLASS, office id)`. */
export const OFFICE_LOCK_CLASS = 7117;

/**
 * The readers of one process are shared by every office it serves (a
 * province: ~100 offices, PostgreSQL allows 100 connections): one pool per
 * address, each connection switched to the office's schema when it is
 * checked out for another one.
 */
interface SharedPool {
  pool: pg.Pool;
  users: number;
}
const sharedPools = new Map<string, SharedPool>();
const clientSchema = new WeakMap<pg.PoolClient, string>();

function sharedPool(config: pg.ClientConfig, key: string, max: number): SharedPool {
  let shared = sharedPools.get(key);
  if (!shared) {
    const pool = new pg.Pool({ ...config, max, idleTimeoutMillis: 30_000 });
    pool.on('error', (err) => console.error('[db] PostgreSQL reader connection lost:', err.message));
    shared = { pool, users: 0 };
    sharedPools.set(key, shared);
  }
  shared.users++;
  return shared;
}

async function checkout(pool: pg.Pool, schema: string): Promise<pg.PoolClient> {
  const client = await pool.connect();
  if (clientSchema.get(client) !== schema) {
    try {
      await client.query(`SET search_path TO ${schema}`);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    clientSchema.set(client, schema);
  }
  return client;
}

export class PostgresEngine implements Engine {
  readonly kind = 'postgres';
  readonly dialect = postgresDialect;
  readonly file = null;
  private readonly identities = new Identities();
  private writerClient: pg.Client;
  private writerLost = false;
  private released = false;

  private constructor(
    private readonly config: pg.ClientConfig,
    writer: pg.Client,
    private readonly shared: SharedPool,
    private readonly poolKey: string,
    /** The schema the tables live in (search_path of every connection used for this database). */
    readonly schema: string,
    private readonly lock: { key: number; onLost: () => void } | null,
  ) {
    this.writerClient = writer;
    this.watch(writer);
  }

  private get pool(): pg.Pool {
    return this.shared.pool;
  }

  static async connect(url: string, opts: PostgresOptions): Promise<PostgresEngine> {
    if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
      throw new Error(`Tên schema PostgreSQL không hợp lệ: "${opts.schema}"`);
    }
    const base: pg.ClientConfig = {
      connectionString: url,
      types,
      application_name: opts.applicationName ?? 'motcua',
    };
    const config: pg.ClientConfig = {
      ...base,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    };
    const writer = new pg.Client(config);
    await writer.connect();
    try {
      const schema = opts.schema ?? ((await writer.query('SELECT current_schema() AS s')).rows[0] as { s: string }).s;
      if (opts.lock && !(await takeLock(writer, opts.lock.key))) throw new OfficeLockTaken(opts.lock.key);
      const key = `${url}#${opts.applicationName ?? 'motcua'}`;
      const shared = sharedPool(base, key, opts.readers ?? 4);
      return new PostgresEngine(config, writer, shared, key, schema, opts.lock ?? null);
    } catch (err) {
      await writer.end().catch(() => undefined);
      throw err;
    }
  }

  private watch(client: pg.Client): void {
    client.on('error', (err) => {
      console.error('[db] PostgreSQL writer connection lost:', err.message);
      this.writerLost = true;
    });
    client.on('end', () => (this.writerLost = true));
  }

  /** Statements of the writer go to whichever connection is current (see `begin`). */
  private readonly writerExecutor = executor(
    { query: (config, values) => this.writerClient.query(config as string, values) },
    this.identities,
  );

  writer(): Executor {
    return this.writerExecutor;
  }

  async begin(): Promise<void> {
    if (this.writerLost) {
      // the server restarted or dropped us: the next transaction runs on a new connection
      this.writerLost = false;
      this.writerClient.removeAllListeners();
      await this.writerClient.end().catch(() => undefined);
      this.writerClient = new pg.Client(this.config);
      this.watch(this.writerClient);
      await this.writerClient.connect();
      // the office's lock went with the old connection: take it again, or stop writing (another process owns it now)
      if (this.lock && !(await takeLock(this.writerClient, this.lock.key))) {
        this.lock.onLost();
        throw new OfficeLockTaken(this.lock.key);
      }
    }
    // READ COMMITTED is enough: one writer process decides, and the unique
    // indexes (number per field and day, idempotency key, one clerk per
    // counter) refuse what a second one would get wrong. Several processes
    // (next slice) take the office's lock here, in the same transaction.
    await this.writerClient.query('BEGIN');
  }

  async commit(): Promise<void> {
    const res = await this.writerClient.query('COMMIT');
    // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, not an error
    if (res.command === 'ROLLBACK') throw new Error('PostgreSQL rolled the transaction back');
  }

  async read<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    const client = await checkout(this.pool, this.schema);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await fn(executor(client, this.identities));
      } finally {
        await client.query('COMMIT').catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  async readOne<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    const client = await checkout(this.pool, this.schema);
    try {
      return await fn(executor(client, this.identities));
    } finally {
      client.release();
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const client = await checkout(this.pool, this.schema);
    // one key per schema: the processes of one deployment queue here, other schemas do not
    const key = "hashtext(current_schema() || '/motcua-startup')";
    try {
      await client.query(`SELECT pg_advisory_lock(${key})`);
      try {
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${key})`).catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  async createSchema(name: string): Promise<void> {
    if (!SCHEMA_NAME.test(name)) throw new Error(`Tên schema PostgreSQL không hợp lệ: "${name}"`);
    await this.writerClient.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
  }

  async clusterState(): Promise<{ locks: Array<{ key: number; owner: string }>; connected: string[] }> {
    const client = await checkout(this.pool, this.schema);
    try {
      // an office's writer connection is named motcua:<node id>, a process's control connections
      // motcua-control:<node id> (province/province.ts): a killed process's names vanish with its connections
      const locks = await client.query(
        `SELECT l.objid::bigint AS key, a.application_name AS app
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objsubid = 2 AND l.granted
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [OFFICE_LOCK_CLASS],
      );
      const nodes = await client.query(
        `SELECT DISTINCT substr(application_name, 16) AS id FROM pg_stat_activity
          WHERE application_name LIKE 'motcua-control:%' AND datname = current_database()`,
      );
      return {
        locks: (locks.rows as Array<{ key: number; app: string }>).map((r) => ({
          key: Number(r.key),
          owner: r.app.startsWith('motcua:') ? r.app.slice('motcua:'.length) : r.app,
        })),
        connected: (nodes.rows as Array<{ id: string }>).map((r) => r.id),
      };
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.writerClient.removeAllListeners();
    this.writerClient.on('error', () => undefined);
    await this.writerClient.end().catch(() => undefined);
    if (this.released) return;
    this.released = true;
    if (--this.shared.users === 0) {
      sharedPools.delete(this.poolKey);
      await this.pool.end();
    }
  }
}

async function takeLock(client: pg.Client, key: number): Promise<boolean> {
  const res = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [OFFICE_LOCK_CLASS, key]);
  return (res.rows[0] as { ok: number }).ok === 1;
}
