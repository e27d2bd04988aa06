/**
 * Builds and starts the whole server: the home office's database
 * (migrated, seeded when empty) and the province registry in it, every
 * office this process holds (server/office.ts, server/province/), and
 * express + socket.io on one HTTP server (with REDIS_URL, the socket.io
 * Redis Streams adapter shares the traffic between processes).
 */
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { Database } from './db/database';
import type { Config } from './config';
import type { SeededCredentials } from './services/seed';
import { VoiceService } from './services/voice-service';
import type { Services } from './transport/services';
import type { IoServer, SocketLayer } from './transport/socket';
import { prepareOfficeDatabase, ROOT } from './office';
import { DB_FILE_NAME, Province } from './province/province';
import { provinceRoutes } from './transport/province';
import { redisStreamsAdapter } from './province/adapter';

export { DB_FILE_NAME };
export interface StartOptions extends Partial<Config> {
  dataDir: string;
  /** The time now; tests pass their own clock. */
  clock?: () => Date;
  /** Where the built pages are (default dist/web). */
  webRoot?: string;
  /** A province's demo (`MOTCUA_DEMO=1` with DATABASE_URL): a second demo office, `/o/xa-an-binh/`, seeded once. */
  demoSecondOffice?: boolean;
  /** Called once with the credentials of a freshly seeded office. */
  onSeeded?: (creds: SeededCredentials, demo: boolean) => void;
  /** Print retry delays (tests shorten them); default 1 s, 2 s, 4 s … 60 s. */
  printBackoffMs?: (failures: number) => number;
  /** How often idle printers are asked their status (default 30 s; 0 never). */
  printStatusPollMs?: number;
  /** Webhook retry waits (tests shorten them); default domain/integration.ts RETRY_SCHEDULE_MS (10 s … 24 h+). */
  webhookBackoffMs?: (failures: number) => number | null;
  /** How long one webhook try may take (default 10 s). */
  webhookTimeoutMs?: number;
  /** Run the daily automatic backup (default off; `npm start` turns it on unless MOTCUA_BACKUP_DAYS=0). */
  autoBackup?: boolean;
  /** How often the hall's alerts are evaluated without a change (default 15 s; tests shorten it; 0 never). */
  hallTickMs?: number;
}

export interface RunningServer {
  port: number;
  url: string;
  /** The home office's database (the registry; in SQLite mode the home office's own). */
  db: Database;
  /** The home office's services (this process must hold the home office). */
  services: Services;
  io: IoServer;
  /** The home office's socket layer (this process must hold the home office). */
  sockets: SocketLayer;
  http: HttpServer;
  province: Province;
  /** This process's name in the cluster (the `application_name` of its office writers). */
  nodeId: string;
  close(): Promise<void>;
}

