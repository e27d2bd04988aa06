/**
 * Integration keys and webhook subscriptions (issue 15): created, listed,
 * revoked and changed by the admin, each change audited in its own
 * transaction; a key's use is audited too.
 */
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/database';
import { insertAudit, type AuditEntry } from '../db/queries/audit';
import * as integrationDb from '../db/queries/integration';
import * as officeDb from '../db/queries/office';
import { DomainError, notFound } from '../domain/errors';
import { INTEGRATION_KEY_PREFIX, type IntegrationScope, type WebhookEvent } from '../domain/integration';
import type { Staff } from '../domain/model';
import { fromZonedWallClock, OFFICE_TIME_ZONE, toIsoWithOffset } from '../domain/time';
import type {
  IntegrationKeyCreateBody,
  IntegrationKeyCreatedDto,
  IntegrationKeyDto,
  WebhookCreateBody,
  WebhookCreatedDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookUpdateBody,
} from '../protocol/integration';
import { sha256 } from './auth';
import type { ServiceContext } from './context';
import type { WebhookDispatcher } from './webhook-dispatcher';

/** The program calling with an integration key. */
export interface IntegrationCaller {
  id: number;
  name: string;
  scopes: IntegrationScope[];
}

const keyNotFound = () => notFound('INTEGRATION_KEY_NOT_FOUND', 'Không tìm thấy khóa tích hợp này.');
const webhookNotFound = () => notFound('WEBHOOK_NOT_FOUND', 'Không tìm thấy webhook này.');

