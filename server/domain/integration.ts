/**
 * Talking to other systems (issue 15): the webhook events, the scopes of an
 * integration key, the retry schedule and the signature of a delivery.
 * Pure: no I/O, time passed in.
 */
import { createHmac } from 'node:crypto';

/** The events a webhook may subscribe to (API-CONTRACT.md "Integration"). */
export const WEBHOOK_EVENTS = [
  'ticket.issued',
  'ticket.called',
  'ticket.finished',
  'ticket.skipped',
  'rating.created',
  'dossier.received',
  'dossier.status_changed',
  'dossier.apology_issued',
  'counter.opened',
  'counter.closed',
  // the live hall (issue 16): raised, cleared when resolved, acknowledged by a person
  'alert.raised',
  'alert.cleared',
  'alert.acknowledged',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a webhook's body carries for dossier events: our DTO, or the national portal's field names. */
export const WEBHOOK_FORMATS = ['motcua', 'dvcqg'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** What an integration key may do. */
export const INTEGRATION_SCOPES = [
  'dossiers:read',
  'dossiers:write',
  'reports:read',
  'queue:read',
  'webhooks:manage',
] as const;
export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];

/** Every integration key starts with this (so a leaked one is recognisable, and it is told from a staff token). */
export const INTEGRATION_KEY_PREFIX = 'mc_';

/**
 * The waits between tries of one delivery: the first retry within 10 s,
 * then growing; their sum is a little over 24 h (API-CONTRACT.md: retried
 * "for at least 24 h"), after which the delivery is marked failed and the
 * admin may resend it.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 3600_000,
  4 * 3600_000,
  6 * 3600_000,
  6 * 3600_000,
  6 * 3600_000,
];

/** The wait after the `failures`-th failed try (1-based), or null once the schedule is spent. */
export function retryDelayMs(failures: number, schedule: readonly number[] = RETRY_SCHEDULE_MS): number | null {
  return schedule[failures - 1] ?? null;
}

/**
 * `X-Motcua-Signature`: `sha256=` and the hex HMAC-SHA256, keyed with the
 * webhook's secret, of `<timestamp>.<raw body>` (the timestamp in unix
 * seconds, the same as `X-Motcua-Timestamp`).
 */
export function signDelivery(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
