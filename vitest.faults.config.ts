import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** `npm run test:faults`: the slow fault suite (crashes, fuzz, access matrix, disk, shutdown), docs/reliability.md. */
export default defineConfig({
  resolve: {
    alias: {
      '@protocol': here('./server/protocol'),
      '@ui': here('./ui'),
    },
  },
  test: {
    include: ['test/faults/**/*.test.ts'],
    // generous: the figures in docs/reliability.md were taken on a 2-core machine shared with other builds
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // child servers and thousands of requests: one file at a time on a 2-core machine
    maxWorkers: 1,
    fileParallelism: false,
  },
});
