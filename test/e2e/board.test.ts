/**
 * The hall display board in real Chromium against the real server: calls
 * made by clerks over HTTP appear on every board, are queued for speech in
 * order, and survive a server restart without replaying old calls.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { KIOSK, addDisplayDevice, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { BoardPage } from './board-page';

let browser: Browser;
let ts: TestServer;
const boards: BoardPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const b of boards.splice(0)) await b.close();
  await ts?.cleanup();
});

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

async function openBoard(key: string, size = LANDSCAPE): Promise<BoardPage> {
  const b = await BoardPage.open(browser, ts.url, key, size);
  boards.push(b);
  return b;
}

/** Clerk `canboN` at counter N, over HTTP like the counter terminal. */
async function clerkAt(n: number) {
  const ids = await demoIds(ts.url);
  const token = await login(ts.url, `canbo${n}`);
  const counterId = ids.counter(n);
  const open = await call(ts.url, 'POST', `/api/counters/${counterId}/open`, { auth: { token } });
  expect(open.status).toBe(200);
  const fieldId: number = open.body.counter.fieldIds[0];
  return {
    issue: async () =>
      (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } })).body.number as string,
    callNext: async () => {
      const res = await call(ts.url, 'POST', `/api/counters/${counterId}/call-next`, { auth: { token } });
      expect(res.status).toBe(200);
      return res.body.ticket as { id: string; number: string };
    },
    recall: async (ticketId: string) =>
      expect((await call(ts.url, 'POST', `/api/tickets/${ticketId}/recall`, { auth: { token } })).status).toBe(200),
  };
}

async function setDisplay(body: Record<string, unknown>) {
  const admin = await login(ts.url, 'admin');
  const res = await call(ts.url, 'PUT', '/api/admin/display', { auth: { token: admin }, body });
  expect(res.status).toBe(200);
}

