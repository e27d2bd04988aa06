/**
 * PostgreSQL for the integration suite (`npm run test:pg`): with
 * MOTCUA_TEST_STORAGE=postgres and DATABASE_URL set, every test server gets
 * a fresh schema of its own (motcua_t_<run>_<random>), dropped when the test
 * cleans up — and, for servers a test only stopped, at the end of the run
 * (test/global-setup.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function testStorage(): 'sqlite' | 'postgres' {
  return process.env.MOTCUA_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite';
}

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('MOTCUA_TEST_STORAGE=postgres needs DATABASE_URL (npm run test:pg)');
  return url;
}

/** The prefix of this run's schemas (set once by the global setup, inherited by the workers). */
export function runPrefix(): string {
  return `motcua_t_${process.env.MOTCUA_TEST_RUN ?? 'x'}_`;
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestSchema(): Promise<string> {
  const schema = runPrefix() + randomBytes(5).toString('hex');
  await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
  return schema;
}

export async function dropTestSchema(schema: string): Promise<void> {
  await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** Drops every schema whose name starts with `prefix` (what this run left). */
export async function dropSchemas(prefix: string): Promise<number> {
  return withClient(async (c) => {
    const rows = (
      await c.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix])
    ).rows;
    for (const r of rows) await c.query(`DROP SCHEMA IF EXISTS ${r.nspname} CASCADE`);
    return rows.length;
  });
}
