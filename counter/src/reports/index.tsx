/**
 * /counter/reports — what the supervisor reports upward (DOMAIN.md §6):
 * dossiers early / on time / late, queue figures, satisfaction; charts by
 * hour and day; Excel and CSV exports; the dossiers at risk.
 */
import { useEffect } from 'preact/hooks';
import { DateInput } from '@ui/components/date-input';
import { Index766Table } from '@ui/components/index766';
import { useSignal } from '@preact/signals';
import type { Index766Dto } from '@protocol/reports';
import type {
  DossierReportDto,
  DurationStatsDto,
  EstimateErrorDto,
  QueueGroupDto,
  QueueReportDto,
} from '@protocol/reports';
import { lang, makeT } from '@ui/i18n';
import { officePath } from '@ui/office';
import { formatPercent } from '../../../server/domain/reports';
import { BarChart, ShareBar } from './charts';
import { en } from './en';
import {
  atRisk,
  breakdown,
  customFrom,
  customTo,
  cutoff,
  dossiers,
  error,
  index,
  index766,
  kind,
  load,
  loading,
  period,
  queue,
  savePaperSlips,
  setKind,
  year,
  type Kind,
} from './state';
import { vi } from './vi';
import '@ui/desk.css';
import './reports.css';

const t = makeT({ vi, en });

const COLORS = {
  early: '#11703c',
  onTime: '#5aa469',
  late: '#c8102e',
  pendingInTime: '#0b4f9c',
  pendingOverdue: '#f08c00',
  issued: '#9db7d9',
  served: '#0b4f9c',
  s4: '#11703c',
  s3: '#7bbf6a',
  s2: '#c9c9c9',
  s1: '#c8102e',
};

const num = (n: number) => new Intl.NumberFormat(lang.value === 'vi' ? 'vi-VN' : 'en-GB').format(n);
const pct = (n: number) => formatPercent(n, lang.value);
/** A share of `base` answers or dossiers: "—" when there were none (not "0,0 %"). */
const share = (n: number, base: number) => (base > 0 ? pct(n) : t().none);
const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const mins = (s: number | null) =>
  s === null
    ? t().none
    : t().queue.minutes(
        new Intl.NumberFormat(lang.value === 'vi' ? 'vi-VN' : 'en-GB', {
          maximumFractionDigits: 1,
          minimumFractionDigits: 1,
        }).format(s / 60),
      );

export function Reports() {
  useEffect(() => {
    void load();
  }, []);
  return (
    <main class="desk reports">
      <h1>{t().title}</h1>
      <PeriodBar />
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {loading.value && <p class="muted">{t().loading}</p>}
      {dossiers.value && <DossierSection r={dossiers.value} />}
      {index766.value && <Index766Section r={index766.value} />}
      {atRisk.value && <AtRiskList />}
      {queue.value && <QueueSection r={queue.value} />}
      {queue.value && <SatisfactionSection r={queue.value} />}
      {queue.value && <EstimateSection r={queue.value} />}
    </main>
  );
}

