/**
 * Dossier CSV import → JSON report → Excel read back, against a hand count
 * (API-CONTRACT.md "Dossier CSV" and "Dossier report"), with the real
 * server and SQLite file.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let sup: string;
beforeEach(async () => {
  ts = await startTestServer();
  sup = await login(ts.url, 'giamsat');
});
afterEach(async () => {
  await ts.cleanup();
});

const HEADER =
  'code,procedureCode,fieldCode,channel,receivedAt,dueAt,resolvedAt,returnedAt,status,apologyAt,newDueAt,returnChannel';

/**
 * November 2026, by hand (period 2026-11-01 … 2026-11-30):
 *   A1 carried over, due 3/11, unresolved, apology 2/11   → overdue, 1 slip
 *   A2 resolved 30/10                                    → not counted
 *   A3 carried over, due 2/11 10:00, resolved 2/11 16:45 → on time
 *   B1 direct, due 5/11, resolved 4/11                   → early
 *   B2 online, due 6/11 10:00, resolved 6/11 16:30       → on time (after the hour, same day)
 *   B3 postal, due 9/11, resolved 10/11, apology 6/11    → late, 1 slip
 *   B4 direct, due 30/11 (the last day), unresolved      → in time
 *   B5 online, due 27/11, processing                     → overdue
 *   B6 direct, due 13/11, waiting for supplement         → in time (clock stopped)
 *   B7 direct, due 2/12, resolved 1/12                   → in time (resolved after the period)
 *   B8 refused at reception                              → not counted
 *   C1 received 1/12                                     → not counted
 * received 9 (2 carried over; new: direct 4, online 2, postal 1),
 * early 1, on time 2, late 1, in time 3, overdue 2, apologies 2.
 */
const NOVEMBER = [
  HEADER,
  'A1,1.004873,HT,direct,2026-10-28T09:00:00+07:00,2026-11-03T09:00:00+07:00,,,processing,2026-11-02T08:00:00+07:00,2026-11-10T17:00:00+07:00,',
  'A2,1.004873,HT,direct,2026-10-20T09:00:00+07:00,2026-10-23T09:00:00+07:00,2026-10-30T10:00:00+07:00,2026-10-30T15:00:00+07:00,returned,,,counter',
  'A3,1.004873,HT,online,2026-10-29T10:00:00+07:00,2026-11-02T10:00:00+07:00,2026-11-02T16:45:00+07:00,,resolved,,,',
  'B1,1.004227,DD,direct,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,,resolved,,,',
  'B2,1.004227,DD,online,2026-11-03T10:00:00+07:00,2026-11-06T10:00:00+07:00,2026-11-06T16:30:00+07:00,,resolved,,,',
  'B3,2.000575,KD,postal,2026-11-04T09:00:00+07:00,2026-11-09T09:00:00+07:00,2026-11-10T09:00:00+07:00,2026-11-11T09:00:00+07:00,returned,2026-11-06T09:00:00+07:00,2026-11-10T17:00:00+07:00,postal',
  'B4,1.004873,,direct,2026-11-20T09:00:00+07:00,2026-11-30T09:00:00+07:00,,,received,,,',
  'B5,X.999,HT,online,2026-11-18T09:00:00+07:00,2026-11-27T09:00:00+07:00,,,processing,,,',
  'B6,1.004873,HT,direct,2026-11-10T09:00:00+07:00,2026-11-13T09:00:00+07:00,,,supplement,,,',
  '"B7",1.004873,HT,direct,2026-11-25T09:00:00+07:00,2026-12-02T09:00:00+07:00,2026-12-01T09:00:00+07:00,,resolved,,,',
  'B8,1.004873,HT,direct,2026-11-05T09:00:00+07:00,2026-11-05T09:00:00+07:00,,,rejected,,,',
  'C1,1.004873,HT,direct,2026-12-01T09:00:00+07:00,2026-12-04T09:00:00+07:00,,,received,,,',
  'BAD1,1.004873,HT,fax,2026-11-05T09:00:00+07:00,2026-11-06T09:00:00+07:00,,,received,,,',
  'BAD2,1.004873,HT,direct,hôm qua,2026-11-06T09:00:00+07:00,,,received,,,',
  'BAD3,1.004873,HT,direct,2026-11-05T09:00:00+07:00,2026-11-06T09:00:00+07:00,,,resolved,,,',
].join('\r\n');

