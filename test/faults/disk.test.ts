/**
 * Disk (issue #12): a full disk (SQLite's SQLITE_FULL, what ENOSPC becomes,
 * forced with `max_page_count` on the real file) gives staff a clear
 * Vietnamese error, writes nothing half, and the server works again when
 * space returns. (A read-only file maps to the same 503; not yet tested.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.cleanup();
});

const pragma = (sql: string) => ts.server.db.tx((q) => q.all<Record<string, number>>(sql));
const count = async () => (await ts.server.db.read((q) => q.all('SELECT id FROM tickets'))).length;

describe('the disk', () => {
  it('full: a clear 503 in Vietnamese, no partial ticket, and it recovers when space returns', async () => {
    const ids = await demoIds(ts.url);
    const pages = (await pragma('PRAGMA page_count'))[0]!.page_count!;
    await pragma(`PRAGMA max_page_count = ${pages}`);
    let answered = 0;
    let full: { status: number; body: { error: { code: string; message: string } } } | null = null;
    for (let i = 0; i < 3000 && !full; i++) {
      const res = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
      if (res.status === 201) answered++;
      else full = res;
    }
    expect(full).not.toBeNull();
    expect(full!.status).toBe(503);
    expect(full!.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(full!.body.error.message).toContain('Ổ đĩa của máy chủ đã đầy');
    // nothing half-written: exactly the answered tickets are there
    expect(await count()).toBe(answered);
    // space returns
    await pragma('PRAGMA max_page_count = 1073741823');
    const again = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(again.status).toBe(201);
    expect(again.body.seq).toBe(answered + 1);
    console.log(`[faults] disk full after ${answered} tickets: 503 STORAGE_UNAVAILABLE, nothing partial, recovered`);
  });
});
