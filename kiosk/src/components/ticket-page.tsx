/**
 * The live ticket page a phone opens from the ticket's QR
 * (`/kiosk/t/<ticketId>`): position and estimate follow `ticket:updated`,
 * "đến lượt — mời đến quầy N" when called, and the rating after the visit
 * when the counter's pad did not get one. No device key: holding the
 * ticket id is the right to see it.
 */
import { useEffect } from 'preact/hooks';
import type { TicketDto } from '@protocol/dto';
import { lang, makeT, setLang } from '@ui/i18n';
import { t } from '../i18n';
import { phoneEn } from '../phone-en';
import { phoneVi } from '../phone-vi';
import { OfflineBanner } from './offline-banner';
import { follow, loadOffice, missing, office, online, rate, rating, ticket } from '../ticket-follow';

const p = makeT({ vi: phoneVi, en: phoneEn });

function Status({ tk, ticketKey }: { tk: TicketDto; ticketKey: string | null }) {
  if (tk.status === 'called' && tk.counterNumber !== null) {
    return (
      <div class="p-called" role="alert" data-testid="called">
        {p().called(tk.counterNumber)}
      </div>
    );
  }
  if (tk.status === 'finished') {
    const done = tk.rated || rating.value === 'done';
    // without the key from the QR (a link typed by hand, an old link) the phone cannot rate
    if (!ticketKey)
      return (
        <div class="p-finished">
          <p class="p-big">{p().finishedTitle}</p>
        </div>
      );
    return (
      <div class="p-finished">
        <p class="p-big">{p().finishedTitle}</p>
        {done ? (
          rating.value === 'done' && <p class="p-thanks">{p().rated}</p>
        ) : (
          <div class="p-rate" data-testid="rate">
            <p>{p().rateQuestion}</p>
            {[4, 3, 2, 1].map((score) => (
              <button
                key={score}
                class={`p-rate-btn p-rate-${score}`}
                data-score={score}
                disabled={rating.value === 'sending'}
                onClick={() => void rate(tk.id, ticketKey, score)}
              >
                {p().rates[score - 1]}
              </button>
            ))}
            {rating.value === 'failed' && <p class="k-error">{p().rateFailed}</p>}
          </div>
        )}
      </div>
    );
  }
  if (tk.status === 'skipped') return <p class="p-big p-warn">{p().skippedTitle}</p>;
  return (
    <div class="p-waiting">
      <p class="p-big" data-testid="ahead">
        {t().ahead(tk.waitingAhead)}
      </p>
      <p>{t().estimate(tk.estimatedWaitMinutes)}</p>
    </div>
  );
}

export function TicketPage({ ticketId, ticketKey }: { ticketId: string; ticketKey: string | null }) {
  useEffect(() => {
    void loadOffice();
    return follow(ticketId);
  }, [ticketId]);
  const tk = ticket.value;
  return (
    <main class="p-page">
      <OfflineBanner online={online.value} />
      <header class="p-header">
        <div>
          <div class="k-parent">{office.value?.parentName}</div>
          <div class="p-office">{office.value?.officeName}</div>
        </div>
        <button class="k-lang" onClick={() => setLang(lang.value === 'vi' ? 'en' : 'vi')}>
          {t().langSwitch}
        </button>
      </header>
      {missing.value ? (
        <p class="k-error">{p().ticketNotFound}</p>
      ) : tk ? (
        <section class="p-ticket" data-testid="phone-ticket">
          <p class="p-label">{p().ticketTitle}</p>
          <p class="p-number">{tk.number}</p>
          <p class="p-field">{tk.fieldName}</p>
          <Status tk={tk} ticketKey={ticketKey} />
          <p class="k-muted p-live">{p().updatedLive}</p>
        </section>
      ) : null}
    </main>
  );
}
