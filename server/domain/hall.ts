/**
 * The supervisor's hall: service targets and the alerts they raise, as
 * pure functions of the live queue and the time now (no I/O; the hall
 * service stores what changes and publishes it).
 *
 * Alerts (issue 16, after Qmatic's KPI alerts and Qminder's "visitor
 * waiting and nobody ready"):
 * - `wait-over-target`: a citizen has waited longer than the field's target wait;
 * - `field-unserved`: citizens wait for a field while no open counter serves it;
 * - `counter-paused`: a counter has been paused longer than the office's limit
 *   while its fields have people waiting;
 * - `service-over-target`: a citizen has been served longer than the field's target.
 * Each condition has one subject (`ticket:…`, `field:…`, `counter:…`): an
 * alert is raised once while its condition holds and cleared when it stops.
 */
import type { Field, Office, Ticket } from './model';
import type { LiveQueue } from './live-queue';

export const ALERT_KINDS = ['wait-over-target', 'field-unserved', 'counter-paused', 'service-over-target'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The office's defaults (office.settings.targets); a field's own targets override them. */
export interface OfficeTargets {
  waitMinutes: number;
  serviceMinutes: number;
  /** Null: no limit shown. */
  maxQueueLength: number | null;
  /** A pause longer than this, while the counter's fields have people waiting, raises an alert. */
  pauseMinutes: number;
}

export const DEFAULT_TARGETS: OfficeTargets = {
  waitMinutes: 30,
  serviceMinutes: 20,
  maxQueueLength: null,
  pauseMinutes: 15,
};

/** The office's defaults from its settings (missing or bad values: the built-in defaults). */
export function officeTargets(settings: Office['settings']): OfficeTargets {
  const raw = (settings.targets ?? {}) as Partial<Record<keyof OfficeTargets, unknown>>;
  const num = (v: unknown, fallback: number | null) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
  return {
    waitMinutes: num(raw.waitMinutes, DEFAULT_TARGETS.waitMinutes)!,
    serviceMinutes: num(raw.serviceMinutes, DEFAULT_TARGETS.serviceMinutes)!,
    maxQueueLength: num(raw.maxQueueLength, DEFAULT_TARGETS.maxQueueLength),
    pauseMinutes: num(raw.pauseMinutes, DEFAULT_TARGETS.pauseMinutes)!,
  };
}

export interface FieldTargets {
  waitMinutes: number;
  serviceMinutes: number;
  maxQueueLength: number | null;
}

/** A field's targets: its own, else the office's. */
export function fieldTargets(field: Field | undefined, office: OfficeTargets): FieldTargets {
  return {
    waitMinutes: field?.targetWaitMinutes ?? office.waitMinutes,
    serviceMinutes: field?.targetServiceMinutes ?? office.serviceMinutes,
    maxQueueLength: field?.maxQueueLength ?? office.maxQueueLength,
  };
}

/** A condition that holds now. */
export interface AlertCondition {
  kind: AlertKind;
  /** What it is about; one open alert per (kind, subject). */
  subject: string;
  fieldId: number | null;
  counterId: number | null;
  ticketId: string | null;
  /** Figures shown with the alert (minutes, numbers). */
  detail: Record<string, string | number | null>;
}

export const alertKey = (a: { kind: string; subject: string }) => `${a.kind}|${a.subject}`;

const minutesBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 60_000);

/** How long a ticket has waited: since it was issued (a transfer keeps its place and its wait). */
export function waitedMinutes(t: Ticket, now: Date): number {
  return Math.max(0, minutesBetween(t.issuedAt, now));
}

/** How long the counter has served its current citizen: since the latest call. */
export function servingMinutes(t: Ticket, now: Date): number {
  return t.calledAt ? Math.max(0, minutesBetween(t.calledAt, now)) : 0;
}

/**
 * Every alert condition that holds now (DOMAIN.md §4 queue; the targets are
 * the office's). Cost: the waiting tickets and the counters, once.
 */
