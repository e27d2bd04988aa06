/**
 * A slow receiver never slows a call (issue 15): `call-next` latency on the
 * real server (real SQLite file, HTTP on loopback) with no webhook, with a
 * webhook to a receiver that answers at once, and with one to a receiver
 * that never answers (every try hangs until the 10 s timeout). Each webhook
 * listens to every event, so every issue and call writes outbox rows.
 * Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { WEBHOOK_EVENTS } from '../server/domain/integration';
import { percentile, summarize } from './stats';

async function receiver(hang: boolean): Promise<{ url: string; close: () => Promise<void>; received: () => number }> {
  let n = 0;
  const held = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      if (hang) held.add(res);
      else res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => n,
    close: async () => {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function scenario(kind: 'none' | 'fast' | 'dead', calls: number): Promise<{ ms: number[]; received: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-webhooks-'));
  const server = await startServer({ dataDir, demo: true, demoPassword: 'demo123' });
  const rx = kind === 'none' ? null : await receiver(kind === 'dead');
  try {
    const url = server.url;
    const json = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(url + path, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as any;
    };
    const admin = (await json('POST', '/api/auth/login', { username: 'admin', password: 'demo123' })).token as string;
    const clerk = (await json('POST', '/api/auth/login', { username: 'canbo1', password: 'demo123' })).token as string;
    if (rx) {
      await json(
        'POST',
        '/api/admin/webhooks',
        { url: rx.url, events: [...WEBHOOK_EVENTS] },
        {
          authorization: `Bearer ${admin}`,
        },
      );
    }
    const counters = (await json('GET', '/api/counters', undefined, { authorization: `Bearer ${clerk}` })) as Array<{
      id: number;
      number: number;
    }>;
    const counter = counters.find((c) => c.number === 1)!;
    await json('POST', `/api/counters/${counter.id}/open`, undefined, { authorization: `Bearer ${clerk}` });
    const fields = (await json('GET', '/api/fields')) as Array<{ id: number; dailyCap: number | null }>;
    const fieldId = fields.find((f) => f.dailyCap === null)!.id;
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) {
      await json('POST', '/api/tickets', { fieldId }, { 'x-device-key': 'demo-kiosk-1' });
      const t0 = performance.now();
      const res = await fetch(`${url}/api/counters/${counter.id}/call-next`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}` },
      });
      await res.text();
      ms.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`call-next ${i}: HTTP ${res.status}`);
    }
    return { ms, received: rx?.received() ?? 0 };
  } finally {
    await rx?.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number>> {
  const calls = opts.quick ? 100 : 300;
  const out: Record<string, number> = {};
  for (const kind of ['none', 'fast', 'dead'] as const) {
    const { ms, received } = await scenario(kind, calls);
    const label = { none: 'no webhook', fast: 'webhook, receiver answers', dead: 'webhook, receiver never answers' }[
      kind
    ];
    console.log(
      `${summarize(`call-next, ${label}`, ms)}${kind === 'none' ? '' : ` (receiver got ${received} requests)`}`,
    );
    const sorted = [...ms].sort((a, b) => a - b);
    out[`webhooks_call_next_p50_ms_${kind}`] = Number(percentile(sorted, 50).toFixed(2));
    out[`webhooks_call_next_p95_ms_${kind}`] = Number(percentile(sorted, 95).toFixed(2));
  }
  return out;
}
