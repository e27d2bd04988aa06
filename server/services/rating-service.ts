/** End-of-visit satisfaction ratings (DOMAIN.md §5). */
import * as ratingsDb from '../db/queries/ratings';
import * as ticketsDb from '../db/queries/tickets';
import { DomainError, conflict, forbidden, notFound } from '../domain/errors';
import type { Identity, RatingDto } from '../protocol/dto';
import type { RatingBody } from '../protocol/schemas';
import { toIsoWithOffset } from '../domain/time';
import * as officeDb from '../db/queries/office';
import type { ServiceContext } from './context';
import type { TicketKeys } from './ticket-keys';

/** A counter's rating pad may rate a ticket it finished this long ago at most. */
const PAD_WINDOW_MS = 30 * 60_000;

export class RatingService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: TicketKeys,
  ) {}

  /**
   * One rating per ticket, tied to the ticket's counter, clerk and field.
   * Accepted only from someone who saw the visit (DOMAIN.md §8: the
   * figures are what the office is judged by): the counter's rating pad,
   * for a ticket just served there; or the phone holding the ticket,
   * proved by the key in its QR (`ticketKey`), within the pad's window
   * after the visit ended. A ticket id read off the board proves nothing.
   */
  async submit(body: RatingBody, who: Identity): Promise<RatingDto> {
    const now = this.ctx.clock();
    const pad = who.kind === 'device' && who.device.kind === 'rating' ? who.device : null;
    const holder = !pad && this.keys.matches(body.ticketId, body.ticketKey);
    if (!pad && !holder) {
      throw forbidden(
        'RATING_NOT_ALLOWED',
        body.ticketKey === undefined
          ? 'Chỉ đánh giá được trên máy đánh giá tại quầy, hoặc trên điện thoại đã quét mã QR của phiếu.'
          : 'Mã QR của phiếu không đúng. Hãy quét lại mã QR in trên phiếu.',
      );
    }
    const result = await this.ctx.db.tx(async (q, batch) => {
      const ticket = await ticketsDb.getTicket(q, body.ticketId);
      if (!ticket) throw notFound('TICKET_NOT_FOUND', 'Không tìm thấy phiếu số thứ tự này.');
      if (await ratingsDb.hasRating(q, ticket.id)) {
        throw conflict('ALREADY_RATED', 'Lượt phục vụ này đã được đánh giá. Xin cảm ơn ông/bà.');
      }
      const served = pad ? ticket.status === 'finished' || ticket.status === 'called' : ticket.status === 'finished';
      if (!served || ticket.counterId === null) {
        throw conflict('NOT_SERVED_YET', 'Chỉ có thể đánh giá sau khi được phục vụ tại quầy.');
      }
      const recent = ticket.finishedAt ? now.getTime() - ticket.finishedAt.getTime() <= PAD_WINDOW_MS : true;
      if (pad && (pad.counterId !== ticket.counterId || !recent)) {
        throw forbidden('NOT_SERVED_HERE', 'Phiếu này không vừa được phục vụ tại quầy này.');
      }
      if (!recent) {
        throw conflict('RATING_CLOSED', 'Đã quá 30 phút sau lượt phục vụ, không còn nhận đánh giá cho phiếu này.');
      }
      const source: ratingsDb.RatingInsert['source'] = pad ? 'device' : 'ticket';
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
      const rating = { id, ticketId: ticket.id, score: body.score, createdAt: toIsoWithOffset(now, office.timeZone) };
      this.ctx.outbox?.stageEvents(batch, [
        {
          event: 'rating.created',
          occurredAt: now,
          data: {
            rating: {
              ...rating,
              reasons: body.reasons ?? [],
              comment: body.comment ?? null,
              counterId: ticket.counterId,
              clerkId: ticket.clerkId,
              fieldId: ticket.fieldId,
              source,
            },
          },
        },
      ]);
      return rating;
    });
    this.ctx.bus.emit('rating:created', body.ticketId);
    return result;
  }
}
