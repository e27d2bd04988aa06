/**
 * `npm run test:pg`: the integration suite on PostgreSQL (vitest.pg.config.ts).
 * Needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test); without it
 * it says so and skips (a machine without PostgreSQL runs `npm test` on
 * SQLite only); set but not answering is a failure.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('test:pg — BỎ QUA / SKIPPED: DATABASE_URL is not set (e.g. postgres://root@127.0.0.1:5432/test).');
  process.exit(0);
}
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  console.log(`test:pg — PostgreSQL ${rows[0]!.v}`);
} catch (err) {
  // asked for and not there: a failure, not a skip (CI starts PostgreSQL before it runs)
  console.error(`test:pg — PostgreSQL at DATABASE_URL does not answer: ${(err as Error).message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => undefined);
}
const res = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.pg.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MOTCUA_TEST_STORAGE: 'postgres' },
});
process.exit(res.status ?? 1);
