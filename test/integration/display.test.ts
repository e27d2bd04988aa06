/** Display boards: the admin's settings, per-board filtering over socket.io, the server-side voice. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWav } from '../../server/services/voice-service';
import {
  DISPLAY,
  KIOSK,
  addDisplayDevice,
  call,
  connect,
  demoIds,
  login,
  nextEvent,
  startTestServer,
  type Auth,
  type ClientSocket,
  type TestServer,
} from '../helpers/server';

let ts: TestServer;
const sockets: ClientSocket[] = [];
beforeEach(async () => {
  ts = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await ts.cleanup();
});

/** The board's own current snapshot (asked, so no race with the push on connect). */
async function snapshot(socket: ClientSocket) {
  const res = await socket.emitWithAck('board:sync');
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

async function board(auth: Auth) {
  const socket = await connect(ts.url, auth);
  sockets.push(socket);
  return socket;
}

describe('office-wide display settings', () => {
  it('the admin reads and changes them; every board gets a fresh snapshot with the notice', async () => {
    const admin = await login(ts.url, 'admin');
    const before = await call(ts.url, 'GET', '/api/admin/display', { auth: { token: admin } });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      notice: '',
      voiceEnabled: true,
      volume: 80,
      voiceKind: 'auto',
      repeat: 2,
      chime: true,
    });

    const b = await board(DISPLAY);
    const first = await snapshot(b);
    expect(first.display.notice).toBe('');
    const pushed = nextEvent(b, 'board:state', (s) => s.display.notice !== '');
    const put = await call(ts.url, 'PUT', '/api/admin/display', {
      auth: { token: admin },
      body: { notice: 'Bộ phận một cửa làm việc sáng thứ Bảy từ 7 giờ 30.', volume: 60 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      notice: 'Bộ phận một cửa làm việc sáng thứ Bảy từ 7 giờ 30.',
      volume: 60,
      voiceEnabled: true,
    });
    const snap = await pushed;
    expect(snap.display).toMatchObject({ notice: 'Bộ phận một cửa làm việc sáng thứ Bảy từ 7 giờ 30.', volume: 60 });
    expect(snap.seq).toBeGreaterThan(first.seq);
  });

  it('bad input is a Vietnamese 400 naming the field and changes nothing; only the admin may change', async () => {
    const admin = await login(ts.url, 'admin');
    const clerk = await login(ts.url, 'canbo1');
    for (const [body, field] of [
      [{ volume: 150 }, 'volume'],
      [{ voiceKind: 'robot' }, 'voiceKind'],
      [{ voiceEnabled: 'yes' }, 'voiceEnabled'],
      [{ notice: 'x'.repeat(501) }, 'notice'],
      [{ repeat: 0 }, 'repeat'],
    ] as const) {
      const res = await call(ts.url, 'PUT', '/api/admin/display', { auth: { token: admin }, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe(field);
      expect(res.body.error.message).toMatch(/không hợp lệ/);
    }
    expect(
      (await call(ts.url, 'PUT', '/api/admin/display', { auth: { token: clerk }, body: { volume: 10 } })).status,
    ).toBe(403);
    expect((await call(ts.url, 'GET', '/api/admin/display', { auth: DISPLAY })).status).toBe(403);
    expect((await call(ts.url, 'GET', '/api/admin/display')).status).toBe(401);
    const after = await call(ts.url, 'GET', '/api/admin/display', { auth: { token: admin } });
    expect(after.body.volume).toBe(80);
  });
});

describe('several boards, each with its own counters', () => {
  it('a board shows and hears only its counters; the others see every call', async () => {
    const ids = await demoIds(ts.url);
    const admin = await login(ts.url, 'admin');
    const floor2 = await addDisplayDevice(ts, 'Màn hình tầng 2', 'test-display-2');

    const boards = await call(ts.url, 'GET', '/api/admin/display/boards', { auth: { token: admin } });
    expect(boards.body.map((b: { name: string }) => b.name)).toEqual(['Màn hình sảnh chờ', 'Màn hình tầng 2']);

    const put = await call(ts.url, 'PUT', `/api/admin/display/boards/${floor2}`, {
      auth: { token: admin },
      body: { title: 'Tầng 2 — Đất đai', counterIds: [ids.counter(2)] },
    });
    expect(put.status).toBe(200);
    expect(put.body.settings).toMatchObject({
      title: 'Tầng 2 — Đất đai',
      counterIds: [ids.counter(2)],
      showWaiting: true,
    });
    const bad = await call(ts.url, 'PUT', `/api/admin/display/boards/${floor2}`, {
      auth: { token: admin },
      body: { counterIds: ['hai'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('counterIds.0');
    const missing = await call(ts.url, 'PUT', '/api/admin/display/boards/999', {
      auth: { token: admin },
      body: { title: 'x' },
    });
    expect(missing.status).toBe(404);

    const hall = await board(DISPLAY);
    const upstairs = await board({ deviceKey: 'test-display-2' });
    const hallSnap = await snapshot(hall);
    const upSnap = await snapshot(upstairs);
    expect(hallSnap.counters).toHaveLength(6);
    expect(upSnap.counters.map((c) => c.number)).toEqual([2]);
    expect(upSnap.board).toMatchObject({ id: floor2, settings: { title: 'Tầng 2 — Đất đai' } });

    const heardUpstairs: string[] = [];
    upstairs.on('ticket:called', (e) => heardUpstairs.push(`${e.number}@${e.counterNumber}`));
    for (const n of [1, 2]) {
      const token = await login(ts.url, `canbo${n}`);
      await call(ts.url, 'POST', `/api/counters/${ids.counter(n)}/open`, { auth: { token } });
      const counter = (await call(ts.url, 'GET', '/api/counters', { auth: { token } })).body.find(
        (c: { number: number }) => c.number === n,
      );
      await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: counter.fieldIds[0] } });
      const heard = nextEvent(hall, 'ticket:called', (e) => e.counterNumber === n);
      await call(ts.url, 'POST', `/api/counters/${ids.counter(n)}/call-next`, { auth: { token } });
      await heard;
    }
    await ts.server.sockets.idle();
    // board:sync answers the asking board's own view, with its own seq
    const upState = await snapshot(upstairs);
    expect(upState.counters.map((c) => c.number)).toEqual([2]);
    expect(upState.counters[0]?.currentNumber).not.toBeNull();
    expect(upState.recentCalls.map((c) => c.counterNumber)).toEqual([2]);
    expect((await snapshot(hall)).recentCalls.map((c) => c.counterNumber).sort()).toEqual([1, 2]);
    expect(heardUpstairs).toHaveLength(1);
    expect(heardUpstairs[0]).toMatch(/@2$/);
  });
});

describe('results ready', () => {
  it('a resolved dossier shows on the boards by its code only, and leaves once returned', async () => {
    const clerk = await login(ts.url, 'canbo1');
    const admin = await login(ts.url, 'admin');
    const applicant = { fullName: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912345678' };
    const created = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      body: { procedureCode: '1.004873', applicant, channel: 'direct' },
    });
    expect(created.status).toBe(201);
    const hall = await board(DISPLAY);
    expect((await snapshot(hall)).readyDossiers).toEqual([]);

    const pushed = nextEvent(hall, 'board:state', (st) => st.readyDossiers.length > 0);
    expect(
      (await call(ts.url, 'POST', `/api/dossiers/${created.body.id}/resolve`, { auth: { token: clerk }, body: {} }))
        .status,
    ).toBe(200);
    const state = await pushed;
    expect(state.readyDossiers).toEqual([created.body.code]);
    // nothing personal on the wall
    const wire = JSON.stringify(state);
    for (const secret of [applicant.fullName, applicant.idNumber, applicant.phone]) expect(wire).not.toContain(secret);

    // a board may hide the list
    const hallId = (await call(ts.url, 'GET', '/api/admin/display/boards', { auth: { token: admin } })).body[0].id;
    await call(ts.url, 'PUT', `/api/admin/display/boards/${hallId}`, {
      auth: { token: admin },
      body: { showReadyDossiers: false },
    });
    await ts.server.sockets.idle();
    expect((await snapshot(hall)).readyDossiers).toEqual([]);
    await call(ts.url, 'PUT', `/api/admin/display/boards/${hallId}`, {
      auth: { token: admin },
      body: { showReadyDossiers: true },
    });

    expect(
      (await call(ts.url, 'POST', `/api/dossiers/${created.body.id}/return`, { auth: { token: clerk }, body: {} }))
        .status,
    ).toBe(200);
    await ts.server.sockets.idle();
    expect((await snapshot(hall)).readyDossiers).toEqual([]);
  });
});

describe('server-side voice', () => {
  it('renders the call as a Vietnamese WAV (espeak-ng), and a dropped-in clip pack wins', async () => {
    const res = await fetch(`${ts.url}/api/announcements/audio?number=A012&counter=3`, {
      headers: { 'x-device-key': 'demo-display-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('x-voice-source')).toBe('espeak');
    const wav = Buffer.from(await res.arrayBuffer());
    expect(parseWav(wav)?.data.length).toBeGreaterThan(10_000);

    // a call renders its clip at once, before any board asks
    const token = await login(ts.url, 'canbo1');
    const ids = await demoIds(ts.url);
    const opened = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: opened.body.counter.fieldIds[0] } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    await ts.server.sockets.idle();
    await ts.server.services.display.idle();
    expect(readdirSync(join(ts.dataDir, 'voice-cache')).filter((f) => f.endsWith('.wav'))).toHaveLength(2);

    for (const q of ['number=A012;rm%20-rf&counter=3', 'number=A012&counter=abc', 'counter=3']) {
      const bad = await call(ts.url, 'GET', `/api/announcements/audio?${q}`, { auth: DISPLAY });
      expect(bad.status).toBe(400);
    }
    expect((await call(ts.url, 'GET', '/api/announcements/audio?number=A012&counter=3')).status).toBe(401);

    // an office's recorded pack: one short WAV per word (here synthetic tones of one format)
    const dir = join(ts.dataDir, 'voice');
    mkdirSync(dir, { recursive: true });
    const tone = (ms: number) => {
      const data = Buffer.alloc(Math.round(22.05 * ms) * 2);
      const fmt = Buffer.alloc(16);
      fmt.writeUInt16LE(1, 0);
      fmt.writeUInt16LE(1, 2);
      fmt.writeUInt32LE(22050, 4);
      fmt.writeUInt32LE(44100, 8);
      fmt.writeUInt16LE(2, 12);
      fmt.writeUInt16LE(16, 14);
      const h = Buffer.alloc(12);
      h.write('RIFF', 0, 'ascii');
      h.writeUInt32LE(4 + 24 + 8 + data.length, 4);
      h.write('WAVE', 8, 'ascii');
      const c = (id: string, b: Buffer) => {
        const x = Buffer.alloc(8);
        x.write(id, 0, 'ascii');
        x.writeUInt32LE(b.length, 4);
        return Buffer.concat([x, b]);
      };
      return Buffer.concat([h, c('fmt ', fmt), c('data', data)]);
    };
    for (const f of ['xin-moi.wav', 'den-quay-so.wav', 'bê.wav', 'hai.wav', 'mươi.wav', 'mốt.wav', 'ba.wav']) {
      writeFileSync(join(dir, f), tone(100));
    }
    const packed = await fetch(`${ts.url}/api/announcements/audio?number=B021&counter=3`, {
      headers: { 'x-device-key': 'demo-display-1' },
    });
    expect(packed.headers.get('x-voice-source')).toBe('clips');
    const joined = parseWav(Buffer.from(await packed.arrayBuffer()));
    // xin-moi + bê hai mươi mốt + den-quay-so + ba = 7 clips of 100 ms
    expect(joined?.data.length).toBe(7 * 2205 * 2);
  });
});
