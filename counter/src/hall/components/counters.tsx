import type { HallCounterDto } from '@protocol/hall';
import type { HallCatalogue } from '../vi';

/** Each counter: status, clerk, who is served and for how long, pauses with their reason and length. */
export function CounterCards(props: { t: HallCatalogue; counters: HallCounterDto[] }) {
  const { t } = props;
  return (
    <section class="hall-panel" aria-labelledby="counters-h">
      <h2 id="counters-h">{t.counters.heading}</h2>
      <div class="card-grid counters">
        {props.counters.map((c) => (
          <article
            key={c.id}
            class={`counter-card status-${c.status} ${c.overTarget ? 'is-late' : ''}`}
            data-testid="hall-counter"
            data-number={c.number}
          >
            <header>
              <span class="counter-no">{c.number}</span>
              <span class={`chip status-${c.status}`}>{t.counters.status[c.status] ?? c.status}</span>
            </header>
            <p class="clerk">{c.clerk?.fullName ?? t.counters.noClerk}</p>
            {c.status === 'paused' ? (
              <p class="late">{t.counters.paused(c.pauseReason, c.pausedMinutes)}</p>
            ) : c.currentTicket ? (
              <p class={c.overTarget ? 'late' : ''} data-testid="hall-counter-serving">
                {t.counters.serving(c.currentTicket.number, c.servingMinutes ?? 0)}
              </p>
            ) : c.status === 'open' ? (
              <p class="muted">{t.counters.idle}</p>
            ) : null}
          </article>
        ))}
      </div>
    </section>
  );
}
