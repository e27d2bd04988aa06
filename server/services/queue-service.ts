/**
 * The office's queue for the day: issuing, calling and serving tickets,
 * and the counters' open/pause/close.
 *
 * The service owns the live queue (domain/live-queue.ts): the day's queue
 * in memory, loaded from storage at start-up and changed only after the
 * transaction that stored a change has committed. Every read and every
 * decision comes from it; the database stays the truth that survives a
 * crash. A write decides against the live queue (plus the not yet
 * committed changes of the same group commit, queue-stage.ts), stores
 * its rows, and once committed the live queue takes the change and the
 * bus carries what was touched (nothing is broadcast or acknowledged
 * before it is committed).
 *
 * One process owns an office's live queue at a time: events leave through
 * the bus and socket.io rooms (an adapter can carry them to other
 * processes), never through references to sockets.
 */
import type { Batch, Executor } from '../db/database';
import * as countersDb from '../db/queries/counters';
import * as fieldsDb from '../db/queries/fields';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import * as ticketsDb from '../db/queries/tickets';
import * as ratingsDb from '../db/queries/ratings';
import { DomainError, conflict, forbidden, notFound } from '../domain/errors';
import type { Counter, Office, Staff, Ticket } from '../domain/model';
import { assertCanIssue, formatTicketNumber } from '../domain/numbering';
import { DEFAULT_MAX_PRIORITY_IN_ROW, pickNext } from '../domain/queue';
import { buildLiveQueue, rollover, type LiveQueue, type LiveTicket, type QueueConfig } from '../domain/live-queue';
import { offsetMinutes, serviceDay, toIsoWithOffset } from '../domain/time';
import { addDays } from '../domain/calendar';
import type {
  BoardState,
  CounterDto,
  CounterState,
  FieldDto,
  FieldWaiting,
  TicketCalledEvent,
  TicketDto,
} from '../protocol/dto';
import type { Priority } from '../protocol/schemas';
import { newTicketId } from './auth';
import type { ServiceContext } from './context';
import { QueueStage, type QueueWork } from './queue-stage';
import { QueueViews } from './queue-views';

export interface IssueTicketInput {
  fieldId: number;
  priority: Priority | null;
  procedureId: number | null;
  idempotencyKey: string | null;
  deviceId: number | null;
}

const STAGE = 'live-queue';
/** The estimate's "same hour" service times come from this many past days. */
const HISTORY_DAYS = 28;
/** An hour of a field needs this many services in the history to be used. */
const HISTORY_MIN_SERVICES = 5;

/** Loads what the live queue is built from, on the connection given (inside a transaction when reloading). */
async function loadConfig(q: Executor): Promise<{ config: QueueConfig; counters: Counter[] }> {
  const office = await requireOffice(q);
  const fields = new Map((await fieldsDb.listFields(q)).map((f) => [f.id, f]));
  const clerks = new Map((await staffDb.listStaff(q)).map((s) => [s.id, { id: s.id, fullName: s.fullName }]));
  return { config: { office, fields, clerks }, counters: await countersDb.listCounters(q) };
}

/** Builds the live queue of the current service day from storage (start-up, and the property test's rebuild). */
export async function loadLiveQueue(q: Executor, now: Date): Promise<LiveQueue> {
  const { config, counters } = await loadConfig(q);
  const day = serviceDay(now, config.office.timeZone);
  return buildLiveQueue(day, config, counters, await ticketsDb.listLiveTickets(q, day));
}

export class QueueService {
  private live!: LiveQueue;
  private views!: QueueViews;
  private readonly rated = new Set<string>();

  constructor(private readonly ctx: ServiceContext) {}

  /** Loads the day's queue from storage; call once before serving. */
  async start(): Promise<void> {
    const history = new Map<number, Array<number | null>>();
    await this.ctx.db.read(async (q) => {
      const now = this.ctx.clock();
      this.live = await loadLiveQueue(q, now);
      for (const id of await ratingsDb.listRatedTickets(q, this.live.day)) this.rated.add(id);
      const offsetMs = offsetMinutes(now, this.live.config.office.timeZone) * 60_000;
      const rows = await ticketsDb.serviceMinutesByFieldHour(
        q,
        addDays(this.live.day, -HISTORY_DAYS),
        addDays(this.live.day, -1),
        offsetMs,
      );
      for (const r of rows) {
        if (r.n < HISTORY_MIN_SERVICES) continue;
        let hours = history.get(r.fieldId);
        if (!hours) history.set(r.fieldId, (hours = Array.from({ length: 24 }, () => null)));
        hours[r.hour] = r.minutes;
      }
    });
    this.views = new QueueViews(this.live, this.rated, this.ctx.clock, history);
    this.ctx.bus.on('rating:created', (ticketId) => {
      this.rated.add(ticketId);
      this.ctx.bus.emit('queue:touched', {
        fields: new Set(),
        counters: new Set(),
        tickets: new Set([ticketId]),
        config: false,
      });
    });
  }

