/**
 * The supervisor's live hall (API-CONTRACT.md "Supervisor"; docs/api/hall.md):
 * `GET /api/hall`, the socket event `hall:state` (supervisors, admins),
 * alerts to the clerks of the counters concerned (`counter:alerts`), and
 * the direct call. Pages import this file with `import type` only.
 */
import { z } from 'zod';
import type { AlertKind } from '../domain/hall';
import type { ClerkRef } from './dto';
import { ticketIdSchema, type CounterStatus } from './schemas';

export type { AlertKind };

/** `POST /api/counters/:counterId/call {ticketId}` */
export const directCallBodySchema = z.object({
  ticketId: ticketIdSchema,
});

/** One alert of the log; `fieldId`, `counterId`, `ticketId` when it is about one. */
export interface AlertDto {
  id: number;
  kind: AlertKind;
  fieldId?: number;
  counterId?: number;
  ticketId?: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: ClerkRef | null;
  clearedAt: string | null;
  /** Figures shown with it: number, minutes, target, counterNumber, fieldName, reason, waiting. */
  detail: Record<string, string | number | null>;
}

export interface HallFieldDto {
  id: number;
  code: string;
  name: string;
  waiting: number;
  longestWaitMinutes: number;
  targetWaitMinutes: number;
  targetServiceMinutes: number;
  maxQueueLength: number | null;
  /** Waiting longer than the target now. */
  overTarget: number;
  openCounters: number;
  /** Waiting counts 60, 45, 30, 15 minutes ago and now. */
  trend: number[];
}

export interface HallCounterDto {
  id: number;
  number: number;
  name: string;
  status: CounterStatus;
  clerk: ClerkRef | null;
  currentTicket: { id: string; number: string; fieldId: number; fieldName: string } | null;
  /** Minutes since the current citizen was called (null when nobody is served). */
  servingMinutes: number | null;
  overTarget: boolean;
  pauseReason: string | null;
  /** Minutes paused so far (null when not paused). */
  pausedMinutes: number | null;
  fieldIds: number[];
}

export interface HallWaitingTicketDto {
  id: string;
  number: string;
  fieldId: number;
  waitedMinutes: number;
  targetWaitMinutes: number;
  priority: boolean;
}

export interface HallTodayDto {
  issued: number;
  served: number;
  noShows: number;
  directCalls: number;
  meanWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  /** Ratings today and the share (%) "hài lòng" or better; null without ratings. */
  ratings: number;
  satisfiedPercent: number | null;
}

export interface HallAtRiskDto {
  id: number;
  code: string;
  procedureName: string;
  applicantName: string;
  dueAt: string;
  risk: 'overdue' | 'dueSoon';
  /** The last day the Mẫu 04 apology may go out (1 working day before the due day). */
  apologyDeadline: string;
  apologySent: boolean;
}

/** `GET /api/hall` and the socket event `hall:state`: the contract's fields, then extensions. */
export interface HallStateDto {
  fields: HallFieldDto[];
  counters: HallCounterDto[];
  /** Open alerts (not cleared), newest first. */
  alerts: AlertDto[];
  serverTime: string;
  officeName: string;
  /** Tickets waiting past their field's target, longest first (at most 50). */
  overTarget: HallWaitingTicketDto[];
  today: HallTodayDto;
  /** Dossiers whose Mẫu 04 is due today or overdue. */
  atRisk: HallAtRiskDto[];
}

/** `counter:alerts`: the open alerts a counter's clerk should see (its fields', its own). */
export interface CounterAlertsEvent {
  counterId: number;
  alerts: AlertDto[];
}
