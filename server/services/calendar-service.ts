/**
 * The office's working calendar as one object for the whole server: the
 * computed holidays (domain/calendar.ts `defaultHolidays`) with the
 * administrator's edits from the database, the office hours and zone from
 * the office settings. Dossier appointments and the contract's
 * `/api/calendar/*` endpoints both answer from here, so they cannot differ.
 */
import type { Executor } from '../db/database';
import * as calendarDb from '../db/queries/calendar';
import * as officeDb from '../db/queries/office';
import { insertAudit } from '../db/queries/audit';
import {
  DEFAULT_OFFICE_HOURS,
  WorkingCalendar,
  holidayProvider,
  type CalendarDay,
  type CalendarEdit,
  type HolidayOptions,
  type OfficeHours,
} from '../domain/calendar';
import { computeDueDate } from '../domain/dossier';
import { DomainError } from '../domain/errors';
import type { Office } from '../domain/model';
import { OFFICE_TIME_ZONE, parseDate } from '../domain/time';
import type { ServiceContext } from './context';

/** Office settings keys read here (office.settings JSON, all optional). */
interface CalendarSettings {
  /** Written by the office administration (admin-service, domain/office.ts). */
  hours?: OfficeHours;
  nationalDayExtra?: HolidayOptions['nationalDayExtra'];
}

export class CalendarService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The calendar as the database holds it now. Built on each call (one
   * office row and the edits: cheap), so an edit of the office hours or of
   * a year by the administrator applies at once, with no cache to forget.
   */
  async calendar(): Promise<WorkingCalendar> {
    return this.ctx.db.read((q) => this.build(q));
  }

  /** Builds the calendar inside a caller's transaction or snapshot (no cache). */
  async build(q: Executor): Promise<WorkingCalendar> {
    const office = await officeDb.getOffice(q);
    const edits = await calendarDb.listCalendarEdits(q);
    return buildCalendar(office, edits);
  }

  /**
   * The days off (and làm bù days) of `year` as the office's calendar
   * holds them: computed, then edited (API-CONTRACT.md
   * `/api/calendar/holidays`). Includes a nghỉ bù that the previous year's
   * late-December holiday pushes into January.
   */
  async holidays(year: number): Promise<CalendarDay[]> {
    assertYear(year);
    const cal = await this.calendar();
    const out: CalendarDay[] = [];
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
      const date = d.toISOString().slice(0, 10);
      const info = cal.dayInfo(date);
      if (info) out.push({ ...info });
    }
    return out;
  }

  /** The appointment for a dossier received at `receivedAt` (the one rule dossiers use). */
  async dueDate(receivedAt: Date, amount: number, unit: 'days' | 'hours' = 'days'): Promise<Date> {
    return computeDueDate(await this.calendar(), receivedAt, amount, unit);
  }

  /**
   * Replaces the administrator's edits of `year` (add/remove days off,
   * working Saturdays), audited; the calendar is rebuilt so later due
   * dates use it. Dates must lie in `year`.
   */
  async setEdits(year: number, edits: CalendarEdit[], staffId: number | null): Promise<CalendarDay[]> {
    assertYear(year);
    for (const [i, e] of edits.entries()) {
      let y: number;
      try {
        y = parseDate(e.date).year;
      } catch {
        throw new DomainError('VALIDATION_ERROR', `Ngày thứ ${i + 1} không hợp lệ: ${e.date}`, 400, {
          field: `edits.${i}.date`,
        });
      }
      if (y !== year) {
        throw new DomainError('VALIDATION_ERROR', `Ngày ${e.date} không thuộc năm ${year}.`, 400, {
          field: `edits.${i}.date`,
        });
      }
    }
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      const before = (await calendarDb.listCalendarEdits(q)).get(year) ?? [];
      await calendarDb.replaceCalendarEdits(q, year, edits, staffId, now);
      await insertAudit(
        q,
        {
          actorKind: staffId === null ? 'system' : 'staff',
          actorId: staffId,
          action: 'calendar.edited',
          entity: 'calendar',
          entityId: year,
          before,
          after: edits,
        },
        now,
      );
    });
    return this.holidays(year);
  }
}

/** The office's WorkingCalendar from its settings and every year's edits. */
export function buildCalendar(office: Office | undefined, edits: Map<number, CalendarEdit[]>): WorkingCalendar {
  const settings = (office?.settings ?? {}) as CalendarSettings;
  const hours = settings.hours ?? DEFAULT_OFFICE_HOURS;
  // Saturday-morning reception does not make Saturday a civil-service
  // working day: a holiday on it still earns a nghỉ bù.
  const restDays = hours.saturdaySessions?.length ? [...new Set([...hours.weekendDays, 6])] : hours.weekendDays;
  return new WorkingCalendar({
    timeZone: office?.timeZone ?? OFFICE_TIME_ZONE,
    hours,
    daysOff: holidayProvider(
      {
        weekendDays: restDays,
        ...(settings.nationalDayExtra ? { nationalDayExtra: settings.nationalDayExtra } : {}),
      },
      (year) => edits.get(year) ?? [],
    ),
  });
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new DomainError('VALIDATION_ERROR', `Năm không hợp lệ: ${year} (từ 1900 đến 2199).`, 400, { field: 'year' });
  }
}
