/**
 * The phone ticket page's one socket: follows one ticket (`ticket:watch`,
 * `ticket:updated`, again after every reconnect) and sends the citizen's
 * rating as the ticket holder. Holding the ticket id is the right to see it;
 * the key in the QR link (`?k=`) is the right to rate it.
 */
import { signal } from '@preact/signals';
import type { KioskConfigDto, TicketDto } from '@protocol/dto';
import { ApiFailure, api } from '@ui/api';
import { connectSocket } from '@ui/socket';

export const ticket = signal<TicketDto | null>(null);
export const missing = signal(false);
export const online = signal(true);
export const office = signal<KioskConfigDto | null>(null);
export const rating = signal<'idle' | 'sending' | 'done' | 'failed'>('idle');

export function follow(ticketId: string): () => void {
  const socket = connectSocket({});
  const watch = () =>
    socket.emit('ticket:watch', { ticketId }, (res) => {
      if (res.ok) ticket.value = res.data;
      else if (res.error.code === 'TICKET_NOT_FOUND' || res.error.code === 'VALIDATION_ERROR') missing.value = true;
    });
  socket.on('connect', () => {
    online.value = true;
    watch(); // again after every reconnect: rooms do not survive one
  });
  socket.on('disconnect', () => (online.value = false));
  socket.on('connect_error', () => (online.value = false));
  socket.on('ticket:updated', (next) => {
    if (next.id === ticketId) ticket.value = next;
  });
  return () => socket.disconnect();
}

/** Rates as the ticket's holder: `ticketKey` is the key from the ticket's QR link. */
export async function rate(ticketId: string, ticketKey: string, score: number): Promise<void> {
  rating.value = 'sending';
  try {
    await api('POST', '/api/ratings', { body: { ticketId, ticketKey, score } });
    rating.value = 'done';
  } catch (err) {
    rating.value = err instanceof ApiFailure && err.error.code === 'ALREADY_RATED' ? 'done' : 'failed';
  }
}

export async function loadOffice(): Promise<void> {
  try {
    office.value = await api<KioskConfigDto>('GET', '/api/kiosk/config');
  } catch {
    // the header stays empty; the ticket still shows
  }
}
