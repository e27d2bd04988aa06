/**
 * The administrator sets a kiosk's printer by its model, sees what is
 * plugged into the server, prints the test page (every toned letter once
 * per route) and drops tickets held while the printer was out of paper,
 * in Debian's Chromium against the real server and a capture printer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { decodeCp1258 } from '../../server/printing/cp1258';
import { decodeTcvn3 } from '../../server/printing/tcvn3';
import { launchBrowser, newPage } from '../helpers/browser';
import { CapturePrinter } from '../helpers/capture-printer';
import { parseEscPos, textLinesPaged } from '../helpers/escpos-parse';
import { DEMO_PASSWORD, KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { AdminPage } from './admin-page';

let browser: Browser;
let ts: TestServer | undefined;
let printer: CapturePrinter | undefined;
const POLL = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await ts?.cleanup();
  await printer?.stop();
});

describe('admin: kiosk printers', () => {
  it('a model from the list, the test page on the printer, held tickets dropped', async () => {
    printer = new CapturePrinter();
    await printer.start(0);
    const server = await startTestServer({ printBackoffMs: () => 200 });
    ts = server;
    const { page } = await newPage(browser);
    const admin = new AdminPage(page, server.url);
    await admin.open();
    await admin.signIn('admin', DEMO_PASSWORD);
    await admin.setPrinterModel('Kiosk sảnh chính', printer.address, 'Epson TM-T20 (80 mm, TCVN-3 trang 30/31)');
    const token = { token: await login(server.url, 'admin') };
    const [status] = (await call(server.url, 'GET', '/api/printers', { auth: token })).body.printers;
    expect(status).toMatchObject({ profile: 'epson-tm-t20-tcvn3', route: 'tcvn3', address: printer.address });

    const form = await admin.openPrinter('Kiosk sảnh chính');
    // nothing is plugged into this machine: the list says so instead of staying empty
    expect(await form.getByLabel(/Máy in cắm vào máy chủ/).textContent()).toMatch(
      /Không thấy máy in USB|Chọn để điền địa chỉ/,
    );
    await form.getByRole('button', { name: 'In trang thử' }).click();
    await form.getByRole('status').filter({ hasText: 'Đã gửi trang in thử' }).waitFor();
    await admin.shot('admin-printer-form');
    const [bytes] = await printer.received(1);
    const lines = textLinesPaged(parseEscPos(bytes!), {
      52: decodeCp1258,
      30: (b) => decodeTcvn3(b),
      31: (b) => decodeTcvn3(b, 'upper'),
    });
    expect(lines).toContain('2. tcvn3 - TCVN-3, trang 30/31');
    expect(lines.filter((l) => l === 'Ơ Ờ Ớ Ở Ỡ Ợ')).toHaveLength(2);
    await form.getByRole('button', { name: 'Hủy' }).click();

    // the roll runs out; two tickets are held; the administrator drops them from the list
    printer.state = 'paper-out';
    const ids = await demoIds(server.url);
    for (let i = 0; i < 2; i++) {
      expect(
        (await call(server.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } })).status,
      ).toBe(201);
    }
    await expect
      .poll(
        async () => (await call(server.url!, 'GET', '/api/printers', { auth: token })).body.printers[0].pending,
        POLL,
      )
      .toBe(2);
    await admin.section('Quầy');
    await admin.section('Thiết bị');
    const row = page.getByRole('row', { name: /Kiosk sảnh chính/ });
    await expect.poll(() => row.textContent(), POLL).toContain('Hết giấy');
    expect(await row.textContent()).toContain('2 phiếu chờ in');
    await admin.shot('admin-devices-paper-out');
    await row.getByRole('button', { name: 'Bỏ các phiếu đang giữ' }).click();
    await expect.poll(() => row.textContent(), POLL).not.toContain('phiếu chờ in');
    printer.state = 'online';
    await new Promise((r) => setTimeout(r, 1500));
    expect(printer.count).toBe(1);
  });
});
