/**
 * Dossier and calendar payloads: zod schemas of the HTTP bodies and
 * queries (types are `z.infer` of them) and the DTOs the server answers
 * with. Pages import this file with `import type` only.
 */
import { z } from 'zod';
import {
  DIGITISATION_KINDS,
  DOSSIER_CHANNELS,
  DOSSIER_STATUSES,
  RETURN_CHANNELS,
  STOP_REQUESTERS,
  idNumberProblem,
} from '../domain/dossier';
import type { FormKey } from '../domain/form-sets';
import type { DocumentDigitisation, DossierChannel, ReturnChannel, StopRequester } from '../domain/dossier';
import { OFFICE_YEARS_MESSAGE, inOfficeYears, positiveIdSchema, ticketIdSchema } from './schemas';

export type { DossierChannel, DossierStatus, ReturnChannel } from '../domain/dossier';

const text = (max: number, empty: string) =>
  z.string({ message: empty }).trim().min(1, empty).max(max, `Quá dài (tối đa ${max} ký tự)`);
/** An optional text field: blank counts as absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Quá dài (tối đa ${max} ký tự)`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const idNumberSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/\s+/g, '') : undefined))
  .superRefine((v, ctx) => {
    const problem = v === undefined ? null : idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const phoneSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/[\s.-]/g, '') : undefined))
  .refine((v) => v === undefined || /^(\+84|0)\d{8,10}$/.test(v), {
    message: 'Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)',
  });

export const applicantSchema = z.object(
  {
    fullName: text(120, 'Chưa nhập họ tên người nộp'),
    idNumber: idNumberSchema,
    phone: phoneSchema,
    address: optionalText(300),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || z.email().safeParse(v).success, {
        message: 'Địa chỉ thư điện tử không hợp lệ',
      }),
  },
  { message: 'Chưa có thông tin người nộp hồ sơ' },
);

export const dossierDocumentSchema = z.object({
  name: text(200, 'Chưa nhập tên giấy tờ'),
  copy: z.enum(['original', 'copy', 'certified'], { message: 'Chọn bản chính, bản sao hoặc bản sao chứng thực' }),
  count: z.number({ message: 'Số lượng phải là một số' }).int().min(1, 'Số lượng ít nhất là 1').max(99),
  /** Số hóa at reception (Decree 118 Art. 17): scanned with its page count, or reused from the state's data. */
  digitisation: z
    .object({
      kind: z.enum(DIGITISATION_KINDS, {
        message: 'Số hóa phải là none (chưa số hóa), scanned (đã quét) hoặc reused (tái sử dụng dữ liệu)',
      }),
      pages: z
        .number({ message: 'Số trang phải là một số' })
        .int('Số trang phải là số nguyên')
        .min(1, 'Số trang ít nhất là 1')
        .max(2000, 'Số trang tối đa 2000')
        .optional(),
    })
    .refine((d) => d.kind !== 'scanned' || d.pages !== undefined, {
      message: 'Giấy tờ đã quét cần có số trang',
      path: ['pages'],
    })
    .optional(),
});

export const dossierChannelSchema = z.enum(DOSSIER_CHANNELS, {
  message: 'Hình thức nộp phải là direct (trực tiếp), online (trực tuyến) hoặc postal (bưu chính)',
});
export const returnChannelSchema = z.enum(RETURN_CHANNELS, {
  message: 'Nơi trả kết quả phải là counter (tại bộ phận một cửa) hoặc postal (bưu chính)',
});

export const createDossierBodySchema = z.object({
  procedureCode: text(32, 'Chưa chọn thủ tục hành chính'),
  applicant: applicantSchema,
  channel: dossierChannelSchema,
  ticketId: ticketIdSchema.optional(),
  sets: z.number({ message: 'Số bộ hồ sơ phải là một số' }).int().min(1, 'Ít nhất 1 bộ').max(99).optional(),
  /** The documents received (Mẫu 01 item 1). */
  documents: z.array(dossierDocumentSchema).max(50, 'Tối đa 50 loại giấy tờ').optional(),
  /** Only the number of documents, when the clerk does not list them. */
  documentCount: z.number({ message: 'Số giấy tờ phải là một số' }).int().min(0).max(999).optional(),
  returnChannel: returnChannelSchema.optional(),
  note: optionalText(500),
});
export type CreateDossierBody = z.infer<typeof createDossierBodySchema>;

export const supplementBodySchema = z.object({
  items: z
    .array(text(300, 'Nội dung cần bổ sung trống'), { message: 'Hãy liệt kê các giấy tờ cần bổ sung, hoàn thiện' })
    .min(1, 'Hãy liệt kê ít nhất một nội dung cần bổ sung, hoàn thiện')
    .max(30),
  reason: text(500, 'Hãy nhập lý do yêu cầu bổ sung'),
  supervisorReason: optionalText(500),
});
export type SupplementBody = z.infer<typeof supplementBodySchema>;

export const reasonBodySchema = z.object({ reason: text(500, 'Hãy nhập lý do') });
export type ReasonBody = z.infer<typeof reasonBodySchema>;

