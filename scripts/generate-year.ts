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
    fields: await q.all<{ id: number; prefix: string; numbering: string; range_start: number | null }>(
      'SELECT id, prefix, numbering, range_start FROM fields ORDER BY id',
    ),
    counters: await q.all<{ id: number; clerk: number | null }>(
      `SELECT c.id, (SELECT s.id FROM staff s WHERE s.default_counter_id = c.id) AS clerk FROM counters c ORDER BY number`,
    ),
    counterFields: await q.all<{ counter_id: number; field_id: number }>(
      'SELECT counter_id, field_id FROM counter_fields',
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

  const countersFor = new Map<number, Array<{ id: number; clerk: number | null }>>();
  for (const cf of meta.counterFields) {
    const c = meta.counters.find((x) => x.id === cf.counter_id);
    if (!c) continue;
    const list = countersFor.get(cf.field_id) ?? [];
    list.push(c);
    countersFor.set(cf.field_id, list);
  }
  // arrivals by minute after 07:00: a morning peak and a smaller afternoon one
  const arrivalMinute = (): number => {
    const morning = rand() < 0.65;
    const base = morning ? 30 + rand() * 240 : 390 + rand() * 210;
    return Math.floor(base);
  };

  let tickets = 0;
  let ratings = 0;
  for (const day of days) {
    const n = Math.min(perDay, totalTickets - tickets);
    if (n <= 0) break;
    const dayStart = fromZonedWallClock(day, 7 * 60, TZ).getTime();
    const seqs = new Map<number, number>();
    const ticketRows: SqlParam[][] = [];
    const ratingRows: SqlParam[][] = [];
    const arrivals = Array.from({ length: n }, arrivalMinute).sort((a, b) => a - b);
    for (const minute of arrivals) {
      const field = meta.fields[Math.floor(rand() * meta.fields.length)]!;
      const seq = (seqs.get(field.id) ?? 0) + 1;
      seqs.set(field.id, seq);
      const number =
        field.numbering === 'range'
          ? String((field.range_start ?? 1) + seq - 1)
          : `${field.prefix}${String(seq).padStart(3, '0')}`;
      const issuedAt = dayStart + minute * 60_000 + Math.floor(rand() * 60_000);
      const counters = countersFor.get(field.id) ?? meta.counters;
      const counter = counters[Math.floor(rand() * counters.length)]!;
      const r = rand();
      const wait = Math.floor(60_000 + rand() * rand() * 3_000_000);
      const service = Math.floor(120_000 + rand() * rand() * 1_500_000);
      const id = randomBytes(8).toString('hex');
      let status = 'finished';
      let firstCalled: number | null = issuedAt + wait;
      let finished: number | null = firstCalled + service;
      let skipped: number | null = null;
      if (r < 0.06) {
        status = 'skipped';
        finished = null;
        skipped = firstCalled + 120_000;
      } else if (r < 0.065) {
        status = 'waiting';
        firstCalled = null;
        finished = null;
      }
      ticketRows.push([
        id,
        field.id,
        field.id,
        day,
        seq,
        number,
        null,
        status,
        issuedAt,
        issuedAt,
        firstCalled === null ? null : counter.id,
        firstCalled === null ? null : counter.clerk,
        firstCalled,
        firstCalled,
        finished,
        skipped,
      ]);
      if (status === 'finished' && finished !== null && rand() < 0.4) {
        const s = rand();
        const score = s < 0.55 ? 4 : s < 0.88 ? 3 : s < 0.97 ? 2 : 1;
        ratingRows.push([id, score, '[]', counter.id, counter.clerk, field.id, 'device', finished + 20_000]);
      }
    }
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

  let dossiers = 0;
  if (meta.hasDossiers && totalDossiers > 0) {
    dossiers = await generateDossiers(db, rand, days, cal, meta.procedures, totalDossiers);
  }
  await db.close();
  return { tickets, ratings, dossiers, days: days.length };
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
  console.log(`generated ${JSON.stringify(res)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
