/**
 * What an outsider on the office Wi-Fi tries (issue #12): malformed
 * cookies, prototype keys, lone surrogates, calendar edges, big unsigned
 * uploads, a socket that outlives its logout, missing security headers.
 * Each case failed before its fix.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISPLAY,
  KIOSK,
  call,
  connect,
  demoIds,
  login,
  nextEvent,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let ts: TestServer;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  ts = await startTestServer();
  ids = await demoIds(ts.url);
});
afterAll(async () => {
  await ts.cleanup();
});

const vietnamese = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;

describe('malformed input is a 4xx, never a 500', () => {
  it('a malformed motcua_token cookie is an absent one', async () => {
    for (const value of ['%', '%E0%A4%A', '%zz', '']) {
      const headers = { cookie: `motcua_token=${value}` };
      expect((await call(ts.url, 'GET', '/api/health', { headers })).status).toBe(200);
      const me = await call(ts.url, 'GET', '/api/auth/me', { headers });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a socket with a malformed cookie connects as the public', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(ts.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: 'motcua_token=%E0%A4%A' },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.disconnect();
  });

  it('the queue export refuses a table that is an Object prototype key', async () => {
    const token = await login(ts.url, 'giamsat');
    for (const table of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
      const res = await call(
        ts.url,
        'GET',
        `/api/reports/queue/export?from=2026-11-01&to=2026-11-30&format=csv&table=${table}`,
        {
          auth: { token },
        },
      );
      expect({ table, status: res.status, code: res.body?.error?.code }).toEqual({
        table,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(res.body.error.message).toMatch(vietnamese);
    }
    const ok = await call(
      ts.url,
      'GET',
      '/api/reports/queue/export?from=2026-11-01&to=2026-11-30&format=csv&table=byDay',
      {
        auth: { token },
      },
    );
    expect(ok.status).toBe(200);
  });

  it('a lone UTF-16 surrogate in a JSON string is a 400', async () => {
    const admin = await login(ts.url, 'admin');
    for (const raw of ['{"text":"\\ud800"}', '{"text":"a\\udfffb"}']) {
      const res = await call(ts.url, 'POST', '/api/admin/qr', { auth: { token: admin }, rawBody: raw });
      expect({ raw, status: res.status, code: res.body?.error?.code }).toEqual({
        raw,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
    const clerk = await login(ts.url, 'canbo1');
    const res = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      rawBody: '{"procedureId":1,"applicant":{"fullName":"\\ud83d"}}',
    });
    expect(res.status).toBe(400);
  });

  it('dates at the edges of the calendar are a 400 with a Vietnamese message', async () => {
    const clerk = await login(ts.url, 'canbo1');
    const paths = [
      '/api/calendar/due-date?receivedAt=0000-01-01T00:00:00%2B07:00&workingDays=1',
      '/api/calendar/due-date?receivedAt=9999-12-31T23:59:59%2B07:00&workingDays=1',
      '/api/calendar/due-date?receivedAt=2199-12-31T23:59:59-12:00&workingDays=365',
      '/api/calendar/due-date?receivedAt=1900-01-01T00:00:00%2B14:00&workingDays=1',
      '/api/dossiers?day=0000-01-01',
      '/api/dossiers?day=9999-12-31',
      '/api/reports/queue?from=9999-12-01&to=9999-12-31',
      '/api/reports/queue?from=0001-01-01&to=0001-01-31',
    ];
    const supervisor = await login(ts.url, 'giamsat');
    for (const path of paths) {
      const res = await call(ts.url, 'GET', path, { auth: { token: path.includes('reports') ? supervisor : clerk } });
      expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(res.body.error.message).toMatch(vietnamese);
    }
    const ok = await call(ts.url, 'GET', '/api/calendar/due-date?receivedAt=2026-11-25T08:00:00%2B07:00&workingDays=5');
    expect(ok.status).toBe(200);
  });
});

describe('ratings come only from someone who saw the visit', () => {
  it('a ticket id read off the board is not enough; the phone holding the ticket, or the pad, is', async () => {
    const clerk = await login(ts.url, 'canbo1');
    const counter = ids.counter(1);
    await call(ts.url, 'POST', `/api/counters/${counter}/open`, { auth: { token: clerk } });
    const issued = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(issued.body.ticketKey).toMatch(/^[\w-]{22}$/);
    await call(ts.url, 'POST', `/api/counters/${counter}/call-next`, { auth: { token: clerk } });
    const served = (await call(ts.url, 'GET', `/api/counters/${counter}/state`, { auth: { token: clerk } })).body
      .counter.currentTicket.id as string;
    // the key proves holding: before the visit ends, even the holder cannot rate
    const early = await call(ts.url, 'POST', '/api/ratings', {
      body: { ticketId: served, ticketKey: issued.body.id === served ? issued.body.ticketKey : 'x', score: 1 },
    });
    expect(early.status).toBeGreaterThanOrEqual(403);
    await call(ts.url, 'POST', `/api/tickets/${served}/finish`, { auth: { token: clerk } });

    // an outsider on the Wi-Fi: a keyless socket reads the board, then rates
    const outsider = await connect(ts.url);
    const board = await outsider.emitWithAck('board:sync');
    outsider.disconnect();
    expect(board.ok).toBe(true);
    const forged = [
      { who: 'no one', auth: {}, body: { ticketId: served, score: 1 } },
      { who: 'a kiosk', auth: KIOSK, body: { ticketId: served, score: 1 } },
      { who: 'a board', auth: DISPLAY, body: { ticketId: served, score: 1 } },
      { who: 'a clerk', auth: { token: clerk }, body: { ticketId: served, score: 1 } },
      { who: 'a wrong key', auth: {}, body: { ticketId: served, ticketKey: 'AAAAAAAAAAAAAAAAAAAAAA', score: 1 } },
      { who: 'another pad', auth: { deviceKey: 'demo-rating-2' }, body: { ticketId: served, score: 1 } },
    ];
    for (const f of forged) {
      const res = await call(ts.url, 'POST', '/api/ratings', { auth: f.auth, body: f.body });
      expect({ who: f.who, status: res.status }).toEqual({ who: f.who, status: 403 });
      expect(res.body.error.message).toMatch(vietnamese);
    }
    expect((await call(ts.url, 'GET', `/api/tickets/${served}`)).body.rated).toBe(false);
    const key = issued.body.id === served ? issued.body.ticketKey : '';
    const phone = await call(ts.url, 'POST', '/api/ratings', { body: { ticketId: served, ticketKey: key, score: 4 } });
    expect(phone.status).toBe(201);
    const rows = await ts.server.db.read((q) =>
      q.all<{ source: string }>('SELECT source FROM ratings WHERE ticket_id = ?', [served]),
    );
    expect(rows).toEqual([{ source: 'ticket' }]);
  });

  it("the phone rates only within the pad's window after the visit", async () => {
    const clerk = await login(ts.url, 'canbo3');
    const counter = ids.counter(3);
    await call(ts.url, 'POST', `/api/counters/${counter}/open`, { auth: { token: clerk } });
    const state = (await call(ts.url, 'GET', `/api/counters/${counter}/state`, { auth: { token: clerk } })).body;
    const fieldId = state.counter.fieldIds?.[0] ?? ids.field('HT');
    const issued = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } });
    const called = await call(ts.url, 'POST', `/api/counters/${counter}/call-next`, { auth: { token: clerk } });
    const id = called.body.ticket.id as string;
    await call(ts.url, 'POST', `/api/tickets/${id}/finish`, { auth: { token: clerk } });
    const keyRes = id === issued.body.id ? issued.body.ticketKey : ts.server.services.ticketKeys.keyFor(id);
    ts.clock.advanceMinutes(31);
    const late = await call(ts.url, 'POST', '/api/ratings', { body: { ticketId: id, ticketKey: keyRes, score: 1 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RATING_CLOSED');
  });

  it('the QR (which carries the key) is given only to whoever issued the ticket', async () => {
    const issued = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    const bare = await call(ts.url, 'GET', `/api/tickets/${issued.body.id}/qr.svg`);
    expect(bare.status).toBe(403);
    const withKey = await fetch(`${ts.url}/api/tickets/${issued.body.id}/qr.svg?k=${issued.body.ticketKey}`);
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get('content-type')).toContain('image/svg+xml');
    // the public ticket answer, followed by anyone with the id, never carries the key
    const pub = await call(ts.url, 'GET', `/api/tickets/${issued.body.id}`);
    expect(JSON.stringify(pub.body)).not.toContain(issued.body.ticketKey);
  });
});

describe('the catalog import', () => {
  it('refuses a deadline that is not a number of days or hours, and keeps the procedure as it was', async () => {
    const admin = await login(ts.url, 'admin');
    const before = (await call(ts.url, 'GET', '/api/admin/procedures', { auth: { token: admin } })).body as Array<{
      code: string;
      fees: string;
      processingDays: number;
    }>;
    const target = before.find((p) => p.fees !== '')!;
    const csv = [
      'Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,"Phí, lệ phí"',
      `${target.code},Tên mới,HT,2x,`,
      `9.999001,Thủ tục mới,HT,1e309,`,
      `9.999002,Thủ tục khác,HT,3 tuần,`,
      `9.999003,Thủ tục tốt,HT,3,`,
    ].join('\n');
    const res = await call(ts.url, 'POST', '/api/admin/procedures/import', {
      auth: { token: admin },
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_REJECTED');
    expect(res.body.error.details.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4]);
    const after = (await call(ts.url, 'GET', '/api/admin/procedures', { auth: { token: admin } })).body;
    expect(after).toEqual(before);
  });
});

describe('who is calling is checked first', () => {
  it('a dossier import with no credentials is refused before its body has arrived', async () => {
    const url = new URL(ts.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/dossiers/import',
        headers: { 'content-type': 'text/csv', 'content-length': String(49 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      // one megabyte of 49; the answer must come without the rest
      req.write(Buffer.alloc(1024 * 1024, 'a'));
      setTimeout(() => reject(new Error('no answer before the body arrived')), 5000);
    });
    expect(status).toBe(401);
  });
});

describe('logging out', () => {
  it('drops the sockets opened with that token', async () => {
    const token = await login(ts.url, 'canbo2');
    const other = await login(ts.url, 'canbo2');
    const socket = await connect(ts.url, { token });
    const stays = await connect(ts.url, { token: other });
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    expect((await call(ts.url, 'POST', '/api/auth/logout', { auth: { token } })).status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    // the same person's other session keeps its socket
    const changed = nextEvent(stays, 'queue:changed');
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    await changed;
    expect(stays.connected).toBe(true);
    stays.disconnect();
  });
});

describe('security headers', () => {
  it('every answer says nosniff, no framing, no referrer, and pages carry a strict CSP', async () => {
    for (const path of ['/api/health', '/kiosk/', '/counter/', '/display-board/', '/api/nope']) {
      const res = await fetch(ts.url + path);
      expect({ path, nosniff: res.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('answers with personal data are not stored by the browser', async () => {
    const clerk = await login(ts.url, 'canbo1');
    for (const path of ['/api/dossiers', '/api/auth/me', '/api/dossiers/1']) {
      const res = await fetch(ts.url + path, { headers: { authorization: `Bearer ${clerk}` } });
      expect({ path, cache: res.headers.get('cache-control') }).toEqual({ path, cache: 'no-store' });
    }
  });

  it('the token cookie is Secure when the office serves over HTTPS behind its proxy', async () => {
    const plain = await fetch(ts.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'canbo1', password: 'demo123' }),
    });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const proxied = await fetch(ts.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'canbo1', password: 'demo123' }),
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});

void DISPLAY;

describe('password guessing', () => {
  it('locks an account after 5 wrong passwords, even to the right one, with Retry-After, audit, and an admin unlock', async () => {
    const local = await startTestServer();
    try {
      const attempt = (password: string, username = 'canbo1') =>
        fetch(local.url + '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      for (let i = 0; i < 4; i++) expect((await attempt('wrong-' + i)).status).toBe(401);
      const fifth = await attempt('wrong-5');
      expect(fifth.status).toBe(429);
      const body = (await fifth.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(body.error.message).toContain('Đăng nhập sai quá nhiều lần');
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);
      // the right password is refused while locked
      const right = await attempt('demo123');
      expect(right.status).toBe(429);
      // another account from elsewhere is not affected by this account's lock
      expect((await attempt('demo123', 'canbo2')).status).toBe(200);

      const admin = await login(local.url, 'admin');
      const audit = await call(local.url, 'GET', '/api/admin/audit?limit=50', { auth: { token: admin } });
      expect(audit.body.map((e: { action: string }) => e.action)).toContain('auth.locked');
      const locks = await call(local.url, 'GET', '/api/admin/login-locks', { auth: { token: admin } });
      expect(locks.body).toContainEqual(expect.objectContaining({ kind: 'account', name: 'canbo1' }));
      const unlocked = await call(local.url, 'POST', '/api/admin/login-locks/unlock', {
        auth: { token: admin },
        body: { kind: 'account', name: 'canbo1' },
      });
      expect(unlocked.status).toBe(200);
      expect((await attempt('demo123')).status).toBe(200);

      // and the lock runs out by itself
      for (let i = 0; i < 5; i++) await attempt('wrong-again-' + i);
      expect((await attempt('demo123')).status).toBe(429);
      local.clock.advanceMinutes(16);
      expect((await attempt('demo123')).status).toBe(200);
    } finally {
      await local.cleanup();
    }
  });

  it('locks an address that tries many accounts', async () => {
    const local = await startTestServer();
    try {
      let last = 0;
      for (let i = 0; i < 20; i++) {
        const res = await call(local.url, 'POST', '/api/auth/login', {
          body: { username: `ghost${i}`, password: 'x' },
        });
        last = res.status;
      }
      expect(last).toBe(429);
      const res = await call(local.url, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: 'demo123' },
      });
      expect(res.status).toBe(429);
    } finally {
      await local.cleanup();
    }
  });
});
