/**
 * The province bench's deployments, each server process being
 * `server/main.ts` as `npm start` runs it (MOTCUA_DEMO=1):
 *
 * - `postgres`: a fresh schema; process A starts alone, the offices are
 *   created through the province API, then process B starts and the two
 *   balance the offices between them (PostgreSQL advisory locks, Redis
 *   Streams adapter);
 * - `sqlite`: one process on a temp data dir, the same offices created the
 *   same way (each office its own SQLite file under offices/<code>/).
 *
 * Also: whether PostgreSQL and Redis answer, each office's numbers read
 * back from its store, and the cleanup (processes, schemas, Redis stream,
 * temp dirs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { DB_FILE_NAME } from '../../server/app';
import { storeNameFor } from '../../server/domain/province';

export const DEFAULT_DATABASE_URL = 'postgres://root@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'demo123';

export interface ServerProc {
  name: string;
  proc: ChildProcess;
  url: string;
  /** The last lines it printed (for a failure's message). */
  log: string[];
  /** Lines that say something failed (every one, not only the last), for the bench to report. */
  errors: string[];
}

export interface OfficeEntry {
  code: string;
  /** '' (the home office) or /o/<code> */
  base: string;
}

/** One office's tickets of one field and day, as stored. */
export interface NumberRow {
  code: string;
  fieldId: number;
  tickets: number;
  distinct: number;
  lo: number;
  hi: number;
}

export interface Deployment {
  kind: 'postgres' | 'sqlite';
  servers: ServerProc[];
  offices: OfficeEntry[];
  /** The server process that holds each office's live queue. */
  ownerOf: Map<string, ServerProc>;
  /** Mean time of one POST /api/province/offices (seed demo). */
  createOfficeMs: number;
  /** From the second process's start until the offices are shared out (PostgreSQL only). */
  balanceMs: number | null;
  numbers(): Promise<NumberRow[]>;
  /** Messages written to the socket.io adapter's Redis stream so far (PostgreSQL only; null: unknown). */
  adapterMessages(): Promise<number | null>;
  close(): Promise<void>;
}

