/**
 * GET /api/reports/index766 against a hand count: November 2026 imported
 * as CSV (the dossier report test's month), plus two dossiers received at
 * the counter on 25/11 with their documents' digitisation, a rating and an
 * electronic result — real server, real SQLite file.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let sup: string;
beforeEach(async () => {
  ts = await startTestServer();
  sup = await login(ts.url, 'giamsat');
});
afterEach(async () => {
  await ts.cleanup();
});

/**
 * By hand (period 2026-11-01 … 2026-11-30), the CSV:
 *   A1 carried over, overdue · A2 resolved 30/10, not counted · A3 carried over, on time
 *   B1 direct early · B2 online on time · B3 postal late · B4 direct in time
 *   B5 online overdue · B6 direct in time (supplement) · B7 direct in time (resolved 1/12)
 *   B8 refused, not counted · C1 received 1/12, not counted
 * → received 9 (new 7: direct 4, online 2, postal 1); early 1, on time 2, late 1, in time 3.
 */
const CSV = [
  'code,procedureCode,fieldCode,channel,receivedAt,dueAt,resolvedAt,returnedAt,status,apologyAt,newDueAt,returnChannel',
  'A1,1.004873,HT,direct,2026-10-28T09:00:00+07:00,2026-11-03T09:00:00+07:00,,,processing,2026-11-02T08:00:00+07:00,2026-11-10T17:00:00+07:00,',
  'A2,1.004873,HT,direct,2026-10-20T09:00:00+07:00,2026-10-23T09:00:00+07:00,2026-10-30T10:00:00+07:00,2026-10-30T15:00:00+07:00,returned,,,counter',
  'A3,1.004873,HT,online,2026-10-29T10:00:00+07:00,2026-11-02T10:00:00+07:00,2026-11-02T16:45:00+07:00,,resolved,,,',
  'B1,1.004227,DD,direct,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,,resolved,,,',
  'B2,1.004227,DD,online,2026-11-03T10:00:00+07:00,2026-11-06T10:00:00+07:00,2026-11-06T16:30:00+07:00,,resolved,,,',
  'B3,2.000575,KD,postal,2026-11-04T09:00:00+07:00,2026-11-09T09:00:00+07:00,2026-11-10T09:00:00+07:00,2026-11-11T09:00:00+07:00,returned,2026-11-06T09:00:00+07:00,2026-11-10T17:00:00+07:00,postal',
  'B4,1.004873,,direct,2026-11-20T09:00:00+07:00,2026-11-30T09:00:00+07:00,,,received,,,',
  'B5,X.999,HT,online,2026-11-18T09:00:00+07:00,2026-11-27T09:00:00+07:00,,,processing,,,',
  'B6,1.004873,HT,direct,2026-11-10T09:00:00+07:00,2026-11-13T09:00:00+07:00,,,supplement,,,',
  'B7,1.004873,HT,direct,2026-11-25T09:00:00+07:00,2026-12-02T09:00:00+07:00,2026-12-01T09:00:00+07:00,,resolved,,,',
  'B8,1.004873,HT,direct,2026-11-05T09:00:00+07:00,2026-11-05T09:00:00+07:00,,,rejected,,,',
  'C1,1.004873,HT,direct,2026-12-01T09:00:00+07:00,2026-12-04T09:00:00+07:00,,,received,,,',
].join('\r\n');

const PERIOD = 'from=2026-11-01&to=2026-11-30';

