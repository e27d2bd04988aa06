/**
 * The queue report against the real server: a morning served at two
 * counters (TestClock), then the JSON report, the .xlsx read back with
 * exceljs, the CSV, paper slips, and who may see it.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
beforeEach(async () => {
  ts = await startTestServer({ start: '2026-11-25T07:30:00+07:00' });
});
afterEach(async () => {
  await ts.cleanup();
});

async function fetchBinary(path: string, token: string): Promise<{ status: number; type: string; buf: Buffer }> {
  const res = await fetch(ts.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', buf: Buffer.from(await res.arrayBuffer()) };
}

/**
 * Hand-made morning: 07:30 four HT tickets issued, one minute apart.
 * Counter 1 (canbo1) calls #1 at 07:40 (wait 10 min), serves 6 min;
 * counter 2 (canbo2) calls #2 at 07:45 (wait 14 min), serves 10 min;
 * counter 1 calls #3 at 07:50 (wait 18 min), no-show;
 * #4 never called. Ratings: #1 → 4 (pad), #2 → 2 (pad).
 */
async function morning(): Promise<void> {
  const ids = await demoIds(ts.url);
  const ht = ids.field('HT');
  const tickets: string[] = [];
  for (let i = 0; i < 4; i++) {
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ht } });
    expect(t.status).toBe(201);
    tickets.push(t.body.id);
    ts.clock.advanceMinutes(1);
  }
  const c1 = await login(ts.url, 'canbo1');
  const c2 = await login(ts.url, 'canbo2');
  expect((await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: c1 } })).status).toBe(
    200,
  );
  expect((await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: c2 } })).status).toBe(
    200,
  );

  ts.clock.set('2026-11-25T07:40:00+07:00');
  const first = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: c1 } });
  expect(first.body.ticket.id).toBe(tickets[0]);
  ts.clock.set('2026-11-25T07:45:00+07:00');
  const second = await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/call-next`, { auth: { token: c2 } });
  expect(second.body.ticket.id).toBe(tickets[1]);
  ts.clock.set('2026-11-25T07:46:00+07:00');
  expect((await call(ts.url, 'POST', `/api/tickets/${tickets[0]}/finish`, { auth: { token: c1 } })).status).toBe(200);
  expect(
    (
      await call(ts.url, 'POST', '/api/ratings', {
        auth: { deviceKey: 'demo-rating-1' },
        body: { ticketId: tickets[0], score: 4 },
      })
    ).status,
  ).toBe(201);
  ts.clock.set('2026-11-25T07:50:00+07:00');
  const third = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: c1 } });
  expect(third.body.ticket.id).toBe(tickets[2]);
  ts.clock.set('2026-11-25T07:55:00+07:00');
  expect((await call(ts.url, 'POST', `/api/tickets/${tickets[1]}/finish`, { auth: { token: c2 } })).status).toBe(200);
  expect(
    (
      await call(ts.url, 'POST', '/api/ratings', {
        auth: { deviceKey: 'demo-rating-2' },
        body: { ticketId: tickets[1], score: 2 },
      })
    ).status,
  ).toBe(201);
  ts.clock.set('2026-11-25T07:56:00+07:00');
  expect((await call(ts.url, 'POST', `/api/tickets/${tickets[2]}/skip`, { auth: { token: c1 } })).status).toBe(200);
}

describe('queue report', () => {
  it('counts tickets, waiting and service times and satisfaction as a hand count does', async () => {
    await morning();
    const sup = await login(ts.url, 'giamsat');
    const ids = await demoIds(ts.url);
    // two paper slips for counter 1: one rất hài lòng, one hài lòng
    const paper = await call(ts.url, 'POST', '/api/ratings/paper', {
      auth: { token: sup },
      body: { day: '2026-11-25', counterId: ids.counter(1), counts: { '4': 1, '3': 1 } },
    });
    expect(paper.status).toBe(201);
    expect(paper.body).toEqual({ added: 2 });

    const r = await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-25&to=2026-11-25', { auth: { token: sup } });
    expect(r.status).toBe(200);
    expect(r.body.tickets).toEqual({ issued: 4, served: 2, noShow: 1 });
    // waits 600, 840, 1080 s → mean 840, median 840, p90 1080
    expect(r.body.waitingTime).toEqual({ count: 3, mean: 840, median: 840, p90: 1080 });
    // services 360, 600 s
    expect(r.body.serviceTime).toEqual({ count: 2, mean: 480, median: 360, p90: 600 });
    expect(r.body.byHour[7]).toEqual({ hour: 7, issued: 4, served: 2, noShow: 1 });
    expect(r.body.byDay).toEqual([{ day: '2026-11-25', issued: 4, served: 2, noShow: 1 }]);
    const counter1 = r.body.byCounter.find((c: { id: number }) => c.id === ids.counter(1));
    expect(counter1).toMatchObject({ served: 1, noShow: 1, waitingTime: { count: 2, mean: 840 } });
    // answers: 4 (pad), 2 (pad), 4 and 3 (paper) → satisfied 3/4 = 75.0
    expect(r.body.satisfaction).toMatchObject({
      answers: 4,
      paperAnswers: 2,
      counts: { '4': 2, '3': 1, '2': 1, '1': 0 },
      shares: { '4': 50, '3': 25, '2': 25, '1': 0 },
      satisfied: 75,
    });
    const sat1 = r.body.satisfaction.byCounter.find((c: { id: number }) => c.id === ids.counter(1));
    expect(sat1).toMatchObject({ answers: 3, paperAnswers: 2, satisfied: 100 });

    // the workbook says the same, in Vietnamese
    const x = await fetchBinary('/api/reports/queue/export?from=2026-11-25&to=2026-11-25&format=xlsx', sup);
    expect(x.status).toBe(200);
    expect(x.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo giờ',
      'Theo ngày',
      'Theo lĩnh vực',
      'Theo quầy',
      'Theo cán bộ',
      'Hài lòng',
      'Sai số ước tính',
      'Cảnh báo',
    ]);
    const sum = wb.getWorksheet('Tổng hợp')!;
    const rows = new Map<string, unknown>();
    sum.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('Số phiếu đã cấp')).toBe(4);
    expect(rows.get('Số lượt đã phục vụ')).toBe(2);
    expect(rows.get('Vắng mặt (bỏ qua)')).toBe(1);
    expect(rows.get('Thời gian chờ trung bình (phút)')).toBe(14);
    expect(rows.get('Tỷ lệ hài lòng và rất hài lòng (%)')).toBe(75);
    expect(sum.getCell('A5').value).toBe('Kỳ báo cáo: từ ngày 25/11/2026 đến ngày 25/11/2026');

    const csv = await fetchBinary(
      '/api/reports/queue/export?from=2026-11-25&to=2026-11-25&format=csv&table=byDay',
      sup,
    );
    expect(csv.status).toBe(200);
    expect(csv.buf.toString('utf8')).toBe('\uFEFFNgày,Số phiếu cấp,Đã phục vụ,Vắng mặt\r\n25/11/2026,4,2,1\r\n');
  });

  it('only a supervisor or administrator sees reports; bad periods are refused in Vietnamese', async () => {
    const clerk = await login(ts.url, 'canbo1');
    expect((await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    expect(
      (await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-01&to=2026-11-30', { auth: { token: clerk } }))
        .status,
    ).toBe(403);
    const admin = await login(ts.url, 'admin');
    const bad = await call(ts.url, 'GET', '/api/reports/queue?from=2026-11-31&to=2026-12-01', {
      auth: { token: admin },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'from' } });
    expect(bad.body.error.message).toContain('Ngày không hợp lệ');
    const reversed = await call(ts.url, 'GET', '/api/reports/queue?from=2026-12-01&to=2026-11-01', {
      auth: { token: admin },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.field).toBe('to');
    const noSlips = await call(ts.url, 'POST', '/api/ratings/paper', {
      auth: { token: admin },
      body: { day: '2026-11-25', counts: { '4': 0 } },
    });
    expect(noSlips.status).toBe(400);
    expect(noSlips.body.error.message).toContain('Chưa nhập số phiếu nào');
  });
});
