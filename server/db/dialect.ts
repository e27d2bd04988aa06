/**
 * The few places where SQLite and PostgreSQL speak differently, in one
 * file. Query modules write SQLite's SQL (the default engine) and ask the
 * `Dialect` of their `Executor` only for the fragments that have no common
 * spelling; the PostgreSQL executor translates the rest of the text on its
 * way out (`translateForPostgres`), and PostgreSQL's first migration adds
 * the SQLite functions the reports use (`sum(boolean)`, the two-argument
 * `max`, `json_each`/`json_extract`/`json_array_length` over TEXT).
 *
 * What is translated, and why it is safe:
 * - `?` and named parameters (`$from`, `:from`, `@from`) become `$1…$n`
 *   (a name used twice is one parameter);
 * - `x IS ?` / `x IS NOT ?` (SQLite's null-safe comparison with a
 *   parameter) become `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`;
 * - a decimal literal (`60000.0`) is SQLite's REAL: a DOUBLE PRECISION
 *   cast, so `ms / 60000.0` is the same float on both (PostgreSQL would
 *   otherwise compute in NUMERIC, another rounding);
 * - `INDEXED BY index` is dropped (a SQLite planner hint; PostgreSQL plans
 *   for itself);
 * - a camelCase name (an alias: the schema's names are snake_case) is
 *   double-quoted wherever it appears (`AS fieldId`, `GROUP BY counterId`),
 *   because PostgreSQL folds unquoted names to lower case and the services
 *   read `row.fieldId`;
 * - an INSERT into a table with an identity column gets `RETURNING <it>`,
 *   so `run()` can answer `lastID` (and every inserted id) as SQLite does.
 * String literals, quoted names and comments are never touched.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type StorageKind = 'sqlite' | 'postgres';

const DB_DIR = dirname(fileURLToPath(import.meta.url));

export interface Dialect {
  readonly kind: StorageKind;
  /** Where this engine's numbered migrations are (same NNNN_name prefixes for both). */
  readonly migrationsDir: string;
  /** `expr`'s values of the group joined by ',' in `orderBy` order (SQLite: group_concat over an ordered subquery). */
  groupConcat(expr: string, from: string, orderBy: string): string;
}

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  migrationsDir: join(DB_DIR, 'migrations'),
  groupConcat: (expr, from, orderBy) =>
    `(SELECT group_concat(${expr}) FROM (SELECT ${expr} FROM ${from} ORDER BY ${orderBy}))`,
};

export const postgresDialect: Dialect = {
  kind: 'postgres',
  migrationsDir: join(DB_DIR, 'migrations-pg'),
  groupConcat: (expr, from, orderBy) =>
    `(SELECT string_agg(CAST(${expr} AS TEXT), ',' ORDER BY ${orderBy}) FROM ${from})`,
};

export interface TranslatedSql {
  text: string;
  /** For named parameters: the name of each `$n`, in order (null: positional `?`). */
  names: string[] | null;
  /** `INSERT INTO <table>` (for RETURNING of its identity column), else null. */
  insertInto: string | null;
}

// literals, quoted identifiers and comments pass through untouched
const PROTECTED = /('(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/)/;
const INDEXED_BY = /\bINDEXED\s+BY\s+\w+/gi;
// the schema's names are snake_case: a camelCase word is an alias (`AS fieldId`, `GROUP BY counterId`)
const CAMEL_NAME = /(?<![\w$:@."])([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g;
const REAL_LITERAL = /(?<![\w.$])(\d+\.\d+)(?![\w.])/g;
const IS_PARAM = /\bIS(\s+NOT)?(\s+)(?=\?|[$:@][A-Za-z_])/gi;
const PARAM = /(^|[^:\w$])(?:\?|([$:@])([A-Za-z_]\w*))/g;
const INSERT_INTO = /^\s*INSERT\s+INTO\s+"?(\w+)"?/i;

/** SQLite's SQL → PostgreSQL's (see the file comment). */
export function translateForPostgres(sql: string): TranslatedSql {
  const parts = sql.split(PROTECTED);
  let n = 0;
  let names: string[] | null = null;
  const index = new Map<string, number>();
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i]!.replace(INDEXED_BY, '')
      .replace(IS_PARAM, (_m, not: string | undefined, space: string) =>
        not ? `IS DISTINCT FROM${space}` : `IS NOT DISTINCT FROM${space}`,
      )
      .replace(PARAM, (_m, before: string, sigil: string | undefined, name: string | undefined) => {
        if (sigil === undefined) return `${before}$${++n}`;
        const key = sigil + name!;
        let k = index.get(key);
        if (k === undefined) {
          k = ++n;
          index.set(key, k);
          (names ??= []).push(key);
        }
        return `${before}$${k}`;
      })
      .replace(CAMEL_NAME, '"$1"')
      .replace(REAL_LITERAL, 'CAST($1 AS DOUBLE PRECISION)');
  }
  const insert = INSERT_INTO.exec(sql);
  return { text: parts.join(''), names, insertInto: insert ? insert[1]!.toLowerCase() : null };
}
