import type { DisplayService } from '../services/display-service';
import type { QueueService } from '../services/queue-service';
import type { RatingService } from '../services/rating-service';
import type { StaffService } from '../services/staff-service';
import type { ServiceContext } from '../services/context';

/** The services the transport layer calls. */
export interface Services {
  ctx: ServiceContext;
  queue: QueueService;
  staff: StaffService;
  ratings: RatingService;
  display: DisplayService;
  version: string;
}
