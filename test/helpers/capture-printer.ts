/**
 * A fake network thermal printer: a TCP server on 127.0.0.1 that keeps the
 * bytes of each connection (one job per connection, as port 9100 printers
 * take them) and answers real-time status queries (`DLE EOT n`) the way
 * Epson documents them, for the state it is in now: online, paper near
 * end, paper out, cover open. The state can change mid-test ("the roll ran
 * out at 10:05"), and the printer can be stopped and started again on the
 * same port to play one switched off mid-day.
 *
 * Like a real printer, it answers queries as they arrive and does not print
 * them: a connection that only asked is not a job. Queries are recognised
 * before the first byte of a job (the driver asks after a job on a fresh
 * connection), so bytes inside an image are never taken for a query.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type CaptureState = 'online' | 'paper-low' | 'paper-out' | 'cover-open';

/**
 * Epson's answers (ESC/POS reference, DLE EOT): bits 1 and 4 are always set;
 * n = 1 bit 3 offline; n = 2 bit 2 cover open, bit 5 stopped by paper end;
 * n = 4 bits 2–3 paper near end, bits 5–6 paper end.
 */
export function epsonStatusByte(state: CaptureState, n: number): number {
  const fixed = 0x12;
  const offline = state === 'paper-out' || state === 'cover-open';
  switch (n) {
    case 1:
      return fixed | (offline ? 0x08 : 0);
    case 2:
      return fixed | (state === 'cover-open' ? 0x04 : 0) | (state === 'paper-out' ? 0x20 : 0);
    case 3:
      return fixed;
    case 4:
      return fixed | (state === 'paper-low' ? 0x0c : 0) | (state === 'paper-out' ? 0x60 : 0);
    default:
      return fixed;
  }
}

export class CapturePrinter {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  readonly jobs: Buffer[] = [];
  /** Every `DLE EOT n` asked, in order (n). */
  readonly queries: number[] = [];
  private waiters: Array<{ count: number; resolve: (jobs: Buffer[]) => void }> = [];
  port = 0;
  /** What the printer answers now. */
  state: CaptureState = 'online';
  /** False: a printer (or print server) that ignores status queries. */
  answersStatus = true;

  constructor(opts: { state?: CaptureState; answersStatus?: boolean } = {}) {
    if (opts.state) this.state = opts.state;
    if (opts.answersStatus !== undefined) this.answersStatus = opts.answersStatus;
  }

  /** Listens on `port` (0: any free port); resolves with the port. */
  async start(port = this.port): Promise<number> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private serve(socket: Socket): void {
    this.open.add(socket);
    const job: number[] = [];
    /** Bytes of a query being received (DLE, EOT) before the job started. */
    let pending: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) {
        if (job.length > 0) {
          job.push(b);
          continue;
        }
        pending.push(b);
        if (pending[0] !== 0x10 || (pending.length >= 2 && pending[1] !== 0x04)) {
          job.push(...pending);
          pending = [];
        } else if (pending.length === 3) {
          const n = pending[2]!;
          pending = [];
          this.queries.push(n);
          if (this.answersStatus) socket.write(Buffer.of(epsonStatusByte(this.state, n)));
        }
      }
    });
    socket.on('end', () => {
      job.push(...pending);
      // A printer out of paper or with its cover open takes bytes and prints nothing.
      if (job.length > 0 && (this.state === 'online' || this.state === 'paper-low')) {
        this.jobs.push(Buffer.from(job));
        this.waiters = this.waiters.filter((w) => {
          if (this.jobs.length < w.count) return true;
          w.resolve([...this.jobs]);
          return false;
        });
      }
      socket.end();
    });
    socket.on('close', () => this.open.delete(socket));
    socket.on('error', () => undefined);
  }

  /** Switches the printer off: nothing listens on its port any more. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.open) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many jobs have arrived so far. */
  get count(): number {
    return this.jobs.length;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Resolves with all jobs once `count` have arrived. */
  received(count: number): Promise<Buffer[]> {
    if (this.jobs.length >= count) return Promise.resolve([...this.jobs]);
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}
