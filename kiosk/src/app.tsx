/**
 * One page, three uses:
 *   /kiosk/               the touchscreen kiosk (paired with ?key=<device key>)
 *   /kiosk/t/<ticketId>?k=<ticketKey>   the live ticket page a phone opens from the QR (the key lets it rate)
 *   /kiosk/lookup?code=   dossier status, from the QR on a receipt
 */
import { Header } from './components/header';
import { Home } from './components/home';
import { PriorityChoice } from './components/priority';
import { Confirm } from './components/confirm';
import { TicketView } from './components/ticket-view';
import { OfflineBanner } from './components/offline-banner';
import { t } from './i18n';
import { signal } from '@preact/signals';
import type { JSX } from 'preact';
import { goHome, online, pairing, screen } from './state';

/**
 * A screen in its own chunk, loaded the first time it is shown (the
 * catalog and the dossier lookup: the kiosk's start stays within 30 kB).
 */
function lazy<P extends object>(load: () => Promise<(props: P) => JSX.Element>): (props: P) => JSX.Element | null {
  const loaded = signal<{ C: (props: P) => JSX.Element } | null>(null);
  return (props: P) => {
    const m = loaded.value;
    if (!m) {
      void load().then((C) => (loaded.value = { C }));
      return null;
    }
    return <m.C {...props} />;
  };
}

const Catalog = lazy<Record<string, never>>(() => import('./components/catalog').then((m) => m.Catalog));
const Lookup = lazy<{ onBack?: () => void; initialCode?: string }>(() =>
  import('./components/lookup').then((m) => m.Lookup),
);

export type Route =
  { page: 'kiosk' } | { page: 'ticket'; ticketId: string; ticketKey: string | null } | { page: 'lookup'; code: string };

export function route(loc: { pathname: string; search: string }): Route {
  const rest = loc.pathname.replace(/^\/kiosk\/?/, '');
  const ticket = /^t\/([a-z0-9]+)\/?$/.exec(rest);
  if (ticket) return { page: 'ticket', ticketId: ticket[1]!, ticketKey: new URLSearchParams(loc.search).get('k') };
  if (/^lookup\/?$/.test(rest)) return { page: 'lookup', code: new URLSearchParams(loc.search).get('code') ?? '' };
  return { page: 'kiosk' };
}

function CurrentScreen() {
  const s = screen.value;
  switch (s.name) {
    case 'home':
      return <Home />;
    case 'priority':
      return <PriorityChoice fieldId={s.fieldId} pressKey={s.pressKey} />;
    case 'confirm':
      return <Confirm fieldId={s.fieldId} priority={s.priority} pressKey={s.pressKey} />;
    case 'ticket':
      return <TicketView ticket={s.ticket} />;
    case 'catalog':
      return <Catalog />;
    case 'lookup':
      return <Lookup onBack={goHome} />;
  }
}

export function Kiosk() {
  if (pairing.value !== 'ok') {
    return (
      <main class="k-app k-unpaired">
        <h1>{t().notPaired}</h1>
        <p>{pairing.value === 'bad' ? t().badKey : t().notPairedHelp}</p>
      </main>
    );
  }
  return (
    <main class="k-app" data-screen={screen.value.name}>
      <OfflineBanner online={online.value} />
      <Header />
      <CurrentScreen />
    </main>
  );
}

/** The kiosk and the receipt lookup; the phone's ticket page is its own chunk (main.tsx). */
export function App({ where }: { where: Exclude<Route, { page: 'ticket' }> }) {
  if (where.page === 'lookup') {
    return (
      <main class="p-page">
        <Lookup initialCode={where.code} />
      </main>
    );
  }
  return <Kiosk />;
}
