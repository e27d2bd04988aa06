/**
 * The kiosk as a citizen uses it, in Debian's Chromium against the real
 * server: tap a field → ticket, priority, idle reset, a closed field, the
 * catalog, a double tap, a lost server, a failing printer; the phone page
 * following a ticket to the counter and the rating. Screenshots of each
 * main screen go to test-output/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FieldDto, IssuedTicketDto, TicketDto } from '../../server/protocol/dto';
import { launchBrowser, newPage, screenshot } from '../helpers/browser';
import { CapturePrinter, type CaptureState } from '../helpers/capture-printer';
import { parseEscPos, textLines } from '../helpers/escpos-parse';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { KioskPage, LANDSCAPE, PHONE, PhoneTicketPage } from './kiosk-page';

let browser: Browser;
const servers: TestServer[] = [];
const printers: CapturePrinter[] = [];
const pages: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  for (const s of servers.splice(0)) await s.cleanup();
  for (const p of printers.splice(0)) await p.stop();
});

async function office(opts: { printer?: 'up' | 'down'; paper?: CaptureState } = {}) {
  const printer = new CapturePrinter(opts.paper ? { state: opts.paper } : {});
  printers.push(printer);
  await printer.start(0);
  if (opts.printer === 'down') await printer.stop();
  const ts = await startTestServer({
    demoPrinter: printer.address,
    printBackoffMs: () => 200,
    printStatusPollMs: opts.paper ? 300 : 0,
  });
  servers.push(ts);
  return { ts, printer };
}

async function openKiosk(ts: TestServer, opts: Parameters<typeof KioskPage.open>[2] = {}) {
  const kiosk = await KioskPage.open(browser, ts.url, opts);
  pages.push(kiosk);
  await kiosk.waitForHome();
  return kiosk;
}

const fieldsNow = async (ts: TestServer) => (await call<FieldDto[]>(ts.url, 'GET', '/api/fields')).body;

describe('kiosk', () => {
  it('pick a field → the ticket is shown large and printed in Vietnamese', async () => {
    const { ts, printer } = await office();
    const kiosk = await openKiosk(ts);
    await expect.poll(() => kiosk.page.locator('.k-parent').textContent()).toBe('UBND XÃ HÒA AN');
    await kiosk.shot('kiosk-home-portrait');

    await kiosk.tapField('Tư pháp – Hộ tịch');
    expect(await kiosk.title.textContent()).toBe('Ông/Bà có thuộc diện ưu tiên không?');
    await kiosk.shot('kiosk-priority-portrait');
    // two taps in all: the field, then "Không ưu tiên — lấy số thường"
    expect(await kiosk.takeNormalNumber()).toBe('A001');
    await expect.poll(() => kiosk.printNote.textContent()).toContain('Phiếu đang được in');
    expect(await kiosk.ticket.textContent()).toContain('Không có ai chờ trước Ông/Bà');
    await kiosk.page.locator('.k-ticket-qr img').evaluate((img: HTMLImageElement) => img.decode());
    await kiosk.shot('kiosk-ticket-portrait');

    const [bytes] = await printer.received(1);
    const lines = textLines(parseEscPos(bytes!));
    expect(lines).toEqual(
      expect.arrayContaining(['SỐ THỨ TỰ', 'A001', 'Tư pháp – Hộ tịch', 'Số người đang chờ trước: 0']),
    );

    // the start screen counts the citizen who is now waiting
    await kiosk.page.locator('[data-action="done"]').tap();
    await expect.poll(() => kiosk.field('Tư pháp – Hộ tịch').textContent()).toContain('Đang chờ: 1 người');
  });

  it('a priority ticket says so on screen and is stored as priority', async () => {
    const { ts } = await office();
    const kiosk = await openKiosk(ts);
    await kiosk.tapField('Chứng thực');
    await kiosk.choosePriority('Người cao tuổi (từ 60 tuổi)');
    await kiosk.shot('kiosk-confirm-portrait');
    expect(await kiosk.takeNumber()).toBe('B001');
    expect(await kiosk.page.locator('.k-badge').textContent()).toBe('Ưu tiên: Người cao tuổi (từ 60 tuổi)');
    const token = await login(ts.url, 'admin');
    const ids = await demoIds(ts.url);
    const counter = await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token } });
    expect(counter.body.waiting.map((t: TicketDto) => [t.number, t.priority])).toEqual([['B001', 'elderly']]);
  });

  it('goes back to the start screen after 30 s without a touch', async () => {
    const { ts } = await office();
    const kiosk = await openKiosk(ts, { fakeClock: true });
    await kiosk.tapField('Đất đai');
    await kiosk.page.clock.fastForward(20_000);
    expect(await kiosk.screen()).toBe('priority');
    await kiosk.choosePriority('Người cao tuổi (từ 60 tuổi)'); // a touch starts the 30 s again
    await kiosk.page.clock.fastForward(25_000);
    expect(await kiosk.screen()).toBe('confirm');
    await kiosk.page.clock.fastForward(6_000);
    await expect.poll(() => kiosk.screen()).toBe('home');
    expect(await kiosk.title.textContent()).toBe('Chạm vào lĩnh vực Ông/Bà cần giải quyết');
    expect((await fieldsNow(ts)).every((f) => f.issuedToday === 0)).toBe(true);
  });

  it('a closed field and a field out of numbers say so in words and cannot be tapped', async () => {
    const { ts } = await office();
    const ids = await demoIds(ts.url);
    const admin = { token: await login(ts.url, 'admin') };
    const setActive = async (code: string, active: boolean) => {
      const all = (await call<Array<Record<string, unknown>>>(ts.url, 'GET', '/api/admin/fields', { auth: admin }))
        .body;
      const f = all.find((x) => x.code === code)!;
      const body = {
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
        numbering: f.numbering,
        prefix: f.prefix,
        rangeStart: f.rangeStart,
        rangeEnd: f.rangeEnd,
        dailyCap: f.dailyCap,
        avgServiceMinutes: f.avgServiceMinutes,
        active,
      };
      const res = await call(ts.url, 'PUT', `/api/admin/fields/${f.id}`, { auth: admin, body });
      expect(res.status).toBe(200);
    };
    await setActive('XD', false);
    // Đất đai stops at 150 a day
    for (let i = 0; i < 150; i++) {
      await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('DD') } });
    }
    const kiosk = await openKiosk(ts);
    await expect.poll(() => kiosk.field('Xây dựng').textContent()).toContain('Tạm ngừng nhận hồ sơ');
    expect(await kiosk.field('Xây dựng').isDisabled()).toBe(true);
    expect(await kiosk.field('Đất đai').textContent()).toContain('Đã hết số thứ tự hôm nay');
    expect(await kiosk.field('Đất đai').isDisabled()).toBe(true);
    await kiosk.field('Xây dựng').tap({ force: true });
    expect(await kiosk.screen()).toBe('home');
    await kiosk.shot('kiosk-closed-field-portrait');

    // reopened by the administrator: the open kiosk shows it at once
    await setActive('XD', true);
    await expect.poll(() => kiosk.field('Xây dựng').isDisabled()).toBe(false);
  });

  it('the public catalog of procedures, by field, with time limit and fees', async () => {
    const { ts } = await office();
    const kiosk = await openKiosk(ts);
    await kiosk.openCatalog();
    expect(await kiosk.page.getByTestId('procedures').locator('li').count()).toBe(19);
    await kiosk.page.locator('.k-tabs button', { hasText: 'Đất đai' }).tap();
    const items = kiosk.page.getByTestId('procedures').locator('li');
    await expect.poll(() => items.count()).toBe(3);
    const land = await items.filter({ hasText: 'Hòa giải tranh chấp đất đai' }).textContent();
    expect(land).toContain('Thời hạn: 30 ngày làm việc');
    expect(land).toContain('Phí, lệ phí: Không');
    await kiosk.shot('kiosk-catalog-portrait');
    await kiosk.page.locator('.k-back').tap();
    expect(await kiosk.screen()).toBe('home');
  });

  it('dossier lookup: typed on the keypad, or scanned from the receipt QR, shows status and due date only', async () => {
    const { ts } = await office();
    const clerk = { token: await login(ts.url, 'canbo1') };
    const created = await call(ts.url, 'POST', '/api/dossiers', {
      auth: clerk,
      body: {
        procedureCode: '1.004873',
        applicant: { fullName: 'Nguyễn Văn Bình', phone: '0912345678' },
        channel: 'direct',
      },
    });
    expect(created.status).toBe(201);
    const code: string = created.body.code;

    const kiosk = await openKiosk(ts);
    await kiosk.openLookup();
    const field = kiosk.page.locator('#dossier-code');
    expect(await field.inputValue()).toBe('X12.34-');
    await kiosk.tapKeys(code.slice('X12.34-'.length));
    expect(await field.inputValue()).toBe(code);
    await kiosk.page.locator('[data-action="lookup-go"]').tap();
    const card = kiosk.page.getByTestId('dossier');
    await card.waitFor();
    expect(await card.textContent()).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(await kiosk.page.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');
    expect(await kiosk.page.getByTestId('dossier-due').textContent()).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/2026$/);
    expect(await card.textContent()).not.toContain('Nguyễn Văn Bình');
    await kiosk.shot('kiosk-lookup-portrait');

    // a scanner types the receipt's QR (a link carrying the code) and Enter
    await field.fill('');
    await field.pressSequentially(`${ts.url}/kiosk/lookup?code=${code}`);
    await field.press('Enter');
    await expect.poll(() => kiosk.page.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');
    expect(await field.inputValue()).toBe(code);

    // a code that does not exist
    await field.fill('X12.34-000000-9999');
    await field.press('Enter');
    await expect.poll(() => kiosk.page.locator('.k-error').textContent()).toContain('Không tìm thấy hồ sơ có mã này');

    // the same QR opened on a phone
    const { context, page } = await newPage(browser, { ...PHONE, touch: true });
    pages.push(context);
    await page.goto(`${ts.url}/kiosk/lookup?code=${encodeURIComponent(code)}`);
    await page.getByTestId('dossier-status').waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');
    await screenshot(page, 'phone-lookup');
  });

  it('a double tap on "Không ưu tiên — lấy số thường" makes one ticket', async () => {
    const { ts, printer } = await office();
    const kiosk = await openKiosk(ts);
    await kiosk.tapField('Chứng thực');
    await kiosk.page.locator('[data-priority="none"]').dblclick();
    expect(await kiosk.ticketNumber()).toBe('B001');
    await printer.received(1);
    const ct = (await fieldsNow(ts)).find((f) => f.code === 'CT')!;
    expect(ct.issuedToday).toBe(1);
    expect(printer.jobs).toHaveLength(1);
  });

  it('an answer lost on the way: the kiosk asks again with the same key and gets the same ticket', async () => {
    const { ts, printer } = await office();
    const kiosk = await openKiosk(ts);
    const keys: string[] = [];
    let lose = true;
    await kiosk.page.route('**/api/tickets', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (lose) {
        lose = false;
        await route.fetch(); // the server issues the ticket…
        await route.abort('connectionreset'); // …but the kiosk never hears back
        return;
      }
      await route.continue();
    });
    await kiosk.tapField('Chứng thực');
    expect(await kiosk.takeNormalNumber()).toBe('B001');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^kiosk-/);
    expect(keys[1]).toBe(keys[0]);
    expect((await fieldsNow(ts)).find((f) => f.code === 'CT')!.issuedToday).toBe(1);
    await printer.received(1);
    expect(printer.jobs).toHaveLength(1);
  });

  it('the printer is off: the ticket is still issued and shown, with the advice to note the number', async () => {
    const { ts, printer } = await office({ printer: 'down' });
    const kiosk = await openKiosk(ts);
    await kiosk.tapField('Tư pháp – Hộ tịch');
    expect(await kiosk.takeNormalNumber()).toBe('A001');
    await expect.poll(() => kiosk.printNote.textContent()).toContain('Máy in đang gặp sự cố');
    await kiosk.shot('kiosk-ticket-printer-fault-portrait');
    await printer.start();
    const [bytes] = await printer.received(1);
    expect(textLines(parseEscPos(bytes!))).toContain('A001');
    await expect.poll(() => kiosk.printNote.textContent()).toContain('Phiếu đang được in');
  });

  it('paper out: the kiosk says so at once, keeps the number on screen longer, and it prints when paper is back', async () => {
    const { ts, printer } = await office({ paper: 'paper-out' });
    const admin = { token: await login(ts.url, 'admin') };
    // the server's idle check has found the empty roll before anyone presses
    await expect
      .poll(async () => (await call(ts.url, 'GET', '/api/printers', { auth: admin })).body.printers[0]?.state)
      .toBe('paper-out');
    const kiosk = await openKiosk(ts, { fakeClock: true });
    await kiosk.tapField('Tư pháp – Hộ tịch');
    expect(await kiosk.takeNormalNumber()).toBe('A001');
    await expect
      .poll(() => kiosk.printNote.textContent())
      .toContain('Máy in tạm hết giấy — xin ghi lại số thứ tự trên màn hình');
    await kiosk.page.locator('.k-ticket-qr img').evaluate((img: HTMLImageElement) => img.decode());
    await kiosk.shot('kiosk-ticket-paper-out-portrait');
    expect(printer.count).toBe(0);
    // twice the 30 s: still there after 45 s, gone after 60 s
    await kiosk.page.clock.fastForward(45_000);
    expect(await kiosk.screen()).toBe('ticket');
    await kiosk.page.clock.fastForward(16_000);
    await expect.poll(() => kiosk.screen()).toBe('home');

    printer.state = 'online';
    const [bytes] = await printer.received(1);
    expect(textLines(parseEscPos(bytes!))).toContain('A001');
  });

  it('the office switches the priority step off: one tap on a field gives a normal ticket', async () => {
    const { ts } = await office();
    const admin = { token: await login(ts.url, 'admin') };
    const { setUp: _s, today: _t, ...body } = (await call(ts.url, 'GET', '/api/admin/office', { auth: admin })).body;
    expect(body.kioskPriorityStep).toBe(true);
    const saved = await call(ts.url, 'PUT', '/api/admin/office', {
      auth: admin,
      body: { ...body, kioskPriorityStep: false },
    });
    expect(saved.status).toBe(200);
    const kiosk = await openKiosk(ts);
    expect(await kiosk.tapFieldForTicket('Đất đai')).toBe('C001');
    expect(await kiosk.ticket.textContent()).not.toContain('Ưu tiên');
  });

  it('the kiosk clock shows the office time zone, not the kiosk PC one', async () => {
    const { ts } = await office();
    const admin = { token: await login(ts.url, 'admin') };
    const { setUp: _s, today: _t, ...body } = (await call(ts.url, 'GET', '/api/admin/office', { auth: admin })).body;
    await call(ts.url, 'PUT', '/api/admin/office', { auth: admin, body: { ...body, timeZone: 'Asia/Tokyo' } });
    const kiosk = await openKiosk(ts); // the browser runs in Asia/Ho_Chi_Minh
    const hhmm = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Tokyo',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(d);
    // the clock follows the office's zone once the kiosk has its config (a moment on a busy machine)
    await expect
      .poll(async () => {
        const before = hhmm(new Date());
        const shown = (await kiosk.clock.textContent())?.trim();
        return [before, hhmm(new Date(Date.now() + 60_000))].includes(shown ?? '') ? 'Tokyo' : shown;
      })
      .toBe('Tokyo');
  });

  it('losing the server shows "mất kết nối" and reconnects by itself', async () => {
    const { ts } = await office();
    const kiosk = await openKiosk(ts);
    const port = ts.server.port;
    await ts.stop();
    await kiosk.offlineBanner.waitFor();
    expect(await kiosk.offlineBanner.textContent()).toContain('Mất kết nối tới máy chủ');
    await kiosk.shot('kiosk-offline-portrait');
    const again = await startTestServer({ dataDir: ts.dataDir, port, testClock: ts.clock });
    servers.splice(0, 1, again);
    await kiosk.offlineBanner.waitFor({ state: 'detached', timeout: 15_000 });
    await kiosk.tapField('Chứng thực');
    expect(await kiosk.takeNormalNumber()).toBe('B001');
  });

  it('landscape 1920×1080 and the English switch', async () => {
    const { ts } = await office();
    const kiosk = await openKiosk(ts, { size: LANDSCAPE });
    await kiosk.shot('kiosk-home-landscape');
    await kiosk.tapField('Đăng ký kinh doanh');
    await kiosk.shot('kiosk-priority-landscape');
    expect(await kiosk.takeNormalNumber()).toBe('1001');
    await kiosk.page.locator('.k-ticket-qr img').evaluate((img: HTMLImageElement) => img.decode());
    await kiosk.shot('kiosk-ticket-landscape');
    await kiosk.page.locator('[data-action="done"]').tap();
    await kiosk.switchLanguage();
    await expect.poll(() => kiosk.title.textContent()).toBe('Touch the service you need');
    expect(await kiosk.field('Land').count()).toBe(1);
    await kiosk.shot('kiosk-home-landscape-en');
    await kiosk.switchLanguage();
    await expect.poll(() => kiosk.title.textContent()).toBe('Chạm vào lĩnh vực Ông/Bà cần giải quyết');
  });
});

