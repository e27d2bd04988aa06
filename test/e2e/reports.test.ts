/**
 * The reports page as the supervisor uses it, in Debian's Chromium against
 * the real server: a served day and imported dossiers, a custom period,
 * the figures in Vietnamese ("33,4%"), the charts drawn, the at-risk list,
 * the printable Mẫu 04. Screenshots go to test-output/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from '../helpers/browser';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let browser: Browser;
let ts: TestServer;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await ts?.cleanup();
});

const CSV = [
  'code,procedureCode,fieldCode,channel,receivedAt,dueAt,resolvedAt,returnedAt,status,apologyAt,newDueAt,returnChannel',
  'A1,1.004873,HT,direct,2026-10-28T09:00:00+07:00,2026-11-03T09:00:00+07:00,,,processing,2026-11-02T08:00:00+07:00,2026-11-10T17:00:00+07:00,',
  'A3,1.004873,HT,online,2026-10-29T10:00:00+07:00,2026-11-02T10:00:00+07:00,2026-11-02T16:45:00+07:00,,resolved,,,',
  'B1,1.004227,DD,direct,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,,resolved,,,',
  'B2,1.004227,DD,online,2026-11-03T10:00:00+07:00,2026-11-06T10:00:00+07:00,2026-11-06T16:30:00+07:00,,resolved,,,',
  'B3,2.000575,KD,postal,2026-11-04T09:00:00+07:00,2026-11-09T09:00:00+07:00,2026-11-10T09:00:00+07:00,2026-11-11T09:00:00+07:00,returned,2026-11-06T09:00:00+07:00,2026-11-10T17:00:00+07:00,postal',
  'B4,1.004873,HT,direct,2026-11-20T09:00:00+07:00,2026-11-30T09:00:00+07:00,,,received,,,',
  'B5,1.004873,HT,online,2026-11-18T09:00:00+07:00,2026-11-27T09:00:00+07:00,,,processing,,,',
  'B6,1.004873,HT,direct,2026-11-10T09:00:00+07:00,2026-11-13T09:00:00+07:00,,,supplement,,,',
  'B7,1.004873,HT,direct,2026-11-25T09:00:00+07:00,2026-12-02T09:00:00+07:00,2026-12-01T09:00:00+07:00,,resolved,,,',
].join('\n');

/** A day at counters 1 and 2 (HT): tickets every few minutes from 07:30 to 16:30, most served. */
async function servedDay(): Promise<void> {
  const ids = await demoIds(ts.url);
  const c1 = await login(ts.url, 'canbo1');
  const c2 = await login(ts.url, 'canbo2');
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: c1 } });
  await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: c2 } });
  const perHour = [6, 9, 7, 4, 0, 0, 3, 6, 5, 2];
  for (let h = 0; h < perHour.length; h++) {
    for (let i = 0; i < perHour[h]!; i++) {
      // the planned arrival, or later when the previous visit ran over (the clock never goes back)
      const planned =
        Date.parse('2026-11-24T07:30:00+07:00') + h * 3_600_000 + Math.floor((i * 60) / perHour[h]!) * 60_000;
      ts.clock.set(new Date(Math.max(planned, ts.clock.now().getTime())));
      const t = await call(ts.url, 'POST', '/api/tickets', {
        auth: KIOSK,
        body: { fieldId: ids.field(i % 3 === 0 ? 'CT' : 'HT') },
      });
      expect(t.status).toBe(201);
      const [token, counter] = i % 2 === 0 ? [c1, ids.counter(1)] : [c2, ids.counter(2)];
      ts.clock.advanceMinutes(3 + (i % 4));
      const called = await call(ts.url, 'POST', `/api/counters/${counter}/call-next`, { auth: { token } });
      expect(called.status).toBe(200);
      ts.clock.advanceMinutes(2 + (i % 3));
      const done = i % 7 === 6 ? 'skip' : 'finish';
      await call(ts.url, 'POST', `/api/tickets/${called.body.ticket.id}/${done}`, { auth: { token } });
      if (done === 'finish' && i % 2 === 0) {
        await call(ts.url, 'POST', '/api/ratings', {
          auth: { deviceKey: i % 2 === 0 ? 'demo-rating-1' : 'demo-rating-2' },
          body: { ticketId: called.body.ticket.id, score: i % 5 === 4 ? 2 : i % 3 === 0 ? 3 : 4 },
        });
      }
    }
  }
}

async function openReports(token: string): Promise<Page> {
  const { context, page } = await newPage(browser, { width: 1366, height: 900 });
  closers.push(() => context.close());
  await context.addInitScript((t) => localStorage.setItem('motcua.staffToken', t), token);
  // downloads and printable forms open as plain links: the session cookie the login also sets
  await context.addCookies([{ name: 'motcua_token', value: token, url: ts.url }]);
  await page.goto(`${ts.url}/counter/reports`);
  await page.getByRole('heading', { name: 'Báo cáo của Bộ phận Một cửa' }).waitFor();
  return page;
}