function PeriodBar() {
  const p = period.value;
  const kinds: Kind[] = ['month', 'quarter', 'half', 'year', 'custom'];
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - 4 + i);
  const indexes =
    kind.value === 'month'
      ? Array.from({ length: 12 }, (_, i) => [i + 1, t().period.month(i + 1)] as const)
      : kind.value === 'quarter'
        ? [1, 2, 3, 4].map((i) => [i, t().period.quarter(i)] as const)
        : kind.value === 'half'
          ? [1, 2].map((i) => [i, t().period.half(i)] as const)
          : [];
  const qs = `from=${p.from}&to=${p.to}`;
  return (
    <section class="card period" aria-label={t().period.label}>
      <div class="seg" role="group" aria-label={t().period.label}>
        {kinds.map((k) => (
          <button key={k} type="button" aria-pressed={kind.value === k} onClick={() => setKind(k)}>
            {t().period.kind[k]}
          </button>
        ))}
      </div>
      <div class="row">
        {kind.value === 'custom' ? (
          <>
            <label>
              {t().period.from}
              <DateInput value={customFrom.value} onDate={(d) => (customFrom.value = d)} />
            </label>
            <label>
              {t().period.to}
              <DateInput value={customTo.value} onDate={(d) => (customTo.value = d)} />
            </label>
          </>
        ) : (
          <>
            <label>
              {t().period.year}
              <select value={year.value} onChange={(e) => (year.value = Number(e.currentTarget.value))}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            {indexes.length > 0 && (
              <label>
                {t().period.label}
                <select value={index.value} onChange={(e) => (index.value = Number(e.currentTarget.value))}>
                  {indexes.map(([i, name]) => (
                    <option key={i} value={i}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label class="check">
              <input
                type="checkbox"
                checked={cutoff.value}
                onChange={(e) => (cutoff.value = e.currentTarget.checked)}
              />
              {t().period.cutoff}
            </label>
          </>
        )}
        <button type="button" class="primary" onClick={() => void load()}>
          {t().period.show}
        </button>
      </div>
      <p class="range" data-testid="period-range">
        {t().period.range(dmy(p.from), dmy(p.to))}
      </p>
      <div class="exports">
        <a class="button" href={officePath(`/api/reports/export?${qs}&format=xlsx`)} download>
          {t().exportXlsx}
        </a>
        <a class="button" href={officePath(`/api/reports/dossiers/export?${qs}&format=csv`)} download>
          {t().exportCsv}
        </a>
        <a class="button" href={officePath(`/api/reports/ledger?${qs}`)} download>
          {t().exportLedger}
        </a>
        <a class="button" href={officePath(`/api/reports/bieu06.html?${qs}`)} target="_blank" rel="noopener">
          {t().printBieu06}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t().print}
        </button>
      </div>
    </section>
  );
}

function Big(props: { label: string; value: string; sub?: string; color?: string; testId?: string }) {
  return (
    <div class="big" style={props.color ? { borderColor: props.color } : undefined} data-testid={props.testId}>
      <span class="label">{props.label}</span>
      <strong>{props.value}</strong>
      {props.sub && <span class="sub">{props.sub}</span>}
    </div>
  );
}

function DossierSection({ r }: { r: DossierReportDto }) {
  const c = t().dossiers;
  const within = r.resolvedEarly + r.resolvedOnTime;
  const past = r.resolvedLate + r.pendingOverdue;
  const resolved = within + r.resolvedLate;
  return (
    <section class="card" aria-labelledby="dossiers-h">
      <h2 id="dossiers-h">{c.title}</h2>
      {r.received === 0 ? (
        <p class="muted">{c.none}</p>
      ) : (
        <>
          <div class="bigs">
            <Big
              label={c.received}
              value={num(r.received)}
              sub={`${num(r.carriedOver)} ${c.carriedOver} · ${num(r.received - r.carriedOver)} ${c.newInPeriod}`}
            />
            <Big
              label={c.withinDeadline}
              value={share(r.rates.withinDeadline, r.received)}
              sub={c.nDossiers(num(within))}
              color={COLORS.early}
              testId="rate-within"
            />
            <Big
              label={c.pendingInTime}
              value={share(r.rates.pendingInTime, r.received)}
              sub={c.nDossiers(num(r.pendingInTime))}
              color={COLORS.pendingInTime}
            />
            <Big
              label={c.pastDeadline}
              value={share(r.rates.pastDeadline, r.received)}
              sub={c.nDossiers(num(past))}
              color={COLORS.late}
            />
          </div>
          <ShareBar
            title={c.ofReceived}
            testId="chart-dossiers"
            parts={[
              { name: c.early, value: r.rates.early, color: COLORS.early, label: share(r.rates.early, r.received) },
              { name: c.onTime, value: r.rates.onTime, color: COLORS.onTime, label: share(r.rates.onTime, r.received) },
              {
                name: c.pendingInTime,
                value: r.rates.pendingInTime,
                color: COLORS.pendingInTime,
                label: share(r.rates.pendingInTime, r.received),
              },
              {
                name: c.pendingOverdue,
                value: r.rates.pendingOverdue,
                color: COLORS.pendingOverdue,
                label: share(r.rates.pendingOverdue, r.received),
              },
              { name: c.late, value: r.rates.late, color: COLORS.late, label: share(r.rates.late, r.received) },
            ]}
          />
          <table class="grid-table">
            <thead>
              <tr>
                <th>{c.line}</th>
                <th class="n">{c.count}</th>
                <th class="n">{c.ofReceived}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{c.direct}</td>
                <td class="n">{num(r.byChannel.direct)}</td>
                <td />
              </tr>
              <tr>
                <td>{c.online}</td>
                <td class="n">{num(r.byChannel.online)}</td>
                <td />
              </tr>
              <tr>
                <td>{c.postal}</td>
                <td class="n">{num(r.byChannel.postal)}</td>
                <td />
              </tr>
              <tr>
                <td>{c.early}</td>
                <td class="n">{num(r.resolvedEarly)}</td>
                <td class="n">{share(r.rates.early, r.received)}</td>
              </tr>
              <tr>
                <td>{c.onTime}</td>
                <td class="n">{num(r.resolvedOnTime)}</td>
                <td class="n">{share(r.rates.onTime, r.received)}</td>
              </tr>
              <tr>
                <td>{c.late}</td>
                <td class="n">{num(r.resolvedLate)}</td>
                <td class="n">{share(r.rates.late, r.received)}</td>
              </tr>
              <tr>
                <td>{c.pendingInTime}</td>
                <td class="n">{num(r.pendingInTime)}</td>
                <td class="n">{share(r.rates.pendingInTime, r.received)}</td>
              </tr>
              <tr>
                <td>{c.pendingOverdue}</td>
                <td class="n">{num(r.pendingOverdue)}</td>
                <td class="n">{share(r.rates.pendingOverdue, r.received)}</td>
              </tr>
              <tr>
                <td>{c.apologies}</td>
                <td class="n" data-testid="apologies">
                  {c.apologiesOf(r.apologies, past)}
                </td>
                <td />
              </tr>
            </tbody>
          </table>
          {breakdown.value && (
            <>
              <BreakdownTable title={c.byField} rows={breakdown.value.byField} />
              <BreakdownTable
                title={c.byClerk}
                rows={breakdown.value.byClerk.map((r) => (r.id === null ? { ...r, name: c.imported } : r))}
              />
            </>
          )}
          {resolved > 0 && (
            <p class="muted">
              {c.resolvedSplit}: {c.early.toLowerCase()} {pct(Math.round((r.resolvedEarly * 1000) / resolved) / 10)} ·{' '}
              {c.onTime.toLowerCase()} {pct(Math.round((r.resolvedOnTime * 1000) / resolved) / 10)} ·{' '}
              {c.late.toLowerCase()} {pct(Math.round((r.resolvedLate * 1000) / resolved) / 10)}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Decision 766: the groups the office's data computes, their score out of the maximum, and what it rests on. */
function Index766Section({ r }: { r: Index766Dto }) {
  const c = t().index766;
  return (
    <section class="card" aria-labelledby="i766-h" data-testid="index766">
      <h2 id="i766-h">{c.title}</h2>
      <p class="muted">{c.intro}</p>
      <Index766Table groups={r.groups} />
    </section>
  );
}

function BreakdownTable(props: { title: string; rows: Array<DossierReportDto & { name: string }> }) {
  const c = t().dossiers;
  return (
    <>
      <h3>{props.title}</h3>
      <table class="grid-table">
        <thead>
          <tr>
            <th>{t().queue.name}</th>
            <th class="n">{c.received}</th>
            <th class="n">{c.early}</th>
            <th class="n">{c.onTime}</th>
            <th class="n">{c.late}</th>
            <th class="n">{c.pendingInTime}</th>
            <th class="n">{c.pendingOverdue}</th>
            <th class="n">{c.withinDeadline}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td class="n">{num(r.received)}</td>
              <td class="n">{num(r.resolvedEarly)}</td>
              <td class="n">{num(r.resolvedOnTime)}</td>
              <td class="n">{num(r.resolvedLate)}</td>
              <td class="n">{num(r.pendingInTime)}</td>
              <td class="n">{num(r.pendingOverdue)}</td>
              <td class="n">{share(r.rates.withinDeadline, r.received)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function AtRiskList() {
  const c = t().dossiers;
  const list = atRisk.value ?? [];
  return (
    <section class="card" aria-labelledby="risk-h">
      <h2 id="risk-h">{c.atRisk}</h2>
      <p class="muted">{c.atRiskHint}</p>
      {list.length === 0 ? (
        <p>{c.noneAtRisk}</p>
      ) : (
        <table class="grid-table" data-testid="at-risk">
          <thead>
            <tr>
              <th>{c.code}</th>
              <th>{c.procedure}</th>
              <th>{c.applicant}</th>
              <th>{c.dueAt}</th>
              <th>{c.state}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id} class={d.risk}>
                <td>{d.code}</td>
                <td>{d.procedureName}</td>
                <td>{d.applicantName}</td>
                <td>{dmy(d.dueAt)}</td>
                <td>
                  <strong>{d.risk === 'overdue' ? c.overdue : c.dueSoon}</strong>
                  <br />
                  {d.apologyAt ? c.apologyIssued : c.apologyMissing}
                </td>
                <td class="actions">
                  <div class="acts">
                    <a
                      class="button"
                      href={officePath(`/api/dossiers/${d.id}/forms/control.html`)}
                      target="_blank"
                      rel="noopener"
                    >
                      {c.printControl}
                    </a>
                    {d.apologySlip && (
                      <a
                        class="button"
                        href={officePath(`/api/dossiers/${d.id}/forms/apology.html`)}
                        target="_blank"
                        rel="noopener"
                      >
                        {c.printApology}
                      </a>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Stats(props: { label: string; s: DurationStatsDto }) {
  const q = t().queue;
  return (
    <div class="big">
      <span class="label">{props.label}</span>
      <strong>{mins(props.s.mean)}</strong>
      <span class="sub">
        {q.median} {mins(props.s.median)} · {q.p90} {mins(props.s.p90)}
      </span>
    </div>
  );
}

function GroupTable(props: { title: string; rows: QueueGroupDto[] }) {
  const q = t().queue;
  return (
    <>
      <h3>{props.title}</h3>
      <table class="grid-table">
        <thead>
          <tr>
            <th>{q.name}</th>
            <th class="n">{q.issued}</th>
            <th class="n">{q.served}</th>
            <th class="n">{q.noShow}</th>
            <th class="n">
              {q.waiting} ({q.mean} / {q.p90})
            </th>
            <th class="n">
              {q.service} ({q.mean} / {q.p90})
            </th>
            <th class="n">{q.directCalls}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((g) => (
            <tr key={String(g.id)}>
              <td>{g.name}</td>
              <td class="n">{num(g.issued)}</td>
              <td class="n">{num(g.served)}</td>
              <td class="n">{num(g.noShow)}</td>
              <td class="n">
                {mins(g.waitingTime.mean)} / {mins(g.waitingTime.p90)}
              </td>
              <td class="n">
                {mins(g.serviceTime.mean)} / {mins(g.serviceTime.p90)}
              </td>
              <td class="n">{num(g.directCalls)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function QueueSection({ r }: { r: QueueReportDto }) {
  const q = t().queue;
  const used = r.byHour.filter((h) => h.issued > 0).map((h) => h.hour);
  const firstHour = Math.min(7, ...used);
  const lastHour = Math.max(17, ...used);
  const hours = r.byHour.filter((h) => h.hour >= firstHour && h.hour <= lastHour);
  // more than three months: one bar per month reads better than 300 thin ones
  const byMonth = r.byDay.length > 92;
  const dayGroups = new Map<string, { issued: number; served: number }>();
  for (const d of r.byDay) {
    const key = byMonth ? `${d.day.slice(5, 7)}/${d.day.slice(0, 4)}` : `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`;
    const g = dayGroups.get(key) ?? { issued: 0, served: 0 };
    g.issued += d.issued;
    g.served += d.served;
    dayGroups.set(key, g);
  }
  const chart = t().chart;
  return (
    <section class="card" aria-labelledby="queue-h">
      <h2 id="queue-h">{q.title}</h2>
      <div class="bigs">
        <Big label={q.issued} value={num(r.tickets.issued)} testId="tickets-issued" />
        <Big label={q.served} value={num(r.tickets.served)} />
        <Big label={q.noShow} value={num(r.tickets.noShow)} />
        <Stats label={q.waiting} s={r.waitingTime} />
        <Stats label={q.service} s={r.serviceTime} />
        <Big label={q.directCalls} value={num(r.directCalls)} sub={q.directCallsSub} testId="direct-calls" />
        <Big
          label={q.alerts}
          value={num(r.alerts.raised)}
          sub={q.alertsSub(num(r.alerts.acknowledged))}
          testId="alerts-raised"
        />
      </div>
      <div class="charts">
        <BarChart
          title={q.byHour}
          testId="chart-by-hour"
          labels={hours.map((h) => q.hour(h.hour))}
          series={[
            { name: chart.issued, color: COLORS.issued, values: hours.map((h) => h.issued) },
            { name: chart.served, color: COLORS.served, values: hours.map((h) => h.served) },
          ]}
          format={num}
        />
        <BarChart
          title={byMonth ? q.byMonth : q.byDay}
          testId="chart-by-day"
          labels={[...dayGroups.keys()]}
          series={[
            { name: chart.issued, color: COLORS.issued, values: [...dayGroups.values()].map((g) => g.issued) },
            { name: chart.served, color: COLORS.served, values: [...dayGroups.values()].map((g) => g.served) },
          ]}
          format={num}
        />
      </div>
      <GroupTable title={q.byField} rows={r.byField} />
      <GroupTable title={q.byCounter} rows={r.byCounter} />
      <GroupTable title={q.byClerk} rows={r.byClerk} />
    </section>
  );
}

/** The estimated wait announced at issue against the real wait: whether the office can trust it. */
function EstimateSection({ r }: { r: QueueReportDto }) {
  const c = t().estimates;
  const e = r.estimates;
  const pct = (v: number | null) => (v === null ? t().none : `${num(Math.round(v * 1000) / 10)}%`);
  const min = (v: number | null) => (v === null ? t().none : t().queue.minutes(num(v)));
  const row = (name: string, x: EstimateErrorDto, key: string) => (
    <tr key={key}>
      <td>{name}</td>
      <td class="n">{num(x.count)}</td>
      <td class="n">{min(x.meanAbsoluteError)}</td>
      <td class="n">{pct(x.within5Share)}</td>
      <td class="n">{min(x.meanError)}</td>
    </tr>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th class="n">{c.count}</th>
        <th class="n">{c.mae}</th>
        <th class="n">{c.within5}</th>
        <th class="n">{c.bias}</th>
      </tr>
    </thead>
  );
  return (
    <section class="card" aria-labelledby="est-h" data-testid="estimates">
      <h2 id="est-h">{c.title}</h2>
      <p class="muted">{c.explain}</p>
      <div class="bigs">
        <Big label={c.mae} value={min(e.meanAbsoluteError)} testId="estimate-mae" />
        <Big label={c.within5} value={pct(e.within5Share)} testId="estimate-within5" />
        <Big label={c.count} value={num(e.count)} />
      </div>
      <h3>{t().queue.byField}</h3>
      <table class="grid-table">
        {head(t().queue.name)}
        <tbody>{e.byField.map((f) => row(f.name, f, String(f.id)))}</tbody>
      </table>
      <h3>{c.byDay}</h3>
      <div class="scroll-table">
        <table class="grid-table">
          {head(c.day)}
          <tbody>
            {e.byDay.map((d) => row(`${d.day.slice(8, 10)}/${d.day.slice(5, 7)}/${d.day.slice(0, 4)}`, d, d.day))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SatisfactionSection({ r }: { r: QueueReportDto }) {
  const c = t().satisfaction;
  const s = r.satisfaction;
  const levels = ['4', '3', '2', '1'] as const;
  const color = { '4': COLORS.s4, '3': COLORS.s3, '2': COLORS.s2, '1': COLORS.s1 };
  return (
    <section class="card" aria-labelledby="sat-h">
      <h2 id="sat-h">{c.title}</h2>
      <div class="bigs">
        <Big
          label={c.satisfied}
          value={share(s.satisfied, s.answers)}
          sub={c.answers(num(s.answers), num(s.paperAnswers))}
          color={COLORS.s4}
          testId="satisfied"
        />
      </div>
      <ShareBar
        title={c.title}
        testId="chart-satisfaction"
        parts={levels.map((l) => ({
          name: c.levels[l],
          value: s.shares[l],
          color: color[l],
          label: `${share(s.shares[l], s.answers)} (${num(s.counts[l])})`,
        }))}
      />
      <table class="grid-table">
        <thead>
          <tr>
            <th>{c.where}</th>
            {levels.map((l) => (
              <th key={l} class="n">
                {c.levels[l]}
              </th>
            ))}
            <th class="n">{c.satisfied}</th>
          </tr>
        </thead>
        <tbody>
          {[...s.byCounter, ...s.byClerk].map((g, i) => (
            <tr key={`${i}-${String(g.id)}`}>
              <td>{g.name}</td>
              {levels.map((l) => (
                <td key={l} class="n">
                  {num(g.counts[l])}
                </td>
              ))}
              <td class="n">{share(g.satisfied, g.answers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PaperSlips />
    </section>
  );
}

function PaperSlips() {
  const c = t().satisfaction;
  const day = useSignal(period.value.to);
  const counts = useSignal<Record<'4' | '3' | '2' | '1', number>>({ '4': 0, '3': 0, '2': 0, '1': 0 });
  const msg = useSignal<string | null>(null);
  const counters = queue.value?.byCounter.filter((g) => g.id !== null) ?? [];
  const counterId = useSignal<number | null>(null);
  return (
    <details class="paper">
      <summary>{c.paperTitle}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          savePaperSlips({ day: day.value, counterId: counterId.value, counts: counts.value })
            .then((n) => {
              msg.value = c.paperSaved(n);
              counts.value = { '4': 0, '3': 0, '2': 0, '1': 0 };
            })
            .catch((err: Error) => (msg.value = err.message));
        }}
      >
        <label>
          {c.paperDay}
          <DateInput value={day.value} onDate={(d) => (day.value = d)} />
        </label>
        <label>
          {c.paperCounter}
          <select
            value={counterId.value ?? ''}
            onChange={(e) => (counterId.value = e.currentTarget.value ? Number(e.currentTarget.value) : null)}
          >
            <option value="">{c.anyCounter}</option>
            {counters.map((g) => (
              <option key={String(g.id)} value={g.id ?? ''}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        {(['4', '3', '2', '1'] as const).map((l) => (
          <label key={l}>
            {c.levels[l]}
            <input
              type="number"
              min={0}
              value={counts.value[l]}
              onInput={(e) => (counts.value = { ...counts.value, [l]: Number(e.currentTarget.value) || 0 })}
            />
          </label>
        ))}
        <button type="submit" class="primary">
          {c.paperSave}
        </button>
        {msg.value && <p role="status">{msg.value}</p>}
      </form>
    </details>
  );
}
