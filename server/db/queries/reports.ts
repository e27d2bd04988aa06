/**
 * Report aggregates. Everything is grouped in SQL so that a year of one
 * busy office (500,000 tickets) comes back as a few thousand rows: counts
 * per (day, hour) and duration histograms per second, which the domain
 * (server/domain/reports.ts) turns into means and percentiles.
 *
 * Hours of day use the office's UTC offset passed in (`offsetMs`): Vietnam
 * has had no DST since 1975, so one offset holds for a whole period.
 */
import type { Executor } from '../database';

export interface TicketCountRow {
  day: string;
  hour: number;
  issued: number;
  served: number;
  noShow: number;
}

/** The UTC offset the hour index of migration 0005 is built for (Vietnam, no DST). */
const INDEXED_OFFSET_MS = 25_200_000;

/**
 * Tickets issued / served / no-show per service day and hour of issue, for
 * days `from`–`to`. On UTC+7 it walks `tickets_report_hour`; another offset
 * gets the same answer by sorting.
 */
export async function ticketCountsByDayHour(
  q: Executor,
  from: string,
  to: string,
  offsetMs: number,
): Promise<TicketCountRow[]> {
  if (offsetMs === INDEXED_OFFSET_MS) {
    return q.all<TicketCountRow>(
      `SELECT service_day AS day,
              (issued_at + 25200000) / 3600000 % 24 AS hour,
              count(*) AS issued,
              sum(status = 'finished') AS served,
              sum(status = 'skipped') AS noShow
         FROM tickets INDEXED BY tickets_report_hour
        WHERE service_day BETWEEN ? AND ?
        GROUP BY service_day, hour`,
      [from, to],
    );
  }
  return q.all<TicketCountRow>(
    `SELECT service_day AS day,
            (issued_at + ?) / 3600000 % 24 AS hour,
            count(*) AS issued,
            sum(status = 'finished') AS served,
            sum(status = 'skipped') AS noShow
       FROM tickets
      WHERE service_day BETWEEN ? AND ?
      GROUP BY day, hour`,
    [offsetMs, from, to],
  );
}

export interface GroupCountRow {
  fieldId: number;
  counterId: number | null;
  clerkId: number | null;
  issued: number;
  served: number;
  noShow: number;
  directCalls: number;
}

/** The same counts per (field, counter, clerk) of the ticket's last service. */
export async function ticketCountsByGroup(q: Executor, from: string, to: string): Promise<GroupCountRow[]> {
  return q.all<GroupCountRow>(
    `SELECT field_id AS fieldId, counter_id AS counterId, clerk_id AS clerkId,
            count(*) AS issued,
            sum(status = 'finished') AS served,
            sum(status = 'skipped') AS noShow,
            sum(direct_call) AS directCalls
       FROM tickets INDEXED BY tickets_report_group
      WHERE service_day BETWEEN ? AND ?
      GROUP BY field_id, counter_id, clerk_id`,
    [from, to],
  );
}

export interface DurationBucketRow {
  fieldId: number;
  counterId: number | null;
  clerkId: number | null;
  /** whole seconds */
  value: number;
  count: number;
}

/**
 * Waiting time (issue → first call) of every called ticket, as a histogram
 * by whole second per (field, counter, clerk), in index order (not sorted by value).
 */
export async function waitingHistogram(q: Executor, from: string, to: string): Promise<DurationBucketRow[]> {
  return q.all<DurationBucketRow>(
    `SELECT field_id AS fieldId, counter_id AS counterId, clerk_id AS clerkId,
            (first_called_at - issued_at) / 1000 AS value, count(*) AS count
       FROM tickets INDEXED BY tickets_report_wait
      WHERE service_day BETWEEN ? AND ? AND first_called_at IS NOT NULL
      GROUP BY counter_id, clerk_id, field_id, value`,
    [from, to],
  );
}

