/**
 * The two storage engines side by side, in the same run, through the real
 * server (HTTP on loopback): a kiosk alone (one commit per press), then a
 * rush of 50 kiosks at once (the group commit shares COMMITs), then the
 * clerk's "call next". SQLite: a fresh file; PostgreSQL: a fresh schema of
 * DATABASE_URL (skipped, with a message, when it is unset).
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench -- storage
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer } from '../server/app';
import { percentile, summarize } from './stats';

const RUSH = 1000;
const CONCURRENCY = 50;

async function measure(server: RunningServer, label: string): Promise<Record<string, number>> {
  const url = server.url;
  const fields = ((await (await fetch(`${url}/api/fields`)).json()) as Array<{ id: number; dailyCap: number | null }>)
    .filter((f) => f.dailyCap === null)
    .map((f) => f.id);
  const issue = async (i: number) => {
    const t0 = performance.now();
    const r = await fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'demo-kiosk-1' },
      body: JSON.stringify({ fieldId: fields[i % fields.length] }),
    });
    if (r.status !== 201) throw new Error(`${label} ticket ${i}: HTTP ${r.status}`);
    await r.arrayBuffer();
    return performance.now() - t0;
  };
  const single: number[] = [];
  for (let i = 0; i < 100; i++) single.push(await issue(i));
  console.log(summarize(`${label}: POST /api/tickets, one kiosk alone`, single));
  const rush: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RUSH) rush.push(await issue(100 + next++));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `${label}: ${RUSH} presses from ${CONCURRENCY} kiosks at once in ${seconds.toFixed(2)} s = ${(RUSH / seconds).toFixed(0)}/s`,
  );
  console.log(summarize(`${label}: POST /api/tickets under the rush`, rush));
  const login = (await (
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'canbo1', password: 'demo123' }),
    })
  ).json()) as { token: string };
  const auth = { authorization: `Bearer ${login.token}` };
  const counters = (await (await fetch(`${url}/api/counters`, { headers: auth })).json()) as Array<{
    id: number;
    number: number;
  }>;
  const counter = counters.find((c) => c.number === 1)!.id;
  await fetch(`${url}/api/counters/${counter}/open`, { method: 'POST', headers: auth });
  const calls: number[] = [];
  for (let i = 0; i < 100; i++) {
    const c0 = performance.now();
    const r = await fetch(`${url}/api/counters/${counter}/call-next`, { method: 'POST', headers: auth });
    await r.arrayBuffer();
    calls.push(performance.now() - c0);
  }
  console.log(summarize(`${label}: POST call-next, one clerk`, calls));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    [`storage_${label}_single_p50_ms`]: +percentile(sorted(single), 50).toFixed(2),
    [`storage_${label}_rush_per_s`]: Math.round(RUSH / seconds),
    [`storage_${label}_rush_p90_ms`]: +percentile(sorted(rush), 90).toFixed(2),
    [`storage_${label}_call_p50_ms`]: +percentile(sorted(calls), 50).toFixed(2),
  };
}

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-storage-'));
  const sqlite = await startServer({ dataDir, demo: true, demoPassword: 'demo123' });
  try {
    Object.assign(figures, await measure(sqlite, 'sqlite'));
  } finally {
    await sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: skipped (DATABASE_URL is not set)');
    return figures;
  }
  const schema = `motcua_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pgDir = mkdtempSync(join(tmpdir(), 'motcua-bench-pg-'));
  try {
    const server = await startServer({
      dataDir: pgDir,
      demo: true,
      demoPassword: 'demo123',
      databaseUrl: url,
      databaseSchema: schema,
    });
    try {
      Object.assign(figures, await measure(server, 'postgres'));
    } finally {
      await server.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(pgDir, { recursive: true, force: true });
  }
  return figures;
}
