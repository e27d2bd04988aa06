import type { ProvinceQueueDto } from '@protocol/province';
import { DateInput } from '@ui/components/date-input';
import { Index766Compare } from '@ui/components/index766';
import type { ProvinceCatalogue } from '../vi';
import { figuresError, figuresLoading, from, index766, loadFigures, queue, shownPeriod, to } from '../state';

export interface Formats {
  num: (n: number) => string;
  /** a percentage already ×100, one decimal */
  pct: (n: number) => string;
  /** seconds as minutes, one decimal */
  mins: (s: number | null) => string;
  dmy: (iso: string) => string;
}

/** The period (this month up to today unless changed) and the province's figures for it. */
export function Figures(props: { t: ProvinceCatalogue; f: Formats }) {
  const c = props.t.figures;
  const shown = shownPeriod.value;
  return (
    <>
      <form
        class="period"
        onSubmit={(e) => {
          e.preventDefault();
          void loadFigures();
        }}
      >
        <label>
          {c.from}
          <DateInput value={from.value} onDate={(d) => (from.value = d)} />
        </label>
        <label>
          {c.to}
          <DateInput value={to.value} onDate={(d) => (to.value = d)} />
        </label>
        <button type="submit" class="primary">
          {c.show}
        </button>
      </form>
      {shown && (
        <p class="range" data-testid="province-period">
          {c.range(props.f.dmy(shown.from), props.f.dmy(shown.to))}
        </p>
      )}
      {figuresError.value && (
        <p class="error" role="alert">
          {figuresError.value}
        </p>
      )}
      {figuresLoading.value && <p class="muted">{c.loading}</p>}
      {queue.value && <QueueTable t={props.t} f={props.f} r={queue.value} />}
      {index766.value && (
        <>
          <h3>{c.index766}</h3>
          <p class="muted">{c.index766Intro}</p>
          <Index766Compare
            first={c.office}
            testId="province-index766"
            rows={[
              ...index766.value.offices.map((o) => ({ key: o.code, name: o.name, groups: o.groups })),
              { key: 'province', name: c.province, groups: index766.value.province.groups, total: true },
            ]}
          />
        </>
      )}
    </>
  );
}

type QueueRow = Omit<ProvinceQueueDto['province'], 'ratings'>;

/** One row per office and the province's, bold, under them. */
function QueueTable(props: { t: ProvinceCatalogue; f: Formats; r: ProvinceQueueDto }) {
  const c = props.t.figures;
  const { num, pct, mins } = props.f;
  const row = (key: string, name: string, q: QueueRow, total = false) => (
    <tr key={key} class={total ? 'total' : ''} data-testid={`queue-row-${key}`}>
      <td>{name}</td>
      <td class="n" data-testid="issued">
        {num(q.issued)}
      </td>
      <td class="n" data-testid="served">
        {num(q.served)}
      </td>
      <td class="n" data-testid="no-show">
        {num(q.noShow)}
      </td>
      <td class="n" data-testid="waiting">
        {mins(q.waiting.mean)}
      </td>
      <td class="n" data-testid="service">
        {mins(q.service.mean)}
      </td>
      <td class="n" data-testid="satisfied">
        {q.answers > 0 ? pct(q.satisfied) : props.t.none}
        <small class="block">{c.answers(num(q.answers))}</small>
      </td>
    </tr>
  );
  return (
    <>
      <h3>{c.queue}</h3>
      <div class="table-scroll">
        <table class="grid-table figures" data-testid="province-queue">
          <thead>
            <tr>
              <th>{c.office}</th>
              <th class="n">{c.issued}</th>
              <th class="n">{c.served}</th>
              <th class="n">{c.noShow}</th>
              <th class="n">{c.waiting}</th>
              <th class="n">{c.service}</th>
              <th class="n" title={c.satisfiedHint}>
                {c.satisfied}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.r.offices.map((o) => row(o.code, o.name, o))}
            {row('province', c.province, props.r.province, true)}
          </tbody>
        </table>
      </div>
      <p class="muted small">{c.meansNote}</p>
    </>
  );
}
