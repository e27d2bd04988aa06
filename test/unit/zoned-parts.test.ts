/** The quarter-hour offset cache of zonedParts answers exactly what Intl answers, DST switches included. */
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../../server/domain/time';

function intl(d: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour') % 24,
    minute: n('minute'),
    second: n('second'),
    millisecond: ((d.getTime() % 1000) + 1000) % 1000,
  };
}

describe('zonedParts', () => {
  for (const zone of ['Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
    it(`equals Intl in ${zone}, around DST switches and over two centuries`, () => {
      let seed = 42;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const instants = [
        '2026-03-08T06:59:59.999Z', // New York springs forward at 07:00 UTC
        '2026-03-08T07:00:00.000Z',
        '2026-11-01T05:59:59.999Z',
        '2026-11-01T06:00:00.000Z',
        '2026-04-04T15:00:00.000Z', // Lord Howe: a half-hour switch
        '1975-06-13T16:00:00.000Z', // Vietnam's zone changed in 1975
        '1900-01-01T00:00:00.000Z', // local mean time, offsets with seconds
      ].map((s) => new Date(s));
      for (let i = 0; i < 2000; i++) instants.push(new Date(Date.UTC(1900, 0, 1) + rand() * 200 * 365.25 * 86_400_000));
      for (const d of instants) expect(zonedParts(d, zone), d.toISOString()).toEqual(intl(d, zone));
    });
  }
});
