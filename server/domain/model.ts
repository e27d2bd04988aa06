/**
 * The office's entities as plain data (no I/O). Times are `Date`s here;
 * the storage layer maps them to and from integers.
 */
import type { CounterStatus, DeviceKind, Priority, Role, TicketStatus } from '../protocol/schemas';

export interface Office {
  name: string;
  parentName: string;
  level: 'tinh' | 'huyen' | 'xa';
  code: string;
  address: string;
  timeZone: string;
  settings: OfficeSettings;
}

export interface OfficeSettings {
  /** At most this many priority calls in a row while normal tickets wait (DOMAIN.md §4). */
  maxPriorityInRow?: number;
  [key: string]: unknown;
}

export interface Field {
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
  /** Service targets (null or absent: the office's default, `officeTargets`). */
  targetWaitMinutes?: number | null;
  targetServiceMinutes?: number | null;
  maxQueueLength?: number | null;
}

export interface Procedure {
  id: number;
  code: string;
  name: string;
  fieldId: number;
  processingDays: number;
  processingUnit: 'days' | 'hours';
  fees: string;
  documents: string[];
  channels: string[];
  active: boolean;
}

export interface Staff {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  defaultCounterId: number | null;
}

export interface Counter {
  id: number;
  number: number;
  name: string;
  status: CounterStatus;
  clerkId: number | null;
  pauseReason: string | null;
  currentTicketId: string | null;
  priorityStreak: number;
  /** Fields served, in the order the counter calls them. */
  fieldIds: number[];
  /** When the status (open, paused, closed) last changed: how long a pause has lasted. */
  statusSince?: Date | null;
}

export interface Device {
  id: number;
  kind: DeviceKind;
  name: string;
  counterId: number | null;
  settings: Record<string, unknown>;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
}

export interface Ticket {
  id: string;
  originFieldId: number;
  fieldId: number;
  serviceDay: string;
  seq: number;
  number: string;
  priority: Priority | null;
  status: TicketStatus;
  procedureId: number | null;
  issuedAt: Date;
  queueKey: number;
  targetCounterId: number | null;
  counterId: number | null;
  clerkId: number | null;
  firstCalledAt: Date | null;
  calledAt: Date | null;
  finishedAt: Date | null;
  skippedAt: Date | null;
  recallCount: number;
  deviceId: number | null;
  /** The wait announced at issue (kiosk, phone page), minutes; null before it was recorded. */
  estimatedWaitMinutes: number | null;
  /** Called by name from the waiting list (it jumped the queue), not by "call next". */
  directCall: boolean;
}
