/**
 * Fuzz (issue #12): ≥ 10,000 malformed bodies, queries, path parameters,
 * headers, cookies and socket events over every route and event, each sent
 * with valid credentials of a role the route lets through. Never a 5xx,
 * always the contract's error shape, the server stays up, and the database
 * is unchanged (a dump, leaving out the audit log and sessions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connect, startTestServer, type Auth, type TestServer } from '../helpers/server';
import { allowed, appRoutes, dump, office, type Office } from './roles';

let ts: TestServer;
let o: Office;
beforeAll(async () => {
  ts = await startTestServer();
  o = await office(ts);
});
afterAll(async () => {
  await ts.cleanup();
});

/** A small seeded PRNG (mulberry32): the same run every time, and a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(12);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const LONE = ['\ud800', 'a\udfffb', '\udbff'];
const BAD_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  'x'.repeat(5000),
  '0000-01-01',
  '9999-12-31T23:59:59+07:00',
  '2026-02-30',
  '1e309',
  'NaN',
  '<script>alert(1)</script>',
  "'; DROP TABLE tickets; --",
  '__proto__',
  'constructor',
  ...LONE,
  [],
  [1, 2, 3],
  { toString: 1 },
];
const FIELD_VALUES: unknown[] = ['x'.repeat(5000), ...LONE, -1.5, 1e300, { toString: 1 }, [[['x']]], { '': { '': 0 } }];
const KEYS = [
  'fieldId',
  'ticketId',
  'ticketKey',
  'score',
  'reasons',
  'reason',
  'name',
  'code',
  'username',
  'password',
  'currentPassword',
  'newPassword',
  'text',
  'edits',
  'kind',
  'counterId',
  'procedureId',
  'priority',
  'applicant',
  'receivedAt',
  'newDueAt',
  'signedBy',
  'toUnit',
  'channel',
  'fieldIds',
  'number',
  'role',
  'settings',
  'address',
  'route',
  'entries',
  'lang',
  '__proto__',
  'constructor',
];

function badBody(): { body?: unknown; rawBody?: string; headers?: Record<string, string> } {
  const r = rand();
  if (r < 0.15) {
    return {
      rawBody: pick([
        '{"a":',
        '{',
        '[',
        '"\\ud800"',
        '1e309',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
        `{"text":"${pick(['\\ud800', '\\udfff', '\\u0000'])}"}`,
        '\u0000\u0001\u0002',
        '\uFEFF{"a":',
        '[' + '['.repeat(3000) + ']'.repeat(3000) + ']',
      ]),
    };
  }
  if (r < 0.25) {
    return {
      rawBody: pick(['a,b,c\n1,2', '<xml/>', '--x\r\nContent-Disposition: form-data\r\n\r\n', '\xff\xfe']),
      headers: {
        'content-type': pick(['text/plain', 'text/csv', 'application/xml', 'multipart/form-data; boundary=x']),
      },
    };
  }
  // (null and {} are left out: to a route whose fields are all optional they are a valid empty update)
  if (r < 0.35) return { body: pick(BAD_VALUES.filter((v) => v !== null)) };
  // known keys with values no field of any route accepts (too long, not text, not a whole number, nested junk)
  const body: Record<string, unknown> = {};
  const n = 1 + Math.floor(rand() * 4);
  // defineProperty: `__proto__` must be a key of the JSON sent, not the object's prototype (that would send `{}`)
  for (let i = 0; i < n; i++) {
    Object.defineProperty(body, pick(KEYS), {
      value: pick(FIELD_VALUES),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return { body };
}

const BAD_PARAMS = [
  '0',
  '-1',
  'abc',
  '1e3',
  '1.5',
  '__proto__',
  'constructor',
  '%E0%A4%A',
  '%',
  '9'.repeat(30),
  '%00',
  '%20',
];
const BAD_QUERY_KEYS = [
  'from',
  'to',
  'table',
  'format',
  'year',
  'limit',
  'fieldId',
  'code',
  'day',
  'status',
  'receivedAt',
  'workingDays',
  'k',
  'number',
  'counter',
  'notice',
  'mine',
  'atRisk',
  'ticketId',
];
const BAD_QUERY_VALUES = [
  '0000-01-01',
  '9999-12-31',
  '2026-13-01',
  '__proto__',
  'constructor',
  'toString',
  '%E0%A4%A',
  '-1',
  '1e309',
  'x'.repeat(3000),
  '',
  '%F0%9F',
  'NaN',
];

function badQuery(): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) parts.push(`${pick(BAD_QUERY_KEYS)}=${pick(BAD_QUERY_VALUES)}`);
  if (rand() < 0.2) parts.push(`${pick(BAD_QUERY_KEYS)}=a&${pick(BAD_QUERY_KEYS)}=b`);
  return '?' + parts.join('&');
}

/** Real ids half the time (so the body, not the id, is what is refused), bad ones the other half. */
function fillPath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (rand() < 0.5) return pick(BAD_PARAMS);
    if (name === 'counterId') return String(o.counter1);
    if (name === 'id' && path.startsWith('/api/tickets')) return o.servedTicket;
    if (name === 'file') return pick(['01.html', '06.html', '..%2F..%2Fetc%2Fpasswd', 'x']);
    if (name === 'year') return pick(['2026', '0', '99999']);
    return '999999';
  });
}

