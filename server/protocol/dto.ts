/**
 * Shapes the server sends (HTTP answers and socket events). Plain types:
 * the server builds them, the pages read them.
 */
import type { BoardSettingsDto, DisplaySettingsDto } from './display';
import type { CounterStatus, DeviceKind, Priority, Role, TicketStatus } from './schemas';

export interface HealthDto {
  status: 'ok';
  version: string;
  /** where the data lives: the SQLite file (default) or PostgreSQL (DATABASE_URL) */
  storage: 'sqlite' | 'postgres';
  /** PostgreSQL mode (a province, several processes): the codes of the offices whose live queue this process holds now */
  owns?: string[];
}

export interface UserDto {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
  defaultCounterId: number | null;
}

export interface LoginDto {
  token: string;
  user: UserDto;
}

export interface FieldDto {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
  waiting: number;
  /** 'prefix' → A001; 'range' → 1001… */
  numbering: 'prefix' | 'range';
  dailyCap: number | null;
  issuedToday: number;
  /** True when the daily cap (or the end of the number range) is reached. */
  full: boolean;
  avgServiceMinutes: number;
}

export interface ProcedureDto {
  id: number;
  code: string;
  name: string;
  fieldId: number;
  fieldCode: string;
  processingDays: number;
  processingUnit: 'days' | 'hours';
  fees: string;
}

export interface TicketDto {
  id: string;
  number: string;
  seq: number;
  fieldId: number;
  fieldCode: string;
  fieldName: string;
  serviceDay: string;
  status: TicketStatus;
  priority: Priority | null;
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  /** When a no-show was marked (the no-show list is newest first). */
  skippedAt: string | null;
  /** Arrival order among tickets issued in the same millisecond (sort by issuedAt, then this). */
  arrival: number;
  counterId: number | null;
  counterNumber: number | null;
  counterName: string | null;
  targetCounterId: number | null;
  recallCount: number;
  /** Live position: waiting tickets that will be called before this one (0 unless waiting). */
  waitingAhead: number;
  estimatedWaitMinutes: number;
  rated: boolean;
}

/**
 * `POST /api/tickets`: the ticket, plus what only its holder gets — the key
 * that proves holding it (rating from the phone) and the phone link with
 * that key (the QR on screen and on paper).
 */
export interface IssuedTicketDto extends TicketDto {
  ticketKey: string;
  phoneUrl: string;
}

export interface ClerkRef {
  id: number;
  fullName: string;
}

export interface CounterDto {
  id: number;
  number: number;
  name: string;
  fieldIds: number[];
  status: CounterStatus;
  pauseReason: string | null;
  clerk: ClerkRef | null;
  currentTicket: TicketDto | null;
}

export interface TicketCalledEvent {
  ticketId: string;
  number: string;
  counterNumber: number;
  counterName: string;
  fieldName: string;
  calledAt: string;
  recall: boolean;
}

export interface FieldWaiting {
  fieldId: number;
  code: string;
  name: string;
  waiting: number;
}

export interface BoardCounter {
  id: number;
  number: number;
  name: string;
  status: CounterStatus;
  currentNumber: string | null;
  fieldName: string | null;
  /** The fields the counter serves (a board chooses counters by field). */
  fieldIds: number[];
}

/**
 * What changed on a board since its last event: the rows of the counters it
 * shows that changed (status, current number), and its waiting counts when
 * they moved. `seq` follows the board's last event (a gap: ask `board:sync`).
 */
export interface BoardDelta {
  seq: number;
  epoch: string;
  serverTime: string;
  counters: BoardCounter[];
  waiting?: FieldWaiting[];
}

/** Full snapshot for a display board; `seq` orders it with the events. */
export interface BoardState {
  seq: number;
  epoch: string;
  serverTime: string;
  officeName: string;
  counters: BoardCounter[];
  recentCalls: TicketCalledEvent[];
  waiting: FieldWaiting[];
  /** The authority the office belongs to ("UBND XÃ HÒA AN"), shown above the office's name. */
  officeParentName: string;
  /** Codes of dossiers whose results wait at the counter (codes only: no name or ID on a board). */
  readyDossiers: string[];
  /** Office-wide board settings: notice line, voice (docs/api/display.md). */
  display: DisplaySettingsDto;
  /** The board this snapshot is for (null when asked by a non-board client: everything shown). */
  board: { id: number; name: string; settings: BoardSettingsDto } | null;
}

