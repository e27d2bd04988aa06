/**
 * Many offices on one deployment (issue #17): the province administrator
 * adds offices; each is served under /o/<code>/ with its own staff,
 * devices, numbering, socket namespace and figures; the province sees
 * them all. Runs on the SQLite file (an office = a file of its own) and,
 * under `npm run test:pg`, on PostgreSQL (an office = a schema of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connect,
  demoIds,
  DISPLAY,
  KIOSK,
  login,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../helpers/server';

describe('a province of several offices', () => {
  let ts: TestServer;
  let admin = '';
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    admin = await login(ts.url, 'admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await ts.cleanup();
  });

  it('only a province administrator manages offices; bad input is a Vietnamese 400 and creates nothing', async () => {
    const listed = await call(ts.url, 'GET', '/api/province/offices', { auth: { token: admin } });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ code: 'trung-tam', basePath: '' })]);

    const supervisor = await login(ts.url, 'giamsat');
    const denied = await call(ts.url, 'GET', '/api/province/offices', { auth: { token: supervisor } });
    expect(denied.status).toBe(403);
    const clerk = await login(ts.url, 'canbo1');
    expect(
      (await call(ts.url, 'POST', '/api/province/offices', { auth: { token: clerk }, body: { code: 'x', name: 'X' } }))
        .status,
    ).toBe(403);
    expect((await call(ts.url, 'GET', '/api/province/offices')).status).toBe(401);

    const bad = await call(ts.url, 'POST', '/api/province/offices', {
      auth: { token: admin },
      body: { code: 'Xã Tân An', name: 'UBND xã Tân An' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    expect(bad.body.error.message).toContain('chữ thường không dấu');
    const noName = await call(ts.url, 'POST', '/api/province/offices', {
      auth: { token: admin },
      body: { code: 'xa-tan-an', name: '  ' },
    });
    expect(noName.status).toBe(400);
    const after = await call(ts.url, 'GET', '/api/province/offices', { auth: { token: admin } });
    expect(after.body).toHaveLength(1);
  });

  it('a new office starts empty with its own administrator, served under /o/<code>/; staff belong to one office', async () => {
    const created = await call(ts.url, 'POST', '/api/province/offices', {
      auth: { token: admin },
      body: { code: 'xa-tan-an', name: 'UBND xã Tân An' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'xa-tan-an', basePath: '/o/xa-tan-an' });
    const { username, password } = created.body.admin as { username: string; password: string };
    expect(username).toBeTruthy();
    expect(password.length).toBeGreaterThanOrEqual(8);

    const again = await call(ts.url, 'POST', '/api/province/offices', {
      auth: { token: admin },
      body: { code: 'xa-tan-an', name: 'Trùng mã' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('xa-tan-an');

    const base = `${ts.url}/o/xa-tan-an`;
    expect((await call(base, 'GET', '/api/health')).status).toBe(200);
    expect((await call(base, 'GET', '/api/fields')).body).toEqual([]);
    // its administrator signs in there (and must change the first password), not at the home office
    const token = await login(base, username, password);
    const me = await call(base, 'GET', '/api/admin/office', { auth: { token } });
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call(ts.url, 'POST', '/api/auth/login', { body: { username, password } })).status).toBe(401);
    // the home office's token and devices mean nothing there
    expect((await call(base, 'GET', '/api/auth/me', { auth: { token: admin } })).status).toBe(401);
    expect((await call(base, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: 1 } })).status).toBe(401);

    const unknown = await call(ts.url, 'GET', '/o/khong-co/api/fields');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'OFFICE_NOT_FOUND',
      message: 'Không có cơ quan mang mã "khong-co".',
    });
  });

  it('each office numbers its own tickets and its boards hear only its own calls', async () => {
    const created = await call(ts.url, 'POST', '/api/province/offices', {
      auth: { token: admin },
      body: { code: 'xa-demo', name: 'UBND xã Mẫu', seed: 'demo' },
    });
    expect(created.status).toBe(201);
    expect(created.body.admin).toBeNull();
    const base = `${ts.url}/o/xa-demo`;
    const [homeIds, ids] = await Promise.all([demoIds(ts.url), demoIds(base)]);

    const homeBoard = await connect(ts.url, DISPLAY);
    const communeBoard = await connect(base, DISPLAY);
    sockets.push(homeBoard, communeBoard);
    const communeState = await nextEvent(communeBoard, 'board:state');
    expect(communeState.counters.length).toBeGreaterThan(0);

    const home1 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: homeIds.field('HT') } });
    const commune1 = await call(base, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const commune2 = await call(base, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect([home1.status, commune1.status, commune2.status]).toEqual([201, 201, 201]);
    // the commune's numbering does not see the home office's tickets
    expect(commune1.body.number).toBe(home1.body.number);
    expect(Number(commune2.body.number.replace(/\D/g, ''))).toBe(Number(commune1.body.number.replace(/\D/g, '')) + 1);

    let homeHeard = false;
    homeBoard.on('ticket:called', () => (homeHeard = true));
    const token = await login(base, 'canbo1');
    await call(base, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const heard = nextEvent(communeBoard, 'ticket:called', (e) => e.ticketId === commune1.body.id);
    const called = await call(base, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    expect(called.status).toBe(200);
    expect(await heard).toMatchObject({ number: commune1.body.number, counterNumber: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(homeHeard).toBe(false);

    // the phone link on the ticket names the office
    expect(commune1.body.phoneUrl).toContain('/o/xa-demo/kiosk/t/');
    // its pages are served under its prefix
    const page = await fetch(`${base}/kiosk`, { redirect: 'manual' });
    expect([301, 302]).toContain(page.status);
    expect(page.headers.get('location')).toBe('/o/xa-demo/kiosk/');
    const html = await fetch(`${base}/kiosk/`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="app"');
  });

  it('the province sees every office and the province as a whole', async () => {
    const offices = await call(ts.url, 'GET', '/api/province/offices', { auth: { token: admin } });
    expect(offices.body.map((o: { code: string }) => o.code)).toEqual(['trung-tam', 'xa-tan-an', 'xa-demo']);
    const waiting = Object.fromEntries(offices.body.map((o: { code: string; waiting: number }) => [o.code, o.waiting]));
    expect(waiting).toEqual({ 'trung-tam': 1, 'xa-tan-an': 0, 'xa-demo': 1 });

    const q = await call(ts.url, 'GET', '/api/province/reports/queue?from=2026-11-25&to=2026-11-25', {
      auth: { token: admin },
    });
    expect(q.status).toBe(200);
    const issued = Object.fromEntries(q.body.offices.map((o: { code: string; issued: number }) => [o.code, o.issued]));
    expect(issued).toEqual({ 'trung-tam': 1, 'xa-tan-an': 0, 'xa-demo': 2 });
    expect(q.body.province.issued).toBe(3);

    const i766 = await call(ts.url, 'GET', '/api/province/reports/index766?from=2026-11-01&to=2026-11-30', {
      auth: { token: admin },
    });
    expect(i766.status).toBe(200);
    expect(i766.body.offices).toHaveLength(3);
    expect(i766.body.province.groups.length).toBe(i766.body.offices[0].groups.length);
    const badPeriod = await call(ts.url, 'GET', '/api/province/reports/queue?from=2026-11-30&to=2026-11-01', {
      auth: { token: admin },
    });
    expect(badPeriod.status).toBe(400);
  });

  it('after a restart every office is served again, with its queue as it was', async () => {
    ts = await ts.restart();
    const base = `${ts.url}/o/xa-demo`;
    const fields = (await call(base, 'GET', '/api/fields')).body as Array<{ code: string; waiting: number }>;
    expect(fields.find((f) => f.code === 'HT')?.waiting).toBe(1);
    expect((await call(`${ts.url}/o/xa-tan-an`, 'GET', '/api/fields')).body).toEqual([]);
  });
});