describe('hall display board', () => {
  it('a call made by a clerk appears on two boards (landscape and portrait), and is announced', async () => {
    ts = await startTestServer();
    await addDisplayDevice(ts, 'Màn hình tầng 2', 'test-display-2');
    await setDisplay({
      notice: 'Bộ phận Một cửa làm việc từ 7 giờ 30 đến 17 giờ, sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30.',
    });
    const hall = await openBoard('demo-display-1', LANDSCAPE);
    const floor = await openBoard('test-display-2', PORTRAIT);
    // the pairing link's key leaves the address bar
    expect(hall.page.url()).not.toContain('key=');

    const c1 = await clerkAt(1);
    const c2 = await clerkAt(2);
    const c3 = await clerkAt(3);
    for (const c of [c1, c1, c2, c2, c3]) await c.issue();
    const order = [
      `${(await c2.callNext()).number}@2`,
      `${(await c3.callNext()).number}@3`,
      `${(await c1.callNext()).number}@1`,
    ];
    const last = await c1.callNext();
    order.push(`${last.number}@1`);
    expect(order).toEqual(['A001@2', 'C001@3', 'A002@1', 'A003@1']);

    for (const b of [hall, floor]) {
      await b.waitForNewest('A003');
      await b.waitForCurrent(1, 'A003');
      expect((await b.newest()).counter).toBe(1);
      expect((await b.newest()).text).toMatch(/Xin mời số A003 → Quầy 1/i);
      expect(await b.currentAt(2)).toBe('A001');
      expect(await b.currentAt(3)).toBe('C001');
      expect(await b.counterNumbers()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await b.title()).toBe('UBND XÃ HÒA AN');
      expect(await b.notice()).toContain('sáng thứ Bảy');
      const queue = await b.waitForAnnouncements(4);
      expect(queue.map((a) => `${a.number}@${a.counterNumber}`)).toEqual(order);
      expect(queue.at(-1)?.speech).toBe('Xin mời công dân có số thứ tự a ba đến quầy số một');
    }
    await hall.screenshot('board-1920x1080');
    await floor.screenshot('board-1080x1920');

    // headless Chromium has no Vietnamese voice: the board uses the server's clip
    await hall.page.waitForFunction(() => window.__motcuaBoard?.announcements[0]?.engine !== null);
    expect((await hall.announcements())[0]?.engine).toBe('server');
  }, 60_000);

  it('five calls in a burst are queued for speech in order, none cut off; a recall is announced again', async () => {
    ts = await startTestServer();
    // one saying per call keeps the test short; the rules are the same
    await setDisplay({ repeat: 1, chime: false });
    const hall = await openBoard('demo-display-1');
    const clerks = [];
    for (let n = 1; n <= 5; n++) {
      const c = await clerkAt(n);
      await c.issue();
      clerks.push(c);
    }
    const calls = await Promise.all(clerks.map((c) => c.callNext()));
    const expected = (
      await call(ts.url, 'GET', '/api/counters', { auth: { token: await login(ts.url, 'admin') } })
    ).body
      .filter((c: { currentTicket: unknown }) => c.currentTicket)
      .sort((a: { currentTicket: { calledAt: string } }, b: { currentTicket: { calledAt: string } }) =>
        a.currentTicket.calledAt.localeCompare(b.currentTicket.calledAt),
      );
    expect(expected).toHaveLength(5);

    const queued = await hall.waitForAnnouncements(5);
    // the board queues them in the order the server broadcast them, each exactly once
    expect(queued).toHaveLength(5);
    expect(new Set(queued.map((a) => a.ticketId))).toEqual(new Set(calls.map((c) => c.id)));
    expect(queued.filter((a) => a.status === 'speaking').length).toBeLessThanOrEqual(1);

    const done = await hall.waitForAnnouncements(5, 'done');
    const order = done.map((a) => `${a.number}@${a.counterNumber}`);
    // spoken one after another in the queue's order: start, end, start, end …
    expect(await hall.speechLog()).toEqual(order.flatMap((o) => [`start ${o}`, `end ${o}`]));

    // a recall is announced again, after the others
    const first = calls[0]!;
    await clerks[0]!.recall(first.id);
    const again = await hall.waitForAnnouncements(6, 'done');
    expect(again[5]).toMatchObject({ ticketId: first.id, recall: true });
    expect((await hall.newest()).text).toMatch(/Gọi lại/i);
  }, 120_000);

  it('a server restart leaves both boards showing the right state after reconnect, without replaying old calls', async () => {
    ts = await startTestServer();
    await setDisplay({ repeat: 1, chime: false });
    await addDisplayDevice(ts, 'Màn hình tầng 2', 'test-display-2');
    const admin = await login(ts.url, 'admin');
    const boardsList = (await call(ts.url, 'GET', '/api/admin/display/boards', { auth: { token: admin } })).body;
    const ids = await demoIds(ts.url);
    // the floor board shows only counters 1 and 2
    await call(ts.url, 'PUT', `/api/admin/display/boards/${boardsList[1].id}`, {
      auth: { token: admin },
      body: { title: 'Tầng 2', counterIds: [ids.counter(1), ids.counter(2)] },
    });
    const hall = await openBoard('demo-display-1');
    const floor = await openBoard('test-display-2', PORTRAIT);
    expect(await floor.counterNumbers()).toEqual([1, 2]);
    expect(await floor.title()).toBe('Tầng 2');

    const c1 = await clerkAt(1);
    const c4 = await clerkAt(4);
    await c1.issue();
    await c1.issue();
    await c4.issue();
    await c1.callNext();
    await c4.callNext();
    await hall.waitForCurrent(4, (await hall.waitForAnnouncements(2)).at(-1)!.number);
    await floor.waitForCurrent(1, 'A001');
    const heardBefore = { hall: (await hall.announcements()).length, floor: (await floor.announcements()).length };
    expect(heardBefore).toEqual({ hall: 2, floor: 1 });

    await ts.stop();
    await hall.waitOffline(true);
    await floor.waitOffline(true);
    await hall.screenshot('board-offline-1920x1080');

    ts = await ts.restart({ samePort: true });
    await hall.waitOffline(false);
    await floor.waitOffline(false);
    expect(await hall.currentAt(1)).toBe('A001');
    expect(await floor.currentAt(1)).toBe('A001');
    expect((await hall.newest()).number).not.toBe('');

    // a call after the restart reaches both; nothing from before is said again
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    for (const b of [hall, floor]) await b.waitForCurrent(1, 'A002');
    const hallAfter = await hall.waitForAnnouncements(3);
    const floorAfter = await floor.waitForAnnouncements(2);
    expect(hallAfter.map((a) => a.number)).toEqual([...hallAfter.slice(0, 2).map((a) => a.number), 'A002']);
    expect(hallAfter).toHaveLength(3);
    expect(floorAfter.map((a) => a.number)).toEqual(['A001', 'A002']);
  }, 60_000);

  it('reads from the back of the hall on a 4K TV', async () => {
    ts = await startTestServer();
    await setDisplay({ notice: 'Công dân vui lòng giữ phiếu số thứ tự và chú ý màn hình, loa gọi số.' });
    const tv = await openBoard('demo-display-1', { width: 3840, height: 2160 });
    let lastCall = { n: 0, number: '' };
    for (let n = 1; n <= 6; n++) {
      const c = await clerkAt(n);
      await c.issue();
      await c.issue();
      if (n !== 5) lastCall = { n, number: (await c.callNext()).number };
    }
    await tv.waitForCurrent(lastCall.n, lastCall.number);
    // two results ready at the counter: their codes (only) are listed
    const clerk = await login(ts.url, 'canbo1');
    const codes: string[] = [];
    for (const fullName of ['Nguyễn Văn An', 'Trần Thị Bình']) {
      const d = await call(ts.url, 'POST', '/api/dossiers', {
        auth: { token: clerk },
        body: { procedureCode: '1.004873', applicant: { fullName }, channel: 'direct' },
      });
      await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/resolve`, { auth: { token: clerk }, body: {} });
      codes.push(d.body.code);
    }
    const ready = tv.page.locator('[data-testid=ready-dossiers]');
    await tv.page.waitForFunction((n) => document.querySelectorAll('.ready-code').length === n, codes.length);
    const readyText = await ready.innerText();
    for (const code of codes) expect(readyText).toContain(code);
    expect(readyText).not.toContain('Nguyễn');
    expect(await tv.waitingText()).toMatch(/Đang chờ:/i);
    await tv.screenshot('board-3840x2160');
  });
});
