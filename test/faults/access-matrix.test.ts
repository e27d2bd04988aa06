/**
 * Every route and socket event × every role (issue #12), table-driven from
 * the app's own route list: a route missing from POLICY fails the test, so
 * a new route cannot be forgotten. "Let through" = answered with anything
 * but 401/403; "refused" = 401 (no or bad credentials) or 403 (wrong role,
 * or a clerk acting on another's counter).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connect, startTestServer, type TestServer } from '../helpers/server';
import { ALL, POLICY, ROLES, STAFF, allowed, appRoutes, office, type Office, type RoleName } from './roles';

let ts: TestServer;
let o: Office;
beforeAll(async () => {
  ts = await startTestServer();
  o = await office(ts);
});
afterAll(async () => {
  await ts.cleanup();
});

/** Counter 1 open by its clerk and serving a ticket, whatever the last route did to it; returns that ticket. */
async function ensureServing(): Promise<string> {
  const auth = o.auth.clerk;
  const state = (await call(ts.url, 'GET', `/api/counters/${o.counter1}/state`, { auth })).body;
  if (state.counter.clerk?.username !== 'canbo1' || state.counter.status === 'closed') {
    await call(ts.url, 'POST', `/api/counters/${o.counter1}/open`, { auth });
  }
  if (state.counter.status === 'paused') await call(ts.url, 'POST', `/api/counters/${o.counter1}/resume`, { auth });
  const current = (await call(ts.url, 'GET', `/api/counters/${o.counter1}/state`, { auth })).body.counter.currentTicket;
  if (current) return current.id as string;
  await call(ts.url, 'POST', '/api/tickets', { auth: o.auth.kiosk, body: { fieldId: 1 } });
  const called = await call(ts.url, 'POST', `/api/counters/${o.counter1}/call-next`, { auth });
  return called.body.ticket.id as string;
}

/** Bodies that are valid where a route validates before it checks who acts (so the check is what answers). */
const BODIES: Record<string, (ticket: string) => unknown> = {
  'POST /api/counters/:counterId/pause': () => ({ reason: 'Họp giao ban' }),
  'POST /api/tickets/:id/transfer': () => ({ fieldId: 2 }),
  'POST /api/ratings': (ticket) => ({ ticketId: ticket, score: 4 }),
  'POST /api/counters/:counterId/call': (ticket) => ({ ticketId: ticket }),
};

/** A clerk of another counter is refused with "not your counter" (409), or 403. */
const NOT_YOURS = ['COUNTER_TAKEN', 'TICKET_NOT_AT_YOUR_COUNTER'];

/** Real ids where a role's right depends on them (counter 1 and its ticket); elsewhere ids that do not exist. */
function fill(path: string, ticket: string): string {
  return path
    .replace(':counterId', String(o.counter1))
    .replace(':deviceId', String(o.kioskDeviceId))
    .replace(/\/tickets\/:id\/qr\.svg/, `/tickets/${ticket}/qr.svg?k=${ts.server.services.ticketKeys.keyFor(ticket)}`)
    .replace(/\/tickets\/:id/, `/tickets/${ticket}`)
    .replace(':file', '01.html')
    .replace(':index', '0')
    .replace(':year', '2026')
    .replace(':boardId', '999999')
    .replace(':alertId', '999999')
    .replace(':id', '999999');
}

describe('the access matrix', () => {
  it('names every route the app serves', () => {
    const routes = appRoutes(ts);
    expect(routes.length).toBeGreaterThanOrEqual(90);
    expect(routes.filter((r) => allowed(r) === undefined)).toEqual([]);
    // and names no route the app does not serve
    expect(Object.keys(POLICY).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('every route × every role: let through exactly the roles it names, refuses the rest with 401/403', async () => {
    const routes = appRoutes(ts);
    const seen: string[] = [];
    // the served ticket's own clerk goes last, so a route it lets through cannot change what others meet
    const order: RoleName[] = ['none', 'kiosk', 'board', 'pad', 'key', 'otherClerk', 'supervisor', 'admin', 'clerk'];
    let checked = 0;
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const live = /counters\/:counterId|tickets\/:id|ratings$/.test(path);
      for (const role of order) {
        const ticket = live ? await ensureServing() : o.servedTicket;
        const auth = route === 'POST /api/auth/logout' ? await o.freshAuth(role) : o.auth[role];
        const body = BODIES[route]?.(ticket) ?? {};
        const res = await call(ts.url, method, fill(path, ticket), { auth, ...(method === 'GET' ? {} : { body }) });
        const refused =
          res.status === 401 ||
          res.status === 403 ||
          (res.status === 409 && NOT_YOURS.includes(res.body?.error?.code as string));
        const through = !refused;
        const want = allowed(route)!.includes(role);
        if (through !== want) seen.push(`${route} as ${role}: ${res.status} ${JSON.stringify(res.body?.error ?? '')}`);
        expect(res.status, `${route} as ${role}`).toBeLessThan(500);
        checked++;
      }
    }
    expect(seen).toEqual([]);
    expect(checked).toBe(routes.length * ROLES.length);
    console.log(`[faults] access matrix: ${routes.length} routes × ${ROLES.length} roles = ${checked} requests`);
  });

  it('every socket event × every role', async () => {
    const events: Record<string, readonly RoleName[]> = {
      'board:sync': ALL,
      'counter:sync': STAFF,
      'ticket:watch': ALL,
    };
    const seen: string[] = [];
    for (const role of ROLES) {
      const socket = await connect(ts.url, o.auth[role]);
      for (const [event, roles] of Object.entries(events)) {
        const res =
          event === 'ticket:watch'
            ? await socket.emitWithAck('ticket:watch', { ticketId: o.servedTicket })
            : await socket.emitWithAck(event as 'board:sync');
        const through = res.ok || !['FORBIDDEN', 'UNAUTHENTICATED'].includes(res.error.code);
        if (through !== roles.includes(role)) seen.push(`${event} as ${role}: ${JSON.stringify(res)}`.slice(0, 200));
      }
      socket.disconnect();
    }
    expect(seen).toEqual([]);
  });
});
