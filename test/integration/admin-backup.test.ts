/**
 * Backups: a downloaded copy restored into a fresh data dir starts the same
 * office with the same queue; the daily copy is made once a day and kept
 * `keepDays` days.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../server/app';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
});

describe('backup', () => {
  it('a downloaded backup restored into a fresh data dir starts with the same office and queue', async () => {
    const ts = await startTestServer();
    servers.push(ts);
    const ids = await demoIds(ts.url);
    const admin = await login(ts.url, 'admin');
    await call(ts.url, 'POST', '/api/admin/fields', {
      auth: { token: admin },
      body: {
        code: 'MT',
        name: 'Môi trường',
        numbering: 'prefix',
        prefix: 'M',
        dailyCap: 40,
        avgServiceMinutes: 9,
        active: true,
      },
    });
    const clerk = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
    for (let i = 0; i < 4; i++) {
      await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
      ts.clock.advanceMinutes(1);
    }
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });

    const snapshot = async (url: string) => {
      const token = await login(url, 'admin');
      return {
        office: (await call(url, 'GET', '/api/admin/office', { auth: { token } })).body,
        fields: (await call(url, 'GET', '/api/fields')).body,
        counters: (await call(url, 'GET', '/api/counters', { auth: { token } })).body,
        staff: (await call(url, 'GET', '/api/admin/staff', { auth: { token } })).body,
      };
    };
    const before = await snapshot(ts.url);

    const res = await fetch(`${ts.url}/api/admin/backup`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="motcua-2026-11-25.sqlite"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // the temporary copy is not left behind
    expect(readdirSync(join(ts.dataDir, 'backups')).filter((n) => n.startsWith('.download'))).toEqual([]);

    // the office goes on after the backup: this ticket is not in the copy
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });

    const fresh = mkdtempSync(join(tmpdir(), 'motcua-restore-'));
    writeFileSync(join(fresh, DB_FILE_NAME), bytes);
    const restored = await startTestServer({ dataDir: fresh, testClock: ts.clock });
    servers.push(restored);
    const after = await snapshot(restored.url);
    expect(after).toEqual(before);
    expect(after.counters.find((c: { number: number }) => c.number === 1).currentTicket.number).toBe('A001');
    // numbering goes on from the copy's queue
    const next = await call(restored.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(next.body.number).toBe('A005');
  });

  it('makes one copy a day and keeps the last keepDays days', async () => {
    const ts = await startTestServer({ backupDays: 3 });
    servers.push(ts);
    const backups = ts.server.services.backup;
    const dir = join(ts.dataDir, 'backups');
    expect(await backups.runDaily()).toBe(join(dir, 'motcua-2026-11-25.sqlite'));
    expect(await backups.runDaily()).toBeNull();
    for (let day = 0; day < 4; day++) {
      ts.clock.advance(24 * 3600_000);
      await backups.runDaily();
    }
    expect(readdirSync(dir).sort()).toEqual([
      'motcua-2026-11-27.sqlite',
      'motcua-2026-11-28.sqlite',
      'motcua-2026-11-29.sqlite',
    ]);
    const admin = await login(ts.url, 'admin');
    const listed = await call(ts.url, 'GET', '/api/admin/backups', { auth: { token: admin } });
    expect(listed.body.keepDays).toBe(3);
    expect(listed.body.files.map((f: { name: string }) => f.name)).toEqual([
      'motcua-2026-11-29.sqlite',
      'motcua-2026-11-28.sqlite',
      'motcua-2026-11-27.sqlite',
    ]);
    // each copy opens as an office
    const copyDir = mkdtempSync(join(tmpdir(), 'motcua-copy-'));
    writeFileSync(join(copyDir, DB_FILE_NAME), readFileSync(join(dir, 'motcua-2026-11-29.sqlite')));
    const copy = await startTestServer({ dataDir: copyDir, testClock: ts.clock });
    servers.push(copy);
    expect((await call(copy.url, 'GET', '/api/fields')).body).toHaveLength(6);
    expect(existsSync(join(dir, 'motcua-2026-11-25.sqlite'))).toBe(false);
  });
});
