import { describe, expect, it } from 'vitest';
import { CP1258_TABLE, decodeCp1258, encodeCp1258, isCp1258Encodable } from '../../server/printing/cp1258';
import { DEFAULT_CP1258_CODE_PAGE, EscPosBuilder } from '../../server/printing/escpos';
import {
  PrintQueue,
  defaultBackoffMs,
  type PrintJob,
  type PrinterStatus,
  type Scheduler,
} from '../../server/printing/print-queue';
import { Canvas, fillEdges, flattenPath, renderBlocks } from '../../server/printing/raster';
import { renderTicket, wrapColumns, type TicketPrintData } from '../../server/printing/ticket-layout';
import { PrinterError, parsePrinterAddress, type PrinterAddress } from '../../server/printing/transport';
import { commands, inkDots, parseEscPos, qrPayloads, rasterImages, textLines } from '../helpers/escpos-parse';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('CP1258 table', () => {
  it('agrees with the platform windows-1258 decoder for every defined byte', () => {
    const platform = new TextDecoder('windows-1258');
    expect(CP1258_TABLE).toHaveLength(256);
    const undefinedBytes = [0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e];
    for (let byte = 0; byte < 256; byte++) {
      const ours = CP1258_TABLE[byte];
      if (undefinedBytes.includes(byte)) expect(ours).toBe(0xfffd);
      else expect(String.fromCodePoint(ours ?? 0)).toBe(platform.decode(Uint8Array.of(byte)));
    }
  });
});

describe('encodeCp1258 / decodeCp1258', () => {
  it('keeps the base letters CP1258 has and splits off tone marks', () => {
    // ộ = ô (0xF4) + dot below (0xF2); ế = ê (0xEA) + acute (0xEC)
    expect(hex(encodeCp1258('ộ'))).toBe('f4f2');
    expect(hex(encodeCp1258('ế'))).toBe('eaec');
    expect(hex(encodeCp1258('ữ'))).toBe('fdde');
    expect(hex(encodeCp1258('Ở'))).toBe('d5d2');
    expect(hex(encodeCp1258('ặ'))).toBe('e3f2');
    expect(hex(encodeCp1258('Đ'))).toBe('d0');
    expect(hex(encodeCp1258('đ'))).toBe('f0');
    // ỳ has no precomposed form: y + grave
    expect(hex(encodeCp1258('ỳ'))).toBe('79cc');
    // ý is not in CP1258 (0xFD is ư): y + acute
    expect(hex(encodeCp1258('ý'))).toBe('79ec');
  });

  it('uses the precomposed letters CP1258 does have', () => {
    expect(hex(encodeCp1258('à'))).toBe('e0');
    expect(hex(encodeCp1258('Á'))).toBe('c1');
    expect(hex(encodeCp1258('ó'))).toBe('f3');
    // Ã is not (0xC3 is Ă): A + tilde
    expect(hex(encodeCp1258('Ã'))).toBe('41de');
    expect(hex(encodeCp1258('ì'))).toBe('69cc');
  });

  it('accepts decomposed input the same as precomposed', () => {
    expect(hex(encodeCp1258('Tiếp nhận'.normalize('NFD')))).toBe(hex(encodeCp1258('Tiếp nhận')));
  });

  const samples = [
    'UBND XÃ HÒA AN',
    'Bộ phận Tiếp nhận và Trả kết quả',
    'Tư pháp – hộ tịch',
    'Số người đang chờ trước: 3',
    'Lao động – thương binh và xã hội',
    'Đất đai, Xây dựng, Đăng ký kinh doanh',
    'Vui lòng chờ gọi số. Cảm ơn quý khách!',
    'Người có công với cách mạng; phụ nữ mang thai',
    'ẰẲẴẶẤẦẨẪẬẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰỲỶỸỴÝỈĨỊ',
    'ằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵýỉĩị 100 000 ₫ — “trích” …',
  ];
  it.each(samples)('round-trips "%s" exactly', (text) => {
    expect(decodeCp1258(encodeCp1258(text))).toBe(text);
    expect(isCp1258Encodable(text)).toBe(true);
  });

  it('every Vietnamese letter with every tone round-trips', () => {
    const bases = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';
    const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    for (const base of bases) {
      for (const tone of tones) {
        const letter = (base + tone).normalize('NFC');
        expect(decodeCp1258(encodeCp1258(letter)), letter).toBe(letter);
      }
    }
  });

  it('writes the en dash as 0x96 (it is in CP1258) unless ASCII punctuation is asked for', () => {
    expect(hex(encodeCp1258('–'))).toBe('96');
    const ascii = encodeCp1258('Tư pháp – hộ tịch “A012”…', { asciiPunctuation: true });
    expect(decodeCp1258(ascii)).toBe('Tư pháp - hộ tịch "A012"...');
    expect([...ascii].every((b) => b < 0x80 || b >= 0xa0)).toBe(true);
  });

  it('substitutes characters outside CP1258', () => {
    expect(decodeCp1258(encodeCp1258('A → B ≥ 3'))).toBe('A -> B >= 3');
    expect(decodeCp1258(encodeCp1258('số 漢'))).toBe('số ?');
    expect(isCp1258Encodable('漢')).toBe(false);
    // ş: a mark CP1258 cannot write is dropped, the letter kept
    expect(decodeCp1258(encodeCp1258('ş'))).toBe('s');
  });

  it('decodes undefined bytes to U+FFFD', () => {
    expect(decodeCp1258(Uint8Array.of(0x41, 0x81))).toBe('A\ufffd');
  });
});