describe('pairing', () => {
  it('a kiosk opened with a wrong key says so instead of offering fields', async () => {
    const { ts } = await office();
    const kiosk = await KioskPage.open(browser, ts.url, { key: 'not-a-real-key' });
    pages.push(kiosk);
    await kiosk.page.locator('.k-unpaired').waitFor();
    expect(await kiosk.page.locator('.k-unpaired').textContent()).toContain(
      'Mã thiết bị không hợp lệ hoặc đã bị thu hồi',
    );
    expect(await kiosk.page.locator('.k-field').count()).toBe(0);
  });
});

describe('the live ticket page on a phone', () => {
  it('follows the ticket live, says "đến lượt — mời đến quầy N", then asks for the rating', async () => {
    const { ts } = await office();
    const ids = await demoIds(ts.url);
    const press = (fieldId: number) =>
      call<IssuedTicketDto>(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } });
    await press(ids.field('HT'));
    const mine = (await press(ids.field('HT'))).body;

    // the link in the ticket's QR, key included
    const phone = await PhoneTicketPage.open(browser, mine.phoneUrl);
    pages.push(phone);
    expect(await phone.number.textContent()).toBe('A002');
    expect(await phone.ahead.textContent()).toBe('Có 1 người chờ trước Ông/Bà');
    await phone.shot('phone-ticket-waiting');

    const token = await login(ts.url, 'canbo1');
    const auth = { token };
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth });
    await expect.poll(() => phone.ahead.textContent()).toBe('Không có ai chờ trước Ông/Bà');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth });
    await phone.called.waitFor();
    expect(await phone.called.textContent()).toBe('Đến lượt — mời đến quầy 1');
    await phone.shot('phone-ticket-called');

    await call(ts.url, 'POST', `/api/tickets/${mine.id}/finish`, { auth });
    await phone.rating.waitFor();
    await phone.shot('phone-ticket-rate');
    await phone.rate('Rất hài lòng');
    await phone.page.locator('.p-thanks').waitFor();
    const ticket = await call<TicketDto>(ts.url, 'GET', `/api/tickets/${mine.id}`);
    expect(ticket.body.rated).toBe(true);
  });

  it('does not offer the rating when the counter pad already took it', async () => {
    const { ts } = await office();
    const ids = await demoIds(ts.url);
    const mine = (
      await call<TicketDto>(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } })
    ).body;
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    await call(ts.url, 'POST', `/api/tickets/${mine.id}/finish`, { auth: { token } });
    expect(
      (
        await call(ts.url, 'POST', '/api/ratings', {
          auth: { deviceKey: 'demo-rating-1' },
          body: { ticketId: mine.id, score: 3 },
        })
      ).status,
    ).toBe(201);
    const phone = await PhoneTicketPage.open(browser, `${ts.url}/kiosk/t/${mine.id}`);
    pages.push(phone);
    await phone.page.locator('.p-finished').waitFor();
    expect(await phone.rating.count()).toBe(0);
  });
});