/** A fixed retry schedule (MOTCUA_WEBHOOK_RETRY_MS, tests): the n-th wait, null after the last. */
function scheduleFrom(list: readonly number[] | null | undefined): ((failures: number) => number | null) | undefined {
  if (!list || list.length === 0) return undefined;
  return (n) => list[n - 1] ?? null;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const clock = opts.clock ?? (() => new Date());
  if (opts.redisUrl && !opts.databaseUrl) {
    throw new Error(
      'REDIS_URL cần đi cùng DATABASE_URL: nhiều tiến trình chỉ dùng chung được một cơ sở dữ liệu PostgreSQL.',
    );
  }
  const nodeId = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const control = opts.databaseUrl
    ? await Database.connect(opts.databaseUrl, {
        ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
        applicationName: `motcua-control:${nodeId}`,
        // the registry, heartbeats and who holds what: small reads
        readers: 2,
      })
    : await Database.open(join(opts.dataDir, DB_FILE_NAME));
  const officeBase = {
    clock,
    webRoot: opts.webRoot ?? join(ROOT, 'dist', 'web'),
    voice: new VoiceService(opts.dataDir),
    seed: opts.seed ?? 'demo',
    demo: opts.demo ?? false,
    demoPassword: opts.demoPassword ?? 'demo123',
    demoPrinter: opts.demoPrinter ?? null,
    publicUrl: opts.publicUrl ? opts.publicUrl.replace(/\/+$/, '') : null,
    backupDays: opts.backupDays ?? 14,
    autoBackup: opts.autoBackup ?? false,
    clustered: Boolean(opts.databaseUrl),
    ...(opts.onSeeded ? { onSeeded: opts.onSeeded } : {}),
    ...(opts.printBackoffMs ? { printBackoffMs: opts.printBackoffMs } : {}),
    ...(opts.printStatusPollMs !== undefined ? { printStatusPollMs: opts.printStatusPollMs } : {}),
    ...((opts.webhookBackoffMs ?? scheduleFrom(opts.webhookRetryMs))
      ? { webhookBackoffMs: opts.webhookBackoffMs ?? scheduleFrom(opts.webhookRetryMs)! }
      : {}),
    ...(opts.webhookTimeoutMs !== undefined ? { webhookTimeoutMs: opts.webhookTimeoutMs } : {}),
    ...(opts.hallTickMs !== undefined ? { hallTickMs: opts.hallTickMs } : {}),
  };
  // the home office's tables and the registry: the first process migrates and seeds, the others wait and find it done
  await prepareOfficeDatabase(control, officeBase);

  // Shutdown (SIGTERM): requests already in flight are answered; those arriving after are refused with 503,
  // and the databases close only when none is left (no SQLITE_MISUSE from a handle closed under a request).
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  let front: ((req: import('node:http').IncomingMessage, res: ServerResponse) => void) | null = null;
  const http = createServer((req, res) => {
    if (closing || !front) {
      res.writeHead(503, {
        'content-type': 'application/json; charset=utf-8',
        connection: 'close',
        'retry-after': '5',
      });
      res.end(
        JSON.stringify({
          error: { code: 'SHUTTING_DOWN', message: 'Máy chủ đang khởi động lại. Vui lòng thử lại sau vài giây.' },
        }),
      );
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    front(req, res);
  });
  const io: IoServer = new Server(http, { serveClient: false, pingInterval: 5000, pingTimeout: 4000 });
  let redis: { quit(): Promise<unknown>; disconnect(): void } | null = null;
  if (opts.redisUrl) {
    // one stream per deployment (its home schema): several deployments may share one Redis
    const shared = await redisStreamsAdapter(opts.redisUrl, `motcua:${control.schema ?? 'public'}`);
    redis = shared.client;
    io.adapter(shared.adapter as Parameters<IoServer['adapter']>[0]);
  }

  const dataDir = opts.dataDir;
  const province: Province = new Province({
    io,
    control,
    deployment: opts.databaseUrl
      ? { kind: 'postgres', url: opts.databaseUrl, homeSchema: control.schema ?? 'public', dataDir }
      : { kind: 'sqlite', dataDir },
    nodeId,
    office: officeBase,
    homeApi: (s) => provinceRoutes(province)(s),
    pollMs: opts.clusterPollMs ?? 500,
    sharedSockets: redis !== null,
  });
  await province.start(opts.officeCode ?? 'trung-tam', opts.demoSecondOffice ?? false);
  front = province.front();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  province.listening(opts.nodeUrl ?? `http://127.0.0.1:${port}`);

  const homeRuntime = () => {
    const home = province.home;
    if (!home) throw new Error('this process does not hold the home office');
    return home;
  };
  let closed = false;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get db() {
      return province.home?.db ?? control;
    },
    get services() {
      return homeRuntime().services;
    },
    get sockets() {
      return homeRuntime().sockets;
    },
    io,
    http,
    province,
    nodeId,
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      province.shutdownSockets();
      // no new connections; idle keep-alive ones go now, busy ones after their answer
      http.close();
      http.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // no socket connects or asks for a snapshot once the offices' databases start closing
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await province.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
      await officeBase.voice.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
      // SQLite: the home office's runtime closed this same database already
      if (control.kind === 'postgres') await control.close();
      else await control.close().catch(() => undefined);
    },
  };
}
