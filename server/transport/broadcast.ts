/**
 * From committed changes to room broadcasts. Everything here reads the
 * live queue in memory (no query on the way from a commit to a screen) and
 * sends through socket.io rooms, so an adapter can carry the same emits to
 * sockets held by other processes.
 *
 * - `ticket:called` leaves at once, on its own path, to the boards that
 *   show the counter: never behind snapshot work.
 * - `counter:state` goes only to the counters a change named (their status,
 *   clerk, current ticket, a ticket sent to them); a field's changed queue
 *   goes once to every counter serving it (`queue:field`, room
 *   `field:<id>`), not as one snapshot per counter. Coalesced.
 * - Followed tickets get their new position from memory; boards get a
 *   fresh `board:state` a little later (the call already updated them).
 */
import {
  DEFAULT_BOARD_SETTINGS,
  boardShowsCounter,
  boardWaiting,
  filterBoardState,
  readyDossierCodes,
  type BoardSettings,
  type DisplaySettings,
} from '../domain/display';
import type { Touched } from '../domain/live-queue';
import type { BoardCounter, BoardState, CounterState, RatingPadDto } from '../protocol/dto';
import { toIsoWithOffset } from '../domain/time';
import { randomToken } from '../services/auth';
import type { EventBus } from '../services/event-bus';
import type { Services } from './services';
import type { IoNamespace } from './socket';

/** Counter screens, phones and kiosks: a burst becomes one push per screen. */
const VIEW_DEBOUNCE_MS = 30;
/** Boards: the call itself already updated them; the snapshot that confirms it can wait a little. */
const BOARD_DEBOUNCE_MS = 120;
/** Waiting counts on the kiosks' buttons and staff screens. */
const COUNTS_DEBOUNCE_MS = 150;
/** The supervisor's hall: a wall screen, a few pushes a second at most. */
const HALL_DEBOUNCE_MS = 250;

type BoardMap = Map<number, { name: string; settings: BoardSettings }>;

interface BoardExtras {
  officeParentName: string;
  display: DisplaySettings;
  ready: Array<{ code: string; fieldId: number | null }>;
}

export class Broadcaster {
  readonly epoch = randomToken(6);
  /** Snapshots for clients that are not a board (everything shown). */
  private boardSeq = 0;
  private readonly boardSeqs = new Map<number, number>();
  private boards: BoardMap = new Map();
  private extras: BoardExtras | null = null;
  /** Followed tickets (phones): ticket id → sockets of this process following it. */
  private readonly watched = new Map<string, number>();
  /** Who held each counter at the last push: a change moves the clerk's sockets in or out of its rooms. */
  private readonly clerkOf = new Map<number, number | null>();
  /** The fields of each counter at the last push (their rooms are the clerk's). */
  private readonly fieldsOf = new Map<number, number[]>();

  private fieldRoomsOf(counterId: number): string[] {
    return (this.fieldsOf.get(counterId) ?? []).map(fieldRoom);
  }

  private dirtyFields = new Set<number>();
  private dirtyCounters = new Set<number>();
  private dirtyTickets = new Set<string>();
  private everything = false;
  private viewTimer: NodeJS.Timeout | null = null;
  private boardTimer: NodeJS.Timeout | null = null;
  private countsTimer: NodeJS.Timeout | null = null;
  private hallTimer: NodeJS.Timeout | null = null;
  private boardsDirty = false;
  /** Boards: the counters whose rows changed since the last push, whether waiting counts moved. */
  private boardCountersDirty = new Set<number>();
  private boardWaitingDirty = false;
  /** Something a delta cannot say (settings, counters added or removed, ready dossiers): full snapshots. */
  private boardsFull = false;
  private pending: Promise<void> = Promise.resolve();

