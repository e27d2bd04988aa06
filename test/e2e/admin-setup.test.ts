/**
 * The administrator's story, from an EMPTY database (MOTCUA_SEED=none):
 * sign in with the printed password, change it, set up the office through
 * the screens alone — details, fields, a procedure, the catalog, two
 * counters, a clerk, a kiosk and a board — then the paired kiosk issues a
 * ticket and the new clerk calls it, and the paired board is told.
 */
import { CounterPage } from './pages/counter-page';
import ExcelJS from 'exceljs';
import { createServer, type AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../helpers/browser';
import { call, startTestServer, type TestServer } from '../helpers/server';
import { BoardPage } from './board-page';
import { KioskPage } from './kiosk-page';
import { AdminPage } from './admin-page';

let ts: TestServer;
let browser: Browser;
let initialPassword = '';
let printer: { port: number; bytes: () => Buffer; close: () => Promise<void> };

/** A ticket printer on the LAN: a TCP server keeping what it receives. */
async function capturePrinter(): Promise<typeof printer> {
  const chunks: Buffer[] = [];
  const server = createServer((sock) => sock.on('data', (d) => chunks.push(d)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bytes: () => Buffer.concat(chunks),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  ts = await startTestServer({ seed: 'none', onSeeded: (creds) => (initialPassword = creds.staff[0]!.password) });
  browser = await launchBrowser();
  printer = await capturePrinter();
});
afterAll(async () => {
  await browser?.close();
  await ts?.cleanup();
  await printer?.close();
});

describe('setting up a real office from an empty database', () => {
  it('through the admin screens alone, then a ticket is issued and called in it', async () => {
    expect((await call(ts.url, 'GET', '/api/fields')).body).toEqual([]);
    const { context } = await newPage(browser, { width: 1366, height: 900 });
    const page = context.pages()[0]!;
    context.setDefaultTimeout(8000);
    const admin = new AdminPage(page, ts.url);

    // first sign-in: the printed password must be changed first
    await admin.open();
    await admin.signIn('admin', initialPassword);
    await admin.changePassword(initialPassword, 'ngan');
    await expect.poll(() => admin.error().innerText()).toContain('ít nhất 8 ký tự');
    await screenshot(page, 'admin-00-change-password');
    await admin.changePassword(initialPassword, 'hoa-vang-2026');
    await page.getByRole('navigation', { name: 'Quản trị văn phòng' }).getByRole('link', { name: 'Cơ quan' }).waitFor();
    await expect.poll(() => page.getByRole('note').innerText()).toContain('chưa được thiết lập');
    await admin.shot('admin-01-office-empty');

    await admin.setOffice({
      name: 'Bộ phận Tiếp nhận và Trả kết quả',
      parentName: 'UBND HUYỆN HÒA VANG',
      level: 'Cấp huyện',
      code: 'H05.01',
      address: 'Số 1 Nguyễn Văn Linh, thị trấn Hòa Vang',
    });
    await admin.shot('admin-02-office');

    await admin.addField({ code: 'HT', name: 'Tư pháp – Hộ tịch', prefix: 'A', minutes: 8 });
    await admin.addField({ code: 'CT', name: 'Chứng thực', prefix: 'B', dailyCap: 120, minutes: 5 });
    // a mistake is named and nothing is saved
    await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const bad = admin.form('Thêm lĩnh vực');
    await bad.getByLabel('Mã', { exact: true }).fill('DD');
    await bad.getByLabel('Tên lĩnh vực').fill('Đất đai');
    await bad.getByLabel('Chữ cái đầu số').fill('A');
    await admin.save(bad);
    await expect.poll(() => admin.error().innerText()).toContain('Chữ cái A đã dùng cho lĩnh vực Tư pháp – Hộ tịch');
    await admin.shot('admin-03-fields-error');
    await bad.getByRole('button', { name: 'Hủy' }).click();
    expect((await admin.rows()).map((r) => [r[0], r[2]])).toEqual([
      ['HT', 'A001'],
      ['CT', 'B001'],
    ]);
    await admin.shot('admin-03-fields');

    await admin.addProcedure({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      field: 'HT – Tư pháp – Hộ tịch',
      days: 0,
      fees: 'Miễn lệ phí',
      documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
    });
    // the catalog as the province sends it: a bad line → nothing imported, lines named
    const badCsv = [
      'Mã TTHC;Tên thủ tục;Lĩnh vực;Thời hạn giải quyết;Phí, lệ phí',
      '2.000815;Chứng thực bản sao từ bản chính;CT;Trong ngày;2.000 đồng/trang',
      '2.000884;Chứng thực chữ ký;Chứng thực;1;10.000 đồng',
      '1.004227;Đăng ký biến động đất đai;DD;10;',
    ].join('\n');
    const rejected = await admin.importCatalog({
      name: 'danh-muc.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(badCsv),
    });
    expect(rejected).toContain('Dòng 4:');
    expect(rejected).toContain('Không có lĩnh vực "DD"');
    await admin.shot('admin-04-procedures-import-rejected');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TTHC');
    ws.addRow([
      'STT',
      'Mã TTHC',
      'Tên thủ tục',
      'Lĩnh vực',
      'Thời hạn giải quyết',
      'Phí, lệ phí',
      'Cách thức thực hiện',
    ]);
    ws.addRow([
      1,
      '2.000815',
      'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      'CT',
      'Trong ngày',
      '2.000 đồng/trang',
      'Trực tiếp',
    ]);
    ws.addRow([
      2,
      '2.000884',
      'Chứng thực chữ ký trong các giấy tờ, văn bản',
      'Chứng thực',
      '1',
      '10.000 đồng/trường hợp',
      'Trực tiếp; Bưu chính',
    ]);
    const ok = await admin.importCatalog({
      name: 'danh-muc.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(ok).toBe('Đã nhập 2 thủ tục (2 mới, 0 cập nhật).');
    await expect.poll(async () => (await admin.rows()).map((r) => r[0])).toEqual(['1.001193', '2.000815', '2.000884']);
    await admin.shot('admin-04-procedures');

    await admin.addCounter({ number: 1, name: 'Quầy 1', fields: ['HT – Tư pháp – Hộ tịch', 'CT – Chứng thực'] });
    await admin.addCounter({ number: 2, name: 'Quầy 2', fields: ['CT – Chứng thực'] });
    expect((await admin.rows()).map((r) => [r[0], r[2]])).toEqual([
      ['1', 'HT → CT'],
      ['2', 'CT'],
    ]);
    await admin.shot('admin-05-counters');

    await admin.addStaff({
      username: 'canbo.ha',
      fullName: 'Nguyễn Thị Hà',
      role: 'Cán bộ tiếp nhận',
      password: 'tam-thoi-01',
      counter: 'Quầy 1',
    });
    await admin.saved();
    await admin.shot('admin-06-staff');

    const kioskLink = await admin.addDevice({ kind: 'Kiosk lấy số', name: 'Kiosk sảnh chính' });
    expect(kioskLink).toMatch(new RegExp(`^${ts.url}/kiosk/\\?key=[A-Za-z0-9_-]+$`));
    await admin.shot('admin-07-device-pairing');
    await admin.closePairing();
    // its ticket printer: a TCP printer on the LAN (here a capture server)
    await admin.setPrinter('Kiosk sảnh chính', `127.0.0.1:${printer.port}`);
    const boardLink = await admin.addDevice({ kind: 'Màn hình sảnh chờ', name: 'Màn hình sảnh' });
    expect(boardLink).toMatch(new RegExp(`^${ts.url}/display-board/\\?key=`));
    await admin.closePairing();
    await admin.setDisplay('Bộ phận Một cửa làm việc sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30.', 70);
    await admin.shot('admin-12-display');
    // the counter form: fields in calling order, the boards that show it
    await admin.section('Quầy');
    await page.getByRole('button', { name: 'Sửa' }).first().click();
    const edit = admin.form('Sửa quầy');
    await edit.getByRole('button', { name: 'Xuống: Tư pháp – Hộ tịch' }).waitFor();
    expect(await edit.getByLabel('Màn hình sảnh').isChecked()).toBe(true);
    await admin.shot('admin-05-counter-form');
    await edit.getByRole('button', { name: 'Hủy' }).click();

    // the kiosk and the board are paired by opening their links once
    const kioskKey = new URL(kioskLink).searchParams.get('key')!;
    const boardKey = new URL(boardLink).searchParams.get('key')!;
    const kiosk = await KioskPage.open(browser, ts.url, { key: kioskKey });
    const board = await BoardPage.open(browser, ts.url, boardKey, { width: 1920, height: 1080 });
    expect(await board.counterNumbers()).toEqual([1, 2]);
    expect(await board.notice()).toContain('làm việc sáng thứ Bảy');

    // a citizen takes a number at the new kiosk, in the field just set up
    await kiosk.waitForHome();
    await kiosk.tapField('Tư pháp – Hộ tịch');
    expect(await kiosk.takeNormalNumber()).toBe('A001');
    expect(kiosk.page.url()).not.toContain('key=');
    // and the printer received the ticket
    await expect.poll(() => printer.bytes().length, { timeout: 10_000 }).toBeGreaterThan(100);
    await kiosk.shot('admin-13-kiosk-ticket');

    // the new clerk signs in (changing the initial password), takes counter 1 and calls
    const clerkPage = (await newPage(browser)).page;
    const clerk = new AdminPage(clerkPage, ts.url);
    await clerkPage.goto(`${ts.url}/counter/`);
    await clerk.signIn('canbo.ha', 'tam-thoi-01');
    await clerk.changePassword('tam-thoi-01', 'ha-quay-mot');
    await clerkPage.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await expect.poll(() => clerkPage.getByRole('heading', { name: 'Đổi mật khẩu' }).count()).toBe(0);
    // the clerk screen: pick counter 1, press F1
    const terminal = CounterPage.fromPage(clerkPage);
    await clerkPage.locator('.picker').waitFor();
    await terminal.openCounter(1);
    const called = await terminal.callNext();
    expect(called).toBe('A001');
    await board.waitForNewest('A001');
    expect(await board.newest()).toMatchObject({ number: 'A001', counter: 1 });
    await board.page.screenshot({ path: 'test-output/screenshots/admin-14-board-called.png' });

    // the admin sees both devices in contact, and the audit log of it all
    await admin.section('Thiết bị');
    await page.reload();
    await page.getByRole('heading', { name: 'Thiết bị' }).waitFor();
    const devices = await admin.rows();
    expect(devices.map((r) => r[0])).toEqual(['Kiosk sảnh chính', 'Màn hình sảnh']);
    expect(devices[1]![3]).toMatch(/^\d\d:\d\d 25\/11\/2026$/);
    await admin.shot('admin-08-devices');
    await admin.section('Nhật ký');
    await page.getByRole('cell', { name: 'Thêm thiết bị' }).first().waitFor();
    const audit = (await admin.rows()).map((r) => r[2]);
    for (const action of [
      'Sửa thông tin cơ quan',
      'Thêm lĩnh vực',
      'Thêm thủ tục',
      'Nhập danh mục thủ tục',
      'Thêm quầy',
      'Thêm cán bộ',
    ]) {
      expect(audit.some((a) => a!.startsWith(action))).toBe(true);
    }
    await admin.shot('admin-09-audit');
    // the government's yearly swap, added by hand on the computed calendar
    await admin.section('Ngày nghỉ');
    await page.getByRole('cell', { name: 'Quốc khánh' }).first().waitFor();
    const swap = admin.form('Thêm điều chỉnh');
    await swap.getByLabel('Ngày', { exact: true }).fill('2026-12-31');
    await swap.getByLabel('Ghi chú', { exact: false }).fill('Nghỉ cuối năm theo Thông báo của UBND huyện');
    await swap.getByRole('button', { name: 'Thêm điều chỉnh' }).click();
    await page.getByRole('cell', { name: /31\/12\/2026/ }).waitFor();
    const pub = (await call(ts.url, 'GET', '/api/calendar/holidays?year=2026')).body as Array<{ date: string }>;
    expect(pub.some((d) => d.date === '2026-12-31')).toBe(true);
    await admin.shot('admin-11-holidays');
    await admin.section('Sao lưu');
    await admin.shot('admin-10-backup');
    await admin.section('Cán bộ');
    await admin.shot('admin-06-staff');
    // the English switch
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    await admin.shot('admin-15-staff-english');
  }, 120_000);
});