export interface CounterStats {
  served: number;
  skipped: number;
  avgServiceMinutes: number | null;
}

/** Full snapshot for a counter terminal (its own counter). */
export interface CounterState {
  seq: number;
  epoch: string;
  serverTime: string;
  counter: CounterDto;
  /** The first waiting tickets in calling order (at most 50: what a clerk's screen shows). */
  waiting: TicketDto[];
  /** How many wait for this counter in all (Σ fieldTotals + targetedTotal). */
  waitingTotal: number;
  /** Per field the counter serves: how many wait in its common queue. */
  fieldTotals: Record<number, number>;
  /** How many wait that were sent to this counter by name. */
  targetedTotal: number;
  skipped: TicketDto[];
  stats: CounterStats;
}

/**
 * One field's queue, to every counter that serves it (room `field:<id>`):
 * its common queue in arrival order (the first 60) and its no-shows.
 * Tickets sent to one counter by name reach that counter in its own
 * `counter:state`. See protocol/counter-view.ts.
 */
export interface FieldQueueEvent {
  fieldId: number;
  waiting: TicketDto[];
  /** How many wait in the field's common queue in all. */
  untargeted: number;
  skipped: TicketDto[];
}

export interface QueueChangedEvent {
  waiting: FieldWaiting[];
}

export interface RatingRequestEvent {
  ticketId: string;
  number: string;
  counterId: number;
  counterNumber: number;
  clerkName: string | null;
  fieldName: string;
}

export interface RatingDto {
  id: number;
  ticketId: string;
  score: number;
  createdAt: string;
}

export interface DeviceDto {
  id: number;
  kind: DeviceKind;
  name: string;
  counterId: number | null;
}

/** Who a socket or request is, as the server verified it. */
export type Identity =
  | { kind: 'staff'; user: UserDto }
  | { kind: 'device'; device: DeviceDto }
  | { kind: 'integration'; key: { id: number; name: string; scopes: string[] } }
  | { kind: 'public' };

/** GET /api/rating-pad: what the pad shows while idle. */
export interface RatingPadDto {
  counter: { id: number; number: number; name: string; status: CounterStatus; clerk: ClerkRef | null } | null;
}

/** A kiosk printer's state, for staff (GET /api/printers, `printer:status`) and the kiosk itself. */
export interface PrinterStatusDto {
  printerId: string;
  /** A kiosk's ticket printer, or a counter's receipt printer (then `deviceId` is the counter's id). */
  kind: 'kiosk' | 'counter';
  deviceId: number;
  deviceName: string;
  /** "192.168.1.50:9100", "/dev/usb/lp0" */
  address: string;
  route: 'codepage' | 'tcvn3' | 'raster';
  widthDots: 384 | 576;
  /** The shipped profile the setting names, or null. */
  profile: string | null;
  /**
   * `offline`: not reachable; `error`: reachable but failing (or it reports
   * an error); `paper-out` / `cover-open`: it said so, jobs are held until
   * it says otherwise; `paper-low`: it prints, the roll is nearly done.
   */
  state: 'ok' | 'offline' | 'error' | 'paper-low' | 'paper-out' | 'cover-open';
  /** Tickets held or waiting to be printed (kept across restarts). */
  pending: number;
  /** The pending jobs, oldest first (staff may drop held ones). */
  jobs: Array<{ id: string; label: string | null; createdAt: string }>;
  lastError: { code: string; message: string; at: string } | null;
  lastPrintedAt: string | null;
  nextRetryAt: string | null;
  /** Vietnamese, for a person ("Máy in của Kiosk sảnh chính mất kết nối — 2 phiếu chờ in"). */
  message: string;
}

/** What a kiosk (or the phone page) needs to draw its header. */
export interface KioskConfigDto {
  officeName: string;
  parentName: string;
  /** The office code that starts its dossier codes ("X12.34"), to prefill the lookup. */
  officeCode: string;
  serverTime: string;
  /** The calling kiosk, when a kiosk asks. */
  device: { id: number; name: string } | null;
  /** The kiosk's printer, or null when it has none. */
  printer: PrinterStatusDto | null;
  /** Seconds without a touch before the kiosk returns to its start screen. */
  idleSeconds: number;
  /** The office's time zone, for the kiosk's clock. */
  timeZone: string;
  /** Whether the kiosk asks for a priority group (office setting; default true). */
  priorityStep: boolean;
}
