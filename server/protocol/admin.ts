/**
 * Office administration (/api/admin/…): zod schemas of the bodies and the
 * shapes answered. Pages import this file with `import type` only.
 */
import { z } from 'zod';
import { calendarEditSchema, type CalendarDayDto } from './dossiers';
import { FORM_SETS, type FormSet } from '../domain/form-sets';
import { DEVICE_KINDS, ROLES, type DeviceKind, type Role } from './schemas';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM (ví dụ 07:30)');
const session = z
  .object({ start: hhmm, end: hhmm })
  .refine((s) => s.start < s.end, { message: 'Giờ kết thúc phải sau giờ bắt đầu', path: ['end'] });

const text = (label: string, max: number) =>
  z
    .string({ message: `Chưa nhập ${label}` })
    .trim()
    .max(max, `${label} quá dài (tối đa ${max} ký tự)`);
const required = (label: string, max: number) => text(label, max).min(1, `Chưa nhập ${label}`);

/** Minutes of a target: a whole number from 1 to 480. */
const minutes = (label: string) =>
  z
    .number({ message: `${label} phải là số phút` })
    .int(`${label} phải là số nguyên`)
    .min(1, `${label} từ 1 đến 480 phút`)
    .max(480, `${label} từ 1 đến 480 phút`);

const optionalInt = (label: string) =>
  z
    .number({ message: `${label} phải là số` })
    .int(`${label} phải là số nguyên`)
    .positive(`${label} phải lớn hơn 0`)
    .nullable();

export const PASSWORD_MIN = 8;
export const passwordSchema = z
  .string({ message: 'Chưa nhập mật khẩu' })
  .min(PASSWORD_MIN, `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự`)
  .max(200, 'Mật khẩu quá dài');

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const officeBodySchema = z
  .object({
    name: required('tên cơ quan', 200),
    parentName: text('cơ quan chủ quản', 200),
    level: z.enum(['huyen', 'xa'], { message: 'Cấp phải là huyện hoặc xã' }),
    code: text('mã đơn vị', 40),
    address: text('địa chỉ', 300),
    timeZone: z.string().refine(validTimeZone, 'Múi giờ không hợp lệ'),
    morning: session,
    afternoon: session,
    saturdayMorning: z.boolean({ message: 'Chọn có hoặc không' }),
    /** the printed forms' numbering (domain/form-sets.ts); absent: unchanged (2025 for a new office) */
    formSet: z
      .enum(FORM_SETS, { message: 'Bộ biểu mẫu phải là 2025 (Thông tư 03/2025) hoặc 2018 (Thông tư 01/2018)' })
      .optional(),
    /**
     * Circular 04/2025/TT-VPCP: the dossier-code system owner's two characters (AA in
     * `<agency code>-<yymmdd>-AAXXXX`); empty: `<code>-<yymmdd>-XXXX`. Absent: unchanged.
     */
    dossierSystemCode: z
      .string({ message: 'Mã hệ thống phải là chuỗi ký tự' })
      .trim()
      .regex(/^([0-9A-Z]{2})?$/, 'Mã hệ thống cấp mã hồ sơ gồm đúng 2 chữ in hoa hoặc chữ số (ví dụ 01), hoặc để trống')
      .optional(),
    /** a line printed at the foot of the forms (e.g. the decree they follow); empty: none */
    formFooter: text('dòng chân biểu mẫu', 200).optional(),
    /** The kiosk asks "Ông/Bà có thuộc diện ưu tiên không?" (default); false: a field tap gives a normal ticket. */
    kioskPriorityStep: z.boolean({ message: 'Chọn có hoặc không' }).default(true),
    /** The office's service targets (a field's own override them); absent: unchanged. */
    targets: z
      .object({
        waitMinutes: minutes('Thời gian chờ mục tiêu'),
        serviceMinutes: minutes('Thời gian phục vụ mục tiêu'),
        maxQueueLength: optionalInt('Số người chờ tối đa').default(null),
        pauseMinutes: minutes('Thời gian tạm dừng tối đa'),
      })
      .optional(),
  })
  .refine((o) => o.morning.end <= o.afternoon.start, {
    message: 'Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc',
    path: ['afternoon', 'start'],
  });
export type OfficeBody = z.infer<typeof officeBodySchema>;
/** `today` is the service day on the server's clock (YYYY-MM-DD, office zone). */
export type OfficeDto = Omit<OfficeBody, 'formSet' | 'formFooter' | 'targets' | 'dossierSystemCode'> & {
  formSet: FormSet;
  formFooter: string;
  /** The office's service targets (defaults until the admin sets them). */
  targets: { waitMinutes: number; serviceMinutes: number; maxQueueLength: number | null; pauseMinutes: number };
  dossierSystemCode: string;
  setUp: boolean;
  today: string;
};

