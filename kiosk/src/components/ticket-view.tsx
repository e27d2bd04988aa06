import type { IssuedTicketDto } from '@protocol/dto';
import { officePath } from '@ui/office';
import { t } from '../i18n';
import { fields, goHome, printer } from '../state';
import { fieldName } from './home';

/** The issued ticket, very large, with the QR to follow it; readable even when nothing was printed. */
export function TicketView({ ticket }: { ticket: IssuedTicketDto }) {
  const p = printer.value;
  const field = fields.value.find((f) => f.id === ticket.fieldId);
  const state = p?.state;
  // paper near end still prints; paper out says so; any other fault (cover open, offline) the general note
  const printNote =
    p === null
      ? t().noPrinter
      : state === 'ok' || state === 'paper-low'
        ? t().printing
        : state === 'paper-out'
          ? t().printerPaperOut
          : t().printerFault;
  const fault = p !== null && p.state !== 'ok' && p.state !== 'paper-low';
  return (
    <section class="k-screen k-ticket" data-testid="ticket">
      <p class="k-ticket-label">{t().yourNumber}</p>
      <p class="k-ticket-number" data-testid="ticket-number">
        {ticket.number}
      </p>
      {ticket.priority && (
        <p class="k-badge">
          {t().priorityBadge}: {t().priorities[ticket.priority]}
        </p>
      )}
      <p class="k-ticket-field">{field ? fieldName(field) : ticket.fieldName}</p>
      <p class="k-ticket-ahead" data-testid="ticket-ahead">
        {t().ahead(ticket.waitingAhead)}
      </p>
      <p class="k-ticket-estimate">{t().estimate(ticket.estimatedWaitMinutes)}</p>
      <div class="k-ticket-qr">
        <img
          src={officePath(`/api/tickets/${ticket.id}/qr.svg?k=${encodeURIComponent(ticket.ticketKey)}`)}
          alt="QR"
          width={220}
          height={220}
        />
        <span>{t().scanToFollow}</span>
      </div>
      <p class={`k-print-note${fault ? ' is-fault' : ''}`} data-testid="print-note" role="status">
        {printNote}
      </p>
      <button class="k-primary" data-action="done" onClick={goHome}>
        {t().done}
      </button>
    </section>
  );
}
