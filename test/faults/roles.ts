/**
 * The app's own route list (walked from express's router stack, so a new
 * route cannot be left out) and every kind of caller the office has.
 */
import { createHttpApp } from '../../server/transport/http';
import { provinceRoutes } from '../../server/transport/province';
import { DISPLAY, KIOSK, call, demoIds, login, type Auth, type TestServer } from '../helpers/server';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /api/path` the real app serves, from its router stack. */
export function appRoutes(ts: TestServer): string[] {
  // the home office's app, with the province's routes it serves
  const app = createHttpApp(ts.server.services, 'no-web-root', [
    provinceRoutes(ts.server.province)(ts.server.services),
  ]) as unknown as { router: { stack: Layer[] } };
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        for (const m of Object.keys(l.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${l.route.path}`);
      } else if (l.handle?.stack) walk(l.handle.stack, prefix);
    }
  };
  walk(app.router.stack, '/api');
  // the catch-all page route (GET /) is not under /api
  return out.map((r) => (r === 'GET /api/' ? 'GET /' : r));
}

/** `key`: a program holding an integration key with `dossiers:read` only (issue 15). */
export const ROLES = ['none', 'kiosk', 'board', 'pad', 'key', 'otherClerk', 'clerk', 'supervisor', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

/** Who each route lets through (the access matrix and the fuzz, which calls each route as a role it lets through). */
export const ALL = ROLES;
export const STAFF: RoleName[] = ['otherClerk', 'clerk', 'supervisor', 'admin'];
const DEVICES_AND_STAFF: RoleName[] = ['kiosk', 'board', 'pad', ...STAFF];
const REPORTS: RoleName[] = ['supervisor', 'admin'];
const ADMIN: RoleName[] = ['admin'];
/** The counter's own clerk only (counter 1 and its served ticket). */
export const OWN_CLERK: RoleName[] = ['clerk'];

/** Who each route lets through. */
export const POLICY: Record<string, readonly RoleName[]> = {
  'GET /': ALL,
  'GET /api/health': ALL,
  'GET /api/fields': ALL,
  'GET /api/procedures': ALL,
  'GET /api/tickets/:id': ALL,
  'POST /api/auth/login': ALL,
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': STAFF,
  'POST /api/auth/change-password': STAFF,
  'POST /api/tickets': ['kiosk', ...STAFF],
  'GET /api/kiosk/config': ALL,
  'GET /api/tickets/:id/qr.svg': ALL,
  'GET /api/printers': STAFF,
  'PUT /api/printers/:deviceId': ADMIN,
  'POST /api/printers/:deviceId/retry': STAFF,
  'GET /api/counters': DEVICES_AND_STAFF,
  'GET /api/counters/:counterId/state': STAFF,
  'POST /api/counters/:counterId/open': OWN_CLERK,
  'POST /api/counters/:counterId/pause': OWN_CLERK,
  'POST /api/counters/:counterId/resume': OWN_CLERK,
  'POST /api/counters/:counterId/close': OWN_CLERK,
  'POST /api/counters/:counterId/call-next': OWN_CLERK,
  'POST /api/tickets/:id/recall': OWN_CLERK,
  'POST /api/tickets/:id/skip': OWN_CLERK,
  'POST /api/tickets/:id/finish': OWN_CLERK,
  'POST /api/tickets/:id/transfer': OWN_CLERK,
  'POST /api/ratings': ['pad'],
  'GET /api/rating-pad': ['pad'],
  'GET /api/reports/queue': REPORTS,
  'GET /api/reports/queue/export': REPORTS,
  'GET /api/reports/dossiers': REPORTS,
  'GET /api/reports/dossiers/breakdown': REPORTS,
  'GET /api/reports/dossiers/at-risk': REPORTS,
  'GET /api/reports/dossiers/export': REPORTS,
  'GET /api/reports/export': REPORTS,
  'GET /api/reports/ledger': REPORTS,
  'POST /api/dossiers/import': REPORTS,
  'POST /api/ratings/paper': REPORTS,
  'GET /api/calendar/holidays': ALL,
  'GET /api/calendar/due-date': ALL,
  'POST /api/dossiers': STAFF,
  'GET /api/dossiers/lookup': ALL,
  'GET /api/dossiers': STAFF,
  'GET /api/dossiers/:id': STAFF,
  'GET /api/dossiers/:id/forms/:file': STAFF,
  'POST /api/dossiers/:id/print-receipt': STAFF,
  'POST /api/dossiers/:id/supplement': STAFF,
  'POST /api/dossiers/:id/resubmit': STAFF,
  'POST /api/dossiers/:id/refuse': STAFF,
  'POST /api/dossiers/:id/handover': STAFF,
  'POST /api/dossiers/:id/resolve': STAFF,
  'POST /api/dossiers/:id/apology': STAFF,
  'POST /api/dossiers/:id/return': STAFF,
  'POST /api/dossiers/:id/withdraw': STAFF,
  'GET /api/announcements/audio': ['board', ...STAFF],
  // printers as offices have them (issue 14)
  'PUT /api/counters/:counterId/printer': ADMIN,
  'POST /api/counters/:counterId/printer/test-page': ADMIN,
  'GET /api/printers/profiles': STAFF,
  'GET /api/printers/attached': ADMIN,
  'POST /api/printers/:deviceId/test-page': ADMIN,
  'POST /api/printers/:deviceId/drop': STAFF,
  // the law of 2025–2026 (issue 13)
  'GET /api/reports/bieu06.html': REPORTS,
  'GET /api/reports/index766': REPORTS,
  'POST /api/dossiers/:id/documents/:index/file': STAFF,
  'POST /api/dossiers/:id/stop': STAFF,
  // the live hall (issue 16); a clerk may also acknowledge an alert about their own counter (test/integration/hall.test.ts)
  'GET /api/hall': REPORTS,
  'GET /api/hall/alerts': REPORTS,
  'POST /api/hall/alerts/:alertId/acknowledge': REPORTS,
  'GET /api/counters/:counterId/alerts': STAFF,
  'POST /api/counters/:counterId/call': OWN_CLERK,
  'GET /api/reports/estimates': REPORTS,
  // talking to the province (issue 15): a dossiers:read key reads dossiers and nothing else
  'GET /api/openapi.json': ALL,
  'GET /api/dossiers/portal-export': [...STAFF, 'key'],
  // a province (issue 17): the demo's admin is the province administrator; a supervisor is not
  'GET /api/province/offices': ADMIN,
  'POST /api/province/offices': ADMIN,
  'GET /api/province/reports/index766': ADMIN,
  'GET /api/province/reports/queue': ADMIN,
};
// the routes a dossiers:read key may read besides the public ones
for (const route of ['GET /api/dossiers', 'GET /api/dossiers/:id']) POLICY[route] = [...POLICY[route]!, 'key'];
const isAdminPath = (route: string) => route.split(' ')[1]!.startsWith('/api/admin/');
export const allowed = (route: string): readonly RoleName[] | undefined => (isAdminPath(route) ? ADMIN : POLICY[route]);

export interface Office {
  auth: Record<RoleName, Auth>;
  /** A fresh token for a staff role (logout ends the one it is given). */
  freshAuth(role: RoleName): Promise<Auth>;
  /** The ticket being served at counter 1 (by `clerk`). */
  servedTicket: string;
  counter1: number;
  kioskDeviceId: number;
}

const USERS: Partial<Record<RoleName, string>> = {
  otherClerk: 'canbo2',
  clerk: 'canbo1',
  supervisor: 'giamsat',
  admin: 'admin',
};

/** The demo office with counter 1 open by `clerk` serving a ticket, counter 2 open by `otherClerk`. */
export async function office(ts: TestServer): Promise<Office> {
  const ids = await demoIds(ts.url);
  const tokens: Partial<Record<RoleName, string>> = {};
  for (const [role, user] of Object.entries(USERS)) tokens[role as RoleName] = await login(ts.url, user);
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: tokens.clerk! } });
  await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: tokens.otherClerk! } });
  for (let i = 0; i < 3; i++)
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
  const called = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, {
    auth: { token: tokens.clerk! },
  });
  const devices = (await call(ts.url, 'GET', '/api/admin/devices', { auth: { token: tokens.admin! } })).body as Array<{
    id: number;
    kind: string;
  }>;
  const auth: Record<RoleName, Auth> = {
    none: {},
    kiosk: KIOSK,
    board: DISPLAY,
    pad: { deviceKey: 'demo-rating-1' },
    otherClerk: { token: tokens.otherClerk! },
    clerk: { token: tokens.clerk! },
    supervisor: { token: tokens.supervisor! },
    admin: { token: tokens.admin! },
    key: { token: '' },
  };
  const key = await call(ts.url, 'POST', '/api/admin/integration-keys', {
    auth: auth.admin,
    body: { name: 'Cổng DVC tỉnh (đọc hồ sơ)', scopes: ['dossiers:read'] },
  });
  auth.key = { token: key.body.key as string };
  return {
    auth,
    freshAuth: async (role) => {
      const user = USERS[role];
      return user ? { token: await login(ts.url, user) } : auth[role];
    },
    servedTicket: called.body.ticket.id as string,
    counter1: ids.counter(1),
    kioskDeviceId: devices.find((d) => d.kind === 'kiosk')!.id,
  };
}

/** Everything in the database but what a refused request may touch (the audit log, sessions, last-seen times). */
export async function dump(ts: TestServer): Promise<Record<string, unknown[]>> {
  return ts.server.db.read(async (q) => {
    const tables = await q.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sessions') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const rows = await q.all<Record<string, unknown>>(`SELECT * FROM "${name}" ORDER BY rowid`);
      out[name] = rows.map((r) => {
        // a key's use is counted on the key even when what it asked is refused
        const { last_seen_at: _seen, last_used_at: _used, use_count: _uses, ...rest } = r;
        return rest;
      });
    }
    return out;
  });
}