  /** The live queue (read-only use: the property test and the socket layer's views). */
  get state(): LiveQueue {
    this.ensureDay();
    return this.live;
  }

  get view(): QueueViews {
    this.ensureDay();
    return this.views;
  }

  /** Local midnight passed: the new service day starts empty (no storage change is involved). */
  private ensureDay(): void {
    const day = serviceDay(this.ctx.clock(), this.live.config.office.timeZone);
    if (day === this.live.day) return;
    rollover(this.live, day);
    this.rated.clear();
    const all = new Set<number>(this.live.config.fields.keys());
    this.ctx.bus.emit('queue:touched', {
      fields: all,
      counters: new Set(this.live.counters.keys()),
      tickets: new Set(),
      config: true,
    });
  }

  /**
   * Runs one write as a unit of the group commit: `fn` decides against the
   * live queue as it will be after the earlier units of the transaction,
   * writes its rows, and stages its change; the live queue takes it once
   * the transaction has committed.
   */
  private write<T>(fn: (w: QueueWork, q: Executor) => Promise<T>): Promise<T> {
    this.ensureDay();
    return this.ctx.db.tx(
      async (q, batch) => {
        const stage = this.stageOf(batch);
        const w = stage.work();
        const result = await fn(w, q);
        batch.onUnitEnd((ok) => {
          if (!ok) return;
          // the webhook events go to the outbox in this same transaction (written at the batch's flush)
          const outbox = this.ctx.outbox;
          if (outbox)
            outbox.stageKept(
              batch,
              w.outboxEvents((e) => outbox.wants(e)),
            );
          stage.keep(w);
        });
        return result;
      },
      { staged: true },
    );
  }

  private stageOf(batch: Batch): QueueStage {
    return batch.slot(STAGE, () => new QueueStage(this.live, (touched) => this.ctx.bus.emit('queue:touched', touched)));
  }

  /**
   * Called inside an admin transaction that changed the office, fields,
   * counters or staff: the live queue reloads them from that transaction
   * (so the next decision in the same group commit already sees them).
   */
  async reloadConfigIn(q: Executor, batch: Batch): Promise<void> {
    const { config, counters } = await loadConfig(q);
    const stage = this.stageOf(batch);
    const w = stage.work();
    w.replaceConfig(config, counters);
    batch.onUnitEnd((ok) => {
      if (ok) stage.keep(w);
    });
  }

  // ---------------------------------------------------------------- reads

  async listFields(): Promise<FieldDto[]> {
    return this.view.fields();
  }

  async listCounters(): Promise<CounterDto[]> {
    return this.view.counters();
  }

  async getCounter(counterId: number): Promise<CounterDto> {
    const c = this.state.counters.get(counterId);
    if (!c) throw counterNotFound(counterId);
    return this.view.counter(c);
  }

  /** The counter a clerk holds now, if any. */
  counterOfClerk(clerkId: number): CounterDto | null {
    const id = this.state.counterOfClerk.get(clerkId);
    const c = id === undefined ? undefined : this.live.counters.get(id);
    return c ? this.views.counter(c) : null;
  }

  /** A ticket with its live position; tickets of other days are read from storage. */
  async getTicket(id: string): Promise<TicketDto> {
    const t = this.state.tickets.get(id);
    if (t) return this.views.ticket(t);
    return this.ctx.db.read(async (q) => {
      const old = await ticketsDb.getTicket(q, id);
      if (!old) throw ticketNotFound(id);
      return this.views.ticket(old, await ratingsDb.hasRating(q, id));
    });
  }

  /** A ticket of today, from memory only (followed tickets' updates); null when not held. */
  liveTicket(id: string): TicketDto | null {
    const t = this.state.tickets.get(id);
    return t ? this.views.ticket(t) : null;
  }

  async waitingPerFieldNow(): Promise<FieldWaiting[]> {
    return this.view.waitingPerField();
  }

