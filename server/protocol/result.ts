/**
 * The one error/result shape shared by HTTP and socket.io acknowledgements
 * (API-CONTRACT.md "Errors"; STYLE.md §1).
 */
export interface ApiError {
  code: string;
  /** Vietnamese, for a person (clerk or citizen). */
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** HTTP error body: `{ "error": { code, message, details } }`. */
export interface ErrorBody {
  error: ApiError;
}
