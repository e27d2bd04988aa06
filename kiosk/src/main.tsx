import { render } from 'preact';
import { pagePath } from '@ui/office';
import '@ui/base.css';
import './kiosk.css';
import { App, route } from './app';
import { startKiosk } from './connection';
import { startIdleReset } from './idle';

const where = route({ pathname: pagePath(), search: window.location.search });
const root = document.getElementById('app')!;
document.documentElement.classList.add(where.page === 'kiosk' ? 'is-kiosk' : 'is-phone');
if (where.page === 'ticket') {
  // phones only: kept out of the kiosk's own download
  void import('./components/ticket-page').then(({ TicketPage }) =>
    render(<TicketPage ticketId={where.ticketId} ticketKey={where.ticketKey} />, root),
  );
} else {
  if (where.page === 'kiosk') {
    startKiosk();
    startIdleReset();
  }
  render(<App where={where} />, root);
}
