/**
 * Shutdown (issue #12): requests in flight at SIGTERM are answered or
 * refused cleanly (503 SHUTTING_DOWN, or the connection refused once the
 * port is closed), never a 500, never `SQLITE_MISUSE: Database handle is
 * closed`; every ticket answered 201 is in the file; the process exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database';
import { call, login } from '../helpers/server';
import { startChild, type Child } from './child-server';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-shutdown-'));
let child: Child | undefined;
afterAll(() => {
  if (child && child.proc.exitCode === null) child.proc.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

describe('shutdown', () => {
  it('SIGTERM while 20 callers keep calling: each answered or cleanly refused, nothing half-written', async () => {
    child = await startChild(dataDir);
    const c = child;
    const token = await login(c.url, 'canbo1');
    const outcomes: string[] = [];
    const issued: string[] = [];
    let answered = 0;
    let termSent = false;
    let sent = 0;
    /** One of 20 callers that keep calling until the server is gone (a kiosk and clerks mid-morning). */
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        sent++;
        const req =
          (w + i) % 4 === 0
            ? call(c.url, 'GET', '/api/dossiers', { auth: { token } })
            : call(c.url, 'POST', '/api/tickets', {
                auth: { deviceKey: 'demo-kiosk-1' },
                body: { fieldId: 1 + (i % 3) },
              });
        const gone = await req.then(
          (res) => {
            if (res.status === 201) issued.push(res.body.id as string);
            const ok =
              res.status < 500 ||
              (res.status === 503 &&
                res.body?.error?.code === 'SHUTTING_DOWN' &&
                typeof res.body.error.message === 'string');
            outcomes.push(
              ok ? (res.status === 503 ? 'refused' : 'answered') : `BAD ${res.status} ${JSON.stringify(res.body)}`,
            );
            if (++answered === 100 && !termSent) {
              termSent = true;
              c.proc.kill('SIGTERM');
            }
            return false;
          },
          (err: { cause?: { code?: string } }) => {
            // the port already closed: the connection is refused or reset, which a kiosk retries
            const code = err.cause?.code ?? String(err);
            outcomes.push(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(code) ? 'refused' : `BAD ${code}`);
            return code === 'ECONNREFUSED';
          },
        );
        if (gone || sent > 3000) return;
      }
    };
    const requests = Array.from({ length: 20 }, (_v, w) => worker(w));
    await Promise.all(requests);
    const exit = await Promise.race([
      c.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running 30 s after SIGTERM'), 30_000)),
    ]);
    expect(outcomes.filter((o) => o.startsWith('BAD'))).toEqual([]);
    expect(c.output()).not.toMatch(/SQLITE_MISUSE|unexpected error|Error:/);
    expect(exit).toEqual({ code: 0, signal: null });
    const db = await Database.open(join(dataDir, 'motcua.sqlite'));
    const ids = new Set((await db.read((q) => q.all<{ id: string }>('SELECT id FROM tickets'))).map((r) => r.id));
    await db.close();
    expect(issued.filter((id) => !ids.has(id))).toEqual([]);
    const count = (k: string) => outcomes.filter((o) => o === k).length;
    console.log(
      `[faults] shutdown: SIGTERM during a stream of ${sent} requests: ${count('answered')} answered, ${count('refused')} refused cleanly, 0 errors, exit 0`,
    );
  });
});
