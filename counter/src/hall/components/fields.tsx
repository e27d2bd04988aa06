import type { HallFieldDto } from '@protocol/hall';
import type { HallCatalogue } from '../vi';

/** Five bars: waiting 60, 45, 30, 15 minutes ago and now. */
function Trend(props: { t: HallCatalogue; values: number[] }) {
  const max = Math.max(1, ...props.values);
  return (
    <div class="trend" role="img" aria-label={props.t.fields.trendLabel(props.values)} title={props.t.fields.trend}>
      {props.values.map((v, i) => (
        <span
          key={i}
          class={i === props.values.length - 1 ? 'now' : ''}
          style={{ height: `${Math.max(6, (v / max) * 100)}%` }}
        />
      ))}
    </div>
  );
}

/** Each field's queue: how many wait, the longest wait against the target, the trend. */
export function FieldCards(props: { t: HallCatalogue; fields: HallFieldDto[] }) {
  const { t } = props;
  return (
    <section class="hall-panel" aria-labelledby="fields-h">
      <h2 id="fields-h">{t.fields.heading}</h2>
      <div class="card-grid fields">
        {props.fields.map((f) => {
          const late = f.longestWaitMinutes > f.targetWaitMinutes;
          const full = f.maxQueueLength !== null && f.waiting > f.maxQueueLength;
          return (
            <article
              key={f.id}
              class={`field-card ${late ? 'is-late' : ''} ${f.waiting > 0 && f.openCounters === 0 ? 'is-unserved' : ''}`}
              data-testid="hall-field"
              data-code={f.code}
            >
              <h3>{f.name}</h3>
              <div class="count-row">
                <p class="big">
                  <strong data-testid="hall-field-waiting">{f.waiting}</strong> <span>{t.fields.waiting}</span>
                </p>
                <Trend t={t} values={f.trend} />
              </div>
              <p class={late ? 'late' : 'muted'}>
                {t.fields.longest(f.longestWaitMinutes)}
                {f.overTarget > 0 && <> · {t.fields.overTarget(f.overTarget)}</>}
              </p>
              <p class={f.openCounters === 0 && f.waiting > 0 ? 'late' : 'muted'}>
                {t.fields.counters(f.openCounters)}
              </p>
              {full && <p class="late">{t.fields.overCapacity(f.maxQueueLength!)}</p>}
              <p class="muted small">{t.fields.target(f.targetWaitMinutes, f.targetServiceMinutes)}</p>
            </article>
          );
        })}
      </div>
    </section>
  );
}
