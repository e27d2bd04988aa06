/**
 * What the screens are sent, as functions of the live queue: no query, no
 * await. Positions and estimates of a field are computed once per version
 * of the queue and shared by every view that shows them.
 */
import type { Counter, Ticket } from '../domain/model';
import {
  candidatesOf,
  openCountersFor,
  positionsInField,
  recentCalls,
  recentServiceMinutes,
  skippedFor,
  waitingCount,
  type LiveQueue,
} from '../domain/live-queue';
import { dailyLimit } from '../domain/numbering';
import { averageServiceMinutes, estimateWaitMinutes } from '../domain/queue';
import { toIsoWithOffset } from '../domain/time';
import { WAITING_SHOWN } from '../protocol/counter-view';
import type {
  BoardCounter,
  CounterDto,
  CounterState,
  FieldDto,
  FieldQueueEvent,
  FieldWaiting,
  TicketCalledEvent,
  TicketDto,
} from '../protocol/dto';

/** A clerk's screen lists this many waiting citizens (the heading says how many wait in all). */
export const COUNTER_WAITING_SHOWN = WAITING_SHOWN;
/** A field's queue event carries a few more, so two fields merged still fill the list. */
const FIELD_QUEUE_SENT = 60;

export class QueueViews {
  private cacheVersion = -1;
  private readonly positions = new Map<number, Map<string, number>>();
  private readonly averages = new Map<number, number>();
  private readonly open = new Map<string, number>();

  constructor(
    private readonly live: LiveQueue,
    private readonly rated: ReadonlySet<string>,
  ) {}

  private fresh(): void {
    if (this.cacheVersion === this.live.version) return;
    this.cacheVersion = this.live.version;
    this.positions.clear();
    this.averages.clear();
    this.open.clear();
    this.dtos.clear();
    this.fieldQueues.clear();
  }

  private ahead(t: Ticket): number {
    this.fresh();
    let p = this.positions.get(t.fieldId);
    if (!p) {
      p = positionsInField(this.live, t.fieldId);
      this.positions.set(t.fieldId, p);
    }
    return p.get(t.id) ?? 0;
  }

  /** Mean service minutes of a field from its recent services (the configured value until there are 3). */
  avgMinutes(fieldId: number): number {
    this.fresh();
    let avg = this.averages.get(fieldId);
    if (avg === undefined) {
      const field = this.live.config.fields.get(fieldId);
      avg = averageServiceMinutes(recentServiceMinutes(this.live, fieldId), field?.avgServiceMinutes ?? 10);
      this.averages.set(fieldId, avg);
    }
    return avg;
  }

  private openFor(fieldId: number, target: number | null): number {
    this.fresh();
    const key = `${fieldId}:${target ?? ''}`;
    let n = this.open.get(key);
    if (n === undefined) {
      n = openCountersFor(this.live, fieldId, target);
      this.open.set(key, n);
    }
    return n;
  }

  private get tz(): string {
    return this.live.config.office.timeZone;
  }

  private readonly dtos = new Map<string, TicketDto>();

  /** A ticket as screens show it (the same object for every view of one version of the queue). */
  ticket(t: Ticket, rated = this.rated.has(t.id)): TicketDto {
    this.fresh();
    const held = this.live.tickets.get(t.id) === t;
    if (held) {
      const dto = this.dtos.get(t.id);
      if (dto && dto.rated === rated) return dto;
    }
    const dto = this.buildTicket(t, rated);
    if (held) this.dtos.set(t.id, dto);
    return dto;
  }

  private buildTicket(t: Ticket, rated: boolean): TicketDto {
    const field = this.live.config.fields.get(t.fieldId);
    const counter = t.counterId === null ? undefined : this.live.counters.get(t.counterId);
    let ahead = 0;
    let estimate = 0;
    if (t.status === 'waiting' && t.serviceDay === this.live.day) {
      ahead = this.ahead(t);
      estimate = estimateWaitMinutes(ahead, this.avgMinutes(t.fieldId), this.openFor(t.fieldId, t.targetCounterId));
    }
    const tz = this.tz;
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
      skippedAt: t.skippedAt && toIsoWithOffset(t.skippedAt, tz),
      arrival: 'rowid' in t && typeof t.rowid === 'number' ? t.rowid : 0,
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

  counter(c: Counter): CounterDto {
    const clerk = c.clerkId === null ? undefined : this.live.config.clerks.get(c.clerkId);
    const current = c.currentTicketId ? this.live.tickets.get(c.currentTicketId) : undefined;
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      fieldIds: c.fieldIds,
      status: c.status,
      pauseReason: c.pauseReason,
      clerk: clerk ? { id: clerk.id, fullName: clerk.fullName } : null,
      currentTicket: current ? this.ticket(current) : null,
    };
  }

