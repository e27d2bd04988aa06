/**
 * Zod schemas of every HTTP body, query and socket payload. The types the
 * server and the pages use are `z.infer` of these, so validation and types
 * cannot drift (STYLE.md §1). Front ends import these files with
 * `import type` only, so zod never enters a page bundle.
 */
import { z } from 'zod';
import { PROFILE_IDS } from '../printing/profiles';

export const PRIORITIES = ['elderly', 'disabled', 'pregnant', 'merit', 'child'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const TICKET_STATUSES = ['waiting', 'called', 'finished', 'skipped'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const COUNTER_STATUSES = ['open', 'paused', 'closed'] as const;
export type CounterStatus = (typeof COUNTER_STATUSES)[number];

export const ROLES = ['admin', 'supervisor', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display', 'rating'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Ticket ids are random (the id is what lets a phone follow a ticket). */
export const ticketIdSchema = z.string().regex(/^[a-z0-9]{8,32}$/, { message: 'Mã phiếu không hợp lệ' });

/**
 * The years a date or instant may name: the office calendar (holidays,
 * lunar Tết, due dates up to 365 working days ahead) is computed for these.
 * `0000-01-01` or `9999-12-31T23:59:59+07:00` is a typing slip, not a day.
 */
export const MIN_OFFICE_YEAR = 1901;
export const MAX_OFFICE_YEAR = 2190;
export const OFFICE_YEARS_MESSAGE = `Năm phải từ ${MIN_OFFICE_YEAR} đến ${MAX_OFFICE_YEAR}`;
/** `YYYY-…` names a year within MIN_OFFICE_YEAR … MAX_OFFICE_YEAR. */
export function inOfficeYears(isoText: string): boolean {
  const year = Number(isoText.slice(0, 4));
  return year >= MIN_OFFICE_YEAR && year <= MAX_OFFICE_YEAR;
}

export const positiveIdSchema = z.coerce
  .number({ message: 'Phải là một số' })
  .int({ message: 'Phải là số nguyên' })
  .positive({ message: 'Phải là số dương' });

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, 'Chưa nhập tên đăng nhập').max(64),
  password: z.string().min(1, 'Chưa nhập mật khẩu').max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const createTicketBodySchema = z.object({
  fieldId: z.number({ message: 'Chưa chọn lĩnh vực' }).int().positive(),
  priority: prioritySchema.nullable().optional(),
  procedureId: z.number().int().positive().nullable().optional(),
  lang: z.enum(['vi', 'en']).optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBodySchema>;

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key quá ngắn')
  .max(100, 'Idempotency-Key quá dài')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Idempotency-Key chứa ký tự không hợp lệ');

export const pauseBodySchema = z.object({
  reason: z.string().trim().min(1, 'Hãy nhập lý do tạm dừng').max(200, 'Lý do quá dài (tối đa 200 ký tự)'),
});
export type PauseBody = z.infer<typeof pauseBodySchema>;

export const transferBodySchema = z
  .object({
    fieldId: z.number().int().positive().optional(),
    counterId: z.number().int().positive().optional(),
  })
  .refine((b) => b.fieldId !== undefined || b.counterId !== undefined, {
    message: 'Hãy chọn lĩnh vực hoặc quầy để chuyển đến',
    path: ['fieldId'],
  });
export type TransferBody = z.infer<typeof transferBodySchema>;

export const RATING_REASONS = ['attitude', 'long_wait', 'unclear_guidance', 'late_result', 'other'] as const;
export const ratingBodySchema = z.object({
  ticketId: ticketIdSchema,
  score: z
    .number({ message: 'Chưa chọn mức độ hài lòng' })
    .int()
    .min(1, 'Mức độ từ 1 đến 4')
    .max(4, 'Mức độ từ 1 đến 4'),
  reasons: z.array(z.enum(RATING_REASONS)).max(5).optional(),
  comment: z.string().trim().max(500, 'Góp ý quá dài (tối đa 500 ký tự)').optional(),
  /** The key in the ticket's QR (`?k=` of the phone link): proof that the phone holds the ticket. */
  ticketKey: z.string().max(64, 'Mã QR của phiếu không hợp lệ').optional(),
});
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const proceduresQuerySchema = z.object({
  fieldId: positiveIdSchema.optional(),
});

/** Socket payloads (client → server). */
export const ticketWatchSchema = z.object({ ticketId: ticketIdSchema });
export type TicketWatchPayload = z.infer<typeof ticketWatchSchema>;

/** A kiosk's or counter's printer (device settings `printer`); see docs/api/kiosk.md. */
export const PRINT_ROUTES = ['codepage', 'tcvn3', 'raster'] as const;
const pageNumber = z.number().int().min(0, 'Bảng mã từ 0 đến 255').max(255, 'Bảng mã từ 0 đến 255');
export const printerSettingsSchema = z.object({
  address: z
    .string({ message: 'Chưa nhập địa chỉ máy in' })
    .trim()
    .max(200, 'Địa chỉ máy in quá dài')
    .regex(
      /^(none|\/[A-Za-z0-9_./-]+|usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}|serial:[A-Za-z0-9_./\\-]+(@\d{3,7})?|(tcp:\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?)$/,
      'Địa chỉ máy in phải là "máy:cổng" (ví dụ 192.168.1.50:9100), "usb:mã hãng:mã máy" (ví dụ usb:0416:5011), "serial:cổng" (ví dụ serial:/dev/ttyUSB0@9600), đường dẫn thiết bị (/dev/usb/lp0) hoặc "none"',
    ),
  /** A shipped profile (server/printing/profiles.ts); the fields below override it. */
  profile: z.enum(PROFILE_IDS, { message: 'Không có mẫu máy in này' }).optional(),
  route: z.enum(PRINT_ROUTES, { message: 'Cách in phải là "codepage", "tcvn3" hoặc "raster"' }).optional(),
  widthDots: z
    .union([z.literal(384), z.literal(576)], { message: 'Khổ in phải là 384 (58 mm) hoặc 576 (80 mm) điểm' })
    .optional(),
  codePage: pageNumber.optional(),
  /** tcvn3 route: the uppercase TCVN-3 page, or null when the printer has none. */
  upperCodePage: pageNumber.nullable().optional(),
  cancelKanji: z.boolean().optional(),
  cutter: z.boolean().optional(),
  qr: z.enum(['native', 'raster'], { message: 'Mã QR phải là "native" hoặc "raster"' }).optional(),
  /** Ask the printer's status (DLE EOT) before and after each job; default true. */
  statusCheck: z.boolean().optional(),
});
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

/** POST /api/printers/:deviceId/drop: the held jobs staff chose not to print (all when absent). */
export const dropJobsSchema = z.object({
  jobIds: z.array(z.string().min(1).max(64), { message: 'jobIds phải là danh sách mã phiếu in' }).max(500).optional(),
});
