/**
 * Reports: query schemas and answer shapes (API-CONTRACT.md "Dossier
 * report"; docs/api/reports.md). Pages import this file with `import type`.
 */
import { z } from 'zod';
import type { Index766Group } from '../domain/index766';
import { OFFICE_YEARS_MESSAGE, inOfficeYears } from './schemas';

const MAX_PERIOD_DAYS = 731;

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const civilDateSchema = z
  .string({ message: 'Thiếu ngày (dạng YYYY-MM-DD)' })
  .refine(validDate, { message: 'Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-11-25)' })
  .refine(inOfficeYears, { message: OFFICE_YEARS_MESSAGE });

/** `?from=&to=`: both days included, office time zone, at most two years. */
export const periodQuerySchema = z
  .object({ from: civilDateSchema, to: civilDateSchema })
  .refine((p) => p.from <= p.to, { message: '"Từ ngày" phải trước hoặc bằng "đến ngày"', path: ['to'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
    message: 'Kỳ báo cáo dài tối đa 2 năm',
    path: ['to'],
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

export const exportFormatSchema = z.enum(['xlsx', 'csv'], { message: 'Định dạng phải là xlsx hoặc csv' });

/** Paper satisfaction slips typed in later: how many of each level, for a day (and counter/clerk when known). */
export const paperRatingsBodySchema = z.object({
  day: civilDateSchema,
  counterId: z.number().int().positive().nullable().optional(),
  clerkId: z.number().int().positive().nullable().optional(),
  counts: z
    .object({
      '4': z.number().int().min(0).max(100_000).default(0),
      '3': z.number().int().min(0).max(100_000).default(0),
      '2': z.number().int().min(0).max(100_000).default(0),
      '1': z.number().int().min(0).max(100_000).default(0),
    })
    .refine((c) => c['4'] + c['3'] + c['2'] + c['1'] > 0, { message: 'Chưa nhập số phiếu nào' }),
});
export type PaperRatingsBody = z.infer<typeof paperRatingsBodySchema>;

// ---------------------------------------------------------------------------
// Answers

/** Seconds; null when nothing was measured. */
export interface DurationStatsDto {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface TicketCountsDto {
  issued: number;
  served: number;
  noShow: number;
}

export interface QueueGroupDto extends TicketCountsDto {
  id: number | null;
  name: string;
  /** Tickets called by name from the waiting list (they jumped the queue). */
  directCalls: number;
  waitingTime: DurationStatsDto;
  serviceTime: DurationStatsDto;
}

export interface ScoreCountsDto {
  '4': number;
  '3': number;
  '2': number;
  '1': number;
}

export interface SatisfactionDto {
  answers: number;
  /** of which typed in from paper slips */
  paperAnswers: number;
  counts: ScoreCountsDto;
  /** % of answers per level, one decimal, adding to 100 */
  shares: ScoreCountsDto;
  /** % hài lòng + rất hài lòng, one decimal */
  satisfied: number;
}

export interface SatisfactionGroupDto extends SatisfactionDto {
  id: number | null;
  name: string;
}

/** `GET /api/reports/queue?from=&to=` */
export interface QueueReportDto {
  from: string;
  to: string;
  tickets: TicketCountsDto;
  waitingTime: DurationStatsDto;
  serviceTime: DurationStatsDto;
  /** 24 entries, hour 0–23 of issue in the office's zone */
  byHour: Array<TicketCountsDto & { hour: number }>;
  /** every day of the period */
  byDay: Array<TicketCountsDto & { day: string }>;
  byField: QueueGroupDto[];
  byCounter: QueueGroupDto[];
  byClerk: QueueGroupDto[];
  satisfaction: SatisfactionDto & { byCounter: SatisfactionGroupDto[]; byClerk: SatisfactionGroupDto[] };
  /** Tickets called by name from the waiting list (they jumped the queue). */
  directCalls: number;
  /** The hall's alert log of the period. */
  alerts: AlertCountsDto;
  /** The announced wait against the real one. */
  estimates: EstimateReportDto;
}

export interface AlertCountsDto {
  raised: number;
  acknowledged: number;
  byKind: Array<{ kind: string; raised: number; acknowledged: number; meanOpenMinutes: number | null }>;
  byDay: Array<{ day: string; raised: number; acknowledged: number }>;
}

/** How far the announced waits were from the real ones (minutes). */
export interface EstimateErrorDto {
  /** Called tickets that had an estimate. */
  count: number;
  /** Mean |estimate − real wait|, one decimal; null without tickets. */
  meanAbsoluteError: number | null;
  /** Share (0–1, three decimals) within ±5 minutes. */
  within5Share: number | null;
  /** Mean (estimate − real wait): positive when the estimates were too long. */
  meanError: number | null;
}

/** `GET /api/reports/estimates?from=&to=`: the estimate's error in all, per field and per day. */
export interface EstimateReportDto extends EstimateErrorDto {
  from: string;
  to: string;
  byField: Array<EstimateErrorDto & { id: number; name: string }>;
  byDay: Array<EstimateErrorDto & { day: string }>;
}

/** `GET /api/reports/dossiers?from=&to=` — exactly the contract's fields, then extensions. */
export interface DossierReportDto {
  from: string;
  to: string;
  received: number;
  carriedOver: number;
  byChannel: { direct: number; online: number; postal: number };
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number;
  pendingOverdue: number;
  apologies: number;
  rates: {
    early: number;
    onTime: number;
    late: number;
    pendingInTime: number;
    pendingOverdue: number;
    withinDeadline: number;
    pastDeadline: number;
  };
}

/** `GET /api/reports/dossiers/breakdown` — the report per field and per procedure. */
export interface DossierBreakdownDto {
  from: string;
  to: string;
  byField: Array<DossierReportDto & { code: string; name: string }>;
  byProcedure: Array<DossierReportDto & { code: string; name: string; fieldCode: string }>;
  /** where it was received; `id` null for imported dossiers */
  byCounter: Array<DossierReportDto & { id: number | null; name: string }>;
  /** the clerk who received it; `id` null for imported dossiers */
  byClerk: Array<DossierReportDto & { id: number | null; name: string }>;
}

/** `POST /api/dossiers/import` */
export interface ImportResultDto {
  imported: number;
  rejected: Array<{ line: number; message: string }>;
}

/** `GET /api/reports/dossiers/at-risk` — the supervisor's list. */
export interface AtRiskDossierDto {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: string;
  dueAt: string;
  newDueAt: string | null;
  apologyAt: string | null;
  /** a printable Mẫu 04 exists: GET /api/dossiers/:id/forms/04.html */
  apologySlip: boolean;
  /** the last day the Mẫu 04 should go out (1 working day before the due day) */
  apologyDeadline: string;
  risk: 'dueSoon' | 'overdue';
}

/** `GET /api/reports/index766?from=&to=` (API-CONTRACT.md v2): the Decision 766 groups (domain/index766.ts). */
export interface Index766Dto {
  from: string;
  to: string;
  groups: Index766Group[];
}