  counters(): CounterDto[] {
    return this.sortedCounters().map((c) => this.counter(c));
  }

  sortedCounters(): Counter[] {
    return [...this.live.counters.values()].sort((a, b) => a.number - b.number);
  }

  fields(): FieldDto[] {
    return this.sortedFields().map((f) => {
      const issuedToday = this.live.issued.get(f.id) ?? 0;
      const limit = dailyLimit(f);
      return {
        id: f.id,
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
        active: f.active,
        waiting: waitingCount(this.live, f.id),
        numbering: f.numbering,
        dailyCap: f.dailyCap,
        issuedToday,
        full: limit !== null && issuedToday >= limit,
        avgServiceMinutes: Math.round(this.avgMinutes(f.id) * 10) / 10,
      };
    });
  }

  private sortedFields() {
    return [...this.live.config.fields.values()].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }

  waitingPerField(): FieldWaiting[] {
    return this.sortedFields().map((f) => ({
      fieldId: f.id,
      code: f.code,
      name: f.name,
      waiting: waitingCount(this.live, f.id),
    }));
  }

  /** The `ticket:called` event of a ticket's latest call (null when it was not called at a known counter). */
  called(t: Ticket, recall: boolean): TicketCalledEvent | null {
    const counter = t.counterId === null ? undefined : this.live.counters.get(t.counterId);
    if (!counter || !t.calledAt) return null;
    return {
      ticketId: t.id,
      number: t.number,
      counterNumber: counter.number,
      counterName: counter.name,
      fieldName: this.live.config.fields.get(t.fieldId)?.name ?? '',
      calledAt: toIsoWithOffset(t.calledAt, this.tz),
      recall,
    };
  }

  boardCounters(): BoardCounter[] {
    return this.sortedCounters().map((c) => this.boardCounter(c));
  }

  /** A counter's row on the boards: its number and status, who it serves now. */
  boardCounter(c: Counter): BoardCounter {
    const current = c.currentTicketId ? this.live.tickets.get(c.currentTicketId) : undefined;
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      status: c.status,
      currentNumber: current?.number ?? null,
      fieldName: current ? (this.live.config.fields.get(current.fieldId)?.name ?? null) : null,
      fieldIds: c.fieldIds,
    };
  }

  recentCalls(): TicketCalledEvent[] {
    return recentCalls(this.live)
      .map((t) => this.called(t, t.recallCount > 0))
      .filter((e): e is TicketCalledEvent => e !== null);
  }

  private readonly fieldQueues = new Map<number, FieldQueueEvent>();

  /** One field's common queue (first 60 in arrival order) and no-shows, for `queue:field`. */
  fieldQueue(fieldId: number): FieldQueueEvent {
    this.fresh();
    let e = this.fieldQueues.get(fieldId);
    if (!e) {
      const common = (this.live.waiting.get(fieldId) ?? []).filter((t) => t.targetCounterId === null);
      e = {
        fieldId,
        waiting: common.slice(0, FIELD_QUEUE_SENT).map((t) => this.ticket(t)),
        untargeted: common.length,
        skipped: [...this.live.skipped.values()]
          .filter((t) => t.fieldId === fieldId)
          .sort((a, b) => (b.skippedAt?.getTime() ?? 0) - (a.skippedAt?.getTime() ?? 0) || b.rowid - a.rowid)
          .map((t) => this.ticket(t)),
      };
      this.fieldQueues.set(fieldId, e);
    }
    return e;
  }

  counterState(c: Counter, now: Date): Omit<CounterState, 'seq' | 'epoch'> {
    const day = c.clerkId === null ? undefined : this.live.clerkDay.get(c.clerkId);
    const served = day?.served ?? 0;
    const waiting = candidatesOf(this.live, c);
    const fieldTotals: Record<number, number> = {};
    for (const f of c.fieldIds) fieldTotals[f] = 0;
    let targetedTotal = 0;
    for (const t of waiting) {
      if (t.targetCounterId === null) fieldTotals[t.fieldId] = (fieldTotals[t.fieldId] ?? 0) + 1;
      else targetedTotal += 1;
    }
    return {
      serverTime: toIsoWithOffset(now, this.tz),
      counter: this.counter(c),
      waiting: waiting.slice(0, COUNTER_WAITING_SHOWN).map((t) => this.ticket(t)),
      waitingTotal: waiting.length,
      fieldTotals,
      targetedTotal,
      skipped: skippedFor(this.live, c).map((t) => this.ticket(t)),
      stats: {
        served,
        skipped: day?.skipped ?? 0,
        avgServiceMinutes: served === 0 || !day ? null : Math.round((day.serviceMs / served / 60000) * 10) / 10,
      },
    };
  }
}
