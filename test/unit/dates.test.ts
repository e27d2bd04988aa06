/** Dates as people type them (ui/dates.ts): dd/mm/yyyy whatever the browser's locale. */
import { describe, expect, it } from 'vitest';
import { formatTypedDate, parseTypedDate, todayInOffice } from '../../ui/dates';

describe('parseTypedDate', () => {
  it.each([
    ['25/11/2026', '2026-11-25'],
    ['5/1/2026', '2026-01-05'],
    ['25-11-2026', '2026-11-25'],
    ['25.11.2026', '2026-11-25'],
    [' 2026-11-25 ', '2026-11-25'],
    ['29/02/2028', '2028-02-29'],
  ])('%s → %s', (text, iso) => expect(parseTypedDate(text)).toBe(iso));

  it.each(['31/11/2026', '29/02/2026', '11/25/2026', '2026/11/25', '25/11/26', '', 'hôm nay'])('refuses %s', (text) =>
    expect(parseTypedDate(text)).toBeNull(),
  );
});

describe('formatTypedDate', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatTypedDate('2026-01-05')).toBe('05/01/2026');
    expect(formatTypedDate('')).toBe('');
  });
});

describe('todayInOffice', () => {
  it("is the office's day, not the machine's (UTC+7)", () => {
    expect(todayInOffice(new Date('2026-11-24T16:59:59Z'))).toBe('2026-11-24');
    expect(todayInOffice(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
  });
});
