/**
 * Getting bytes to a printer and asking it how it is, through the
 * `@node-escpos` driver's adapters: network (raw TCP, port 9100, what LAN
 * thermal printers speak), USB (libusb, for printers without a kernel
 * driver or with WinUSB on Windows) and serial; plus a local device file
 * (/dev/usb/lp0) written directly, or nowhere. The bytes are motcua's own
 * (Vietnamese encoders, layouts); the driver's `Printer` carries them
 * (`raw()` + `flush()`), its `text()` is never used (it loses tone marks).
 *
 * Before a job the printer is asked for its real-time status (`DLE EOT`
 * 1, 2, 4; see status.ts): out of paper or cover open, the job is not sent
 * and the call rejects with a {@link PrinterError} whose code says so;
 * after the job it is asked again, so "paper near end" reaches staff.
 * Failures reject with a {@link PrinterError} whose `code` says what went
 * wrong, so the print queue can tell "offline" from "broken".
 */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Adapter } from '@node-escpos/adapter';
import type { Printer as DriverPrinter } from '@node-escpos/core';
import { DLE_EOT, readStatus, statusQuery, type PaperState } from './status';

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  /** A USB printer by vendor and product id (the admin picks it from the plugged-in list). */
  | { kind: 'usb'; vendorId: number; productId: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'none' };

export type PrinterErrorCode =
  /** Nothing listens at host:port (printer off, wrong port). */
  | 'PRINTER_REFUSED'
  /** Connect or write did not finish in time. */
  | 'PRINTER_TIMEOUT'
  /** No route / unknown host. */
  | 'PRINTER_UNREACHABLE'
  /** The connection broke while sending. */
  | 'PRINTER_CONNECTION_LOST'
  /** Device file missing (printer unplugged). */
  | 'PRINTER_NOT_FOUND'
  | 'PRINTER_PERMISSION'
  | 'PRINTER_BUSY'
  | 'PRINTER_IO'
  /** The printer answered that it is out of paper: the job is held. */
  | 'PRINTER_PAPER_OUT'
  /** The printer answered that its cover is open: the job is held. */
  | 'PRINTER_COVER_OPEN'
  /** The printer answered that it is offline for another reason (cutter jam, error). */
  | 'PRINTER_FAULT';

/** Codes that mean "the printer is not there right now" rather than a fault. */
export const OFFLINE_CODES: ReadonlySet<PrinterErrorCode> = new Set<PrinterErrorCode>([
  'PRINTER_REFUSED',
  'PRINTER_TIMEOUT',
  'PRINTER_UNREACHABLE',
  'PRINTER_CONNECTION_LOST',
  'PRINTER_NOT_FOUND',
  'PRINTER_BUSY',
]);

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_PRINTER_PORT = 9100;
export const DEFAULT_SERIAL_BAUD = 9600;

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Parses a printer setting: "127.0.0.1:9100", "printer.local" (port 9100),
 * "[::1]:9100", "tcp://host:port", "/dev/usb/lp0" (device),
 * "usb:0416:5011" (vendor:product id in hex), "serial:/dev/ttyUSB0@9600"
 * or "serial:COM3", "" or "none".
 *
 * @throws Error for anything else (bad port, garbage).
 */
export function parsePrinterAddress(input: string): PrinterAddress {
  const value = input.trim();
  if (value === '' || value.toLowerCase() === 'none') return { kind: 'none' };
  const usb = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(value);
  if (usb) return { kind: 'usb', vendorId: parseInt(usb[1]!, 16), productId: parseInt(usb[2]!, 16) };
  const serial = /^serial:([A-Za-z0-9_./\\-]+)(?:@(\d{3,7}))?$/.exec(value);
  if (serial)
    return { kind: 'serial', path: serial[1]!, baudRate: serial[2] ? Number(serial[2]) : DEFAULT_SERIAL_BAUD };
  if (/^(usb|serial):/i.test(value)) throw new Error(`invalid printer address: "${input}"`);
  if (value.startsWith('/') || /^[A-Za-z]:\\/.test(value) || value.startsWith('\\\\')) {
    return { kind: 'device', path: value };
  }
  const rest = value.replace(/^tcp:\/\//i, '');
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(rest);
  if (!match) throw new Error(`invalid printer address: "${input}" (expected host:port or a device path)`);
  const host = match[1] ?? match[2] ?? '';
  const port = match[3] === undefined ? DEFAULT_PRINTER_PORT : Number(match[3]);
  if (!host || port < 1 || port > 65535) throw new Error(`invalid printer address: "${input}"`);
  return { kind: 'tcp', host, port };
}

export function formatPrinterAddress(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
    case 'device':
      return address.path;
    case 'usb':
      return `usb:${hex4(address.vendorId)}:${hex4(address.productId)}`;
    case 'serial':
      return `serial:${address.path}@${address.baudRate}`;
    case 'none':
      return 'none';
  }
}

