import type { Executor, SqlParam } from '../database';
import type { Ticket } from '../../domain/model';
import type { LiveTicket } from '../../domain/live-queue';

interface TicketRow {
  id: string;
  origin_field_id: number;
  field_id: number;
  service_day: string;
  seq: number;
  number: string;
  priority: Ticket['priority'];
  status: Ticket['status'];
  procedure_id: number | null;
  issued_at: number;
  queue_key: number;
  target_counter_id: number | null;
  counter_id: number | null;
  clerk_id: number | null;
  first_called_at: number | null;
  called_at: number | null;
  finished_at: number | null;
  skipped_at: number | null;
  recall_count: number;
  device_id: number | null;
  estimated_wait_minutes: number | null;
  direct_call: number;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const ms = (d: Date | null) => (d === null ? null : d.getTime());

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  originFieldId: r.origin_field_id,
  fieldId: r.field_id,
  serviceDay: r.service_day,
  seq: r.seq,
  number: r.number,
  priority: r.priority,
  status: r.status,
  procedureId: r.procedure_id,
  issuedAt: new Date(r.issued_at),
  queueKey: r.queue_key,
  targetCounterId: r.target_counter_id,
  counterId: r.counter_id,
  clerkId: r.clerk_id,
  firstCalledAt: date(r.first_called_at),
  calledAt: date(r.called_at),
  finishedAt: date(r.finished_at),
  skippedAt: date(r.skipped_at),
  recallCount: r.recall_count,
  deviceId: r.device_id,
  estimatedWaitMinutes: r.estimated_wait_minutes,
  directCall: r.direct_call === 1,
});

/** Next sequence number of a field's service day (run inside the issuing transaction). */
export async function nextTicketSeq(q: Executor, originFieldId: number, serviceDay: string): Promise<number> {
  const row = await q.get<{ maxSeq: number | null }>(
    'SELECT max(seq) AS maxSeq FROM tickets WHERE origin_field_id = ? AND service_day = ?',
    [originFieldId, serviceDay],
  );
  return (row?.maxSeq ?? 0) + 1;
}

export async function countIssued(q: Executor, serviceDay: string): Promise<Map<number, number>> {
  const rows = await q.all<{ fieldId: number; n: number }>(
    'SELECT origin_field_id AS fieldId, max(seq) AS n FROM tickets WHERE service_day = ? GROUP BY origin_field_id',
    [serviceDay],
  );
  return new Map(rows.map((r) => [r.fieldId, r.n]));
}

export async function findTicketByIdempotencyKey(
  q: Executor,
  serviceDay: string,
  key: string,
): Promise<Ticket | undefined> {
  const row = await q.get<TicketRow>('SELECT * FROM tickets WHERE service_day = ? AND idempotency_key = ?', [
    serviceDay,
    key,
  ]);
  return row && toTicket(row);
}

/** Inserts a ticket; returns its storage order (rowid), the live queue's tie-break. */
export async function insertTicket(q: Executor, t: Ticket, idempotencyKey: string | null): Promise<number> {
  const [rowid] = await insertTickets(q, [{ ...t, idempotencyKey }]);
  return rowid!;
}

/** Stores the mutable part of a ticket (status, place, who serves it). */
export async function updateTicket(q: Executor, t: Ticket): Promise<void> {
  await q.run(
    `UPDATE tickets SET field_id = ?, priority = ?, status = ?, target_counter_id = ?, counter_id = ?, clerk_id = ?,
       first_called_at = ?, called_at = ?, finished_at = ?, skipped_at = ?, recall_count = ?, direct_call = ? WHERE id = ?`,
    [
      t.fieldId,
      t.priority,
      t.status,
      t.targetCounterId,
      t.counterId,
      t.clerkId,
      ms(t.firstCalledAt),
      ms(t.calledAt),
      ms(t.finishedAt),
      ms(t.skippedAt),
      t.recallCount,
      t.directCall ? 1 : 0,
      t.id,
    ],
  );
}

export async function getTicket(q: Executor, id: string): Promise<Ticket | undefined> {
  const row = await q.get<TicketRow>('SELECT * FROM tickets WHERE id = ?', [id]);
  return row && toTicket(row);
}

/** All waiting tickets of a service day, in queue order. */
export async function listWaiting(q: Executor, serviceDay: string): Promise<Ticket[]> {
  const rows = await q.all<TicketRow>(
    "SELECT * FROM tickets WHERE service_day = ? AND status = 'waiting' ORDER BY queue_key, rowid",
    [serviceDay],
  );
  return rows.map(toTicket);
}