export function alertConditions(state: LiveQueue, now: Date): AlertCondition[] {
  const office = officeTargets(state.config.office.settings);
  const out: AlertCondition[] = [];
  const openServing = new Set<number>();
  for (const c of state.counters.values()) if (c.status === 'open') for (const f of c.fieldIds) openServing.add(f);

  for (const [fieldId, list] of state.waiting) {
    if (list.length === 0) continue;
    const field = state.config.fields.get(fieldId);
    const targets = fieldTargets(field, office);
    // a ticket sent to one open counter by name is served even when the field has none
    const unserved = list.filter(
      (t) => !openServing.has(fieldId) && (t.targetCounterId === null || !isOpen(state, t.targetCounterId)),
    );
    if (unserved.length > 0) {
      out.push({
        kind: 'field-unserved',
        subject: `field:${fieldId}`,
        fieldId,
        counterId: null,
        ticketId: null,
        detail: { waiting: unserved.length, fieldName: field?.name ?? '' },
      });
    }
    for (const t of list) {
      const waited = waitedMinutes(t, now);
      if (waited > targets.waitMinutes) {
        out.push({
          kind: 'wait-over-target',
          subject: `ticket:${t.id}`,
          fieldId,
          counterId: t.targetCounterId,
          ticketId: t.id,
          detail: { number: t.number, minutes: waited, target: targets.waitMinutes, fieldName: field?.name ?? '' },
        });
      }
    }
  }

  for (const c of state.counters.values()) {
    if (c.status === 'paused' && c.statusSince) {
      const paused = minutesBetween(c.statusSince, now);
      const waiting = c.fieldIds.reduce((n, f) => n + (state.waiting.get(f)?.length ?? 0), 0);
      if (paused > office.pauseMinutes && waiting > 0) {
        out.push({
          kind: 'counter-paused',
          subject: `counter:${c.id}`,
          fieldId: null,
          counterId: c.id,
          ticketId: null,
          detail: {
            counterNumber: c.number,
            minutes: paused,
            limit: office.pauseMinutes,
            reason: c.pauseReason,
            waiting,
          },
        });
      }
    }
    const current = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
    if (current && current.status === 'called') {
      const targets = fieldTargets(state.config.fields.get(current.fieldId), office);
      const serving = servingMinutes(current, now);
      if (serving > targets.serviceMinutes) {
        out.push({
          kind: 'service-over-target',
          subject: `service:${current.id}`,
          fieldId: current.fieldId,
          counterId: c.id,
          ticketId: current.id,
          detail: { number: current.number, minutes: serving, target: targets.serviceMinutes, counterNumber: c.number },
        });
      }
    }
  }
  return out;
}

function isOpen(state: LiveQueue, counterId: number): boolean {
  return state.counters.get(counterId)?.status === 'open';
}

/** The counters whose clerks should see an alert: the one it names, or those serving its field. */
export function countersConcerned(state: LiveQueue, a: { fieldId: number | null; counterId: number | null }): number[] {
  if (a.counterId !== null) return [a.counterId];
  if (a.fieldId === null) return [];
  const out: number[] = [];
  for (const c of state.counters.values()) if (c.fieldIds.includes(a.fieldId)) out.push(c.id);
  return out;
}

/** Mean and 90th percentile (nearest rank) of minutes; null when empty. */
export function meanAndP90(values: number[]): { mean: number | null; p90: number | null } {
  if (values.length === 0) return { mean: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const p90 = sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)]!;
  return { mean: Math.round(mean * 10) / 10, p90: Math.round(p90 * 10) / 10 };
}

/**
 * How many waited in a field at each of `times` (oldest first), from the
 * day's tickets: issued by then and not yet called. The hall's trend over
 * the last hour, rebuilt from the live queue (it survives a restart).
 */
export function waitingAt(tickets: Iterable<Ticket>, day: string, times: readonly Date[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const ms = times.map((t) => t.getTime());
  for (const t of tickets) {
    if (t.serviceDay !== day) continue;
    const issued = t.issuedAt.getTime();
    const called = t.firstCalledAt?.getTime() ?? Infinity;
    let row = out.get(t.fieldId);
    for (let i = 0; i < ms.length; i++) {
      if (issued <= ms[i]! && called > ms[i]!) {
        if (!row) {
          row = ms.map(() => 0);
          out.set(t.fieldId, row);
        }
        row[i]! += 1;
      }
    }
  }
  return out;
}