export class IntegrationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  private async timeZone(q: Executor): Promise<string> {
    return (await officeDb.getOffice(q))?.timeZone ?? OFFICE_TIME_ZONE;
  }

  private audit(q: Executor, actor: Staff, action: string, entity: string, id: number | string, after: unknown) {
    const e: AuditEntry = { actorKind: 'staff', actorId: actor.id, action, entity, entityId: id, after };
    return insertAudit(q, e, this.ctx.clock());
  }

  // ---------------------------------------------------------------- keys

  private keyDto(k: integrationDb.IntegrationKeyRow, tz: string): IntegrationKeyDto {
    const iso = (d: Date | null) => (d ? toIsoWithOffset(d, tz) : null);
    const now = this.ctx.clock();
    return {
      id: k.id,
      name: k.name,
      scopes: k.scopes as IntegrationScope[],
      prefix: k.prefix,
      createdAt: toIsoWithOffset(k.createdAt, tz),
      expiresAt: iso(k.expiresAt),
      revokedAt: iso(k.revokedAt),
      lastUsedAt: iso(k.lastUsedAt),
      useCount: k.useCount,
      state: k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active',
    };
  }

  async createKey(admin: Staff, body: IntegrationKeyCreateBody): Promise<IntegrationKeyCreatedDto> {
    const key = `${INTEGRATION_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const now = this.ctx.clock();
    return this.ctx.db.tx(async (q) => {
      const tz = await this.timeZone(q);
      // a date alone: the key works to the end of that day in the office's time
      const expiresAt = body.expiresAt
        ? /^\d{4}-\d{2}-\d{2}$/.test(body.expiresAt)
          ? fromZonedWallClock(body.expiresAt, 24 * 60, tz)
          : new Date(body.expiresAt)
        : null;
      if (expiresAt && expiresAt <= now) {
        throw new DomainError('VALIDATION_ERROR', 'Trường "expiresAt" không hợp lệ: ngày hết hạn đã qua.', 400, {
          field: 'expiresAt',
        });
      }
      const scopes = [...new Set(body.scopes)];
      const id = await integrationDb.insertIntegrationKey(
        q,
        { name: body.name, scopes, keyHash: sha256(key), prefix: key.slice(0, 8), createdBy: admin.id, expiresAt },
        now,
      );
      await this.audit(q, admin, 'integration_key.created', 'integration_key', id, {
        name: body.name,
        scopes,
        expiresAt: expiresAt?.toISOString() ?? null,
      });
      return { ...this.keyDto((await integrationDb.getIntegrationKey(q, id))!, tz), key };
    });
  }

  async listKeys(): Promise<IntegrationKeyDto[]> {
    return this.ctx.db.read(async (q) => {
      const tz = await this.timeZone(q);
      return (await integrationDb.listIntegrationKeys(q)).map((k) => this.keyDto(k, tz));
    });
  }

  /** Revoked at once: the next request with it gets 401. */
  async revokeKey(admin: Staff, id: number): Promise<IntegrationKeyDto> {
    return this.ctx.db.tx(async (q) => {
      const k = await integrationDb.getIntegrationKey(q, id);
      if (!k) throw keyNotFound();
      if (await integrationDb.revokeIntegrationKey(q, id, this.ctx.clock())) {
        await this.audit(q, admin, 'integration_key.revoked', 'integration_key', id, { name: k.name });
      }
      return this.keyDto((await integrationDb.getIntegrationKey(q, id))!, await this.timeZone(q));
    });
  }

  /** The program holding this key, if it is neither revoked nor expired. */
  async callerForKey(key: string): Promise<IntegrationCaller | undefined> {
    const k = await this.ctx.db.readOne((q) => integrationDb.integrationKeyByHash(q, sha256(key)));
    if (!k || k.revokedAt || (k.expiresAt && k.expiresAt <= this.ctx.clock())) return undefined;
    return { id: k.id, name: k.name, scopes: k.scopes as IntegrationScope[] };
  }

  /** Every use of a key is in the audit log (what was asked), and its last use on the key. */
  async recordUse(k: IntegrationCaller, method: string, path: string): Promise<void> {
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      await integrationDb.markIntegrationKeyUsed(q, k.id, now);
      await insertAudit(
        q,
        {
          actorKind: 'system',
          actorId: null,
          action: 'integration_key.used',
          entity: 'integration_key',
          entityId: k.id,
          after: { name: k.name, request: `${method} ${path}` },
        },
        now,
      );
    });
  }

  // ------------------------------------------------------------ webhooks

  private webhookDto(
    w: integrationDb.WebhookRow,
    tz: string,
    counts: Map<number, { pending: number; delivered: number; failed: number }>,
  ): WebhookDto {
    return {
      id: w.id,
      url: w.url,
      events: w.events as WebhookEvent[],
      format: w.format,
      active: w.active,
      description: w.description,
      createdAt: toIsoWithOffset(w.createdAt, tz),
      counts: counts.get(w.id) ?? { pending: 0, delivered: 0, failed: 0 },
    };
  }

  /** The actor of a webhook change: an admin, or a program with `webhooks:manage` (audited as the system). */
  private actorAudit(q: Executor, actor: Staff | IntegrationCaller, action: string, id: number, after: unknown) {
    if ('role' in actor) return this.audit(q, actor, action, 'webhook', id, after);
    return insertAudit(
      q,
      {
        actorKind: 'system',
        actorId: null,
        action,
        entity: 'webhook',
        entityId: id,
        after: { ...(after as object), integrationKey: actor.id },
      },
      this.ctx.clock(),
    );
  }

  async createWebhook(actor: Staff | IntegrationCaller, body: WebhookCreateBody): Promise<WebhookCreatedDto> {
    const secret = body.secret ?? randomBytes(24).toString('hex');
    const now = this.ctx.clock();
    if (body.active) this.ctx.outbox?.widen(body.events);
    const dto = await this.ctx.db.tx(async (q) => {
      const events = [...new Set(body.events)];
      const id = await integrationDb.insertWebhook(
        q,
        {
          url: body.url,
          events,
          secret,
          active: body.active,
          format: body.format,
          description: body.description || null,
        },
        now,
      );
      await this.actorAudit(q, actor, 'webhook.created', id, { url: body.url, events, format: body.format });
      return {
        ...this.webhookDto((await integrationDb.getWebhook(q, id))!, await this.timeZone(q), new Map()),
        secret,
      };
    });
    await this.subscriptionsChanged();
    return dto;
  }

  async updateWebhook(actor: Staff | IntegrationCaller, id: number, body: WebhookUpdateBody): Promise<WebhookDto> {
    if (body.active) this.ctx.outbox?.widen(body.events);
    const dto = await this.ctx.db.tx(async (q) => {
      if (!(await integrationDb.getWebhook(q, id))) throw webhookNotFound();
      const events = [...new Set(body.events)];
      await integrationDb.updateWebhook(
        q,
        id,
        { url: body.url, events, active: body.active, format: body.format, description: body.description || null },
        this.ctx.clock(),
      );
      await this.actorAudit(q, actor, 'webhook.updated', id, { ...body, events });
      return this.webhookDto(
        (await integrationDb.getWebhook(q, id))!,
        await this.timeZone(q),
        await integrationDb.deliveryCounts(q),
      );
    });
    await this.subscriptionsChanged();
    return dto;
  }

  async deleteWebhook(actor: Staff | IntegrationCaller, id: number): Promise<void> {
    await this.ctx.db.tx(async (q) => {
      const w = await integrationDb.getWebhook(q, id);
      if (!w) throw webhookNotFound();
      await integrationDb.deleteWebhook(q, id);
      await this.actorAudit(q, actor, 'webhook.deleted', id, { url: w.url });
    });
    await this.subscriptionsChanged();
  }

  private async subscriptionsChanged(): Promise<void> {
    await this.ctx.outbox?.refresh(this.ctx.db);
    this.dispatcher.kick();
  }

  async listWebhooks(): Promise<WebhookDto[]> {
    return this.ctx.db.read(async (q) => {
      const tz = await this.timeZone(q);
      const counts = await integrationDb.deliveryCounts(q);
      return (await integrationDb.listWebhooks(q)).map((w) => this.webhookDto(w, tz, counts));
    });
  }

  async deliveries(webhookId: number): Promise<WebhookDeliveryDto[]> {
    return this.ctx.db.read(async (q) => {
      if (!(await integrationDb.getWebhook(q, webhookId))) throw webhookNotFound();
      const tz = await this.timeZone(q);
      const iso = (ms: number | null) => (ms === null ? null : toIsoWithOffset(new Date(ms), tz));
      return (await integrationDb.listDeliveries(q, webhookId)).map((d) => ({
        id: d.id,
        event: d.event as WebhookEvent,
        occurredAt: toIsoWithOffset(d.occurredAt, tz),
        status: d.status,
        attempts: d.attempts,
        lastAttemptAt: iso(d.lastAttemptAt),
        lastStatus: d.lastStatus,
        lastError: d.lastError,
        nextAttemptAt: d.status === 'pending' ? iso(Math.max(d.nextAttemptAt, d.createdAt.getTime())) : null,
        deliveredAt: iso(d.deliveredAt),
      }));
    });
  }

  /** Sends a delivery again, with the same delivery id (the receiver de-duplicates on it). */
  async resend(actor: Staff | IntegrationCaller, webhookId: number, deliveryId: string): Promise<void> {
    await this.ctx.db.tx(async (q) => {
      const d = await integrationDb.getDelivery(q, deliveryId);
      if (!d || d.webhookId !== webhookId) {
        throw notFound('DELIVERY_NOT_FOUND', 'Không tìm thấy lần gửi này của webhook.');
      }
      await integrationDb.resendDelivery(q, deliveryId);
      await this.actorAudit(q, actor, 'webhook.resent', webhookId, { delivery: deliveryId, event: d.event });
    });
    this.dispatcher.kick();
  }
}