/** Waiting tickets a counter may call: its fields' common queue plus those sent to it by name. */
export async function listWaitingForCounter(
  q: Executor,
  serviceDay: string,
  fieldIds: readonly number[],
  counterId: number,
): Promise<Ticket[]> {
  const marks = fieldIds.map(() => '?').join(',') || 'NULL';
  const rows = await q.all<TicketRow>(
    `SELECT * FROM tickets WHERE service_day = ? AND status = 'waiting'
       AND ((target_counter_id IS NULL AND field_id IN (${marks})) OR target_counter_id = ?)
     ORDER BY queue_key, rowid`,
    [serviceDay, ...fieldIds, counterId],
  );
  return rows.map(toTicket);
}

/** Waiting tickets of some fields (all targets), in queue order. */
export async function listWaitingInFields(
  q: Executor,
  serviceDay: string,
  fieldIds: readonly number[],
): Promise<Ticket[]> {
  if (fieldIds.length === 0) return [];
  const marks = fieldIds.map(() => '?').join(',');
  const rows = await q.all<TicketRow>(
    `SELECT * FROM tickets WHERE service_day = ? AND status = 'waiting' AND field_id IN (${marks}) ORDER BY queue_key, rowid`,
    [serviceDay, ...fieldIds],
  );
  return rows.map(toTicket);
}

/** How many wait in each field now. */
export async function countWaiting(q: Executor, serviceDay: string): Promise<Map<number, number>> {
  const rows = await q.all<{ fieldId: number; n: number }>(
    "SELECT field_id AS fieldId, count(*) AS n FROM tickets WHERE service_day = ? AND status = 'waiting' GROUP BY field_id",
    [serviceDay],
  );
  return new Map(rows.map((r) => [r.fieldId, r.n]));
}

/** Skipped (no-show) tickets of the day that a counter may call back. */
export async function listSkipped(q: Executor, serviceDay: string): Promise<Ticket[]> {
  const rows = await q.all<TicketRow>(
    "SELECT * FROM tickets WHERE service_day = ? AND status = 'skipped' ORDER BY skipped_at DESC",
    [serviceDay],
  );
  return rows.map(toTicket);
}

/** The last calls of the day (for the board), newest first. */
export async function listRecentCalls(q: Executor, serviceDay: string, limit: number): Promise<Ticket[]> {
  const rows = await q.all<TicketRow>(
    `SELECT * FROM tickets WHERE service_day = ? AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT ?`,
    [serviceDay, limit],
  );
  return rows.map(toTicket);
}

/** Minutes of the most recent services of a field today (first call → finish). */
export async function recentServiceMinutes(
  q: Executor,
  fieldId: number,
  serviceDay: string,
  limit = 10,
): Promise<number[]> {
  const rows = await q.all<{ minutes: number }>(
    `SELECT (finished_at - first_called_at) / 60000.0 AS minutes FROM tickets
     WHERE field_id = ? AND service_day = ? AND status = 'finished' AND first_called_at IS NOT NULL
     ORDER BY finished_at DESC LIMIT ?`,
    [fieldId, serviceDay, limit],
  );
  return rows.map((r) => r.minutes);
}

export interface ClerkDayStats {
  served: number;
  skipped: number;
  avgServiceMinutes: number | null;
}

export async function clerkDayStats(q: Executor, clerkId: number, serviceDay: string): Promise<ClerkDayStats> {
  const row = await q.get<{ served: number; skipped: number; avg: number | null }>(
    `SELECT sum(status = 'finished') AS served, sum(status = 'skipped') AS skipped,
       avg(CASE WHEN status = 'finished' THEN (finished_at - first_called_at) / 60000.0 END) AS avg
     FROM tickets WHERE clerk_id = ? AND service_day = ?`,
    [clerkId, serviceDay],
  );
  return { served: row?.served ?? 0, skipped: row?.skipped ?? 0, avgServiceMinutes: row?.avg ?? null };
}

export async function insertTicketEvent(
  q: Executor,
  e: { ticketId: string; at: Date; kind: string; counterId: number | null; clerkId: number | null; data?: unknown },
): Promise<void> {
  await q.run('INSERT INTO ticket_events (ticket_id, at, kind, counter_id, clerk_id, data) VALUES (?, ?, ?, ?, ?, ?)', [
    e.ticketId,
    e.at.getTime(),
    e.kind,
    e.counterId,
    e.clerkId,
    e.data === undefined ? null : JSON.stringify(e.data),
  ]);
}

/**
 * What the live queue is built from: the day's tickets (any status) with
 * their storage order and idempotency key, and the tickets of other days
 * still current at a counter.
 */
export async function listLiveTickets(q: Executor, serviceDay: string): Promise<LiveTicket[]> {
  const rows = await q.all<TicketRow & { row_order: number; idempotency_key: string | null }>(
    `SELECT rowid AS row_order, * FROM tickets WHERE service_day = ?
     UNION ALL
     SELECT rowid AS row_order, * FROM tickets
       WHERE service_day <> ? AND id IN (SELECT current_ticket_id FROM counters WHERE current_ticket_id IS NOT NULL)
     ORDER BY row_order`,
    [serviceDay, serviceDay],
  );
  return rows.map((r) => ({ ...toTicket(r), rowid: r.row_order, idempotencyKey: r.idempotency_key }));
}

