/**
 * The kiosk's catalogue for the current language (ui/i18n.ts switch).
 * Vietnamese is in the page; English is its own small chunk, fetched the
 * first time someone switches, so the kiosk's download stays within its
 * 30 kB budget (Vietnamese shows until it arrives, a few milliseconds on
 * the office LAN).
 */
import { effect, signal } from '@preact/signals';
import { lang } from '@ui/i18n';
import { vi, type KioskTexts } from './vi';

const english = signal<KioskTexts | null>(null);

effect(() => {
  if (lang.value === 'en' && !english.value) {
    void import('./en').then((m) => (english.value = m.en));
  }
});

export const t = (): KioskTexts => (lang.value === 'en' && english.value) || vi;
