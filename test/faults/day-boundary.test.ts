/**
 * The day boundary: local midnight while the server runs, and a start-up
 * on a new day. Nothing of yesterday is lost, and numbering restarts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
afterEach(async () => {
  await ts.cleanup();
});

const issue = async (fieldId: number) =>
  (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } })).body as {
    id: string;
    number: string;
    serviceDay: string;
  };

describe('the day boundary', () => {
  it('at local midnight and at a start-up on a new day: yesterday kept, numbering restarts', async () => {
    ts = await startTestServer({ start: '2026-11-25T23:58:00+07:00' });
    const ids = await demoIds(ts.url);
    const field = ids.field('HT');
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const yesterday = [await issue(field), await issue(field), await issue(field)];
    expect(yesterday.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
    // one is being served across midnight
    const called = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    expect(called.body.ticket.number).toBe('A001');

    // local midnight (Asia/Ho_Chi_Minh) while running
    ts.clock.set('2026-11-26T00:00:00.001+07:00');
    const first = await issue(field);
    expect(first).toMatchObject({ number: 'A001', serviceDay: '2026-11-26' });
    const fields = (await call(ts.url, 'GET', '/api/fields')).body as Array<{ id: number; waiting: number }>;
    expect(fields.find((f) => f.id === field)!.waiting).toBe(1);
    // the citizen served across midnight can be finished; yesterday's waiting tickets are kept, not callable
    expect(
      (await call(ts.url, 'POST', `/api/tickets/${called.body.ticket.id}/finish`, { auth: { token } })).status,
    ).toBe(200);
    const old = await call(ts.url, 'POST', `/api/tickets/${yesterday[1]!.id}/recall`, { auth: { token } });
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('TICKET_EXPIRED');
    for (const t of yesterday) {
      expect((await call(ts.url, 'GET', `/api/tickets/${t.id}`)).body).toMatchObject({
        number: t.number,
        serviceDay: '2026-11-25',
      });
    }

    // stopped overnight, started the next day
    await ts.stop();
    ts.clock.set('2026-11-27T07:30:00+07:00');
    ts = await ts.restart();
    expect(await issue(field)).toMatchObject({ number: 'A001', serviceDay: '2026-11-27' });
    expect((await call(ts.url, 'GET', `/api/tickets/${first.id}`)).body).toMatchObject({
      number: 'A001',
      serviceDay: '2026-11-26',
    });
    const rows = await ts.server.db.read((q) =>
      q.all<{ day: string; n: number }>(
        'SELECT service_day AS day, count(*) AS n FROM tickets GROUP BY day ORDER BY day',
      ),
    );
    expect(rows).toEqual([
      { day: '2026-11-25', n: 3 },
      { day: '2026-11-26', n: 1 },
      { day: '2026-11-27', n: 1 },
    ]);
  });
});
