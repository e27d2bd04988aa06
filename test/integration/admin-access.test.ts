/**
 * Only administrators reach /api/admin: every admin route refuses the
 * public, devices, clerks and supervisors, and changes nothing for them.
 * A disabled clerk cannot sign in, and their open sessions stop working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../server/transport/http';
import {
  DISPLAY,
  KIOSK,
  STORAGE,
  call,
  connect,
  demoIds,
  login,
  startTestServer,
  type Auth,
  type TestServer,
} from '../helpers/server';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.cleanup();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the real app serves under /api/admin, whichever router declares it. */
function adminRoutes(): Array<[string, string]> {
  const app = createHttpApp(ts.server.services, 'no-web-root') as unknown as { router: { stack: Layer[] } };
  const out: Array<[string, string]> = [];
  const walk = (stack: Layer[]) => {
    for (const l of stack) {
      if (l.route) for (const m of Object.keys(l.route.methods)) out.push([m.toUpperCase(), `/api${l.route.path}`]);
      else if (l.handle?.stack) walk(l.handle.stack);
    }
  };
  walk(app.router.stack);
  return out.filter(([, path]) => path.startsWith('/api/admin/') || path === '/api/admin');
}

/** The demo's ids: field/counter/staff 1, display device 2 (`demo-display-1`). */
const fill = (path: string) => path.replace(':id', '1').replace(':year', '2026').replace(':boardId', '2');

describe('admin routes', () => {
  it('are many, and each refuses everyone but an administrator', async () => {
    const ADMIN_ROUTES = adminRoutes();
    // this office's own and the display settings' (issue 6), at least
    expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(30);
    expect(ADMIN_ROUTES).toContainEqual(['PUT', '/api/admin/display']);
    const adminChanges = async () =>
      (
        (await call(ts.url, 'GET', '/api/admin/audit?limit=500', { auth: { token: await login(ts.url, 'admin') } }))
          .body as Array<{
          action: string;
        }>
      ).filter((e) => !e.action.startsWith('auth.')).length;
    const changesBefore = await adminChanges();
    const callers: Array<[string, Auth, number, string]> = [
      ['public', {}, 401, 'UNAUTHENTICATED'],
      ['kiosk', KIOSK, 403, 'FORBIDDEN'],
      ['display', DISPLAY, 403, 'FORBIDDEN'],
      ['rating pad', { deviceKey: 'demo-rating-1' }, 403, 'FORBIDDEN'],
      ['clerk', { token: await login(ts.url, 'canbo1') }, 403, 'FORBIDDEN'],
      ['supervisor', { token: await login(ts.url, 'giamsat') }, 403, 'FORBIDDEN'],
    ];
    const body = { name: 'X', code: 'ZZ', kind: 'kiosk', password: 'abcdefgh12', number: 99, fieldIds: [1] };
    for (const [method, path] of ADMIN_ROUTES) {
      for (const [who, auth, status, code] of callers) {
        const res = await call(ts.url, method, fill(path), { auth, ...(method === 'GET' ? {} : { body }) });
        expect({ who, method, path, status: res.status, code: res.body?.error?.code }).toEqual({
          who,
          method,
          path,
          status,
          code,
        });
      }
    }
    const admin = await login(ts.url, 'admin');
    // only sign-ins were recorded: no admin change went through
    expect(await adminChanges()).toBe(changesBefore);
    expect((await call(ts.url, 'GET', '/api/admin/fields', { auth: { token: admin } })).body).toHaveLength(6);
    // webhook 1, so its deliveries can be listed (issue 15)
    const hook = await call(ts.url, 'POST', '/api/admin/webhooks', {
      auth: { token: admin },
      body: { url: 'http://127.0.0.1:9/hook', events: ['ticket.issued'], active: false },
    });
    expect(hook.body.id).toBe(1);
    for (const [method, path] of adminRoutes().filter(([m]) => m === 'GET')) {
      const res = await call(ts.url, method, fill(path), { auth: { token: admin } });
      // PostgreSQL: the database administrator backs up (pg_dump); the download says so instead of a file
      const expected = STORAGE === 'postgres' && path === '/api/admin/backup' ? 409 : 200;
      expect({ path, status: res.status }).toEqual({ path, status: expected });
    }
  });

  it('a disabled clerk cannot sign in, and their open session and socket stop working', async () => {
    const admin = await login(ts.url, 'admin');
    const ids = await demoIds(ts.url);
    const clerk = await login(ts.url, 'canbo2');
    expect(
      (await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: clerk } })).status,
    ).toBe(200);
    const socket = await connect(ts.url, { token: clerk });
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    const staff = (await call(ts.url, 'GET', '/api/admin/staff', { auth: { token: admin } })).body as Array<{
      id: number;
      username: string;
    }>;
    const canbo2 = staff.find((s) => s.username === 'canbo2')!;

    const res = await call(ts.url, 'POST', `/api/admin/staff/${canbo2.id}/disable`, { auth: { token: admin } });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);

    expect(await dropped).toBe('io server disconnect');
    expect((await call(ts.url, 'GET', '/api/auth/me', { auth: { token: clerk } })).status).toBe(401);
    expect(
      (await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/call-next`, { auth: { token: clerk } })).status,
    ).toBe(401);
    const again = await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo2', password: 'demo123' } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('ACCOUNT_DISABLED');
    // the counter they held is free again
    const counters = (await call(ts.url, 'GET', '/api/counters', { auth: { token: admin } })).body as Array<{
      id: number;
      clerk: unknown;
      status: string;
    }>;
    expect(counters.find((c) => c.id === ids.counter(2))).toMatchObject({ clerk: null, status: 'closed' });
    // never deleted: listed, and enabled again they sign in
    expect(
      (await call(ts.url, 'POST', `/api/admin/staff/${canbo2.id}/enable`, { auth: { token: admin } })).status,
    ).toBe(200);
    expect(await login(ts.url, 'canbo2')).toBeTruthy();
  });

  it('an administrator cannot lock themself out, nor disable the last administrator', async () => {
    const admin = await login(ts.url, 'admin');
    const me = (await call(ts.url, 'GET', '/api/auth/me', { auth: { token: admin } })).body;
    const self = await call(ts.url, 'POST', `/api/admin/staff/${me.id}/disable`, { auth: { token: admin } });
    expect(self.status).toBe(409);
    const demote = await call(ts.url, 'PUT', `/api/admin/staff/${me.id}`, {
      auth: { token: admin },
      body: { fullName: 'Quản trị', role: 'clerk', defaultCounterId: null },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');
  });
});
