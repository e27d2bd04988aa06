/**
 * The socket.io event maps (socket.io's typed events). Names are
 * `noun:verb`; acknowledged events answer a `Result<T>`.
 *
 * Rooms (joined by the server from the verified identity, never from what
 * the client says): `boards` and `board:<deviceId>` (each display board:
 * its own snapshot and seq, filtered by its settings), `kiosks`, `counter:<id>` (its clerk and its
 * rating pad), `staff`, `hall` (supervisors and admins), `ticket:<id>` (phones following one ticket).
 */
import type {
  BoardDelta,
  BoardState,
  CounterState,
  FieldQueueEvent,
  Identity,
  PrinterStatusDto,
  QueueChangedEvent,
  RatingPadDto,
  RatingRequestEvent,
  TicketCalledEvent,
  TicketDto,
} from './dto';
import type { CounterAlertsEvent, HallStateDto } from './hall';
import type { Result } from './result';
import type { TicketWatchPayload } from './schemas';

export interface ServerToClientEvents {
  /** Full board snapshot: on connect, on request, and after a change of settings, counters or ready dossiers. */
  'board:state': (state: BoardState) => void;
  /** The counter rows and waiting counts of a board that changed (queue work between snapshots). */
  'board:delta': (delta: BoardDelta) => void;
  /** One call or recall, to be shown large and announced. */
  'ticket:called': (event: TicketCalledEvent & { seq: number; epoch: string }) => void;
  /** Full snapshot of the clerk's counter. */
  'counter:state': (state: CounterState) => void;
  'queue:field': (event: FieldQueueEvent) => void;
  /** Waiting counts per field changed (kiosks, boards, staff). */
  'queue:changed': (event: QueueChangedEvent) => void;
  /** A followed ticket changed (position, called, finished). */
  'ticket:updated': (ticket: TicketDto) => void;
  /** The counter finished a ticket: the rating pad asks the citizen. */
  'rating:requested': (event: RatingRequestEvent) => void;
  /** The rating pad's idle screen (its counter and clerk): on connect and when the counter changes. */
  'rating:pad': (state: RatingPadDto) => void;
  /** A kiosk printer's state changed (staff see the fault; a kiosk sees its own). */
  'printer:status': (status: PrinterStatusDto) => void;
  /** The supervisor's hall (room `hall`: supervisors and admins): on connect and after changes, coalesced. */
  'hall:state': (state: HallStateDto) => void;
  /** The open alerts of the clerk's counter (its fields', its own): on connect, sync and change. */
  'counter:alerts': (event: CounterAlertsEvent) => void;
  /** The server is about to stop (restart): clients show reconnecting at once. */
  'server:shutdown': () => void;
  /** Another server process took this office over; reconnect so the connect snapshot and rooms come from it. */
  'office:resync': () => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh board snapshot (after a gap in `seq`). */
  'board:sync': (ack: (res: Result<BoardState>) => void) => void;
  /** Ask for a fresh counter snapshot. */
  'counter:sync': (ack: (res: Result<CounterState>) => void) => void;
  /** Follow one ticket (the phone page opened from the ticket's QR). */
  'ticket:watch': (payload: TicketWatchPayload, ack: (res: Result<TicketDto>) => void) => void;
}

export interface SocketData {
  identity: Identity;
  /** SHA-256 of the staff token the socket signed in with (logout drops it). */
  tokenHash?: string;
}
