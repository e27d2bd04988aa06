/** End-of-visit satisfaction ratings (DOMAIN.md §5). */
import * as ratingsDb from '../db/queries/ratings';
import * as ticketsDb from '../db/queries/tickets';
import { DomainError, conflict, forbidden, notFound } from '../domain/errors';
import type { Identity, RatingDto } from '../protocol/dto';
import type { RatingBody } from '../protocol/schemas';
import { toIsoWithOffset } from '../domain/time';
import * as officeDb from '../db/queries/office';
import type { ServiceContext } from './context';

/** A counter's rating pad may rate a ticket it finished this long ago at most. */
const PAD_WINDOW_MS = 30 * 60_000;

export class RatingService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * One rating per ticket, tied to the ticket's counter, clerk and field.
   * A rating pad rates only a ticket just served at its own counter; a
   * phone or kiosk rates a ticket whose visit is over.
   */
  async submit(body: RatingBody, who: Identity): Promise<RatingDto> {
    const now = this.ctx.clock();
    const result = await this.ctx.db.tx(async (q) => {
      const ticket = await ticketsDb.getTicket(q, body.ticketId);
      if (!ticket) throw notFound('TICKET_NOT_FOUND', 'Không tìm thấy phiếu số thứ tự này.');
      if (await ratingsDb.hasRating(q, ticket.id)) {
        throw conflict('ALREADY_RATED', 'Lượt phục vụ này đã được đánh giá. Xin cảm ơn ông/bà.');
      }
      const served = ticket.status === 'finished' || ticket.status === 'called';
      if (!served || ticket.counterId === null) {
        throw conflict('NOT_SERVED_YET', 'Chỉ có thể đánh giá sau khi được phục vụ tại quầy.');
      }
      let source: ratingsDb.RatingInsert['source'] = 'ticket';
      if (who.kind === 'device') {
        if (who.device.kind === 'rating') {
          source = 'device';
          const recent = ticket.finishedAt ? now.getTime() - ticket.finishedAt.getTime() <= PAD_WINDOW_MS : true;
          if (who.device.counterId !== ticket.counterId || !recent) {
            throw forbidden('NOT_SERVED_HERE', 'Phiếu này không vừa được phục vụ tại quầy này.');
          }
        } else if (who.device.kind === 'kiosk') {
          source = 'kiosk';
        } else {
          throw forbidden('FORBIDDEN', 'Thiết bị này không được gửi đánh giá.');
        }
      } else if (who.kind === 'staff') {
        source = 'staff';
      }
      const id = await ratingsDb.insertRating(
        q,
        {
          ticketId: ticket.id,
          score: body.score,
          reasons: body.reasons ?? [],
          comment: body.comment ?? null,
          counterId: ticket.counterId,
          clerkId: ticket.clerkId,
          fieldId: ticket.fieldId,
          source,
        },
        now,
      );
      const office = await officeDb.getOffice(q);
      if (!office) throw new DomainError('OFFICE_NOT_SET_UP', 'Văn phòng chưa được thiết lập.', 503);
      return { id, ticketId: ticket.id, score: body.score, createdAt: toIsoWithOffset(now, office.timeZone) };
    });
    this.ctx.bus.emit('rating:created', body.ticketId);
    return result;
  }
}