/** Service time (last call → finish) of every finished ticket, histogram by whole second. */
export async function serviceHistogram(q: Executor, from: string, to: string): Promise<DurationBucketRow[]> {
  return q.all<DurationBucketRow>(
    `SELECT field_id AS fieldId, counter_id AS counterId, clerk_id AS clerkId,
            (finished_at - called_at) / 1000 AS value, count(*) AS count
       FROM tickets INDEXED BY tickets_report_service
      WHERE service_day BETWEEN ? AND ? AND status = 'finished' AND called_at IS NOT NULL AND finished_at IS NOT NULL
      GROUP BY counter_id, clerk_id, field_id, value`,
    [from, to],
  );
}

export interface ScoreRow {
  counterId: number | null;
  clerkId: number | null;
  score: 1 | 2 | 3 | 4;
  paper: 0 | 1;
  count: number;
}

/**
 * Satisfaction answers per (counter, clerk, score), electronic ones by the
 * instant rated (`fromMs` ≤ created_at < `toMs`) and paper slips by the day
 * they are for, marked `paper = 1`.
 */
export async function scoreCounts(
  q: Executor,
  fromMs: number,
  toMs: number,
  from: string,
  to: string,
): Promise<ScoreRow[]> {
  return q.all<ScoreRow>(
    `SELECT counter_id AS counterId, clerk_id AS clerkId, score, 0 AS paper, count(*) AS count
       FROM ratings INDEXED BY ratings_report
      WHERE created_at >= ? AND created_at < ? AND source <> 'paper'
      GROUP BY counter_id, clerk_id, score
     UNION ALL
     SELECT counter_id AS counterId, clerk_id AS clerkId, score, 1 AS paper, sum(count) AS count
       FROM paper_ratings
      WHERE day BETWEEN ? AND ?
      GROUP BY counterId, clerkId, score`,
    [fromMs, toMs, from, to],
  );
}

export interface PaperRatingInsert {
  day: string;
  score: number;
  count: number;
  counterId: number | null;
  clerkId: number | null;
  fieldId: number | null;
  enteredBy: number;
}

export async function insertPaperRating(q: Executor, r: PaperRatingInsert, now: Date): Promise<number> {
  const res = await q.run(
    `INSERT INTO paper_ratings (day, score, count, counter_id, clerk_id, field_id, entered_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.day, r.score, r.count, r.counterId, r.clerkId, r.fieldId, r.enteredBy, now.getTime()],
  );
  return res.lastID;
}

export interface NameRow {
  id: number;
  name: string;
  number?: number;
}

export async function fieldNames(q: Executor): Promise<NameRow[]> {
  return q.all<NameRow>('SELECT id, name FROM fields ORDER BY sort_order, id');
}

export async function counterNames(q: Executor): Promise<NameRow[]> {
  return q.all<NameRow>('SELECT id, name, number FROM counters ORDER BY number');
}

export async function clerkNames(q: Executor): Promise<NameRow[]> {
  return q.all<NameRow>('SELECT id, full_name AS name FROM staff ORDER BY id');
}

export async function fieldNamesByCode(q: Executor): Promise<Array<{ code: string; name: string }>> {
  return q.all('SELECT code, name FROM fields ORDER BY sort_order, id');
}

export interface EstimateErrorRow {
  day: string;
  fieldId: number;
  /** Called tickets that had an estimate. */
  n: number;
  /** Σ |estimate − real wait| in minutes. */
  absSum: number;
  /** Σ (estimate − real wait): positive when the estimates were too long. */
  errSum: number;
  /** How many were within ±5 minutes. */
  within5: number;
}

/** The estimate announced at issue against the real wait (issue → first call), per service day and field. */
export async function estimateErrors(q: Executor, from: string, to: string): Promise<EstimateErrorRow[]> {
  return q.all<EstimateErrorRow>(
    `SELECT day, fieldId, count(*) AS n, sum(abs(err)) AS absSum, sum(err) AS errSum, sum(abs(err) <= 5) AS within5
       FROM (SELECT service_day AS day, field_id AS fieldId,
                    estimated_wait_minutes - (first_called_at - issued_at) / 60000.0 AS err
               FROM tickets INDEXED BY tickets_report_estimate
              WHERE service_day BETWEEN ? AND ? AND estimated_wait_minutes IS NOT NULL AND first_called_at IS NOT NULL) AS e
      GROUP BY day, fieldId`,
    [from, to],
  );
}
