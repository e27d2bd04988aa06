/**
 * The province administrator's page (/counter/province) in Debian's Chromium
 * against the real server: the province's officer signs in at the home
 * office, opens "Tỉnh", adds the commune "UBND xã Tân An" (its administrator's
 * password shown once, and it works), a bad code is refused beside the field
 * in Vietnamese, the province's figures add the offices up. A supervisor and
 * an administrator who is not the province's do not get the page.
 * Screenshots (1366×820) in test-output/screenshots/province-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { ProvincePage } from './pages/province-page';

const TODAY = '2026-11-25T10:00:00+07:00';

/** The home office's November dossiers: one early, one late, two still in time (two of the four online). */
const DOSSIERS = [
  'code,procedureCode,fieldCode,channel,receivedAt,dueAt,resolvedAt,returnedAt,status,apologyAt,newDueAt,returnChannel',
  'B1,1.004227,DD,direct,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,,resolved,,,',
  'B2,1.004227,DD,online,2026-11-03T10:00:00+07:00,2026-11-06T10:00:00+07:00,2026-11-10T09:00:00+07:00,,resolved,,,',
  'B4,1.004873,HT,direct,2026-11-20T09:00:00+07:00,2026-11-30T09:00:00+07:00,,,received,,,',
  'B5,1.004873,HT,online,2026-11-18T09:00:00+07:00,2026-11-27T09:00:00+07:00,,,processing,,,',
].join('\n');

let browser: Browser;
let ts: TestServer;
const closers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ts = await startTestServer({ start: '2026-11-25T08:00:00+07:00' });
  // the home office's morning: three tickets, one served and rated, one no-show, one still waiting
  const ids = await demoIds(ts.url);
  const clerk = await login(ts.url, 'canbo1');
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
  for (let i = 0; i < 3; i++) {
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(t.status).toBe(201);
  }
  ts.clock.advanceMinutes(6);
  const first = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
  ts.clock.advanceMinutes(4);
  await call(ts.url, 'POST', `/api/tickets/${first.body.ticket.id}/finish`, { auth: { token: clerk } });
  const rated = await call(ts.url, 'POST', '/api/ratings', {
    auth: { deviceKey: 'demo-rating-1' },
    body: { ticketId: first.body.ticket.id, score: 4 },
  });
  expect(rated.status).toBe(201);
  const second = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
  ts.clock.advanceMinutes(2);
  await call(ts.url, 'POST', `/api/tickets/${second.body.ticket.id}/skip`, { auth: { token: clerk } });
  const imported = await call(ts.url, 'POST', '/api/dossiers/import', {
    auth: { token: await login(ts.url, 'giamsat') },
    rawBody: DOSSIERS,
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.body).toEqual({ imported: 4, rejected: [] });
  ts.clock.set(TODAY);
});
afterAll(async () => {
  for (const c of closers.splice(0)) await c.close();
  await browser?.close();
  await ts?.cleanup();
});

