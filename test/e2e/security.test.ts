/**
 * The security headers hold in a real browser (issue #12): every page works
 * under the strict Content-Security-Policy with no violation reported; the
 * kiosk's QR carries the ticket's key to the phone, which rates with it; an
 * administrator lifts a sign-in lock with one button.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../helpers/browser';
import { call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { BoardPage } from './board-page';
import { KioskPage, PhoneTicketPage } from './kiosk-page';
import { AdminPage } from './admin-page';

let ts: TestServer;
let browser: Browser;
beforeAll(async () => {
  ts = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await ts?.cleanup();
});

/** Every CSP violation and page error a page reports. */
function violations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(String(e)));
  return seen;
}

describe('under the strict Content-Security-Policy', () => {
  it('the kiosk issues a ticket with its QR; the phone opened from that QR rates; no violation', async () => {
    const kiosk = await KioskPage.open(browser, ts.url);
    const kioskSeen = violations(kiosk.page);
    await kiosk.waitForHome();
    await kiosk.tapField('Tư pháp – Hộ tịch');
    const number = await kiosk.takeNormalNumber();
    const qr = kiosk.page.locator('.k-ticket-qr img');
    await qr.evaluate((img: HTMLImageElement) => img.decode());
    const src = (await qr.getAttribute('src')) ?? '';
    const m = /^\/api\/tickets\/([a-z0-9]+)\/qr\.svg\?k=([\w-]+)$/.exec(src);
    expect(m).not.toBeNull();
    const [, ticketId, key] = m!;
    // the QR's content is the phone link with the key (the SVG encodes it; the server computes the same)
    expect(ts.server.services.ticketKeys.phoneUrl(ts.url, ticketId!)).toBe(`${ts.url}/kiosk/t/${ticketId}?k=${key}`);
    await kiosk.close();

    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const called = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    expect(called.body.ticket.number).toBe(number);
    await call(ts.url, 'POST', `/api/tickets/${ticketId}/finish`, { auth: { token } });

    const phone = await PhoneTicketPage.open(browser, `${ts.url}/kiosk/t/${ticketId}?k=${key}`);
    const phoneSeen = violations(phone.page);
    await phone.rating.waitFor();
    await phone.rate('Rất hài lòng');
    await phone.page.locator('.p-thanks').waitFor();
    expect((await call(ts.url, 'GET', `/api/tickets/${ticketId}`)).body.rated).toBe(true);
    await phone.page.close();
    expect([...kioskSeen, ...phoneSeen]).toEqual([]);
  });

  it('the hall board shows its counters with no violation', async () => {
    const board = await BoardPage.open(browser, ts.url, 'demo-display-1', { width: 1280, height: 720 });
    const seen = violations(board.page);
    await board.page.reload();
    await board.page.locator('[data-testid=counters] article').first().waitFor();
    expect(seen).toEqual([]);
    await board.close();
  });

  it('an administrator sees a locked account and lifts the lock with one button', async () => {
    for (let i = 0; i < 5; i++) {
      await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo2', password: `wrong${i}` } });
    }
    expect(
      (await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo2', password: 'demo123' } })).status,
    ).toBe(429);
    const { page, context } = await newPage(browser, { width: 1366, height: 900 });
    const seen = violations(page);
    const admin = new AdminPage(page, ts.url);
    await admin.open('staff');
    await admin.signIn('admin', 'demo123');
    const locks = page.getByTestId('login-locks');
    await locks.waitFor();
    expect(await locks.innerText()).toContain('Tài khoản canbo2');
    await locks.getByRole('button', { name: 'Mở khóa đăng nhập' }).click();
    await page.getByText('Đã mở khóa đăng nhập cho Tài khoản canbo2.').waitFor();
    expect(
      (await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'canbo2', password: 'demo123' } })).status,
    ).toBe(200);
    expect(seen).toEqual([]);
    await context.close();
  });
});