  /** The display board's snapshot (API-CONTRACT.md "Realtime"); seq is added by the transport. */
  boardState(): Omit<BoardState, 'seq' | 'epoch' | 'display' | 'board' | 'officeParentName' | 'readyDossiers'> {
    const v = this.view;
    return {
      serverTime: toIsoWithOffset(this.ctx.clock(), this.live.config.office.timeZone),
      officeName: this.live.config.office.name,
      counters: v.boardCounters(),
      recentCalls: v.recentCalls(),
      waiting: v.waitingPerField(),
    };
  }

  /** The `ticket:called` event of a ticket's latest call. */
  calledEvent(ticketId: string, recall: boolean): TicketCalledEvent | null {
    const t = this.state.tickets.get(ticketId);
    return t ? this.views.called(t, recall) : null;
  }

  /** A counter terminal's snapshot: its counter, who waits for it, what it may call back. */
  async counterState(counterId: number): Promise<Omit<CounterState, 'seq' | 'epoch'>> {
    const c = this.state.counters.get(counterId);
    if (!c) throw counterNotFound(counterId);
    return this.views.counterState(c, this.ctx.clock());
  }

  // --------------------------------------------------------------- writes

  /**
   * Issues a ticket: the next number of the field's service day, unique
   * and gap-free because the decision and the insert run inside the one
   * writer transaction (and UNIQUE(origin_field_id, service_day, seq) backs
   * it). The same idempotency key on the same service day returns the
   * ticket issued the first time (a double tap never makes two tickets).
   */
  async issueTicket(input: IssueTicketInput): Promise<{ ticket: TicketDto; created: boolean }> {
    const now = this.ctx.clock();
    const result = await this.write(async (w, q) => {
      if (input.idempotencyKey) {
        const existing = w.ticketForKey(input.idempotencyKey);
        if (existing) return { id: existing, created: false };
      }
      const field = w.field(input.fieldId);
      if (!field) throw notFound('FIELD_NOT_FOUND', 'Không tìm thấy lĩnh vực đã chọn.', { fieldId: input.fieldId });
      if (input.procedureId !== null) {
        const procedure = await fieldsDb.getProcedure(q, input.procedureId);
        if (!procedure || procedure.fieldId !== field.id) {
          throw new DomainError('PROCEDURE_NOT_IN_FIELD', 'Thủ tục đã chọn không thuộc lĩnh vực này.', 400, {
            procedureId: input.procedureId,
          });
        }
      }
      const seq = w.nextSeq(field.id);
      assertCanIssue(field, seq);
      // the wait announced now (kiosk, phone page), kept to measure the estimate against the real wait
      const ahead = w.waitingAheadOfNew(field.id, input.priority !== null);
      const estimate = this.views.estimate(field.id, null, ahead, input.priority !== null);
      const ticket: Ticket = {
        id: newTicketId(),
        originFieldId: field.id,
        fieldId: field.id,
        serviceDay: w.day,
        seq,
        number: formatTicketNumber(field, seq),
        priority: input.priority,
        status: 'waiting',
        procedureId: input.procedureId,
        issuedAt: now,
        queueKey: now.getTime(),
        targetCounterId: null,
        counterId: null,
        clerkId: null,
        firstCalledAt: null,
        calledAt: null,
        finishedAt: null,
        skippedAt: null,
        recallCount: 0,
        deviceId: input.deviceId,
        estimatedWaitMinutes: estimate,
        directCall: false,
      };
      w.insertTicket({ ...ticket, idempotencyKey: input.idempotencyKey });
      w.event({
        ticketId: ticket.id,
        at: now,
        kind: 'issued',
        counterId: null,
        clerkId: null,
        data: { priority: ticket.priority, deviceId: input.deviceId },
      });
      return { id: ticket.id, created: true };
    });
    return { ticket: await this.getTicket(result.id), created: result.created };
  }

  /** Finishes the counter's current ticket if it has one (calling the next implies it). */
  private async finishCurrent(
    w: QueueWork,
    q: Executor,
    counter: Counter,
    actor: Staff,
    now: Date,
  ): Promise<Ticket | null> {
    if (!counter.currentTicketId) return null;
    const found = w.ticket(counter.currentTicketId);
    counter.currentTicketId = null;
    if (!found || found.status !== 'called') return null;
    const current: LiveTicket = { ...found, status: 'finished', finishedAt: now };
    w.event({
      ticketId: current.id,
      at: now,
      kind: 'finished',
      counterId: counter.id,
      clerkId: actor.id,
    });
    w.putTicket(current);
    return current;
  }

