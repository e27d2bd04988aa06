/**
 * The forms of Circular 03/2025/TT-VPCP (DOMAIN.md §1) as the counter
 * prints them: each page names its form "Mẫu số NN" and the circular's
 * name for it, in the office's form set (2025 by default, 2018 when the
 * admin chooses it, stored data unchanged); Mẫu 05 stops a dossier; the
 * ledger (Mẫu 07) carries its number. Read from the printed HTML and the
 * .xlsx, against the real server.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let token: string;

beforeEach(async () => {
  ts = await startTestServer();
  token = await login(ts.url, 'canbo1');
  const ids = await demoIds(ts.url);
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
});
afterEach(async () => {
  await ts.cleanup();
});

async function receive(): Promise<{ id: number; code: string }> {
  const res = await call(ts.url, 'POST', '/api/dossiers', {
    auth: { token },
    body: {
      procedureCode: '1.004873',
      applicant: { fullName: 'Lê Văn Dũng', idNumber: '038090001234', phone: '0987654321' },
      channel: 'direct',
      documents: [
        { name: 'Tờ khai', copy: 'original', count: 1, digitisation: { kind: 'scanned', pages: 2 } },
        { name: 'Căn cước', copy: 'copy', count: 1, digitisation: { kind: 'reused' } },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: number; code: string };
}

/** The form number and name the printed page shows (the first copy's, for Mẫu 01). */
async function printed(id: number, ref: string): Promise<{ status: number; no: string; name: string; html: string }> {
  const res = await call<string>(ts.url, 'GET', `/api/dossiers/${id}/forms/${ref}.html`, { auth: { token } });
  const html = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  const no = /data-testid="form-no">([^<]*)</.exec(html)?.[1] ?? '';
  const name = /data-testid="form-name">([^<]*)</.exec(html)?.[1] ?? '';
  return { status: res.status, no, name, html };
}

async function setFormSet(formSet: '2025' | '2018'): Promise<void> {
  const admin = await login(ts.url, 'admin');
  const office = (await call(ts.url, 'GET', '/api/admin/office', { auth: { token: admin } })).body as Record<
    string,
    unknown
  >;
  const { setUp: _s, today: _t, ...body } = office;
  const res = await call(ts.url, 'PUT', '/api/admin/office', { auth: { token: admin }, body: { ...body, formSet } });
  expect(res.status).toBe(200);
  expect(res.body.formSet).toBe(formSet);
}

async function ledgerTitle(): Promise<{ no: unknown; name: unknown; notes: unknown }> {
  const sup = await login(ts.url, 'admin');
  const res = await fetch(`${ts.url}/api/reports/ledger?from=2026-11-25&to=2026-11-25`, {
    headers: { authorization: `Bearer ${sup}` },
  });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = wb.worksheets[0]!;
  return { no: ws.getCell('H3').value, name: ws.getCell('A4').value, notes: ws.getCell('M9').value };
}

