/**
 * The board's state as signals, derived from the server's snapshots and
 * live events. Snapshots are authoritative; a live `ticket:called` is
 * applied at once (and announced), the snapshot that follows confirms it.
 */
import { computed, signal } from '@preact/signals';
import type { BoardState, TicketCalledEvent } from '@protocol/dto';

export type CalledEvent = TicketCalledEvent & { seq: number; epoch: string };

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
  const cur = board.value;
  if (cur && cur.epoch === next.epoch && next.seq < cur.seq) return false;
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
  const cur = board.value;
  const inOrder = !!cur && cur.epoch === e.epoch && e.seq === cur.seq + 1;
  liveCall.value = e;
  if (cur) {
    const { seq: _seq, epoch: _epoch, ...call } = e;
    board.value = {
      ...cur,
      seq: cur.epoch === e.epoch ? Math.max(cur.seq, e.seq) : cur.seq,
      counters: cur.counters.map((c) =>
        c.number === e.counterNumber ? { ...c, currentNumber: e.number, fieldName: e.fieldName } : c,
      ),
      recentCalls: [call, ...cur.recentCalls.filter((c) => c.ticketId !== e.ticketId)].slice(
        0,
        Math.max(cur.board?.settings.recentCount ?? 6, 1),
      ),
    };
  }
  return inOrder;
}
