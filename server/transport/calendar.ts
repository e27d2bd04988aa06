/** The office calendar (API-CONTRACT.md): days off of a year, and the due-date rule dossiers use. */
import { Router } from 'express';
import type { CalendarDayDto, DueDateDto } from '../protocol/dossiers';
import { dueDateQuerySchema, holidaysQuerySchema } from '../protocol/dossiers';
import { toIsoWithOffset } from '../domain/time';
import type { Services } from './services';
import { parse } from './validate';

export function calendarRoutes(s: Services): Router {
  const r = Router();

  r.get('/calendar/holidays', async (req, res) => {
    const { year } = parse(holidaysQuerySchema, req.query, 'query');
    const body: CalendarDayDto[] = await s.calendar.holidays(year);
    res.json(body);
  });

  r.get('/calendar/due-date', async (req, res) => {
    const { receivedAt, workingDays } = parse(dueDateQuerySchema, req.query, 'query');
    const at = new Date(receivedAt);
    const cal = await s.calendar.calendar();
    const body: DueDateDto = {
      receivedAt: toIsoWithOffset(at, cal.timeZone),
      workingDays,
      dueAt: toIsoWithOffset(await s.calendar.dueDate(at, workingDays, 'days'), cal.timeZone),
    };
    res.json(body);
  });

  return r;
}
