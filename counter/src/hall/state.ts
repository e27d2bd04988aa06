/**
 * The hall page's state: the latest `hall:state` (socket, or GET /api/hall
 * on load) and the one action, acknowledging an alert.
 */
import { signal } from '@preact/signals';
import type { HallStateDto } from '@protocol/hall';
import { api, ApiFailure } from '@ui/api';
import { staffToken } from '@ui/staff-session';

export const hall = signal<HallStateDto | null>(null);
export const online = signal(true);
export const error = signal<string | null>(null);
export const acknowledging = signal<number | null>(null);

const auth = () => ({ token: staffToken.value });

export async function load(): Promise<void> {
  try {
    hall.value = await api<HallStateDto>('GET', '/api/hall', { auth: auth() });
    error.value = null;
  } catch (err) {
    error.value = err instanceof ApiFailure ? err.message : String(err);
  }
}

export async function acknowledge(alertId: number): Promise<void> {
  acknowledging.value = alertId;
  try {
    await api('POST', `/api/hall/alerts/${alertId}/acknowledge`, { auth: auth() });
    error.value = null;
    // the socket brings the new hall; a fresh read makes sure
    await load();
  } catch (err) {
    error.value = err instanceof ApiFailure ? err.message : String(err);
  } finally {
    acknowledging.value = null;
  }
}

/** Time of day in the office zone, "09:05". */
export function clockText(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** "25/11/2026" */
export function dateText(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}
