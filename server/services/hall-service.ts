/**
 * The supervisor's hall: its snapshot (a function of the live queue, the
 * open alerts and two small cached reads) and the alerts.
 *
 * Alerts are evaluated against the live queue (domain/hall.ts) after a
 * change of the queue (coalesced) and on a timer (waits grow with the
 * clock alone), using the server's clock. A condition that starts holding
 * is stored as a new alert, one that stops is cleared; only once the
 * transaction has committed does the bus carry `alert:raised` /
 * `alert:cleared` (the hall, the clerks concerned, later a webhook).
 * Evaluations run one at a time, so an alert is raised once.
 */
import * as alertsDb from '../db/queries/alerts';
import { insertAudit } from '../db/queries/audit';
import { conflict, notFound } from '../domain/errors';
import {
  alertConditions,
  alertKey,
  countersConcerned,
  fieldTargets,
  meanAndP90,
  officeTargets,
  servingMinutes,
  waitedMinutes,
  waitingAt,
  type AlertCondition,
} from '../domain/hall';
import type { Staff } from '../domain/model';
import { fromZonedWallClock, serviceDay, toIsoWithOffset } from '../domain/time';
import { addDays } from '../domain/calendar';
import type { AlertDto, HallAtRiskDto, HallStateDto, HallTodayDto } from '../protocol/hall';
import type { ServiceContext } from './context';
import type { QueueService } from './queue-service';
import type { ReportService } from './report-service';

/** A change of the queue is looked at this long after it (a burst is one evaluation). */
const EVALUATE_DEBOUNCE_MS = 200;
/** The hall's list of tickets over target is cut here (the counts stay whole). */
const OVER_TARGET_SHOWN = 50;

export interface HallOptions {
  /** How often alerts are evaluated with no change (waits grow with time alone); default 15 s, 0 never. */
  tickMs?: number;
}

