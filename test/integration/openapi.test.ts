/**
 * The OpenAPI 3.1 description (issue 15): it validates with a real OpenAPI
 * validator, names every route the app serves (walked from express's router
 * stack) and no other, and each route validates with exactly the zod
 * schemas the document was built from (watched while every route is called
 * once as a caller it lets through). The page: test/e2e/api-docs.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/protocol/api-routes';
import { validationProbe } from '../../server/transport/validate';
import { allowed, appRoutes, office, type Office, type RoleName } from '../faults/roles';
import { call, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let o: Office;
beforeAll(async () => {
  ts = await startTestServer();
  o = await office(ts);
});
afterAll(async () => {
  validationProbe.listener = null;
  await ts.cleanup();
});

const documented = () => new Set(API_ROUTES.map((r) => `${r.method.toUpperCase()} /api${r.path}`));

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator)', async () => {
    const res = await call(ts.url, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // the webhook events are described too, with their signed headers
    expect(Object.keys(res.body.webhooks)).toContain('dossier.status_changed');
    const headers = res.body.webhooks['ticket.called'].post.parameters.map((p: { name: string }) => p.name);
    expect(headers).toEqual(['X-Motcua-Event', 'X-Motcua-Delivery', 'X-Motcua-Timestamp', 'X-Motcua-Signature']);
  });

  it('lists every route the app serves, and no other', async () => {
    const served = appRoutes(ts).filter((r) => r !== 'GET /');
    expect(served.length).toBeGreaterThanOrEqual(100);
    expect(served.filter((r) => !documented().has(r))).toEqual([]);
    expect([...documented()].filter((r) => !served.includes(r))).toEqual([]);
    const doc = (await call(ts.url, 'GET', '/api/openapi.json')).body;
    const inDoc = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{([A-Za-z]+)\}/g, ':$1')}`),
    );
    expect(inDoc.sort()).toEqual([...served].sort());
  });

  it('documents roles, bodies and error codes', async () => {
    const doc = (await call(ts.url, 'GET', '/api/openapi.json')).body;
    const create = doc.paths['/api/admin/webhooks'].post;
    expect(create['x-motcua-access']).toEqual(['admin', 'scope:webhooks:manage']);
    expect(create.security).toEqual([
      { staffToken: ['admin'] },
      { sessionCookie: ['admin'] },
      { integrationKey: ['webhooks:manage'] },
    ]);
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['url', 'events']);
    expect(schema.properties.events.items.enum).toContain('ticket.called');
    expect(create.responses['400'].description).toContain('VALIDATION_ERROR');
    const callNext = doc.paths['/api/counters/{counterId}/call-next'].post;
    expect(callNext.responses['4XX'].description).toContain('QUEUE_EMPTY');
    expect(callNext.parameters[0]).toMatchObject({ name: 'counterId', in: 'path', required: true });
    const list = doc.paths['/api/dossiers'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['code', 'day', 'status']),
    );
  });

  it('names only error codes the server gives', () => {
    const source = readdirSync('server', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('api-routes.ts'))
      .map((f) => readFileSync(join('server', f), 'utf8'))
      .join('\n');
    const unknown = API_ROUTES.flatMap((r) => r.errors ?? []).filter((code) => !source.includes(`'${code}'`));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('each route validates with exactly the schemas its description was built from', async () => {
    const names = new Map<z.ZodType, string>();
    for (const r of API_ROUTES)
      for (const v of r.validates) names.set(v.schema, `${v.in}${v.name ? `:${v.name}` : ''}`);
    const pick: RoleName[] = ['admin', 'clerk', 'supervisor', 'pad', 'kiosk', 'board', 'key', 'none'];
    const wrong: string[] = [];
    let seen: z.ZodType[] = [];
    validationProbe.listener = (schema) => seen.push(schema);
    for (const route of API_ROUTES) {
      const key = `${route.method.toUpperCase()} /api${route.path}`;
      const roles = allowed(key) ?? [];
      const role = pick.find((r) => roles.includes(r))!;
      const path = `/api${route.path}`
        .replace(':counterId', String(o.counter1))
        .replace(':deviceId', String(o.kioskDeviceId))
        .replace(/\/tickets\/:id/, `/tickets/${o.servedTicket}`)
        .replace(':file', '01.html')
        .replace(':index', '0')
        .replace(':year', '2026')
        .replace(':deliveryId', '0'.repeat(32))
        .replace(/:[A-Za-z]+/g, '1');
      const auth = key === 'POST /api/auth/logout' ? await o.freshAuth('admin') : role === 'none' ? {} : o.auth[role];
      seen = [];
      // an empty body, no query: each route parses what it parses (and refuses what is missing)
      await call(ts.url, route.method.toUpperCase(), path, {
        auth,
        ...(route.method === 'get' || route.rawBody ? {} : { body: {} }),
      });
      const mine = new Set(route.validates.map((v) => v.schema));
      for (const s of seen) {
        if (!mine.has(s)) wrong.push(`${key} validates with ${names.get(s) ?? 'a schema not in the table'}`);
      }
      for (const v of route.validates) {
        // a whole body or query (a single named parameter is parsed only when it is sent)
        if ((v.in === 'body' || v.in === 'query') && !v.name && !v.byService && !seen.includes(v.schema)) {
          wrong.push(`${key} did not validate its ${v.in} with the documented schema`);
        }
      }
    }
    validationProbe.listener = null;
    expect(wrong).toEqual([]);
  });
});
