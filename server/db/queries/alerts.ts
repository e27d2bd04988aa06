/** The hall's alert log (migration 0009): raised once, cleared when resolved, acknowledged by a person. */
import type { Executor } from '../database';
import type { AlertKind } from '../../domain/hall';

export interface AlertRow {
  id: number;
  kind: AlertKind;
  subject: string;
  serviceDay: string;
  fieldId: number | null;
  counterId: number | null;
  ticketId: string | null;
  raisedAt: Date;
  clearedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  detail: Record<string, string | number | null>;
}

interface Row {
  id: number;
  kind: AlertKind;
  subject: string;
  service_day: string;
  field_id: number | null;
  counter_id: number | null;
  ticket_id: string | null;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: number | null;
  detail: string;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

const toAlert = (r: Row): AlertRow => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  serviceDay: r.service_day,
  fieldId: r.field_id,
  counterId: r.counter_id,
  ticketId: r.ticket_id,
  raisedAt: new Date(r.raised_at),
  clearedAt: date(r.cleared_at),
  acknowledgedAt: date(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  detail: JSON.parse(r.detail) as AlertRow['detail'],
});

/** Alerts not cleared yet (any day: the hall service clears yesterday's at start). */
export async function listOpenAlerts(q: Executor): Promise<AlertRow[]> {
  return (await q.all<Row>('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY id')).map(toAlert);
}

export async function getAlert(q: Executor, id: number): Promise<AlertRow | undefined> {
  const row = await q.get<Row>('SELECT * FROM alerts WHERE id = ?', [id]);
  return row && toAlert(row);
}

/** Alerts of some service days, newest first (the log the reports count). */
export async function listAlerts(q: Executor, from: string, to: string, limit = 500): Promise<AlertRow[]> {
  return (
    await q.all<Row>(
      'SELECT * FROM alerts WHERE service_day BETWEEN ? AND ? ORDER BY raised_at DESC, id DESC LIMIT ?',
      [from, to, limit],
    )
  ).map(toAlert);
}

export async function insertAlert(q: Executor, a: Omit<AlertRow, 'id'>): Promise<number> {
  const res = await q.run(
    `INSERT INTO alerts (kind, subject, service_day, field_id, counter_id, ticket_id, raised_at, cleared_at,
       acknowledged_at, acknowledged_by, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      a.kind,
      a.subject,
      a.serviceDay,
      a.fieldId,
      a.counterId,
      a.ticketId,
      a.raisedAt.getTime(),
      a.clearedAt?.getTime() ?? null,
      a.acknowledgedAt?.getTime() ?? null,
      a.acknowledgedBy,
      JSON.stringify(a.detail),
    ],
  );
  return res.lastID;
}

export async function clearAlert(q: Executor, id: number, at: Date): Promise<void> {
  await q.run('UPDATE alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL', [at.getTime(), id]);
}

export async function acknowledgeAlert(q: Executor, id: number, by: number, at: Date): Promise<void> {
  await q.run('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL', [
    at.getTime(),
    by,
    id,
  ]);
}

export interface AlertCountRow {
  day: string;
  kind: AlertKind;
  raised: number;
  acknowledged: number;
  /** Mean minutes from raised to cleared, of those cleared. */
  meanOpenMinutes: number | null;
}

/** Alerts per service day and kind (the queue report's alert table). */
export async function alertCounts(q: Executor, from: string, to: string): Promise<AlertCountRow[]> {
  return q.all<AlertCountRow>(
    `SELECT service_day AS day, kind, count(*) AS raised, count(acknowledged_at) AS acknowledged,
            avg(CASE WHEN cleared_at IS NOT NULL THEN (cleared_at - raised_at) / 60000.0 END) AS meanOpenMinutes
       FROM alerts WHERE service_day BETWEEN ? AND ? GROUP BY service_day, kind ORDER BY service_day, kind`,
    [from, to],
  );
}

/** Ratings given between two instants: how many of each score (the hall's satisfaction today). */
export async function scoreCountsBetween(q: Executor, fromMs: number, toMs: number): Promise<Map<number, number>> {
  const rows = await q.all<{ score: number; n: number }>(
    'SELECT score, count(*) AS n FROM ratings WHERE created_at >= ? AND created_at < ? GROUP BY score',
    [fromMs, toMs],
  );
  return new Map(rows.map((r) => [r.score, r.n]));
}
