/**
 * Dossier reception at the counters against the real server: POST
 * /api/dossiers (code + appointment from the calendar + ledger line, one
 * transaction each), from one clerk and from six at once; then the
 * appointment endpoint. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { summarize } from './stats';

const PER_CLERK = 150;

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const server = await startServer({ dataDir, demo: true, demoPassword: 'demo123' });
  try {
    const url = server.url;
    const login = async (u: string) =>
      (
        (await (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: u, password: 'demo123' }),
          })
        ).json()) as { token: string }
      ).token;
    const tokens = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => login(`canbo${n}`)));
    const receive = async (token: string, i: number): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          procedureCode: i % 2 ? '1.004227' : '1.004873',
          applicant: { fullName: `Công dân ${i}`, idNumber: '001203004567', phone: '0912345678' },
          channel: 'direct',
          documentCount: 3,
        }),
      });
      if (res.status !== 201) throw new Error(`dossier ${i}: HTTP ${res.status}`);
      await res.json();
      return performance.now() - t0;
    };

    const one: number[] = [];
    for (let i = 0; i < PER_CLERK; i++) one.push(await receive(tokens[0]!, i));
    console.log(summarize('POST /api/dossiers, one clerk', one));

    const six: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      tokens.map(async (token, c) => {
        for (let i = 0; i < PER_CLERK; i++) six.push(await receive(token, 1000 * (c + 1) + i));
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(
      `received ${six.length} dossiers from 6 clerks at once in ${s.toFixed(2)} s = ${(six.length / s).toFixed(0)} dossiers/s`,
    );
    console.log(summarize('POST /api/dossiers, six clerks at once', six));

    const due: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await (
        await fetch(`${url}/api/calendar/due-date?receivedAt=2026-02-12T10:07:00%2B07:00&workingDays=${i % 30}`)
      ).json();
      due.push(performance.now() - t);
    }
    console.log(summarize('GET /api/calendar/due-date', due));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
