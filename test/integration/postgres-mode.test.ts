/**
 * What is particular to PostgreSQL mode (runs in `npm run test:pg`; the rest
 * of the integration suite runs there unchanged): rows read back in the
 * SQLite file's shapes, two processes starting at once on an empty
 * database seed it once, and the SQLite-file backup answers a clear
 * Vietnamese message instead of a file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { createTestSchema, dropTestSchema, testDatabaseUrl } from '../helpers/pg';
import { KIOSK, STORAGE, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
});

describe.skipIf(STORAGE !== 'postgres')('PostgreSQL mode (only under npm run test:pg)', () => {
  it('health names the storage; the file backup says the database administrator backs up with pg_dump', async () => {
    const ts = await startTestServer();
    servers.push(ts);
    expect((await call(ts.url, 'GET', '/api/health')).body).toMatchObject({ status: 'ok', storage: 'postgres' });
    const admin = await login(ts.url, 'admin');
    const download = await call(ts.url, 'GET', '/api/admin/backup', { auth: { token: admin } });
    expect(download.status).toBe(409);
    expect(download.body.error.code).toBe('BACKUP_NOT_AVAILABLE');
    expect(download.body.error.message).toContain('pg_dump');
    const run = await call(ts.url, 'POST', '/api/admin/backups/run', { auth: { token: admin } });
    expect(run.status).toBe(409);
    expect(run.body.error.message).toContain('PostgreSQL');
    expect((await call(ts.url, 'GET', '/api/admin/backups', { auth: { token: admin } })).body).toMatchObject({
      files: [],
      storage: 'postgres',
    });
  });

  it('rows come back in the shapes of the SQLite file: numbers, 0/1 flags, null, text', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-sqlite-twin-'));
    const pg = await startTestServer();
    servers.push(pg);
    const sqlite = await startTestServer({ dataDir, databaseUrl: null });
    servers.push(sqlite);
    expect((await call(sqlite.url, 'GET', '/api/health')).body.storage).toBe('sqlite');
    const rows = async (ts: TestServer) => {
      const ids = await demoIds(ts.url);
      const clerk = await login(ts.url, 'canbo1');
      await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
      await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
      await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
      return ts.server.db.read(async (q) => ({
        ticket: await q.get<Record<string, unknown>>('SELECT * FROM tickets'),
        field: await q.get<Record<string, unknown>>("SELECT * FROM fields WHERE code = 'HT'"),
        counter: await q.get<Record<string, unknown>>('SELECT * FROM counters WHERE number = 1'),
        computed: await q.get<Record<string, unknown>>(
          `SELECT count(*) AS n, sum(status = 'called') AS called, avg(seq) AS avgSeq,
                  EXISTS (SELECT 1 FROM tickets) AS hasAny, max(1, count(*)) AS atLeastOne FROM tickets`,
        ),
      }));
    };
    const shapes = (r: Record<string, unknown> | undefined) =>
      Object.fromEntries(
        Object.entries(r ?? {})
          // PostgreSQL's explicit storage order; SQLite's rowid is hidden from SELECT *
          .filter(([k]) => k !== 'rowid')
          .map(([k, v]) => [k, v === null ? 'null' : typeof v]),
      );
    const [a, b] = [await rows(pg), await rows(sqlite)];
    for (const k of ['ticket', 'field', 'counter', 'computed'] as const) expect(shapes(a[k])).toEqual(shapes(b[k]));
    expect(a.computed).toEqual({ n: 1, called: 1, avgSeq: 1, hasAny: 1, atLeastOne: 1 });
    expect(b.computed).toEqual(a.computed);
    expect({ ...a.ticket, rowid: undefined, id: undefined }).toEqual({ ...b.ticket, rowid: undefined, id: undefined });
  });

  it('two processes starting at once on an empty database seed the demo office once', async () => {
    const schema = await createTestSchema();
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'motcua-twin-')));
    const started: RunningServer[] = [];
    try {
      started.push(
        ...(await Promise.all(
          dirs.map((dataDir) =>
            startServer({
              dataDir,
              demo: true,
              demoPassword: 'demo123',
              databaseUrl: testDatabaseUrl(),
              databaseSchema: schema,
            }),
          ),
        )),
      );
      const counts = await started[0]!.db.read((q) =>
        q.get<{ staff: number; fields: number; migrations: number }>(
          `SELECT (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM fields) AS fields,
                  (SELECT count(*) FROM migrations) AS migrations`,
        ),
      );
      const files = (await import('../../server/db/migrate')).listMigrations(started[0]!.db.dialect.migrationsDir);
      expect(counts).toEqual({ staff: expect.any(Number), fields: 6, migrations: files.length });
      // both serve the same office: a sign-in on either works
      for (const s of started) expect(await login(s.url, 'admin')).toEqual(expect.any(String));
      const staff = (
        await call(started[1]!.url, 'GET', '/api/admin/staff', {
          auth: { token: await login(started[1]!.url, 'admin') },
        })
      ).body;
      expect(new Set(staff.map((s: { username: string }) => s.username)).size).toBe(counts!.staff);
    } finally {
      for (const s of started) await s.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      await dropTestSchema(schema);
    }
  });
});
