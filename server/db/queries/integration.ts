/** Integration keys, webhook subscriptions, the outbox and its deliveries (issue 15). */
import type { Executor } from '../database';

// ------------------------------------------------------------------ keys

export interface IntegrationKeyRow {
  id: number;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  createdBy: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  useCount: number;
}

interface KeyDbRow {
  id: number;
  name: string;
  scopes: string;
  prefix: string;
  created_at: number;
  created_by: number | null;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  use_count: number;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

const toKey = (r: KeyDbRow): IntegrationKeyRow => ({
  id: r.id,
  name: r.name,
  scopes: JSON.parse(r.scopes) as string[],
  prefix: r.prefix,
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  expiresAt: date(r.expires_at),
  revokedAt: date(r.revoked_at),
  lastUsedAt: date(r.last_used_at),
  useCount: r.use_count,
});

export async function insertIntegrationKey(
  q: Executor,
  k: { name: string; scopes: string[]; keyHash: string; prefix: string; createdBy: number; expiresAt: Date | null },
  now: Date,
): Promise<number> {
  const r = await q.run(
    'INSERT INTO integration_keys (name, scopes, key_hash, prefix, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [k.name, JSON.stringify(k.scopes), k.keyHash, k.prefix, now.getTime(), k.createdBy, k.expiresAt?.getTime() ?? null],
  );
  return r.lastID;
}

export async function getIntegrationKey(q: Executor, id: number): Promise<IntegrationKeyRow | undefined> {
  const r = await q.get<KeyDbRow>('SELECT * FROM integration_keys WHERE id = ?', [id]);
  return r && toKey(r);
}

export async function integrationKeyByHash(q: Executor, hash: string): Promise<IntegrationKeyRow | undefined> {
  const r = await q.get<KeyDbRow>('SELECT * FROM integration_keys WHERE key_hash = ?', [hash]);
  return r && toKey(r);
}

export async function listIntegrationKeys(q: Executor): Promise<IntegrationKeyRow[]> {
  return (await q.all<KeyDbRow>('SELECT * FROM integration_keys ORDER BY id')).map(toKey);
}

export async function revokeIntegrationKey(q: Executor, id: number, now: Date): Promise<boolean> {
  const r = await q.run('UPDATE integration_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
    now.getTime(),
    id,
  ]);
  return r.changes > 0;
}

export async function markIntegrationKeyUsed(q: Executor, id: number, now: Date): Promise<void> {
  await q.run('UPDATE integration_keys SET last_used_at = ?, use_count = use_count + 1 WHERE id = ?', [
    now.getTime(),
    id,
  ]);
}

// -------------------------------------------------------------- webhooks

export type WebhookFormat = 'motcua' | 'dvcqg';

export interface WebhookRow {
  id: number;
  url: string;
  events: string[];
  secret: string;
  active: boolean;
  format: WebhookFormat;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface WebhookDbRow {
  id: number;
  url: string;
  events: string;
  secret: string;
  active: number;
  format: WebhookFormat;
  description: string | null;
  created_at: number;
  updated_at: number;
}

const toWebhook = (r: WebhookDbRow): WebhookRow => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as string[],
  secret: r.secret,
  active: r.active === 1,
  format: r.format,
  description: r.description,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export interface WebhookInsert {
  url: string;
  events: string[];
  secret: string;
  active: boolean;
  format: WebhookFormat;
  description: string | null;
}

export async function insertWebhook(q: Executor, w: WebhookInsert, now: Date): Promise<number> {
  const r = await q.run(
    'INSERT INTO webhooks (url, events, secret, active, format, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      w.url,
      JSON.stringify(w.events),
      w.secret,
      w.active ? 1 : 0,
      w.format,
      w.description,
      now.getTime(),
      now.getTime(),
    ],
  );
  return r.lastID;
}

export async function updateWebhook(
  q: Executor,
  id: number,
  w: Omit<WebhookInsert, 'secret'>,
  now: Date,
): Promise<void> {
  await q.run(
    'UPDATE webhooks SET url = ?, events = ?, active = ?, format = ?, description = ?, updated_at = ? WHERE id = ?',
    [w.url, JSON.stringify(w.events), w.active ? 1 : 0, w.format, w.description, now.getTime(), id],
  );
}

export async function deleteWebhook(q: Executor, id: number): Promise<void> {
  await q.run('DELETE FROM webhook_deliveries WHERE webhook_id = ?', [id]);
  await q.run('DELETE FROM webhooks WHERE id = ?', [id]);
}

export async function getWebhook(q: Executor, id: number): Promise<WebhookRow | undefined> {
  const r = await q.get<WebhookDbRow>('SELECT * FROM webhooks WHERE id = ?', [id]);
  return r && toWebhook(r);
}

export async function listWebhooks(q: Executor): Promise<WebhookRow[]> {
  return (await q.all<WebhookDbRow>('SELECT * FROM webhooks ORDER BY id')).map(toWebhook);
}

// ---------------------------------------------------------------- outbox

