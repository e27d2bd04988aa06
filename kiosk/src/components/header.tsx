import { signal } from '@preact/signals';
import { lang, setLang } from '@ui/i18n';
import { t } from '../i18n';
import { config } from '../state';

const now = signal(new Date());
setInterval(() => (now.value = new Date()), 10_000);

const two = (n: number) => String(n).padStart(2, '0');

/** Office name, clock and the language switch, on every kiosk screen. */
export function Header() {
  const cfg = config.value;
  const d = now.value;
  return (
    <header class="k-header">
      <div class="k-office">
        <div class="k-parent">{cfg?.parentName}</div>
        <div class="k-name">{cfg?.officeName}</div>
      </div>
      <div class="k-clock" aria-label="clock">
        <span class="k-time">
          {two(d.getHours())}:{two(d.getMinutes())}
        </span>
        <span class="k-date">
          {two(d.getDate())}/{two(d.getMonth() + 1)}/{d.getFullYear()}
        </span>
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