  /** Calls the next citizen to the actor's counter (rules in domain/queue.ts `pickNext`). */
  async callNext(actor: Staff, counterId: number): Promise<TicketDto> {
    const now = this.ctx.clock();
    const { ticketId, finished } = await this.write(async (w, q) => {
      const counter = requireOwnCounter(w, counterId, actor);
      assertCounterOpen(counter);
      const pick = pickNext(
        counter,
        w.candidates(counter),
        w.office.settings.maxPriorityInRow ?? DEFAULT_MAX_PRIORITY_IN_ROW,
      );
      if (!pick) throw notFound('QUEUE_EMPTY', 'Không còn công dân nào đang chờ ở quầy này.');
      const finished = await this.finishCurrent(w, q, counter, actor, now);
      const ticket = { ...w.ticket(pick.ticket.id)! };
      await this.markCalled(w, q, ticket, counter, actor, now, 'called');
      counter.priorityStreak = pick.priorityStreak;
      this.storeCounter(w, counter, now);
      return { ticketId: ticket.id, finished };
    });
    this.afterCall(ticketId, counterId, false, finished);
    return this.getTicket(ticketId);
  }

  /**
   * Calls one waiting ticket of the counter's fields by name (the citizen
   * is at the desk already): it jumps the queue, so it is marked
   * `directCall` and counted as such in the reports. The same staged unit
   * as "call next": the current citizen is finished, the call is stored
   * and committed before anyone hears of it.
   */
  async callTicket(actor: Staff, counterId: number, ticketId: string): Promise<TicketDto> {
    const now = this.ctx.clock();
    const { finished } = await this.write(async (w, q) => {
      const counter = requireOwnCounter(w, counterId, actor);
      assertCounterOpen(counter);
      const ticket = { ...(await requireTicket(w, q, ticketId)) };
      if (ticket.status !== 'waiting') {
        throw conflict('TICKET_NOT_WAITING', `Số ${ticket.number} không còn trong hàng chờ.`, {
          status: ticket.status,
        });
      }
      if (ticket.serviceDay !== w.day) {
        throw conflict('TICKET_EXPIRED', `Số ${ticket.number} là của ngày ${ticket.serviceDay}, không còn hiệu lực.`);
      }
      const servable =
        ticket.targetCounterId === counter.id ||
        (ticket.targetCounterId === null && counter.fieldIds.includes(ticket.fieldId));
      if (!servable) {
        throw forbidden('NOT_YOUR_FIELD', `Số ${ticket.number} thuộc lĩnh vực mà quầy của bạn không phục vụ.`);
      }
      const finished = await this.finishCurrent(w, q, counter, actor, now);
      await this.markCalled(w, q, ticket, counter, actor, now, 'called', true);
      this.storeCounter(w, counter, now);
      return { finished };
    });
    this.afterCall(ticketId, counterId, false, finished);
    return this.getTicket(ticketId);
  }

  private storeCounter(w: QueueWork, counter: Counter, now: Date): void {
    w.putCounter(counter, now);
  }

  private async markCalled(
    w: QueueWork,
    q: Executor,
    ticket: LiveTicket,
    counter: Counter,
    actor: Staff,
    now: Date,
    kind: 'called' | 'recalled',
    direct = false,
  ): Promise<void> {
    ticket.status = 'called';
    if (direct) ticket.directCall = true;
    ticket.counterId = counter.id;
    ticket.clerkId = actor.id;
    ticket.calledAt = now;
    ticket.firstCalledAt ??= now;
    ticket.targetCounterId = null;
    ticket.skippedAt = null;
    if (kind === 'recalled') ticket.recallCount += 1;
    counter.currentTicketId = ticket.id;
    w.event({
      ticketId: ticket.id,
      at: now,
      kind,
      counterId: counter.id,
      clerkId: actor.id,
      ...(direct ? { data: { direct: true } } : {}),
    });
    w.audit(
      {
        actorKind: 'staff',
        actorId: actor.id,
        action: direct ? 'ticket.called-direct' : `ticket.${kind}`,
        entity: 'ticket',
        entityId: ticket.id,
        after: { counter: counter.number, number: ticket.number },
      },
      now,
    );
    w.putTicket(ticket);
  }

