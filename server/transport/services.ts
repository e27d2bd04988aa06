import type { QueueService } from '../services/queue-service';
import type { RatingService } from '../services/rating-service';
import type { StaffService } from '../services/staff-service';
import type { ServiceContext } from '../services/context';
import type { CalendarService } from '../services/calendar-service';
import type { DossierService } from '../services/dossier-service';

/** The services the transport layer calls. */
export interface Services {
  ctx: ServiceContext;
  queue: QueueService;
  staff: StaffService;
  ratings: RatingService;
  calendar: CalendarService;
  dossiers: DossierService;
  version: string;
}
