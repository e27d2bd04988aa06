/**
 * The contract's queue endpoints and events against the real server:
 * a kiosk issues, a clerk calls, the board sees it.
 */
import { applyFieldQueue } from '../../server/protocol/counter-view';
import type { BoardState } from '../../server/protocol/dto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DISPLAY,
  KIOSK,
  call,
  connect,
  demoIds,
  login,
  mirrorBoard,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../helpers/server';

let ts: TestServer;
let sockets: ClientSocket[] = [];

beforeEach(async () => {
  ts = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets) s.disconnect();
  sockets = [];
  await ts.cleanup();
});

describe('queue over HTTP and socket.io', () => {
  it('serves health, fields, procedures and counters as the contract says', async () => {
    const health = await call(ts.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String) });

    const fields = await call(ts.url, 'GET', '/api/fields');
    expect(fields.status).toBe(200);
    expect(fields.body.map((f: { code: string }) => f.code)).toEqual(['HT', 'CT', 'DD', 'LD', 'XD', 'KD']);
    expect(fields.body[0]).toMatchObject({
      id: expect.any(Number),
      name: 'Tư pháp – Hộ tịch',
      active: true,
      waiting: 0,
    });

    const procs = await call(ts.url, 'GET', `/api/procedures?fieldId=${fields.body[0].id}`);
    expect(procs.status).toBe(200);
    expect(procs.body.length).toBeGreaterThan(0);
    for (const p of procs.body) {
      expect(p).toMatchObject({
        fieldId: fields.body[0].id,
        fieldCode: 'HT',
        processingDays: expect.any(Number),
        fees: expect.any(String),
      });
    }

    expect((await call(ts.url, 'GET', '/api/counters')).status).toBe(401);
    const counters = await call(ts.url, 'GET', '/api/counters', { auth: DISPLAY });
    expect(counters.status).toBe(200);
    expect(counters.body).toHaveLength(6);
    expect(counters.body[0]).toMatchObject({
      number: 1,
      status: 'closed',
      clerk: null,
      currentTicket: null,
      fieldIds: expect.any(Array),
    });
  });

  it('a login answers a token and the user; a wrong password is 401 in Vietnamese', async () => {
    const ok = await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo3', password: 'demo123' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'canbo3', role: 'clerk', fullName: expect.any(String) });
    const bad = await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo3', password: 'sai' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
  });

  it('issues, calls, recalls, skips, re-calls, transfers and finishes, with the board following', async () => {
    const ids = await demoIds(ts.url);
    const board = await connect(ts.url, DISPLAY);
    const hall = mirrorBoard(board);
    sockets.push(board);
    const first = await hall.until(() => true);
    expect(first.counters).toHaveLength(6);
    expect(first.recentCalls).toEqual([]);

    const t1 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(t1.status).toBe(201);
    expect(t1.body).toMatchObject({
      number: 'A001',
      seq: 1,
      status: 'waiting',
      priority: null,
      waitingAhead: 0,
      serviceDay: '2026-11-25',
    });
    expect(t1.body.issuedAt).toBe('2026-11-25T09:00:00+07:00');
    ts.clock.advanceMinutes(1);
    const t2 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(t2.body).toMatchObject({ number: 'A002', waitingAhead: 1, estimatedWaitMinutes: 8 });
    const t3 = await call(ts.url, 'POST', '/api/tickets', {
      auth: KIOSK,
      body: { fieldId: ids.field('KD'), priority: 'elderly' },
    });
    expect(t3.body).toMatchObject({ number: '1001', priority: 'elderly' });

    const token = await login(ts.url, 'canbo1');
    const c1 = ids.counter(1);
    const opened = await call(ts.url, 'POST', `/api/counters/${c1}/open`, { auth: { token } });
    expect(opened.status).toBe(200);
    expect(opened.body.counter).toMatchObject({ number: 1, status: 'open', clerk: { fullName: 'Nguyễn Thị Hà' } });

    const calledEvent = nextEvent(board, 'ticket:called');
    const called = await call(ts.url, 'POST', `/api/counters/${c1}/call-next`, { auth: { token } });
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'A001', status: 'called', counterNumber: 1 });
    expect(await calledEvent).toMatchObject({
      ticketId: t1.body.id,
      number: 'A001',
      counterNumber: 1,
      counterName: 'Quầy 1',
      fieldName: 'Tư pháp – Hộ tịch',
      recall: false,
      calledAt: expect.stringMatching(/\+07:00$/),
    });
    const afterCall = await hall.until((s) =>
      s.counters.some((c) => c.currentNumber === 'A001' && c.status === 'open'),
    );
    expect(afterCall.counters.find((c) => c.number === 1)).toMatchObject({
      currentNumber: 'A001',
      fieldName: 'Tư pháp – Hộ tịch',
      status: 'open',
    });
    expect(afterCall.recentCalls[0]).toMatchObject({ number: 'A001' });
    // the waiting counts follow without a new snapshot: A002 waits for Hộ tịch, 1001 for Kinh doanh
    const counts = await hall.until((s) => s.waiting.find((w) => w.fieldId === ids.field('HT'))?.waiting === 1);
    expect(counts.waiting.find((w) => w.fieldId === ids.field('KD'))?.waiting).toBe(1);

    const recallEvent = nextEvent(board, 'ticket:called', (e) => e.recall);
    const recall = await call(ts.url, 'POST', `/api/tickets/${t1.body.id}/recall`, { auth: { token } });
    expect(recall.body.ticket).toMatchObject({ status: 'called', recallCount: 1 });
    expect(await recallEvent).toMatchObject({ number: 'A001', recall: true });

    const skip = await call(ts.url, 'POST', `/api/tickets/${t1.body.id}/skip`, { auth: { token } });
    expect(skip.body.ticket).toMatchObject({ status: 'skipped' });
    const next = await call(ts.url, 'POST', `/api/counters/${c1}/call-next`, { auth: { token } });
    expect(next.body.ticket).toMatchObject({ number: 'A002' });
    // the no-show comes back: re-called the same day (A002 is finished by it)
    const back = await call(ts.url, 'POST', `/api/tickets/${t1.body.id}/recall`, { auth: { token } });
    expect(back.body.ticket).toMatchObject({ number: 'A001', status: 'called', counterNumber: 1 });
    expect((await call(ts.url, 'GET', `/api/tickets/${t2.body.id}`)).body.status).toBe('finished');

    // A001 needs business registration instead: transfer keeps the place (ahead of later KD tickets)
    ts.clock.advanceMinutes(5);
    const t4 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('KD') } });
    const moved = await call(ts.url, 'POST', `/api/tickets/${t1.body.id}/transfer`, {
      auth: { token },
      body: { fieldId: ids.field('KD') },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ number: 'A001', status: 'waiting', fieldCode: 'KD', waitingAhead: 1 });
    expect((await call(ts.url, 'GET', `/api/tickets/${t4.body.id}`)).body.waitingAhead).toBe(2);

    const token5 = await login(ts.url, 'canbo5');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(5)}/open`, { auth: { token: token5 } });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(ts.url, 'POST', `/api/counters/${ids.counter(5)}/call-next`, { auth: { token: token5 } });
      order.push(r.body.ticket.number);
    }
    expect(order).toEqual(['1001', 'A001', '1002']);
    const empty = await call(ts.url, 'POST', `/api/counters/${ids.counter(5)}/call-next`, { auth: { token: token5 } });
    expect(empty.status).toBe(404);
    expect(empty.body.error.code).toBe('QUEUE_EMPTY');

    const fin = await call(ts.url, 'POST', `/api/tickets/${t4.body.id}/finish`, { auth: { token: token5 } });
    expect(fin.body.ticket).toMatchObject({ status: 'finished', number: '1002' });

    // the board, kept by its events alone (no new snapshot), equals a fresh one and never missed an event
    const fresh = (await board.timeout(5000).emitWithAck('board:sync')) as { ok: true; data: BoardState };
    const settled = await hall.until((s) => JSON.stringify(s.counters) === JSON.stringify(fresh.data.counters));
    expect(settled.counters.find((c) => c.number === 5)).toMatchObject({ status: 'open', currentNumber: null });
    expect(settled.waiting).toEqual(fresh.data.waiting);
    // the same calls (this test's clock stands still, so calls in one millisecond may list in either order)
    const numbers = (calls: BoardState['recentCalls']) => calls.map((c) => c.number).sort();
    expect(numbers(settled.recentCalls)).toEqual(numbers(fresh.data.recentCalls));
    expect(hall.gaps).toBe(0);
  });

  it('a clerk holds one counter; another clerk cannot take it nor act on its ticket', async () => {
    const ids = await demoIds(ts.url);
    const a = await login(ts.url, 'canbo1');
    const b = await login(ts.url, 'canbo2');
    expect((await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: a } })).status).toBe(
      200,
    );
    const taken = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: b } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'COUNTER_TAKEN',
      message: expect.stringContaining('Nguyễn Thị Hà'),
    });

    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: a } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: b } });
    const steal = await call(ts.url, 'POST', `/api/tickets/${t.body.id}/finish`, { auth: { token: b } });
    expect(steal.status).toBe(409);
    expect(steal.body.error.code).toBe('TICKET_NOT_AT_YOUR_COUNTER');
    const callOther = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: b } });
    expect(callOther.status).toBe(403);
    expect(callOther.body.error.code).toBe('NOT_YOUR_COUNTER');

    // moving to another counter releases the first, unless someone is being served there
    const busy = await call(ts.url, 'POST', `/api/counters/${ids.counter(6)}/open`, { auth: { token: a } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('CLERK_BUSY');
    await call(ts.url, 'POST', `/api/tickets/${t.body.id}/finish`, { auth: { token: a } });
    expect((await call(ts.url, 'POST', `/api/counters/${ids.counter(6)}/open`, { auth: { token: a } })).status).toBe(
      200,
    );
    const list = (await call(ts.url, 'GET', '/api/counters', { auth: { token: a } })).body;
    expect(list.find((c: { number: number }) => c.number === 1)).toMatchObject({ status: 'closed', clerk: null });
    expect(list.find((c: { number: number }) => c.number === 6)).toMatchObject({
      status: 'open',
      clerk: { fullName: 'Nguyễn Thị Hà' },
    });
  });

  it('pause needs a reason, blocks calling, and resume/close work', async () => {
    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo4');
    const c = ids.counter(4);
    await call(ts.url, 'POST', `/api/counters/${c}/open`, { auth: { token } });
    const noReason = await call(ts.url, 'POST', `/api/counters/${c}/pause`, { auth: { token }, body: {} });
    expect(noReason.status).toBe(400);
    const paused = await call(ts.url, 'POST', `/api/counters/${c}/pause`, {
      auth: { token },
      body: { reason: 'Họp giao ban' },
    });
    expect(paused.body.counter).toMatchObject({ status: 'paused', pauseReason: 'Họp giao ban' });
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('LD') } });
    const blocked = await call(ts.url, 'POST', `/api/counters/${c}/call-next`, { auth: { token } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('COUNTER_PAUSED');
    expect((await call(ts.url, 'POST', `/api/counters/${c}/resume`, { auth: { token } })).body.counter.status).toBe(
      'open',
    );
    expect((await call(ts.url, 'POST', `/api/counters/${c}/call-next`, { auth: { token } })).status).toBe(200);
    const closeBusy = await call(ts.url, 'POST', `/api/counters/${c}/close`, { auth: { token } });
    expect(closeBusy.body.error.code).toBe('COUNTER_BUSY');
  });

  it('ratings: one per served ticket, the pad only for its own counter', async () => {
    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const early = await call(ts.url, 'POST', '/api/ratings', {
      auth: { deviceKey: 'demo-rating-1' },
      body: { ticketId: t.body.id, score: 4 },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_SERVED_YET');

    const pad = await connect(ts.url, { deviceKey: 'demo-rating-1' });
    sockets.push(pad);
    const asked = nextEvent(pad, 'rating:requested');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    await call(ts.url, 'POST', `/api/tickets/${t.body.id}/finish`, { auth: { token } });
    expect(await asked).toMatchObject({
      ticketId: t.body.id,
      number: 'A001',
      counterNumber: 1,
      clerkName: 'Nguyễn Thị Hà',
    });

    const wrongPad = await call(ts.url, 'POST', '/api/ratings', {
      auth: { deviceKey: 'demo-rating-2' },
      body: { ticketId: t.body.id, score: 4 },
    });
    expect(wrongPad.status).toBe(403);
    const ok = await call(ts.url, 'POST', '/api/ratings', {
      auth: { deviceKey: 'demo-rating-1' },
      body: { ticketId: t.body.id, score: 1, reasons: ['long_wait'] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ ticketId: t.body.id, score: 1 });
    const again = await call(ts.url, 'POST', '/api/ratings', {
      body: { ticketId: t.body.id, ticketKey: t.body.ticketKey, score: 4 },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await call(ts.url, 'GET', `/api/tickets/${t.body.id}`)).body.rated).toBe(true);
  });

  it('the same Idempotency-Key returns the same ticket (a double tap makes one ticket)', async () => {
    const ids = await demoIds(ts.url);
    const headers = { 'Idempotency-Key': 'press-1234-abcd' };
    const [a, b] = await Promise.all([
      call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, headers, body: { fieldId: ids.field('CT') } }),
      call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, headers, body: { fieldId: ids.field('CT') } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await call(ts.url, 'GET', '/api/fields')).body.find((f: { code: string }) => f.code === 'CT').waiting).toBe(
      1,
    );
  });

  it('numbering restarts at the start of each service day (office time zone)', async () => {
    const ids = await demoIds(ts.url);
    ts.clock.set('2026-11-25T23:59:59+07:00');
    const late = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(late.body).toMatchObject({ number: 'A001', serviceDay: '2026-11-25' });
    ts.clock.set('2026-11-26T00:00:00+07:00');
    const next = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(next.body).toMatchObject({ number: 'A001', seq: 1, serviceDay: '2026-11-26', waitingAhead: 0 });
  });

  it('the daily cap is enforced with a clear message', async () => {
    const ids = await demoIds(ts.url);
    // the admin sets the cap (the live queue takes it as the change commits)
    await ts.server.db.tx(async (q, batch) => {
      await q.run("UPDATE fields SET daily_cap = 2 WHERE code = 'XD'");
      await ts.server.services.ctx.queueConfigChanged?.(q, batch);
    });
    for (let i = 0; i < 2; i++) {
      expect(
        (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('XD') } })).status,
      ).toBe(201);
    }
    const full = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('XD') } });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({
      code: 'DAILY_CAP_REACHED',
      message: 'Đã hết số thứ tự trong ngày cho lĩnh vực Xây dựng.',
    });
    const fields = (await call(ts.url, 'GET', '/api/fields')).body;
    expect(fields.find((f: { code: string }) => f.code === 'XD')).toMatchObject({
      full: true,
      issuedToday: 2,
      waiting: 2,
    });
  });

  it('a clerk socket gets counter:state, a phone follows its ticket', async () => {
    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const clerk = await connect(ts.url, { token });
    sockets.push(clerk);
    const state = await nextEvent(clerk, 'counter:state');
    expect(state.counter).toMatchObject({ number: 1, status: 'open' });

    // a kiosk's ticket reaches the clerk as its field's queue (once for every counter serving the field)
    const fieldEvent = nextEvent(clerk, 'queue:field', (e) => e.waiting.length === 1);
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const withTicket = applyFieldQueue(state, await fieldEvent);
    expect(withTicket.waiting).toHaveLength(1);
    expect(withTicket.waiting[0]).toMatchObject({ number: 'A001', status: 'waiting' });
    expect(withTicket.waitingTotal).toBe(1);

    const phone = await connect(ts.url);
    sockets.push(phone);
    const watched = await phone.emitWithAck('ticket:watch', { ticketId: t.body.id });
    expect(watched).toMatchObject({ ok: true, data: { number: 'A001', status: 'waiting' } });
    const bad = await phone.emitWithAck('ticket:watch', { ticketId: '../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const update = nextEvent(phone, 'ticket:updated', (u) => u.status === 'called');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    expect(await update).toMatchObject({ number: 'A001', counterNumber: 1 });
  });

  it('a device socket with a wrong key is refused', async () => {
    await expect(connect(ts.url, { deviceKey: 'khong-dung' })).rejects.toThrow('Mã thiết bị không hợp lệ');
  });
});
