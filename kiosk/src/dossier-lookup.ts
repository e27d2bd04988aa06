/**
 * Dossier status by code (GET /api/dossiers/lookup): what the kiosk's
 * lookup screen and the phone's /kiosk/lookup page show. No personal data
 * comes back, only the procedure, status and appointment.
 */
import { signal } from '@preact/signals';
import type { DossierLookupDto } from '@protocol/dossiers';
import { ApiFailure, api } from '@ui/api';
import { t } from './i18n';

export const code = signal('');
export const result = signal<DossierLookupDto | null>(null);
export const error = signal<string | null>(null);
export const busy = signal(false);

/**
 * What a receipt QR holds may be the code itself or a link carrying it
 * (`…/kiosk/lookup?code=X12.34-251125-0007`, `…/dossiers/X12.34-…`):
 * keep the code.
 */
export function codeFromScan(text: string): string {
  const raw = text.trim();
  const fromQuery = /[?&]code=([^&#\s]+)/.exec(raw);
  if (fromQuery) return decodeURIComponent(fromQuery[1]!).toUpperCase();
  if (/^https?:\/\//i.test(raw)) return (raw.split(/[/?#]/).filter(Boolean).pop() ?? '').toUpperCase();
  return raw.toUpperCase();
}

export async function lookup(value: string): Promise<void> {
  const c = codeFromScan(value);
  code.value = c;
  if (!c) return;
  busy.value = true;
  error.value = null;
  result.value = null;
  try {
    result.value = await api<DossierLookupDto>('GET', `/api/dossiers/lookup?code=${encodeURIComponent(c)}`);
  } catch (err) {
    error.value =
      err instanceof ApiFailure && err.status === 404
        ? t().lookupNotFound
        : err instanceof ApiFailure
          ? err.message
          : t().issueFailed;
  } finally {
    busy.value = false;
  }
}
