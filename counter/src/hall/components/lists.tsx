import type { HallAtRiskDto, HallStateDto, HallTodayDto } from '@protocol/hall';
import { dateText } from '../state';
import type { HallCatalogue } from '../vi';

/** Today's figures so far. */
export function TodayStrip(props: { t: HallCatalogue; today: HallTodayDto }) {
  const { t, today } = props;
  const items: Array<[string, string]> = [
    [t.today.issued, String(today.issued)],
    [t.today.served, String(today.served)],
    [t.today.noShows, String(today.noShows)],
    [t.today.meanWait, t.today.minutes(today.meanWaitMinutes)],
    [t.today.p90Wait, t.today.minutes(today.p90WaitMinutes)],
    [t.today.satisfaction, t.today.percent(today.satisfiedPercent, today.ratings)],
    [t.today.directCalls, String(today.directCalls)],
  ];
  return (
    <section class="today" aria-label={t.today.heading} data-testid="hall-today">
      {items.map(([label, value]) => (
        <div key={label} class="figure">
          <span class="label">{label}</span>
          <strong>{value}</strong>
        </div>
      ))}
    </section>
  );
}

/** Tickets waiting past their field's target, longest first. */
export function OverTargetList(props: { t: HallCatalogue; items: HallStateDto['overTarget'] }) {
  const { t, items } = props;
  return (
    <section class="hall-panel" aria-labelledby="over-h">
      <h2 id="over-h">{t.overTarget.heading}</h2>
      {items.length === 0 ? (
        <p class="muted">{t.overTarget.none}</p>
      ) : (
        <ul class="chips" data-testid="hall-over-target">
          {items.map((o) => (
            <li key={o.id} class="chip late">
              {t.overTarget.item(o.number, o.waitedMinutes)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Dossiers whose Mẫu 04 apology must go out today (or is late). */
export function AtRiskList(props: { t: HallCatalogue; items: HallAtRiskDto[] }) {
  const { t, items } = props;
  return (
    <section class="hall-panel" aria-labelledby="risk-h">
      <h2 id="risk-h">{t.atRisk.heading}</h2>
      {items.length === 0 ? (
        <p class="muted">{t.atRisk.none}</p>
      ) : (
        <ul class="risk-list">
          {items.map((d) => (
            <li key={d.id}>
              <strong>{d.code}</strong> {d.procedureName} — {d.applicantName}
              <span class={d.risk === 'overdue' ? 'late' : 'warn'}>
                {' '}
                · {d.risk === 'overdue' ? t.atRisk.overdue : t.atRisk.dueSoon} · {t.atRisk.due(dateText(d.dueAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