describe('EscPosBuilder', () => {
  it('builds the basic commands', () => {
    const bytes = new EscPosBuilder()
      .init()
      .codePage()
      .align('center')
      .bold(true)
      .doubleSize(true)
      .line('Số')
      .doubleSize(false)
      .feed(2)
      .cut()
      .build();
    expect(hex(bytes)).toBe(
      ['1b40', '1b7434', '1b6101', '1b4501', '1d2111', '53f4ec0a', '1d2100', '0a0a', '1d564200'].join(''),
    );
    expect(DEFAULT_CP1258_CODE_PAGE).toBe(52);
  });

  it('strips control characters from text so data cannot inject commands', () => {
    const bytes = new EscPosBuilder().text('A\x1b@B\x1dV').build();
    expect(hex(bytes)).toBe('412040422056');
  });

  it('writes a model 2 QR with size, error level, store and print', () => {
    const url = 'https://motcua.example/t/abc';
    const bytes = new EscPosBuilder().qr(url, { moduleSize: 5, errorLevel: 'Q' }).build();
    const tokens = parseEscPos(bytes);
    expect(tokens.filter((t) => t.kind === 'qr')).toEqual([
      { kind: 'qr', fn: 0x41, args: [0x32, 0] },
      { kind: 'qr', fn: 0x43, args: [5] },
      { kind: 'qr', fn: 0x45, args: [50] },
      { kind: 'qr', fn: 0x51, args: [0x30] },
    ]);
    expect(qrPayloads(tokens)).toEqual([url]);
    expect(hex(bytes.subarray(0, 9))).toBe('1d286b040031413200');
  });

  it('sends raster images in bands', () => {
    const width = 384;
    const height = 600;
    const data = new Uint8Array((width / 8) * height).fill(0xff);
    const tokens = parseEscPos(new EscPosBuilder().rasterImage({ width, height, data }, 255).build());
    const images = rasterImages(tokens);
    expect(images.map((r) => [r.widthBytes, r.height])).toEqual([
      [48, 255],
      [48, 255],
      [48, 90],
    ]);
    expect(images.every((r) => r.mode === 0)).toBe(true);
  });

  it('rejects out-of-range values', () => {
    expect(() => new EscPosBuilder().codePage(300)).toThrow(RangeError);
    expect(() => new EscPosBuilder().size(9, 1)).toThrow(RangeError);
    expect(() => new EscPosBuilder().rasterImage({ width: 8, height: 2, data: new Uint8Array(1) })).toThrow(RangeError);
  });
});

