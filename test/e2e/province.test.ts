/**
 * A commune of the province in the browser (issue #17): its kiosk, clerk
 * terminal and hall board under /o/<code>/, beside the home office's own
 * pages in the same browser. Screenshots in test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { call, login, startTestServer, type TestServer } from '../helpers/server';
import { KioskPage } from './kiosk-page';
import { BoardPage } from './board-page';
import { CounterPage } from './pages/counter-page';

let browser: Browser;
let ts: TestServer;
const closers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ts = await startTestServer();
  const admin = await login(ts.url, 'admin');
  const created = await call(ts.url, 'POST', '/api/province/offices', {
    auth: { token: admin },
    body: { code: 'xa-an-binh', name: 'UBND xã An Bình', seed: 'demo' },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  for (const c of closers.splice(0)) await c.close();
  await browser?.close();
  await ts?.cleanup();
});

describe('a commune under /o/<code>/', () => {
  it('its kiosk, clerk and board work on its own queue, while the home office keeps its own', async () => {
    const base = `${ts.url}/o/xa-an-binh`;
    // the home office's kiosk first: its number does not move the commune's
    const homeKiosk = await KioskPage.open(browser, ts.url);
    closers.push(homeKiosk);
    await homeKiosk.waitForHome();
    await homeKiosk.tapField('Tư pháp – Hộ tịch');
    expect(await homeKiosk.takeNormalNumber()).toBe('A001');

    const board = await BoardPage.open(browser, base, 'demo-display-1', { width: 1920, height: 1080 });
    closers.push(board);
    const kiosk = await KioskPage.open(browser, base);
    closers.push(kiosk);
    await kiosk.waitForHome();
    await kiosk.tapField('Tư pháp – Hộ tịch');
    await expect.poll(() => kiosk.page.locator('.k-parent').textContent()).toBe('UBND XÃ AN BÌNH');
    expect(await kiosk.takeNormalNumber()).toBe('A001');
    await kiosk.shot('province-commune-kiosk-ticket');

    const clerk = await CounterPage.signIn(browser, base, 'canbo1');
    closers.push(clerk);
    // the clerk's page stays under the commune's address
    expect(new URL(clerk.page.url()).pathname).toMatch(/^\/o\/xa-an-binh\/counter\//);
    await clerk.openCounter(1);
    expect(await clerk.callNext()).toBe('A001');
    await clerk.shot('province-commune-counter');

    await board.waitForCurrent(1, 'A001');
    // the hall sees its own commune's name
    expect(await board.title()).toContain('UBND XÃ AN BÌNH');
    await screenshot(board.page, 'province-commune-board');
    // the home office's queue still has its citizen waiting; the commune's is empty
    const homeFields = (await call(ts.url, 'GET', '/api/fields')).body as Array<{ code: string; waiting: number }>;
    const communeFields = (await call(base, 'GET', '/api/fields')).body as Array<{ code: string; waiting: number }>;
    expect(homeFields.find((f) => f.code === 'HT')?.waiting).toBe(1);
    expect(communeFields.find((f) => f.code === 'HT')?.waiting).toBe(0);
  }, 60_000);
});
