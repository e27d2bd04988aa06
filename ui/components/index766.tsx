/**
 * Decision 766/QĐ-TTg's groups as the staff pages show them: one office's
 * groups in detail (the reports page), and several offices' scores side by
 * side (the province page). The pages give the section its title and intro;
 * the Decision's words are the same on both, so they live here.
 */
import type { Index766Dto } from '@protocol/reports';
import { lang, makeT } from '../i18n';
import { en } from './index766-en';
import { vi } from './index766-vi';
import './index766.css';

type Group = Index766Dto['groups'][number];

const t = makeT({ vi, en });

const locale = () => (lang.value === 'vi' ? 'vi-VN' : 'en-GB');
const num = (n: number) => new Intl.NumberFormat(locale()).format(n);
const score = (v: number | null) =>
  v === null
    ? t().none
    : new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
/** A ratio 0–1 as "92,5%" (one decimal, as the reports' percentages). */
const ratio = (v: number | null) =>
  v === null
    ? t().none
    : `${new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round(v * 1000) / 10)}%`;
const groupName = (g: { key: string; name: string }) => t().names[g.key] ?? g.name;

/** One office's groups: score out of the maximum, ratio, and what it rests on; a group's parts indented under it. */
export function Index766Table(props: { groups: Group[] }) {
  const c = t();
  const rows = props.groups.flatMap((g) => [
    { key: g.key, name: groupName(g), g, sub: false },
    ...(g.parts ?? []).map((p) => ({
      key: `${g.key}.${p.key}`,
      name: c.parts[p.key] ?? p.name,
      g: { ...p, computable: true, note: '' },
      sub: true,
    })),
  ]);
  return (
    <table class="grid-table i766">
      <thead>
        <tr>
          <th>{c.group}</th>
          <th class="n">{c.score}</th>
          <th class="n">{c.ratio}</th>
          <th class="n">{c.basis}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, g, sub }) => (
          <tr key={key} class={g.computable ? '' : 'muted'} data-testid={`i766-${key}`}>
            <td class={sub ? 'sub' : ''}>
              {name}
              {!g.computable && <small class="block">{c.notComputable}</small>}
            </td>
            <td class="n">{g.computable ? c.outOf(score(g.score), score(g.max)) : c.none}</td>
            <td class="n">{ratio(g.ratio)}</td>
            <td class="n">
              {g.numerator === null || g.denominator === null ? c.none : `${num(g.numerator)} / ${num(g.denominator)}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface Index766Row {
  key: string;
  name: string;
  groups: Group[];
  /** the row that adds up the others (bold) */
  total?: boolean;
}

/**
 * Several offices' groups side by side: one row per office, one column per
 * group an office's data computes (its score, the ratio under it); the groups
 * that need the national portal's data are named under the table.
 */
export function Index766Compare(props: { rows: Index766Row[]; first: string; testId?: string }) {
  const c = t();
  const groups = props.rows[0]?.groups ?? [];
  const shown = groups.filter((g) => g.computable);
  const missing = groups.filter((g) => !g.computable);
  return (
    <>
      <div class="table-scroll">
        <table class="grid-table i766 i766-compare" data-testid={props.testId}>
          <colgroup>
            <col class="first" />
            {shown.map((g) => (
              <col key={g.key} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th>{props.first}</th>
              {shown.map((g) => (
                <th key={g.key} class="n">
                  {groupName(g)}
                  <small class="block">{c.max(num(g.max))}</small>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key} class={row.total ? 'total' : ''} data-testid={`i766-row-${row.key}`}>
                <td>{row.name}</td>
                {shown.map((s) => {
                  const g = row.groups.find((x) => x.key === s.key);
                  return (
                    <td
                      key={s.key}
                      class="n"
                      data-testid={`i766-${s.key}`}
                      title={
                        g && g.numerator !== null && g.denominator !== null
                          ? `${c.basis}: ${num(g.numerator)} / ${num(g.denominator)}`
                          : undefined
                      }
                    >
                      {score(g?.score ?? null)}
                      {g && g.ratio !== null && <small class="block">{ratio(g.ratio)}</small>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && <p class="muted">{c.notComputableGroups(missing.map(groupName).join('; '))}</p>}
    </>
  );
}