export const fieldBodySchema = z
  .object({
    code: z
      .string({ message: 'Chưa nhập mã lĩnh vực' })
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,20}$/, 'Mã lĩnh vực chỉ gồm chữ không dấu, số, "-" hoặc "_" (tối đa 20 ký tự)'),
    name: required('tên lĩnh vực', 200),
    nameEn: text('tên tiếng Anh', 200).nullable().default(null),
    numbering: z.enum(['prefix', 'range'], { message: 'Cách đánh số phải là "chữ cái + số" hoặc "dải số"' }),
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Z]{0,2}$/, 'Chữ cái đầu số gồm 1–2 chữ in hoa không dấu (A, B, …)')
      .default(''),
    rangeStart: optionalInt('Số bắt đầu').default(null),
    rangeEnd: optionalInt('Số kết thúc').default(null),
    dailyCap: optionalInt('Số phiếu tối đa mỗi ngày').default(null),
    avgServiceMinutes: z
      .number({ message: 'Thời gian phục vụ trung bình phải là số' })
      .min(1, 'Thời gian phục vụ trung bình từ 1 đến 240 phút')
      .max(240, 'Thời gian phục vụ trung bình từ 1 đến 240 phút'),
    active: z.boolean(),
    /** Service targets; null (or absent): the office's default. */
    targetWaitMinutes: minutes('Thời gian chờ mục tiêu (targetWaitMinutes)').nullable().default(null),
    targetServiceMinutes: minutes('Thời gian phục vụ mục tiêu (targetServiceMinutes)').nullable().default(null),
    maxQueueLength: optionalInt('Số người chờ tối đa (maxQueueLength)').default(null),
  })
  .superRefine((f, ctx) => {
    if (f.numbering === 'prefix' && f.prefix === '') {
      ctx.addIssue({ code: 'custom', path: ['prefix'], message: 'Chưa nhập chữ cái đầu số (ví dụ A)' });
    }
    if (f.numbering === 'range') {
      if (f.rangeStart === null)
        ctx.addIssue({ code: 'custom', path: ['rangeStart'], message: 'Chưa nhập số bắt đầu' });
      if (f.rangeEnd === null) ctx.addIssue({ code: 'custom', path: ['rangeEnd'], message: 'Chưa nhập số kết thúc' });
      if (f.rangeStart !== null && f.rangeEnd !== null && f.rangeEnd < f.rangeStart) {
        ctx.addIssue({ code: 'custom', path: ['rangeEnd'], message: 'Số kết thúc phải lớn hơn số bắt đầu' });
      }
    }
  });
export type FieldBody = z.input<typeof fieldBodySchema>;
export type FieldData = z.output<typeof fieldBodySchema>;

export interface AdminFieldDto {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  numbering: 'prefix' | 'range';
  prefix: string;
  rangeStart: number | null;
  rangeEnd: number | null;
  dailyCap: number | null;
  avgServiceMinutes: number;
  active: boolean;
  sortOrder: number;
  procedures: number;
  /** The field's own targets (null: the office's default). */
  targetWaitMinutes: number | null;
  targetServiceMinutes: number | null;
  maxQueueLength: number | null;
}

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const procedureBodySchema = z.object({
  code: z
    .string({ message: 'Chưa nhập mã TTHC' })
    .trim()
    .regex(/^[0-9A-Za-z.\-_]{1,40}$/, 'Mã TTHC không hợp lệ (ví dụ 1.001193)'),
  name: required('tên thủ tục', 500),
  fieldId: z.number({ message: 'Chưa chọn lĩnh vực' }).int().positive('Chưa chọn lĩnh vực'),
  processingDays: z
    .number({ message: 'Thời hạn giải quyết phải là số' })
    .min(0, 'Thời hạn giải quyết không được âm')
    .max(365, 'Thời hạn giải quyết tối đa 365'),
  processingUnit: z.enum(['days', 'hours'], { message: 'Đơn vị thời hạn là ngày làm việc hoặc giờ' }),
  fees: text('phí, lệ phí', 500).default(''),
  documents: z.array(required('thành phần hồ sơ', 500)).max(50, 'Tối đa 50 thành phần hồ sơ').default([]),
  channels: z
    .array(z.enum(CHANNELS, { message: 'Cách nộp phải là trực tiếp, trực tuyến hoặc bưu chính' }))
    .min(1, 'Chọn ít nhất một cách nộp hồ sơ'),
  active: z.boolean().default(true),
});
export type ProcedureBody = z.input<typeof procedureBodySchema>;
export type ProcedureData = z.output<typeof procedureBodySchema>;

export interface AdminProcedureDto {
  id: number;
  code: string;
  name: string;
  fieldId: number;
  fieldCode: string;
  processingDays: number;
  processingUnit: 'days' | 'hours';
  fees: string;
  documents: string[];
  channels: Channel[];
  active: boolean;
}

export interface ImportResultDto {
  imported: number;
  created: number;
  updated: number;
  rejected: Array<{ line: number; message: string }>;
}

export const counterBodySchema = z.object({
  number: z
    .number({ message: 'Số quầy phải là số' })
    .int('Số quầy phải là số nguyên')
    .min(1, 'Số quầy từ 1 đến 999')
    .max(999, 'Số quầy từ 1 đến 999'),
  name: required('tên quầy', 100),
  fieldIds: z
    .array(z.number().int().positive())
    .min(1, 'Chọn ít nhất một lĩnh vực cho quầy')
    .refine((ids) => new Set(ids).size === ids.length, 'Một lĩnh vực chỉ chọn một lần'),
  /** The rating pad at this counter (a rating device), or null. */
  ratingDeviceId: z.number().int().positive().nullable().default(null),
});
export type CounterBody = z.input<typeof counterBodySchema>;
export type CounterData = z.output<typeof counterBodySchema>;

