/**
 * The official calendar through the API (DOMAIN.md §3): the 2026 schedule
 * shipped as data, `source` on each day, and the admin importing next
 * year's file — which takes effect at once for due dates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let admin: string;

beforeEach(async () => {
  ts = await startTestServer();
  admin = await login(ts.url, 'admin');
});
afterEach(async () => {
  await ts.cleanup();
});

interface Day {
  date: string;
  name: string;
  kind: string;
  source?: string;
}

const file2027 = {
  format: 'motcua-official-calendar/1',
  year: 2027,
  version: '2026-11-30',
  source: 'Thông báo (thử nghiệm) lịch nghỉ năm 2027',
  days: [
    { date: '2027-02-05', kind: 'holiday', name: 'Tết Nguyên đán (29 tháng Chạp)' },
    { date: '2027-02-10', kind: 'compensatory', name: 'Nghỉ bù Tết Nguyên đán' },
    { date: '2027-02-20', kind: 'workday', name: 'Làm bù cho thứ Tư 10/2' },
    { date: '2027-09-03', kind: 'holiday', name: 'Quốc khánh (nghỉ liền kề 3/9)' },
    { date: '2027-09-01', kind: 'remove', name: 'Không nghỉ 1/9' },
  ],
};

describe('GET /api/calendar/holidays?year=2026', () => {
  it('lists the official days off, the worked Saturdays and 24/11, each with its source', async () => {
    const res = await call<Day[]>(ts.url, 'GET', '/api/calendar/holidays?year=2026');
    expect(res.status).toBe(200);
    const by = new Map(res.body.map((d) => [d.date, d]));
    expect(by.get('2026-01-02')).toMatchObject({ kind: 'compensatory', source: 'official' });
    expect(by.get('2026-01-10')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(by.get('2026-02-16')).toMatchObject({ kind: 'holiday', source: 'official' });
    expect(by.get('2026-08-22')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(by.get('2026-08-31')).toMatchObject({ kind: 'compensatory', source: 'official' });
    expect(by.get('2026-04-27')).toMatchObject({ kind: 'compensatory', source: 'rule' });
    expect(by.get('2026-11-24')).toMatchObject({
      kind: 'holiday',
      source: 'rule',
      name: 'Ngày Văn hóa Việt Nam 24/11',
    });
    const due = await call(
      ts.url,
      'GET',
      '/api/calendar/due-date?receivedAt=2026-08-28T10:00:00%2B07:00&workingDays=1',
    );
    expect(due.body.dueAt).toBe('2026-09-03T10:00:00+07:00');
  });
});

describe('importing a year file', () => {
  it('takes effect at once, is shown with its origin, and the admin can go back', async () => {
    const dueQ = '/api/calendar/due-date?receivedAt=2027-02-19T10:00:00%2B07:00&workingDays=1';
    // by the rules alone: Fri 19/2/2027 + 1 → Mon 22/2
    expect((await call(ts.url, 'GET', dueQ)).body.dueAt).toBe('2027-02-22T10:00:00+07:00');
    expect((await call(ts.url, 'GET', '/api/admin/calendar/2027', { auth: { token: admin } })).body.official).toBe(
      null,
    );

    const res = await call(ts.url, 'PUT', '/api/admin/calendar/2027/official', {
      auth: { token: admin },
      body: file2027,
    });
    expect(res.status).toBe(200);
    expect(res.body.official).toMatchObject({ version: '2026-11-30', origin: 'imported' });
    const days = res.body.days as Day[];
    expect(days.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(days.find((d) => d.date === '2027-09-01')).toBeUndefined();
    expect(days.find((d) => d.date === '2027-09-03')).toMatchObject({ source: 'official' });

    // at once: the worked Saturday 20/2 now counts
    expect((await call(ts.url, 'GET', dueQ)).body.dueAt).toBe('2027-02-20T10:00:00+07:00');
    // and the admin's own edit stays on top, marked as the office's
    await call(ts.url, 'PUT', '/api/admin/calendar/2027', {
      auth: { token: admin },
      body: { edits: [{ date: '2027-02-20', kind: 'remove' }] },
    });
    const pub = (await call<Day[]>(ts.url, 'GET', '/api/calendar/holidays?year=2027')).body;
    expect(pub.find((d) => d.date === '2027-02-20')).toBeUndefined();
    expect((await call(ts.url, 'GET', dueQ)).body.dueAt).toBe('2027-02-22T10:00:00+07:00');

    // removing the import: the shipped 2026 is untouched, 2027 has none again
    const del = await call(ts.url, 'DELETE', '/api/admin/calendar/2027/official', { auth: { token: admin } });
    expect(del.body.official).toBe(null);
    expect(
      (await call(ts.url, 'GET', '/api/admin/calendar/2026', { auth: { token: admin } })).body.official,
    ).toMatchObject({
      origin: 'shipped',
    });
  });

  it('refuses a bad file with a Vietnamese message and changes nothing', async () => {
    const wrongYear = await call(ts.url, 'PUT', '/api/admin/calendar/2028/official', {
      auth: { token: admin },
      body: file2027,
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.error.message).toBe('Tệp lịch là của năm 2027, không phải năm 2028.');
    const badDay = await call(ts.url, 'PUT', '/api/admin/calendar/2027/official', {
      auth: { token: admin },
      body: { ...file2027, days: [...file2027.days, { date: '2026-12-31', kind: 'holiday', name: 'x' }] },
    });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toContain('không thuộc năm 2027');
    const badKind = await call(ts.url, 'PUT', '/api/admin/calendar/2027/official', {
      auth: { token: admin },
      body: { ...file2027, days: [{ date: '2027-01-04', kind: 'off', name: 'x' }] },
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('holiday, compensatory, workday hoặc remove');
    expect((await call(ts.url, 'GET', '/api/admin/calendar/2027', { auth: { token: admin } })).body.official).toBe(
      null,
    );
    // clerks may not import
    const clerk = await login(ts.url, 'canbo1');
    const forbidden = await call(ts.url, 'PUT', '/api/admin/calendar/2027/official', {
      auth: { token: clerk },
      body: file2027,
    });
    expect(forbidden.status).toBe(403);
  });
});