/** Routes that may answer 2xx to junk without changing anything: a pure function, or no input at all. */
const PURE_OR_BODYLESS = new Set(['POST /api/auth/logout', 'POST /api/admin/qr', 'POST /api/admin/backups/run']);
/** Routes whose only input is who calls (no body or query to fuzz): a few header cases only. */
const NO_INPUT = new Set(['POST /api/admin/backups/run', 'GET /api/admin/backup']);
/** Routes that act when called correctly with no body: their path parameter is always a bad one. */
const ACT_WITHOUT_BODY =
  /\/(open|resume|close|call-next|recall|skip|finish|resubmit|print-receipt|disable|enable|revoke|retry)$/;

function authFor(route: string): Auth {
  const roles = allowed(route)!;
  // the most privileged caller a route lets through (the most code behind the gate)
  for (const r of ['admin', 'clerk', 'supervisor', 'kiosk', 'board', 'pad', 'none'] as const) {
    if (roles.includes(r)) return r === 'none' ? {} : o.auth[r];
  }
  return {};
}

function badHeaders(auth: Auth): Record<string, string> {
  return pick<Record<string, string>>([
    { cookie: 'motcua_token=%E0%A4%A' },
    { cookie: 'motcua_token=%' },
    { cookie: '=; ;;; motcua_token' },
    { 'idempotency-key': pick(['', 'x'.repeat(500), '\u00ff', '../../']) },
    { 'x-forwarded-proto': 'https' },
    { accept: 'text/html' },
    { 'content-type': 'application/json; charset=latin1' },
    auth.token ? { 'x-device-key': 'not-a-key' } : { 'accept-language': 'xx' },
  ]);
}

