import { acknowledgeAlert, alerts, busy } from '../state';
import type { ClerkCatalogue } from '../vi';

/** The hall's open alerts about this counter or its fields, each acknowledged by the clerk or a supervisor. */
export function HallAlerts(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const list = alerts.value;
  if (list.length === 0) return null;
  return (
    <section class="hall-alerts" aria-label={t.hallAlerts.heading} data-testid="clerk-alerts">
      {list.map((a) => (
        <div key={a.id} class={`alert hall-alert kind-${a.kind}`} role="alert" data-testid="clerk-alert">
          <span>{t.hallAlerts.text(a.kind, a.detail)}</span>
          {a.acknowledgedAt ? (
            <span class="muted small">{t.hallAlerts.acknowledged}</span>
          ) : (
            <button
              type="button"
              class="secondary small"
              disabled={busy.value}
              onClick={() => void acknowledgeAlert(a.id)}
            >
              {t.hallAlerts.acknowledge}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
