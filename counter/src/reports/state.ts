/** The reports page's state: the chosen period and the reports fetched for it. */
import { computed, signal } from '@preact/signals';
import type {
  AtRiskDossierDto,
  DossierBreakdownDto,
  DossierReportDto,
  Index766Dto,
  QueueReportDto,
} from '@protocol/reports';
import { api, ApiFailure } from '@ui/api';
import { todayInOffice } from '@ui/dates';
import { staffToken } from '@ui/staff-session';
import { periodRange, type PeriodKind } from '../../../server/domain/periods';

export type Kind = PeriodKind | 'custom';

export type AtRiskDossier = AtRiskDossierDto;

const today = todayInOffice();
const [ty, tm] = today.split('-').map(Number) as [number, number];

export const kind = signal<Kind>('month');
export const year = signal(ty);
export const index = signal(tm);
export const cutoff = signal(false);
export const customFrom = signal(`${today.slice(0, 8)}01`);
export const customTo = signal(today);

export const period = computed(() =>
  kind.value === 'custom'
    ? { from: customFrom.value, to: customTo.value }
    : periodRange(kind.value, year.value, index.value, cutoff.value),
);

export const queue = signal<QueueReportDto | null>(null);
export const dossiers = signal<DossierReportDto | null>(null);
export const atRisk = signal<AtRiskDossier[] | null>(null);
export const breakdown = signal<DossierBreakdownDto | null>(null);
export const index766 = signal<Index766Dto | null>(null);
export const loading = signal(false);
export const error = signal<string | null>(null);

export function setKind(k: Kind): void {
  kind.value = k;
  if (k === 'quarter') index.value = Math.ceil(tm / 3);
  else if (k === 'half') index.value = tm <= 6 ? 1 : 2;
  else if (k === 'month') index.value = tm;
  else index.value = 1;
}

const auth = () => ({ token: staffToken.value });

export async function load(): Promise<void> {
  const { from, to } = period.value;
  loading.value = true;
  error.value = null;
  try {
    const qs = `from=${from}&to=${to}`;
    const [q, d, r, b, x] = await Promise.all([
      api<QueueReportDto>('GET', `/api/reports/queue?${qs}`, { auth: auth() }),
      api<DossierReportDto>('GET', `/api/reports/dossiers?${qs}`, { auth: auth() }).catch(() => null),
      api<AtRiskDossier[]>('GET', '/api/reports/dossiers/at-risk', { auth: auth() }).catch(() => null),
      api<DossierBreakdownDto>('GET', `/api/reports/dossiers/breakdown?${qs}`, { auth: auth() }).catch(() => null),
      api<Index766Dto>('GET', `/api/reports/index766?${qs}`, { auth: auth() }).catch(() => null),
    ]);
    index766.value = x;
    breakdown.value = b;
    queue.value = q;
    dossiers.value = d;
    atRisk.value = r;
  } catch (e) {
    error.value = e instanceof ApiFailure ? e.message : String(e);
  } finally {
    loading.value = false;
  }
}

export async function savePaperSlips(body: {
  day: string;
  counterId: number | null;
  counts: Record<'4' | '3' | '2' | '1', number>;
}): Promise<number> {
  const res = await api<{ added: number }>('POST', '/api/ratings/paper', { auth: auth(), body });
  await load();
  return res.added;
}
