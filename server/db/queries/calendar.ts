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

export interface OfficialCalendarRow {
  year: number;
  /** the imported file, JSON (validated on import) */
  content: string;
  importedAt: Date;
}

/** The official schedules the admin imported, by year. */
export async function listOfficialCalendars(q: Executor): Promise<Map<number, OfficialCalendarRow>> {
  const rows = await q.all<{ year: number; content: string; imported_at: number }>(
    'SELECT year, content, imported_at FROM official_calendars ORDER BY year',
  );
  return new Map(rows.map((r) => [r.year, { year: r.year, content: r.content, importedAt: new Date(r.imported_at) }]));
}

/** Stores (or replaces) the imported schedule of `year`. */
export async function putOfficialCalendar(
  q: Executor,
  year: number,
  content: string,
  staffId: number | null,
  now: Date,
): Promise<void> {
  await q.run(
    `INSERT INTO official_calendars (year, content, imported_by, imported_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (year) DO UPDATE SET content = excluded.content, imported_by = excluded.imported_by,
       imported_at = excluded.imported_at`,
    [year, content, staffId, now.getTime()],
  );
}

/** Drops the imported schedule of `year` (the shipped one, if any, applies again). */
export async function deleteOfficialCalendar(q: Executor, year: number): Promise<boolean> {
  return (await q.run('DELETE FROM official_calendars WHERE year = ?', [year])).changes > 0;
}