async function importCsv(csv: string, token = sup) {
  return call(ts.url, 'POST', '/api/dossiers/import', {
    auth: { token },
    rawBody: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
}

async function report(from: string, to: string) {
  return call(ts.url, 'GET', `/api/reports/dossiers?from=${from}&to=${to}`, { auth: { token: sup } });
}

async function download(path: string): Promise<Buffer> {
  const res = await fetch(ts.url + path, { headers: { authorization: `Bearer ${sup}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const HAND_COUNT = {
  from: '2026-11-01',
  to: '2026-11-30',
  received: 9,
  carriedOver: 2,
  byChannel: { direct: 4, online: 2, postal: 1 },
  resolvedEarly: 1,
  resolvedOnTime: 2,
  resolvedLate: 1,
  pendingInTime: 3,
  pendingOverdue: 2,
  apologies: 2,
  // thirds: đúng hẹn / còn hạn / trễ hẹn share 100.0 as 33.4 / 33.3 / 33.3 (largest remainder),
  // then đúng hẹn's 33.4 splits 11.1 + 22.3 and trễ hẹn's 33.3 splits 11.1 + 22.2
  rates: {
    early: 11.1,
    onTime: 22.3,
    late: 11.1,
    pendingInTime: 33.3,
    pendingOverdue: 22.2,
    withinDeadline: 33.4,
    pastDeadline: 33.3,
  },
};

describe('dossier CSV import and the report', () => {
  it('imports, rejects bad lines by number, and the JSON and the .xlsx agree with the hand count', async () => {
    const res = await importCsv(NOVEMBER);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(12);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([14, 15, 16]);
    expect(res.body.rejected[0].message).toContain('channel');
    expect(res.body.rejected[1].message).toContain('receivedAt');
    expect(res.body.rejected[2].message).toContain('resolvedAt');

    const r = await report('2026-11-01', '2026-11-30');
    expect(r.status).toBe(200);
    // exactly the contract's shape, in its order
    expect(r.body).toStrictEqual(HAND_COUNT);
    expect(Object.keys(r.body)).toEqual(Object.keys(HAND_COUNT));

    // the workbook says the same
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await download('/api/reports/export?from=2026-11-01&to=2026-11-30&format=xlsx')) as unknown as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
      'Hồ sơ',
      'Hồ sơ theo lĩnh vực',
      'Hồ sơ theo thủ tục',
    ]);
    const sheet = wb.getWorksheet('Hồ sơ')!;
    const lines = new Map<string, [unknown, unknown]>();
    sheet.eachRow((row) => lines.set(String(row.getCell(2).value), [row.getCell(3).value, row.getCell(4).value]));
    expect(lines.get('Tổng số hồ sơ tiếp nhận')).toEqual([9, 100]);
    expect(lines.get('Kỳ trước chuyển sang')).toEqual([2, null]);
    expect(lines.get('- Trực tiếp')).toEqual([4, null]);
    expect(lines.get('Trước hạn')).toEqual([1, 11.1]);
    expect(lines.get('Đúng hạn')).toEqual([2, 22.3]);
    expect(lines.get('Trong hạn (chưa đến hạn)')).toEqual([3, 33.3]);
    expect(lines.get('Đúng hẹn (trước hạn + đúng hạn)')).toEqual([3, 33.4]);
    expect(lines.get('Trễ hẹn (quá hạn đã và đang giải quyết)')).toEqual([3, 33.3]);
    expect(lines.get('Phiếu xin lỗi và hẹn lại ngày trả kết quả đã phát hành')).toEqual([2, null]);
    expect(sheet.getCell('D7').value).toBe('Tỷ lệ (% so với tổng tiếp nhận)');
    expect(sheet.getCell('D15').numFmt).toBe('0.0');
    const bd = await call(ts.url, 'GET', '/api/reports/dossiers/breakdown?from=2026-11-01&to=2026-11-30', {
      auth: { token: sup },
    });
    expect(bd.body.byField.map((f: { code: string; received: number }) => [f.code, f.received])).toEqual([
      ['HT', 6],
      ['DD', 2],
      ['KD', 1],
    ]);
    expect(bd.body.byClerk).toEqual([expect.objectContaining({ id: null, received: 9, resolvedEarly: 1 })]);
    expect(wb.getWorksheet('Hồ sơ theo cán bộ')).toBeDefined();
    // by field: HT has A1, A3, B4, B5, B6, B7
    const byField = wb.getWorksheet('Hồ sơ theo lĩnh vực')!;
    const ht = byField.getRows(8, 10)!.find((row) => row.getCell(1).value === 'Tư pháp – Hộ tịch');
    expect(ht?.getCell(2).value).toBe(6);
  });

  it('the same code again updates it; the export has the import’s columns and imports back unchanged', async () => {
    expect((await importCsv(NOVEMBER)).status).toBe(200);
    // B5 (overdue) is resolved on 28/11 after all: now late; B1 is returned
    const again = await importCsv(
      [
        'status,code,channel,procedureCode,fieldCode,receivedAt,dueAt,resolvedAt,returnedAt', // columns found by name
        'resolved,B5,online,X.999,HT,2026-11-18T09:00:00+07:00,2026-11-27T09:00:00+07:00,2026-11-28T09:00:00+07:00,',
        'returned,B1,direct,1.004227,DD,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,2026-11-05T08:00:00+07:00',
      ].join('\n'),
    );
    expect(again.body).toEqual({ imported: 2, rejected: [] });
    const r = (await report('2026-11-01', '2026-11-30')).body;
    expect(r).toMatchObject({ received: 9, resolvedLate: 2, pendingOverdue: 1 });

    const csv = (await download('/api/reports/dossiers/export?from=2026-11-01&to=2026-11-30&format=csv')).toString(
      'utf8',
    );
    const lines = csv.trimEnd().split('\r\n');
    // the import's columns, then what the office recorded about digitisation (issue 13)
    expect(lines[0]).toBe(`${HEADER},resultElectronic,documentsScanned,documentsReused`);
    expect(lines.find((l) => l.startsWith('B1,'))).toBe(
      'B1,1.004227,DD,direct,2026-11-02T08:00:00+07:00,2026-11-05T10:00:00+07:00,2026-11-04T15:00:00+07:00,2026-11-05T08:00:00+07:00,returned,,,,0,0,0',
    );
    // re-importing the export changes nothing
    const back = await importCsv(csv);
    expect(back.body.rejected).toEqual([]);
    expect(back.body.imported).toBe(lines.length - 1);
    expect((await report('2026-11-01', '2026-11-30')).body).toStrictEqual(r);
  });

  it('a file without the required columns, or not UTF-8, imports nothing and says why', async () => {
    const noCol = await importCsv('code,procedureCode\nZ1,1.004873\n');
    expect(noCol.status).toBe(400);
    expect(noCol.body.error.code).toBe('CSV_INVALID');
    expect(noCol.body.error.message).toContain('channel');
    const latin1 = Buffer.from(
      `${HEADER}\nZ2,1.004873,HT,direct,2026-11-05T09:00:00+07:00,2026-11-06T09:00:00+07:00,,,received,,,Hà Nội\n`,
      'latin1',
    );
    const res = await fetch(ts.url + '/api/dossiers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${sup}`, 'content-type': 'text/csv' },
      body: latin1,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSV_NOT_UTF8');
    expect((await report('2026-11-01', '2026-11-30')).body.received).toBe(0);

    const clerk = await login(ts.url, 'canbo1');
    expect((await importCsv(NOVEMBER, clerk)).status).toBe(403);
    expect(
      (await call(ts.url, 'GET', '/api/reports/dossiers?from=2026-11-01&to=2026-11-30', { auth: { token: clerk } }))
        .status,
    ).toBe(403);
    expect((await report('2026-11-01', '2026-11-30')).body.received).toBe(0);
  });

  it('the ledger (Mẫu 06) lists the dossiers received in the period, A4 landscape', async () => {
    await importCsv(NOVEMBER);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('/api/reports/ledger?from=2026-11-01&to=2026-11-30')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.getCell('A4').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell('H1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getRow(8).getCell(3).value).toBe('Tên thủ tục hành chính');
    // received in November: B1..B8 (8 dossiers, B8 refused included: the ledger lists everything received)
    const codes: string[] = [];
    for (let r = 9; r <= ws.rowCount; r++) codes.push(String(ws.getRow(r).getCell(2).value));
    expect(codes).toEqual(['B1', 'B2', 'B3', 'B8', 'B6', 'B5', 'B4', 'B7']);
  });
});