describe('rasteriser', () => {
  it('fills a square with non-zero winding and leaves the hole of an opposite contour', () => {
    const canvas = new Canvas(20, 20);
    const square = (x0: number, y0: number, x1: number, y1: number, reverse: boolean) => {
      const pts: Array<[number, number]> = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
      if (reverse) pts.reverse();
      const [first, ...rest] = pts;
      return [
        { type: 'M' as const, x: first?.[0] ?? 0, y: first?.[1] ?? 0 },
        ...rest.map(([x, y]) => ({ type: 'L' as const, x, y })),
        { type: 'Z' as const },
      ];
    };
    fillEdges(canvas, flattenPath([...square(2, 2, 18, 18, false), ...square(6, 6, 14, 14, true)]));
    const at = (x: number, y: number) => canvas.dots[y * 20 + x];
    expect(at(3, 3)).toBe(1);
    expect(at(10, 10)).toBe(0);
    expect(at(1, 1)).toBe(0);
    expect(at(17, 17)).toBe(1);
    expect(at(18, 18)).toBe(0);
  });

  it('flattens curves into many segments', () => {
    const edges = flattenPath([
      { type: 'M', x: 0, y: 0 },
      { type: 'Q', x1: 50, y1: 0, x: 50, y: 50 },
      { type: 'C', x1: 50, y1: 80, x2: 0, y2: 80, x: 0, y: 50 },
      { type: 'Z' },
    ]);
    expect(edges.length).toBeGreaterThan(20);
  });

  it('draws Vietnamese text with ink inside the bitmap', () => {
    const bitmap = renderBlocks(
      [
        {
          kind: 'text',
          text: 'Bộ phận Tiếp nhận và Trả kết quả',
          style: { fontSize: 24, weight: 400 },
          align: 'center',
        },
      ],
      384,
    );
    expect(bitmap.width).toBe(384);
    expect(bitmap.data.length).toBe(48 * bitmap.height);
    const ink = inkDots(bitmap.data);
    expect(ink).toBeGreaterThan(500);
    expect(ink).toBeLessThan(bitmap.width * bitmap.height * 0.5);
  });
});

const ticket: TicketPrintData = {
  officeName: 'UBND XÃ HÒA AN\nBộ phận Tiếp nhận và Trả kết quả',
  number: 'A012',
  fieldName: 'Tư pháp – hộ tịch',
  issuedAt: '08:05 25/11/2026',
  waitingAhead: 3,
  qrUrl: 'http://192.168.1.10:3000/t/7f3a9c',
  note: 'Vui lòng chờ gọi số trên màn hình',
};
const noteLines58 = ['Vui lòng chờ gọi số trên màn', 'hình'];

