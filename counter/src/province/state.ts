/**
 * The province page's state: the offices (re-read every 10 s), the form
 * adding one with the new office's one-time password, and the province's
 * figures for a period. Everything comes from /api/province/… (home office).
 */
import { signal } from '@preact/signals';
import type { OfficeCreatedDto, ProvinceIndex766Dto, ProvinceOfficeDto, ProvinceQueueDto } from '@protocol/province';
import { api, ApiFailure } from '@ui/api';
import { todayInOffice } from '@ui/dates';
import { staffToken } from '@ui/staff-session';

const auth = () => ({ token: staffToken.value });
const messageOf = (e: unknown) => (e instanceof ApiFailure ? e.message : String(e));

// ------------------------------------------------------------------ offices

export const OFFICES_REFRESH_MS = 10_000;

export const offices = signal<ProvinceOfficeDto[] | null>(null);
export const officesAt = signal<Date | null>(null);
export const officesError = signal<string | null>(null);
/** The server's 403 (not a province administrator): the page says it and shows nothing else. */
export const forbidden = signal<string | null>(null);

export async function loadOffices(): Promise<void> {
  try {
    offices.value = await api<ProvinceOfficeDto[]>('GET', '/api/province/offices', { auth: auth() });
    officesAt.value = new Date();
    officesError.value = null;
    forbidden.value = null;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 403) forbidden.value = e.message;
    else officesError.value = messageOf(e);
  }
}

/** Reads the offices now and every 10 s (a read does not start before the last one answered); returns the stop. */
export function watchOffices(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    await loadOffices();
    if (!stopped && !forbidden.value) timer = setTimeout(() => void round(), OFFICES_REFRESH_MS);
  };
  void round();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// --------------------------------------------------------------- add office

export type Seed = 'none' | 'demo';
export type FormField = 'code' | 'name';

export const draft = signal<{ code: string; name: string; seed: Seed }>({ code: '', name: '', seed: 'none' });
export const fieldErrors = signal<Partial<Record<FormField, string>>>({});
export const formError = signal<string | null>(null);
export const saving = signal(false);
/** The office just added, with its administrator's password: shown once, until dismissed. */
export const created = signal<OfficeCreatedDto | null>(null);

export function editDraft(patch: Partial<{ code: string; name: string; seed: Seed }>): void {
  draft.value = { ...draft.value, ...patch };
  // an error stays beside its field until that field is edited
  const next = { ...fieldErrors.value };
  for (const k of Object.keys(patch)) delete next[k as FormField];
  fieldErrors.value = next;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * Where the server's refusal goes: beside the field it names (`details.field`),
 * as the field's own issue when the server lists one (the label already names
 * the field), else its whole message; anything else above the button.
 */
export function placeError(e: unknown): { field: FormField | null; message: string } {
  if (!(e instanceof ApiFailure)) return { field: null, message: messageOf(e) };
  const details = e.error.details as { field?: string; issues?: Array<{ field: string; message: string }> } | undefined;
  const field = details?.field === 'code' || details?.field === 'name' ? details.field : null;
  if (!field) return { field: null, message: e.message };
  const issue = details?.issues?.find((i) => i.field === field);
  return { field, message: issue ? capitalise(issue.message) : e.message };
}

export async function addOffice(): Promise<boolean> {
  saving.value = true;
  formError.value = null;
  fieldErrors.value = {};
  try {
    const office = await api<OfficeCreatedDto>('POST', '/api/province/offices', { auth: auth(), body: draft.value });
    created.value = office;
    draft.value = { code: '', name: '', seed: draft.value.seed };
    // the new office in the table at once; its process and queue come with the next read
    if (offices.value && !offices.value.some((o) => o.code === office.code)) {
      offices.value = [
        ...offices.value,
        { code: office.code, name: office.name, basePath: office.basePath, owner: null, waiting: 0 },
      ];
    }
    void loadOffices();
    void loadFigures();
    return true;
  } catch (e) {
    const placed = placeError(e);
    if (placed.field) fieldErrors.value = { [placed.field]: placed.message };
    else formError.value = placed.message;
    return false;
  } finally {
    saving.value = false;
  }
}

// ------------------------------------------------------------------ figures

const today = todayInOffice();
/** This month up to today, as the reports page opens. */
export const from = signal(`${today.slice(0, 8)}01`);
export const to = signal(today);
/** The period the figures shown are for (the fields may have been edited since). */
export const shownPeriod = signal<{ from: string; to: string } | null>(null);

export const queue = signal<ProvinceQueueDto | null>(null);
export const index766 = signal<ProvinceIndex766Dto | null>(null);
export const figuresLoading = signal(false);
export const figuresError = signal<string | null>(null);

export async function loadFigures(): Promise<void> {
  const period = { from: from.value, to: to.value };
  const qs = `from=${period.from}&to=${period.to}`;
  figuresLoading.value = true;
  figuresError.value = null;
  try {
    const [q, x] = await Promise.all([
      api<ProvinceQueueDto>('GET', `/api/province/reports/queue?${qs}`, { auth: auth() }),
      api<ProvinceIndex766Dto>('GET', `/api/province/reports/index766?${qs}`, { auth: auth() }),
    ]);
    queue.value = q;
    index766.value = x;
    shownPeriod.value = period;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 403) forbidden.value = e.message;
    else figuresError.value = messageOf(e);
  } finally {
    figuresLoading.value = false;
  }
}