/** `POST /api/dossiers/:id/documents/:index/file?pages=`: which document (0-based) and its page count. */
export const documentFileQuerySchema = z.object({
  index: z.coerce.number({ message: 'Số thứ tự giấy tờ phải là một số' }).int().min(0).max(49),
  pages: z.coerce
    .number({ message: 'Hãy nhập số trang của bản quét' })
    .int('Số trang phải là số nguyên')
    .min(1, 'Số trang ít nhất là 1')
    .max(2000, 'Số trang tối đa 2000'),
});

/** Mẫu 05 of the 2025 set: stop handling the dossier (Decree 118 Art. 21). */
export const stopBodySchema = z.object({
  reason: text(500, 'Hãy nhập lý do dừng giải quyết hồ sơ'),
  requestedBy: z.enum(STOP_REQUESTERS, {
    message: 'Người đề nghị dừng phải là citizen (công dân) hoặc agency (cơ quan giải quyết)',
  }),
});
export type StopBody = z.infer<typeof stopBodySchema>;

/** An instant with its offset, or a date (then 17:00 office time, the end of the working day). */
const instantOrDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    message: 'Ngày giờ phải có dạng 2026-11-24T08:05:00+07:00 hoặc 2026-11-24',
  })
  .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE });

export const apologyBodySchema = z.object({
  reason: text(500, 'Hãy nhập lý do chậm trễ'),
  newDueAt: instantOrDate,
  signedBy: text(120, 'Hãy nhập họ tên người ký (thủ trưởng cơ quan giải quyết)'),
  signerTitle: optionalText(120),
  agency: optionalText(200),
});
export type ApologyBody = z.infer<typeof apologyBodySchema>;

export const handoverBodySchema = z.object({
  toUnit: text(200, 'Hãy nhập đơn vị nhận hồ sơ'),
  toPerson: optionalText(120),
  fromUnit: optionalText(200),
  deadlineAt: instantOrDate.optional(),
  note: optionalText(300),
});
export type HandoverBody = z.infer<typeof handoverBodySchema>;

export const resolveBodySchema = z.object({
  note: optionalText(500),
  /** the result was issued electronically (kết quả điện tử) */
  electronic: z.boolean({ message: 'electronic phải là true hoặc false' }).optional(),
});
export type ResolveBody = z.infer<typeof resolveBodySchema>;

export const returnBodySchema = z.object({ channel: returnChannelSchema.optional() });
export type ReturnBody = z.infer<typeof returnBodySchema>;

export const dossierListQuerySchema = z.object({
  ticketId: ticketIdSchema.optional(),
  /** The exact dossier code (case-insensitive). */
  code: z.string().trim().min(1).max(40).optional(),
  /** `1`: only the caller's own dossiers. */
  mine: z.enum(['0', '1']).optional(),
  /** YYYY-MM-DD: received that day (office zone). */
  day: z.iso
    .date({ message: 'Ngày phải có dạng YYYY-MM-DD' })
    .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE })
    .optional(),
  status: z.enum(DOSSIER_STATUSES, { message: 'Trạng thái không hợp lệ' }).optional(),
  /** `1`: unresolved dossiers due soon without an apology slip (Mẫu 04 due 1 working day before). */
  atRisk: z.enum(['0', '1']).optional(),
});

export const dossierLookupQuerySchema = z.object({
  code: text(40, 'Hãy nhập mã hồ sơ'),
});

export const dossierIdSchema = positiveIdSchema;

export const holidaysQuerySchema = z.object({
  year: z.coerce
    .number({ message: 'Năm phải là một số' })
    .int('Năm phải là số nguyên')
    .min(1900, 'Năm từ 1900 đến 2199')
    .max(2199, 'Năm từ 1900 đến 2199'),
});

export const dueDateQuerySchema = z.object({
  receivedAt: z.iso
    .datetime({ offset: true, message: 'receivedAt phải có dạng 2026-11-24T08:05:00+07:00' })
    .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE }),
  workingDays: z.coerce
    .number({ message: 'Số ngày làm việc phải là một số' })
    .min(0, 'Số ngày làm việc không được âm')
    .max(365, 'Tối đa 365 ngày làm việc')
    .refine((n) => Number.isInteger(n * 2), 'Số ngày làm việc là số nguyên hoặc nửa ngày (0,5)'),
});

export const calendarEditSchema = z.object({
  date: z.iso
    .date({ message: 'Ngày phải có dạng YYYY-MM-DD' })
    .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE }),
  kind: z.enum(['off', 'workday', 'remove'], { message: 'Loại phải là off, workday hoặc remove' }),
  name: optionalText(120),
});

/**
 * A year's official schedule as a file (server/data/official-calendars/
 * YYYY.json; the admin imports the same format). `format` names the
 * version of this layout.
 */