describe('Circular 03/2025 forms (the default set)', () => {
  it('every printable form names its number and name; the ledger is Mẫu 07', async () => {
    const d = await receive();
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/supplement`, {
      auth: { token },
      body: { items: ['Bản sao Giấy khai sinh'], reason: 'Thiếu giấy tờ' },
    });
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/resubmit`, { auth: { token } });
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/apology`, {
      auth: { token },
      body: { reason: 'Phải xác minh', newDueAt: '2026-12-04', signedBy: 'Lê Văn Cường' },
    });

    expect(await printed(d.id, '01')).toMatchObject({
      status: 200,
      no: 'Mẫu số 01',
      name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    });
    expect(await printed(d.id, '02')).toMatchObject({
      no: 'Mẫu số 02',
      name: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    });
    expect(await printed(d.id, '04')).toMatchObject({
      no: 'Mẫu số 04',
      name: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
    });
    const control = await printed(d.id, '06');
    expect(control).toMatchObject({ no: 'Mẫu số 06', name: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' });
    // the control slip says what was digitised at reception
    expect(control.html).toContain('Tờ khai (đã số hóa, 2 trang); Căn cước (tái sử dụng dữ liệu đã số hóa)');
    // by key, whatever the set
    expect((await printed(d.id, 'control')).no).toBe('Mẫu số 06');
    // no stop notice before the dossier is stopped; no 08
    expect((await printed(d.id, '05')).status).toBe(404);
    expect((await printed(d.id, '08')).status).toBe(404);

    // Mẫu 03 on a second dossier
    const d2 = await receive();
    await call(ts.url, 'POST', `/api/dossiers/${d2.id}/refuse`, { auth: { token }, body: { reason: 'Không đủ' } });
    expect(await printed(d2.id, '03')).toMatchObject({
      no: 'Mẫu số 03',
      name: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    });

    expect(await ledgerTitle()).toMatchObject({ no: 'Mẫu số 07', name: 'SỔ THEO DÕI HỒ SƠ' });
  });

  it('Mẫu 05 stops a dossier with its reason and who asked; /withdraw is the same for the citizen', async () => {
    const d = await receive();
    // bad input: nothing changes
    const bad = await call(ts.url, 'POST', `/api/dossiers/${d.id}/stop`, {
      auth: { token },
      body: { reason: 'Công dân đề nghị', requestedBy: 'someone' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/citizen \(công dân\) hoặc agency/);
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token } })).body.status).toBe('received');

    const res = await call(ts.url, 'POST', `/api/dossiers/${d.id}/stop`, {
      auth: { token },
      body: { reason: 'Công dân xin dừng để bổ sung giấy tờ khác', requestedBy: 'citizen' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'stopped',
      stopReason: 'Công dân xin dừng để bổ sung giấy tờ khác',
      stopRequestedBy: 'citizen',
      stoppedAt: '2026-11-25T09:00:00+07:00',
    });
    const f05 = await printed(d.id, '05');
    expect(f05).toMatchObject({ status: 200, no: 'Mẫu số 05', name: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' });
    expect(f05.html).toContain('Theo đề nghị của Ông/Bà');
    expect(f05.html).toContain('Công dân xin dừng để bổ sung giấy tờ khác');
    expect(f05.html).toContain(d.code);
    // a stopped dossier cannot be stopped again
    const again = await call(ts.url, 'POST', `/api/dossiers/${d.id}/stop`, {
      auth: { token },
      body: { reason: 'x', requestedBy: 'agency' },
    });
    expect(again.status).toBe(409);

    const d2 = await receive();
    const w = await call(ts.url, 'POST', `/api/dossiers/${d2.id}/withdraw`, {
      auth: { token },
      body: { reason: 'Không còn nhu cầu' },
    });
    expect(w.body).toMatchObject({ status: 'stopped', stopRequestedBy: 'citizen', stopReason: 'Không còn nhu cầu' });
  });
});

describe('the legacy 2018 set, chosen by the admin', () => {
  it('prints the 2018 numbers and names without changing the stored data', async () => {
    const d = await receive();
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/apology`, {
      auth: { token },
      body: { reason: 'Phải xác minh', newDueAt: '2026-12-04', signedBy: 'Lê Văn Cường' },
    });
    const before = (await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token } })).body;
    await setFormSet('2018');

    expect(await printed(d.id, '04')).toMatchObject({
      no: 'Mẫu số 04',
      name: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    });
    expect(await printed(d.id, '05')).toMatchObject({
      no: 'Mẫu số 05',
      name: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    });
    expect((await printed(d.id, '06')).status).toBe(404);
    expect((await printed(d.id, 'control')).no).toBe('Mẫu số 05');
    expect(await ledgerTitle()).toMatchObject({ no: 'Mẫu số 06', name: 'SỔ THEO DÕI HỒ SƠ' });
    // the same record; only the numbers of what it can print follow the set
    const { forms: formsBefore, ...recordBefore } = before;
    const { forms: formsAfter, ...recordAfter } = (
      await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token } })
    ).body;
    expect(recordAfter).toEqual(recordBefore);
    expect(formsBefore.find((f: { key: string }) => f.key === 'control').number).toBe('06');
    expect(formsAfter.find((f: { key: string }) => f.key === 'control').number).toBe('05');

    // the stop notice has no 2018 number: printed by its key, unnumbered
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/stop`, {
      auth: { token },
      body: { reason: 'Cơ quan dừng do thay đổi quy định', requestedBy: 'agency' },
    });
    expect(await printed(d.id, 'stop')).toMatchObject({ no: '', name: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' });

    // and back: the same dossier prints the 2025 numbers again
    await setFormSet('2025');
    expect((await printed(d.id, '06')).no).toBe('Mẫu số 06');
    const ledger = await ledgerTitle();
    expect(ledger.no).toBe('Mẫu số 07');
    expect(String(ledger.notes)).toContain('Dừng giải quyết: Cơ quan dừng do thay đổi quy định');
    expect(String(ledger.notes)).toContain('Số hóa: 1 giấy tờ (2 trang), tái sử dụng 1');
  });
});
