import type { AlertDto } from '@protocol/hall';
import { acknowledge, acknowledging, clockText } from '../state';
import type { HallCatalogue } from '../vi';

/** Open alerts, newest first; each acknowledged by a person (audited). */
export function AlertList(props: { t: HallCatalogue; alerts: AlertDto[] }) {
  const { t, alerts } = props;
  return (
    <section
      class={`hall-panel alerts ${alerts.length > 0 ? 'has-alerts' : ''}`}
      aria-labelledby="alerts-h"
      data-testid="hall-alerts"
    >
      <h2 id="alerts-h">{t.alerts.heading(alerts.length)}</h2>
      {alerts.length === 0 ? (
        <p class="muted">{t.alerts.none}</p>
      ) : (
        <ul class="alert-list">
          {alerts.map((a) => (
            <li
              key={a.id}
              class={`alert kind-${a.kind} ${a.acknowledgedAt ? 'is-acknowledged' : ''}`}
              data-testid="hall-alert"
            >
              <span class="alert-text">{t.alerts.text(a.kind, a.detail)}</span>
              <span class="alert-meta">
                {a.acknowledgedAt && a.acknowledgedBy
                  ? t.alerts.acknowledgedBy(a.acknowledgedBy.fullName, clockText(a.acknowledgedAt))
                  : t.alerts.since(clockText(a.raisedAt))}
              </span>
              {!a.acknowledgedAt && (
                <button
                  type="button"
                  class="ack"
                  disabled={acknowledging.value === a.id}
                  onClick={() => void acknowledge(a.id)}
                >
                  {t.alerts.acknowledge}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