export interface AdminCounterDto {
  id: number;
  number: number;
  name: string;
  fieldIds: number[];
  status: 'open' | 'paused' | 'closed';
  clerk: { id: number; fullName: string } | null;
  ratingDeviceId: number | null;
}

export const usernameSchema = z
  .string({ message: 'Chưa nhập tên đăng nhập' })
  .trim()
  .regex(/^[a-z0-9._-]{3,32}$/, 'Tên đăng nhập gồm 3–32 chữ thường không dấu, số, ".", "-" hoặc "_"');

export const staffCreateSchema = z.object({
  username: usernameSchema,
  fullName: required('họ và tên', 100),
  role: z.enum(ROLES, { message: 'Vai trò phải là cán bộ, giám sát hoặc quản trị' }),
  password: passwordSchema,
  defaultCounterId: z.number().int().positive().nullable().default(null),
});
export type StaffCreateBody = z.input<typeof staffCreateSchema>;
export type StaffCreateData = z.output<typeof staffCreateSchema>;

export const staffUpdateSchema = z.object({
  fullName: required('họ và tên', 100),
  role: z.enum(ROLES, { message: 'Vai trò phải là cán bộ, giám sát hoặc quản trị' }),
  defaultCounterId: z.number().int().positive().nullable().default(null),
});
export type StaffUpdateBody = z.input<typeof staffUpdateSchema>;
export type StaffUpdateData = z.output<typeof staffUpdateSchema>;

export const passwordResetSchema = z.object({ password: passwordSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: 'Chưa nhập mật khẩu hiện tại' }).min(1, 'Chưa nhập mật khẩu hiện tại').max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordSchema>;

/** `GET /api/admin/login-locks`: an account or an address locked after too many wrong passwords. */
export interface LoginLockDto {
  kind: 'account' | 'address';
  /** The username (lower case) or the IP address. */
  name: string;
  /** When the lock runs out by itself (ISO 8601, UTC). */
  until: string;
}

export const loginUnlockSchema = z.object({
  kind: z.enum(['account', 'address'], { message: 'Loại khóa phải là account hoặc address' }),
  name: z
    .string({ message: 'Thiếu tên tài khoản hoặc địa chỉ' })
    .trim()
    .min(1, 'Thiếu tên tài khoản hoặc địa chỉ')
    .max(200),
});

export interface AdminStaffDto {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  defaultCounterId: number | null;
}

export const deviceCreateSchema = z.object({
  kind: z.enum(DEVICE_KINDS, { message: 'Loại thiết bị phải là kiosk, màn hình hoặc máy đánh giá' }),
  name: required('tên thiết bị', 100),
  /** A rating pad's counter. */
  counterId: z.number().int().positive().nullable().default(null),
});
export type DeviceCreateBody = z.input<typeof deviceCreateSchema>;
export type DeviceCreateData = z.output<typeof deviceCreateSchema>;

export interface PrinterStateDto {
  state: string;
  message: string | null;
  at: string | null;
}

export interface AdminDeviceDto {
  id: number;
  kind: DeviceKind;
  name: string;
  counterId: number | null;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** null when the device has no printer, or its state is not reported. */
  printer: PrinterStateDto | null;
}

/** Answered once, when a device is added or given a new key: the key is not stored in clear. */
export interface DevicePairingDto {
  device: AdminDeviceDto;
  key: string;
  /** Path + query of the pairing link (`/kiosk/?key=…`); the page prefixes its origin. */
  pairingPath: string;
}

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
  /** `1`: only changes to the set-up (no sign-ins, calls or dossiers). */
  adminOnly: z.enum(['0', '1']).optional(),
});

export interface AuditEntryDto {
  id: number;
  at: string;
  actor: string;
  actorKind: 'staff' | 'device' | 'system';
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface BackupFileDto {
  name: string;
  bytes: number;
  createdAt: string;
}

export const calendarEditsBodySchema = z.object({
  edits: z.array(calendarEditSchema).max(100, 'Tối đa 100 điều chỉnh mỗi năm'),
});

/** A year of the office calendar: the days off as they stand, and the administrator's edits. */
export interface CalendarYearDto {
  year: number;
  days: CalendarDayDto[];
  /** the official schedule applied to the year: shipped with motcua or imported by the admin; null when none */
  official: { version: string; source: string; origin: 'shipped' | 'imported'; importedAt: string | null } | null;
  edits: Array<{ date: string; kind: 'off' | 'workday' | 'remove'; name?: string }>;
}

/** A QR code drawn by the server (the pages carry no QR library). */
export const qrBodySchema = z.object({
  text: z
    .string({ message: 'Chưa có nội dung mã QR' })
    .min(1, 'Chưa có nội dung mã QR')
    .max(500, 'Nội dung mã QR quá dài'),
});
