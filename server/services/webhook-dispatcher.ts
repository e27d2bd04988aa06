/**
 * Delivers the outbox's webhook deliveries, off the request path.
 *
 * One lane per subscription: its pending deliveries go out one at a time in
 * event order (a receiver sees events in the order they were committed), a
 * failed try waits its backoff before the lane moves on. Lanes run side by
 * side under a global cap on requests in flight, each request with a
 * timeout, so a slow or dead receiver holds only its own lane and never a
 * call or a ticket: the request that made the event has answered long
 * before (it only wrote rows in its own transaction).
 *
 * Everything the dispatcher knows is in the database (pending rows and
 * their next try), so a restart resumes where it stopped; a try cut off by
 * a crash is simply made again with the same delivery id.
 */
import * as integrationDb from '../db/queries/integration';
import { retryDelayMs, signDelivery, type WebhookEvent } from '../domain/integration';
import type { ServiceContext } from './context';

export interface DispatcherOptions {
  /** Wait after the n-th failed try (1-based); null = give up. Default: RETRY_SCHEDULE_MS. Tests shorten it. */
  backoffMs?: (failures: number) => number | null;
  /** How long one try may take before it counts as failed (default 10 s). */
  timeoutMs?: number;
  /** Requests in flight at most, over all subscriptions (default 4). */
  concurrency?: number;
}

interface Lane {
  running: boolean;
  /** Woken while running: look again before stopping. */
  dirty: boolean;
  timer: NodeJS.Timeout | null;
}

/** The body of a delivery: the same bytes on every try of one delivery id (the timestamp is a header). */
export function deliveryBody(d: integrationDb.DeliveryRow, format: integrationDb.WebhookFormat): string {
  const data = format === 'dvcqg' && d.portalData !== null ? d.portalData : d.data;
  // the stored JSON texts are spliced in as they are (not re-serialised)
  return `{"id":${JSON.stringify(d.id)},"event":${JSON.stringify(d.event)},"occurredAt":${JSON.stringify(
    d.occurredAt.toISOString(),
  )},"data":${data}}`;
}

export class WebhookDispatcher {
  private readonly lanes = new Map<number, Lane>();
  private readonly backoff: (failures: number) => number | null;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly controllers = new Set<AbortController>();
  private closed = false;
  private scanQueued = false;
  private readonly idleWaiters = new Set<Promise<void>>();

  constructor(
    private readonly ctx: ServiceContext,
    opts: DispatcherOptions = {},
  ) {
    this.backoff = opts.backoffMs ?? ((n) => retryDelayMs(n));
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
  }

  /** Picks up what was pending before the last stop. */
  start(): void {
    this.kick();
  }

  /** Something was committed to the outbox, or a subscription changed: look at every lane. */
  kick(): void {
    if (this.closed || this.scanQueued) return;
    this.scanQueued = true;
    setImmediate(() => {
      this.scanQueued = false;
      void this.scan().catch((err: unknown) => console.error('[webhooks] scan failed', err));
    });
  }

  private async scan(): Promise<void> {
    if (this.closed) return;
    const hooks = await this.ctx.db.readOne((q) => integrationDb.listWebhooks(q));
    for (const h of hooks) {
      if (!h.active) continue;
      this.wake(h.id);
    }
  }

  private lane(id: number): Lane {
    let l = this.lanes.get(id);
    if (!l) {
      l = { running: false, dirty: false, timer: null };
      this.lanes.set(id, l);
    }
    return l;
  }

  private wake(webhookId: number): void {
    const l = this.lane(webhookId);
    if (l.running) {
      l.dirty = true;
      return;
    }
    if (l.timer) {
      clearTimeout(l.timer);
      l.timer = null;
    }
    l.running = true;
    const run = this.runLane(webhookId, l)
      .catch((err: unknown) => {
        console.error('[webhooks] lane', webhookId, err);
        // try again later rather than never
        if (!this.closed) l.timer = setTimeout(() => this.wake(webhookId), 5_000);
      })
      .finally(() => {
        l.running = false;
        this.idleWaiters.delete(run);
      });
    this.idleWaiters.add(run);
  }

  private async runLane(webhookId: number, l: Lane): Promise<void> {
    for (;;) {
      if (this.closed) return;
      l.dirty = false;
      const hook = await this.ctx.db.readOne((q) => integrationDb.getWebhook(q, webhookId));
      if (!hook || !hook.active) return;
      const d = await this.ctx.db.readOne((q) => integrationDb.nextPendingDelivery(q, webhookId));
      if (!d) {
        if (l.dirty) continue;
        return;
      }
      const wait = d.nextAttemptAt - Date.now();
      if (wait > 0) {
        if (l.dirty) continue;
        l.timer = setTimeout(() => {
          l.timer = null;
          this.wake(webhookId);
        }, wait);
        return;
      }
      await this.acquire();
      let outcome: { ok: boolean; status: number | null; error: string | null };
      const at = Date.now();
      try {
        if (this.closed) return;
        outcome = await this.attempt(hook, d);
      } finally {
        this.release();
      }
      if (this.closed) return;
      const failures = d.attempts + 1;
      const delay = outcome.ok ? null : this.backoff(failures);
      await this.ctx.db.tx((q) =>
        integrationDb.recordAttempt(q, d.id, {
          at,
          ok: outcome.ok,
          status: outcome.status,
          error: outcome.error,
          nextAt: outcome.ok || delay === null ? null : Date.now() + delay,
        }),
      );
    }
  }

  private async attempt(
    hook: integrationDb.WebhookRow,
    d: integrationDb.DeliveryRow,
  ): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const body = deliveryBody(d, hook.format);
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'motcua-webhooks/1',
          'x-motcua-event': d.event as WebhookEvent,
          'x-motcua-delivery': d.id,
          'x-motcua-timestamp': String(timestamp),
          'x-motcua-signature': signDelivery(hook.secret, timestamp, body),
        },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      // the answer's body is not needed; read it so the connection is freed
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
      return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
    } catch (err) {
      const reason = controller.signal.aborted
        ? `Quá thời gian chờ (${Math.round(this.timeoutMs / 1000)} giây) mà bên nhận không trả lời`
        : describeError(err);
      return { ok: false, status: null, error: reason };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.inFlight++;
        resolve();
      }),
    );
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /** Stops: no new tries; tries in flight are cut off (they stay pending and are made again after a restart). */
  async close(): Promise<void> {
    this.closed = true;
    for (const l of this.lanes.values()) if (l.timer) clearTimeout(l.timer);
    for (const c of this.controllers) c.abort(new Error('shutdown'));
    for (const w of this.waiting.splice(0)) w();
    await Promise.allSettled([...this.idleWaiters]);
  }
}

function describeError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'Bên nhận từ chối kết nối (ECONNREFUSED)';
  if (code === 'ENOTFOUND') return 'Không tìm thấy địa chỉ bên nhận (ENOTFOUND)';
  return `${e.message ?? 'Lỗi kết nối'}${code ? ` (${code})` : e.cause?.message ? ` (${e.cause.message})` : ''}`;
}
