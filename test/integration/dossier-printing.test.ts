/**
 * What the counter prints for a dossier: the Mẫu 01–06 HTML forms (Circular 03/2025), and the
 * receipt slip on the counter's thermal printer — a real TCP server on
 * 127.0.0.1 capturing the ESC/POS bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CapturePrinter } from '../helpers/capture-printer';
import { decodeTcvn3 } from '../../server/printing/tcvn3';
import { parseEscPos, qrPayloads, rasterImages, textLines, textLinesPaged } from '../helpers/escpos-parse';
import { call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import * as officeDb from '../../server/db/queries/office';

let ts: TestServer;
let token: string;
let printer: CapturePrinter;

beforeEach(async () => {
  ts = await startTestServer();
  token = await login(ts.url, 'canbo1');
  printer = new CapturePrinter();
  await printer.start(0);
});
afterEach(async () => {
  await printer.stop();
  await ts.cleanup();
});

async function setCounterPrinter(settings: Record<string, unknown> | null): Promise<void> {
  // through the query functions, so it runs on either engine
  await ts.server.db.tx(async (q) => {
    const office = (await officeDb.getOffice(q))!;
    const counterPrinters = settings === null ? {} : { '1': settings };
    await officeDb.updateOffice(q, {
      ...office,
      settings: { ...office.settings, counterPrinters } as typeof office.settings,
    });
  });
}

async function receive() {
  const ids = await demoIds(ts.url);
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
  const res = await call(ts.url, 'POST', '/api/dossiers', {
    auth: { token },
    body: {
      procedureCode: '1.004873',
      applicant: {
        fullName: 'Lê Văn Dũng',
        idNumber: '038090001234',
        phone: '0987654321',
        address: 'Xóm 3, xã Hòa An',
      },
      channel: 'direct',
      documents: [
        { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', copy: 'original', count: 1 },
        { name: 'Giấy tờ chứng minh việc ly hôn', copy: 'certified', count: 1 },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: number; code: string };
}

describe('printed forms', () => {
  it('Mẫu 01 is two A5 copies on an A4 landscape sheet with the national header, QR and appointment', async () => {
    const d = await receive();
    const res = await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/01.html`, { auth: { token } });
    expect(res.status).toBe(200);
    const html = res.body as string;
    expect(html).toContain('size: A4 landscape');
    expect(html.match(/class="a5 receipt"/g)).toHaveLength(2);
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND XÃ HÒA AN',
      'Hòa An, ngày 25 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      d.code,
      'Lê Văn Dũng',
      'Giấy tờ chứng minh việc ly hôn: bản sao chứng thực, 1 bản',
      '09 giờ 00 phút, ngày 25/11/2026',
      '09 giờ 00 phút, ngày 30/11/2026',
      'Quyển số: 2026, Số thứ tự: 1',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('<svg');
  });

  it('Mẫu 02, 03 and 06 (control slip) print what was recorded; a missing one is 404', async () => {
    const d = await receive();
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/02.html`, { auth: { token } })).status).toBe(404);
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/supplement`, {
      auth: { token },
      body: { items: ['Bản sao Giấy khai sinh'], reason: 'Thiếu giấy tờ' },
    });
    const f02 = await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/02.html`, { auth: { token } });
    expect(f02.body).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(f02.body).toContain('Bản sao Giấy khai sinh');
    expect(f02.body).toContain('size: A5 portrait');
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/refuse`, {
      auth: { token },
      body: { reason: 'Không đủ điều kiện' },
    });
    const f03 = await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/03.html`, { auth: { token } });
    expect(f03.body).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(f03.body).toContain('Không đủ điều kiện');
    const f06 = await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/06.html`, { auth: { token } });
    expect(f06.body).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/07.html`, { auth: { token } })).status).toBe(404);
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/01.html`)).status).toBe(401);
  });

  it('Mẫu 04 carries the reason, the original and the new appointment and who signs', async () => {
    const d = await receive();
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/apology`, {
      auth: { token },
      body: {
        reason: 'Phải xác minh tại nơi cư trú cũ',
        newDueAt: '2026-12-04',
        signedBy: 'Lê Văn Cường',
        signerTitle: 'Chủ tịch UBND xã',
      },
    });
    const f04 = (await call(ts.url, 'GET', `/api/dossiers/${d.id}/forms/04.html`, { auth: { token } })).body as string;
    expect(f04).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(f04).toContain('Phải xác minh tại nơi cư trú cũ');
    expect(f04).toContain('09 giờ 00 phút, ngày 30/11/2026');
    expect(f04).toContain('17 giờ 00 phút, ngày 04/12/2026');
    expect(f04).toContain('CHỦ TỊCH UBND XÃ');
    expect(f04).toContain('Lê Văn Cường');
  });
});

describe('thermal receipt', () => {
  it('prints the code (text and QR) and the appointment in Vietnamese through CP1258', async () => {
    await setCounterPrinter({ address: printer.address, route: 'codepage', widthDots: 576 });
    const d = await receive();
    const res = await call(ts.url, 'POST', `/api/dossiers/${d.id}/print-receipt`, { auth: { token } });
    expect(res.status).toBe(200);
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    const lines = textLines(tokens);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UBND XÃ HÒA AN',
        'Bộ phận Tiếp nhận và Trả kết quả',
        d.code,
        'HẸN TRẢ KẾT QUẢ',
        '09:00 30/11/2026',
        'Người nộp: Lê Văn Dũng',
        'Thời hạn giải quyết: 3 ngày làm việc',
      ]),
    );
    expect(qrPayloads(tokens)).toEqual([d.code]);
    const audit = await ts.server.db.read((q) =>
      q.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dossier.receipt_printed'"),
    );
    expect(audit?.n).toBe(1);
  });

  it('prints through the raster route for printers without Vietnamese code pages', async () => {
    await setCounterPrinter({ address: printer.address, route: 'raster', widthDots: 384 });
    const d = await receive();
    expect((await call(ts.url, 'POST', `/api/dossiers/${d.id}/print-receipt`, { auth: { token } })).status).toBe(200);
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    expect(rasterImages(tokens).length).toBeGreaterThanOrEqual(2);
    expect(qrPayloads(tokens)).toEqual([d.code]);
  });

  it('tells the clerk, in Vietnamese, when there is no printer; a printer that is off gets the slip later', async () => {
    const d = await receive();
    const none = await call(ts.url, 'POST', `/api/dossiers/${d.id}/print-receipt`, { auth: { token } });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NO_COUNTER_PRINTER');
    expect(none.body.error.message).toContain('Quầy 1 chưa có máy in nhiệt');

    await setCounterPrinter({ address: printer.address, route: 'codepage', widthDots: 576 });
    await printer.stop();
    const off = await call(ts.url, 'POST', `/api/dossiers/${d.id}/print-receipt`, { auth: { token } });
    expect(off.status).toBe(202);
    expect(off.body).toMatchObject({ printed: false, queued: true });
    expect(off.body.message).toContain('Máy in của Quầy 1 mất kết nối');
    const admin = { token: await login(ts.url, 'admin') };
    const listed = await call(ts.url, 'GET', '/api/printers', { auth: admin });
    expect(listed.body.printers.find((p: { kind: string }) => p.kind === 'counter')).toMatchObject({
      deviceName: 'Quầy 1',
      state: 'offline',
      pending: 1,
    });
    // retried like kiosk tickets: the slip comes out when the printer is back
    await printer.start();
    const [bytes] = await printer.received(1);
    expect(textLines(parseEscPos(bytes!))).toContain(d.code);
  });

  it('the admin sets a counter printer by model and prints its test page; bad input changes nothing', async () => {
    const admin = { token: await login(ts.url, 'admin') };
    const ids = await demoIds(ts.url);
    const bad = await call(ts.url, 'PUT', `/api/counters/${ids.counter(1)}/printer`, {
      auth: admin,
      body: { address: 'máy in quầy' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('address');
    expect(
      (await call(ts.url, 'PUT', '/api/counters/9999/printer', { auth: admin, body: { address: 'none' } })).body.error
        .code,
    ).toBe('COUNTER_NOT_FOUND');
    expect(
      (
        await call(ts.url, 'PUT', `/api/counters/${ids.counter(1)}/printer`, {
          auth: { token },
          body: { address: printer.address },
        })
      ).status,
    ).toBe(403);

    const put = await call(ts.url, 'PUT', `/api/counters/${ids.counter(1)}/printer`, {
      auth: admin,
      body: { address: printer.address, profile: 'epson-tm-t20-tcvn3' },
    });
    expect(put.status).toBe(200);
    expect(put.body.printer).toMatchObject({ kind: 'counter', deviceName: 'Quầy 1', route: 'tcvn3' });
    const test = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/printer/test-page`, { auth: admin });
    expect(test.status).toBe(202);
    await printer.received(1);

    // the receipt follows the model: TCVN-3 pages
    const d = await receive();
    expect((await call(ts.url, 'POST', `/api/dossiers/${d.id}/print-receipt`, { auth: { token } })).status).toBe(200);
    const [, bytes] = await printer.received(2);
    const tokens = parseEscPos(bytes!);
    expect(textLinesPaged(tokens, { 30: (b) => decodeTcvn3(b), 31: (b) => decodeTcvn3(b, 'upper') })).toContain(
      'HẸN TRẢ KẾT QUẢ',
    );
  });
});
