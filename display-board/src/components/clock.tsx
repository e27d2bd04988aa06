import { useSignal, useSignalEffect } from '@preact/signals';
import { t } from '../i18n';
import { clockOffsetMs } from '../state';

const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: OFFICE_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The office's time and date (the server's clock, in the office's zone). */
export function Clock() {
  const now = useSignal(Date.now());
  useSignalEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(timer);
  });
  const p = Object.fromEntries(
    parts.formatToParts(new Date(now.value + clockOffsetMs.value)).map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  const weekday = t().weekdays[WEEKDAYS.indexOf(p.weekday ?? '')] ?? '';
  return (
    <div class="clock" data-testid="clock">
      <div class="clock-time">
        {p.hour}:{p.minute}
      </div>
      <div class="clock-date">
        {weekday}, {p.day}/{p.month}/{p.year}
      </div>
    </div>
  );
}
