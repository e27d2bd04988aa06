/**
 * `npm run test:pg`: the integration suite again, on PostgreSQL
 * (scripts/test-pg.ts sets MOTCUA_TEST_STORAGE=postgres; every test server
 * gets a fresh schema, test/helpers/pg.ts). Only files that are about the
 * stored data run here; what is left out, and why:
 * - admin-backup.test.ts: the download and the daily copy are the SQLite
 *   file itself (online backup, "SQLite format 3"); on PostgreSQL they answer
 *   409 BACKUP_NOT_AVAILABLE, which postgres-mode.test.ts checks.
 * - kiosk-bundle.test.ts: the size of the built kiosk page, no storage in it.
 * - printer-tcp.test.ts: a printer over TCP, no storage in it.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      'test/integration/admin-backup.test.ts',
      'test/integration/kiosk-bundle.test.ts',
      'test/integration/printer-tcp.test.ts',
    ],
  },
});