  private afterCall(ticketId: string, counterId: number, recall: boolean, finished: Ticket | null): void {
    // the boards first: the call leaves on its own fast path, before any snapshot work
    this.ctx.bus.emit('ticket:called', ticketId, counterId, recall);
    if (finished) this.ctx.bus.emit('rating:requested', finished.id, counterId);
  }

  /**
   * Calls a ticket again. A ticket being served at the actor's counter is
   * announced again; a skipped one (no-show who came back, same day) or a
   * waiting one the clerk picked from the list is called to the actor's
   * counter, finishing the one being served there.
   */
  async recall(actor: Staff, ticketId: string): Promise<TicketDto> {
    const now = this.ctx.clock();
    const { counterId, finished } = await this.write(async (w, q) => {
      const ticket = { ...(await requireTicket(w, q, ticketId)) };
      const counter = requireActorCounter(w, actor);
      if (ticket.status === 'called') {
        if (ticket.counterId !== counter.id) throw notAtYourCounter(ticket);
        await this.markCalled(w, q, ticket, counter, actor, now, 'recalled');
        this.storeCounter(w, counter, now);
        return { counterId: counter.id, finished: null };
      }
      if (ticket.status === 'finished') {
        throw conflict('TICKET_FINISHED', `Số ${ticket.number} đã được phục vụ xong.`);
      }
      assertCounterOpen(counter);
      if (ticket.serviceDay !== w.day) {
        throw conflict('TICKET_EXPIRED', `Số ${ticket.number} là của ngày ${ticket.serviceDay}, không còn hiệu lực.`);
      }
      const servable =
        ticket.counterId === counter.id ||
        ticket.targetCounterId === counter.id ||
        (ticket.targetCounterId === null && counter.fieldIds.includes(ticket.fieldId));
      if (!servable) {
        throw forbidden('NOT_YOUR_FIELD', `Số ${ticket.number} thuộc lĩnh vực mà quầy của bạn không phục vụ.`);
      }
      const finished = await this.finishCurrent(w, q, counter, actor, now);
      const wasWaiting = ticket.status === 'waiting';
      await this.markCalled(w, q, ticket, counter, actor, now, wasWaiting ? 'called' : 'recalled', wasWaiting);
      this.storeCounter(w, counter, now);
      return { counterId: counter.id, finished };
    });
    this.afterCall(ticketId, counterId, true, finished);
    return this.getTicket(ticketId);
  }

  /** No-show: the citizen did not come; the ticket may be called back later today. */
  async skip(actor: Staff, ticketId: string): Promise<TicketDto> {
    return this.serveStep(actor, ticketId, 'skipped', (t, now) => {
      t.status = 'skipped';
      t.skippedAt = now;
    });
  }

  /** The visit is over; the counter's rating pad asks the citizen. */
  async finish(actor: Staff, ticketId: string): Promise<TicketDto> {
    const dto = await this.serveStep(actor, ticketId, 'finished', (t, now) => {
      t.status = 'finished';
      t.finishedAt = now;
    });
    if (dto.counterId !== null) this.ctx.bus.emit('rating:requested', ticketId, dto.counterId);
    return dto;
  }

  private async serveStep(
    actor: Staff,
    ticketId: string,
    kind: 'skipped' | 'finished',
    apply: (t: Ticket, now: Date) => void,
  ): Promise<TicketDto> {
    const now = this.ctx.clock();
    await this.write(async (w, q) => {
      const ticket = { ...(await requireTicket(w, q, ticketId)) };
      const counter = requireActorCounter(w, actor);
      if (ticket.status !== 'called' || ticket.counterId !== counter.id) throw notAtYourCounter(ticket);
      apply(ticket, now);
      w.event({ ticketId, at: now, kind, counterId: counter.id, clerkId: actor.id });
      w.audit(
        { actorKind: 'staff', actorId: actor.id, action: `ticket.${kind}`, entity: 'ticket', entityId: ticketId },
        now,
      );
      w.putTicket(ticket);
      if (counter.currentTicketId === ticketId) {
        counter.currentTicketId = null;
        this.storeCounter(w, counter, now);
      }
    });
    return this.getTicket(ticketId);
  }

