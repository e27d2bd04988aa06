/**
 * One office's server: its database (migrated, seeded when empty), its
 * services and live queue, its express app and its socket.io namespace.
 * A process runs one (a commune) or several (a province, server/province/);
 * only the process owning an office runs its `OfficeRuntime`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
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
import type { VoiceService } from './services/voice-service';
import { Outbox } from './services/outbox';
import { WebhookDispatcher } from './services/webhook-dispatcher';
import { IntegrationService } from './services/integration-service';
import { createHttpApp } from './transport/http';
import type { Services } from './transport/services';
import { attachOffice, type IoNamespace, type SocketCore, type SocketLayer } from './transport/socket';
import type { Router } from 'express';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let knownVersion: string | null = null;

/** The app's version from package.json, read once (health checks ask it every few seconds). */
export function version(): string {
  knownVersion ??= (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return knownVersion;
}

export interface OfficeOptions {
  /** Its path prefix: '' for the home office, `/o/<code>` for the others. */
  basePath: string;
  /** Its files: dossier scans, backups (SQLite). */
  dataDir: string;
  clock: () => Date;
  webRoot: string;
  voice: VoiceService;
  /** What an empty database gets: the demo office (demo: printed keys hidden, fixed demo keys), or one administrator. */
  seed: 'demo' | 'none';
  demo: boolean;
  demoPassword: string;
  demoPrinter: string | null;
  publicUrl: string | null;
  backupDays: number;
  autoBackup: boolean;
  /** Several processes share the socket.io traffic (the hall's screens may be on another one). */
  clustered: boolean;
  onSeeded?: (creds: SeededCredentials, demo: boolean) => void;
  printBackoffMs?: (failures: number) => number;
  printStatusPollMs?: number;
  webhookBackoffMs?: (failures: number) => number | null;
  webhookTimeoutMs?: number;
  hallTickMs?: number;
  /** Routes only the home office serves (the province's). */
  extraApi?: (s: Services) => Router;
}

export interface OfficeRuntime {
  db: Database;
  services: Services;
  app: Express;
  core: SocketCore;
  sockets: SocketLayer;
  /**
   * Stops it: background work, broadcasts, the database. `shutdown`: the
   * process is going down (clients are told); otherwise the office moves to
   * another process (its new owner tells them to resync).
   */
  close(opts?: { shutdown?: boolean }): Promise<void>;
}

/** Migrates and, when the database holds no office yet, seeds it. Runs under the engine's start-up lock. */
export async function prepareOfficeDatabase(
  db: Database,
  o: Pick<OfficeOptions, 'seed' | 'demo' | 'demoPassword' | 'clock' | 'onSeeded'>,
): Promise<void> {
  await db.exclusive(async () => {
    await migrate(db);
    if (await isEmpty(db)) {
      if (o.seed === 'none') {
        o.onSeeded?.(await seedEmptyOffice(db, o.clock()), false);
      } else {
        const creds = await seedDemoOffice(db, { demo: o.demo, demoPassword: o.demoPassword, now: o.clock() });
        o.onSeeded?.(creds, o.demo);
      }
    }
  });
}

/** Builds and starts one office on a migrated database, its sockets on `ns`. */
export async function startOffice(db: Database, ns: IoNamespace, o: OfficeOptions): Promise<OfficeRuntime> {
  const clock = o.clock;
  const outbox = new Outbox();
  await outbox.refresh(db);
  const ctx: ServiceContext = { db, bus: new EventBus(), clock, outbox };
  const dispatcher = new WebhookDispatcher(ctx, {
    ...(o.webhookBackoffMs ? { backoffMs: o.webhookBackoffMs } : {}),
    ...(o.webhookTimeoutMs !== undefined ? { timeoutMs: o.webhookTimeoutMs } : {}),
  });
  outbox.onCommitted = () => dispatcher.kick();
  const staff = new StaffService(ctx);
  const demoKiosk = o.demo ? await staff.deviceForKey(DEMO_KIOSK_KEY) : undefined;
  const printing = new PrintService(ctx, {
    demoPrinter: o.demo ? o.demoPrinter : null,
    demoKioskId: demoKiosk?.id ?? null,
    ...(o.printBackoffMs ? { backoffMs: o.printBackoffMs } : {}),
    ...(o.printStatusPollMs !== undefined ? { statusPollMs: o.printStatusPollMs } : {}),
  });
  const queue = new QueueService(ctx);
  // the day's live queue, loaded before anything is served
  await queue.start();
  ctx.queueConfigChanged = (q, batch) => queue.reloadConfigIn(q, batch);
  const calendar = new CalendarService(ctx);
  const ticketKeys = await TicketKeys.load(db);
  const backup = new BackupService(ctx, o.dataDir, Math.max(1, o.backupDays));
  const reports = new ReportService(ctx, calendar);
  const hall = new HallService(ctx, queue, reports, o.hallTickMs !== undefined ? { tickMs: o.hallTickMs } : {});
  const display = new DisplayService(ctx, o.voice);
  const services: Services = {
    ctx,
    calendar,
    dossiers: new DossierService(ctx, calendar, printing, join(o.dataDir, 'dossier-files')),
    queue,
    staff,
    ratings: new RatingService(ctx, ticketKeys),
    ticketKeys,
    reports,
    printing,
    publicUrl: o.publicUrl,
    basePath: o.basePath,
    admin: new AdminService(ctx),
    backup,
    display,
    hall,
    integration: new IntegrationService(ctx, dispatcher),
    version: version(),
  };
  const app = createHttpApp(services, o.webRoot, o.extraApi ? [o.extraApi(services)] : []);
  const { core, layer } = await attachOffice(ns, services, { clustered: o.clustered });
  // after the socket layer listens to the bus: alerts raised at start reach the screens
  await hall.start();
  // after the socket layer listens to the bus, so restored jobs' status reaches staff
  await printing.start();
  // deliveries left pending by the last run (a crash between commit and delivery) go out now
  dispatcher.start();
  if (o.autoBackup) backup.start();

  let closed = false;
  return {
    db,
    services,
    app,
    core,
    sockets: layer,
    async close(opts = {}) {
      if (closed) return;
      closed = true;
      const printsSettled = printing.close();
      await hall.close();
      await dispatcher.close();
      await backup.stop();
      if (opts.shutdown) layer.shutdown();
      await layer.idle();
      layer.detach();
      await display.idle();
      // a send under way records its outcome first (bounded: a printer that never answers is not waited for)
      await Promise.race([printsSettled, new Promise((r) => setTimeout(r, 5000).unref())]);
      await db.close();
    },
  };
}
