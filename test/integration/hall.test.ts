/**
 * The supervisor's live hall against the real server: targets on the
 * admin API, GET /api/hall, `hall:state` to supervisors only, alerts
 * raised once on the clock (TestClock + a short hall tick), seen by the
 * right clerks, cleared when called, acknowledged and audited; the direct
 * call and its place in the reports; the estimate recorded at issue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KIOSK,
  call,
  connect,
  demoIds,
  login,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../helpers/server';
import { startReceiver } from '../helpers/webhook-receiver';
import type { AlertDto, CounterAlertsEvent, HallStateDto } from '../../server/protocol/hall';

let ts: TestServer;
let sockets: ClientSocket[] = [];

beforeEach(async () => {
  ts = await startTestServer({ hallTickMs: 50 });
});
afterEach(async () => {
  for (const s of sockets) s.disconnect();
  sockets = [];
  await ts.cleanup();
});

async function setFieldTargets(
  token: string,
  code: string,
  targets: { targetWaitMinutes: number | null; targetServiceMinutes: number | null; maxQueueLength: number | null },
) {
  const list = (await call(ts.url, 'GET', '/api/admin/fields', { auth: { token } })).body as Array<
    Record<string, unknown>
  >;
  const f = list.find((x) => x.code === code)!;
  const body = {
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
    numbering: f.numbering,
    prefix: f.prefix,
    rangeStart: f.rangeStart,
    rangeEnd: f.rangeEnd,
    dailyCap: f.dailyCap,
    avgServiceMinutes: f.avgServiceMinutes,
    active: f.active,
    ...targets,
  };
  return call(ts.url, 'PUT', `/api/admin/fields/${String(f.id)}`, { auth: { token }, body });
}

async function hall(token: string): Promise<HallStateDto> {
  const res = await call<HallStateDto>(ts.url, 'GET', '/api/hall', { auth: { token } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('the live hall', () => {
  it('field targets are saved on the admin API, bad ones refused in Vietnamese naming the field', async () => {
    const admin = await login(ts.url, 'admin');
    const ok = await setFieldTargets(admin, 'DD', {
      targetWaitMinutes: 25,
      targetServiceMinutes: 18,
      maxQueueLength: 30,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 'DD', targetWaitMinutes: 25, targetServiceMinutes: 18, maxQueueLength: 30 });
    const bad = await setFieldTargets(admin, 'DD', {
      targetWaitMinutes: 0,
      targetServiceMinutes: null,
      maxQueueLength: null,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('targetWaitMinutes');
    const sup = await login(ts.url, 'giamsat');
    const h = await hall(sup);
    expect(h.fields.find((f) => f.code === 'DD')).toMatchObject({ targetWaitMinutes: 25, targetServiceMinutes: 18 });
    // office defaults for the others
    expect(h.fields.find((f) => f.code === 'HT')).toMatchObject({ targetWaitMinutes: 30, targetServiceMinutes: 20 });
    // clerks and kiosks do not see the hall
    expect((await call(ts.url, 'GET', '/api/hall', { auth: { token: await login(ts.url, 'canbo1') } })).status).toBe(
      403,
    );
    expect((await call(ts.url, 'GET', '/api/hall', { auth: KIOSK })).status).toBe(403);
  });

  it('a ticket over target raises one alert, seen by the clerks of its field only, cleared when called, acknowledged and audited', async () => {
    const ids = await demoIds(ts.url);
    const admin = await login(ts.url, 'admin');
    await setFieldTargets(admin, 'DD', { targetWaitMinutes: 10, targetServiceMinutes: null, maxQueueLength: null });
    // the province's system subscribes to the hall's alerts (issue 15's webhooks)
    const receiver = await startReceiver();
    const sub = await call(ts.url, 'POST', '/api/admin/webhooks', {
      auth: { token: admin },
      body: { url: receiver.url, events: ['alert.raised', 'alert.acknowledged', 'alert.cleared'] },
    });
    expect(sub.status).toBe(201);
    receiver.secret = sub.body.secret as string;
    const sup = await login(ts.url, 'giamsat');
    const clerk3 = await login(ts.url, 'canbo3'); // counter 3 serves DD
    const clerk1 = await login(ts.url, 'canbo1'); // counter 1 does not
    expect(
      (await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/open`, { auth: { token: clerk3 } })).status,
    ).toBe(200);
    expect(
      (await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk1 } })).status,
    ).toBe(200);
    const supSocket = await connect(ts.url, { token: sup });
    const s3 = await connect(ts.url, { token: clerk3 });
    const s1 = await connect(ts.url, { token: clerk1 });
    const clerkSocket = await connect(ts.url, { token: clerk3 });
    sockets.push(supSocket, s3, s1, clerkSocket);
    const c1Alerts: CounterAlertsEvent[] = [];
    s1.on('counter:alerts', (e) => c1Alerts.push(e));

    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('DD') } });
    expect(t.status).toBe(201);
    const live = await nextEvent(supSocket, 'hall:state', (h) =>
      h.fields.some((f) => f.code === 'DD' && f.waiting === 1),
    );
    expect(live.alerts).toEqual([]);

    ts.clock.advanceMinutes(11);
    const raised = await nextEvent(s3, 'counter:alerts', (e) => e.alerts.length > 0);
    expect(raised.alerts).toHaveLength(1);
    const alert = raised.alerts[0]!;
    expect(alert).toMatchObject({
      kind: 'wait-over-target',
      fieldId: ids.field('DD'),
      ticketId: t.body.id,
      acknowledgedAt: null,
    });
    const inHall = await nextEvent(supSocket, 'hall:state', (h) => h.alerts.length > 0);
    expect(inHall.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(inHall.overTarget.map((o) => o.number)).toEqual([t.body.number]);
    expect(inHall.fields.find((f) => f.code === 'DD')).toMatchObject({
      waiting: 1,
      longestWaitMinutes: 11,
      overTarget: 1,
    });

    // later evaluations do not raise it again
    ts.clock.advanceMinutes(2);
    await ts.server.services.hall.evaluate();
    expect((await hall(sup)).alerts).toHaveLength(1);
    const log = await call<{ alerts: AlertDto[] }>(ts.url, 'GET', '/api/hall/alerts?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(log.body.alerts).toHaveLength(1);
    // counter 1 does not serve Đất đai: never told
    expect(c1Alerts.every((e) => e.alerts.length === 0)).toBe(true);
    expect(
      (await call(ts.url, 'POST', `/api/hall/alerts/${alert.id}/acknowledge`, { auth: { token: clerk1 } })).status,
    ).toBe(403);

    const ack = await call(ts.url, 'POST', `/api/hall/alerts/${alert.id}/acknowledge`, { auth: { token: sup } });
    expect(ack.status).toBe(200);
    expect(ack.body.alert).toMatchObject({ id: alert.id, acknowledgedBy: { fullName: 'Đỗ Thị Mai' } });
    expect(
      (await call(ts.url, 'POST', `/api/hall/alerts/${alert.id}/acknowledge`, { auth: { token: sup } })).status,
    ).toBe(409);
    const audit = await call(ts.url, 'GET', '/api/admin/audit?limit=20', { auth: { token: admin } });
    expect(audit.body).toContainEqual(
      expect.objectContaining({ action: 'alert.acknowledged', entityId: String(alert.id), actor: 'Đỗ Thị Mai' }),
    );

    // the clerk calls it: the alert clears
    const called = await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/call-next`, { auth: { token: clerk3 } });
    expect(called.body.ticket.id).toBe(t.body.id);
    await nextEvent(s3, 'counter:alerts', (e) => e.alerts.length === 0);
    await expect.poll(async () => (await hall(sup)).alerts).toEqual([]);
    const cleared = await call<{ alerts: AlertDto[] }>(
      ts.url,
      'GET',
      '/api/hall/alerts?from=2026-11-25&to=2026-11-25',
      {
        auth: { token: sup },
      },
    );
    expect(cleared.body.alerts[0]).toMatchObject({ id: alert.id, clearedAt: expect.any(String) });
    // the daily report counts it
    const report = await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(report.body.alerts).toMatchObject({ raised: 1, acknowledged: 1 });

    // the webhook heard raised → acknowledged → cleared, signed, about this alert
    await expect
      .poll(() => receiver.accepted().map((r) => r.event))
      .toEqual(['alert.raised', 'alert.acknowledged', 'alert.cleared']);
    const deliveries = receiver.accepted();
    expect(deliveries.every((r) => r.verified)).toBe(true);
    expect(deliveries.map((r) => r.body.data.alert.id)).toEqual([alert.id, alert.id, alert.id]);
    expect(deliveries[0]!.body.data.alert).toMatchObject({ kind: 'wait-over-target', ticketId: t.body.id });
    await receiver.close();
  });

  it('a field nobody serves, a long pause and a long service raise their alerts', async () => {
    const ids = await demoIds(ts.url);
    const sup = await login(ts.url, 'giamsat');
    const clerk3 = await login(ts.url, 'canbo3');
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('DD') } });
    await ts.server.services.hall.evaluate();
    expect((await hall(sup)).alerts.map((a) => a.kind)).toEqual(['field-unserved']);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/open`, { auth: { token: clerk3 } });
    await ts.server.services.hall.evaluate();
    expect((await hall(sup)).alerts).toEqual([]);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/pause`, {
      auth: { token: clerk3 },
      body: { reason: 'Họp' },
    });
    ts.clock.advanceMinutes(16);
    await ts.server.services.hall.evaluate();
    const h = await hall(sup);
    expect(h.alerts.map((a) => a.kind).sort()).toEqual(['counter-paused', 'field-unserved']);
    expect(h.counters.find((c) => c.number === 3)).toMatchObject({
      status: 'paused',
      pauseReason: 'Họp',
      pausedMinutes: 16,
    });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/resume`, { auth: { token: clerk3 } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(3)}/call-next`, { auth: { token: clerk3 } });
    ts.clock.advanceMinutes(21);
    await ts.server.services.hall.evaluate();
    const after = await hall(sup);
    expect(after.alerts.map((a) => a.kind)).toEqual(['service-over-target']);
    expect(after.counters.find((c) => c.number === 3)).toMatchObject({ servingMinutes: 21, overTarget: true });
  });

  it('a direct call takes one waiting ticket of the counter fields, jumps the queue and is counted', async () => {
    const ids = await demoIds(ts.url);
    const clerk1 = await login(ts.url, 'canbo1');
    const sup = await login(ts.url, 'giamsat');
    const first = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const second = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const land = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('DD') } });
    expect(second.body.estimatedWaitMinutes).toBeGreaterThan(0);
    const path = `/api/counters/${ids.counter(1)}/call`;
    // not opened yet
    expect(
      (await call(ts.url, 'POST', path, { auth: { token: clerk1 }, body: { ticketId: second.body.id } })).status,
    ).toBe(403);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk1 } });
    const bad = await call(ts.url, 'POST', path, { auth: { token: clerk1 }, body: { ticketId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ticketId');
    const other = await call(ts.url, 'POST', path, { auth: { token: clerk1 }, body: { ticketId: land.body.id } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('NOT_YOUR_FIELD');
    const ok = await call(ts.url, 'POST', path, { auth: { token: clerk1 }, body: { ticketId: second.body.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.ticket).toMatchObject({ id: second.body.id, status: 'called', counterNumber: 1 });
    const again = await call(ts.url, 'POST', path, { auth: { token: clerk1 }, body: { ticketId: second.body.id } });
    expect(again.status).toBe(409);
    // the first one still waits, first in line
    const state = await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token: clerk1 } });
    expect(state.body.waiting[0].id).toBe(first.body.id);
    const report = await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(report.body.directCalls).toBe(1);
    expect(report.body.byCounter.find((c: { name: string }) => c.name.includes('1'))).toMatchObject({ directCalls: 1 });
    expect((await hall(sup)).today).toMatchObject({ issued: 3, directCalls: 1 });
  });
});

describe('alerts across a restart', () => {
  it('an open alert survives a restart, is not raised again, and clears afterwards', async () => {
    const ids = await demoIds(ts.url);
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    ts.clock.advanceMinutes(31);
    await ts.server.services.hall.evaluate();
    let sup = await login(ts.url, 'giamsat');
    const before = (await hall(sup)).alerts;
    expect(before.map((a) => [a.kind, a.ticketId ?? null])).toEqual(
      expect.arrayContaining([
        ['wait-over-target', t.body.id],
        ['field-unserved', null],
      ]),
    );
    ts = await ts.restart();
    sup = await login(ts.url, 'giamsat');
    await ts.server.services.hall.evaluate();
    expect((await hall(sup)).alerts.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    const clerk = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
    await ts.server.services.hall.evaluate();
    expect((await hall(sup)).alerts).toEqual([]);
    const log = await call<{ alerts: AlertDto[] }>(ts.url, 'GET', '/api/hall/alerts?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(log.body.alerts).toHaveLength(before.length);
    expect(log.body.alerts.every((a) => a.clearedAt !== null)).toBe(true);
  });
});

describe('the estimate and its error', () => {
  it('records the wait announced at issue and reports its error per field and per day (API and .xlsx)', async () => {
    const ids = await demoIds(ts.url);
    const sup = await login(ts.url, 'giamsat');
    const clerk = await login(ts.url, 'canbo1');
    const a1 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const a2 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    // nobody ahead: 0; one ahead at 8 minutes a service, no counter open yet: 8
    expect([a1.body.estimatedWaitMinutes, a2.body.estimatedWaitMinutes]).toEqual([0, 8]);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
    ts.clock.advanceMinutes(4);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
    ts.clock.advanceMinutes(6);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
    // A001: announced 0, waited 4; A002: announced 8, waited 10
    const r = await call(ts.url, 'GET', '/api/reports/estimates?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ count: 2, meanAbsoluteError: 3, within5Share: 1, meanError: -3 });
    expect(r.body.byField).toEqual([
      {
        id: ids.field('HT'),
        name: 'Tư pháp – Hộ tịch',
        count: 2,
        meanAbsoluteError: 3,
        within5Share: 1,
        meanError: -3,
      },
    ]);
    expect(r.body.byDay).toEqual([
      { day: '2026-11-25', count: 2, meanAbsoluteError: 3, within5Share: 1, meanError: -3 },
    ]);
    const bad = await call(ts.url, 'GET', '/api/reports/estimates?from=2026-11-25&to=x', { auth: { token: sup } });
    expect(bad.status).toBe(400);
    const csv = await call(
      ts.url,
      'GET',
      '/api/reports/queue/export?from=2026-11-25&to=2026-11-25&format=csv&table=estimates',
      {
        auth: { token: sup },
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Tư pháp – Hộ tịch,2,3,100,-3');
  });

  it('the office default targets are set on the admin API and apply to fields without their own', async () => {
    const admin = await login(ts.url, 'admin');
    const office = (await call(ts.url, 'GET', '/api/admin/office', { auth: { token: admin } })).body;
    expect(office.targets).toEqual({ waitMinutes: 30, serviceMinutes: 20, maxQueueLength: null, pauseMinutes: 15 });
    const { setUp: _s, today: _t, ...body } = office;
    const saved = await call(ts.url, 'PUT', '/api/admin/office', {
      auth: { token: admin },
      body: { ...body, targets: { waitMinutes: 25, serviceMinutes: 15, maxQueueLength: 40, pauseMinutes: 10 } },
    });
    expect(saved.status).toBe(200);
    const bad = await call(ts.url, 'PUT', '/api/admin/office', {
      auth: { token: admin },
      body: { ...body, targets: { waitMinutes: 0, serviceMinutes: 15, maxQueueLength: null, pauseMinutes: 10 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Thời gian chờ mục tiêu');
    const h = await hall(await login(ts.url, 'giamsat'));
    expect(h.fields.find((f) => f.code === 'HT')).toMatchObject({
      targetWaitMinutes: 25,
      targetServiceMinutes: 15,
      maxQueueLength: 40,
    });
  });
});
