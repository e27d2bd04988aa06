import type { PrintService } from '../services/print-service';
import type { AdminService } from '../services/admin-service';
import type { BackupService } from '../services/backup-service';
import type { DisplayService } from '../services/display-service';
import type { QueueService } from '../services/queue-service';
import type { RatingService } from '../services/rating-service';
import type { TicketKeys } from '../services/ticket-keys';
import type { ReportService } from '../services/report-service';
import type { StaffService } from '../services/staff-service';
import type { ServiceContext } from '../services/context';
import type { CalendarService } from '../services/calendar-service';
import type { DossierService } from '../services/dossier-service';
import type { HallService } from '../services/hall-service';
import type { IntegrationService } from '../services/integration-service';

/** The services the transport layer calls. */
export interface Services {
  ctx: ServiceContext;
  queue: QueueService;
  staff: StaffService;
  ratings: RatingService;
  /** Each ticket's key (its QR's phone link proves the phone holds it). */
  ticketKeys: TicketKeys;
  reports: ReportService;
  printing: PrintService;
  /** MOTCUA_PUBLIC_URL: how phones reach the server (ticket QR codes); null = the kiosk's own address. */
  publicUrl: string | null;
  /** The office's path prefix: '' (the home office) or `/o/<code>` (docs/api.md "Offices"). */
  basePath: string;
  calendar: CalendarService;
  dossiers: DossierService;
  admin: AdminService;
  backup: BackupService;
  display: DisplayService;
  /** The supervisor's live hall and its alerts. */
  hall: HallService;
  integration: IntegrationService;
  version: string;
}
