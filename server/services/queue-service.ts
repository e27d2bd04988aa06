/**
 * The office's queue for the day: issuing, calling and serving tickets,
 * and the counters' open/pause/close. Each operation loads what it needs,
 * asks the pure rules in domain/, stores the result in ONE transaction,
 * and only then publishes on the bus (nothing is broadcast or
 * acknowledged before it is committed).
 */
import type { Executor } from '../db/database';
import * as countersDb from '../db/queries/counters';
import * as fieldsDb from '../db/queries/fields';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import * as ticketsDb from '../db/queries/tickets';
import * as ratingsDb from '../db/queries/ratings';
import { insertAudit } from '../db/queries/audit';
import { DomainError, conflict, forbidden, notFound } from '../domain/errors';
import type { Counter, Field, Office, Staff, Ticket } from '../domain/model';
import { assertCanIssue, dailyLimit, formatTicketNumber } from '../domain/numbering';
import {
  DEFAULT_MAX_PRIORITY_IN_ROW,
  averageServiceMinutes,
  estimateWaitMinutes,
  pickNext,
  waitingAhead,
} from '../domain/queue';
import { serviceDay, toIsoWithOffset } from '../domain/time';
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

export interface IssueTicketInput {
  fieldId: number;
  priority: Priority | null;
  procedureId: number | null;
  idempotencyKey: string | null;
  deviceId: number | null;
}

/** Everything needed to describe the queue at one instant (one read snapshot). */
interface QueueSnapshot {
  office: Office;
  today: string;
  fields: Map<number, Field>;
  counters: Counter[];
  /** Waiting tickets of the fields the snapshot was taken for (not all fields: it is the hot path). */
  waiting: Ticket[];
  waitingCount: Map<number, number>;
  issued: Map<number, number>;
  clerks: Map<number, Staff>;
  avgMinutes: Map<number, number>;
}

const RECENT_CALLS = 10;

export class QueueService {
  constructor(private readonly ctx: ServiceContext) {}

  // ---------------------------------------------------------------- reads

  /**
   * Loads the queue at one instant. `waitingIn` names the fields whose
   * waiting tickets are needed (positions, estimates); counts are always
   * there. Keeping the rows to what is needed keeps a busy day fast.
   */
  private async snapshot(q: Executor, waitingIn: 'all' | readonly number[] = []): Promise<QueueSnapshot> {
    const office = await requireOffice(q);
    const now = this.ctx.clock();
    const today = serviceDay(now, office.timeZone);
    const fields = new Map((await fieldsDb.listFields(q)).map((f) => [f.id, f]));
    const counters = await countersDb.listCounters(q);
    const waiting =
      waitingIn === 'all'
        ? await ticketsDb.listWaiting(q, today)
        : await ticketsDb.listWaitingInFields(q, today, waitingIn);
    const waitingCount = await ticketsDb.countWaiting(q, today);
    const issued = await ticketsDb.countIssued(q, today);
    const clerks = new Map((await staffDb.listStaff(q)).map((s) => [s.id, s]));
    const avgMinutes = new Map<number, number>();
    for (const f of fields.values()) {
      if (waitingIn !== 'all' && !waitingIn.includes(f.id)) continue;
      const recent = await ticketsDb.recentServiceMinutes(q, f.id, today);
      avgMinutes.set(f.id, averageServiceMinutes(recent, f.avgServiceMinutes));
    }
    return { office, today, fields, counters, waiting, waitingCount, issued, clerks, avgMinutes };
  }

  private ticketDto(s: QueueSnapshot, t: Ticket, rated = false): TicketDto {
    const field = s.fields.get(t.fieldId);
    const counter = t.counterId === null ? undefined : s.counters.find((c) => c.id === t.counterId);
    let ahead = 0;
    let estimate = 0;
    if (t.status === 'waiting') {
      ahead = waitingAhead(t, s.waiting);
      const open = s.counters.filter(
        (c) =>
          c.status === 'open' &&
          (t.targetCounterId === null ? c.fieldIds.includes(t.fieldId) : c.id === t.targetCounterId),
      ).length;
      estimate = estimateWaitMinutes(ahead, s.avgMinutes.get(t.fieldId) ?? field?.avgServiceMinutes ?? 10, open);
    }
    const tz = s.office.timeZone;
    return {
      id: t.id,
      number: t.number,
      seq: t.seq,
      fieldId: t.fieldId,
      fieldCode: field?.code ?? '',
      fieldName: field?.name ?? '',
      serviceDay: t.serviceDay,
      status: t.status,
      priority: t.priority,
      issuedAt: toIsoWithOffset(t.issuedAt, tz),
      calledAt: t.calledAt && toIsoWithOffset(t.calledAt, tz),
      finishedAt: t.finishedAt && toIsoWithOffset(t.finishedAt, tz),
      counterId: t.counterId,
      counterNumber: counter?.number ?? null,
      counterName: counter?.name ?? null,
      targetCounterId: t.targetCounterId,
      recallCount: t.recallCount,
      waitingAhead: ahead,
      estimatedWaitMinutes: estimate,
      rated,
    };
  }

