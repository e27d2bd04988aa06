/**
 * Integration keys (issue 15): the admin creates one with a name, scopes
 * and an optional expiry; it is shown once and stored hashed; it works as
 * `Authorization: Bearer mc_…`; every use is in the audit log; revoked or
 * expired it gets 401; a key with `dossiers:read` reads dossiers and
 * nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let admin: string;
let clerk: string;
let dossierId: number;

beforeAll(async () => {
  ts = await startTestServer();
  admin = await login(ts.url, 'admin');
  clerk = await login(ts.url, 'canbo1');
  const d = await call(ts.url, 'POST', '/api/dossiers', {
    auth: { token: clerk },
    body: {
      procedureCode: '1.004873',
      applicant: { fullName: 'Trần Thị Bình', phone: '0912345678' },
      channel: 'online',
    },
  });
  expect(d.status).toBe(201);
  dossierId = d.body.id as number;
});
afterAll(async () => {
  await ts.cleanup();
});

async function createKey(body: Record<string, unknown>) {
  return call(ts.url, 'POST', '/api/admin/integration-keys', { auth: { token: admin }, body });
}

describe('integration keys', () => {
  it('a dossiers:read key reads dossiers and nothing else', async () => {
    const created = await createKey({ name: 'Cổng DVC tỉnh', scopes: ['dossiers:read'] });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^mc_[A-Za-z0-9_-]{32}$/);
    expect(created.body).toMatchObject({ name: 'Cổng DVC tỉnh', scopes: ['dossiers:read'], state: 'active' });
    const auth = { token: key };

    const list = await call(ts.url, 'GET', '/api/dossiers', { auth });
    expect(list.status).toBe(200);
    expect(list.body.map((d: { id: number }) => d.id)).toContain(dossierId);
    const one = await call(ts.url, 'GET', `/api/dossiers/${dossierId}`, { auth });
    expect(one.status).toBe(200);
    expect(one.body.applicant.fullName).toBe('Trần Thị Bình');
    const portal = await call(ts.url, 'GET', '/api/dossiers/portal-export', { auth });
    expect(portal.status).toBe(200);
    expect(portal.body[0]).toMatchObject({ MaHoSo: one.body.code, HinhThuc: 1, ChuHoSo: 'Trần Thị Bình' });
    const csv = await call(ts.url, 'GET', '/api/dossiers/portal-export?format=csv', { auth });
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n')[0]).toContain('MaHoSo,MaTTHC,TenTTHC');
    expect(String(csv.body)).toContain(one.body.code as string);

    // nothing else: no writes on dossiers, no reports, no queue, no admin, no webhooks
    const refused: Array<[string, string, unknown?]> = [
      ['POST', '/api/dossiers', { procedureCode: '1.004873', applicant: { fullName: 'X' }, channel: 'direct' }],
      ['POST', `/api/dossiers/${dossierId}/resolve`, {}],
      ['GET', `/api/dossiers/${dossierId}/forms/01.html`],
      ['GET', '/api/reports/queue'],
      ['GET', '/api/reports/dossiers'],
      ['GET', '/api/counters'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/admin/office'],
      ['GET', '/api/admin/webhooks'],
      ['GET', '/api/admin/integration-keys'],
      ['POST', '/api/tickets', { fieldId: 1 }],
    ];
    for (const [method, path, body] of refused) {
      const res = await call(ts.url, method, path, { auth, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // the public routes stay public
    expect((await call(ts.url, 'GET', '/api/fields', { auth })).status).toBe(200);
  });

  it('is shown once, stored hashed, every use audited, revoked at once', async () => {
    const created = await createKey({ name: 'Báo cáo tỉnh', scopes: ['reports:read', 'queue:read'] });
    const key = created.body.key as string;
    const listed = await call(ts.url, 'GET', '/api/admin/integration-keys', { auth: { token: admin } });
    const mine = listed.body.find((k: { id: number }) => k.id === created.body.id);
    expect(mine).toMatchObject({ name: 'Báo cáo tỉnh', prefix: key.slice(0, 8), state: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const stored = await ts.server.db.read((q) =>
      q.all<Record<string, unknown>>('SELECT * FROM integration_keys WHERE id = ?', [created.body.id]),
    );
    expect(JSON.stringify(stored)).not.toContain(key);

    expect((await call(ts.url, 'GET', '/api/reports/dossiers/at-risk', { auth: { token: key } })).status).toBe(200);
    expect((await call(ts.url, 'GET', '/api/counters', { auth: { token: key } })).status).toBe(200);
    expect((await call(ts.url, 'GET', '/api/dossiers', { auth: { token: key } })).status).toBe(403);
    const uses = await ts.server.db.read((q) =>
      q.all<{ after: string }>(
        "SELECT after FROM audit_log WHERE action = 'integration_key.used' AND entity_id = ? ORDER BY id",
        [String(created.body.id)],
      ),
    );
    expect(uses.map((u) => JSON.parse(u.after).request)).toEqual([
      'GET /api/reports/dossiers/at-risk',
      'GET /api/counters',
      'GET /api/dossiers',
    ]);

    const revoked = await call(ts.url, 'POST', `/api/admin/integration-keys/${created.body.id}/revoke`, {
      auth: { token: admin },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const after = await call(ts.url, 'GET', '/api/reports/dossiers/at-risk', { auth: { token: key } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('INVALID_INTEGRATION_KEY');
    expect(after.body.error.message).toContain('thu hồi');
  });

  it('an expired key gets 401; a made-up one too', async () => {
    const created = await createKey({
      name: 'Thử',
      scopes: ['dossiers:read'],
      expiresAt: '2026-11-25T09:30:00+07:00',
    });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect((await call(ts.url, 'GET', '/api/dossiers', { auth: { token: key } })).status).toBe(200);
    ts.clock.advance(60 * 60_000);
    const res = await call(ts.url, 'GET', '/api/dossiers', { auth: { token: key } });
    expect(res.status).toBe(401);
    const listed = await call(ts.url, 'GET', '/api/admin/integration-keys', { auth: { token: admin } });
    expect(listed.body.find((k: { id: number }) => k.id === created.body.id).state).toBe('expired');
    ts.clock.advance(-60 * 60_000);
    expect((await call(ts.url, 'GET', '/api/dossiers', { auth: { token: 'mc_madeup' } })).status).toBe(401);
  });

  it('a webhooks:manage key manages webhooks and nothing else of the admin area', async () => {
    const created = await createKey({ name: 'Bộ chuyển đổi', scopes: ['webhooks:manage'] });
    const auth = { token: created.body.key as string };
    const hook = await call(ts.url, 'POST', '/api/admin/webhooks', {
      auth,
      body: { url: 'http://127.0.0.1:9/hook', events: ['dossier.received'], active: false },
    });
    expect(hook.status).toBe(201);
    expect((await call(ts.url, 'GET', '/api/admin/webhooks', { auth })).status).toBe(200);
    expect((await call(ts.url, 'GET', '/api/admin/office', { auth })).status).toBe(403);
    expect((await call(ts.url, 'GET', '/api/admin/integration-keys', { auth })).status).toBe(403);
    expect((await call(ts.url, 'DELETE', `/api/admin/webhooks/${hook.body.id}`, { auth })).status).toBe(204);
  });

  it('refuses bad keys to create with the field named, and a clerk may not create one', async () => {
    for (const body of [
      { scopes: ['dossiers:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['everything'] },
      { name: 'x', scopes: ['dossiers:read'], expiresAt: 'tomorrow' },
      { name: 'x', scopes: ['dossiers:read'], expiresAt: '2020-01-01' },
    ]) {
      const res = await createKey(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(/Trường "(name|scopes|scopes\.0|expiresAt)"/);
    }
    const asClerk = await call(ts.url, 'POST', '/api/admin/integration-keys', {
      auth: { token: clerk },
      body: { name: 'x', scopes: ['dossiers:read'] },
    });
    expect(asClerk.status).toBe(403);
    await demoIds(ts.url);
  });
});

describe("dossier codes in the province's format (Circular 04/2025)", () => {
  it('the agency code and the system owner AA make the code; the portal export carries it', async () => {
    const office = (await call(ts.url, 'GET', '/api/admin/office', { auth: { token: admin } })).body;
    const bad = await call(ts.url, 'PUT', '/api/admin/office', {
      auth: { token: admin },
      body: { ...office, dossierSystemCode: 'abc' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('dossierSystemCode');
    const put = await call(ts.url, 'PUT', '/api/admin/office', {
      auth: { token: admin },
      body: { ...office, code: '000.00.01.H22', dossierSystemCode: '01' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ code: '000.00.01.H22', dossierSystemCode: '01' });
    const d = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      body: { procedureCode: '1.004873', applicant: { fullName: 'Lê Văn Cường' }, channel: 'direct' },
    });
    expect(d.status).toBe(201);
    expect(d.body.code).toMatch(/^000\.00\.01\.H22-261125-01\d{4}$/);
    const portal = await call(ts.url, 'GET', '/api/dossiers/portal-export?from=2026-11-25&to=2026-11-25', {
      auth: { token: admin },
    });
    expect(portal.body.map((p: { MaHoSo: string }) => p.MaHoSo)).toContain(d.body.code);
    const lookup = await call(ts.url, 'GET', `/api/dossiers/lookup?code=${encodeURIComponent(d.body.code)}`);
    expect(lookup.status).toBe(200);
  });
});

describe('a dossiers:write key', () => {
  it('reports the result ready (resolve), audited as the key; it reads nothing', async () => {
    const created = await createKey({ name: 'Phần mềm Phòng Tư pháp', scopes: ['dossiers:write'] });
    const auth = { token: created.body.key as string };
    const d = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      body: { procedureCode: '1.004873', applicant: { fullName: 'Phạm Thị Dung' }, channel: 'direct' },
    });
    await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/handover`, {
      auth: { token: clerk },
      body: { toUnit: 'Phòng Tư pháp' },
    });
    const resolved = await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/resolve`, {
      auth,
      body: { note: 'Giấy khai sinh bản chính' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.steps.at(-1)).toMatchObject({ toPerson: 'Phần mềm Phòng Tư pháp' });
    const audit = await ts.server.db.read((q) =>
      q.get<{ actor_kind: string; after: string }>(
        "SELECT actor_kind, after FROM audit_log WHERE action = 'dossier.resolved' AND entity_id = ?",
        [String(d.body.id)],
      ),
    );
    expect(audit?.actor_kind).toBe('system');
    expect(JSON.parse(audit!.after).integrationKey).toMatchObject({ name: 'Phần mềm Phòng Tư pháp' });
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.body.id}`, { auth })).status).toBe(403);
    expect((await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/return`, { auth, body: {} })).status).toBe(403);
  });
});

describe('the portal export refuses bad ranges', () => {
  it('a date outside the office years or not a date is a 400 naming the field', async () => {
    for (const [q, field] of [
      ['to=0000-01-01', 'to'],
      ['from=2026-13-01', 'from'],
      ['format=xml', 'format'],
    ]) {
      const res = await call(ts.url, 'GET', `/api/dossiers/portal-export?${q}`, { auth: { token: admin } });
      expect(res.status, q).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    }
  });
});
