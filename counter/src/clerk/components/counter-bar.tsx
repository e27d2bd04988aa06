import { busy, closeCounter, counterState, dialog, resume } from '../state';
import type { ClerkCatalogue } from '../vi';

/** The counter's name, status and the clerk's figures of the day; pause, resume, close. */
export function CounterBar(props: { t: ClerkCatalogue; fieldNames: string }) {
  const { t } = props;
  const state = counterState.value;
  if (!state) return null;
  const c = state.counter;
  return (
    <div class="counter-bar">
      <div>
        <div class="counter-name" data-testid="counter-name">
          {c.name} <span class={`badge status-${c.status}`}>{t.status[c.status]}</span>
        </div>
        <div class="muted">{props.fieldNames}</div>
      </div>
      <dl class="stats" data-testid="stats">
        <div>
          <dt>{t.stats.served}</dt>
          <dd data-testid="stat-served">{state.stats.served}</dd>
        </div>
        <div>
          <dt>{t.stats.avg}</dt>
          <dd>{t.stats.minutes(state.stats.avgServiceMinutes)}</dd>
        </div>
        <div>
          <dt>{t.stats.skipped}</dt>
          <dd>{state.stats.skipped}</dd>
        </div>
      </dl>
      <div class="bar-actions">
        {c.status === 'paused' ? (
          <button type="button" class="ok" disabled={busy.value} onClick={() => void resume()}>
            <kbd>F8</kbd> {t.actions.resume}
          </button>
        ) : (
          <button
            type="button"
            class="secondary"
            disabled={busy.value || c.currentTicket !== null}
            onClick={() => (dialog.value = 'pause')}
          >
            <kbd>F8</kbd> {t.actions.pause}
          </button>
        )}
        <button
          type="button"
          class="ghost"
          disabled={busy.value || c.currentTicket !== null}
          onClick={() => void closeCounter()}
        >
          {t.actions.close}
        </button>
      </div>
    </div>
  );
}
