/**
 * Dossiers for the year generator (scripts/generate-year.ts), written
 * through the import's storage function so they are shaped exactly as
 * imported ones: received on working days in office hours, due from the
 * office calendar, mostly early, some on the due day, a few late (most of
 * those with an apology slip), the rest still open.
 */
import type { Database } from '../server/db/database';
import { upsertImportedDossiers, type ImportRow } from '../server/db/queries/dossier-reports';
import type { WorkingCalendar } from '../server/domain/calendar';
import { fromZonedWallClock } from '../server/domain/time';

const HOUR = 3_600_000;

export async function bulkInsertGeneratedDossiers(
  db: Database,
  rand: () => number,
  days: string[],
  cal: WorkingCalendar,
  procedures: Array<{ id: number; code: string; field_id: number; processing_days: number }>,
  total: number,
): Promise<number> {
  const fieldCodes = new Map(
    (await db.read((q) => q.all<{ id: number; code: string }>('SELECT id, code FROM fields'))).map((f) => [
      f.id,
      f.code,
    ]),
  );
  const end = fromZonedWallClock(days.at(-1)!, 17 * 60, cal.timeZone).getTime();
  const perDay = Math.ceil(total / days.length);
  const now = new Date(end);
  let written = 0;
  for (let di = 0; di < days.length && written < total; di++) {
    const day = days[di]!;
    const rows: ImportRow[] = [];
    for (let i = 0; i < perDay && written + rows.length < total; i++) {
      const p = procedures[Math.floor(rand() * procedures.length)]!;
      const minute = rand() < 0.55 ? 7 * 60 + 30 + rand() * 240 : 13 * 60 + 30 + rand() * 210;
      const receivedAt = fromZonedWallClock(day, minute, cal.timeZone);
      const dueAt = cal.dueDate(receivedAt, p.processing_days);
      const r = rand();
      const c = rand();
      const channel = c < 0.6 ? 'direct' : c < 0.9 ? 'online' : 'postal';
      let resolvedAt: Date | null = null;
      let apologyAt: Date | null = null;
      let newDueAt: Date | null = null;
      const span = Math.max(HOUR, dueAt.getTime() - receivedAt.getTime());
      if (r < 0.72) resolvedAt = new Date(receivedAt.getTime() + span * (0.2 + 0.6 * rand()));
      else if (r < 0.92) resolvedAt = new Date(dueAt.getTime() - rand() * HOUR);
      else if (r < 0.96) {
        resolvedAt = new Date(dueAt.getTime() + (1 + rand() * 5) * 24 * HOUR);
        if (rand() < 0.95) {
          apologyAt = new Date(dueAt.getTime() - 24 * HOUR);
          newDueAt = new Date(dueAt.getTime() + 7 * 24 * HOUR);
        }
      }
      if (resolvedAt && resolvedAt.getTime() > end) resolvedAt = null;
      const status = resolvedAt ? (rand() < 0.85 ? 'returned' : 'resolved') : r > 0.99 ? 'supplement' : 'processing';
      const returnedAt =
        status === 'returned' && resolvedAt ? new Date(resolvedAt.getTime() + rand() * 48 * HOUR) : null;
      rows.push({
        line: 0,
        code: `GEN-${day.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
        procedureCode: p.code,
        fieldCode: fieldCodes.get(p.field_id) ?? '',
        channel,
        receivedAt,
        dueAt,
        resolvedAt,
        returnedAt,
        status,
        apologyAt,
        newDueAt,
        returnChannel: returnedAt ? (channel === 'postal' ? 'postal' : 'counter') : null,
        resultElectronic: false,
        procedureId: p.id,
        procedureName: '',
        fieldId: p.field_id,
        processingAmount: p.processing_days,
        processingUnit: 'days',
      });
    }
    await db.tx((q) => upsertImportedDossiers(q, rows, now));
    written += rows.length;
  }
  return written;
}
