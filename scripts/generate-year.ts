/**
 * Generates a year of one busy office into a data dir, for the report
 * benchmark (`npm run bench`): the demo office, then ~500,000 tickets
 * (with waiting/service times, no-shows, ratings) over the working days of
 * 2025, and — when the dossier tables exist — ~200,000 dossiers.
 *
 *   npx tsx scripts/generate-year.ts <dataDir> [tickets] [dossiers]
 *
 * Deterministic (seeded PRNG), bulk inserts in one transaction per day.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Database, type Executor, type SqlParam } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemoOffice, isEmpty } from '../server/services/seed';
import { addDays, WorkingCalendar } from '../server/domain/calendar';
import { fromZonedWallClock } from '../server/domain/time';
import {
  addToHistory,
  errorFigures,
  simulateDay,
  type ServiceHistory,
  type SimDesk,
  type SimField,
  type SimTicket,
} from './simulate-day';

const TZ = 'Asia/Ho_Chi_Minh';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertMany(q: Executor, table: string, columns: string[], rows: SqlParam[][]): Promise<void> {
  const per = Math.floor(900 / columns.length); // SQLite's default limit on bound parameters is generous, stay modest
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
    await q.run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${placeholders}`, chunk.flat());
  }
}

export interface GenerateResult {
  tickets: number;
  ratings: number;
  dossiers: number;
  days: number;
  /** The estimate's error over the year: the rule before issue 16 and the server's now (minutes). */
  estimates: {
    before: { mae: number; within5: number; n: number };
    after: { mae: number; within5: number; n: number };
    desks: number;
  };
}