async function importCsv(): Promise<void> {
  const res = await call(ts.url, 'POST', '/api/dossiers/import', {
    auth: { token: sup },
    rawBody: CSV,
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.body).toEqual({ imported: 12, rejected: [] });
}

/**
 * At the counter on Wed 25/11: D1 for a served ticket, 2 documents (one
 * scanned, 3 pages; one reused from the population database), resolved
 * the same day with an electronic result — early; the visit rated 1
 * ("Không hài lòng"). D2 without a ticket, 1 document not digitised, left
 * received — in time.
 */
async function counterDay(): Promise<void> {
  const ids = await demoIds(ts.url);
  const clerk = await login(ts.url, 'canbo1');
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
  const ticket = (await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } })).body;
  expect(
    (await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } })).status,
  ).toBe(200);
  const d1 = await call(ts.url, 'POST', '/api/dossiers', {
    auth: { token: clerk },
    body: {
      procedureCode: '1.004873',
      applicant: { fullName: 'Trần Thị Mai', idNumber: '038090001234' },
      channel: 'direct',
      ticketId: ticket.id,
      documents: [
        { name: 'Tờ khai', copy: 'original', count: 1, digitisation: { kind: 'scanned', pages: 3 } },
        { name: 'Căn cước', copy: 'copy', count: 1, digitisation: { kind: 'reused' } },
      ],
    },
  });
  expect(d1.status).toBe(201);
  expect((await call(ts.url, 'POST', `/api/tickets/${ticket.id}/finish`, { auth: { token: clerk } })).status).toBe(200);
  const rating = await call(ts.url, 'POST', '/api/ratings', {
    auth: { deviceKey: 'demo-rating-1' },
    body: { ticketId: ticket.id, score: 1 },
  });
  expect(rating.status).toBe(201);
  const resolved = await call(ts.url, 'POST', `/api/dossiers/${d1.body.id}/resolve`, {
    auth: { token: clerk },
    body: { electronic: true },
  });
  expect(resolved.body).toMatchObject({ status: 'resolved', resultElectronic: true });
  const d2 = await call(ts.url, 'POST', '/api/dossiers', {
    auth: { token: clerk },
    body: {
      procedureCode: '1.004873',
      applicant: { fullName: 'Lê Văn Nam' },
      channel: 'direct',
      documents: [{ name: 'Tờ khai', copy: 'original', count: 1 }],
    },
  });
  expect(d2.status).toBe(201);
}