  /**
   * Sends a citizen to another field and/or a named counter, keeping their
   * place: the ticket waits again with its original queue key (so it is
   * not put at the back) and its printed number unchanged.
   */
  async transfer(
    actor: Staff,
    ticketId: string,
    to: { fieldId?: number | undefined; counterId?: number | undefined },
  ): Promise<TicketDto> {
    const now = this.ctx.clock();
    await this.write(async (w, q) => {
      const ticket = { ...(await requireTicket(w, q, ticketId)) };
      if (ticket.status === 'finished') throw conflict('TICKET_FINISHED', `Số ${ticket.number} đã được phục vụ xong.`);
      const actorCounter = w.counterOfClerk(actor.id);
      const isSupervisor = actor.role === 'admin' || actor.role === 'supervisor';
      if (ticket.status === 'called') {
        if (!actorCounter || ticket.counterId !== actorCounter.id) throw notAtYourCounter(ticket);
      } else if (!isSupervisor) {
        const c = actorCounter;
        const servable =
          c && (ticket.counterId === c.id || ticket.targetCounterId === c.id || c.fieldIds.includes(ticket.fieldId));
        if (!servable) throw forbidden('NOT_YOUR_FIELD', `Số ${ticket.number} không thuộc quầy của bạn.`);
      }
      const before = { fieldId: ticket.fieldId, targetCounterId: ticket.targetCounterId, status: ticket.status };
      if (to.fieldId !== undefined) {
        const field = w.field(to.fieldId);
        if (!field)
          throw notFound('FIELD_NOT_FOUND', 'Không tìm thấy lĩnh vực cần chuyển đến.', { fieldId: to.fieldId });
        ticket.fieldId = field.id;
      }
      let target: Counter | undefined;
      if (to.counterId !== undefined) {
        target = w.counter(to.counterId);
        if (!target) throw counterNotFound(to.counterId);
      }
      ticket.targetCounterId = target?.id ?? null;
      const fromCounterId = ticket.status === 'called' ? ticket.counterId : null;
      ticket.status = 'waiting';
      ticket.skippedAt = null;
      w.event({
        ticketId,
        at: now,
        kind: 'transferred',
        counterId: fromCounterId,
        clerkId: actor.id,
        data: { before, fieldId: ticket.fieldId, targetCounterId: ticket.targetCounterId },
      });
      w.audit(
        {
          actorKind: 'staff',
          actorId: actor.id,
          action: 'ticket.transferred',
          entity: 'ticket',
          entityId: ticketId,
          before,
          after: { fieldId: ticket.fieldId, targetCounterId: ticket.targetCounterId },
        },
        now,
      );
      w.putTicket(ticket);
      if (fromCounterId !== null) {
        const found = w.counter(fromCounterId);
        if (found && found.currentTicketId === ticketId) {
          this.storeCounter(w, { ...found, currentTicketId: null }, now);
        }
      }
    });
    return this.getTicket(ticketId);
  }

  // -------------------------------------------------------------- counters

  /**
   * The actor takes a counter. 409 COUNTER_TAKEN when another clerk holds
   * it. A clerk holds one counter at a time: taking a new one releases the
   * old one, unless a citizen is still being served there.
   */
  async openCounter(actor: Staff, counterId: number): Promise<CounterDto> {
    const now = this.ctx.clock();
    await this.write(async (w) => {
      const counter = w.counter(counterId);
      if (!counter) throw counterNotFound(counterId);
      if (counter.clerkId !== null && counter.clerkId !== actor.id) {
        const holder = w.config.clerks.get(counter.clerkId);
        throw conflict(
          'COUNTER_TAKEN',
          `Quầy số ${counter.number} đang do ${holder?.fullName ?? 'cán bộ khác'} làm việc.`,
          { counterId },
        );
      }
      if (counter.clerkId === actor.id) return;
      const previous = w.counterOfClerk(actor.id);
      if (previous) {
        if (previous.currentTicketId) {
          throw conflict(
            'CLERK_BUSY',
            `Bạn đang phục vụ một công dân ở quầy số ${previous.number}. Hãy kết thúc hoặc chuyển số đó trước khi sang quầy khác.`,
          );
        }
        this.storeCounter(w, { ...previous, status: 'closed', clerkId: null, pauseReason: null }, now);
      }
      this.storeCounter(
        w,
        { ...counter, status: 'open', clerkId: actor.id, pauseReason: null, priorityStreak: 0 },
        now,
      );
      w.audit(
        { actorKind: 'staff', actorId: actor.id, action: 'counter.opened', entity: 'counter', entityId: counterId },
        now,
      );
    });
    return this.getCounter(counterId);
  }

