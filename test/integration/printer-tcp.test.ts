import { afterEach, describe, expect, it } from 'vitest';
import { PrintQueue, type PrintJob, type PrinterStatus } from '../../server/printing/print-queue';
import { renderTicket, type TicketPrintData } from '../../server/printing/ticket-layout';
import { PrinterError, parsePrinterAddress, sendToPrinter } from '../../server/printing/transport';
import { CapturePrinter } from '../helpers/capture-printer';
import { commands, inkDots, parseEscPos, qrPayloads, rasterImages, textLines } from '../helpers/escpos-parse';

const ticket: TicketPrintData = {
  officeName: 'UBND XÃ HÒA AN\nBộ phận Tiếp nhận và Trả kết quả',
  number: 'A012',
  fieldName: 'Tư pháp – hộ tịch',
  issuedAt: '08:05 25/11/2026',
  waitingAhead: 3,
  qrUrl: 'http://127.0.0.1:3000/ticket/7f3a9c',
  note: 'Vui lòng chờ gọi số',
};

const printers: CapturePrinter[] = [];
const queues: PrintQueue[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) q.close();
  await Promise.all(printers.splice(0).map((p) => p.stop()));
});

async function startPrinter(): Promise<CapturePrinter> {
  const printer = new CapturePrinter();
  printers.push(printer);
  await printer.start();
  return printer;
}

describe('printing a ticket over TCP', () => {
  it('code-page route: the captured bytes decode to the exact Vietnamese lines', async () => {
    const printer = await startPrinter();
    const address = parsePrinterAddress(`127.0.0.1:${printer.port}`);
    await sendToPrinter(address, renderTicket(ticket, { route: 'codepage', widthDots: 384 }));
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes ?? Buffer.alloc(0));
    const lines = textLines(tokens);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UBND XÃ HÒA AN',
        'Bộ phận Tiếp nhận và Trả kết quả',
        'SỐ THỨ TỰ',
        'A012',
        'Tư pháp – hộ tịch',
        'Thời gian: 08:05 25/11/2026',
        'Số người đang chờ trước: 3',
        'Vui lòng chờ gọi số',
      ]),
    );
    // "–" travels as CP1258 byte 0x96, tones as separate combining bytes.
    expect(bytes?.includes(Buffer.from([0x20, 0x96, 0x20]))).toBe(true);
    expect(bytes?.includes(Buffer.from([0xf4, 0xf2]))).toBe(true); // "ộ" of "Bộ"
    expect(commands(tokens, 'init')).toHaveLength(1);
    expect(commands(tokens, 'codePage')).toEqual([[52]]);
    expect(qrPayloads(tokens)).toEqual([ticket.qrUrl]);
    expect(commands(tokens, 'cut')).toEqual([[66, 0]]);
  });

  it.each([
    [384, 48],
    [576, 72],
  ] as const)('raster route at %i dots: GS v 0 images %i bytes wide with ink', async (widthDots, widthBytes) => {
    const printer = await startPrinter();
    await sendToPrinter(
      { kind: 'tcp', host: '127.0.0.1', port: printer.port },
      renderTicket(ticket, { route: 'raster', widthDots }),
    );
    const [bytes] = await printer.received(1);
    const tokens = parseEscPos(bytes ?? Buffer.alloc(0));
    const images = rasterImages(tokens);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.widthBytes).toBe(widthBytes);
      expect(image.height).toBeGreaterThan(0);
      expect(image.height).toBeLessThanOrEqual(255);
    }
    expect(inkDots(Buffer.concat(images.map((i) => i.data)))).toBeGreaterThan(1000);
    expect(qrPayloads(tokens)).toEqual([ticket.qrUrl]);
  });

  it('rejects with PRINTER_REFUSED when nothing listens', async () => {
    const printer = await startPrinter();
    const port = printer.port;
    await printer.stop();
    const error = await sendToPrinter({ kind: 'tcp', host: '127.0.0.1', port }, Buffer.from('x')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PrinterError);
    expect((error as PrinterError).code).toBe('PRINTER_REFUSED');
  });
});

describe('print queue against a real TCP printer', () => {
  it('marks the printer offline, keeps the job, and prints it when the printer is back', async () => {
    const printer = await startPrinter();
    const port = printer.port;
    await printer.stop();

    const stored = new Map<string, PrintJob>();
    const statuses: PrinterStatus[] = [];
    const queue = new PrintQueue({
      backoffMs: () => 50,
      persist: { save: (job) => void stored.set(job.id, job), remove: (id) => void stored.delete(id) },
      onStatus: (s) => statuses.push(s),
    });
    queues.push(queue);
    queue.setPrinter('demo-kiosk-1', { kind: 'tcp', host: '127.0.0.1', port });

    const bytes = renderTicket(ticket, { route: 'codepage', widthDots: 384 });
    const job = await queue.enqueue('demo-kiosk-1', bytes, { label: 'A012' });

    await expect.poll(() => queue.status('demo-kiosk-1').state).toBe('offline');
    const offline = queue.status('demo-kiosk-1');
    expect(offline.pending).toBe(1);
    expect(offline.lastError?.code).toBe('PRINTER_REFUSED');
    expect(offline.lastError?.at).toBeInstanceOf(Date);
    expect(queue.pendingJobs('demo-kiosk-1').map((j) => j.id)).toEqual([job.id]);
    expect([...stored.keys()]).toEqual([job.id]);
    expect(statuses.some((s) => s.state === 'offline' && s.pending === 1)).toBe(true);

    // Let it fail a few more times, then bring the printer back on the same port.
    await expect.poll(() => queue.pendingJobs('demo-kiosk-1')[0]?.attempts ?? 0).toBeGreaterThanOrEqual(2);
    await printer.start(port);
    const [printed] = await printer.received(1);
    await queue.whenIdle('demo-kiosk-1');

    expect(Buffer.compare(printed ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(textLines(parseEscPos(printed ?? Buffer.alloc(0)))).toContain('Tư pháp – hộ tịch');
    expect(queue.status('demo-kiosk-1')).toMatchObject({ state: 'ok', pending: 0 });
    expect(stored.size).toBe(0);
    expect(statuses.at(-1)).toMatchObject({ state: 'ok', pending: 0 });
    expect(printer.count).toBe(1);
  });
});