export async function generateYear(
  dataDir: string,
  opts: { tickets?: number; dossiers?: number; year?: number } = {},
): Promise<GenerateResult> {
  const totalTickets = opts.tickets ?? 500_000;
  const totalDossiers = opts.dossiers ?? 200_000;
  const year = opts.year ?? 2025;
  const rand = prng(2025);
  const db = await Database.open(join(dataDir, 'motcua.sqlite'));
  await migrate(db);
  if (await isEmpty(db)) {
    await seedDemoOffice(db, { demo: true, demoPassword: 'demo123', now: new Date(`${year}-01-01T00:00:00+07:00`) });
  }
  const meta = await db.read(async (q) => ({
    fields: await q.all<{
      id: number;
      prefix: string;
      numbering: string;
      range_start: number | null;
      avg_service_minutes: number;
    }>('SELECT id, prefix, numbering, range_start, avg_service_minutes FROM fields ORDER BY id'),
    counters: await q.all<{ id: number; clerk: number | null }>(
      `SELECT c.id, (SELECT s.id FROM staff s WHERE s.default_counter_id = c.id) AS clerk FROM counters c ORDER BY number`,
    ),
    counterFields: await q.all<{ counter_id: number; field_id: number }>(
      'SELECT counter_id, field_id FROM counter_fields ORDER BY counter_id, position',
    ),
    procedures: await q.all<{ id: number; code: string; field_id: number; processing_days: number }>(
      'SELECT id, code, field_id, processing_days FROM procedures',
    ),
    hasDossiers:
      (await q.get<{ n: number }>(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'dossiers'",
      ))!.n > 0,
  }));

  const cal = new WorkingCalendar();
  const days: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (cal.isWorkingDay(d)) days.push(d);
  const perDay = Math.ceil(totalTickets / days.length);

  // Desks: the office's counters (their fields in calling order), replicated so that the year's
  // tickets can be served (a busy office: ~2,000 a day); citizens choose fields in proportion to
  // the desks that call them first, so no field's queue grows without end.
  const templates = meta.counters.map((c) => ({
    counterId: c.id,
    clerkId: c.clerk,
    fieldIds: meta.counterFields.filter((cf) => cf.counter_id === c.id).map((cf) => cf.field_id),
  }));
  const avg = new Map(meta.fields.map((f) => [f.id, f.avg_service_minutes]));
  const pull = new Map<number, number>(meta.fields.map((f) => [f.id, 0]));
  for (const t of templates) {
    t.fieldIds.forEach((f, i) => pull.set(f, (pull.get(f) ?? 0) + (i === 0 ? 1 : 0.3) / (avg.get(f) ?? 10)));
  }
  const pullSum = [...pull.values()].reduce((a, b) => a + b, 0);
  const simFields: SimField[] = meta.fields.map((f) => ({
    id: f.id,
    avgServiceMinutes: f.avg_service_minutes,
    weight: (pull.get(f.id) ?? 0) / pullSum,
  }));
  const meanService = simFields.reduce((m, f) => m + f.weight * f.avgServiceMinutes, 0);
  // a desk works ~8 h; the morning peak runs slightly over capacity, so queues form and clear
  const replicas = Math.max(1, Math.ceil((perDay * meanService * 1.12) / (templates.length * 8 * 60 * 0.93)));
  const desks: SimDesk[] = Array.from({ length: replicas }, () => templates).flat();
  const history: ServiceHistory = new Map();
  const window: SimTicket[][] = [];
  const before: Array<[number, number]> = [];
  const after: Array<[number, number]> = [];

  let tickets = 0;
  let ratings = 0;
  for (const day of days) {
    const n = Math.min(perDay, totalTickets - tickets);
    if (n <= 0) break;
    const dayStart = fromZonedWallClock(day, 7 * 60, TZ).getTime();
    const seqs = new Map<number, number>();
    const ticketRows: SqlParam[][] = [];
    const ratingRows: SqlParam[][] = [];
    const simulated = simulateDay(rand, dayStart, n, simFields, desks, history);
    for (const t of simulated) {
      const field = meta.fields.find((f) => f.id === t.fieldId)!;
      const seq = (seqs.get(field.id) ?? 0) + 1;
      seqs.set(field.id, seq);
      const number =
        field.numbering === 'range'
          ? String((field.range_start ?? 1) + seq - 1)
          : `${field.prefix}${String(seq).padStart(3, '0')}`;
      const id = randomBytes(8).toString('hex');
      const status =
        t.finishedAt !== null
          ? 'finished'
          : t.skippedAt !== null
            ? 'skipped'
            : t.firstCalledAt !== null
              ? 'called'
              : 'waiting';
      const counter = t.desk ? { id: t.desk.counterId, clerk: t.desk.clerkId } : null;
      if (t.firstCalledAt !== null) {
        const wait = (t.firstCalledAt - t.issuedAt) / 60_000;
        before.push([t.baseline, wait]);
        after.push([t.estimate, wait]);
      }
      ticketRows.push([
        id,
        field.id,
        field.id,
        day,
        seq,
        number,
        t.priority ? 'elderly' : null,
        status,
        t.issuedAt,
        t.issuedAt,
        counter?.id ?? null,
        counter?.clerk ?? null,
        t.firstCalledAt,
        t.firstCalledAt,
        t.finishedAt,
        t.skippedAt,
        t.estimate,
      ]);
      if (status === 'finished' && counter && t.finishedAt !== null && rand() < 0.4) {
        const s = rand();
        const score = s < 0.55 ? 4 : s < 0.88 ? 3 : s < 0.97 ? 2 : 1;
        ratingRows.push([id, score, '[]', counter.id, counter.clerk, field.id, 'device', t.finishedAt + 20_000]);
      }
    }
    // the estimate's "same hour" history covers the last 28 working days, as the server's does
    addToHistory(history, simulated, 1);
    window.push(simulated);
    if (window.length > 28) addToHistory(history, window.shift()!, -1);
    await db.tx(async (q) => {
      await insertMany(
        q,
        'tickets',
        [
          'id',
          'origin_field_id',
          'field_id',
          'service_day',
          'seq',
          'number',
          'priority',
          'status',
          'issued_at',
          'queue_key',
          'counter_id',
          'clerk_id',
          'first_called_at',
          'called_at',
          'finished_at',
          'skipped_at',
          'estimated_wait_minutes',
        ],
        ticketRows,
      );
      await insertMany(
        q,
        'ratings',
        ['ticket_id', 'score', 'reasons', 'counter_id', 'clerk_id', 'field_id', 'source', 'created_at'],
        ratingRows,
      );
    });
    tickets += ticketRows.length;
    ratings += ratingRows.length;
  }

  const estimates = { before: errorFigures(before), after: errorFigures(after), desks: desks.length };

  let dossiers = 0;
  if (meta.hasDossiers && totalDossiers > 0) {
    dossiers = await generateDossiers(db, rand, days, cal, meta.procedures, totalDossiers);
  }
  await db.close();
  return { tickets, ratings, dossiers, days: days.length, estimates };
}

/**
 * Dossiers through the import service's table writer, so the generator
 * follows whatever columns the dossier table has (see server/db/queries/dossier-import.ts).
 */
async function generateDossiers(
  db: Database,
  rand: () => number,
  days: string[],
  cal: WorkingCalendar,
  procedures: Array<{ id: number; code: string; field_id: number; processing_days: number }>,
  total: number,
): Promise<number> {
  const { bulkInsertGeneratedDossiers } = await import('./generate-dossiers');
  return bulkInsertGeneratedDossiers(db, rand, days, cal, procedures, total);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx scripts/generate-year.ts <dataDir> [tickets] [dossiers]');
    process.exit(2);
  }
  const t0 = performance.now();
  const res = await generateYear(dir, {
    tickets: process.argv[3] ? Number(process.argv[3]) : undefined,
    dossiers: process.argv[4] ? Number(process.argv[4]) : undefined,
  });
  const { estimates: e, ...counts } = res;
  console.log(`generated ${JSON.stringify(counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const fig = (x: { mae: number; within5: number }) =>
    `mean absolute error ${x.mae.toFixed(2)} min, within ±5 min ${(x.within5 * 100).toFixed(1)}%`;
  console.log(`estimated wait over ${e.before.n} called tickets (${e.desks} desks):`);
  console.log(`  before (issue 16): ${fig(e.before)}`);
  console.log(`  now:               ${fig(e.after)}`);
}
