/**
 * Tickets through the real server and the @node-escpos driver to a TCP
 * "printer" on 127.0.0.1 that answers status queries as Epson printers do:
 * the bytes decode to the exact Vietnamese lines on each route, and a
 * printer out of paper or with its cover open holds the jobs, says so to
 * the kiosk and to staff, and prints them in order when it is ready again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCp1258 } from '../../server/printing/cp1258';
import { decodeTcvn3 } from '../../server/printing/tcvn3';
import { renderTicket, wrapColumns } from '../../server/printing/ticket-layout';
import type { PrinterStatusDto, TicketDto } from '../../server/protocol/dto';
import { CapturePrinter, type CaptureState } from '../helpers/capture-printer';
import { commands, pageLapses, parseEscPos, qrPayloads, textLines, textLinesPaged } from '../helpers/escpos-parse';
import { KIOSK, call, connect, demoIds, login, nextEvent, startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
const printers: CapturePrinter[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
  for (const p of printers.splice(0)) await p.stop();
});

const NOTE = 'Vui lòng chờ gọi số trên màn hình. Quét mã QR để theo dõi lượt của bạn.';

async function setup(opts: { state?: CaptureState; answersStatus?: boolean; pollMs?: number } = {}) {
  const printer = new CapturePrinter(opts);
  printers.push(printer);
  await printer.start(0);
  const ts = await startTestServer({
    demoPrinter: printer.address,
    printBackoffMs: () => 100,
    printStatusPollMs: opts.pollMs ?? 0,
  });
  servers.push(ts);
  const ids = await demoIds(ts.url);
  const admin = { token: await login(ts.url, 'admin') };
  const kioskId = (await call<{ device: { id: number } }>(ts.url, 'GET', '/api/kiosk/config', { auth: KIOSK })).body
    .device.id;
  return { ts, printer, ids, admin, kioskId };
}

const press = (ts: TestServer, fieldId: number) =>
  call<TicketDto>(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId } });

const printersOf = async (ts: TestServer, auth: { token: string }) =>
  (await call<{ printers: PrinterStatusDto[] }>(ts.url, 'GET', '/api/printers', { auth })).body.printers;

describe('tickets through the escpos driver', () => {
  it('CP1258 route: asks the status first, then the bytes decode to the exact Vietnamese lines', async () => {
    const { ts, printer, ids } = await setup();
    const res = await press(ts, ids.field('HT'));
    expect(res.status).toBe(201);
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    expect(textLines(tokens, decodeCp1258).filter((l) => l !== '')).toEqual([
      'UBND XÃ HÒA AN',
      'Bộ phận Tiếp nhận và Trả kết quả',
      '-'.repeat(48),
      'SỐ THỨ TỰ',
      'A001',
      'Tư pháp – Hộ tịch',
      'Thời gian: 09:00 25/11/2026',
      'Số người đang chờ trước: 0',
      ...wrapColumns(NOTE, 48),
    ]);
    expect(commands(tokens, 'codePage')).toEqual([[52]]);
    expect(pageLapses(tokens)).toEqual([]);
    // DLE EOT 1, 2, 4 before the job, and again after it on a fresh connection
    await expect.poll(() => printer.queries).toEqual([1, 2, 4, 1, 2, 4]);
  });

  it('TCVN-3 route (Epson pages 30/31): capitals switch to the upper page and back, exact lines', async () => {
    const { ts, printer, ids, admin, kioskId } = await setup();
    const put = await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
      auth: admin,
      body: { address: printer.address, profile: 'epson-tm-t20-tcvn3' },
    });
    expect(put.status).toBe(200);
    expect(put.body.printer).toMatchObject({ route: 'tcvn3', widthDots: 576, profile: 'epson-tm-t20-tcvn3' });
    await press(ts, ids.field('HT'));
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    const lines = textLinesPaged(tokens, { 30: (b) => decodeTcvn3(b, 'lower'), 31: (b) => decodeTcvn3(b, 'upper') });
    expect(lines.filter((l) => l !== '')).toEqual([
      'UBND XÃ HÒA AN',
      'Bộ phận Tiếp nhận và Trả kết quả',
      '-'.repeat(48),
      'SỐ THỨ TỰ',
      'A001',
      // TCVN-3 has no en dash: the encoder writes "-"
      'Tư pháp - Hộ tịch',
      'Thời gian: 09:00 25/11/2026',
      'Số người đang chờ trước: 0',
      ...wrapColumns(NOTE, 48),
    ]);
    expect(commands(tokens, 'codePage')[0]).toEqual([30]);
    expect(commands(tokens, 'codePage')).toContainEqual([31]);
    expect(pageLapses(tokens)).toEqual([]);
  });

  it('TCVN-3 on one page (Xprinter page 27, 58 mm, no cutter, QR as image): tones kept on lowercase', async () => {
    const { ts, printer, ids, admin, kioskId } = await setup();
    await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
      auth: admin,
      body: { address: printer.address, profile: 'xprinter-xp-58-tcvn3' },
    });
    await press(ts, ids.field('CT'));
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    const lines = textLinesPaged(tokens, { 27: (b) => decodeTcvn3(b, 'lower') });
    expect(lines).toContain('Số THứ Tự');
    expect(lines).toContain('Bộ phận Tiếp nhận và Trả kết quả');
    expect(commands(tokens, 'codePage')).toEqual([[27]]);
    expect(tokens.flatMap((t) => (t.kind === 'command' ? [t.name] : [])).slice(0, 3)).toEqual([
      'init',
      'cancelKanji',
      'codePage',
    ]);
    expect(commands(tokens, 'cut')).toEqual([]);
    expect(qrPayloads(tokens)).toEqual([]);
  });

  it('raster route: the image is exactly the ticket drawn from the expected Vietnamese lines', async () => {
    const { ts, printer, ids, admin, kioskId } = await setup();
    await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
      auth: admin,
      body: { address: printer.address, route: 'raster', widthDots: 384 },
    });
    const res = await press(ts, ids.field('HT'));
    const [bytes] = await printer.received(1);
    const expected = renderTicket(
      {
        officeName: 'UBND XÃ HÒA AN\nBộ phận Tiếp nhận và Trả kết quả',
        number: 'A001',
        fieldName: 'Tư pháp – Hộ tịch',
        issuedAt: '09:00 25/11/2026',
        waitingAhead: 0,
        qrUrl: (res.body as unknown as { phoneUrl: string }).phoneUrl,
        note: NOTE,
        labels: { heading: 'SỐ THỨ TỰ', issuedAt: 'Thời gian', waitingAhead: 'Số người đang chờ trước' },
      },
      { route: 'raster', widthDots: 384 },
    );
    expect(Buffer.compare(bytes!, expected)).toBe(0);
  });

  it('a printer that answers no status still prints (nothing known, nothing held)', async () => {
    const { ts, printer, ids, admin } = await setup({ answersStatus: false });
    await press(ts, ids.field('HT'));
    const [bytes] = await printer.received(1);
    expect(textLines(parseEscPos(bytes!))).toContain('A001');
    await expect.poll(async () => (await printersOf(ts, admin))[0]).toMatchObject({ state: 'ok', pending: 0 });
  });
});

describe('a printer out of paper, seen before the citizen', () => {
  it('holds the jobs, tells the kiosk and staff, and prints them in order when paper is back', async () => {
    const { ts, printer, ids, admin } = await setup({ state: 'paper-out', pollMs: 200 });
    const kiosk = await connect(ts.url, KIOSK);
    const clerk = await connect(ts.url, { token: await login(ts.url, 'canbo1') });
    try {
      // the idle check finds it before anybody presses: the kiosk page reads it at start
      await expect
        .poll(async () => (await call(ts.url, 'GET', '/api/kiosk/config', { auth: KIOSK })).body.printer?.state)
        .toBe('paper-out');
      const [before] = await printersOf(ts, admin);
      expect(before).toMatchObject({ pending: 0 });
      expect(before!.message).toContain('hết giấy');
      const kioskSees = nextEvent(kiosk, 'printer:status', (s) => s.state === 'paper-out' && s.pending === 1);

      const held = nextEvent(clerk, 'printer:status', (s) => s.state === 'paper-out' && s.pending === 2);
      const a = await press(ts, ids.field('HT'));
      const b = await press(ts, ids.field('HT'));
      expect([a.status, b.status]).toEqual([201, 201]);
      await kioskSees;
      const status = await held;
      expect(status.jobs.map((j) => j.label)).toEqual(['Phiếu A001', 'Phiếu A002']);
      expect(printer.count).toBe(0);

      const list = await printersOf(ts, admin);
      expect(list[0]).toMatchObject({ state: 'paper-out', pending: 2, lastError: { code: 'PRINTER_PAPER_OUT' } });
      await expect
        .poll(
          async () =>
            (await call(ts.url, 'GET', '/api/admin/devices', { auth: admin })).body.find(
              (d: { kind: string }) => d.kind === 'kiosk',
            ).printer?.state,
        )
        .toBe('paper-out');

      const back = nextEvent(clerk, 'printer:status', (s) => s.state === 'ok' && s.pending === 0, 15_000);
      printer.state = 'online';
      const jobs = await printer.received(2);
      await back;
      expect(jobs.map((j) => textLines(parseEscPos(j)).find((l) => /^A\d{3}$/.test(l)))).toEqual(['A001', 'A002']);
    } finally {
      kiosk.disconnect();
      clerk.disconnect();
    }
  });

  it('cover opened mid-day: jobs held; staff drop the one already called; the rest print when it closes', async () => {
    const { ts, printer, ids, admin, kioskId } = await setup();
    await press(ts, ids.field('CT'));
    await printer.received(1);
    printer.state = 'cover-open';
    const b2 = await press(ts, ids.field('CT'));
    const b3 = await press(ts, ids.field('CT'));
    expect([b2.body.number, b3.body.number]).toEqual(['B002', 'B003']);
    await expect.poll(async () => (await printersOf(ts, admin))[0]).toMatchObject({ state: 'cover-open', pending: 2 });
    const [status] = await printersOf(ts, admin);
    expect(status!.message).toContain('mở nắp');

    const clerk = { token: await login(ts.url, 'canbo1') };
    const bad = await call(ts.url, 'POST', `/api/printers/${kioskId}/drop`, { auth: clerk, body: { jobIds: 'x' } });
    expect(bad.status).toBe(400);
    expect((await printersOf(ts, admin))[0]!.pending).toBe(2);

    const first = status!.jobs[0]!;
    expect(first.label).toBe('Phiếu B002');
    const drop = await call(ts.url, 'POST', `/api/printers/${kioskId}/drop`, {
      auth: clerk,
      body: { jobIds: [first.id] },
    });
    expect(drop.status).toBe(200);
    expect(drop.body).toMatchObject({ dropped: 1, printer: { pending: 1 } });

    printer.state = 'online';
    const jobs = await printer.received(2);
    expect(textLines(parseEscPos(jobs[1]!))).toContain('B003');
    await expect.poll(async () => (await printersOf(ts, admin))[0]).toMatchObject({ state: 'ok', pending: 0 });
    expect(printer.count).toBe(2);
  });

  it('paper near end: the ticket prints and staff are told to change the roll', async () => {
    const { ts, printer, ids, admin } = await setup({ state: 'paper-low' });
    await press(ts, ids.field('DD'));
    await printer.received(1);
    await expect.poll(async () => (await printersOf(ts, admin))[0]).toMatchObject({ state: 'paper-low', pending: 0 });
    expect((await printersOf(ts, admin))[0]!.message).toContain('sắp hết giấy');
  });
});

describe('the admin side of printers', () => {
  it('test page: every letter once per route reaches the printer; profiles and attached devices are listed', async () => {
    const { ts, printer, admin, kioskId } = await setup();
    const res = await call(ts.url, 'POST', `/api/printers/${kioskId}/test-page`, { auth: admin });
    expect(res.status).toBe(202);
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes!);
    expect(pageLapses(tokens)).toEqual([]);
    const lines = textLinesPaged(tokens, {
      52: decodeCp1258,
      30: (b) => decodeTcvn3(b),
      31: (b) => decodeTcvn3(b, 'upper'),
    });
    expect(lines.filter((l) => l === 'ư ừ ứ ử ữ ự')).toHaveLength(2);
    expect(lines.filter((l) => l === 'Ư Ừ Ứ Ử Ữ Ự')).toHaveLength(2);

    const profiles = await call(ts.url, 'GET', '/api/printers/profiles', { auth: admin });
    expect(profiles.body.profiles.map((p: { id: string }) => p.id)).toContain('epson-tm-t20-tcvn3');

    // the USB and serial adapters load and list what is plugged in (none is fine)
    const attached = await call(ts.url, 'GET', '/api/printers/attached', { auth: admin });
    expect(attached.status).toBe(200);
    expect(attached.body.errors).toEqual([]);
    expect(Array.isArray(attached.body.usb)).toBe(true);
    expect(Array.isArray(attached.body.serial)).toBe(true);
    const clerk = { token: await login(ts.url, 'canbo1') };
    expect((await call(ts.url, 'GET', '/api/printers/attached', { auth: clerk })).status).toBe(403);
  });

  it('a USB printer is set by vendor/product id; a bad one is refused in Vietnamese and changes nothing', async () => {
    const { ts, printer, admin, kioskId } = await setup({ pollMs: 200 });
    const bad = await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
      auth: admin,
      body: { address: 'usb:04xx:5011' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('usb:mã hãng:mã máy');
    expect(
      (
        await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
          auth: admin,
          body: { address: printer.address, profile: 'nope' },
        })
      ).body.error.message,
    ).toContain('Không có mẫu máy in');
    expect((await printersOf(ts, admin))[0]).toMatchObject({ address: printer.address });

    const put = await call(ts.url, 'PUT', `/api/printers/${kioskId}`, {
      auth: admin,
      body: { address: 'usb:0416:5011', profile: 'xprinter-xp-58-tcvn3' },
    });
    expect(put.status).toBe(200);
    // nothing plugged in here: the driver reports it missing, and the state says so
    await expect
      .poll(async () => (await printersOf(ts, admin))[0])
      .toMatchObject({ address: 'usb:0416:5011', state: 'offline' });
  });
});
