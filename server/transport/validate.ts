/** Parsing at the boundary: a zod schema or a clear Vietnamese 400. */
import { z } from 'zod';
import { DomainError } from '../domain/errors';

// zod's own messages in Vietnamese for the cases a schema does not word itself.
z.config(z.locales.vi());

/** Parses `data` or throws a 400 VALIDATION_ERROR naming the first bad field. */
export function parse<S extends z.ZodType>(schema: S, data: unknown, where = 'body'): z.infer<S> {
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