export class HallService {
  /** Open alerts by `kind|subject`. */
  private readonly open = new Map<string, alertsDb.AlertRow>();
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private atRiskCache: { at: number; list: HallAtRiskDto[] } | null = null;
  private ratingsCache: { day: string; counts: Map<number, number> } | null = null;
  private closed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly queue: QueueService,
    private readonly reports: ReportService,
    private readonly opts: HallOptions = {},
  ) {}

  async start(): Promise<void> {
    const rows = await this.ctx.db.read((q) => alertsDb.listOpenAlerts(q));
    for (const a of rows) this.open.set(alertKey(a), a);
    this.ctx.bus.on('queue:touched', () => this.schedule());
    this.ctx.bus.on('rating:created', () => {
      this.ratingsCache = null;
      this.ctx.bus.emit('hall:changed');
    });
    this.ctx.bus.on('dossier:changed', () => {
      this.atRiskCache = null;
      this.ctx.bus.emit('hall:changed');
    });
    const tick = this.opts.tickMs ?? 15_000;
    if (tick > 0) {
      this.timer = setInterval(() => {
        void this.evaluate();
        // the minutes shown move with the clock
        this.ctx.bus.emit('hall:changed');
      }, tick);
      this.timer.unref();
    }
    await this.evaluate();
  }

  /** Stops the timer; resolves when an evaluation under way has finished (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    await this.running;
  }

  private schedule(): void {
    this.debounce ??= setTimeout(() => {
      this.debounce = null;
      void this.evaluate();
    }, EVALUATE_DEBOUNCE_MS);
  }

  /** Raises what now holds and clears what stopped; resolves when stored and published. */
  evaluate(): Promise<void> {
    this.running = this.running
      .then(() => (this.closed ? undefined : this.evaluateNow()))
      .catch((err: unknown) => console.error('[hall] alert evaluation failed', err));
    return this.running;
  }

  private async evaluateNow(): Promise<void> {
    const now = this.ctx.clock();
    const live = this.queue.state;
    const holding = new Map<string, AlertCondition>();
    for (const c of alertConditions(live, now)) holding.set(alertKey(c), c);
    const raise = [...holding.entries()].filter(([k]) => !this.open.has(k));
    const clear = [...this.open.entries()].filter(([k]) => !holding.has(k));
    // an alert still open shows its figures as they are now (the log keeps those of the moment it was raised)
    const moved: alertsDb.AlertRow[] = [];
    for (const [k, c] of holding) {
      const a = this.open.get(k);
      if (a && JSON.stringify(a.detail) !== JSON.stringify(c.detail)) {
        a.detail = c.detail;
        moved.push(a);
      }
    }
    if (raise.length === 0 && clear.length === 0) {
      if (moved.length > 0) {
        this.ctx.bus.emit('alerts:changed', this.concerned(moved));
        this.ctx.bus.emit('hall:changed');
      }
      return;
    }
    const raised = await this.ctx.db.tx(async (q, batch) => {
      for (const [, a] of clear) await alertsDb.clearAlert(q, a.id, now);
      const out: alertsDb.AlertRow[] = [];
      for (const [, c] of raise) {
        const row: Omit<alertsDb.AlertRow, 'id'> = {
          kind: c.kind,
          subject: c.subject,
          serviceDay: live.day,
          fieldId: c.fieldId,
          counterId: c.counterId,
          ticketId: c.ticketId,
          raisedAt: now,
          clearedAt: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          detail: c.detail,
        };
        out.push({ ...row, id: await alertsDb.insertAlert(q, row) });
      }
      // webhooks hear of it in this transaction (services/outbox.ts)
      this.ctx.outbox?.stageEvents(batch, [
        ...clear.map(([, a]) => ({
          event: 'alert.cleared' as const,
          occurredAt: now,
          data: { alert: this.dto({ ...a, clearedAt: now }) },
        })),
        ...out.map((a) => ({ event: 'alert.raised' as const, occurredAt: now, data: { alert: this.dto(a) } })),
      ]);
      return out;
    });
    // committed: now the memory and the listeners
    for (const [k, a] of clear) {
      this.open.delete(k);
      this.ctx.bus.emit('alert:cleared', this.dto({ ...a, clearedAt: now }));
    }
    for (const a of raised) {
      this.open.set(alertKey(a), a);
      this.ctx.bus.emit('alert:raised', this.dto(a));
    }
    this.ctx.bus.emit('alerts:changed', this.concerned([...clear.map(([, a]) => a), ...raised, ...moved]));
    this.ctx.bus.emit('hall:changed');
  }

  /** The counters whose clerks see any of these alerts. */
  private concerned(alerts: alertsDb.AlertRow[]): number[] {
    const out = new Set<number>();
    for (const a of alerts) for (const id of countersConcerned(this.queue.state, a)) out.add(id);
    return [...out];
  }

  /** A person has seen the alert (audited); it stays open until its condition stops. */
  async acknowledge(actor: Staff, id: number): Promise<AlertDto> {
    const now = this.ctx.clock();
    // after any evaluation under way, so the alert is not cleared under us half way
    await this.running;
    const row = await this.ctx.db.tx(async (q, batch) => {
      const a = await alertsDb.getAlert(q, id);
      if (!a) throw notFound('ALERT_NOT_FOUND', 'Không tìm thấy cảnh báo này.', { alertId: id });
      if (a.acknowledgedAt) {
        throw conflict('ALERT_ACKNOWLEDGED', 'Cảnh báo này đã được xác nhận.', { alertId: id });
      }
      await alertsDb.acknowledgeAlert(q, id, actor.id, now);
      await insertAudit(
        q,
        {
          actorKind: 'staff',
          actorId: actor.id,
          action: 'alert.acknowledged',
          entity: 'alert',
          entityId: id,
          after: { kind: a.kind, subject: a.subject },
        },
        now,
      );
      const acknowledged = { ...a, acknowledgedAt: now, acknowledgedBy: actor.id };
      this.ctx.outbox?.stageEvents(batch, [
        { event: 'alert.acknowledged', occurredAt: now, data: { alert: this.dto(acknowledged) } },
      ]);
      return acknowledged;
    });
    const key = alertKey(row);
    if (this.open.get(key)?.id === row.id) this.open.set(key, row);
    const dto = this.dto(row);
    this.ctx.bus.emit('alert:acknowledged', dto);
    this.ctx.bus.emit('alerts:changed', this.concerned([row]));
    this.ctx.bus.emit('hall:changed');
    return dto;
  }

  /** The log of some days (newest first). */
  async log(from: string, to: string): Promise<AlertDto[]> {
    const rows = await this.ctx.db.read((q) => alertsDb.listAlerts(q, from, to));
    return rows.map((a) => this.dto(a));
  }

  dto(a: alertsDb.AlertRow): AlertDto {
    const tz = this.queue.state.config.office.timeZone;
    const by = a.acknowledgedBy === null ? undefined : this.queue.state.config.clerks.get(a.acknowledgedBy);
    return {
      id: a.id,
      kind: a.kind,
      ...(a.fieldId !== null ? { fieldId: a.fieldId } : {}),
      ...(a.counterId !== null ? { counterId: a.counterId } : {}),
      ...(a.ticketId !== null ? { ticketId: a.ticketId } : {}),
      raisedAt: toIsoWithOffset(a.raisedAt, tz),
      acknowledgedAt: a.acknowledgedAt && toIsoWithOffset(a.acknowledgedAt, tz),
      acknowledgedBy: by ? { id: by.id, fullName: by.fullName } : null,
      clearedAt: a.clearedAt && toIsoWithOffset(a.clearedAt, tz),
      detail: a.detail,
    };
  }

  /** Open alerts, newest first. */
  openAlerts(): AlertDto[] {
    return [...this.open.values()]
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime() || b.id - a.id)
      .map((a) => this.dto(a));
  }

  /** The open alerts a counter's clerk sees: those naming the counter, and those of its fields. */
  alertsForCounter(counterId: number): AlertDto[] {
    const live = this.queue.state;
    return [...this.open.values()]
      .filter((a) => countersConcerned(live, a).includes(counterId))
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime() || b.id - a.id)
      .map((a) => this.dto(a));
  }

  // ------------------------------------------------------------ snapshot

  /** The hall now: from the live queue (no query but two cached reads). */
  async state(): Promise<HallStateDto> {
    const [atRisk, ratings] = await Promise.all([this.atRisk(), this.ratingsToday()]);
    return this.build(atRisk, ratings);
  }

  private build(atRisk: HallAtRiskDto[], ratings: Map<number, number>): HallStateDto {
    const now = this.ctx.clock();
    const live = this.queue.state;
    const office = live.config.office;
    const tz = office.timeZone;
    const defaults = officeTargets(office.settings);
    const fields = [...live.config.fields.values()]
      .filter((f) => f.active || (live.waiting.get(f.id)?.length ?? 0) > 0)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const times = [60, 45, 30, 15, 0].map((m) => new Date(now.getTime() - m * 60_000));
    const trend = waitingAt(live.tickets.values(), live.day, times);
    const over: HallStateDto['overTarget'] = [];

    const fieldRows = fields.map((f) => {
      const targets = fieldTargets(f, defaults);
      const list = live.waiting.get(f.id) ?? [];
      let longest = 0;
      let overTarget = 0;
      for (const t of list) {
        const waited = waitedMinutes(t, now);
        longest = Math.max(longest, waited);
        if (waited > targets.waitMinutes) {
          overTarget += 1;
          over.push({
            id: t.id,
            number: t.number,
            fieldId: f.id,
            waitedMinutes: waited,
            targetWaitMinutes: targets.waitMinutes,
            priority: t.priority !== null,
          });
        }
      }
      let openCounters = 0;
      for (const c of live.counters.values()) if (c.status === 'open' && c.fieldIds.includes(f.id)) openCounters += 1;
      return {
        id: f.id,
        code: f.code,
        name: f.name,
        waiting: list.length,
        longestWaitMinutes: longest,
        targetWaitMinutes: targets.waitMinutes,
        targetServiceMinutes: targets.serviceMinutes,
        maxQueueLength: targets.maxQueueLength,
        overTarget,
        openCounters,
        trend: trend.get(f.id) ?? times.map(() => 0),
      };
    });

    const counters = [...live.counters.values()]
      .sort((a, b) => a.number - b.number)
      .map((c) => {
        const clerk = c.clerkId === null ? undefined : live.config.clerks.get(c.clerkId);
        const current = c.currentTicketId ? live.tickets.get(c.currentTicketId) : undefined;
        const serving = current && current.status === 'called' ? servingMinutes(current, now) : null;
        const target = current ? fieldTargets(live.config.fields.get(current.fieldId), defaults).serviceMinutes : 0;
        return {
          id: c.id,
          number: c.number,
          name: c.name,
          status: c.status,
          clerk: clerk ? { id: clerk.id, fullName: clerk.fullName } : null,
          currentTicket: current
            ? {
                id: current.id,
                number: current.number,
                fieldId: current.fieldId,
                fieldName: live.config.fields.get(current.fieldId)?.name ?? '',
              }
            : null,
          servingMinutes: serving,
          overTarget: serving !== null && serving > target,
          pauseReason: c.status === 'paused' ? c.pauseReason : null,
          pausedMinutes:
            c.status === 'paused' && c.statusSince
              ? Math.max(0, Math.floor((now.getTime() - c.statusSince.getTime()) / 60_000))
              : null,
          fieldIds: c.fieldIds,
        };
      });

    return {
      fields: fieldRows,
      counters,
      alerts: this.openAlerts(),
      serverTime: toIsoWithOffset(now, tz),
      officeName: office.name,
      overTarget: over.sort((a, b) => b.waitedMinutes - a.waitedMinutes).slice(0, OVER_TARGET_SHOWN),
      today: this.today(ratings),
      atRisk,
    };
  }

  /** Today's figures so far, from the day's tickets in memory. */
  private today(ratings: Map<number, number>): HallTodayDto {
    const live = this.queue.state;
    let issued = 0;
    let served = 0;
    let noShows = 0;
    let directCalls = 0;
    const waits: number[] = [];
    for (const t of live.tickets.values()) {
      if (t.serviceDay !== live.day) continue;
      issued += 1;
      if (t.status === 'finished') served += 1;
      if (t.status === 'skipped') noShows += 1;
      if (t.directCall) directCalls += 1;
      if (t.firstCalledAt) waits.push((t.firstCalledAt.getTime() - t.issuedAt.getTime()) / 60_000);
    }
    const { mean, p90 } = meanAndP90(waits);
    let answers = 0;
    let satisfied = 0;
    for (const [score, n] of ratings) {
      answers += n;
      if (score >= 3) satisfied += n;
    }
    return {
      issued,
      served,
      noShows,
      directCalls,
      meanWaitMinutes: mean,
      p90WaitMinutes: p90,
      ratings: answers,
      satisfiedPercent: answers === 0 ? null : Math.round((satisfied / answers) * 1000) / 10,
    };
  }

  private async ratingsToday(): Promise<Map<number, number>> {
    const live = this.queue.state;
    if (this.ratingsCache?.day === live.day) return this.ratingsCache.counts;
    const tz = live.config.office.timeZone;
    const from = fromZonedWallClock(live.day, 0, tz).getTime();
    const to = fromZonedWallClock(addDays(live.day, 1), 0, tz).getTime();
    const counts = await this.ctx.db.read((q) => alertsDb.scoreCountsBetween(q, from, to));
    this.ratingsCache = { day: live.day, counts };
    return counts;
  }

  /** Dossiers whose Mẫu 04 must go out today or is late and not sent (refreshed each minute and on a change). */
  private async atRisk(): Promise<HallAtRiskDto[]> {
    const now = this.ctx.clock().getTime();
    if (this.atRiskCache && now - this.atRiskCache.at < 60_000 && now >= this.atRiskCache.at) {
      return this.atRiskCache.list;
    }
    const today = serviceDay(this.ctx.clock(), this.queue.state.config.office.timeZone);
    const list = (await this.reports.atRisk())
      .filter((d) => d.apologyDeadline <= today && !d.apologySlip)
      .map((d) => ({
        id: d.id,
        code: d.code,
        procedureName: d.procedureName,
        applicantName: d.applicantName,
        dueAt: d.dueAt,
        risk: d.risk,
        apologyDeadline: d.apologyDeadline,
        apologySent: d.apologyAt !== null,
      }));
    this.atRiskCache = { at: now, list };
    return list;
  }
}
