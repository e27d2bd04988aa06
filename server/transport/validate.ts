/** Parsing at the boundary: a zod schema or a clear Vietnamese 400. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors';

// zod's own messages in Vietnamese for the cases a schema does not word itself.
z.config(z.locales.vi());

/**
 * Who watches which schemas the routes validate with: the OpenAPI test
 * (test/integration/openapi.test.ts) checks them against the route table
 * (protocol/api-routes.ts). Null in service.
 */
export const validationProbe: { listener: ((schema: z.ZodType, where: string) => void) | null } = { listener: null };

/** Parses `data` or throws a 400 VALIDATION_ERROR naming the first bad field. */
export function parse<S extends z.ZodType>(schema: S, data: unknown, where = 'body'): z.infer<S> {
  validationProbe.listener?.(schema, where);
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  const first = issues[0]!;
  throw new DomainError(
    'VALIDATION_ERROR',
    first.field === where
      ? `Dữ liệu không hợp lệ: ${first.message}`
      : `Trường "${first.field}" không hợp lệ: ${first.message}`,
    400,
    { field: first.field, issues },
  );
}

/** In unicode mode a lone surrogate is a code point of category Cs; a proper pair is not. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (or key) in `value` holding a lone UTF-16 surrogate, or null. */
function illFormedAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = illFormedAt(value[i], [...path, String(i)]);
      if (at) return at;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return [...path, k.replace(/\p{Cs}/gu, '\uFFFD')];
      const at = illFormedAt(v, [...path, k]);
      if (at) return at;
    }
  }
  return null;
}

/**
 * JSON may spell a lone surrogate (`"\ud800"`), which is no text at all:
 * refused at the boundary with the field it is in, before any service
 * (or the QR encoder, or SQLite) sees it.
 */
export const wellFormedBody: RequestHandler = (req, _res, next) => {
  const at = illFormedAt(req.body);
  if (at) {
    const field = at.join('.') || 'body';
    throw new DomainError(
      'VALIDATION_ERROR',
      `Trường "${field}" không hợp lệ: chứa ký tự không phải văn bản (nửa cặp UTF-16).`,
      400,
      { field, issues: [{ field, message: 'Ký tự không hợp lệ' }] },
    );
  }
  next();
};
