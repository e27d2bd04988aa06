/**
 * Report periods (DOMAIN.md §6): month, quarter, 6 months, year, calendar
 * or the Decree 09/2019 cut-off. Dependency-free so the reports page uses
 * the same rule as the server.
 */

const MS_PER_DAY = 86_400_000;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The civil date `n` days after a YYYY-MM-DD date. */
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) + n * MS_PER_DAY);
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function checkDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || addDays(date, 0) !== date) throw new RangeError(`not a date: ${date}`);
}

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** A report period, both days included. */
export interface Period {
  from: string;
  to: string;
}

/**
 * The period `index` (month 1–12, quarter 1–4, half 1–2, year: ignored) of
 * `year`. With `cutoff`, the government's reporting cut-off of Decree
 * 09/2019/NĐ-CP: from the 15th of the month before the period's first month
 * to the 14th of its last month (month 3 of 2026 → 2026-02-15 … 2026-03-14;
 * the year 2026 → 2025-12-15 … 2026-12-14). Without it, calendar periods.
 */
export function periodRange(kind: PeriodKind, year: number, index: number, cutoff = false): Period {
  let firstMonth: number;
  let lastMonth: number;
  switch (kind) {
    case 'month':
      if (!Number.isInteger(index) || index < 1 || index > 12) throw new RangeError(`month out of range: ${index}`);
      firstMonth = lastMonth = index;
      break;
    case 'quarter':
      if (!Number.isInteger(index) || index < 1 || index > 4) throw new RangeError(`quarter out of range: ${index}`);
      firstMonth = 3 * index - 2;
      lastMonth = 3 * index;
      break;
    case 'half':
      if (index !== 1 && index !== 2) throw new RangeError(`half out of range: ${index}`);
      firstMonth = index === 1 ? 1 : 7;
      lastMonth = index === 1 ? 6 : 12;
      break;
    case 'year':
      firstMonth = 1;
      lastMonth = 12;
      break;
  }
  if (cutoff) {
    const prevYear = firstMonth === 1 ? year - 1 : year;
    const prevMonth = firstMonth === 1 ? 12 : firstMonth - 1;
    return { from: formatDate(prevYear, prevMonth, 15), to: formatDate(year, lastMonth, 14) };
  }
  const nextFirst = lastMonth === 12 ? formatDate(year + 1, 1, 1) : formatDate(year, lastMonth + 1, 1);
  return { from: formatDate(year, firstMonth, 1), to: addDays(nextFirst, -1) };
}

/** Every civil day of a period, in order (for charts by day). */
export function daysOf(p: Period): string[] {
  checkDate(p.from);
  checkDate(p.to);
  const out: string[] = [];
  for (let d = p.from; d <= p.to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}
