/**
 * Report times over a year of one busy office (500,000 tickets, 200,000
 * dossiers). Prints figures; asserts nothing (STYLE.md §6).
 *
 *   npm run bench -- reports      # generates into bench-data/year (kept for re-runs)
 *   BENCH_DIR=/tmp/x npm run bench -- reports
 * The generated set uses the demo office and its password.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { generateYear } from '../scripts/generate-year';

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dir = process.env.BENCH_DIR ?? join('bench-data', 'year');
  const tickets = Number(process.env.BENCH_TICKETS ?? 500_000);
  const dossiers = Number(process.env.BENCH_DOSSIERS ?? 200_000);

  if (!existsSync(join(dir, 'motcua.sqlite'))) {
    const t0 = performance.now();
    const res = await generateYear(dir, { tickets, dossiers });
    console.log(
      `generated ${res.tickets} tickets, ${res.ratings} ratings, ${res.dossiers} dossiers over ${res.days} working days in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } else {
    console.log(`using the data set in ${dir} (delete it to regenerate)`);
  }

  const server = await startServer({ dataDir: dir, demo: true, demoPassword: 'demo123', port: 0 });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'giamsat', password: 'demo123' }),
  });
  const { token } = (await login.json()) as { token: string };

  async function time(label: string, path: string, runs = 3, key?: string): Promise<void> {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
      const buf = await res.arrayBuffer();
      times.push(performance.now() - t0);
      size = buf.byteLength;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(buf).toString()}`);
    }
    times.sort((a, b) => a - b);
    if (key) figures[key] = Math.round(times[0]!);
    console.log(
      `${label.padEnd(44)} best ${times[0]!.toFixed(0).padStart(5)} ms   median ${times[Math.floor(runs / 2)]!.toFixed(0).padStart(5)} ms   (${(size / 1024).toFixed(0)} KiB)`,
    );
  }

  console.log('\nHTTP, whole year 2025 (3 runs each):');
  await time('queue report JSON, year', '/api/reports/queue?from=2025-01-01&to=2025-12-31', 3, 'report_queue_year_ms');
  await time(
    'queue report JSON, one month',
    '/api/reports/queue?from=2025-03-01&to=2025-03-31',
    3,
    'report_queue_month_ms',
  );
  await time('queue report .xlsx, year', '/api/reports/queue/export?from=2025-01-01&to=2025-12-31&format=xlsx');
  const extra = (await import('./dossier-bench')).dossierBenchPaths;
  for (const [label, path, key] of extra) await time(label, path, 3, key);
  await server.close();
  return figures;
}