export interface SendOptions {
  /** Whole operation (connect + write) limit; default 10 s. */
  timeoutMs?: number;
  /** Ask the printer's status before and after the job (default true; device files never). */
  statusCheck?: boolean;
  /** How long to wait for one status answer before taking the printer as mute; default 1.5 s. */
  statusTimeoutMs?: number;
  /**
   * Ask again after the job (default true). The queue skips it while more
   * jobs wait: the next job's own question tells the same, one connection
   * sooner (a rush of 150 tickets is 150 connections, not 300).
   */
  statusAfter?: boolean;
}

/** What the printer said after the job (null: it answers no status, or was not asked). */
export interface SendResult {
  status: PaperState | null;
}

function codeOfSystemError(err: unknown): PrinterErrorCode {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'PRINTER_REFUSED';
    case 'ETIMEDOUT':
      return 'PRINTER_TIMEOUT';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EADDRNOTAVAIL':
      return 'PRINTER_UNREACHABLE';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'PRINTER_CONNECTION_LOST';
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return 'PRINTER_NOT_FOUND';
    case 'EACCES':
    case 'EPERM':
      return 'PRINTER_PERMISSION';
    case 'EBUSY':
      return 'PRINTER_BUSY';
    default:
      return 'PRINTER_IO';
  }
}

/**
 * One open connection to a printer through a driver adapter: write bytes,
 * ask one status byte, close. Answers arrive in order, one byte per query.
 */
