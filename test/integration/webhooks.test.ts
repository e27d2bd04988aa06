/**
 * Webhooks that are never lost (issue 15), against a real HTTP receiver on
 * 127.0.0.1 that verifies every signature: deliveries arrive signed, in
 * commit order, once per delivery id; a receiver answering 500 three times
 * then 200 still gets the event (the retry waits are shortened for the
 * test, the schedule itself is the server's); the admin sees each delivery
 * and can resend it; dossier events come in the portal's names with
 * `format: "dvcqg"`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, demoIds, KIOSK, login, startTestServer, type TestServer } from '../helpers/server';
import { startReceiver, verifySignature, type Receiver } from '../helpers/webhook-receiver';

let ts: TestServer;
let admin: string;
let clerk: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // retries after 50 ms instead of 5 s, 30 s, 2 min …; five of them, then the delivery is failed
  ts = await startTestServer({ webhookBackoffMs: (n) => (n <= 5 ? 50 : null), webhookTimeoutMs: 2000 });
  admin = await login(ts.url, 'admin');
  clerk = await login(ts.url, 'canbo1');
  ids = await demoIds(ts.url);
});
afterAll(async () => {
  await ts.cleanup();
});
afterEach(async () => {
  // one subscription per test: the earlier ones are switched off
  const hooks = (await call(ts.url, 'GET', '/api/admin/webhooks', { auth: { token: admin } })).body as Array<{
    id: number;
  }>;
  for (const h of hooks) await call(ts.url, 'DELETE', `/api/admin/webhooks/${h.id}`, { auth: { token: admin } });
  for (const r of receivers.splice(0)) await r.close();
});

async function subscribe(events: string[], extra: Record<string, unknown> = {}): Promise<{ id: number; r: Receiver }> {
  const r = await startReceiver();
  receivers.push(r);
  const res = await call(ts.url, 'POST', '/api/admin/webhooks', {
    auth: { token: admin },
    body: { url: r.url, events, ...extra },
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ url: r.url, events });
  expect(typeof res.body.secret).toBe('string');
  r.secret = res.body.secret as string;
  return { id: res.body.id as number, r };
}

const counter1 = () => ids.counter(1);

describe('webhook deliveries', () => {
  it('arrive signed, in commit order, once per delivery id, with the contract headers and body', async () => {
    const { r } = await subscribe(['ticket.issued', 'ticket.called', 'ticket.finished', 'counter.opened']);
    await call(ts.url, 'POST', `/api/counters/${counter1()}/open`, { auth: { token: clerk } });
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
      expect(t.status).toBe(201);
      numbers.push(t.body.number as string);
    }
    const first = await call(ts.url, 'POST', `/api/counters/${counter1()}/call-next`, { auth: { token: clerk } });
    const second = await call(ts.url, 'POST', `/api/counters/${counter1()}/call-next`, { auth: { token: clerk } });
    expect(second.status).toBe(200);

    // opened, 3 issued, called, (finished + called) from the second call-next
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(7);
    const got = r.accepted();
    expect(got.map((x) => x.event)).toEqual([
      'counter.opened',
      'ticket.issued',
      'ticket.issued',
      'ticket.issued',
      'ticket.called',
      'ticket.finished',
      'ticket.called',
    ]);
    for (const x of got) {
      expect(x.verified, `signature of ${x.event}`).toBe(true);
      expect(x.body.id).toBe(x.delivery);
      expect(x.body.event).toBe(x.event);
      expect(x.delivery).toMatch(/^[0-9a-f]{32}$/);
      expect(Number(x.timestamp)).toBeGreaterThan(1_600_000_000);
      expect(Number.isNaN(Date.parse(x.body.occurredAt))).toBe(false);
    }
    // each delivery id once: nothing was sent twice
    expect(new Set(r.requests.map((x) => x.delivery)).size).toBe(r.requests.length);
    expect(got.slice(1, 4).map((x) => x.body.data.ticket.number)).toEqual(numbers);
    expect(got[4]!.body.data).toMatchObject({
      ticket: { id: first.body.ticket.id, status: 'called' },
      counter: { id: counter1(), number: 1 },
      recall: false,
    });
    expect(got[5]!.body.data.ticket).toMatchObject({ id: first.body.ticket.id, status: 'finished' });
    // a tampered body fails the receiver's check (the signature covers the body)
    const x = got[0]!;
    expect(verifySignature(r.secret, x.timestamp, x.raw.replace('counter', 'c0unter'), x.signature)).toBe(false);
    // events not subscribed to were not sent
    await call(ts.url, 'POST', `/api/tickets/${second.body.ticket.id}/skip`, { auth: { token: clerk } });
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(8);
    expect(r.accepted().map((a) => a.event)).not.toContain('ticket.skipped');
  });

  it('a receiver answering 500 three times then 200 gets the event, with the same delivery id on every try', async () => {
    const { id, r } = await subscribe(['ticket.issued']);
    r.respond = (_x, n) => (n < 3 ? 500 : 200);
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    // the ticket was answered at once, whatever the receiver does
    expect(t.status).toBe(201);
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(1);
    expect(r.requests.map((x) => x.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(r.requests.map((x) => x.delivery)).size).toBe(1);
    expect(r.requests.every((x) => x.verified)).toBe(true);
    expect(r.accepted()[0]!.body.data.ticket.id).toBe(t.body.id);

    // the admin sees it: delivered after 4 tries, the last error of the failed ones gone
    const deliveries = await call(ts.url, 'GET', `/api/admin/webhooks/${id}/deliveries`, { auth: { token: admin } });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body).toHaveLength(1);
    expect(deliveries.body[0]).toMatchObject({
      id: r.requests[0]!.delivery,
      event: 'ticket.issued',
      status: 'delivered',
      attempts: 4,
      lastStatus: 200,
    });
  });

  it('keeps order behind a failing delivery: later events wait for the earlier one', async () => {
    const { r } = await subscribe(['ticket.issued']);
    r.respond = (_x, n) => (n < 2 ? 503 : 200);
    const numbers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
      numbers.push(t.body.number as string);
    }
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(4);
    expect(r.accepted().map((x) => x.body.data.ticket.number)).toEqual(numbers);
    // every request before the first accepted one was the first event's
    expect(new Set(r.requests.slice(0, 3).map((x) => x.delivery)).size).toBe(1);
  });

  it('gives up after the schedule, shows the last error, and sends again on the admin resend (same id)', async () => {
    const { id, r } = await subscribe(['ticket.issued']);
    r.respond = () => 500;
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const deliveries = async () =>
      (await call(ts.url, 'GET', `/api/admin/webhooks/${id}/deliveries`, { auth: { token: admin } })).body as Array<{
        id: string;
        status: string;
        attempts: number;
        lastError: string | null;
      }>;
    await expect.poll(async () => (await deliveries())[0]?.status, { timeout: 10_000 }).toBe('failed');
    const failed = (await deliveries())[0]!;
    expect(failed.attempts).toBe(6);
    expect(failed.lastError).toContain('HTTP 500');
    const listed = (await call(ts.url, 'GET', '/api/admin/webhooks', { auth: { token: admin } })).body;
    expect(listed.find((h: { id: number }) => h.id === id).counts).toMatchObject({ failed: 1 });

    r.respond = () => 200;
    const resend = await call(ts.url, 'POST', `/api/admin/webhooks/${id}/deliveries/${failed.id}/resend`, {
      auth: { token: admin },
    });
    expect(resend.status).toBe(202);
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(1);
    expect(r.accepted()[0]!.delivery).toBe(failed.id);
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('delivered');
  });

  it('a receiver that never answers is cut off by the timeout and retried; calls are answered meanwhile', async () => {
    const { r } = await subscribe(['ticket.called', 'ticket.issued']);
    r.respond = (_x, n) => (n === 0 ? 'hang' : 200);
    await call(ts.url, 'POST', `/api/counters/${counter1()}/open`, { auth: { token: clerk } });
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('DD') } });
    expect(t.status).toBe(201);
    const c = await call(ts.url, 'POST', `/api/counters/${counter1()}/call-next`, { auth: { token: clerk } });
    expect(c.status).toBe(200);
    await expect.poll(() => r.accepted().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const events = r.accepted().map((x) => x.event);
    expect(events.slice(0, 1)).toEqual(['ticket.issued']);
    expect(events).toContain('ticket.called');
  });

  it('dossier events in the portal names (format dvcqg), status changes and the apology', async () => {
    const { r } = await subscribe(['dossier.received', 'dossier.status_changed'], { format: 'dvcqg' });
    const applicant = { fullName: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912345678' };
    const d = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      body: { procedureCode: '1.004873', applicant, channel: 'direct' },
    });
    expect(d.status).toBe(201);
    const h = await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/handover`, {
      auth: { token: clerk },
      body: { toUnit: 'Phòng Tư pháp' },
    });
    expect(h.status).toBe(200);
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(2);
    const [received, changed] = r.accepted();
    expect(received!.event).toBe('dossier.received');
    expect(received!.body.data).toMatchObject({
      MaHoSo: d.body.code,
      MaTTHC: '1.004873',
      ChuHoSo: 'Nguyễn Văn An',
      SoDienThoai: '0912345678',
      TrangThaiHoSo: 2,
      HinhThuc: 0,
    });
    expect(received!.body.data.NgayTiepNhan).toMatch(/^\d{14}$/);
    expect(received!.body.data.NgayHenTra).toMatch(/^\d{14}$/);
    expect(changed!.event).toBe('dossier.status_changed');
    expect(changed!.body.data).toMatchObject({ MaHoSo: d.body.code, TrangThaiHoSo: 4, DonViXuLy: 'Phòng Tư pháp' });
  });

  it('refuses bad subscriptions with a Vietnamese message naming the field, and changes nothing', async () => {
    const bad = [
      { url: 'ftp://10.0.0.5/x', events: ['ticket.issued'] },
      { url: 'http://127.0.0.1:9/x', events: ['ticket.exploded'] },
      { url: 'http://127.0.0.1:9/x', events: [] },
      { url: 'http://127.0.0.1:9/x', events: ['ticket.issued'], format: 'xml' },
      { url: 'http://127.0.0.1:9/x', events: ['ticket.issued'], secret: 'short' },
    ];
    for (const body of bad) {
      const res = await call(ts.url, 'POST', '/api/admin/webhooks', { auth: { token: admin }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.message).toMatch(/Trường "(url|events|events\.0|format|secret)"/);
    }
    const hooks = await call(ts.url, 'GET', '/api/admin/webhooks', { auth: { token: admin } });
    expect(hooks.body).toEqual([]);
    // not for clerks
    const asClerk = await call(ts.url, 'POST', '/api/admin/webhooks', {
      auth: { token: clerk },
      body: { url: 'http://127.0.0.1:9/x', events: ['ticket.issued'] },
    });
    expect(asClerk.status).toBe(403);
  });
});
