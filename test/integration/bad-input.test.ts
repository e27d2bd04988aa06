/**
 * Bad input to every endpoint and event gets a clear 4xx in Vietnamese,
 * names the field, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY, KIOSK, call, connect, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let clerk: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let ticketId: string;

/** Everything that would change if a bad request slipped through. */
async function stateFingerprint() {
  return ts.server.db.read(async (q) => ({
    tickets: await q.all('SELECT * FROM tickets ORDER BY id'),
    counters: await q.all('SELECT id, status, clerk_id, pause_reason, current_ticket_id FROM counters ORDER BY id'),
    ratings: await q.all('SELECT * FROM ratings'),
  }));
}

beforeAll(async () => {
  ts = await startTestServer();
  ids = await demoIds(ts.url);
  clerk = await login(ts.url, 'canbo1');
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
  ticketId = (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } })).body.id;
});
afterAll(async () => {
  await ts.cleanup();
});

const vietnamese = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;

interface Case {
  name: string;
  method: string;
  path: () => string;
  auth?: () => { token?: string; deviceKey?: string };
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
}

const cases: Case[] = [
  {
    name: 'login without password',
    method: 'POST',
    path: () => '/api/auth/login',
    body: { username: 'canbo1' },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'password',
  },
  {
    name: 'login with broken JSON',
    method: 'POST',
    path: () => '/api/auth/login',
    rawBody: '{"username":',
    status: 400,
    code: 'INVALID_JSON',
  },
  {
    name: 'procedures with a non-numeric fieldId',
    method: 'GET',
    path: () => '/api/procedures?fieldId=abc',
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'fieldId',
  },
  {
    name: 'ticket with a string fieldId',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => KIOSK,
    body: { fieldId: '1' },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'fieldId',
  },
  {
    name: 'ticket with an unknown priority',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => KIOSK,
    body: { fieldId: 1, priority: 'vip' },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'priority',
  },
  {
    name: 'ticket for a field that does not exist',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => KIOSK,
    body: { fieldId: 999 },
    status: 404,
    code: 'FIELD_NOT_FOUND',
  },
  {
    name: 'ticket with a bad Idempotency-Key',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => KIOSK,
    body: { fieldId: 1 },
    headers: { 'Idempotency-Key': 'x' },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'Idempotency-Key',
  },
  {
    name: 'ticket from the display board (wrong device)',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => DISPLAY,
    body: { fieldId: 1 },
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'ticket without any credentials',
    method: 'POST',
    path: () => '/api/tickets',
    body: { fieldId: 1 },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'ticket with a revoked/unknown device key',
    method: 'POST',
    path: () => '/api/tickets',
    auth: () => ({ deviceKey: 'nope' }),
    body: { fieldId: 1 },
    status: 401,
    code: 'INVALID_DEVICE_KEY',
  },
  {
    name: 'get ticket with a malformed id',
    method: 'GET',
    path: () => '/api/tickets/..%2F..',
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'id',
  },
  {
    name: 'get ticket that does not exist',
    method: 'GET',
    path: () => '/api/tickets/zzzzzzzzzzzz',
    status: 404,
    code: 'TICKET_NOT_FOUND',
  },
  {
    name: 'counters without credentials',
    method: 'GET',
    path: () => '/api/counters',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'open a counter id that is not a number',
    method: 'POST',
    path: () => '/api/counters/abc/open',
    auth: () => ({ token: clerk }),
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'counterId',
  },
  {
    name: 'open a counter that does not exist',
    method: 'POST',
    path: () => '/api/counters/999/open',
    auth: () => ({ token: clerk }),
    status: 404,
    code: 'COUNTER_NOT_FOUND',
  },
  {
    name: 'open a counter as the kiosk',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(2)}/open`,
    auth: () => KIOSK,
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'pause with an empty reason',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(1)}/pause`,
    auth: () => ({ token: clerk }),
    body: { reason: '   ' },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'reason',
  },
  {
    name: 'pause with a too long reason',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(1)}/pause`,
    auth: () => ({ token: clerk }),
    body: { reason: 'x'.repeat(201) },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'reason',
  },
  {
    name: 'resume a counter the clerk does not hold',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(3)}/resume`,
    auth: () => ({ token: clerk }),
    status: 403,
    code: 'NOT_YOUR_COUNTER',
  },
  {
    name: 'close a counter the clerk does not hold',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(3)}/close`,
    auth: () => ({ token: clerk }),
    status: 403,
    code: 'NOT_YOUR_COUNTER',
  },
  {
    name: 'call-next by the kiosk',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(1)}/call-next`,
    auth: () => KIOSK,
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'call-next with an expired token',
    method: 'POST',
    path: () => `/api/counters/${ids.counter(1)}/call-next`,
    auth: () => ({ token: 'not-a-token' }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'recall a ticket that is only waiting elsewhere',
    method: 'POST',
    path: () => '/api/tickets/zzzzzzzzzzzz/recall',
    auth: () => ({ token: clerk }),
    status: 404,
    code: 'TICKET_NOT_FOUND',
  },
  {
    name: 'skip a ticket not being served here',
    method: 'POST',
    path: () => `/api/tickets/${ticketId}/skip`,
    auth: () => ({ token: clerk }),
    status: 409,
    code: 'TICKET_NOT_AT_YOUR_COUNTER',
  },
  {
    name: 'finish a ticket not being served here',
    method: 'POST',
    path: () => `/api/tickets/${ticketId}/finish`,
    auth: () => ({ token: clerk }),
    status: 409,
    code: 'TICKET_NOT_AT_YOUR_COUNTER',
  },
  {
    name: 'transfer with neither field nor counter',
    method: 'POST',
    path: () => `/api/tickets/${ticketId}/transfer`,
    auth: () => ({ token: clerk }),
    body: {},
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'fieldId',
  },
  {
    name: 'transfer to a field that does not exist',
    method: 'POST',
    path: () => `/api/tickets/${ticketId}/transfer`,
    auth: () => ({ token: clerk }),
    body: { fieldId: 999 },
    status: 404,
    code: 'FIELD_NOT_FOUND',
  },
  {
    name: 'transfer as the kiosk',
    method: 'POST',
    path: () => `/api/tickets/${ticketId}/transfer`,
    auth: () => KIOSK,
    body: { fieldId: 2 },
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'rating with score 5',
    method: 'POST',
    path: () => '/api/ratings',
    body: { ticketId: 'zzzzzzzzzzzz', score: 5 },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'score',
  },
  {
    name: 'rating with an unknown reason',
    method: 'POST',
    path: () => '/api/ratings',
    body: { ticketId: 'zzzzzzzzzzzz', score: 1, reasons: ['rude'] },
    status: 400,
    code: 'VALIDATION_ERROR',
    field: 'reasons.0',
  },
  {
    name: 'rating a ticket not yet served',
    method: 'POST',
    path: () => '/api/ratings',
    // the counter's pad (without the pad or the ticket's key a rating is refused outright)
    auth: () => ({ deviceKey: 'demo-rating-1' }),
    body: { ticketId: 'PLACEHOLDER', score: 4 },
    status: 409,
    code: 'NOT_SERVED_YET',
  },
  {
    name: 'an endpoint that does not exist',
    method: 'GET',
    path: () => '/api/khong-co',
    status: 404,
    code: 'NOT_FOUND',
  },
];

