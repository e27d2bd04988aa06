/**
 * Civil dates typed by people: dd/mm/yyyy as Vietnamese offices write them.
 * Pure, shared by the pages' date fields (ui/components/date-input.tsx).
 */

/** `yyyy-mm-dd` from "25/11/2026", "25-11-2026", "25.11.2026", "5/1/2026" or "2026-11-25"; null when not a real date. */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!match) return null;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "25/11/2026" from "2026-11-25" ('' stays ''). */
export function formatTypedDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The office's time zone: every office of a deployment is in Việt Nam. */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Today as `yyyy-mm-dd` in the office's zone (the pages run on the office LAN; a PC set to UTC still gets the office's day). */
export function todayInOffice(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE }).format(now);
}
