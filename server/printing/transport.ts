/**
 * Getting bytes to a printer: raw TCP (port 9100 "JetDirect" style, what
 * LAN thermal printers speak), a local device file (/dev/usb/lp0), or
 * nowhere. Failures reject with a {@link PrinterError} whose `code` says
 * what went wrong, so the print queue can tell "offline" from "broken".
 */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';

export type PrinterAddress =
  { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string } | { kind: 'none' };

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
  | 'PRINTER_IO';

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

/**
 * Parses a printer setting: "127.0.0.1:9100", "printer.local" (port 9100),
 * "[::1]:9100", "tcp://host:port", "/dev/usb/lp0" (device), "" or "none".
 *
 * @throws Error for anything else (bad port, garbage).
 */
export function parsePrinterAddress(input: string): PrinterAddress {
  const value = input.trim();
  if (value === '' || value.toLowerCase() === 'none') return { kind: 'none' };
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
    case 'none':
      return 'none';
  }
}

export interface SendOptions {
  /** Whole operation (connect + write) limit; default 10 s. */
  timeoutMs?: number;
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

function sendTcp(host: string, port: number, data: Uint8Array, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let settled = false;
    const where = `${host}:${port}`;
    const finish = (err?: PrinterError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        // All bytes are with the OS; give the printer a moment to close its
        // side (closing first with unread status bytes would send RST).
        setTimeout(() => socket.destroy(), 2000).unref();
        resolve();
      }
    };
    const timer = setTimeout(() => {
      finish(new PrinterError('PRINTER_TIMEOUT', `printer ${where} did not accept the job within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (err) => {
      const code = codeOfSystemError(err);
      finish(new PrinterError(code, `printer ${where}: ${err.message}`, { cause: err }));
    });
    // Printers may answer status bytes; read and ignore them.
    socket.on('data', () => undefined);
    socket.on('close', () => {
      if (!settled) finish(new PrinterError('PRINTER_CONNECTION_LOST', `printer ${where} closed the connection`));
    });
    // 'finish': every byte was handed to the OS and our FIN queued.
    socket.once('finish', () => finish());
    socket.connect({ host, port }, () => {
      socket.end(data);
    });
  });
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
 * Sends one job's bytes. Resolves once the bytes are handed over (TCP: all
 * written and our side closed; device: written and closed). `none` discards.
 */
export async function sendToPrinter(
  address: PrinterAddress,
  data: Uint8Array,
  options: SendOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  switch (address.kind) {
    case 'tcp':
      return sendTcp(address.host, address.port, data, timeoutMs);
    case 'device':
      return sendDevice(address.path, data, timeoutMs);
    case 'none':
      return;
  }
}
