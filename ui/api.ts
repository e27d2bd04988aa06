/**
 * fetch wrapper for the pages: JSON in, JSON out, contract errors as
 * `ApiFailure`. Callers write the home office's paths (`/api/…`); the page's
 * office prefix is added here.
 */
import type { ApiError, ErrorBody } from '@protocol/result';
import { officePath } from './office';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

export interface ApiAuth {
  deviceKey?: string | null;
  token?: string | null;
}

export async function api<T>(
  method: string,
  path: string,
  opts: { body?: unknown; auth?: ApiAuth; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.auth?.deviceKey) headers['x-device-key'] = opts.auth.deviceKey;
  if (opts.auth?.token) headers.authorization = `Bearer ${opts.auth.token}`;
  let res: Response;
  try {
    res = await fetch(officePath(path), {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch {
    throw new ApiFailure(0, { code: 'NETWORK', message: 'Mất kết nối tới máy chủ. Vui lòng thử lại.' });
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const body = data as ErrorBody | null;
    throw new ApiFailure(res.status, body?.error ?? { code: 'HTTP_' + res.status, message: 'Lỗi máy chủ.' });
  }
  return data as T;
}