describe('GET /api/reports/index766', () => {
  it('answers the contract’s shape with the hand-counted figures of the imported month', async () => {
    await importCsv();
    const res = await call(ts.url, 'GET', `/api/reports/index766?${PERIOD}`, { auth: { token: sup } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    const g = (key: string) => res.body.groups.find((x: { key: string }) => x.key === key);
    // Tiến độ: (early 1 + on time 2 + in time 3) / received 9 → 20 × 6/9
    expect(g('progress')).toMatchObject({
      name: 'Tiến độ giải quyết',
      max: 20,
      numerator: 6,
      denominator: 9,
      score: 13.33,
      computable: true,
    });
    expect(g('progress').ratio).toBeCloseTo(6 / 9, 10);
    // resolved in November: A3, B1, B2, B3 (late) → (4 − 1) / 4 = 75 % → 6 × 0.75 / 0.9
    expect(g('satisfaction_reception')).toMatchObject({ max: 6, numerator: 3, denominator: 4, ratio: 0.75, score: 5 });
    // online: B2, B5 of the 7 new → 6 × (2/7) / 0.5
    expect(g('online')).toMatchObject({ numerator: 2, denominator: 7, score: 3.43, computable: true });
    // nothing digitised in an import: e-results 0 of 4 resolved, no documents listed
    expect(g('digitisation')).toMatchObject({ score: 0, numerator: 0, denominator: 0, ratio: null });
    for (const key of ['transparency', 'online_payment', 'satisfaction_petitions']) {
      expect(g(key)).toMatchObject({ computable: false, score: null });
    }
  });

  it('counts the counter’s digitisation, e-results and the rating tied to the dossier', async () => {
    await importCsv();
    await counterDay();
    const res = await call(ts.url, 'GET', `/api/reports/index766?${PERIOD}`, { auth: { token: sup } });
    const g = (key: string) => res.body.groups.find((x: { key: string }) => x.key === key);
    // received 11; within: early 2 + on time 2 + in time 4 = 8 → 20 × 8/11
    expect(g('progress')).toMatchObject({ numerator: 8, denominator: 11, score: 14.55 });
    // resolved 5, late 1, D1 rated unsatisfied → 3/5 → 6 × 0.6 / 0.9 = 4
    expect(g('satisfaction_reception')).toMatchObject({ numerator: 3, denominator: 5, ratio: 0.6, score: 4 });
    // online 2 of 9 new
    expect(g('online')).toMatchObject({ numerator: 2, denominator: 9, score: 2.67 });
    // e-results 1/5 → 1.2; scanned 1/3 → 1.33; reused 1/3 → 2 × (1/3) / 0.8 = 0.83; sum 3.36
    const dg = g('digitisation');
    expect(dg.parts.map((p: { key: string; score: number }) => [p.key, p.score])).toEqual([
      ['results', 1.2],
      ['documents', 1.33],
      ['reuse', 0.83],
    ]);
    expect(dg).toMatchObject({ max: 12, score: 3.36, numerator: 2, denominator: 3 });
  });

  it('is for supervisors and admins; a bad period is refused in Vietnamese', async () => {
    const clerk = await login(ts.url, 'canbo1');
    expect((await call(ts.url, 'GET', `/api/reports/index766?${PERIOD}`, { auth: { token: clerk } })).status).toBe(403);
    expect((await call(ts.url, 'GET', `/api/reports/index766?${PERIOD}`)).status).toBe(401);
    const bad = await call(ts.url, 'GET', '/api/reports/index766?from=2026-11-30&to=2026-11-01', {
      auth: { token: sup },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('phải trước hoặc bằng');
  });
});

describe('Biểu 06/VPCP/KSTT and the 766 sheet', () => {
  it('are in the workbook, read back with exceljs, and Biểu 06 prints', async () => {
    await importCsv();
    const res = await fetch(`${ts.url}/api/reports/export?${PERIOD}&format=xlsx`, {
      headers: { authorization: `Bearer ${sup}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Biểu 06', 'Chỉ số 766']));

    const b = wb.getWorksheet('Biểu 06')!;
    expect(b.getCell('J1').value).toBe('Biểu số 06/VPCP/KSTT');
    expect(b.getCell('A4').value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(b.getCell('C7').value).toBe('Số hồ sơ nhận giải quyết');
    expect(b.getCell('G7').value).toBe('Kết quả giải quyết');
    expect(b.getCell('K7').value).toBe('Đang giải quyết');
    const rows: unknown[][] = [];
    for (let r = 10; r <= b.rowCount; r++) {
      rows.push(Array.from({ length: 13 }, (_, c) => b.getRow(r).getCell(c + 1).value));
    }
    const total = rows.at(-1)!;
    // received 9 (online 2, in person or by post 5, carried over 2); resolved 4 (1 early, 2 on time, 1 late);
    // in progress 5 (3 in time, 2 overdue)
    expect(total.slice(1)).toEqual(['Tổng cộng', 9, 2, 5, 2, 4, 1, 2, 1, 5, 3, 2]);
    // the fields add up to the total, column by column
    const fields = rows.slice(0, -1);
    expect(fields.length).toBeGreaterThanOrEqual(3);
    for (let c = 2; c < 13; c++) {
      expect(fields.reduce((n, r) => n + Number(r[c]), 0)).toBe(total[c]);
    }

    const s = wb.getWorksheet('Chỉ số 766')!;
    const byName = new Map<string, unknown[]>();
    s.eachRow((row) =>
      byName.set(
        String(row.getCell(1).value),
        [2, 3, 4, 5, 6].map((c) => row.getCell(c).value),
      ),
    );
    expect(byName.get('Tiến độ giải quyết')).toEqual([20, 13.33, (6 / 9) * 100, 6, 9]);
    expect(byName.get('Công khai, minh bạch')?.[1]).toBe(null);

    const html = await call<string>(ts.url, 'GET', `/api/reports/bieu06.html?${PERIOD}`, { auth: { token: sup } });
    expect(html.status).toBe(200);
    expect(html.body).toContain('data-testid="form-no">Biểu số 06/VPCP/KSTT<');
    expect(html.body).toContain('size: A4 landscape');
    expect(html.body).toMatch(/<tr class="total"><td class="c"><\/td><td>Tổng cộng<\/td><td class="n">9<\/td>/);
  });
});
