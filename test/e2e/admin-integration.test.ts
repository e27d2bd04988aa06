/**
 * The administrator connects the province's system (issue 15) in Chromium:
 * creates an integration key (shown once) and a webhook to a real receiver
 * (secret shown once), sees the delivery of a ticket event arrive signed,
 * then the key revoked. Screenshots: test-output/screenshots/admin-integration-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { DEMO_PASSWORD, KIOSK, call, demoIds, startTestServer, type TestServer } from '../helpers/server';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { AdminPage } from './admin-page';

let browser: Browser;
let ts: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  browser = await launchBrowser();
  ts = await startTestServer();
  receiver = await startReceiver();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await ts?.cleanup();
});

describe('admin: integration', () => {
  it('a key shown once, a webhook whose deliveries the admin sees, a key revoked', async () => {
    const { page } = await newPage(browser, { width: 1366, height: 900 });
    page.on('dialog', (d) => void d.accept());
    const admin = new AdminPage(page, ts.url);
    await admin.open('integration');
    await admin.signIn('admin', DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Tích hợp với hệ thống của tỉnh' }).waitFor();

    // a key for the province's portal, reading dossiers only
    await page.getByRole('button', { name: 'Tạo khóa' }).first().click();
    const keyForm = admin.form('Tạo khóa');
    await keyForm.getByLabel('Tên chương trình dùng khóa').fill('Cổng DVC tỉnh');
    await keyForm.getByText('Đọc hồ sơ').click();
    await keyForm.getByRole('button', { name: 'Tạo khóa' }).click();
    const shown = page.getByRole('region', { name: 'Khóa của "Cổng DVC tỉnh"' });
    const key = await shown.getByRole('textbox').inputValue();
    expect(key).toMatch(/^mc_/);
    expect(await shown.textContent()).toContain('MỘT LẦN');
    await admin.shot('admin-integration-key');
    await shown.getByRole('button', { name: 'Xong' }).click();
    expect((await call(ts.url, 'GET', '/api/dossiers', { auth: { token: key } })).status).toBe(200);

    // a webhook to the receiver, for issued tickets
    await page.getByRole('button', { name: 'Thêm webhook' }).first().click();
    const hookForm = admin.form('Thêm webhook');
    await hookForm.getByLabel('Địa chỉ nhận (URL)').fill(receiver.url);
    await hookForm.getByRole('checkbox', { name: /^Lấy số ticket\.issued/ }).check();
    await hookForm.getByRole('button', { name: 'Thêm webhook' }).click();
    const secretBox = page.getByRole('region', { name: 'Khóa bí mật để kiểm tra chữ ký' });
    receiver.secret = await secretBox.getByRole('textbox').inputValue();
    expect(receiver.secret.length).toBeGreaterThanOrEqual(32);
    await secretBox.getByRole('button', { name: 'Xong' }).click();

    const ids = await demoIds(ts.url);
    const ticket = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    await expect.poll(() => receiver.accepted().length).toBe(1);
    expect(receiver.accepted()[0]!.verified).toBe(true);
    expect(receiver.accepted()[0]!.body.data.ticket.number).toBe(ticket.body.number);

    await page.getByRole('button', { name: 'Các lần gửi' }).click();
    const deliveries = page.getByRole('region', { name: `Các lần gửi tới ${receiver.url}` });
    await expect.poll(() => deliveries.textContent()).toContain('Đã gửi');
    expect(await deliveries.textContent()).toContain('Lấy số');
    await admin.shot('admin-integration-webhook');

    // revoked: refused at once
    await page.getByRole('button', { name: 'Thu hồi' }).click();
    await expect.poll(() => page.locator('table.adm-table').first().textContent()).toContain('Đã thu hồi');
    expect((await call(ts.url, 'GET', '/api/dossiers', { auth: { token: key } })).status).toBe(401);
    await admin.shot('admin-integration-revoked');
  }, 90_000);
});
