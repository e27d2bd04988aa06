/**
 * A rule said no. `code` is stable for programs (API-CONTRACT.md), the
 * message is Vietnamese for the person in front of the screen, `status`
 * is the HTTP status the transport answers with.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 404, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 409, details);
export const forbidden = (code: string, message: string) => new DomainError(code, message, 403);
