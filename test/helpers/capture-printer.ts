/**
 * A fake network thermal printer: a TCP server on 127.0.0.1 that keeps the
 * bytes of each connection (one job per connection, as port 9100 printers
 * take them). Can be stopped and started again on the same port to play a
 * printer switched off mid-day.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class CapturePrinter {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  readonly jobs: Buffer[] = [];
  private waiters: Array<{ count: number; resolve: (jobs: Buffer[]) => void }> = [];
  port = 0;

  /** Listens on `port` (0: any free port); resolves with the port. */
  async start(port = this.port): Promise<number> {
    const server = createServer((socket) => {
      this.open.add(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => {
        this.jobs.push(Buffer.concat(chunks));
        socket.end();
        this.waiters = this.waiters.filter((w) => {
          if (this.jobs.length < w.count) return true;
          w.resolve([...this.jobs]);
          return false;
        });
      });
      socket.on('close', () => this.open.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
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