describe('fuzz', () => {
  it('≥ 10,000 malformed requests over every route: never 5xx, always the error shape, nothing changed', async () => {
    const routes = appRoutes(ts);
    const before = await dump(ts);
    const PER_ROUTE = 115;
    let sent = 0;
    const failures: string[] = [];
    const timings: Array<[string, number]> = [];
    const accepted: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const auth = route === 'POST /api/auth/logout' ? {} : authFor(route);
      const n = NO_INPUT.has(route) ? 3 : PER_ROUTE;
      const batch: Array<Promise<void>> = [];
      const started = Date.now();
      for (let i = 0; i < n; i++) {
        let p = NO_INPUT.has(route) ? path : fillPath(path);
        if (ACT_WITHOUT_BODY.test(path) && p === path.replace(/:(\w+)/g, '')) p = path;
        if (ACT_WITHOUT_BODY.test(path)) p = path.replace(/:(\w+)/g, () => pick(BAD_PARAMS));
        const kind = NO_INPUT.has(route) ? 3 : i % 4;
        const opts: Parameters<typeof call>[3] = { auth };
        if (kind === 0 || kind === 3) opts.headers = badHeaders(auth);
        if (kind === 1 || (kind === 2 && method === 'GET')) p += badQuery();
        if (method !== 'GET') Object.assign(opts, badBody());
        const target = p;
        batch.push(
          call(ts.url, method, target, opts).then(
            (res) => {
              const isApi = target.startsWith('/api');
              const shapeOk =
                res.status < 400 ||
                !isApi ||
                (typeof res.body?.error?.code === 'string' && typeof res.body?.error?.message === 'string');
              // a malformed request that changes something is accepted with 2xx: name it
              if (method !== 'GET' && res.status < 300 && !PURE_OR_BODYLESS.has(route)) {
                accepted.push(`${method} ${target} ${JSON.stringify(opts).slice(0, 200)} → ${res.status}`);
              }
              if (res.status >= 500 || !shapeOk) {
                failures.push(
                  `${method} ${target} ${JSON.stringify(opts).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
                );
              }
            },
            (err: unknown) => void failures.push(`${method} ${target}: ${String(err)}`),
          ),
        );
        sent++;
        if (batch.length >= 40) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
      timings.push([route, Date.now() - started]);
    }
    console.log('[faults] slowest routes ' + JSON.stringify(timings.sort((a, b) => b[1] - a[1]).slice(0, 8)));
    expect(failures.slice(0, 20)).toEqual([]);
    expect(accepted.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect((await call(ts.url, 'GET', '/api/health')).status).toBe(200);
    const after = await dump(ts);
    const changed = Object.keys(before).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
    expect(
      changed.map((t) => ({
        table: t,
        before: before[t]!.length,
        after: after[t]!.length,
        last: JSON.stringify(after[t]!.at(-1)).slice(0, 300),
      })),
    ).toEqual([]);
    console.log(`[faults] fuzz: ${sent} malformed requests over ${routes.length} routes, 0 × 5xx, database unchanged`);
  });

  it('malformed socket events and handshakes: error Results, the server up, nothing changed', async () => {
    const before = await dump(ts);
    let sent = 0;
    for (const auth of [{}, o.auth.kiosk, o.auth.board, o.auth.pad, o.auth.clerk, o.auth.admin]) {
      const socket = await connect(ts.url, auth);
      for (let i = 0; i < 60; i++) {
        const payload = pick(BAD_VALUES);
        const event = pick(['ticket:watch', 'board:sync', 'counter:sync', 'nope:event', '__proto__', 'constructor']);
        if (event === 'ticket:watch') {
          const res = await socket.timeout(5000).emitWithAck('ticket:watch', payload as never);
          expect(res).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
        }
        // without an ack callback, or with junk arguments: nothing may throw
        (socket.emit as (...args: unknown[]) => void)(event, payload, payload);
        sent += 2;
      }
      // still answering
      expect(await socket.timeout(5000).emitWithAck('board:sync')).toMatchObject({ ok: true });
      socket.disconnect();
    }
    // handshakes with junk auth
    for (const auth of [{ deviceKey: 42 }, { token: {} }, { token: '\ud800' }, { deviceKey: 'x'.repeat(10_000) }]) {
      await connect(ts.url, auth as never).then(
        (s) => s.disconnect(),
        () => undefined,
      );
      sent++;
    }
    expect((await call(ts.url, 'GET', '/api/health')).status).toBe(200);
    expect(await dump(ts)).toEqual(before);
    console.log(`[faults] fuzz: ${sent} malformed socket events and handshakes`);
  });
});
