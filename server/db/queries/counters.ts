import type { Executor } from '../database';
import type { Counter } from '../../domain/model';

interface CounterRow {
  id: number;
  number: number;
  name: string;
  status: Counter['status'];
  clerk_id: number | null;
  pause_reason: string | null;
  current_ticket_id: string | null;
  priority_streak: number;
  status_changed_at: number | null;
  field_ids: string | null;
}

const selectCounter = (q: Executor) => `
  SELECT c.*, ${q.dialect.groupConcat('field_id', 'counter_fields cf WHERE cf.counter_id = c.id', 'position')} AS field_ids
  FROM counters c`;

const toCounter = (r: CounterRow): Counter => ({
  id: r.id,
  number: r.number,
  name: r.name,
  status: r.status,
  clerkId: r.clerk_id,
  pauseReason: r.pause_reason,
  currentTicketId: r.current_ticket_id,
  priorityStreak: r.priority_streak,
  fieldIds: r.field_ids ? r.field_ids.split(',').map(Number) : [],
  statusSince: r.status_changed_at === null ? null : new Date(r.status_changed_at),
});

export async function listCounters(q: Executor): Promise<Counter[]> {
  return (await q.all<CounterRow>(`${selectCounter(q)} ORDER BY c.number`)).map(toCounter);
}

export async function getCounter(q: Executor, id: number): Promise<Counter | undefined> {
  const row = await q.get<CounterRow>(`${selectCounter(q)} WHERE c.id = ?`, [id]);
  return row && toCounter(row);
}

export async function getCounterByClerk(q: Executor, clerkId: number): Promise<Counter | undefined> {
  const row = await q.get<CounterRow>(`${selectCounter(q)} WHERE c.clerk_id = ?`, [clerkId]);
  return row && toCounter(row);
}

export async function insertCounter(
  q: Executor,
  c: { number: number; name: string; fieldIds: number[] },
): Promise<number> {
  const res = await q.run('INSERT INTO counters (number, name) VALUES (?, ?)', [c.number, c.name]);
  await setCounterFields(q, res.lastID, c.fieldIds);
  return res.lastID;
}

export async function setCounterFields(q: Executor, counterId: number, fieldIds: number[]): Promise<void> {
  await q.run('DELETE FROM counter_fields WHERE counter_id = ?', [counterId]);
  for (const [position, fieldId] of fieldIds.entries()) {
    await q.run('INSERT INTO counter_fields (counter_id, field_id, position) VALUES (?, ?, ?)', [
      counterId,
      fieldId,
      position,
    ]);
  }
}

/** Stores a counter's queue state (status, clerk, current ticket, streak). */
export async function updateCounterState(
  q: Executor,
  c: Pick<Counter, 'id' | 'status' | 'clerkId' | 'pauseReason' | 'currentTicketId' | 'priorityStreak'>,
  now: Date,
): Promise<void> {
  await q.run(
    `UPDATE counters SET status = ?, clerk_id = ?, pause_reason = ?, current_ticket_id = ?, priority_streak = ?,
       status_changed_at = ? WHERE id = ?`,
    [c.status, c.clerkId, c.pauseReason, c.currentTicketId, c.priorityStreak, now.getTime(), c.id],
  );
}

export async function getCounterByNumber(q: Executor, number: number): Promise<Counter | undefined> {
  const row = await q.get<CounterRow>(`${selectCounter(q)} WHERE c.number = ?`, [number]);
  return row && toCounter(row);
}

export async function updateCounterInfo(q: Executor, id: number, c: { number: number; name: string }): Promise<void> {
  await q.run('UPDATE counters SET number = ?, name = ? WHERE id = ?', [c.number, c.name, id]);
}

/**
 * Stores the queue state of several counters in two statements (the time
 * stored is when the status last changed: `statusSince`, else `changedAt`): their
 * clerks are cleared first, so a clerk moving between two of them never
 * meets "one clerk, one counter" half way.
 */
export async function updateCounterStates(
  q: Executor,
  counters: ReadonlyArray<{ counter: Counter; changedAt: Date }>,
): Promise<void> {
  if (counters.length === 0) return;
  const ids = counters.map((c) => c.counter.id);
  await q.run(`UPDATE counters SET clerk_id = NULL WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  await q.run(
    `INSERT INTO counters (id, number, name, status, clerk_id, pause_reason, current_ticket_id, priority_streak,
       status_changed_at) VALUES ${counters.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, clerk_id = excluded.clerk_id,
       pause_reason = excluded.pause_reason, current_ticket_id = excluded.current_ticket_id,
       priority_streak = excluded.priority_streak, status_changed_at = excluded.status_changed_at`,
    counters.flatMap(({ counter: c, changedAt }) => [
      c.id,
      c.number,
      c.name,
      c.status,
      c.clerkId,
      c.pauseReason,
      c.currentTicketId,
      c.priorityStreak,
      (c.statusSince ?? changedAt).getTime(),
    ]),
  );
}
