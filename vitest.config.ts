import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@protocol': here('./server/protocol'),
      '@ui': here('./ui'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // the fault suite is its own run: npm run test:faults (vitest.faults.config.ts)
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    // A page reacts when it reacts: on a busy 2-core machine a screen can take
    // longer than vitest's default 1 s to change. Polls wait up to 10 s.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    // Browser tests start Chromium; on 2 cores, a few files at a time.
    maxWorkers: 2,
  },
});