describe('the province page', () => {
  it('the province administrator adds an office, sees its password once, and the province figures add up', async () => {
    const p = await ProvincePage.signIn(browser, ts.url, 'admin', { today: TODAY });
    closers.push(p);
    await p.navLink.waitFor();
    expect(await p.navLinks()).toEqual(['Quầy', 'Sảnh', 'Báo cáo', 'Quản trị', 'Tỉnh']);
    await p.open();

    // the offices: the home office, its addresses, one citizen waiting, the process holding it
    await p.office('trung-tam').waitFor();
    expect(await p.officeCodes()).toEqual(['trung-tam']);
    expect(await p.waiting('trung-tam')).toBe('1');
    expect(await p.office('trung-tam').getByRole('link', { name: /Quầy/ }).getAttribute('href')).toBe('/counter/');
    expect(await p.office('trung-tam').getByTestId('office-owner').textContent()).not.toBe('');

    // the default period is this month up to today, in the office's zone
    await expect.poll(() => p.period.textContent()).toBe('Từ ngày 01/11/2026 đến ngày 25/11/2026');
    await p.queueTable.waitFor();
    await p.shot('province-top');

    // a code with capitals and accents: refused beside the field, in Vietnamese, nothing added
    await p.addOffice({ name: 'UBND xã Tân An', code: 'Xã Tân An' });
    await expect
      .poll(() => p.fieldError('code').textContent())
      .toBe('Chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự)');
    expect(await p.page.getByLabel('Mã cơ quan').getAttribute('aria-invalid')).toBe('true');
    expect(await p.fieldError('name').count()).toBe(0);
    await p.page.getByLabel('Mã cơ quan').scrollIntoViewIfNeeded();
    await p.shot('province-bad-code');
    // the page offers the code meant; an empty name is refused beside the name
    await p.page.getByRole('button', { name: 'Dùng mã xa-tan-an' }).click();
    expect(await p.page.getByLabel('Mã cơ quan').inputValue()).toBe('xa-tan-an');
    expect(await p.fieldError('code').count()).toBe(0);
    await p.page.getByLabel('Tên cơ quan').fill('  ');
    await p.page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await expect.poll(() => p.fieldError('name').textContent()).toBe('Không được để trống');
    expect(await p.fieldError('code').count()).toBe(0);

    // the right code: added, its administrator's password shown once
    await p.addOffice({ name: 'UBND xã Tân An', code: 'xa-tan-an' });
    const creds = await p.createdCredentials();
    expect(creds.username).not.toBe('');
    expect(creds.password.length).toBeGreaterThanOrEqual(8);
    expect(await p.created.textContent()).toContain(
      'Ghi lại mật khẩu này: chỉ hiện một lần; phải đổi ở lần đăng nhập đầu tại /o/xa-tan-an/counter/admin',
    );
    await p.created.scrollIntoViewIfNeeded();
    await p.shot('province-created');
    // in the table, with its own addresses, nobody waiting
    await p.office('xa-tan-an').waitFor();
    expect(await p.office('xa-tan-an').textContent()).toContain('UBND xã Tân An');
    expect(await p.office('xa-tan-an').getByRole('link', { name: /Kiosk/ }).getAttribute('href')).toBe(
      '/o/xa-tan-an/kiosk/',
    );
    await expect.poll(() => p.waiting('xa-tan-an')).toBe('0');
    // the password works at the new office (to be changed at once), and not at the home office
    const signIn = await call(`${ts.url}/o/xa-tan-an`, 'POST', '/api/auth/login', { body: creds });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect((await call(ts.url, 'POST', '/api/auth/login', { body: creds })).status).toBe(401);
    // the same code again: refused beside the field
    await p.addOffice({ name: 'UBND xã Tân An 2', code: 'xa-tan-an' });
    await expect.poll(() => p.fieldError('code').textContent()).toBe('Đã có cơ quan mang mã "xa-tan-an".');
    // the one-time password stays until the officer closes it; after a reload it is gone
    await p.page.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
    expect(await p.created.count()).toBe(0);
    await p.page.reload();
    await p.office('xa-tan-an').waitFor();
    expect(await p.page.textContent('body')).not.toContain(creds.password);

    // the province's figures: the home office's tickets, the new office's nothing, the province the sum
    await expect.poll(() => p.queueRowKeys()).toEqual(['trung-tam', 'xa-tan-an', 'province']);
    const home = await p.queueRow('trung-tam');
    const tanAn = await p.queueRow('xa-tan-an');
    const province = await p.queueRow('province');
    // waits of the two called (6 and 10 minutes: the no-show was called too), the one service of 4 minutes
    expect(home).toMatchObject({ issued: '3', served: '1', noShow: '1', waiting: '8,0 phút', service: '4,0 phút' });
    expect(tanAn).toMatchObject({ name: 'UBND xã Tân An', issued: '0', served: '0', noShow: '0', waiting: '—' });
    expect(province.name).toBe('Toàn tỉnh');
    for (const k of ['issued', 'served', 'noShow'] as const) {
      expect(Number(province[k])).toBe(Number(home[k]) + Number(tanAn[k]));
    }
    expect(province.waiting).toBe(home.waiting);
    expect(await p.page.getByTestId('queue-row-province').getByTestId('satisfied').textContent()).toContain('100,0%');
    const bold = await p.page
      .getByTestId('queue-row-province')
      .locator('td')
      .first()
      .evaluate((td) => getComputedStyle(td).fontWeight);
    expect(Number(bold)).toBeGreaterThanOrEqual(700);
    await p.queueTable.scrollIntoViewIfNeeded();
    await p.shot('province-figures');

    // Decision 766: a row per office and the province's, the groups the data computes as columns;
    // Tiến độ 20 × 3/4 (B1 early, B4 and B5 in time, B2 late), the province's the same (Tân An has none)
    await expect.poll(() => p.index766.locator('tbody tr').count()).toBe(3);
    expect(await p.index766.locator('thead').textContent()).toContain('Tiến độ giải quyếttối đa 20 điểm');
    const progress = (key: string) =>
      p.index766.getByTestId(`i766-row-${key}`).getByTestId('i766-progress').textContent();
    expect(await progress('trung-tam')).toBe('15,0075,0%');
    expect(await progress('xa-tan-an')).toBe('—');
    expect(await progress('province')).toBe('15,0075,0%');
    expect(await p.index766.getByTestId('i766-row-province').locator('td').first().textContent()).toBe('Toàn tỉnh');
    expect(await p.page.textContent('main')).toContain('Cần dữ liệu của Cổng Dịch vụ công quốc gia');
    await p.index766.scrollIntoViewIfNeeded();
    await p.shot('province-index766');

    // another period: the figures follow (nothing in October)
    await p.showPeriod('01/10/2026', '31/10/2026');
    await expect.poll(() => p.period.textContent()).toBe('Từ ngày 01/10/2026 đến ngày 31/10/2026');
    await expect.poll(async () => (await p.queueRow('province')).issued).toBe('0');

    // the offices are re-read every 10 s: a citizen who takes a number shows without a reload
    const ids = await demoIds(ts.url);
    expect(
      (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } })).status,
    ).toBe(201);
    await expect.poll(() => p.waiting('trung-tam'), { timeout: 20_000 }).toBe('2');

    // the same page in English
    await p.page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await p.page.getByRole('heading', { name: 'Province administration' }).waitFor();
    expect(await p.navLinks()).toContain('Province');
    await p.page.evaluate(() => window.scrollTo(0, 0));
    await p.shot('province-en');
    await p.page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
  }, 120_000);

  it('a supervisor, and an administrator who is not the province’s, get no link and no page', async () => {
    const sup = await ProvincePage.signIn(browser, ts.url, 'giamsat');
    closers.push(sup);
    await sup.page.locator('.staff-bar nav a').first().waitFor();
    expect(await sup.navLinks()).toEqual(['Quầy', 'Sảnh', 'Báo cáo']);
    await sup.page.goto(`${ts.url}/counter/province`);
    await expect.poll(() => sup.page.getByTestId('province-forbidden').count()).toBe(1);
    await sup.close();

    // a second administrator of the home office: the office's, not the province's
    const admin = await login(ts.url, 'admin');
    const made = await call(ts.url, 'POST', '/api/admin/staff', {
      auth: { token: admin },
      body: { username: 'quantri2', fullName: 'Phạm Văn Đức', role: 'admin', password: 'tam-thoi-123' },
    });
    expect(made.status).toBe(201);
    const first = await login(ts.url, 'quantri2', 'tam-thoi-123');
    const changed = await call(ts.url, 'POST', '/api/auth/change-password', {
      auth: { token: first },
      body: { currentPassword: 'tam-thoi-123', newPassword: 'mat-khau-moi-456' },
    });
    expect(changed.status).toBe(200);
    const other = await ProvincePage.signIn(browser, ts.url, 'quantri2', { password: 'mat-khau-moi-456' });
    closers.push(other);
    await other.page.locator('.staff-bar nav a').first().waitFor();
    // the shell asked the server once; the link never shows
    await other.page.waitForLoadState('networkidle');
    expect(await other.navLinks()).toEqual(['Quầy', 'Sảnh', 'Báo cáo', 'Quản trị']);
    await other.page.goto(`${ts.url}/counter/province`);
    await expect
      .poll(() => other.page.getByTestId('province-forbidden').textContent())
      .toBe('Chỉ quản trị viên cấp tỉnh mới dùng được chức năng này.');
    await other.shot('province-forbidden');
  }, 60_000);
});
