import type { TicketDto } from '@protocol/dto';
import { busy, callTicket, counterState, current, minutesSince, recall } from '../state';
import type { ClerkCatalogue } from '../vi';

function PriorityMark(props: { t: ClerkCatalogue; ticket: TicketDto }) {
  if (!props.ticket.priority) return null;
  return (
    <span class="badge priority" title={props.t.priority[props.ticket.priority]}>
      ★ {props.t.priority[props.ticket.priority]}
    </span>
  );
}

/** Who waits for this counter, in order of arrival, with priority marks and waiting times. */
export function WaitingList(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const waiting = counterState.value?.waiting ?? [];
  return (
    <section class="panel" aria-labelledby="waiting-h" data-testid="waiting-list">
      <h2 id="waiting-h">{t.waiting.heading(counterState.value?.waitingTotal ?? waiting.length)}</h2>
      {waiting.length === 0 ? (
        <p class="muted">{t.waiting.empty}</p>
      ) : (
        <ol class="ticket-list">
          {waiting.map((w) => (
            <li key={w.id} class={w.priority ? 'is-priority' : ''} data-testid="waiting-item">
              <span class="num">{w.number}</span>
              <span class="field">
                {w.fieldName}
                {w.targetCounterId !== null && <span class="muted"> · {t.waiting.transferredHere}</span>}
              </span>
              <PriorityMark t={t} ticket={w} />
              <span class="wait">{t.waiting.minutes(minutesSince(w.issuedAt))}</span>
              <button
                type="button"
                class="secondary small"
                disabled={busy.value || current.value !== null || counterState.value?.counter.status !== 'open'}
                title={t.waiting.callDirectHint}
                aria-label={`${t.waiting.callDirect} ${w.number}`}
                data-testid="call-direct"
                onClick={() => void callTicket(w.id)}
              >
                {t.waiting.callDirect}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** No-shows of the day: the citizen may come back and be called again. */
export function SkippedList(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const skipped = counterState.value?.skipped ?? [];
  const serving = current.value !== null;
  return (
    <section class="panel" aria-labelledby="skipped-h" data-testid="skipped-list">
      <h2 id="skipped-h">{t.skipped.heading}</h2>
      {skipped.length === 0 ? (
        <p class="muted">{t.skipped.empty}</p>
      ) : (
        <>
          <p class="muted small">{t.skipped.hint}</p>
          <ul class="ticket-list">
            {skipped.map((s) => (
              <li key={s.id} data-testid="skipped-item">
                <span class="num">{s.number}</span>
                <span class="field">{s.fieldName}</span>
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy.value || serving}
                  onClick={() => void recall(s.id)}
                >
                  {t.skipped.call} {s.number}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
