/**
 * The office's reception hours as an administrator states them (a morning
 * and an afternoon session, Saturday morning open or not) and as the
 * calendar counts them (`OfficeHours`, DOMAIN.md §2).
 */
import { DEFAULT_OFFICE_HOURS, type OfficeHours, type OfficeSession } from './calendar';

export interface OfficeHoursForm {
  morning: OfficeSession;
  afternoon: OfficeSession;
  saturdayMorning: boolean;
}

/** Saturday morning open: Saturday leaves the weekly days off and gets the morning session only. */
export function officeHoursFromForm(form: OfficeHoursForm): OfficeHours {
  const hours: OfficeHours = {
    sessions: [{ ...form.morning }, { ...form.afternoon }],
    weekendDays: form.saturdayMorning ? [0] : [0, 6],
  };
  if (form.saturdayMorning) hours.saturdaySessions = [{ ...form.morning }];
  return hours;
}

/** The form of stored hours (the defaults when none are stored). */
export function officeHoursToForm(hours: OfficeHours | undefined): OfficeHoursForm {
  const h = hours ?? DEFAULT_OFFICE_HOURS;
  const morning = h.sessions[0] ?? { start: '07:30', end: '11:30' };
  const afternoon = h.sessions[1] ?? { start: '13:30', end: '17:00' };
  return {
    morning: { ...morning },
    afternoon: { ...afternoon },
    saturdayMorning: !h.weekendDays.includes(6) && (h.saturdaySessions?.length ?? 0) > 0,
  };
}
