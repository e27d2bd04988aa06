import { lang } from '@ui/i18n';
import { officePath } from '@ui/office';
import {
  busy,
  callNext,
  clockText,
  counterState,
  current,
  dateTimeText,
  dialog,
  finish,
  minutesSince,
  recall,
  skip,
  visitDossiers,
} from '../state';
import type { ClerkCatalogue } from '../vi';

/** The citizen at the counter now, and the buttons (with their keys) to serve them. */
export function CurrentTicket(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const ticket = current.value;
  const state = counterState.value;
  const open = state?.counter.status === 'open';
  const disabled = busy.value;
  return (
    <section class="panel current" aria-labelledby="current-h" data-testid="current-ticket">
      <h2 id="current-h">{t.current.label}</h2>
      {ticket ? (
        <div class="current-body">
          <div class="current-number" data-testid="current-number">
            {ticket.number}
          </div>
          <div class="current-info">
            <div class="current-field">{ticket.fieldName}</div>
            {ticket.priority && <div class="badge priority">★ {t.priority[ticket.priority]}</div>}
            <div class="muted">
              {t.current.calledAt(clockText(ticket.calledAt))}
              {ticket.recallCount > 0 && ` · ${t.current.recalls(ticket.recallCount)}`}
            </div>
            <div class="muted">{t.current.serving(minutesSince(ticket.calledAt))}</div>
          </div>
        </div>
      ) : (
        <div class="current-empty">
          <div>
            <div class="current-none">{t.current.none}</div>
            <div class="muted">{t.current.hint}</div>
          </div>
        </div>
      )}

      <div class="actions">
        <button
          type="button"
          class="primary huge"
          disabled={disabled || !open || ticket !== null}
          onClick={() => void callNext()}
          data-testid="call-next"
        >
          <kbd>F1</kbd> {t.actions.callNext}
        </button>
        <div class="action-row">
          <button
            type="button"
            class="secondary"
            disabled={disabled || !ticket}
            onClick={() => ticket && void recall(ticket.id)}
          >
            <kbd>F2</kbd> {t.actions.recall}
          </button>
          <button
            type="button"
            class="warn"
            disabled={disabled || !ticket}
            onClick={() => ticket && void skip(ticket.id)}
          >
            <kbd>F3</kbd> {t.actions.skip}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={disabled || !ticket}
            title={t.actions.transferLong}
            onClick={() => (dialog.value = 'transfer')}
          >
            <kbd>F4</kbd> {t.actions.transfer}
          </button>
          <button
            type="button"
            class="ok"
            disabled={disabled || !ticket}
            onClick={() => ticket && void finish(ticket.id)}
          >
            <kbd>F5</kbd> {t.actions.finish}
          </button>
        </div>
        <div class="action-row">
          <button
            type="button"
            class="secondary"
            disabled={disabled}
            onClick={() => (dialog.value = 'receive')}
            data-testid="open-receive"
          >
            <kbd>F6</kbd> {t.actions.receive}
          </button>
          <button type="button" class="secondary" disabled={disabled} onClick={() => (dialog.value = 'dossier')}>
            <kbd>F7</kbd> {t.actions.dossiers}
          </button>
        </div>
      </div>

      {visitDossiers.value.length > 0 && (
        <div class="visit-dossiers" data-testid="visit-dossiers">
          <h3>{t.dossier.ofTicket}</h3>
          <ul>
            {visitDossiers.value.map((d) => (
              <li key={d.id}>
                <b class="mono">{d.code}</b> — {d.procedureName} — {t.receive.due}: {dateTimeText(d.dueAt, lang.value)}{' '}
                <a href={officePath(`/api/dossiers/${d.id}/forms/01.html?print=1`)} target="_blank" rel="noopener">
                  {t.receive.printA4}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