/** Why the PostgreSQL deployment cannot run here, or null when both answer. */
export async function unreachable(databaseUrl: string, redisUrl: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch (err) {
    return `PostgreSQL at ${redact(databaseUrl)} does not answer (${(err as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
  const r = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    return `Redis at ${redact(redisUrl)} does not answer (${(err as Error).message})`;
  } finally {
    r.disconnect();
  }
  return null;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(bad URL)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `server/main.ts` on a free port; resolves once it prints where it runs. */
async function startMotcua(name: string, env: Record<string, string>): Promise<ServerProc> {
  const inherited = { ...process.env };
  // only what this deployment says: a DATABASE_URL of the caller's shell must not turn the SQLite run into PostgreSQL
  for (const k of Object.keys(inherited)) {
    if (/^(DATABASE_|REDIS_URL$|PORT$|HOST$|DATA_DIR$|MOTCUA_)/.test(k)) delete inherited[k];
  }
  // BENCH_PROFILE=dir writes a V8 CPU profile of each server process there (node --cpu-prof)
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', MOTCUA_DEMO: '1', MOTCUA_BACKUP_DAYS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const errors: string[] = [];
  const keep = (b: Buffer) => {
    const lines = b.toString().split('\n').filter(Boolean);
    log.push(...lines);
    if (log.length > 200) log.splice(0, log.length - 200);
    errors.push(...lines.filter((l) => /error|fail|warn|mất quyền/i.test(l)));
  };
  proc.stderr!.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    let out: string | null = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${log.join('\n')}`)), 120_000);
    proc.stdout!.on('data', (b: Buffer) => {
      keep(b);
      if (out === null) return;
      out += b.toString();
      const m = /motcua đang chạy: http:\/\/[^/]+:(\d+)\//.exec(out);
      if (m) {
        out = null;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited ${code}:\n${log.join('\n')}`));
    });
  });
  return { name, proc, url: `http://127.0.0.1:${port}`, log, errors };
}

async function stopMotcua(p: ServerProc): Promise<void> {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  const exited = new Promise((r) => p.proc.once('exit', r));
  p.proc.kill('SIGTERM');
  const timer = setTimeout(() => p.proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function http(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function login(url: string, username: string): Promise<string> {
  const r = await http(`${url}/api/auth/login`, 'POST', { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`login ${username} at ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Offices created through the province API (seed demo) until there are `n`; the mean time of one creation. */
async function createOffices(url: string, n: number): Promise<{ offices: OfficeEntry[]; meanMs: number }> {
  const token = await login(url, 'admin');
  const list = async () => {
    const r = await http(`${url}/api/province/offices`, 'GET', undefined, token);
    if (r.status !== 200) throw new Error(`GET /api/province/offices: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as Array<{ code: string; basePath: string }>).map((o) => ({ code: o.code, base: o.basePath }));
  };
  const times: number[] = [];
  for (let i = (await list()).length, k = 1; i < n; i++, k++) {
    const code = `o-${String(k).padStart(2, '0')}`;
    const t0 = performance.now();
    const r = await http(
      `${url}/api/province/offices`,
      'POST',
      { code, name: `UBND xã thử ${k}`, seed: 'demo' },
      token,
    );
    if (r.status !== 201) throw new Error(`create office ${code}: ${r.status} ${JSON.stringify(r.body)}`);
    times.push(performance.now() - t0);
  }
  const offices = await list();
  return { offices, meanMs: times.length ? times.reduce((a, x) => a + x, 0) / times.length : 0 };
}

async function owns(p: ServerProc): Promise<string[]> {
  const r = await http(`${p.url}/api/health`, 'GET');
  return (r.body?.owns as string[] | undefined) ?? [];
}

/** Both processes hold their share (no office twice, none without an owner), three polls in a row. */
async function waitBalanced(servers: ServerProc[], codes: string[]): Promise<Map<string, ServerProc>> {
  const share = Math.ceil(codes.length / servers.length);
  const deadline = Date.now() + 90_000;
  let steady = 0;
  for (;;) {
    const held = await Promise.all(servers.map((s) => owns(s).catch(() => [] as string[])));
    const all = held.flat();
    const ok =
      all.length === codes.length &&
      new Set(all).size === codes.length &&
      codes.every((c) => all.includes(c)) &&
      held.every((h) => h.length <= share);
    steady = ok ? steady + 1 : 0;
    if (steady >= 3) {
      const owner = new Map<string, ServerProc>();
      held.forEach((h, i) => h.forEach((c) => owner.set(c, servers[i]!)));
      return owner;
    }
    if (Date.now() > deadline) {
      throw new Error(`offices not shared out within 90 s: ${held.map((h, i) => `${servers[i]!.name} ${h.length}`)}`);
    }
    await sleep(200);
  }
}

async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Two processes on one fresh PostgreSQL schema and Redis, `n` offices shared out between them. */
export async function postgresDeployment(n: number, databaseUrl: string, redisUrl: string): Promise<Deployment> {
  const schema = `motcua_bench_${randomBytes(5).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-province-'));
  await withPg(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const servers: ServerProc[] = [];
  let offices: OfficeEntry[] = [];
  const close = async () => {
    await Promise.all(servers.map(stopMotcua));
    // the home schema and every office's (<home>_o_<code>)
    await withPg(databaseUrl, async (c) => {
      const rows = (
        await c.query<{ nspname: string }>(
          'SELECT nspname FROM pg_namespace WHERE nspname = $1 OR starts_with(nspname, $2)',
          [schema, `${schema}_o_`],
        )
      ).rows;
      for (const r of rows) await c.query(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
    }).catch((err: unknown) => console.error(`could not drop schema ${schema}:`, err));
    await redis.del(`motcua:${schema}`).catch(() => undefined);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl,
      MOTCUA_CLUSTER_POLL_MS: '200',
    };
    const a = await startMotcua('A', env);
    servers.push(a);
    const created = await createOffices(a.url, n);
    offices = created.offices;
    const t0 = performance.now();
    const b = await startMotcua('B', env);
    servers.push(b);
    const ownerOf = await waitBalanced(
      servers,
      offices.map((o) => o.code),
    );
    const balanceMs = performance.now() - t0;
    return {
      kind: 'postgres',
      servers,
      offices,
      ownerOf,
      createOfficeMs: created.meanMs,
      balanceMs,
      numbers: () =>
        withPg(databaseUrl, async (c) => {
          const rows: NumberRow[] = [];
          for (const o of offices) {
            const store = o.base === '' ? schema : storeNameFor(schema, o.code);
            const got = await c.query<{ f: number; n: number; d: number; lo: number; hi: number }>(
              `SELECT origin_field_id::int AS f, count(*)::int AS n, count(DISTINCT seq)::int AS d,
                      min(seq)::int AS lo, max(seq)::int AS hi
               FROM "${store}".tickets GROUP BY origin_field_id, service_day`,
            );
            for (const r of got.rows)
              rows.push({ code: o.code, fieldId: r.f, tickets: r.n, distinct: r.d, lo: r.lo, hi: r.hi });
          }
          return rows;
        }),
      adapterMessages: async () => {
        // XINFO STREAM answers [name, value, …]; entries-added counts what was trimmed too (Redis ≥ 7)
        const info = (await redis.xinfo('STREAM', `motcua:${schema}`).catch(() => null)) as unknown[] | null;
        const i = info ? info.indexOf('entries-added') : -1;
        return i >= 0 ? Number(info![i + 1]) : null;
      },
      close,
    };
  } catch (err) {
    for (const s of servers) if (s.log.length) console.error(`--- ${s.name} ---\n${s.log.slice(-30).join('\n')}`);
    await close();
    throw err;
  }
}

/** One process on a fresh SQLite data dir, the same `n` offices (the home office and n − 1 created). */
export async function sqliteDeployment(n: number): Promise<Deployment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-province-sqlite-'));
  const servers: ServerProc[] = [];
  const close = async () => {
    await Promise.all(servers.map(stopMotcua));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const a = await startMotcua('S', { DATA_DIR: dataDir });
    servers.push(a);
    const created = await createOffices(a.url, n);
    const offices = created.offices;
    return {
      kind: 'sqlite',
      servers,
      offices,
      ownerOf: new Map(offices.map((o) => [o.code, a])),
      createOfficeMs: created.meanMs,
      balanceMs: null,
      numbers: async () => {
        const rows: NumberRow[] = [];
        for (const o of offices) {
          const file = o.base === '' ? join(dataDir, DB_FILE_NAME) : join(dataDir, 'offices', o.code, DB_FILE_NAME);
          const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
          const got = await new Promise<Array<{ f: number; n: number; d: number; lo: number; hi: number }>>(
            (res, rej) =>
              db.all(
                `SELECT origin_field_id AS f, count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS lo, max(seq) AS hi
               FROM tickets GROUP BY origin_field_id, service_day`,
                (e, r) => (e ? rej(e) : res(r as never)),
              ),
          );
          await new Promise<void>((res) => db.close(() => res()));
          for (const r of got)
            rows.push({ code: o.code, fieldId: r.f, tickets: r.n, distinct: r.d, lo: r.lo, hi: r.hi });
        }
        return rows;
      },
      adapterMessages: async () => null,
      close,
    };
  } catch (err) {
    for (const s of servers) if (s.log.length) console.error(`--- ${s.name} ---\n${s.log.slice(-30).join('\n')}`);
    await close();
    throw err;
  }
}
