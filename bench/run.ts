/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and prints figures,
 * then, as the last line, one JSON object with every figure and ratio.
 * Benchmarks never fail on a number (targets are in docs/performance.md);
 * the run fails only on a lost event, a duplicate number or a gap.
 *
 *   npm run bench                 # full: every bench, the hall at 30, 100 and 200 counters
 *   npm run bench -- --quick      # under 90 s: the hall at 30 counters against the bare parts (CI)
 *   npm run bench -- queue        # only the benches whose file name contains "queue"
 *   npm run bench -- province     # 50 offices on two processes (PostgreSQL + Redis) against one SQLite process
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { failures } from './hall.bench';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = quick ? 'hall' : args.find((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const t0 = performance.now();
const figures: Record<string, number> = {};
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    run?: (opts: { quick: boolean }) => Promise<Record<string, number> | void>;
  };
  if (typeof mod.run !== 'function') throw new Error(`${file} must export run()`);
  const got = await mod.run({ quick });
  if (got) Object.assign(figures, got);
}
figures.bench_seconds = Math.round((performance.now() - t0) / 1000);
const failed = failures(figures);
if (failed.length > 0) console.error(`\nFAILED: ${failed.join(', ')}`);
console.log(JSON.stringify(figures));
process.exit(failed.length > 0 ? 1 : 0);
