import type { Executor } from '../database';
import type { CalendarEdit } from '../../domain/calendar';

interface EditRow {
  year: number;
  date: string;
  kind: CalendarEdit['kind'];
  name: string | null;
}

/** Every year's edits, in order, grouped by year. */
export async function listCalendarEdits(q: Executor): Promise<Map<number, CalendarEdit[]>> {
  const rows = await q.all<EditRow>('SELECT year, date, kind, name FROM calendar_edits ORDER BY year, position');
  const out = new Map<number, CalendarEdit[]>();
  for (const r of rows) {
    const list = out.get(r.year) ?? [];
    list.push(r.name === null ? { date: r.date, kind: r.kind } : { date: r.date, kind: r.kind, name: r.name });
    out.set(r.year, list);
  }
  return out;
}

/** Replaces a year's edits with `edits`, in order. */
export async function replaceCalendarEdits(
  q: Executor,
  year: number,
  edits: CalendarEdit[],
  staffId: number | null,
  now: Date,
): Promise<void> {
  await q.run('DELETE FROM calendar_edits WHERE year = ?', [year]);
  for (const [i, e] of edits.entries()) {
    await q.run(
      'INSERT INTO calendar_edits (year, position, date, kind, name, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [year, i + 1, e.date, e.kind, e.name ?? null, staffId, now.getTime()],
    );
  }
}