export const OFFICIAL_CALENDAR_FORMAT = 'motcua-official-calendar/1';
export const officialScheduleSchema = z
  .object({
    format: z.literal(OFFICIAL_CALENDAR_FORMAT, {
      message: `Tệp lịch phải có "format": "${OFFICIAL_CALENDAR_FORMAT}"`,
    }),
    year: z.number({ message: 'Thiếu năm ("year")' }).int().min(1900, 'Năm từ 1900 đến 2199').max(2199),
    version: z.iso.date({ message: 'Phiên bản ("version") là ngày công bố, dạng YYYY-MM-DD' }),
    source: text(500, 'Hãy ghi văn bản công bố lịch nghỉ ("source")'),
    days: z
      .array(
        z.object({
          date: z.iso.date({ message: 'Ngày phải có dạng YYYY-MM-DD' }),
          kind: z.enum(['holiday', 'compensatory', 'workday', 'remove'], {
            message: 'Loại ngày phải là holiday, compensatory, workday hoặc remove',
          }),
          name: text(160, 'Mỗi ngày cần có tên (ví dụ "Làm bù cho thứ Sáu 02/01")'),
          source: optionalText(300),
        }),
        { message: 'Thiếu danh sách ngày ("days")' },
      )
      .max(120, 'Tối đa 120 ngày trong một năm'),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.days.forEach((d, i) => {
      if (!d.date.startsWith(`${f.year}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: `Ngày ${d.date} không thuộc năm ${f.year}`,
        });
      }
      if (seen.has(d.date)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `Ngày ${d.date} bị lặp lại` });
      }
      seen.add(d.date);
    });
  });
export type OfficialScheduleFile = z.infer<typeof officialScheduleSchema>;

// ---------------------------------------------------------------- DTOs

export interface DossierCreatedDto {
  id: number;
  code: string;
  procedureCode: string;
  receivedAt: string;
  dueAt: string;
  status: DossierStatusName;
}
type DossierStatusName = (typeof DOSSIER_STATUSES)[number];

export interface DossierDocumentDto {
  name: string;
  copy: 'original' | 'copy' | 'certified';
  count: number;
  digitisation?: DocumentDigitisation;
}

export interface DossierNoticeDto {
  id: number;
  kind: 'supplement' | 'refusal' | 'apology';
  /** Mẫu 02, 03, 04 */
  form: '02' | '03' | '04';
  issuedAt: string;
  issuedBy: string | null;
  reason: string;
  items: string[];
  supervisorReason: string | null;
  originalDueAt: string | null;
  newDueAt: string | null;
  signedBy: string | null;
  signerTitle: string | null;
  fulfilledAt: string | null;
}

export interface DossierStepDto {
  position: number;
  fromUnit: string;
  fromPerson: string | null;
  toUnit: string;
  toPerson: string | null;
  at: string;
  deadlineAt: string | null;
  status: 'early' | 'on_time' | 'late' | null;
  note: string | null;
}

/** A dossier as staff see it (personal data included: staff only). */
export interface DossierDto extends DossierCreatedDto {
  procedureId: number | null;
  procedureName: string;
  fieldId: number | null;
  fieldCode: string;
  processingAmount: number;
  processingUnit: 'days' | 'hours';
  applicant: {
    fullName: string;
    idNumber: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
  };
  channel: DossierChannel;
  sets: number;
  documents: DossierDocumentDto[];
  ticketId: string | null;
  clerk: { id: number; fullName: string } | null;
  counterId: number | null;
  /** The appointment the citizen holds now (the apology's, else `dueAt`). */
  currentDueAt: string;
  newDueAt: string | null;
  late: boolean;
  /** YYYY-MM-DD: last day to send a Mẫu 04 (1 working day before the due date). */
  apologyDeadline: string;
  atRisk: boolean;
  supplementCount: number;
  resolvedAt: string | null;
  returnedAt: string | null;
  returnChannel: ReturnChannel | null;
  preferredReturnChannel: ReturnChannel;
  rejectedAt: string | null;
  /** when it was stopped (Mẫu 05); kept under its 2018 name, same value as `stoppedAt` */
  withdrawnAt: string | null;
  stoppedAt: string | null;
  stopReason: string | null;
  stopRequestedBy: StopRequester | null;
  resultElectronic: boolean;
  apologyAt: string | null;
  ledgerBook: string | null;
  ledgerLine: number | null;
  note: string | null;
  notices: DossierNoticeDto[];
  steps: DossierStepDto[];
  /** what can be printed now, numbered in the office's form set: `/api/dossiers/:id/forms/<key>.html` */
  forms: Array<{ key: FormKey; number: string | null; name: string }>;
}

/** What anyone may see by code (kiosk, phone): no personal data. */
export interface DossierLookupDto {
  code: string;
  procedureName: string;
  status: DossierStatusName;
  /** The appointment the citizen holds now (an apology's new date when there is one). */
  dueAt: string;
  statusName: string;
}

export interface CalendarDayDto {
  date: string;
  name: string;
  kind: 'holiday' | 'compensatory' | 'workday';
  /** rule (Labour Code), official (the government's schedule of the year), office (the admin's edit) */
  source?: 'rule' | 'official' | 'office';
}

export interface DueDateDto {
  receivedAt: string;
  workingDays: number;
  dueAt: string;
}
