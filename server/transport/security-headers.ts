/**
 * The headers every answer carries (docs/reliability.md "Headers policy").
 * The pages bundle their scripts and styles, so the policy is strict: only
 * this origin, no inline script, no eval, never inside a frame.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { FORM_INLINE_SCRIPTS } from '../printing/forms';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // vite inlines small assets as data: URIs; the board plays its voice clips from blob: URLs
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  // 'self' covers the same-origin socket.io websocket
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The printable forms (Mẫu 01–05) carry their own <style> and exactly two scripts, allowed by hash. */
export const FORM_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  `script-src 'unsafe-hashes' ${FORM_INLINE_SCRIPTS.map(sha).join(' ')}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': PAGE_CSP,
    'cross-origin-opener-policy': 'same-origin',
  });
  next();
};

/** Answers about people (dossiers, applicants, staff) stay out of every cache. */
export const noStore = (res: Response): void => {
  res.set('cache-control', 'no-store');
};
