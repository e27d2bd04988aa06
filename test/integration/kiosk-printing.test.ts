/**
 * A kiosk press goes through the real server's print path to a TCP
 * "printer" on 127.0.0.1: the bytes are decoded back to what the paper
 * says, and a printer switched off mid-day neither blocks tickets nor
 * loses them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterStatusDto, IssuedTicketDto } from '../../server/protocol/dto';
import { wrapColumns } from '../../server/printing/ticket-layout';
import { CapturePrinter } from '../helpers/capture-printer';
import { commands, inkDots, parseEscPos, qrPayloads, rasterImages, textLines } from '../helpers/escpos-parse';
import { KIOSK, call, connect, demoIds, login, nextEvent, startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
const printers: CapturePrinter[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
  for (const p of printers.splice(0)) await p.stop();
});

async function setup(opts: { printerUp?: boolean } = {}) {
  const printer = new CapturePrinter();
  printers.push(printer);
  await printer.start(0);
  if (opts.printerUp === false) await printer.stop();
  const ts = await startTestServer({ demoPrinter: printer.address, printBackoffMs: () => 100 });
  servers.push(ts);
  const ids = await demoIds(ts.url);
  return { ts, printer, ids };
}

async function press(
  ts: TestServer,
  fieldId: number,
  key?: string,
): Promise<{ status: number; body: IssuedTicketDto }> {
  return call<IssuedTicketDto>(ts.url, 'POST', '/api/tickets', {
    auth: KIOSK,
    body: { fieldId },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

describe('kiosk printing through the server', () => {
  it('code-page route: the demo printer gets the ticket in CP1258, decoding to the exact Vietnamese text', async () => {
    const { ts, printer, ids } = await setup();
    await press(ts, ids.field('HT'));
    const res = await press(ts, ids.field('HT'));
    expect(res.status).toBe(201);
    const [, bytes] = await printer.received(2);
    const tokens = parseEscPos(bytes!);
    const note = 'Vui lòng chờ gọi số trên màn hình. Quét mã QR để theo dõi lượt của bạn.';
    expect(textLines(tokens).filter((l) => l !== '')).toEqual([
      'UBND XÃ HÒA AN',
      'Bộ phận Tiếp nhận và Trả kết quả',
      '-'.repeat(48),
      'SỐ THỨ TỰ',
      'A002',
      'Tư pháp – Hộ tịch',
      'Thời gian: 09:00 25/11/2026',
      'Số người đang chờ trước: 1',
      ...wrapColumns(note, 48),
    ]);
    expect(commands(tokens, 'codePage')).toEqual([[52]]);
    // the phone link carries the ticket's key (the right to rate it), which only the issuing kiosk learned
    expect(res.body.phoneUrl).toBe(`${ts.url}/kiosk/t/${res.body.id}?k=${res.body.ticketKey}`);
    expect(qrPayloads(tokens)).toEqual([res.body.phoneUrl]);
    expect(commands(tokens, 'cut')).toHaveLength(1);
  });

  it('a ticket taken in English is printed with English labels', async () => {
    const { ts, printer, ids } = await setup();
    const res = await call<IssuedTicketDto>(ts.url, 'POST', '/api/tickets', {
      auth: KIOSK,
      body: { fieldId: ids.field('CT'), lang: 'en' },
    });
    expect(res.status).toBe(201);
    const [bytes] = await printer.received(1);
    const lines = textLines(parseEscPos(bytes!));
    expect(lines).toEqual(
      expect.arrayContaining(['QUEUE NUMBER', 'B001', 'Time: 09:00 25/11/2026', 'People waiting before you: 0']),
    );
  });

  it('raster route set by the admin: GS v 0 images 384 dots wide, no text for the printer to mangle', async () => {
    const { ts, printer, ids } = await setup();
    const admin = await login(ts.url, 'admin');
    const cfg = await call<{ device: { id: number } }>(ts.url, 'GET', '/api/kiosk/config', { auth: KIOSK });
    const put = await call(ts.url, 'PUT', `/api/printers/${cfg.body.device.id}`, {
      auth: { token: admin },
      body: { address: printer.address, route: 'raster', widthDots: 384 },
    });
    expect(put.status).toBe(200);
    expect(put.body.printer).toMatchObject({ route: 'raster', widthDots: 384, address: printer.address });

    await press(ts, ids.field('DD'));
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    const images = rasterImages(tokens);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.widthBytes * 8).toBe(384);
    expect(inkDots(Buffer.concat(images.map((i) => i.data)))).toBeGreaterThan(1000);
    expect(tokens.filter((t) => t.kind === 'text')).toEqual([]);
    expect(qrPayloads(tokens)).toHaveLength(1);

    // a bad setting is refused in Vietnamese, naming the field, and changes nothing
    const bad = await call(ts.url, 'PUT', `/api/printers/${cfg.body.device.id}`, {
      auth: { token: admin },
      body: { address: printer.address, route: 'raster', widthDots: 500 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('widthDots');
    const list = await call<{ printers: PrinterStatusDto[] }>(ts.url, 'GET', '/api/printers', {
      auth: { token: admin },
    });
    expect(list.body.printers[0]).toMatchObject({ widthDots: 384 });
  });

  it('a double tap (same Idempotency-Key) prints one ticket', async () => {
    const { ts, printer, ids } = await setup();
    const [a, b] = await Promise.all([
      press(ts, ids.field('CT'), 'press-0001'),
      press(ts, ids.field('CT'), 'press-0001'),
    ]);
    expect(a.body.id).toBe(b.body.id);
    await press(ts, ids.field('CT'), 'press-0002');
    const jobs = await printer.received(2);
    const numbers = jobs.map((j) => textLines(parseEscPos(j)).find((l) => /^B\d{3}$/.test(l)));
    expect(numbers).toEqual(['B001', 'B002']);
  });

  it('printer switched off mid-day: tickets keep coming, staff see the fault, the jobs print when it is back', async () => {
    const { ts, printer, ids } = await setup();
    await press(ts, ids.field('HT'));
    await printer.received(1);

    const token = await login(ts.url, 'canbo1');
    const staff = await connect(ts.url, { token });
    try {
      await printer.stop();
      const offline = nextEvent(staff, 'printer:status', (s) => s.state === 'offline' && s.pending >= 1);
      const issued: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await press(ts, ids.field('HT'));
        expect(res.status).toBe(201);
        issued.push(res.body.number);
      }
      expect(issued).toEqual(['A002', 'A003', 'A004']);
      const fault = await offline;
      expect(fault.message).toContain('mất kết nối');
      const list = await call<{ printers: PrinterStatusDto[] }>(ts.url, 'GET', '/api/printers', { auth: { token } });
      expect(list.body.printers).toHaveLength(1);
      expect(list.body.printers[0]).toMatchObject({ state: 'offline', lastError: { code: 'PRINTER_REFUSED' } });
      expect(list.body.printers[0]!.pending).toBeGreaterThanOrEqual(1);
      // the administrator's device list shows it too
      const admin = { token: await login(ts.url, 'admin') };
      await expect
        .poll(
          async () =>
            (await call(ts.url, 'GET', '/api/admin/devices', { auth: admin })).body.find(
              (d: { kind: string }) => d.kind === 'kiosk',
            ).printer?.state,
        )
        .toBe('offline');

      const back = nextEvent(staff, 'printer:status', (s) => s.state === 'ok' && s.pending === 0, 15_000);
      await printer.start();
      const jobs = await printer.received(4);
      await back;
      await expect
        .poll(
          async () =>
            (await call(ts.url, 'GET', '/api/admin/devices', { auth: admin })).body.find(
              (d: { kind: string }) => d.kind === 'kiosk',
            ).printer?.state,
        )
        .toBe('ok');
      const numbers = jobs.map((j) => textLines(parseEscPos(j)).find((l) => /^A\d{3}$/.test(l)));
      expect(numbers).toEqual(['A001', 'A002', 'A003', 'A004']);
    } finally {
      staff.disconnect();
    }
  });

  it('pending jobs survive a server restart and print when the printer returns', async () => {
    const { ts, printer, ids } = await setup({ printerUp: false });
    const token = await login(ts.url, 'admin');
    const res = await press(ts, ids.field('KD'));
    expect(res.body.number).toBe('1001');
    await expect
      .poll(
        async () => (await call(ts.url, 'GET', '/api/printers', { auth: { token } })).body.printers[0]?.lastError?.code,
      )
      .toBe('PRINTER_REFUSED');

    const again = await ts.restart();
    servers.splice(0, 1, again);
    const token2 = await login(again.url, 'admin');
    const after = await call<{ printers: PrinterStatusDto[] }>(again.url, 'GET', '/api/printers', {
      auth: { token: token2 },
    });
    expect(after.body.printers[0]!.pending).toBe(1);

    await printer.start();
    const [bytes] = await printer.received(1);
    expect(textLines(parseEscPos(bytes!))).toContain('1001');
    await expect
      .poll(
        async () =>
          (await call(again.url, 'GET', '/api/printers', { auth: { token: token2 } })).body.printers[0]?.pending,
      )
      .toBe(0);
  });

  it('bad input to the printer endpoints is refused in Vietnamese, naming the field, and changes nothing', async () => {
    const { ts, printer } = await setup();
    const admin = { token: await login(ts.url, 'admin') };
    const cfg = await call<{ device: { id: number } }>(ts.url, 'GET', '/api/kiosk/config', { auth: KIOSK });
    const id = cfg.body.device.id;
    const bad = await call(ts.url, 'PUT', `/api/printers/${id}`, { auth: admin, body: { address: 'máy in; rm -rf' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('address');
    expect(bad.body.error.message).toContain('Địa chỉ máy in');
    expect((await call(ts.url, 'PUT', '/api/printers/abc', { auth: admin, body: { address: 'none' } })).status).toBe(
      400,
    );
    expect(
      (await call(ts.url, 'PUT', '/api/printers/9999', { auth: admin, body: { address: 'none' } })).body.error.code,
    ).toBe('DEVICE_NOT_FOUND');
    const clerk = { token: await login(ts.url, 'canbo1') };
    expect((await call(ts.url, 'PUT', `/api/printers/${id}`, { auth: clerk, body: { address: 'none' } })).status).toBe(
      403,
    );
    const list = await call<{ printers: PrinterStatusDto[] }>(ts.url, 'GET', '/api/printers', { auth: admin });
    expect(list.body.printers[0]).toMatchObject({ address: printer.address, route: 'codepage' });

    expect((await call(ts.url, 'GET', '/api/tickets/NOT-AN-ID/qr.svg')).status).toBe(400);
    // without the ticket's key the QR (which carries it) is not given out
    expect((await call(ts.url, 'GET', '/api/tickets/abcdefgh1234/qr.svg')).status).toBe(403);
    expect((await call(ts.url, 'POST', '/api/printers/9999/retry', { auth: admin })).body.error.code).toBe(
      'PRINTER_NOT_FOUND',
    );
  });

  it('kiosk config names the office and the kiosk; staff only for the printer list', async () => {
    const { ts } = await setup();
    const cfg = await call(ts.url, 'GET', '/api/kiosk/config', { auth: KIOSK });
    expect(cfg.body).toMatchObject({
      officeName: 'Bộ phận Tiếp nhận và Trả kết quả',
      parentName: 'UBND XÃ HÒA AN',
      device: { name: 'Kiosk sảnh chính' },
      printer: { state: 'ok' },
      idleSeconds: 30,
    });
    expect((await call(ts.url, 'GET', '/api/printers')).status).toBe(401);
    expect((await call(ts.url, 'GET', '/api/printers', { auth: KIOSK })).status).toBe(403);
  });
});
