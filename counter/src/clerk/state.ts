/**
 * The clerk terminal's state: signals fed by the socket's `counter:state`
 * snapshots and by HTTP answers, and the actions the screen calls.
 * Components read signals and call actions; none touches the socket.
 */
import { computed, signal } from '@preact/signals';
import type { CounterDto, CounterState, FieldDto, PrinterStatusDto, ProcedureDto, TicketDto } from '@protocol/dto';
import type { DossierDto } from '@protocol/dossiers';
import type { AlertDto } from '@protocol/hall';
import { api, ApiFailure } from '@ui/api';
import { staffToken, staffUser } from '@ui/staff-session';

export type Dialog = 'none' | 'pause' | 'transfer' | 'receive' | 'dossier';

export const counterState = signal<CounterState | null>(null);
export const counters = signal<CounterDto[]>([]);
export const fields = signal<FieldDto[]>([]);
export const procedures = signal<ProcedureDto[]>([]);
export const dialog = signal<Dialog>('none');
export const notice = signal<{ kind: 'error' | 'ok'; text: string } | null>(null);
export const busy = signal(false);
export const online = signal(true);
/** The office's printers (kiosks), from GET /api/printers and `printer:status`. */
export const printers = signal<PrinterStatusDto[]>([]);
/** Those a clerk should know about: anything but "ok". */
export const printerAlerts = computed(() => printers.value.filter((p) => p.state !== 'ok'));

export async function loadPrinters(): Promise<void> {
  printers.value = (await api<{ printers: PrinterStatusDto[] }>('GET', '/api/printers', { auth: auth() })).printers;
}

export function applyPrinterStatus(status: PrinterStatusDto): void {
  const others = printers.value.filter((p) => p.printerId !== status.printerId);
  printers.value = [...others, status].sort((a, b) => a.deviceName.localeCompare(b.deviceName));
}
/** The hall's open alerts about this counter or its fields (`counter:alerts`). */
export const alerts = signal<AlertDto[]>([]);

/** Dossiers received during the current visit. */
export const visitDossiers = signal<DossierDto[]>([]);
/** ms to add to Date.now() to get the server's clock (tests run the server on a fixed clock). */
export const clockOffset = signal(0);
/** Ticks every 15 s so waiting times move. */
export const tick = signal(Date.now());

export const myCounter = computed(() => {
  const user = staffUser.value;
  return counters.value.find((c) => c.clerk?.id === user?.id) ?? null;
});
export const current = computed<TicketDto | null>(() => counterState.value?.counter.currentTicket ?? null);

export function serverNow(): number {
  return tick.value + clockOffset.value;
}

const auth = () => ({ token: staffToken.value });

function fail(err: unknown): void {
  notice.value = { kind: 'error', text: err instanceof ApiFailure ? err.message : String(err) };
}

/** Runs one clerk action: busy while it runs, its error shown, then a fresh snapshot. */
async function act<T>(fn: () => Promise<T>): Promise<T | undefined> {
  if (busy.value) return undefined;
  busy.value = true;
  notice.value = null;
  let out: T | undefined;
  try {
    out = await fn();
  } catch (err) {
    fail(err);
    return undefined;
  } finally {
    busy.value = false;
  }
  // the socket brings the new snapshot too; this makes sure, without holding the keys meanwhile
  await refresh().catch(fail);
  return out;
}

export function applyState(state: CounterState): void {
  const previous = counterState.value?.counter.currentTicket?.id;
  counterState.value = state;
  clockOffset.value = new Date(state.serverTime).getTime() - Date.now();
  tick.value = Date.now();
  const now = state.counter.currentTicket?.id;
  if (now !== previous) visitDossiers.value = [];
}

export async function loadBasics(): Promise<void> {
  const [cs, fs, ps] = await Promise.all([
    api<CounterDto[]>('GET', '/api/counters', { auth: auth() }),
    api<FieldDto[]>('GET', '/api/fields'),
    api<ProcedureDto[]>('GET', '/api/procedures'),
  ]);
  counters.value = cs;
  fields.value = fs;
  procedures.value = ps;
}

export async function refresh(): Promise<void> {
  counters.value = await api<CounterDto[]>('GET', '/api/counters', { auth: auth() });
  const mine = myCounter.value;
  if (mine) applyState(await api<CounterState>('GET', `/api/counters/${mine.id}/state`, { auth: auth() }));
  else counterState.value = null;
}

const counterId = () => counterState.value?.counter.id ?? myCounter.value?.id;

export const openCounter = (id: number) => act(() => api('POST', `/api/counters/${id}/open`, { auth: auth() }));

export const callNext = () =>
  act(async () => {
    try {
      await api('POST', `/api/counters/${counterId()}/call-next`, { auth: auth() });
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'QUEUE_EMPTY') {
        notice.value = { kind: 'ok', text: err.message };
        return;
      }
      throw err;
    }
  });

/** Calls one waiting citizen by name (already at the desk): it jumps the queue and is counted so. */
export const callTicket = (ticketId: string) =>
  act(() => api('POST', `/api/counters/${counterId()}/call`, { auth: auth(), body: { ticketId } }));

/** The clerk has seen a hall alert (audited). */
export const acknowledgeAlert = (alertId: number) =>
  act(async () => {
    await api('POST', `/api/hall/alerts/${alertId}/acknowledge`, { auth: auth() });
    alerts.value = alerts.value.map((a) => (a.id === alertId ? { ...a, acknowledgedAt: new Date().toISOString() } : a));
  });

export const recall = (ticketId: string) => act(() => api('POST', `/api/tickets/${ticketId}/recall`, { auth: auth() }));
export const skip = (ticketId: string) => act(() => api('POST', `/api/tickets/${ticketId}/skip`, { auth: auth() }));
export const finish = (ticketId: string) => act(() => api('POST', `/api/tickets/${ticketId}/finish`, { auth: auth() }));
export const transfer = (ticketId: string, to: { fieldId?: number; counterId?: number }) =>
  act(() => api('POST', `/api/tickets/${ticketId}/transfer`, { auth: auth(), body: to }));
export const pause = (reason: string) =>
  act(() => api('POST', `/api/counters/${counterId()}/pause`, { auth: auth(), body: { reason } }));
export const resume = () => act(() => api('POST', `/api/counters/${counterId()}/resume`, { auth: auth() }));
export const closeCounter = () => act(() => api('POST', `/api/counters/${counterId()}/close`, { auth: auth() }));

/** Dossier calls answer the dossier (or throw, for the dialog to show). */
export function dossierCall(method: string, path: string, body?: unknown): Promise<DossierDto> {
  return api<DossierDto>(method, path, { auth: auth(), ...(body === undefined ? {} : { body }) });
}

export function dossierList(query: string): Promise<DossierDto[]> {
  return api<DossierDto[]>('GET', `/api/dossiers?${query}`, { auth: auth() });
}

export function dueDatePreview(receivedAt: string, workingDays: number): Promise<{ dueAt: string }> {
  return api('GET', `/api/calendar/due-date?receivedAt=${encodeURIComponent(receivedAt)}&workingDays=${workingDays}`);
}

export function showError(err: unknown): void {
  fail(err);
}

/** Time of day in the office zone, "09:05". */
export function clockText(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** "09:30, thứ Hai 30/11/2026" in the office zone. */
export function dateTimeText(iso: string, locale: 'vi' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function minutesSince(iso: string | null): number {
  if (!iso) return 0;
  return Math.max(0, Math.floor((serverNow() - new Date(iso).getTime()) / 60_000));
}
