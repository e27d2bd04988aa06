/**
 * A webhook event is never lost (issue 15): the server is SIGKILLed after
 * the tickets were committed and answered but before their deliveries got
 * through (the receiver holds the first one unanswered). Started again on
 * the same data dir, it delivers every event, in order, each delivery id
 * accepted once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, login } from '../helpers/server';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { startChild, type Child } from '../faults/child-server';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-webhook-crash-'));
const children: Child[] = [];
let receiver: Receiver | undefined;
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

// short retry waits for the test (the default schedule starts at 5 s)
const ENV = { MOTCUA_WEBHOOK_RETRY_MS: '100,100,200,200,400,400,800,800' };

describe('webhooks across a crash', () => {
  it('events committed before a SIGKILL are delivered after the restart, in order, once each', async () => {
    receiver = await startReceiver();
    const r = receiver;
    r.respond = () => 'hang';
    const first = await startChild(dataDir, ENV);
    children.push(first);
    const admin = await login(first.url, 'admin');
    const hook = await call(first.url, 'POST', '/api/admin/webhooks', {
      auth: { token: admin },
      body: { url: r.url, events: ['ticket.issued'] },
    });
    expect(hook.status).toBe(201);
    r.secret = hook.body.secret as string;
    const fields = (await call<Array<{ id: number }>>(first.url, 'GET', '/api/fields')).body;
    const issued: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await call(first.url, 'POST', '/api/tickets', {
        auth: { deviceKey: 'demo-kiosk-1' },
        body: { fieldId: fields[0]!.id },
      });
      expect(t.status).toBe(201);
      issued.push(t.body.id as string);
    }
    // the first delivery is on the wire, unanswered: committed, not delivered
    await expect.poll(() => r.requests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(r.accepted()).toEqual([]);

    r.respond = () => 200;
    const second = await startChild(dataDir, ENV);
    children.push(second);
    await expect.poll(() => r.accepted().length, { timeout: 30_000 }).toBe(5);
    const got = r.accepted();
    expect(got.map((x) => x.body.data.ticket.id)).toEqual(issued);
    expect(got.every((x) => x.verified)).toBe(true);
    // the delivery cut off by the crash was made again with its id, not as a new one
    expect(got[0]!.delivery).toBe(r.requests[0]!.delivery);
    expect(new Set(got.map((x) => x.delivery)).size).toBe(5);
    second.proc.kill('SIGTERM');
    await second.exited;
  }, 120_000);
});