/** Rows per multi-row statement (SQLite allows 32,766 parameters; a ticket has 23). */
const ROWS_PER_STATEMENT = 400;

function chunks<T>(xs: readonly T[], n = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

const TICKET_COLUMNS = `id, origin_field_id, field_id, service_day, seq, number, priority, status, procedure_id,
  issued_at, queue_key, target_counter_id, counter_id, clerk_id, first_called_at, called_at, finished_at,
  skipped_at, recall_count, device_id, idempotency_key, estimated_wait_minutes, direct_call`;

function ticketValues(t: Ticket & { idempotencyKey: string | null }): SqlParam[] {
  return [
    t.id,
    t.originFieldId,
    t.fieldId,
    t.serviceDay,
    t.seq,
    t.number,
    t.priority,
    t.status,
    t.procedureId,
    t.issuedAt.getTime(),
    t.queueKey,
    t.targetCounterId,
    t.counterId,
    t.clerkId,
    ms(t.firstCalledAt),
    ms(t.calledAt),
    ms(t.finishedAt),
    ms(t.skippedAt),
    t.recallCount,
    t.deviceId,
    t.idempotencyKey,
    t.estimatedWaitMinutes,
    t.directCall ? 1 : 0,
  ];
}

const marks = (n: number) => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/**
 * Inserts new tickets in one statement per 400; returns their rowids, in
 * order (SQLite gives each inserted row the next rowid: one larger than the
 * largest, so a multi-row insert numbers its rows in VALUES order;
 * PostgreSQL returns its `rowid` identity column for each row).
 */
export async function insertTickets(
  q: Executor,
  tickets: ReadonlyArray<Ticket & { idempotencyKey: string | null }>,
): Promise<number[]> {
  const rowids: number[] = [];
  for (const part of chunks(tickets)) {
    const res = await q.run(
      `INSERT INTO tickets (${TICKET_COLUMNS}) VALUES ${part.map(() => marks(23)).join(', ')}`,
      part.flatMap(ticketValues),
    );
    if (res.ids) rowids.push(...res.ids);
    else for (let i = 0; i < part.length; i++) rowids.push(res.lastID - part.length + 1 + i);
  }
  return rowids;
}

/** Stores the mutable part of several tickets in one statement per 400. */
export async function updateTickets(q: Executor, tickets: readonly Ticket[]): Promise<void> {
  for (const part of chunks(tickets)) {
    await q.run(
      `INSERT INTO tickets (${TICKET_COLUMNS}) VALUES ${part.map(() => marks(23)).join(', ')}
       ON CONFLICT(id) DO UPDATE SET field_id = excluded.field_id, priority = excluded.priority,
         status = excluded.status, target_counter_id = excluded.target_counter_id, counter_id = excluded.counter_id,
         clerk_id = excluded.clerk_id, first_called_at = excluded.first_called_at, called_at = excluded.called_at,
         finished_at = excluded.finished_at, skipped_at = excluded.skipped_at, recall_count = excluded.recall_count,
         direct_call = excluded.direct_call`,
      part.flatMap((t) => ticketValues({ ...t, idempotencyKey: null })),
    );
  }
}

export interface TicketEventRow {
  ticketId: string;
  at: Date;
  kind: string;
  counterId: number | null;
  clerkId: number | null;
  data?: unknown;
}

/** Several ticket events in one statement per 400, in order. */
export async function insertTicketEvents(q: Executor, events: readonly TicketEventRow[]): Promise<void> {
  for (const part of chunks(events)) {
    await q.run(
      `INSERT INTO ticket_events (ticket_id, at, kind, counter_id, clerk_id, data) VALUES ${part.map(() => marks(6)).join(', ')}`,
      part.flatMap((e) => [
        e.ticketId,
        e.at.getTime(),
        e.kind,
        e.counterId,
        e.clerkId,
        e.data === undefined ? null : JSON.stringify(e.data),
      ]),
    );
  }
}

/**
 * Mean service minutes (first call → finish) per field and hour of the
 * first call, over service days `from`–`to`: the estimate's "same hour on
 * past days" figure. `offsetMs` is the office's UTC offset.
 */
export async function serviceMinutesByFieldHour(
  q: Executor,
  from: string,
  to: string,
  offsetMs: number,
): Promise<Array<{ fieldId: number; hour: number; minutes: number; n: number }>> {
  return q.all(
    `SELECT field_id AS fieldId, (first_called_at + ?) / 3600000 % 24 AS hour,
            avg((finished_at - first_called_at) / 60000.0) AS minutes, count(*) AS n
       FROM tickets
      WHERE service_day BETWEEN ? AND ? AND status = 'finished' AND first_called_at IS NOT NULL
      GROUP BY field_id, hour`,
    [offsetMs, from, to],
  );
}
