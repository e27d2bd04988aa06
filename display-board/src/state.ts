/**
 * The board's state as signals, derived from the server's snapshots and
 * live events. Snapshots are authoritative; a live `ticket:called` is
 * applied at once (and announced), the snapshot that follows confirms it.
 */
import { computed, signal } from '@preact/signals';
import { applyBoardCall, applyBoardDelta, snapshotApplies, type BoardCalledEvent } from '@protocol/board-view';
import type { BoardDelta, BoardState, TicketCalledEvent } from '@protocol/dto';

export type CalledEvent = BoardCalledEvent;

export const board = signal<BoardState | null>(null);
export const connected = signal(false);
/** Why the board cannot work (not paired, bad key), or null. */
export const fatal = signal<'notPaired' | 'badKey' | null>(null);
/** The newest call received live (shown large, blinking); falls back to the snapshot's newest. */
export const liveCall = signal<TicketCalledEvent | null>(null);
/** Server time minus local time, so the clock shows the office's time. */
export const clockOffsetMs = signal(0);

export const newestCall = computed<TicketCalledEvent | null>(() => {
  const live = liveCall.value;
  const recent = board.value?.recentCalls[0] ?? null;
  if (!live) return recent;
  if (!recent) return live;
  return live.calledAt >= recent.calledAt ? live : recent;
});

/**
 * Applies a snapshot when it is newer than what the board has (a new epoch
 * is always newer: the server restarted). Returns whether it was applied.
 */
export function applySnapshot(next: BoardState): boolean {
  if (!snapshotApplies(board.value, next)) return false;
  board.value = next;
  clockOffsetMs.value = new Date(next.serverTime).getTime() - Date.now();
  // a live call the snapshot no longer knows (another day, a new epoch) is dropped
  if (liveCall.value && !next.recentCalls.some((c) => c.ticketId === liveCall.value!.ticketId)) {
    const newest = next.recentCalls[0];
    if (!newest || newest.calledAt >= liveCall.value.calledAt) liveCall.value = null;
  }
  return true;
}

/**
 * Applies a live call; returns true when it follows the board's last event
 * without a gap (otherwise the caller asks for a fresh snapshot).
 */
export function applyCall(e: CalledEvent): boolean {
  liveCall.value = e;
  const cur = board.value;
  if (!cur) return false;
  const { state, inOrder } = applyBoardCall(cur, e);
  board.value = state;
  return inOrder;
}

/** Applies the rows and counts that changed; false on a gap (ask for a snapshot). */
export function applyDelta(d: BoardDelta): boolean {
  const cur = board.value;
  if (!cur) return false;
  const { state, inOrder } = applyBoardDelta(cur, d);
  board.value = state;
  clockOffsetMs.value = new Date(d.serverTime).getTime() - Date.now();
  return inOrder;
}
