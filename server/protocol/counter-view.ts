/**
 * How a clerk's screen keeps its counter's lists current between full
 * `counter:state` snapshots: a `queue:field` event carries one field's
 * waiting and no-show lists, sent once to every counter serving the field
 * (one message per field changed, not one per counter). Plain functions,
 * shared by the clerk page and the tests; no dependencies.
 */
import type { CounterState, FieldQueueEvent, TicketDto } from './dto';

/** At most this many waiting citizens are listed (the heading counts them all). */
export const WAITING_SHOWN = 50;

/** The server's calling order: issue time (kept through transfers), then storage order. */
const byArrival = (a: TicketDto, b: TicketDto) =>
  a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.arrival - b.arrival;
const byNoShow = (a: TicketDto, b: TicketDto) => {
  const x = a.skippedAt ?? '';
  const y = b.skippedAt ?? '';
  return x < y ? 1 : x > y ? -1 : b.arrival - a.arrival;
};

/**
 * The counter's state once `event` (one of its fields) is applied: that
 * field's common queue and no-shows are replaced; tickets sent to this
 * counter by name, and the other fields' tickets, stay as they were. A
 * field the counter does not serve changes nothing.
 */
export function applyFieldQueue(state: CounterState, event: FieldQueueEvent): CounterState {
  const counter = state.counter;
  if (!counter.fieldIds.includes(event.fieldId)) return state;
  const keep = (t: TicketDto) => t.fieldId !== event.fieldId || t.targetCounterId !== null;
  const fieldTotals = { ...state.fieldTotals, [event.fieldId]: event.untargeted };
  return {
    ...state,
    waiting: [...state.waiting.filter(keep), ...event.waiting].sort(byArrival).slice(0, WAITING_SHOWN),
    fieldTotals,
    waitingTotal: Object.values(fieldTotals).reduce((a, n) => a + n, 0) + state.targetedTotal,
    skipped: [...state.skipped.filter((t) => t.fieldId !== event.fieldId), ...event.skipped].sort(byNoShow),
  };
}