describe('renderTicket', () => {
  it('code-page route: CP1258 text lines, double-size number, QR, cut', () => {
    const tokens = parseEscPos(renderTicket(ticket, { route: 'codepage', widthDots: 384 }));
    const lines = textLines(tokens);
    for (const expected of [
      'UBND XÃ HÒA AN',
      'Bộ phận Tiếp nhận và Trả kết quả',
      'SỐ THỨ TỰ',
      'A012',
      'Tư pháp – hộ tịch',
      'Thời gian: 08:05 25/11/2026',
      'Số người đang chờ trước: 3',
      ...noteLines58,
    ]) {
      expect(lines).toContain(expected);
    }
    expect(commands(tokens, 'codePage')).toEqual([[52]]);
    expect(commands(tokens, 'cancelKanji')).toEqual([]);
    expect(commands(tokens, 'size')).toContainEqual([0x11]);
    expect(commands(tokens, 'cut')).toEqual([[66, 0]]);
    expect(qrPayloads(tokens)).toEqual([ticket.qrUrl]);
  });

  it('code-page route: the code page is a printer setting', () => {
    const tokens = parseEscPos(
      renderTicket(ticket, { route: 'codepage', widthDots: 576, codePage: 30, cancelKanji: true }),
    );
    expect(commands(tokens, 'codePage')).toEqual([[30]]);
    const names = tokens.flatMap((t) => (t.kind === 'command' ? [t.name] : []));
    expect(names.slice(0, 3)).toEqual(['init', 'cancelKanji', 'codePage']);
    // 48 columns on 80 mm: the note fits on one line
    expect(textLines(tokens)).toContain('Vui lòng chờ gọi số trên màn hình');
  });

  it('custom labels replace the Vietnamese defaults', () => {
    const tokens = parseEscPos(
      renderTicket(
        { ...ticket, labels: { heading: 'QUEUE NUMBER', waitingAhead: 'Waiting ahead' } },
        { route: 'codepage', widthDots: 576 },
      ),
    );
    expect(textLines(tokens)).toEqual(expect.arrayContaining(['QUEUE NUMBER', 'Waiting ahead: 3']));
  });

  it.each([
    [384, 48],
    [576, 72],
  ] as const)(
    'raster route at %i dots: GS v 0 images %i bytes wide with ink, native QR, no text',
    (widthDots, widthBytes) => {
      const tokens = parseEscPos(renderTicket(ticket, { route: 'raster', widthDots }));
      const images = rasterImages(tokens);
      expect(images.length).toBeGreaterThanOrEqual(2);
      for (const image of images) {
        expect(image.widthBytes).toBe(widthBytes);
        expect(image.height).toBeLessThanOrEqual(255);
        expect(inkDots(image.data)).toBeGreaterThan(0);
      }
      expect(qrPayloads(tokens)).toEqual([ticket.qrUrl]);
      expect(tokens.some((t) => t.kind === 'text')).toBe(false);
      expect(commands(tokens, 'cut')).toEqual([[66, 0]]);
    },
  );
});

