/** Runs once before all tests: screenshots go to test-output/ (git-ignored); PostgreSQL runs get their schema prefix. */
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dropSchemas, runPrefix, testStorage } from './helpers/pg';

export default function setup(): (() => Promise<void>) | void {
  mkdirSync('test-output/screenshots', { recursive: true });
  if (testStorage() !== 'postgres') return;
  process.env.MOTCUA_TEST_RUN = randomBytes(3).toString('hex');
  const prefix = runPrefix();
  // the schemas of servers a test stopped without cleaning up
  return async () => void (await dropSchemas(prefix));
}