  async pauseCounter(actor: Staff, counterId: number, reason: string): Promise<CounterDto> {
    return this.counterStep(actor, counterId, 'counter.paused', (c) => {
      if (c.status === 'closed') throw conflict('COUNTER_CLOSED', `Quầy số ${c.number} đang đóng.`);
      return { ...c, status: 'paused', pauseReason: reason };
    });
  }

  async resumeCounter(actor: Staff, counterId: number): Promise<CounterDto> {
    return this.counterStep(actor, counterId, 'counter.resumed', (c) => ({ ...c, status: 'open', pauseReason: null }));
  }

  async closeCounter(actor: Staff, counterId: number): Promise<CounterDto> {
    return this.counterStep(actor, counterId, 'counter.closed', (c) => {
      if (c.currentTicketId) {
        throw conflict(
          'COUNTER_BUSY',
          'Quầy đang phục vụ một công dân. Hãy kết thúc, bỏ qua hoặc chuyển số đó trước khi đóng quầy.',
        );
      }
      return { ...c, status: 'closed', clerkId: null, pauseReason: null };
    });
  }

  private async counterStep(
    actor: Staff,
    counterId: number,
    action: string,
    change: (c: Counter) => Counter,
  ): Promise<CounterDto> {
    const now = this.ctx.clock();
    await this.write(async (w) => {
      const counter = requireOwnCounter(w, counterId, actor);
      const next = change(counter);
      this.storeCounter(w, next, now);
      w.audit(
        {
          actorKind: 'staff',
          actorId: actor.id,
          action,
          entity: 'counter',
          entityId: counterId,
          before: { status: counter.status },
          after: { status: next.status, reason: next.pauseReason },
        },
        now,
      );
    });
    return this.getCounter(counterId);
  }
}

// ------------------------------------------------------------------ checks

async function requireOffice(q: Executor): Promise<Office> {
  const office = await officeDb.getOffice(q);
  if (!office) throw new DomainError('OFFICE_NOT_SET_UP', 'Văn phòng chưa được thiết lập.', 503);
  return office;
}

/** A ticket from the live queue; one of another day is read from storage (to say why it cannot be served). */
async function requireTicket(w: QueueWork, q: Executor, id: string): Promise<LiveTicket> {
  const held = w.ticket(id);
  if (held) return held;
  const t = await ticketsDb.getTicket(q, id);
  if (!t) throw ticketNotFound(id);
  return { ...t, rowid: 0, idempotencyKey: null };
}

/** A copy of the counter, if the actor is the clerk holding it (a clerk acts only on their own counter). */
function requireOwnCounter(w: QueueWork, counterId: number, actor: Staff): Counter {
  const counter = w.counter(counterId);
  if (!counter) throw counterNotFound(counterId);
  if (counter.clerkId !== actor.id) {
    throw forbidden('NOT_YOUR_COUNTER', `Bạn chưa mở quầy số ${counter.number}. Hãy mở quầy trước khi thao tác.`);
  }
  return { ...counter, fieldIds: [...counter.fieldIds] };
}

function requireActorCounter(w: QueueWork, actor: Staff): Counter {
  const counter = w.counterOfClerk(actor.id);
  if (!counter) throw forbidden('NO_COUNTER', 'Bạn chưa mở quầy nào. Hãy mở quầy trước khi gọi số.');
  return { ...counter, fieldIds: [...counter.fieldIds] };
}

function assertCounterOpen(counter: Counter): void {
  if (counter.status === 'paused') {
    throw conflict(
      'COUNTER_PAUSED',
      `Quầy số ${counter.number} đang tạm dừng. Hãy tiếp tục làm việc trước khi gọi số.`,
    );
  }
  if (counter.status !== 'open') throw conflict('COUNTER_CLOSED', `Quầy số ${counter.number} đang đóng.`);
}

const ticketNotFound = (id: string) =>
  notFound('TICKET_NOT_FOUND', 'Không tìm thấy phiếu số thứ tự này.', { ticketId: id });
const counterNotFound = (id: number) => notFound('COUNTER_NOT_FOUND', 'Không tìm thấy quầy này.', { counterId: id });
const notAtYourCounter = (t: Ticket) =>
  conflict('TICKET_NOT_AT_YOUR_COUNTER', `Số ${t.number} không đang được phục vụ tại quầy của bạn.`, {
    status: t.status,
  });