  private async counterDto(q: Executor, s: QueueSnapshot, c: Counter): Promise<CounterDto> {
    const clerk = c.clerkId === null ? undefined : s.clerks.get(c.clerkId);
    const current = c.currentTicketId ? await ticketsDb.getTicket(q, c.currentTicketId) : undefined;
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      fieldIds: c.fieldIds,
      status: c.status,
      pauseReason: c.pauseReason,
      clerk: clerk ? { id: clerk.id, fullName: clerk.fullName } : null,
      currentTicket: current ? this.ticketDto(s, current) : null,
    };
  }

  private waitingPerField(s: QueueSnapshot): FieldWaiting[] {
    return [...s.fields.values()].map((f) => ({
      fieldId: f.id,
      code: f.code,
      name: f.name,
      waiting: s.waitingCount.get(f.id) ?? 0,
    }));
  }

  async listFields(): Promise<FieldDto[]> {
    return this.ctx.db.read(async (q) => {
      const s = await this.snapshot(q);
      return [...s.fields.values()].map((f) => {
        const issuedToday = s.issued.get(f.id) ?? 0;
        const limit = dailyLimit(f);
        return {
          id: f.id,
          code: f.code,
          name: f.name,
          nameEn: f.nameEn,
          active: f.active,
          waiting: s.waitingCount.get(f.id) ?? 0,
          numbering: f.numbering,
          dailyCap: f.dailyCap,
          issuedToday,
          full: limit !== null && issuedToday >= limit,
          avgServiceMinutes: Math.round((s.avgMinutes.get(f.id) ?? f.avgServiceMinutes) * 10) / 10,
        };
      });
    });
  }

  async listCounters(): Promise<CounterDto[]> {
    return this.ctx.db.read(async (q) => {
      const s = await this.snapshot(q);
      return Promise.all(s.counters.map((c) => this.counterDto(q, s, c)));
    });
  }

  async getTicket(id: string): Promise<TicketDto> {
    return this.ctx.db.read(async (q) => {
      const t = await ticketsDb.getTicket(q, id);
      if (!t) throw ticketNotFound(id);
      const s = await this.snapshot(q, [t.fieldId]);
      return this.ticketDto(s, t, await ratingsDb.hasRating(q, id));
    });
  }

  async waitingPerFieldNow(): Promise<FieldWaiting[]> {
    return this.ctx.db.read(async (q) => this.waitingPerField(await this.snapshot(q)));
  }

  /** The display board's snapshot (API-CONTRACT.md "Realtime"); seq is added by the transport. */
  async boardState(): Promise<
    Omit<BoardState, 'seq' | 'epoch' | 'display' | 'board' | 'officeParentName' | 'readyDossiers'>
  > {
    return this.ctx.db.read(async (q) => {
      const s = await this.snapshot(q);
      const recent = await ticketsDb.listRecentCalls(q, s.today, RECENT_CALLS);
      const counters = await Promise.all(
        s.counters.map(async (c) => {
          const current = c.currentTicketId ? await ticketsDb.getTicket(q, c.currentTicketId) : undefined;
          return {
            id: c.id,
            number: c.number,
            name: c.name,
            status: c.status,
            currentNumber: current?.number ?? null,
            fieldName: current ? (s.fields.get(current.fieldId)?.name ?? null) : null,
            fieldIds: c.fieldIds,
          };
        }),
      );
      return {
        serverTime: toIsoWithOffset(this.ctx.clock(), s.office.timeZone),
        officeName: s.office.name,
        counters,
        recentCalls: recent
          .map((t) => this.calledEventOf(s, t, t.recallCount > 0))
          .filter((e): e is TicketCalledEvent => e !== null),
        waiting: this.waitingPerField(s),
      };
    });
  }

  /** The `ticket:called` event of a ticket's latest call. */
  async calledEvent(ticketId: string, recall: boolean): Promise<TicketCalledEvent | null> {
    return this.ctx.db.read(async (q) => {
      const t = await ticketsDb.getTicket(q, ticketId);
      if (!t) return null;
      return this.calledEventOf(await this.snapshot(q), t, recall);
    });
  }

  private calledEventOf(s: QueueSnapshot, t: Ticket, recall: boolean): TicketCalledEvent | null {
    const counter = s.counters.find((c) => c.id === t.counterId);
    if (!counter || !t.calledAt) return null;
    return {
      ticketId: t.id,
      number: t.number,
      counterNumber: counter.number,
      counterName: counter.name,
      fieldName: s.fields.get(t.fieldId)?.name ?? '',
      calledAt: toIsoWithOffset(t.calledAt, s.office.timeZone),
      recall,
    };
  }

  /** A counter terminal's snapshot: its counter, who waits for it, what it may call back. */
  async counterState(counterId: number): Promise<Omit<CounterState, 'seq' | 'epoch'>> {
    return this.ctx.db.read(async (q) => {
      const all = await countersDb.getCounter(q, counterId);
      if (!all) throw counterNotFound(counterId);
      const office = await requireOffice(q);
      const mineRows = await ticketsDb.listWaitingForCounter(
        q,
        serviceDay(this.ctx.clock(), office.timeZone),
        all.fieldIds,
        counterId,
      );
      const s = await this.snapshot(q, [...new Set([...all.fieldIds, ...mineRows.map((t) => t.fieldId)])]);
      const counter = s.counters.find((c) => c.id === counterId)!;
      const mine = (t: Ticket) =>
        t.targetCounterId === null ? counter.fieldIds.includes(t.fieldId) : t.targetCounterId === counter.id;
      const skipped = (await ticketsDb.listSkipped(q, s.today)).filter(
        (t) => t.counterId === counter.id || counter.fieldIds.includes(t.fieldId),
      );
      const stats = counter.clerkId
        ? await ticketsDb.clerkDayStats(q, counter.clerkId, s.today)
        : { served: 0, skipped: 0, avgServiceMinutes: null };
      return {
        serverTime: toIsoWithOffset(this.ctx.clock(), s.office.timeZone),
        counter: await this.counterDto(q, s, counter),
        waiting: s.waiting.filter(mine).map((t) => this.ticketDto(s, t)),
        skipped: skipped.map((t) => this.ticketDto(s, t)),
        stats: {
          served: stats.served,
          skipped: stats.skipped,
          avgServiceMinutes: stats.avgServiceMinutes === null ? null : Math.round(stats.avgServiceMinutes * 10) / 10,
        },
      };
    });
  }

  // --------------------------------------------------------------- writes

  /**
   * Issues a ticket: the next number of the field's service day, unique
   * and gap-free because "next number + insert" is one BEGIN IMMEDIATE
   * transaction (and UNIQUE(origin_field_id, service_day, seq) backs it).
   * The same idempotency key on the same service day returns the ticket
   * issued the first time (a double tap never makes two tickets).
   */
  async issueTicket(input: IssueTicketInput): Promise<{ ticket: TicketDto; created: boolean }> {
    const now = this.ctx.clock();
    const result = await this.ctx.db.tx(async (q) => {
      const office = await requireOffice(q);
      const day = serviceDay(now, office.timeZone);
      if (input.idempotencyKey) {
        const existing = await ticketsDb.findTicketByIdempotencyKey(q, day, input.idempotencyKey);
        if (existing) return { id: existing.id, created: false };
      }
      const field = await fieldsDb.getField(q, input.fieldId);
      if (!field) throw notFound('FIELD_NOT_FOUND', 'Không tìm thấy lĩnh vực đã chọn.', { fieldId: input.fieldId });
      if (input.procedureId !== null) {
        const procedure = await fieldsDb.getProcedure(q, input.procedureId);
        if (!procedure || procedure.fieldId !== field.id) {
          throw new DomainError('PROCEDURE_NOT_IN_FIELD', 'Thủ tục đã chọn không thuộc lĩnh vực này.', 400, {
            procedureId: input.procedureId,
          });
        }
      }
      const seq = await ticketsDb.nextTicketSeq(q, field.id, day);
      assertCanIssue(field, seq);
      const ticket: Ticket = {
        id: newTicketId(),
        originFieldId: field.id,
        fieldId: field.id,
        serviceDay: day,
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
      };
      await ticketsDb.insertTicket(q, ticket, input.idempotencyKey);
      await ticketsDb.insertTicketEvent(q, {
        ticketId: ticket.id,
        at: now,
        kind: 'issued',
        counterId: null,
        clerkId: null,
        data: { priority: ticket.priority, deviceId: input.deviceId },
      });
      return { id: ticket.id, created: true };
    });
    if (result.created) this.ctx.bus.emit('queue:changed');
    return { ticket: await this.getTicket(result.id), created: result.created };
  }

  /** Finishes the counter's current ticket if it has one (calling the next implies it). */
  private async finishCurrent(q: Executor, counter: Counter, actor: Staff, now: Date): Promise<Ticket | null> {
    if (!counter.currentTicketId) return null;
    const current = await ticketsDb.getTicket(q, counter.currentTicketId);
    counter.currentTicketId = null;
    if (!current || current.status !== 'called') return null;
    current.status = 'finished';
    current.finishedAt = now;
    await ticketsDb.updateTicket(q, current);
    await ticketsDb.insertTicketEvent(q, {
      ticketId: current.id,
      at: now,
      kind: 'finished',
      counterId: counter.id,
      clerkId: actor.id,
    });
    return current;
  }

  /** Calls the next citizen to the actor's counter (rules in domain/queue.ts `pickNext`). */
  async callNext(actor: Staff, counterId: number): Promise<TicketDto> {
    const now = this.ctx.clock();
    const { ticketId, finished } = await this.ctx.db.tx(async (q) => {
      const office = await requireOffice(q);
      const counter = await requireOwnCounter(q, counterId, actor);
      assertCounterOpen(counter);
      const day = serviceDay(now, office.timeZone);
      const waiting = await ticketsDb.listWaitingForCounter(q, day, counter.fieldIds, counter.id);
      const pick = pickNext(counter, waiting, office.settings.maxPriorityInRow ?? DEFAULT_MAX_PRIORITY_IN_ROW);
      if (!pick) throw notFound('QUEUE_EMPTY', 'Không còn công dân nào đang chờ ở quầy này.');
      const finished = await this.finishCurrent(q, counter, actor, now);
      const ticket = waiting.find((t) => t.id === pick.ticket.id)!;
      await this.markCalled(q, ticket, counter, actor, now, 'called');
      counter.priorityStreak = pick.priorityStreak;
      await countersDb.updateCounterState(q, counter, now);
      return { ticketId: ticket.id, finished };
    });
    this.afterCall(ticketId, counterId, false, finished);
    return this.getTicket(ticketId);
  }

  private async markCalled(
    q: Executor,
    ticket: Ticket,
    counter: Counter,
    actor: Staff,
    now: Date,
    kind: 'called' | 'recalled',
  ): Promise<void> {
    ticket.status = 'called';
    ticket.counterId = counter.id;
    ticket.clerkId = actor.id;
    ticket.calledAt = now;
    ticket.firstCalledAt ??= now;
    ticket.targetCounterId = null;
    ticket.skippedAt = null;
    if (kind === 'recalled') ticket.recallCount += 1;
    counter.currentTicketId = ticket.id;
    await ticketsDb.updateTicket(q, ticket);
    await ticketsDb.insertTicketEvent(q, {
      ticketId: ticket.id,
      at: now,
      kind,
      counterId: counter.id,
      clerkId: actor.id,
    });
    await insertAudit(
      q,
      {
        actorKind: 'staff',
        actorId: actor.id,
        action: `ticket.${kind}`,
        entity: 'ticket',
        entityId: ticket.id,
        after: { counter: counter.number, number: ticket.number },
      },
      now,
    );
  }

  private afterCall(ticketId: string, counterId: number, recall: boolean, finished: Ticket | null): void {
    if (finished) {
      this.ctx.bus.emit('ticket:changed', finished.id);
      this.ctx.bus.emit('rating:requested', finished.id, counterId);
    }
    this.ctx.bus.emit('ticket:called', ticketId, counterId, recall);
    this.ctx.bus.emit('ticket:changed', ticketId);
    this.ctx.bus.emit('counter:changed', counterId);
    this.ctx.bus.emit('queue:changed');
  }

  /**
   * Calls a ticket again. A ticket being served at the actor's counter is
   * announced again; a skipped one (no-show who came back, same day) or a
   * waiting one the clerk picked from the list is called to the actor's
   * counter, finishing the one being served there.
   */
  async recall(actor: Staff, ticketId: string): Promise<TicketDto> {
    const now = this.ctx.clock();
    const { counterId, finished } = await this.ctx.db.tx(async (q) => {
      const office = await requireOffice(q);
      const ticket = await requireTicket(q, ticketId);
      const counter = await requireActorCounter(q, actor);
      if (ticket.status === 'called') {
        if (ticket.counterId !== counter.id) throw notAtYourCounter(ticket);
        await this.markCalled(q, ticket, counter, actor, now, 'recalled');
        await countersDb.updateCounterState(q, counter, now);
        return { counterId: counter.id, finished: null };
      }
      if (ticket.status === 'finished') {
        throw conflict('TICKET_FINISHED', `Số ${ticket.number} đã được phục vụ xong.`);
      }
      assertCounterOpen(counter);
      if (ticket.serviceDay !== serviceDay(now, office.timeZone)) {
        throw conflict('TICKET_EXPIRED', `Số ${ticket.number} là của ngày ${ticket.serviceDay}, không còn hiệu lực.`);
      }
      const servable =
        ticket.counterId === counter.id ||
        ticket.targetCounterId === counter.id ||
        (ticket.targetCounterId === null && counter.fieldIds.includes(ticket.fieldId));
      if (!servable) {
        throw forbidden('NOT_YOUR_FIELD', `Số ${ticket.number} thuộc lĩnh vực mà quầy của bạn không phục vụ.`);
      }
      const finished = await this.finishCurrent(q, counter, actor, now);
      await this.markCalled(q, ticket, counter, actor, now, ticket.status === 'skipped' ? 'recalled' : 'called');
      await countersDb.updateCounterState(q, counter, now);
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
    const counterId = await this.ctx.db.tx(async (q) => {
      const ticket = await requireTicket(q, ticketId);
      const counter = await requireActorCounter(q, actor);
      if (ticket.status !== 'called' || ticket.counterId !== counter.id) throw notAtYourCounter(ticket);
      apply(ticket, now);
      await ticketsDb.updateTicket(q, ticket);
      await ticketsDb.insertTicketEvent(q, { ticketId, at: now, kind, counterId: counter.id, clerkId: actor.id });
      await insertAudit(
        q,
        { actorKind: 'staff', actorId: actor.id, action: `ticket.${kind}`, entity: 'ticket', entityId: ticketId },
        now,
      );
      if (counter.currentTicketId === ticketId) {
        counter.currentTicketId = null;
        await countersDb.updateCounterState(q, counter, now);
      }
      return counter.id;
    });
    this.ctx.bus.emit('ticket:changed', ticketId);
    this.ctx.bus.emit('counter:changed', counterId);
    this.ctx.bus.emit('queue:changed');
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
    const affected = await this.ctx.db.tx(async (q) => {
      const ticket = await requireTicket(q, ticketId);
      if (ticket.status === 'finished') throw conflict('TICKET_FINISHED', `Số ${ticket.number} đã được phục vụ xong.`);
      const actorCounter = await countersDb.getCounterByClerk(q, actor.id);
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
        const field = await fieldsDb.getField(q, to.fieldId);
        if (!field)
          throw notFound('FIELD_NOT_FOUND', 'Không tìm thấy lĩnh vực cần chuyển đến.', { fieldId: to.fieldId });
        ticket.fieldId = field.id;
      }
      let target: Counter | undefined;
      if (to.counterId !== undefined) {
        target = await countersDb.getCounter(q, to.counterId);
        if (!target) throw counterNotFound(to.counterId);
      }
      ticket.targetCounterId = target?.id ?? null;
      const fromCounterId = ticket.status === 'called' ? ticket.counterId : null;
      ticket.status = 'waiting';
      ticket.skippedAt = null;
      await ticketsDb.updateTicket(q, ticket);
      await ticketsDb.insertTicketEvent(q, {
        ticketId,
        at: now,
        kind: 'transferred',
        counterId: fromCounterId,
        clerkId: actor.id,
        data: { before, fieldId: ticket.fieldId, targetCounterId: ticket.targetCounterId },
      });
      await insertAudit(
        q,
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
      if (fromCounterId !== null) {
        const from = await countersDb.getCounter(q, fromCounterId);
        if (from && from.currentTicketId === ticketId) {
          from.currentTicketId = null;
          await countersDb.updateCounterState(q, from, now);
        }
      }
      return [fromCounterId, target?.id ?? null].filter((id): id is number => id !== null);
    });
    this.ctx.bus.emit('ticket:changed', ticketId);
    for (const id of affected) this.ctx.bus.emit('counter:changed', id);
    this.ctx.bus.emit('queue:changed');
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
    const released = await this.ctx.db.tx(async (q) => {
      const counter = await countersDb.getCounter(q, counterId);
      if (!counter) throw counterNotFound(counterId);
      if (counter.clerkId !== null && counter.clerkId !== actor.id) {
        const holder = await staffDb.getStaff(q, counter.clerkId);
        throw conflict(
          'COUNTER_TAKEN',
          `Quầy số ${counter.number} đang do ${holder?.fullName ?? 'cán bộ khác'} làm việc.`,
          {
            counterId,
          },
        );
      }
      if (counter.clerkId === actor.id) return null;
      const previous = await countersDb.getCounterByClerk(q, actor.id);
      if (previous) {
        if (previous.currentTicketId) {
          throw conflict(
            'CLERK_BUSY',
            `Bạn đang phục vụ một công dân ở quầy số ${previous.number}. Hãy kết thúc hoặc chuyển số đó trước khi sang quầy khác.`,
          );
        }
        await countersDb.updateCounterState(
          q,
          { ...previous, status: 'closed', clerkId: null, pauseReason: null },
          now,
        );
      }
      await countersDb.updateCounterState(
        q,
        { ...counter, status: 'open', clerkId: actor.id, pauseReason: null, priorityStreak: 0 },
        now,
      );
      await insertAudit(
        q,
        { actorKind: 'staff', actorId: actor.id, action: 'counter.opened', entity: 'counter', entityId: counterId },
        now,
      );
      return previous?.id ?? null;
    });
    if (released !== null) this.ctx.bus.emit('counter:changed', released);
    this.ctx.bus.emit('counter:changed', counterId);
    this.ctx.bus.emit('queue:changed');
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
    await this.ctx.db.tx(async (q) => {
      const counter = await requireOwnCounter(q, counterId, actor);
      const next = change(counter);
      await countersDb.updateCounterState(q, next, now);
      await insertAudit(
        q,
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
    this.ctx.bus.emit('counter:changed', counterId);
    this.ctx.bus.emit('queue:changed');
    return this.getCounter(counterId);
  }

  async getCounter(counterId: number): Promise<CounterDto> {
    return this.ctx.db.read(async (q) => {
      const s = await this.snapshot(q);
      const c = s.counters.find((x) => x.id === counterId);
      if (!c) throw counterNotFound(counterId);
      return this.counterDto(q, s, c);
    });
  }
}

// ------------------------------------------------------------------ checks

async function requireOffice(q: Executor): Promise<Office> {
  const office = await officeDb.getOffice(q);
  if (!office) throw new DomainError('OFFICE_NOT_SET_UP', 'Văn phòng chưa được thiết lập.', 503);
  return office;
}

async function requireTicket(q: Executor, id: string): Promise<Ticket> {
  const t = await ticketsDb.getTicket(q, id);
  if (!t) throw ticketNotFound(id);
  return t;
}

/** The counter, if the actor is the clerk holding it (a clerk acts only on their own counter). */
async function requireOwnCounter(q: Executor, counterId: number, actor: Staff): Promise<Counter> {
  const counter = await countersDb.getCounter(q, counterId);
  if (!counter) throw counterNotFound(counterId);
  if (counter.clerkId !== actor.id) {
    throw forbidden('NOT_YOUR_COUNTER', `Bạn chưa mở quầy số ${counter.number}. Hãy mở quầy trước khi thao tác.`);
  }
  return counter;
}

async function requireActorCounter(q: Executor, actor: Staff): Promise<Counter> {
  const counter = await countersDb.getCounterByClerk(q, actor.id);
  if (!counter) throw forbidden('NO_COUNTER', 'Bạn chưa mở quầy nào. Hãy mở quầy trước khi gọi số.');
  return counter;
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
