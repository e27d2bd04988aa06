/**
 * How a board keeps its state current between full `board:state`
 * snapshots: a `ticket:called` moves a counter's number and the recent
 * calls; a `board:delta` replaces the counter rows and waiting counts that
 * changed. Both carry the board's next `seq`: a gap (or a new `epoch`)
 * means an event was missed, and the board asks `board:sync`. Plain
 * functions, shared by the board page and the tests; no dependencies.
 */
import type { BoardDelta, BoardState, TicketCalledEvent } from './dto';

export type BoardCalledEvent = TicketCalledEvent & { seq: number; epoch: string };

/** Whether `e` is the event that follows `cur` (same epoch, next seq). */
const follows = (cur: BoardState | null, e: { seq: number; epoch: string }) =>
  !!cur && cur.epoch === e.epoch && e.seq === cur.seq + 1;

/** A newer snapshot replaces the board's state (a new epoch is always newer: the server restarted). */
export function snapshotApplies(cur: BoardState | null, next: BoardState): boolean {
  return !cur || cur.epoch !== next.epoch || next.seq >= cur.seq;
}

/** The board after a live call; `inOrder` false means the board should ask for a snapshot. */
export function applyBoardCall(cur: BoardState, e: BoardCalledEvent): { state: BoardState; inOrder: boolean } {
  const { seq: _seq, epoch: _epoch, ...call } = e;
  return {
    inOrder: follows(cur, e),
    state: {
      ...cur,
      seq: cur.epoch === e.epoch ? Math.max(cur.seq, e.seq) : cur.seq,
      counters: cur.counters.map((c) =>
        c.number === e.counterNumber ? { ...c, currentNumber: e.number, fieldName: e.fieldName } : c,
      ),
      recentCalls: [call, ...cur.recentCalls.filter((c) => c.ticketId !== e.ticketId)].slice(
        0,
        Math.max(cur.board?.settings.recentCount ?? 6, 1),
      ),
    },
  };
}

/** The board after a delta: the rows it names replace the board's, the waiting counts too when it carries them. */
export function applyBoardDelta(cur: BoardState, d: BoardDelta): { state: BoardState; inOrder: boolean } {
  const rows = new Map(d.counters.map((c) => [c.id, c]));
  return {
    inOrder: follows(cur, d),
    state: {
      ...cur,
      seq: cur.epoch === d.epoch ? Math.max(cur.seq, d.seq) : cur.seq,
      serverTime: d.serverTime,
      counters: cur.counters.map((c) => rows.get(c.id) ?? c),
      waiting: d.waiting ?? cur.waiting,
    },
  };
}