interface Link {
  write(bytes: Uint8Array): Promise<void>;
  ask(query: Uint8Array, timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * The driver, loaded on the first job: `@node-escpos/core` brings image and
 * HTTP libraries (get-pixels, request) that a server which has printed
 * nothing yet need not carry.
 */
let driver: Promise<{
  Printer: typeof DriverPrinter;
  Network: typeof import('@node-escpos/network-adapter').default;
}> | null = null;
const loadDriver = () =>
  (driver ??= Promise.all([import('@node-escpos/core'), import('@node-escpos/network-adapter')]).then(
    ([core, network]) => ({ Printer: core.Printer, Network: network.default }),
  ));

function linkOf<A extends Adapter<[]> | Adapter<[timeout?: number]>>(
  Printer: typeof DriverPrinter,
  adapter: A,
  where: string,
  onClose: (listener: () => void) => void,
  /** The USB adapter's read() posts one IN transfer per call; network and serial ones listen for good. */
  oneShotRead = false,
): Link {
  const waiting: Array<(b: number | null) => void> = [];
  const answers: number[] = [];
  let closed = false;
  const printer = new Printer(adapter as Adapter<[]>, {});
  const onData = (data: Buffer) => {
    for (const b of data) {
      const next = waiting.shift();
      if (next) next(b);
      else answers.push(b);
    }
    if (oneShotRead && !closed) adapter.read(onData);
  };
  adapter.read(onData);
  onClose(() => {
    closed = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    write: async (bytes) => {
      if (closed) throw new PrinterError('PRINTER_CONNECTION_LOST', `printer ${where} closed the connection`);
      // The driver carries our encoded bytes as they are.
      printer.raw(Buffer.from(bytes));
      try {
        await printer.flush();
      } catch (err) {
        throw new PrinterError(codeOfSystemError(err), `printer ${where}: ${(err as Error).message}`, { cause: err });
      }
    },
    ask: (query, timeoutMs) =>
      new Promise<number | null>((resolve) => {
        if (closed) return resolve(null);
        const early = answers.shift();
        if (early !== undefined) return resolve(early);
        let done = false;
        const settle = (b: number | null) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve(b);
        };
        const timer = setTimeout(() => {
          const i = waiting.indexOf(settle);
          if (i >= 0) waiting.splice(i, 1);
          settle(null);
        }, timeoutMs);
        timer.unref();
        waiting.push(settle);
        adapter.write(Buffer.from(query), (err) => {
          if (err) settle(null);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        try {
          adapter.close(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => PrinterError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(error()), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

async function openNetwork(host: string, port: number, timeoutMs: number): Promise<Link> {
  const where = `${host}:${port}`;
  const { Printer, Network } = await loadDriver();
  const adapter = new Network(host, port, timeoutMs);
  // The adapter keeps its socket private; we need it to see the printer
  // close the connection and to silence the adapter's "printer say:" log.
  const socket = (adapter as unknown as { device: Socket }).device;
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    adapter.open((err) => {
      if (settled) return;
      settled = true;
      if (err) {
        socket.destroy();
        const code = err.message.includes('timeout') ? 'PRINTER_TIMEOUT' : codeOfSystemError(err);
        reject(new PrinterError(code, `printer ${where}: ${err.message}`, { cause: err }));
      } else resolve();
    });
  });
  socket.removeAllListeners('data');
  return linkOf(Printer, adapter, where, (listener) => socket.once('close', listener));
}

async function openUsb(vendorId: number, productId: number): Promise<Link> {
  const where = `usb:${hex4(vendorId)}:${hex4(productId)}`;
  // Loaded on first use: a server without USB printers never loads libusb.
  const { default: USBAdapter } = await import('@node-escpos/usb-adapter');
  const { Printer } = await loadDriver();
  let adapter: InstanceType<typeof USBAdapter>;
  try {
    adapter = new USBAdapter(vendorId, productId);
  } catch (err) {
    throw new PrinterError('PRINTER_NOT_FOUND', `printer ${where} is not plugged in`, { cause: err });
  }
  await new Promise<void>((resolve, reject) =>
    adapter.open((err) =>
      err
        ? reject(new PrinterError(codeOfSystemError(err), `printer ${where}: ${err.message}`, { cause: err }))
        : resolve(),
    ),
  );
  return linkOf(Printer, adapter, where, (listener) => adapter.once('disconnect', listener), true);
}

async function openSerial(path: string, baudRate: number): Promise<Link> {
  const where = `serial:${path}`;
  const { default: Serial } = await import('@node-escpos/serialport-adapter');
  const { Printer } = await loadDriver();
  const adapter = new Serial(path, { baudRate });
  await new Promise<void>((resolve, reject) =>
    adapter.open((err) =>
      err
        ? reject(new PrinterError(codeOfSystemError(err), `printer ${where}: ${err.message}`, { cause: err }))
        : resolve(),
    ),
  );
  return linkOf(Printer, adapter, where, (listener) => adapter.once('disconnect', listener));
}

async function openLink(address: PrinterAddress, timeoutMs: number): Promise<Link> {
  switch (address.kind) {
    case 'tcp':
      return openNetwork(address.host, address.port, timeoutMs);
    case 'usb':
      return openUsb(address.vendorId, address.productId);
    case 'serial':
      return openSerial(address.path, address.baudRate);
    default:
      throw new Error(`no driver link for ${address.kind}`);
  }
}

/** Asks `DLE EOT` 1, 2 and 4 in turn and reads the answers. */
async function askStatus(link: Link, timeoutMs: number): Promise<PaperState | null> {
  const printer = await link.ask(statusQuery(DLE_EOT.printer), timeoutMs);
  // A printer that does not answer the first query will not answer the others.
  if (printer === null) return null;
  const offlineCause = await link.ask(statusQuery(DLE_EOT.offlineCause), timeoutMs);
  const paper = await link.ask(statusQuery(DLE_EOT.paper), timeoutMs);
  return readStatus({ printer, offlineCause, paper });
}

const HOLDING: Partial<Record<PaperState, { code: PrinterErrorCode; text: string }>> = {
  'paper-out': { code: 'PRINTER_PAPER_OUT', text: 'is out of paper' },
  'cover-open': { code: 'PRINTER_COVER_OPEN', text: 'has its cover open' },
  error: { code: 'PRINTER_FAULT', text: 'reports an error (offline)' },
};

/**
 * Asks a printer how it is without printing (the print service's idle
 * check). Null when it does not answer status queries or has no link that
 * could (device files, none).
 *
 * @throws PrinterError when it cannot be reached at all.
 */
export async function queryPrinterStatus(
  address: PrinterAddress,
  options: Pick<SendOptions, 'timeoutMs' | 'statusTimeoutMs'> = {},
): Promise<PaperState | null> {
  if (address.kind === 'none' || address.kind === 'device') return null;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const link = await withTimeout(
    openLink(address, timeoutMs),
    timeoutMs,
    () => new PrinterError('PRINTER_TIMEOUT', `printer ${formatPrinterAddress(address)} did not answer in time`),
  );
  try {
    return await askStatus(link, options.statusTimeoutMs ?? 1500);
  } finally {
    await link.close();
  }
}

async function sendThroughDriver(address: PrinterAddress, data: Uint8Array, options: SendOptions): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const statusTimeoutMs = options.statusTimeoutMs ?? 1500;
  const check = options.statusCheck ?? true;
  const where = formatPrinterAddress(address);
  const job = (async (): Promise<SendResult> => {
    const link = await openLink(address, timeoutMs);
    let closed = false;
    try {
      const before = check ? await askStatus(link, statusTimeoutMs) : null;
      const hold = before ? HOLDING[before] : undefined;
      if (hold) throw new PrinterError(hold.code, `printer ${where} ${hold.text}`);
      await link.write(data);
      if (!check || before === null || options.statusAfter === false) return { status: before };
      if (address.kind === 'tcp') {
        // A network printer takes one job per connection; ask again on a
        // fresh one, so the question is never read as part of the job.
        await link.close();
        closed = true;
        return { status: await queryPrinterStatus(address, { timeoutMs, statusTimeoutMs }).catch(() => before) };
      }
      return { status: (await askStatus(link, statusTimeoutMs)) ?? before };
    } finally {
      if (!closed) await link.close();
    }
  })();
  return withTimeout(
    job,
    timeoutMs,
    () => new PrinterError('PRINTER_TIMEOUT', `printer ${where} did not accept the job within ${timeoutMs} ms`),
  );
}

async function sendDevice(path: string, data: Uint8Array, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PrinterError('PRINTER_TIMEOUT', `printer device ${path} did not take the job within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
  });
  const write = (async () => {
    // O_WRONLY without O_CREAT: never create a regular file where an
    // unplugged printer's device node should be.
    const handle = await open(path, fsConstants.O_WRONLY);
    try {
      await handle.write(data);
    } finally {
      await handle.close();
    }
  })();
  try {
    await Promise.race([write, timeout]);
  } catch (err) {
    if (err instanceof PrinterError) throw err;
    throw new PrinterError(codeOfSystemError(err), `printer device ${path}: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends one job's bytes. Resolves once the bytes are handed over (network,
 * USB, serial: through the driver, with the status asked before and after;
 * device file: written and closed), with the status the printer gave after
 * the job. `none` discards.
 *
 * @throws PrinterError — `PRINTER_PAPER_OUT` / `PRINTER_COVER_OPEN` /
 *   `PRINTER_FAULT` when the printer said so before the job (nothing sent).
 */
export async function sendToPrinter(
  address: PrinterAddress,
  data: Uint8Array,
  options: SendOptions = {},
): Promise<SendResult> {
  switch (address.kind) {
    case 'device':
      await sendDevice(address.path, data, options.timeoutMs ?? 10_000);
      return { status: null };
    case 'none':
      return { status: null };
    default:
      return sendThroughDriver(address, data, options);
  }
}

/** A USB device that looks like a printer (interface class 7), for the admin's list. */
export interface UsbPrinterInfo {
  vendorId: number;
  productId: number;
  /** The address to store: "usb:0416:5011". */
  address: string;
  manufacturer: string | null;
  product: string | null;
}

/** The USB printers plugged into this server (empty when none, or libusb cannot see any). */
export async function listUsbPrinters(): Promise<UsbPrinterInfo[]> {
  const { default: USBAdapter } = await import('@node-escpos/usb-adapter');
  return USBAdapter.findPrinter().map((d) => ({
    vendorId: d.deviceDescriptor.idVendor,
    productId: d.deviceDescriptor.idProduct,
    address: `usb:${hex4(d.deviceDescriptor.idVendor)}:${hex4(d.deviceDescriptor.idProduct)}`,
    manufacturer: null,
    product: null,
  }));
}

/** A serial port of this server, for the admin's list. */
export interface SerialPortInfo {
  path: string;
  address: string;
  manufacturer: string | null;
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const { default: Serial } = await import('@node-escpos/serialport-adapter');
  return (await Serial.list()).map((p) => ({
    path: p.path,
    address: `serial:${p.path}@${DEFAULT_SERIAL_BAUD}`,
    manufacturer: p.manufacturer ?? null,
  }));
}
