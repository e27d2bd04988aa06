/** Dossiers for the year generator: filled in once the dossier tables exist. */
import type { Database } from '../server/db/database';
import type { WorkingCalendar } from '../server/domain/calendar';

export async function bulkInsertGeneratedDossiers(
  _db: Database,
  _rand: () => number,
  _days: string[],
  _cal: WorkingCalendar,
  _procedures: Array<{ id: number; code: string; field_id: number; processing_days: number }>,
  _total: number,
): Promise<number> {
  return 0;
}
