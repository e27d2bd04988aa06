import type { Executor } from '../database';

export interface RatingInsert {
  ticketId: string;
  score: number;
  reasons: string[];
  comment: string | null;
  counterId: number | null;
  clerkId: number | null;
  fieldId: number | null;
  source: 'device' | 'kiosk' | 'ticket' | 'staff' | 'paper';
}

export async function insertRating(q: Executor, r: RatingInsert, now: Date): Promise<number> {
  const res = await q.run(
    `INSERT INTO ratings (ticket_id, score, reasons, comment, counter_id, clerk_id, field_id, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.ticketId,
      r.score,
      JSON.stringify(r.reasons),
      r.comment,
      r.counterId,
      r.clerkId,
      r.fieldId,
      r.source,
      now.getTime(),
    ],
  );
  return res.lastID;
}

export async function hasRating(q: Executor, ticketId: string): Promise<boolean> {
  return (await q.get('SELECT 1 FROM ratings WHERE ticket_id = ?', [ticketId])) !== undefined;
}

/** Tickets of a service day that already have a rating. */
export async function listRatedTickets(q: Executor, serviceDay: string): Promise<string[]> {
  const rows = await q.all<{ id: string }>(
    'SELECT r.ticket_id AS id FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.service_day = ?',
    [serviceDay],
  );
  return rows.map((r) => r.id);
}
