/**
 * Builds and starts the whole server: database (migrated, seeded when
 * empty), services, express + socket.io on one HTTP server.
 */
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { Database } from './db/database';
import { migrate } from './db/migrate';
import type { Config } from './config';
import { EventBus } from './services/event-bus';
import type { ServiceContext } from './services/context';
import { DEMO_KIOSK_KEY, PrintService } from './services/print-service';
import { QueueService } from './services/queue-service';
import { RatingService } from './services/rating-service';
import { TicketKeys } from './services/ticket-keys';
import { ReportService } from './services/report-service';
import { StaffService } from './services/staff-service';
import { CalendarService } from './services/calendar-service';
import { DossierService } from './services/dossier-service';
import { AdminService } from './services/admin-service';
import { BackupService } from './services/backup-service';
import { isEmpty, seedDemoOffice, seedEmptyOffice, type SeededCredentials } from './services/seed';
import { DisplayService } from './services/display-service';
import { HallService } from './services/hall-service';
import { VoiceService } from './services/voice-service';
import { Outbox } from './services/outbox';
import { WebhookDispatcher } from './services/webhook-dispatcher';
import { IntegrationService } from './services/integration-service';
import { createHttpApp } from './transport/http';
import type { Services } from './transport/services';
import { attachSockets, type IoServer, type SocketLayer } from './transport/socket';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DB_FILE_NAME = 'motcua.sqlite';

export interface StartOptions extends Partial<Config> {
  dataDir: string;
  /** The time now; tests pass their own clock. */
  clock?: () => Date;
  /** Where the built pages are (default dist/web). */
  webRoot?: string;
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
  db: Database;
  services: Services;
  io: IoServer;
  sockets: SocketLayer;
  http: HttpServer;
  close(): Promise<void>;
}

/** A fixed retry schedule (MOTCUA_WEBHOOK_RETRY_MS, tests): the n-th wait, null after the last. */
function scheduleFrom(list: readonly number[] | null | undefined): ((failures: number) => number | null) | undefined {
  if (!list || list.length === 0) return undefined;
  return (n) => list[n - 1] ?? null;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const clock = opts.clock ?? (() => new Date());
  const db = opts.databaseUrl
    ? await Database.connect(opts.databaseUrl, opts.databaseSchema ? { schema: opts.databaseSchema } : {})
    : await Database.open(join(opts.dataDir, DB_FILE_NAME));
  // several processes on one PostgreSQL database: the first migrates and seeds, the others wait and find it done
  await db.exclusive(async () => {
    await migrate(db);
    if (await isEmpty(db)) {
      if (opts.seed === 'none') {
        opts.onSeeded?.(await seedEmptyOffice(db, clock()), false);
      } else {
        const demo = opts.demo ?? false;
        const creds = await seedDemoOffice(db, { demo, demoPassword: opts.demoPassword ?? 'demo123', now: clock() });
        opts.onSeeded?.(creds, demo);
      }
    }
  });

  const outbox = new Outbox();
  await outbox.refresh(db);
  const ctx: ServiceContext = { db, bus: new EventBus(), clock, outbox };
  const webhookRetry = opts.webhookBackoffMs ?? scheduleFrom(opts.webhookRetryMs);
  const dispatcher = new WebhookDispatcher(ctx, {
    ...(webhookRetry ? { backoffMs: webhookRetry } : {}),
    ...(opts.webhookTimeoutMs !== undefined ? { timeoutMs: opts.webhookTimeoutMs } : {}),
  });
  outbox.onCommitted = () => dispatcher.kick();
  const staff = new StaffService(ctx);
  const demoKiosk = opts.demo ? await staff.deviceForKey(DEMO_KIOSK_KEY) : undefined;
  const printing = new PrintService(ctx, {
    demoPrinter: opts.demo ? (opts.demoPrinter ?? null) : null,
    demoKioskId: demoKiosk?.id ?? null,
    ...(opts.printBackoffMs ? { backoffMs: opts.printBackoffMs } : {}),
    ...(opts.printStatusPollMs !== undefined ? { statusPollMs: opts.printStatusPollMs } : {}),
  });
  const queue = new QueueService(ctx);
  // the day's live queue, loaded before anything is served
  await queue.start();
  ctx.queueConfigChanged = (q, batch) => queue.reloadConfigIn(q, batch);
  const calendar = new CalendarService(ctx);
  const ticketKeys = await TicketKeys.load(db);
  const backup = new BackupService(ctx, opts.dataDir, Math.max(1, opts.backupDays ?? 14));
  const reports = new ReportService(ctx, calendar);
  const hall = new HallService(ctx, queue, reports, opts.hallTickMs !== undefined ? { tickMs: opts.hallTickMs } : {});
  const services: Services = {
    ctx,
    calendar,
    dossiers: new DossierService(ctx, calendar, printing, join(opts.dataDir, 'dossier-files')),
    queue,
    staff,
    ratings: new RatingService(ctx, ticketKeys),
    ticketKeys,
    reports,
    printing,
    publicUrl: opts.publicUrl ?? null,
    admin: new AdminService(ctx),
    backup,
    display: new DisplayService(ctx, new VoiceService(opts.dataDir)),
    hall,
    integration: new IntegrationService(ctx, dispatcher),
    version: version(),
  };

  const app = createHttpApp(services, opts.webRoot ?? join(ROOT, 'dist', 'web'));
  // Shutdown (SIGTERM): requests already in flight are answered; those arriving after are refused with 503,
  // and the database closes only when none is left (no SQLITE_MISUSE from a handle closed under a request).
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const http = createServer((req, res) => {
    if (closing) {
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
    app(req, res);
  });
  const io: IoServer = new Server(http, { serveClient: false, pingInterval: 5000, pingTimeout: 4000 });
  const sockets = await attachSockets(io, services);
  // after the socket layer listens to the bus: alerts raised at start reach the screens
  await hall.start();
  // after the socket layer listens to the bus, so restored jobs' status reaches staff
  await printing.start();
  // deliveries left pending by the last run (a crash between commit and delivery) go out now
  dispatcher.start();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (opts.autoBackup) backup.start();

  let closed = false;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    db,
    services,
    io,
    sockets,
    http,
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      const printsSettled = printing.close();
      await hall.close();
      await dispatcher.close();
      await backup.stop();
      sockets.shutdown();
      // no new connections; idle keep-alive ones go now, busy ones after their answer
      http.close();
      http.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await sockets.idle();
      await services.display.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
      // a send under way records its outcome first (bounded: a printer that never answers is not waited for)
      await Promise.race([printsSettled, new Promise((r) => setTimeout(r, 5000).unref())]);
      await db.close();
    },
  };
}
