/**
 * The administration's data: one signal per list, loaded from /api/admin
 * and reloaded after each change (the server is the truth).
 */
import { signal } from '@preact/signals';
import { api, ApiFailure } from '@ui/api';
import { staffToken } from '@ui/staff-session';
import type {
  AdminCounterDto,
  AdminDeviceDto,
  AdminFieldDto,
  AdminProcedureDto,
  AdminStaffDto,
  LoginLockDto,
  OfficeDto,
} from '@protocol/admin';
import { officePath } from '@ui/office';

export const office = signal<OfficeDto | null>(null);
export const fields = signal<AdminFieldDto[]>([]);
export const procedures = signal<AdminProcedureDto[]>([]);
export const counters = signal<AdminCounterDto[]>([]);
export const staff = signal<AdminStaffDto[]>([]);
export const devices = signal<AdminDeviceDto[]>([]);
export const loginLocks = signal<LoginLockDto[]>([]);

/** An admin call with the signed-in token. */
export function adminApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(method, path, { auth: { token: staffToken.value }, ...(body === undefined ? {} : { body }) });
}

/** A raw upload (catalog sheets): the body is the file as it is. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const type = /\.xlsx$/i.test(file.name)
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv; charset=utf-8';
  const res = await fetch(officePath(path), {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${staffToken.value ?? ''}` },
    body: file,
  });
  const data = (await res.json()) as unknown;
  if (!res.ok) throw new ApiFailure(res.status, (data as { error: ApiFailure['error'] }).error);
  return data as T;
}

export const reload = {
  office: async () => (office.value = await adminApi<OfficeDto>('GET', '/api/admin/office')),
  fields: async () => (fields.value = await adminApi<AdminFieldDto[]>('GET', '/api/admin/fields')),
  procedures: async () => (procedures.value = await adminApi<AdminProcedureDto[]>('GET', '/api/admin/procedures')),
  counters: async () => (counters.value = await adminApi<AdminCounterDto[]>('GET', '/api/admin/counters')),
  staff: async () => (staff.value = await adminApi<AdminStaffDto[]>('GET', '/api/admin/staff')),
  devices: async () => (devices.value = await adminApi<AdminDeviceDto[]>('GET', '/api/admin/devices')),
  loginLocks: async () => (loginLocks.value = await adminApi<LoginLockDto[]>('GET', '/api/admin/login-locks')),
};

export async function reloadAll(): Promise<void> {
  await Promise.all(Object.values(reload).map((f) => f()));
}

/** "2026-11-25T08:05:00+07:00" → "08:05 25/11/2026" (already on the office's clock). */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : iso;
}
