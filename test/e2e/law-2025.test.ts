/**
 * Decree 118 / Circular 03 at the desk, in Debian's Chromium against the
 * real server: the clerk stops a dossier (Mẫu 05) from the dossier dialog
 * and prints the stop notice; the admin's holiday screen shows where each
 * day comes from and imports next year's official schedule.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../helpers/browser';
import { DEMO_PASSWORD, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { AdminPage } from './admin-page';
import { CounterPage } from './pages/counter-page';

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

describe('Mẫu 05 at the counter', () => {
  it('the clerk stops a dossier at the citizen’s request and prints the stop notice', async () => {
    ts = await startTestServer();
    const token = await login(ts.url, 'canbo1');
    const ids = await demoIds(ts.url);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const d = (
      await call(ts.url, 'POST', '/api/dossiers', {
        auth: { token },
        body: { procedureCode: '1.004873', applicant: { fullName: 'Phạm Văn Hùng' }, channel: 'direct' },
      })
    ).body as { id: number; code: string };

    const clerk = await CounterPage.signIn(browser, ts.url, 'canbo1');
    pages.push(clerk);
    await clerk.page.locator('.counter-bar').waitFor();
    const detail = await clerk.findDossier(d.code);
    // before: the control slip is Mẫu 06 in the 2025 set, no stop notice yet
    expect(await detail.textContent()).toContain('Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(await detail.textContent()).not.toContain('Mẫu 05');

    // an empty reason is refused, in Vietnamese, and nothing changes
    await clerk.dossierAction('Dừng giải quyết hồ sơ');
    await detail.getByRole('button', { name: 'Xác nhận' }).click();
    await expect
      .poll(() => clerk.page.getByTestId('dossier-dialog').locator('.alert.error').first().textContent(), POLL)
      .toContain('Hãy nhập lý do dừng giải quyết hồ sơ');
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token } })).body.status).toBe('received');

    await detail.locator('[name="requestedBy"]').selectOption({ label: 'Công dân đề nghị' });
    await detail.locator('[name="reason"]').fill('Công dân xin dừng để nộp lại hồ sơ ở nơi cư trú mới');
    await clerk.shot('counter-dossier-stop-form');
    await detail.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => detail.textContent(), POLL).toContain('Đã dừng giải quyết');
    expect(await detail.getByTestId('stop-reason').textContent()).toBe(
      'Đã dừng giải quyết — Công dân đề nghị: Công dân xin dừng để nộp lại hồ sơ ở nơi cư trú mới',
    );
    const link = detail.getByRole('link', { name: 'Mẫu 05 — Thông báo dừng giải quyết hồ sơ' });
    await link.waitFor();
    await clerk.shot('counter-dossier-stopped');
    const after = (await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token } })).body;
    expect(after).toMatchObject({ status: 'stopped', stopRequestedBy: 'citizen' });

    // the printed notice, opened from the link in the same session
    const href = (await link.getAttribute('href'))!;
    const tab = await clerk.context.newPage();
    await tab.setViewportSize({ width: 700, height: 900 });
    await tab.goto(new URL(href, clerk.page.url()).toString());
    expect(await tab.getByTestId('form-no').textContent()).toBe('Mẫu số 05');
    expect(await tab.getByTestId('form-name').textContent()).toBe('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(await tab.getByTestId('stop-reason').textContent()).toBe(
      'Công dân xin dừng để nộp lại hồ sơ ở nơi cư trú mới',
    );
    await screenshot(tab, 'form-05-stop-notice');
  }, 120_000);
});

describe('digitisation at reception', () => {
  it('the clerk lists the documents, marks one scanned (pages) and one reused, and the control slip says so', async () => {
    ts = await startTestServer();
    const clerk = await CounterPage.signIn(browser, ts.url, 'canbo1');
    pages.push(clerk);
    await clerk.openCounter(1);
    await clerk.fillDossier({ procedure: 'tình trạng hôn nhân', fullName: 'Đỗ Thị Lan' });
    await clerk.addDocument({ name: 'Tờ khai cấp Giấy xác nhận', digitisation: 'Đã quét', pages: 2 });
    await clerk.addDocument({ name: 'Căn cước công dân', copy: 'Bản sao', digitisation: 'Dùng lại dữ liệu' });
    await clerk.shot('counter-receive-digitisation');
    const dossier = await clerk.submitDossier();
    const token = await login(ts.url, 'canbo1');
    const list = (await call(ts.url, 'GET', `/api/dossiers?code=${dossier.code}`, { auth: { token } })).body;
    expect(list[0].documents).toEqual([
      { name: 'Tờ khai cấp Giấy xác nhận', copy: 'original', count: 1, digitisation: { kind: 'scanned', pages: 2 } },
      { name: 'Căn cước công dân', copy: 'copy', count: 1, digitisation: { kind: 'reused' } },
    ]);
    const slip = await call<string>(ts.url, 'GET', `/api/dossiers/${list[0].id}/forms/control.html`, {
      auth: { token },
    });
    expect(slip.body).toContain(
      'Tờ khai cấp Giấy xác nhận (đã số hóa, 2 trang); Căn cước công dân (tái sử dụng dữ liệu đã số hóa)',
    );
  }, 120_000);
});

describe('the official calendar on the holiday screen', () => {
  it('shows each day’s source and imports next year’s file', async () => {
    ts = await startTestServer();
    const { context, page } = await newPage(browser, { width: 1366, height: 900 });
    pages.push(context);
    context.setDefaultTimeout(10_000);
    const admin = new AdminPage(page, ts.url);
    await admin.open();
    await admin.signIn('admin', DEMO_PASSWORD);
    await admin.section('Ngày nghỉ');
    const row = (date: string) => page.getByRole('row').filter({ hasText: date });
    await row('02/01/2026').waitFor();
    expect(await row('02/01/2026').getByTestId('day-source').textContent()).toBe('Lịch chính thức');
    expect(await row('10/01/2026').textContent()).toContain('Làm việc (làm bù)');
    expect(await row('24/11/2026').getByTestId('day-source').textContent()).toBe('Theo luật');
    expect(await page.getByTestId('official-schedule').textContent()).toContain(
      'Có sẵn trong phần mềm, bản ngày 25/12/2025',
    );
    await screenshot(page, 'admin-holidays-official-2026');

    // next year: nothing official yet; the admin imports the published file
    await page.getByRole('button', { name: 'Năm sau' }).click();
    await expect
      .poll(() => page.getByTestId('official-schedule').textContent(), POLL)
      .toContain('Chưa có lịch chính thức');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-cal-'));
    const file = join(dir, '2027.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'motcua-official-calendar/1',
        year: 2027,
        version: '2026-11-30',
        source: 'Thông báo lịch nghỉ năm 2027 (thử nghiệm)',
        days: [{ date: '2027-02-20', kind: 'workday', name: 'Làm bù cho thứ Tư 10/2' }],
      }),
    );
    await page.getByLabel('Nhập tệp lịch của năm (.json)').setInputFiles(file);
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Đã nhập lịch chính thức');
    await row('20/02/2027').waitFor();
    expect(await row('20/02/2027').getByTestId('day-source').textContent()).toBe('Lịch chính thức');
    expect(await page.getByTestId('official-schedule').textContent()).toContain('Cơ quan đã nhập, bản ngày 30/11/2026');
    const due = await call(
      ts.url,
      'GET',
      '/api/calendar/due-date?receivedAt=2027-02-19T10:00:00%2B07:00&workingDays=1',
    );
    expect(due.body.dueAt).toBe('2027-02-20T10:00:00+07:00');
    await screenshot(page, 'admin-holidays-imported-2027');
  }, 120_000);
});
