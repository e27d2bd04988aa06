/**
 * Crash during the rush (issue #12): a child server takes ≥ 1,000
 * concurrent ticket presses and clerk calls and is SIGKILLed at a random
 * moment after answers have started. Restarted on the same data dir:
 * every answered ticket exists with its number, numbers are unique and
 * gap-free per field and day, no call is half done. Three rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database';
import { call, login } from '../helpers/server';
import { startChild, type Child } from './child-server';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

interface Answered {
  tickets: Map<string, string>;
  calls: Array<{ ticketId: string; counterId: number }>;
}

/** The rush: presses on every field and the clerks calling, all at once; SIGKILL after `killAfter` answers. */
async function rush(child: Child, round: number, killAfter: number): Promise<Answered & { sent: number }> {
  const fields = (await call<Array<{ id: number }>>(child.url, 'GET', '/api/fields')).body.map((f) => f.id);
  const clerks = await Promise.all(['canbo1', 'canbo2', 'canbo3'].map((u) => login(child.url, u)));
  const counters = (
    await call<Array<{ id: number; number: number }>>(child.url, 'GET', '/api/counters', {
      auth: { token: clerks[0]! },
    })
  ).body;
  for (let i = 0; i < clerks.length; i++) {
    await call(child.url, 'POST', `/api/counters/${counters[i]!.id}/open`, { auth: { token: clerks[i]! } });
  }
  const answered: Answered = { tickets: new Map(), calls: [] };
  let answers = 0;
  let killed = false;
  const maybeKill = () => {
    answers++;
    if (!killed && answers >= killAfter) {
      killed = true;
      child.proc.kill('SIGKILL');
    }
  };
  const requests: Array<Promise<unknown>> = [];
  const PRESSES = 1000;
  for (let i = 0; i < PRESSES; i++) {
    requests.push(
      call(child.url, 'POST', '/api/tickets', {
        auth: { deviceKey: 'demo-kiosk-1' },
        body: { fieldId: fields[i % fields.length]! },
        headers: { 'idempotency-key': `r${round}-press-${i}` },
      }).then(
        (res) => {
          if (res.status === 201) answered.tickets.set(res.body.id as string, res.body.number as string);
          maybeKill();
        },
        () => undefined, // the connection died with the server: not answered, may or may not exist
      ),
    );
  }
  const CALLS = 60;
  for (let i = 0; i < CALLS; i++) {
    const c = i % clerks.length;
    requests.push(
      call(child.url, 'POST', `/api/counters/${counters[c]!.id}/call-next`, { auth: { token: clerks[c]! } }).then(
        (res) => {
          if (res.status === 200 && res.body.ticket) {
            answered.calls.push({ ticketId: res.body.ticket.id as string, counterId: counters[c]!.id });
          }
          maybeKill();
        },
        () => undefined,
      ),
    );
  }
  await Promise.all(requests);
  if (!killed) child.proc.kill('SIGKILL');
  expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
  return { ...answered, sent: PRESSES + CALLS };
}

/** What must hold in the file after the crash, read with the server down. */
async function check(answered: Answered): Promise<{ tickets: number }> {
  const db = await Database.open(join(dataDir, 'motcua.sqlite'));
  try {
    return await db.read(async (q) => {
      const rows = await q.all<{
        id: string;
        number: string;
        origin_field_id: number;
        service_day: string;
        seq: number;
        status: string;
        counter_id: number | null;
        called_at: number | null;
      }>('SELECT id, number, origin_field_id, service_day, seq, status, counter_id, called_at FROM tickets');
      const byId = new Map(rows.map((r) => [r.id, r]));
      // every answered ticket exists with the number it was answered with
      const lost = [...answered.tickets].filter(([id, number]) => byId.get(id)?.number !== number);
      expect(lost).toEqual([]);
      // unique and gap-free per field and day
      const groups = new Map<string, number[]>();
      for (const r of rows) {
        const k = `${r.origin_field_id}/${r.service_day}`;
        groups.set(k, [...(groups.get(k) ?? []), r.seq]);
      }
      for (const [k, seqs] of groups) {
        seqs.sort((a, b) => a - b);
        expect({ k, seqs }).toEqual({ k, seqs: seqs.map((_s, i) => i + 1) });
      }
      const numbers = rows.map((r) => `${r.service_day}/${r.number}`);
      expect(new Set(numbers).size).toBe(numbers.length);
      // no half call: a called ticket is its counter's current one, and the other way round
      const counters = await q.all<{ id: number; current_ticket_id: string | null }>(
        'SELECT id, current_ticket_id FROM counters',
      );
      for (const c of counters) {
        if (c.current_ticket_id === null) continue;
        const t = byId.get(c.current_ticket_id);
        expect({ counter: c.id, status: t?.status, at: t?.counter_id }).toEqual({
          counter: c.id,
          status: 'called',
          at: c.id,
        });
      }
      for (const t of rows.filter((r) => r.status === 'called')) {
        expect(counters.some((c) => c.current_ticket_id === t.id)).toBe(true);
      }
      // every answered call was committed
      for (const call of answered.calls) expect(byId.get(call.ticketId)?.called_at).not.toBeNull();
      return { tickets: rows.length };
    });
  } finally {
    await db.close();
  }
}

describe('crash during the rush', () => {
  it('three SIGKILLs at random moments lose nothing that was answered', async () => {
    let sent = 0;
    let answeredTickets = 0;
    let total = 0;
    for (let round = 1; round <= 3; round++) {
      const child = await startChild(dataDir);
      children.push(child);
      // a random moment after answers have started
      const killAfter = 20 + Math.floor(Math.random() * 600);
      const answered = await rush(child, round, killAfter);
      sent += answered.sent;
      answeredTickets += answered.tickets.size;
      expect(answered.tickets.size).toBeGreaterThan(0);
      ({ tickets: total } = await check(answered));
    }
    // and it starts again on that file, numbering on from where it stopped
    const child = await startChild(dataDir);
    children.push(child);
    expect((await call(child.url, 'GET', '/api/health')).status).toBe(200);
    const next = await call(child.url, 'POST', '/api/tickets', {
      auth: { deviceKey: 'demo-kiosk-1' },
      body: { fieldId: 1 },
    });
    expect(next.status).toBe(201);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toMatchObject({ code: 0 });
    console.log(
      `[faults] crash: 3 SIGKILLs during rushes of ${sent} requests; ${answeredTickets} answered tickets all present, ${total} in the file, numbers gap-free, no half call`,
    );
  });
});