  private readonly subscriptions: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly io: IoNamespace,
    private readonly s: Services,
    /** Several processes: a supervisor's screen may be connected to another one (no local room check). */
    private readonly clustered = false,
  ) {}

  /** The office moved to another process: no more broadcasts from this one. */
  stop(): void {
    this.stopped = true;
    for (const off of this.subscriptions.splice(0)) off();
    for (const t of [this.viewTimer, this.countsTimer, this.hallTimer, this.boardTimer]) if (t) clearTimeout(t);
  }

  /** Loads the boards' settings; then listens to the bus. */
  async start(): Promise<void> {
    await this.reloadBoards();
    for (const c of this.s.queue.state.counters.values()) {
      this.clerkOf.set(c.id, c.clerkId);
      this.fieldsOf.set(c.id, [...c.fieldIds]);
    }
    const bus = this.s.ctx.bus;
    const on: EventBus['on'] = (event, listener) => {
      const off = bus.on(event, listener);
      this.subscriptions.push(off);
      return off;
    };
    on('ticket:called', (ticketId, counterId, recall) => this.called(ticketId, counterId, recall));
    on('queue:touched', (t) => this.touched(t));
    on('rating:requested', (ticketId, counterId) => this.ratingRequested(ticketId, counterId));
    // admin changes (fields, counters, staff, office): every view may have moved
    on('queue:changed', () => this.touchEverything());
    on('counter:changed', () => this.touchEverything());
    on('dossier:changed', () => {
      this.extras = null;
      this.scheduleBoards(true);
    });
    on('display:changed', () => {
      this.extras = null;
      this.track(this.reloadBoards().then(() => this.scheduleBoards(true)));
    });
    on('device:moved', () => this.track(this.reloadBoards().then(() => this.scheduleBoards(true))));
    on('printer:status', (status) => this.io.to(['staff', 'kiosks']).emit('printer:status', status));
    on('hall:changed', () => this.scheduleHall());
    on('alerts:changed', (counterIds) => {
      for (const id of counterIds) this.emitCounterAlerts(id);
    });
  }

  private track(p: Promise<unknown>): void {
    this.pending = this.pending
      .then(() => p)
      .then(
        () => undefined,
        (err: unknown) => console.error('[socket] broadcast failed', err),
      );
  }

  async reloadBoards(): Promise<void> {
    this.boards = await this.s.display.boardSettingsById();
  }

  /** A board device this process does not know yet (just added): learn it. */
  async knowBoard(deviceId: number): Promise<void> {
    if (!this.boards.has(deviceId)) await this.reloadBoards();
  }

  // ------------------------------------------------------------ fast path

  private called(ticketId: string, counterId: number, recall: boolean): void {
    const event = this.s.queue.calledEvent(ticketId, recall);
    const counter = this.s.queue.state.counters.get(counterId);
    if (!event || !counter) return;
    this.boardSeq += 1;
    for (const [id, board] of this.boards) {
      // each board hears only the calls to the counters it shows
      if (!boardShowsCounter(board.settings, counter)) continue;
      const seq = (this.boardSeqs.get(id) ?? 0) + 1;
      this.boardSeqs.set(id, seq);
      this.io.to(boardRoom(id)).emit('ticket:called', { ...event, seq, epoch: this.epoch });
    }
    // the clip is rendered while the board plays its chime (not awaited: it must not delay anything)
    void this.s.display.prerender(event.number, event.counterNumber);
  }

  // ------------------------------------------------------------ snapshots

  private touched(t: Touched): void {
    this.scheduleHall();
    if (t.config) this.everything = true;
    for (const f of t.fields) this.dirtyFields.add(f);
    for (const c of t.counters) this.dirtyCounters.add(c);
    for (const id of t.tickets) this.dirtyTickets.add(id);
    for (const c of t.counters) this.boardCountersDirty.add(c);
    if (t.fields.size > 0) this.boardWaitingDirty = true;
    this.scheduleViews();
    this.scheduleBoards(t.config);
  }

  private touchEverything(): void {
    this.scheduleHall();
    this.everything = true;
    this.extras = null;
    this.scheduleViews();
    this.scheduleBoards(true);
  }

  private scheduleViews(): void {
    this.viewTimer ??= setTimeout(() => this.flushViews(), VIEW_DEBOUNCE_MS);
  }

  /** Kiosks' and staff's waiting counts: a few times a second is what a person reads. */
  private scheduleCounts(): void {
    this.countsTimer ??= setTimeout(() => this.flushCounts(), COUNTS_DEBOUNCE_MS);
  }

  private flushCounts(): void {
    this.countsTimer = null;
    this.io.to(['kiosks', 'staff']).emit('queue:changed', { waiting: this.s.queue.view.waitingPerField() });
  }

  /** The hall's snapshot, coalesced; built only when a supervisor's screen is connected to this process. */
  private scheduleHall(): void {
    this.hallTimer ??= setTimeout(() => this.track(this.flushHall()), HALL_DEBOUNCE_MS);
  }

  private async flushHall(): Promise<void> {
    this.hallTimer = null;
    if (this.stopped) return;
    if (!this.clustered && (this.io.adapter.rooms.get(HALL_ROOM)?.size ?? 0) === 0) return;
    this.io.to(HALL_ROOM).emit('hall:state', await this.s.hall.state());
  }

  /** The open alerts a counter's clerk sees. */
  emitCounterAlerts(counterId: number): void {
    this.io.to(counterRoom(counterId)).emit('counter:alerts', {
      counterId,
      alerts: this.s.hall.alertsForCounter(counterId),
    });
  }

  private scheduleBoards(full = false): void {
    this.boardsDirty = true;
    if (full) this.boardsFull = true;
    this.boardTimer ??= setTimeout(() => this.track(this.flushBoards()), BOARD_DEBOUNCE_MS);
  }

  private flushViews(): void {
    this.viewTimer = null;
    const live = this.s.queue.state;
    const fields = this.dirtyFields;
    const counters = this.dirtyCounters;
    const tickets = this.dirtyTickets;
    const everything = this.everything;
    this.dirtyFields = new Set();
    this.dirtyCounters = new Set();
    this.dirtyTickets = new Set();
    this.everything = false;

    if (everything) {
      for (const id of live.counters.keys()) counters.add(id);
      for (const id of live.config.fields.keys()) fields.add(id);
    }

    if (fields.size > 0 || everything) this.scheduleCounts();
    // the counters a change named: their own state (current ticket, status, clerk's day)
    for (const id of counters) {
      const counter = live.counters.get(id);
      const before = this.clerkOf.get(id) ?? null;
      const now = counter?.clerkId ?? null;
      const fieldsNow = counter?.fieldIds ?? [];
      if (before !== now || everything) {
        // the clerk who now holds the counter follows its rooms; the one who left stops
        this.clerkOf.set(id, now);
        const rooms = [counterRoom(id), ...this.fieldRoomsOf(id)];
        if (before !== null) this.io.in(userRoom(before)).socketsLeave(rooms);
        this.fieldsOf.set(id, fieldsNow);
        if (now !== null) this.io.in(userRoom(now)).socketsJoin([counterRoom(id), ...fieldsNow.map(fieldRoom)]);
        this.io.to(ratingRoom(id)).emit('rating:pad', this.ratingPad(id));
        if (now !== null) this.emitCounterAlerts(id);
      }
      if (counter && now !== null) this.io.to(counterRoom(id)).emit('counter:state', this.counterState(id));
    }
    // a field's queue: one message to every counter that serves it
    for (const f of fields) {
      if (live.config.fields.has(f)) this.io.to(fieldRoom(f)).emit('queue:field', this.s.queue.view.fieldQueue(f));
    }
    for (const [ticketId] of this.watched) {
      const t = live.tickets.get(ticketId);
      if (!t) continue;
      if (everything || tickets.has(ticketId) || (t.status === 'waiting' && fields.has(t.fieldId))) {
        const dto = this.s.queue.liveTicket(ticketId);
        if (dto) this.io.to(ticketRoom(ticketId)).emit('ticket:updated', dto);
      }
    }
  }

  private async flushBoards(): Promise<void> {
    this.boardTimer = null;
    if (!this.boardsDirty) return;
    this.boardsDirty = false;
    const full = this.boardsFull;
    const changed = this.boardCountersDirty;
    const waitingMoved = this.boardWaitingDirty;
    this.boardsFull = false;
    this.boardCountersDirty = new Set();
    this.boardWaitingDirty = false;
    if (!full) return this.sendBoardDeltas(changed, waitingMoved);
    const extras = await this.boardExtras();
    this.boardSeq += 1;
    const base = this.base(extras);
    for (const id of this.boards.keys()) {
      this.boardSeqs.set(id, (this.boardSeqs.get(id) ?? 0) + 1);
      this.io.to(boardRoom(id)).emit('board:state', this.boardStateFor(base, extras, id));
    }
  }

  /**
   * Queue work between snapshots: each board gets only the rows of its
   * counters that changed and, when they moved, its waiting counts — one
   * small event, not the whole hall; a board with nothing changed gets none.
   */
  private sendBoardDeltas(changed: Set<number>, waitingMoved: boolean): void {
    const live = this.s.queue.state;
    const rows: BoardCounter[] = [];
    for (const id of changed) {
      const c = live.counters.get(id);
      // a counter gone is an admin change, which sends full snapshots
      if (c) rows.push(this.s.queue.view.boardCounter(c));
    }
    const waiting = waitingMoved ? this.s.queue.view.waitingPerField() : null;
    if (rows.length === 0 && !waiting) return;
    const serverTime = toIsoWithOffset(this.s.ctx.clock(), live.config.office.timeZone);
    for (const [id, board] of this.boards) {
      const settings = board.settings;
      const mine = rows.filter((c) => boardShowsCounter(settings, c));
      const myWaiting = waiting ? boardWaiting(settings, waiting) : [];
      if (mine.length === 0 && myWaiting.length === 0) continue;
      const seq = (this.boardSeqs.get(id) ?? 0) + 1;
      this.boardSeqs.set(id, seq);
      this.io.to(boardRoom(id)).emit('board:delta', {
        seq,
        epoch: this.epoch,
        serverTime,
        counters: mine,
        ...(myWaiting.length > 0 ? { waiting: myWaiting } : {}),
      });
    }
  }

  // ---------------------------------------------------------------- views

  counterState(counterId: number): CounterState {
    const c = this.s.queue.state.counters.get(counterId)!;
    return { ...this.s.queue.view.counterState(c, this.s.ctx.clock()), seq: 0, epoch: this.epoch };
  }

  ratingPad(counterId: number): RatingPadDto {
    const c = this.s.queue.state.counters.get(counterId);
    if (!c) return { counter: null };
    const dto = this.s.queue.view.counter(c);
    return { counter: { id: dto.id, number: dto.number, name: dto.name, status: dto.status, clerk: dto.clerk } };
  }

  private async boardExtras(): Promise<BoardExtras> {
    this.extras ??= {
      officeParentName: await this.s.display.officeParentName(),
      display: await this.s.display.settings(),
      ready: await this.s.display.readyDossiers(),
    };
    return this.extras;
  }

  private base(extras: BoardExtras) {
    return { ...this.s.queue.boardState(), officeParentName: extras.officeParentName, display: extras.display };
  }

  private boardStateFor(
    base: ReturnType<Broadcaster['base']>,
    extras: BoardExtras,
    deviceId: number | null,
  ): BoardState {
    const board = deviceId === null ? undefined : this.boards.get(deviceId);
    if (deviceId === null || !board) {
      return {
        ...base,
        readyDossiers: readyDossierCodes(extras.ready, DEFAULT_BOARD_SETTINGS),
        seq: this.boardSeq,
        epoch: this.epoch,
        board: null,
      };
    }
    return {
      ...filterBoardState(base, board.settings),
      readyDossiers: readyDossierCodes(extras.ready, board.settings),
      seq: this.boardSeqs.get(deviceId) ?? 0,
      epoch: this.epoch,
      board: { id: deviceId, name: board.name, settings: board.settings },
    };
  }

  /** A board's (or any client's) full snapshot, now. */
  async boardState(deviceId: number | null): Promise<BoardState> {
    const extras = await this.boardExtras();
    return this.boardStateFor(this.base(extras), extras, deviceId);
  }

  private ratingRequested(ticketId: string, counterId: number): void {
    const t = this.s.queue.liveTicket(ticketId);
    const counter = this.s.queue.state.counters.get(counterId);
    if (!t || !counter) return;
    const dto = this.s.queue.view.counter(counter);
    this.io.to(ratingRoom(counterId)).emit('rating:requested', {
      ticketId,
      number: t.number,
      counterId,
      counterNumber: counter.number,
      clerkName: dto.clerk?.fullName ?? null,
      fieldName: t.fieldName,
    });
  }

  // ------------------------------------------------------------- watchers

  watch(ticketId: string): void {
    this.watched.set(ticketId, (this.watched.get(ticketId) ?? 0) + 1);
  }

  unwatch(ticketId: string): void {
    const n = (this.watched.get(ticketId) ?? 0) - 1;
    if (n > 0) this.watched.set(ticketId, n);
    else this.watched.delete(ticketId);
  }

  /** Resolves when the pushes already due are sent (tests, shutdown). */
  async idle(): Promise<void> {
    if (this.viewTimer) {
      clearTimeout(this.viewTimer);
      this.flushViews();
    }
    if (this.countsTimer) {
      clearTimeout(this.countsTimer);
      this.flushCounts();
    }
    if (this.boardTimer) {
      clearTimeout(this.boardTimer);
      this.track(this.flushBoards());
    }
    if (this.hallTimer) {
      clearTimeout(this.hallTimer);
      this.track(this.flushHall());
    }
    await this.pending;
  }
}

/** Supervisors' and admins' sockets: the live hall. */
export const HALL_ROOM = 'hall';
export const boardRoom = (deviceId: number) => `board:${deviceId}`;
export const counterRoom = (counterId: number) => `counter:${counterId}`;
export const userRoom = (staffId: number) => `user:${staffId}`;
/** The sockets opened with one session token (by its hash): a logout drops them. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
export const deviceRoom = (deviceId: number) => `device:${deviceId}`;
export const ratingRoom = (counterId: number) => `rating:${counterId}`;
export const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;
export const fieldRoom = (fieldId: number) => `field:${fieldId}`;

/** The rooms a clerk's socket is in for the counter they hold. */
export const clerkRooms = (counter: { id: number; fieldIds: number[] }) => [
  counterRoom(counter.id),
  ...counter.fieldIds.map(fieldRoom),
];
