/**
 * The API's page for people (/docs/api/, issue 15) in real Chromium: every
 * route of the OpenAPI document, grouped, styled, no script, nothing from a
 * CDN. Screenshots: test-output/screenshots/docs-api-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/protocol/api-routes';
import { launchBrowser, newPage, screenshot } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let browser: Browser;
beforeAll(async () => {
  ts = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await ts.cleanup();
});

describe('/docs/api/', () => {
  it('renders in Chromium: every route grouped, readable, no script, nothing from a CDN', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 900 });
    try {
      const requests: string[] = [];
      const blocked: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      await page.goto(`${ts.url}/docs/api/`);
      await expect.poll(() => page.locator('section.op').count()).toBe(API_ROUTES.length);
      expect(await page.locator('h1').textContent()).toContain('Tài liệu API');
      expect(await page.locator('#tag-Tích\\ hợp').count()).toBe(1);
      const webhook = page.locator('section.op', { hasText: '/api/admin/webhooks' }).first();
      expect(await webhook.textContent()).toContain('quản trị viên');
      // the stylesheet applied (inline, allowed by hash): the header is the office blue
      const bg = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe('rgb(11, 79, 138)');
      expect(await page.locator('script').count()).toBe(0);
      expect(requests.every((u) => u.startsWith(ts.url))).toBe(true);
      // nothing refused by the page's content security policy
      expect(blocked).toEqual([]);
      await screenshot(page, 'docs-api-top');
      await page.locator('#tag-Tích\\ hợp').scrollIntoViewIfNeeded();
      await screenshot(page, 'docs-api-integration');
    } finally {
      await context.close();
    }
  });
});
