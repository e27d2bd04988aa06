/**
 * The live ticket page a phone opens from the ticket's QR
 * (`/kiosk/t/<ticketId>`): position and estimate follow `ticket:updated`,
 * "đến lượt — mời đến quầy N" when called, and the rating after the visit
 * when the counter's pad did not get one. No device key: holding the
 * ticket id is the right to see it.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { KioskConfigDto, TicketDto } from '@protocol/dto';
import { ApiFailure, api } from '@ui/api';
import { connectSocket } from '@ui/socket';
import { lang, makeT, setLang } from '@ui/i18n';
import { t } from '../i18n';
import { phoneEn } from '../phone-en';
import { phoneVi } from '../phone-vi';
import { OfflineBanner } from './offline-banner';

const p = makeT({ vi: phoneVi, en: phoneEn });

const ticket = signal<TicketDto | null>(null);
const missing = signal(false);
const online = signal(true);
const office = signal<KioskConfigDto | null>(null);
const rating = signal<'idle' | 'sending' | 'done' | 'failed'>('idle');

function follow(ticketId: string): () => void {
  const socket = connectSocket({});
  const watch = () =>
    socket.emit('ticket:watch', { ticketId }, (res) => {
      if (res.ok) ticket.value = res.data;
      else if (res.error.code === 'TICKET_NOT_FOUND' || res.error.code === 'VALIDATION_ERROR') missing.value = true;
    });
  socket.on('connect', () => {
    online.value = true;
    watch(); // again after every reconnect: rooms do not survive one
  });
  socket.on('disconnect', () => (online.value = false));
  socket.on('connect_error', () => (online.value = false));
  socket.on('ticket:updated', (next) => {
    if (next.id === ticketId) ticket.value = next;
  });
  return () => socket.disconnect();
}

async function rate(ticketId: string, score: number): Promise<void> {
  rating.value = 'sending';
  try {
    await api('POST', '/api/ratings', { body: { ticketId, score } });
    rating.value = 'done';
  } catch (err) {
    rating.value = err instanceof ApiFailure && err.error.code === 'ALREADY_RATED' ? 'done' : 'failed';
  }
}

function Status({ tk }: { tk: TicketDto }) {
  if (tk.status === 'called' && tk.counterNumber !== null) {
    return (
      <div class="p-called" role="alert" data-testid="called">
        {p().called(tk.counterNumber)}
      </div>
    );
  }
  if (tk.status === 'finished') {
    const done = tk.rated || rating.value === 'done';
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
                onClick={() => void rate(tk.id, score)}
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

export function TicketPage({ ticketId }: { ticketId: string }) {
  useEffect(() => {
    api<KioskConfigDto>('GET', '/api/kiosk/config').then(
      (c) => (office.value = c),
      () => undefined,
    );
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
          <Status tk={tk} />
          <p class="k-muted p-live">{p().updatedLive}</p>
        </section>
      ) : null}
    </main>
  );
}
