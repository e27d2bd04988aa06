/**
 * Integration (issue 15): integration keys, webhook subscriptions, the
 * deliveries the admin sees. Pages import this file with `import type` only.
 */
import { z } from 'zod';
import {
  INTEGRATION_SCOPES,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type IntegrationScope,
  type WebhookEvent,
  type WebhookFormat,
} from '../domain/integration';
import { inOfficeYears, OFFICE_YEARS_MESSAGE } from './schemas';

const name = z
  .string({ message: 'Chưa nhập tên' })
  .trim()
  .min(1, 'Chưa nhập tên')
  .max(100, 'Tên quá dài (tối đa 100 ký tự)');

export const integrationKeyCreateSchema = z.object({
  name,
  scopes: z
    .array(z.enum(INTEGRATION_SCOPES, { message: `Quyền phải là một trong: ${INTEGRATION_SCOPES.join(', ')}` }), {
      message: 'Chưa chọn quyền',
    })
    .min(1, 'Chọn ít nhất một quyền')
    .max(INTEGRATION_SCOPES.length, 'Quá nhiều quyền'),
  /** When the key stops working (ISO date-time with offset, or a date: the end of that day); absent: never. */
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      message: 'Ngày hết hạn phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SS+07:00',
    })
    .refine(inOfficeYears, OFFICE_YEARS_MESSAGE)
    .nullable()
    .optional(),
});
export type IntegrationKeyCreateBody = z.infer<typeof integrationKeyCreateSchema>;

/** An http(s) address: loopback and LAN included (the province's adapter often sits on the LAN). */
const webhookUrl = z
  .string({ message: 'Chưa nhập địa chỉ nhận (URL)' })
  .trim()
  .max(2000, 'Địa chỉ quá dài')
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'Địa chỉ nhận phải là một URL http:// hoặc https:// (ví dụ http://10.0.0.5:8080/motcua)');

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `Sự kiện phải là một trong: ${WEBHOOK_EVENTS.join(', ')}` }), {
    message: 'Chưa chọn sự kiện',
  })
  .min(1, 'Chọn ít nhất một sự kiện')
  .max(WEBHOOK_EVENTS.length, 'Quá nhiều sự kiện');

const format = z.enum(WEBHOOK_FORMATS, { message: 'Định dạng phải là motcua hoặc dvcqg' });

export const webhookCreateSchema = z.object({
  url: webhookUrl,
  events,
  /** The HMAC key; absent: one is generated. Shown once in the answer. */
  secret: z
    .string({ message: 'Khóa bí mật phải là chuỗi ký tự' })
    .min(16, 'Khóa bí mật phải có ít nhất 16 ký tự')
    .max(200, 'Khóa bí mật quá dài')
    .optional(),
  format: format.default('motcua'),
  active: z.boolean({ message: 'Chọn có hoặc không' }).default(true),
  description: z.string().trim().max(200, 'Mô tả quá dài (tối đa 200 ký tự)').optional(),
});
export type WebhookCreateBody = z.infer<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.object({
  url: webhookUrl,
  events,
  format,
  active: z.boolean({ message: 'Chọn có hoặc không' }),
  description: z.string().trim().max(200, 'Mô tả quá dài (tối đa 200 ký tự)').optional(),
});
export type WebhookUpdateBody = z.infer<typeof webhookUpdateSchema>;

export const deliveryIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Mã lần gửi không hợp lệ');

export const portalExportQuerySchema = z.object({
  format: z.enum(['json', 'csv'], { message: 'Định dạng phải là json hoặc csv' }).default('json'),
  /** YYYY-MM-DD: received from that day (office zone). */
  from: z.iso
    .date({ message: 'Ngày phải có dạng YYYY-MM-DD' })
    .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE })
    .optional(),
  /** YYYY-MM-DD: received up to the end of that day. */
  to: z.iso
    .date({ message: 'Ngày phải có dạng YYYY-MM-DD' })
    .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE })
    .optional(),
});

// -------------------------------------------------------------- answers

export interface IntegrationKeyDto {
  id: number;
  name: string;
  scopes: IntegrationScope[];
  /** The key's first characters (the key itself is shown once, at creation). */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
  /** active · expired · revoked */
  state: 'active' | 'expired' | 'revoked';
}

/** POST /api/admin/integration-keys: the key, once. */
export interface IntegrationKeyCreatedDto extends IntegrationKeyDto {
  key: string;
}

export interface WebhookDto {
  id: number;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  active: boolean;
  description: string | null;
  createdAt: string;
  /** Deliveries per status (the admin's overview). */
  counts: { pending: number; delivered: number; failed: number };
}

/** POST /api/admin/webhooks: the secret, once. */
export interface WebhookCreatedDto extends WebhookDto {
  secret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  event: WebhookEvent;
  occurredAt: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}
