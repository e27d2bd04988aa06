import { signal } from '@preact/signals';
import { lang, setLang } from '@ui/i18n';
import { t } from '../i18n';
import { config } from '../state';

const now = signal(new Date());
setInterval(() => (now.value = new Date()), 10_000);

/** Office name, clock and the language switch, on every kiosk screen. */
export function Header() {
  const cfg = config.value;
  // The office's time zone, as the board shows it, whatever the kiosk PC is set to.
  const timeZone = cfg?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const d = now.value;
  return (
    <header class="k-header">
      <div class="k-office">
        <div class="k-parent">{cfg?.parentName}</div>
        <div class="k-name">{cfg?.officeName}</div>
      </div>
      <div class="k-clock" aria-label="clock">
        <span class="k-time" data-testid="kiosk-time">
          {d.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}
        </span>
        <span class="k-date">{d.toLocaleDateString('en-GB', { timeZone })}</span>
      </div>
      <button
        class="k-lang"
        aria-label={t().langSwitchLabel}
        onClick={() => setLang(lang.value === 'vi' ? 'en' : 'vi')}
      >
        {t().langSwitch}
      </button>
    </header>
  );
}
