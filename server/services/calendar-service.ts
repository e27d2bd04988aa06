/**
 * The office's working calendar as one object for the whole server: the
 * computed holidays (domain/calendar.ts `defaultHolidays`), then the
 * government's official schedule of the year (shipped data files in
 * server/data/official-calendars/, or the one the admin imported), then
 * the administrator's edits from the database; the office hours and zone
 * from the office settings. Dossier appointments and the contract's
 * `/api/calendar/*` endpoints both answer from here, so they cannot differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  type OfficialSchedule,
} from '../domain/calendar';
import { officialScheduleSchema, type OfficialScheduleFile } from '../protocol/dossiers';
import type { CalendarYearDto } from '../protocol/admin';
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
    return buildCalendar(office, edits, await officialSchedules(q));
  }

  /** Which official schedule applies to `year`, and where it comes from. */
  async official(year: number): Promise<CalendarYearDto['official']> {
    const imported = await this.ctx.db.read((q) => calendarDb.listOfficialCalendars(q));
    const row = imported.get(year);
    if (row) {
      const f = JSON.parse(row.content) as OfficialScheduleFile;
      return { version: f.version, source: f.source, origin: 'imported', importedAt: row.importedAt.toISOString() };
    }
    const shipped = SHIPPED.get(year);
    return shipped ? { version: shipped.version, source: shipped.source, origin: 'shipped', importedAt: null } : null;
  }

  /**
   * Imports a year's official schedule (the same format as the shipped
   * files; DOMAIN.md §3: "an office imports the year's file when it is
   * published"). It replaces the shipped one of that year and applies at
   * once: the calendar is rebuilt on every call. Audited.
   */
  async importOfficial(year: number, file: unknown, staffId: number | null): Promise<CalendarDay[]> {
    assertYear(year);
    const parsed = officialScheduleSchema.safeParse(file);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError('VALIDATION_ERROR', `Tệp lịch không hợp lệ: ${issue.message}`, 400, {
        field: issue.path.join('.') || 'file',
      });
    }
    if (parsed.data.year !== year) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `Tệp lịch là của năm ${parsed.data.year}, không phải năm ${year}.`,
        400,
        {
          field: 'year',
        },
      );
    }
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      await calendarDb.putOfficialCalendar(q, year, JSON.stringify(parsed.data), staffId, now);
      await insertAudit(
        q,
        {
          actorKind: staffId === null ? 'system' : 'staff',
          actorId: staffId,
          action: 'calendar.official_imported',
          entity: 'calendar',
          entityId: year,
          before: null,
          after: { version: parsed.data.version, source: parsed.data.source, days: parsed.data.days.length },
        },
        now,
      );
    });
    return this.holidays(year);
  }

  /** Drops the imported schedule of `year`: the shipped file (if any) applies again. */
  async removeImportedOfficial(year: number, staffId: number | null): Promise<CalendarDay[]> {
    assertYear(year);
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      if (!(await calendarDb.deleteOfficialCalendar(q, year))) {
        throw new DomainError('NOT_FOUND', `Năm ${year} chưa có lịch nào được nhập.`, 404);
      }
      await insertAudit(
        q,
        {
          actorKind: staffId === null ? 'system' : 'staff',
          actorId: staffId,
          action: 'calendar.official_removed',
          entity: 'calendar',
          entityId: year,
          before: null,
          after: null,
        },
        now,
      );
    });
    return this.holidays(year);
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

const OFFICIAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'official-calendars');

/** The official schedules shipped with motcua, read and checked once at start-up (a bad file stops the start). */
export function loadShippedSchedules(dir = OFFICIAL_DIR): Map<number, OfficialSchedule> {
  const out = new Map<number, OfficialSchedule>();
  for (const file of readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f))) {
    const parsed = officialScheduleSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`Lịch chính thức ${file} không hợp lệ: ${parsed.error.issues[0]?.message}`);
    if (`${parsed.data.year}.json` !== file) throw new Error(`Lịch chính thức ${file} ghi năm ${parsed.data.year}`);
    out.set(parsed.data.year, toSchedule(parsed.data));
  }
  return out;
}

const SHIPPED = loadShippedSchedules();

function toSchedule(f: OfficialScheduleFile): OfficialSchedule {
  return {
    year: f.year,
    version: f.version,
    source: f.source,
    days: f.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, ...(d.source ? { source: d.source } : {}) })),
  };
}

/** Shipped schedules with the imported ones on top (an import replaces the shipped file of its year). */
async function officialSchedules(q: Executor): Promise<Map<number, OfficialSchedule>> {
  const out = new Map(SHIPPED);
  for (const [year, row] of await calendarDb.listOfficialCalendars(q)) {
    out.set(year, toSchedule(JSON.parse(row.content) as OfficialScheduleFile));
  }
  return out;
}

/** The office's WorkingCalendar from its settings, the official schedules and every year's edits. */
export function buildCalendar(
  office: Office | undefined,
  edits: Map<number, CalendarEdit[]>,
  officials: Map<number, OfficialSchedule> = SHIPPED,
): WorkingCalendar {
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
      (year) => officials.get(year),
    ),
  });
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new DomainError('VALIDATION_ERROR', `Năm không hợp lệ: ${year} (từ 1900 đến 2199).`, 400, { field: 'year' });
  }
}
