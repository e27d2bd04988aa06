/**
 * Queue throughput against the real server (real SQLite file, HTTP on
 * loopback): a morning rush of kiosk presses, then clerks calling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { summarize } from './stats';

const TICKETS = 2000;
const CONCURRENCY = 50;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const server = await startServer({ dataDir, demo: true, demoPassword: 'demo123' });
  try {
    const url = server.url;
    // fields without a daily cap, so the rush is not cut short by "Đã hết số"
    const fields = (
      (await (await fetch(`${url}/api/fields`)).json()) as Array<{ id: number; dailyCap: number | null }>
    ).filter((f) => f.dailyCap === null);
    const issue = (i: number) =>
      fetch(`${url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': 'demo-kiosk-1' },
        body: JSON.stringify({ fieldId: fields[i % fields.length]!.id }),
      }).then((r) => {
        if (r.status !== 201) throw new Error(`ticket ${i}: HTTP ${r.status}`);
        return r.json();
      });

    // one kiosk alone: what a citizen waits after a press on a quiet morning
    const single: number[] = [];
    for (let i = 0; i < 100; i++) single.push((await timed(() => issue(i)))[1]);
    console.log(summarize('POST /api/tickets latency, one kiosk alone', single));

    const latencies: number[] = [];
    let next = 100;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TICKETS) {
          const i = next++;
          const [, ms] = await timed(() => issue(i));
          latencies.push(ms);
        }
      }),
    );
    const total = (performance.now() - t0) / 1000;
    console.log(
      `issued ${TICKETS - 100} more tickets with ${CONCURRENCY} concurrent kiosks in ${total.toFixed(2)} s = ${((TICKETS - 100) / total).toFixed(0)} tickets/s (synchronous=FULL, one fsync per ticket)`,
    );
    console.log(summarize('POST /api/tickets latency', latencies));

    const login = async (u: string) =>
      (
        (await (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: u, password: 'demo123' }),
          })
        ).json()) as { token: string }
      ).token;
    const counters = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const token = await login(`canbo${n}`);
        const list = (await (
          await fetch(`${url}/api/counters`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as Array<{ id: number; number: number }>;
        const id = list.find((c) => c.number === n)!.id;
        await fetch(`${url}/api/counters/${id}/open`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        return { token, id };
      }),
    );
    const callLatencies: number[] = [];
    const c0 = performance.now();
    await Promise.all(
      counters.map(async ({ token, id }) => {
        for (let i = 0; i < 100; i++) {
          const [res, ms] = await timed(() =>
            fetch(`${url}/api/counters/${id}/call-next`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            }),
          );
          await res.arrayBuffer();
          if (res.status === 404) break;
          callLatencies.push(ms);
        }
      }),
    );
    console.log(
      `6 clerks made ${callLatencies.length} calls in ${((performance.now() - c0) / 1000).toFixed(2)} s with ${TICKETS} tickets in the day`,
    );
    console.log(summarize('POST /api/counters/:id/call-next latency', callLatencies));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