describe('reports page', () => {
  it('a supervisor picks a period and sees the dossier rates, the charts and the list at risk', async () => {
    ts = await startTestServer({ start: '2026-11-24T07:00:00+07:00' });
    await servedDay();
    const sup = await login(ts.url, 'giamsat');
    const imp = await call(ts.url, 'POST', '/api/dossiers/import', {
      auth: { token: sup },
      rawBody: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imp.body).toEqual({ imported: 9, rejected: [] });
    // a real dossier received at the counter on 20/11, 3 working days: due 25/11, at risk on the 25th
    const clerk = await login(ts.url, 'canbo1');
    ts.clock.set('2026-11-20T09:00:00+07:00');
    const d = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: clerk },
      body: { procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Văn Bình' }, channel: 'direct' },
    });
    expect(d.status).toBe(201);
    ts.clock.set('2026-11-20T14:00:00+07:00');
    const handover = await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/handover`, {
      auth: { token: clerk },
      body: { toUnit: 'Công chức Tư pháp – Hộ tịch', toPerson: 'Lê Thị Hoa', deadlineAt: '2026-11-24T17:00:00+07:00' },
    });
    expect(handover.status).toBe(200);
    ts.clock.set('2026-11-24T16:00:00+07:00');
    const apology = await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/apology`, {
      auth: { token: sup },
      body: {
        reason: 'Chờ xác minh thông tin hộ tịch tại nơi đăng ký cũ',
        newDueAt: '2026-11-27',
        signedBy: 'Trần Văn Quang',
        signerTitle: 'Chủ tịch UBND xã',
      },
    });
    expect(apology.status).toBe(200);
    ts.clock.set('2026-11-25T08:00:00+07:00');

    const page = await openReports(sup);
    await page.getByRole('button', { name: 'Tùy chọn' }).click();
    await page.getByLabel('Từ ngày').fill('2026-11-01');
    await page.getByLabel('Đến ngày').fill('2026-11-30');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await expect
      .poll(() => page.getByTestId('period-range').textContent())
      .toBe('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    // the date fields show dd/mm/yyyy whatever the browser's language
    expect(await page.getByLabel('Từ ngày').inputValue()).toBe('01/11/2026');
    expect(await page.getByLabel('Đến ngày').inputValue()).toBe('30/11/2026');

    // 10 dossiers: A1, A3 carried over; B1–B7 and the counter's one new. Đúng hẹn = B1, A3, B2 = 3/10
    await expect.poll(() => page.getByTestId('rate-within').textContent()).toContain('30,0%');
    await expect.poll(() => page.getByTestId('tickets-issued').textContent()).toContain('42');
    expect(await page.getByTestId('apologies').textContent()).toContain('3 phiếu / 4 hồ sơ trễ hẹn');

    // the charts are drawn: a bar per hour with tickets, a bar per day
    const hourBars = page.getByTestId('chart-by-hour').locator('rect.bar');
    expect(await hourBars.count()).toBeGreaterThanOrEqual(20);
    const heights = await hourBars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('height'))));
    expect(Math.max(...heights)).toBeGreaterThan(100);
    expect(await page.getByTestId('chart-by-day').locator('rect.bar').count()).toBe(60);
    expect(await page.getByTestId('chart-dossiers').locator('rect.bar').count()).toBe(5);
    expect(await page.getByTestId('chart-satisfaction').textContent()).toContain('Rất hài lòng');
    await screenshot(page, 'reports-top');

    // Decision 766: Tiến độ over the same 10 dossiers, out of 20; what the office cannot compute is said so
    const i766 = page.getByTestId('index766');
    await expect.poll(() => i766.getByTestId('i766-progress').textContent()).toContain('/ 10');
    expect(await i766.getByTestId('i766-progress').textContent()).toContain('/ 20,00');
    expect(await i766.getByTestId('i766-transparency').textContent()).toContain(
      'Cần dữ liệu của Cổng Dịch vụ công quốc gia',
    );
    await i766.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-index766');

    // the list at risk: the overdue A1 (with its apology) and B5 due on the 27th is not yet there; the counter's one due today
    const risk = page.getByTestId('at-risk');
    await expect.poll(() => risk.textContent()).toContain('A1');
    expect(await risk.textContent()).toContain(d.body.code);
    expect(await risk.textContent()).toContain('Quá hạn');
    expect(await risk.textContent()).toContain('Sắp đến hạn');
    expect(await risk.textContent()).not.toContain('B5');
    await risk.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-at-risk');
    await page.getByTestId('chart-by-hour').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-charts');

    // the queue's direct calls and alerts, and how far to trust the estimated wait (issue 16)
    expect(await page.getByTestId('direct-calls').textContent()).toContain('Gọi trực tiếp0');
    const estimates = page.getByTestId('estimates');
    await estimates.scrollIntoViewIfNeeded();
    expect(await estimates.textContent()).toContain('Độ tin cậy của thời gian chờ ước tính');
    expect(await estimates.getByTestId('estimate-within5').textContent()).toMatch(/Sai không quá 5 phút(\d+(,\d)?%|—)/);
    await screenshot(page, 'reports-estimates');

    // the printable Mẫu 04
    const slip = await page.context().newPage();
    await slip.setViewportSize({ width: 700, height: 990 });
    expect(await page.getByRole('link', { name: 'In phiếu xin lỗi' }).getAttribute('href')).toBe(
      `/api/dossiers/${d.body.id}/forms/apology.html`,
    );
    await slip.goto(`${ts.url}/api/dossiers/${d.body.id}/forms/04.html`);
    expect((await slip.locator('h1').textContent())?.toUpperCase()).toBe(
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
    );
    expect(await slip.textContent('body')).toContain('Nguyễn Văn Bình');
    expect(await slip.textContent('body')).toContain('Trần Văn Quang');
    await screenshot(slip, 'reports-apology-slip');

    // the printable Mẫu 06 (the control slip of the 2025 set) with the hand-over row
    await slip.goto(`${ts.url}/api/dossiers/${d.body.id}/forms/06.html`);
    expect((await slip.locator('h1').textContent())?.toUpperCase()).toBe('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(await slip.locator('table.steps tbody tr').first().textContent()).toContain(
      'Công chức Tư pháp – Hộ tịch (Lê Thị Hoa)',
    );
    await screenshot(slip, 'reports-control-slip');
  }, 120_000);
});