export interface OutboxEvent {
  event: string;
  occurredAt: Date;
  data: unknown;
  /** The dossier in the national portal's names (dossier events). */
  portalData?: unknown;
}

/**
 * Writes events to the outbox and, in the same statement group, one
 * pending delivery per active subscription that listens to each event (the
 * delivery id is random, made by SQLite). Runs inside the transaction of
 * the change the events report.
 */
export async function insertOutboxEvents(q: Executor, events: readonly OutboxEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 200) {
    const part = events.slice(i, i + 200);
    const r = await q.run(
      `INSERT INTO webhook_events (event, occurred_at, data, portal_data) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`,
      part.flatMap((e) => [
        e.event,
        e.occurredAt.getTime(),
        JSON.stringify(e.data),
        e.portalData === undefined ? null : JSON.stringify(e.portalData),
      ]),
    );
    // one multi-row INSERT on the single writer: its rowids are consecutive, ending at lastID
    const first = r.lastID - part.length + 1;
    await q.run(
      `INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, attempts, next_attempt_at, created_at)
       SELECT lower(hex(randomblob(16))), w.id, e.id, 'pending', 0, 0, e.occurred_at
         FROM webhook_events e JOIN webhooks w
           -- w.events is a JSON array of event names (a fixed set, no quotes inside): "name" appears in it
           ON w.active = 1 AND instr(w.events, '"' || e.event || '"') > 0
        WHERE e.id BETWEEN ? AND ?
        ORDER BY e.id, w.id`,
      [first, r.lastID],
    );
  }
}

// ------------------------------------------------------------ deliveries

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: string;
  webhookId: number;
  eventId: number;
  event: string;
  occurredAt: Date;
  data: string;
  portalData: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  firstAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: Date;
}

interface DeliveryDbRow {
  id: string;
  webhook_id: number;
  event_id: number;
  event: string;
  occurred_at: number;
  data: string;
  portal_data: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  first_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}

const toDelivery = (r: DeliveryDbRow): DeliveryRow => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  event: r.event,
  occurredAt: new Date(r.occurred_at),
  data: r.data,
  portalData: r.portal_data,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  firstAttemptAt: r.first_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  createdAt: new Date(r.created_at),
});

const DELIVERY_SELECT = `SELECT d.*, e.event, e.occurred_at, e.data, e.portal_data
  FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

/** The head of a subscription's lane: its oldest pending delivery. */
export async function nextPendingDelivery(q: Executor, webhookId: number): Promise<DeliveryRow | undefined> {
  const r = await q.get<DeliveryDbRow>(
    `${DELIVERY_SELECT} WHERE d.webhook_id = ? AND d.status = 'pending' ORDER BY d.event_id LIMIT 1`,
    [webhookId],
  );
  return r && toDelivery(r);
}

export async function listDeliveries(q: Executor, webhookId: number, limit = 200): Promise<DeliveryRow[]> {
  return (
    await q.all<DeliveryDbRow>(`${DELIVERY_SELECT} WHERE d.webhook_id = ? ORDER BY d.event_id DESC LIMIT ?`, [
      webhookId,
      limit,
    ])
  ).map(toDelivery);
}

export async function getDelivery(q: Executor, id: string): Promise<DeliveryRow | undefined> {
  const r = await q.get<DeliveryDbRow>(`${DELIVERY_SELECT} WHERE d.id = ?`, [id]);
  return r && toDelivery(r);
}

/** One attempt's outcome. */
export async function recordAttempt(
  q: Executor,
  id: string,
  a: {
    at: number;
    ok: boolean;
    status: number | null;
    error: string | null;
    /** The next try (ms); null: give up (failed). */
    nextAt: number | null;
  },
): Promise<void> {
  await q.run(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?,
        first_attempt_at = COALESCE(first_attempt_at, ?), last_status = ?, last_error = ?,
        status = ?, delivered_at = ?, next_attempt_at = ?
      WHERE id = ?`,
    [
      a.at,
      a.at,
      a.status,
      a.error,
      a.ok ? 'delivered' : a.nextAt === null ? 'failed' : 'pending',
      a.ok ? a.at : null,
      a.nextAt ?? 0,
      id,
    ],
  );
}

/** The admin asks for it again: pending now, with the same delivery id; tries count anew. */
export async function resendDelivery(q: Executor, id: string): Promise<void> {
  await q.run(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = 0,
        delivered_at = NULL WHERE id = ?`,
    [id],
  );
}

/** Deliveries per subscription and status. */
export async function deliveryCounts(
  q: Executor,
): Promise<Map<number, { pending: number; delivered: number; failed: number }>> {
  const rows = await q.all<{ webhook_id: number; status: DeliveryStatus; n: number }>(
    'SELECT webhook_id, status, COUNT(*) AS n FROM webhook_deliveries GROUP BY webhook_id, status',
  );
  const out = new Map<number, { pending: number; delivered: number; failed: number }>();
  for (const r of rows) {
    const c = out.get(r.webhook_id) ?? { pending: 0, delivered: 0, failed: 0 };
    c[r.status] = r.n;
    out.set(r.webhook_id, c);
  }
  return out;
}
