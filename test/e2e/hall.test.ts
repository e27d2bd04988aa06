/**
 * The supervisor's live hall in Debian's Chromium against the real server:
 * the hall follows tickets being issued and called; a citizen waiting past
 * the field's target raises one alert, seen in the hall and on the screen
 * of the counter serving that field (not on one that does not), cleared
 * when the clerk calls that citizen directly from the waiting list; the
 * supervisor acknowledges it (audited); the direct call is in the reports.
 * Screenshots: the wall screen, a phone, the clerk with the alert.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { CounterPage } from './pages/counter-page';
import { HallPage } from './pages/hall-page';

const POLL = { timeout: 20_000 };

let browser: Browser;
let ts: TestServer;
const pages: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await ts?.cleanup();
});

async function issue(fieldId: number): Promise<string> {
  const res = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } });
  expect(res.status).toBe(201);
  return res.body.number as string;
}

describe('the live hall', () => {
  it('follows the hall live, raises one alert to the right screens, cleared by a direct call, acknowledged and audited', async () => {
    ts = await startTestServer({ start: '2026-11-25T08:00:00+07:00', hallTickMs: 100 });
    const ids = await demoIds(ts.url);
    const admin = await login(ts.url, 'admin');
    // Đất đai: a citizen should not wait more than 10 minutes
    const fields = (await call(ts.url, 'GET', '/api/admin/fields', { auth: { token: admin } })).body as Array<
      Record<string, unknown>
    >;
    const dd = fields.find((f) => f.code === 'DD')!;
    const { id: _id, procedures: _p, sortOrder: _s, ...body } = dd;
    const put = await call(ts.url, 'PUT', `/api/admin/fields/${String(dd.id)}`, {
      auth: { token: admin },
      body: { ...body, targetWaitMinutes: 10 },
    });
    expect(put.status).toBe(200);

    const sup = await login(ts.url, 'giamsat');
    const wall = await HallPage.open(browser, ts.url, sup);
    pages.push(wall);
    const land = await CounterPage.signIn(browser, ts.url, 'canbo3'); // counter 3: Đất đai, Xây dựng
    pages.push(land);
    await land.openCounter(3);
    const civil = await CounterPage.signIn(browser, ts.url, 'canbo1'); // counter 1: Hộ tịch, Chứng thực
    pages.push(civil);
    await civil.openCounter(1);
    await expect.poll(() => wall.counter(3).textContent(), POLL).toContain('Đang mở');

    // tickets issued: the hall follows
    expect(await issue(ids.field('HT'))).toBe('A001');
    expect(await issue(ids.field('DD'))).toBe('C001');
    expect(await issue(ids.field('DD'))).toBe('C002');
    await expect.poll(() => wall.waiting('HT'), POLL).toBe('1');
    await expect.poll(() => wall.waiting('DD'), POLL).toBe('2');
    expect(await wall.today()).toContain('Số đã cấp3');
    // a call: the counter shows whom it serves
    expect(await civil.callNext()).toBe('A001');
    await expect.poll(() => wall.counter(1).textContent(), POLL).toContain('Đang phục vụ A001');
    await expect.poll(() => wall.waiting('HT'), POLL).toBe('0');

    // 11 minutes later C001 and C002 have waited past the 10-minute target
    ts.clock.advanceMinutes(11);
    await expect.poll(() => wall.alertTexts(), POLL).toHaveLength(2);
    expect((await wall.alertTexts()).sort()).toEqual([
      'Số C001 (Đất đai) đã chờ 11 phút, quá mục tiêu 10 phút',
      'Số C002 (Đất đai) đã chờ 11 phút, quá mục tiêu 10 phút',
    ]);
    await expect.poll(() => wall.field('DD').textContent(), POLL).toContain('2 quá mục tiêu');
    // the counter serving Đất đai sees them; counter 1 does not serve it and does not
    const landAlerts = land.page.getByTestId('clerk-alert');
    await expect.poll(() => landAlerts.count(), POLL).toBe(2);
    expect(await civil.page.getByTestId('clerk-alert').count()).toBe(0);
    await wall.shot('hall-wall-alerts');
    await land.shot('hall-clerk-alert');

    // raised once: more evaluations on the timer do not add any
    ts.clock.advanceMinutes(1);
    await ts.server.services.hall.evaluate();
    const log = await call(ts.url, 'GET', '/api/hall/alerts?from=2026-11-25&to=2026-11-25', { auth: { token: sup } });
    expect(log.body.alerts).toHaveLength(2);

    // the supervisor acknowledges one; it is audited
    await wall.acknowledgeFirst();
    await expect.poll(() => wall.alerts.filter({ hasText: 'Đã xác nhận: Đỗ Thị Mai' }).count(), POLL).toBe(1);
    const audit = await call(ts.url, 'GET', '/api/admin/audit?limit=30', { auth: { token: admin } });
    expect(audit.body.filter((e: { action: string }) => e.action === 'alert.acknowledged')).toHaveLength(1);
    expect(audit.body.find((e: { action: string }) => e.action === 'alert.acknowledged').actor).toBe('Đỗ Thị Mai');

    // C002's citizen is at the desk already: the clerk calls that number directly from the list
    const row = land.page.getByTestId('waiting-item').filter({ hasText: 'C002' });
    await row.getByTestId('call-direct').click();
    await land.waitForCurrent('C002');
    // its alert clears in the hall and on the clerk's screen; C001's stays
    await expect
      .poll(() => wall.alertTexts(), POLL)
      .toEqual(['Số C001 (Đất đai) đã chờ 12 phút, quá mục tiêu 10 phút']);
    await expect.poll(() => landAlerts.count(), POLL).toBe(1);
    await expect.poll(() => wall.counter(3).textContent(), POLL).toContain('Đang phục vụ C002');
    await expect.poll(() => wall.today(), POLL).toContain('Gọi trực tiếp1');
    // F5 finishes C002, F1 then calls C001, which clears the last alert
    await land.press('F5');
    await land.waitForCurrent(null);
    await land.press('F1');
    await land.waitForCurrent('C001');
    await expect.poll(() => wall.alerts.count(), POLL).toBe(0);
    await expect.poll(() => landAlerts.count(), POLL).toBe(0);
    await wall.shot('hall-wall');

    // the same hall on a phone
    const phone = await HallPage.open(browser, ts.url, sup, { width: 390, height: 844, touch: true });
    pages.push(phone);
    await expect.poll(() => phone.waiting('DD'), POLL).toBe('0');
    await phone.shot('hall-phone');

    // the reports count the direct call
    const report = await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-25&to=2026-11-25', {
      auth: { token: sup },
    });
    expect(report.body.directCalls).toBe(1);
    expect(report.body.alerts).toMatchObject({ raised: 2, acknowledged: 1 });
  }, 120_000);
});