describe('bad input changes nothing', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await stateFingerprint();
      const body = c.body && JSON.parse(JSON.stringify(c.body).replace('PLACEHOLDER', ticketId));
      const res = await call(ts.url, c.method, c.path(), {
        ...(c.auth ? { auth: c.auth() } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}),
        ...(c.headers ? { headers: c.headers } : {}),
      });
      expect(res.status).toBe(c.status);
      expect(res.body.error.code).toBe(c.code);
      expect(res.body.error.message).toMatch(vietnamese);
      if (c.field) expect(res.body.error.details.field).toBe(c.field);
      expect(await stateFingerprint()).toEqual(before);
      // the server is still up
      expect((await call(ts.url, 'GET', '/api/health')).status).toBe(200);
    });
  }

  it('socket events with bad payloads answer an error Result and change nothing', async () => {
    const before = await stateFingerprint();
    const board = await connect(ts.url, DISPLAY);
    const res = await board.emitWithAck('ticket:watch', { ticketId: 42 } as never);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(vietnamese) },
    });
    const missing = await board.emitWithAck('ticket:watch', { ticketId: 'zzzzzzzzzzzz' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    const notStaff = await board.emitWithAck('counter:sync');
    expect(notStaff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    board.disconnect();
    expect(await stateFingerprint()).toEqual(before);
  });
});