describe('wrapColumns', () => {
  it('wraps between words and counts a toned letter as one column', () => {
    expect(wrapColumns('Bộ phận Tiếp nhận và Trả kết quả', 32)).toEqual(['Bộ phận Tiếp nhận và Trả kết quả']);
    expect(wrapColumns('Bộ phận Tiếp nhận và Trả kết quả', 20)).toEqual(['Bộ phận Tiếp nhận và', 'Trả kết quả']);
    expect(wrapColumns('ABCDEFGHIJ', 4)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });
});

describe('parsePrinterAddress', () => {
  it('parses the forms a setting may take', () => {
    expect(parsePrinterAddress('127.0.0.1:9100')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 9100 });
    expect(parsePrinterAddress('printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterAddress('tcp://10.0.0.5:9101')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9101 });
    expect(parsePrinterAddress('[::1]:9100')).toEqual({ kind: 'tcp', host: '::1', port: 9100 });
    expect(parsePrinterAddress('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterAddress('')).toEqual({ kind: 'none' });
    expect(parsePrinterAddress('none')).toEqual({ kind: 'none' });
    expect(() => parsePrinterAddress('host:99999')).toThrow();
    expect(() => parsePrinterAddress('a b:1')).toThrow();
  });
});

/** Timers run by hand, with a clock that moves when they fire. */
function manualScheduler(start = new Date('2026-11-25T01:00:00Z')) {
  let now = start.getTime();
  const timers: Array<{ at: number; fn: () => void; handle: number }> = [];
  let next = 1;
  const scheduler: Scheduler = {
    setTimeout: (fn, ms) => {
      const handle = next++;
      timers.push({ at: now + ms, fn, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      const i = timers.findIndex((t) => t.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return {
    scheduler,
    now: () => new Date(now),
    pendingDelays: () => timers.map((t) => t.at - now),
    /** Fires the next timer, moving the clock to it. */
    fireNext() {
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift();
      if (!t) throw new Error('no timer pending');
      now = t.at;
      t.fn();
    },
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PrintQueue', () => {
  it('backs off 1 s, 2 s, 4 s … up to 60 s', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(defaultBackoffMs)).toEqual([1000, 2000, 4000, 8000, 60000, 60000, 60000]);
  });

  it('keeps a failing job, reports offline, retries with backoff, then prints in order', async () => {
    const clock = manualScheduler();
    let online = false;
    const printed: string[] = [];
    const statuses: PrinterStatus[] = [];
    const stored = new Map<string, PrintJob>();
    let id = 0;
    const queue = new PrintQueue({
      now: clock.now,
      scheduler: clock.scheduler,
      newId: () => `job-${++id}`,
      persist: { save: (job) => void stored.set(job.id, job), remove: (jobId) => void stored.delete(jobId) },
      onStatus: (s) => statuses.push(s),
      send: async (_address: PrinterAddress, data) => {
        if (!online) throw new PrinterError('PRINTER_REFUSED', 'connect ECONNREFUSED');
        printed.push(Buffer.from(data).toString());
      },
    });
    queue.setPrinter('kiosk-1', { kind: 'tcp', host: '127.0.0.1', port: 9 });

    await queue.enqueue('kiosk-1', Buffer.from('first'), { label: 'A001' });
    await queue.enqueue('kiosk-1', Buffer.from('second'));
    await flush();
    expect(queue.status('kiosk-1')).toMatchObject({
      state: 'offline',
      pending: 2,
      lastError: { code: 'PRINTER_REFUSED' },
    });
    expect(queue.status('kiosk-1').lastError?.at).toEqual(new Date('2026-11-25T01:00:00Z'));
    expect([...stored.keys()]).toEqual(['job-1', 'job-2']);
    expect(stored.get('job-1')?.attempts).toBe(1);
    expect(clock.pendingDelays()).toEqual([1000]);

    clock.fireNext();
    await flush();
    expect(clock.pendingDelays()).toEqual([2000]);
    expect(queue.pendingJobs('kiosk-1').map((j) => j.attempts)).toEqual([2, 0]);

    online = true;
    clock.fireNext();
    await queue.whenIdle('kiosk-1');
    expect(printed).toEqual(['first', 'second']);
    expect(stored.size).toBe(0);
    expect(queue.status('kiosk-1')).toMatchObject({ state: 'ok', pending: 0 });
    expect(statuses.map((s) => `${s.state}/${s.pending}`)).toContain('offline/2');
    expect(statuses.at(-1)).toMatchObject({ state: 'ok', pending: 0 });
  });

  it('reports "error" for non-connection failures and allows cancelling', async () => {
    const clock = manualScheduler();
    const stored = new Map<string, PrintJob>();
    const queue = new PrintQueue({
      now: clock.now,
      scheduler: clock.scheduler,
      persist: { save: (job) => void stored.set(job.id, job), remove: (jobId) => void stored.delete(jobId) },
      send: async () => {
        throw new PrinterError('PRINTER_PERMISSION', 'EACCES /dev/usb/lp0');
      },
    });
    queue.setPrinter('p', { kind: 'device', path: '/dev/usb/lp0' });
    const job = await queue.enqueue('p', Buffer.from('x'));
    await flush();
    expect(queue.status('p')).toMatchObject({ state: 'error', pending: 1, lastError: { code: 'PRINTER_PERMISSION' } });
    expect(await queue.cancel(job.id)).toBe(true);
    expect(stored.size).toBe(0);
    expect(queue.status('p').pending).toBe(0);
    await queue.whenIdle('p');
    queue.close();
  });

  it('restores persisted jobs oldest first', async () => {
    const printed: string[] = [];
    const queue = new PrintQueue({ send: async (_a, data) => void printed.push(Buffer.from(data).toString()) });
    queue.setPrinter('p', { kind: 'none' });
    const job = (id: string, minute: number): PrintJob => ({
      id,
      printerId: 'p',
      data: Buffer.from(id),
      createdAt: new Date(Date.UTC(2026, 10, 25, 1, minute)),
      attempts: 3,
    });
    queue.restore([job('b', 2), job('a', 1)]);
    await queue.whenIdle('p');
    expect(printed).toEqual(['a', 'b']);
  });

  it('refuses jobs for an unknown printer instead of dropping them', async () => {
    const queue = new PrintQueue();
    await expect(queue.enqueue('nope', Buffer.from('x'))).rejects.toThrow(/unknown printer/);
  });
});
