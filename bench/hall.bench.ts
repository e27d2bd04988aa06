/**
 * A busy hall, motcua against the bare parts in the same run.
 *
 * Two server processes: motcua (a hall seeded to size: every counter open
 * with its signed-in clerk and socket, boards, kiosks) and the bare parts
 * (express + socket.io + one synchronous=FULL SQLite insert per request,
 * then `io.to('boards').emit`). The same clients connect to both. Then, in
 * turn A B A B: clerks press "call next" at 20 calls/s in total while
 * kiosks issue 20 tickets/s, and every board's arrival of each call is
 * timed; then 20 kiosks press flat out. Figures: call → every board p50/p99
 * and its first vs last quarter, HTTP call p99, tickets/s flat out, RSS,
 * connect time, CPU per event. It fails only on a lost event, a duplicate
 * or a gap in the numbers — never on a timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { io as ioClient, type Socket } from 'socket.io-client';
import { DB_FILE_NAME } from '../server/app';
import { boardKey, clerkToken, fieldsFor, kioskKey, type HallSize } from './hall/seed-office';
import { cpuMs, rssMb } from './proc-stats';
import { percentile } from './stats';

const RATE = 20; // calls/s, and tickets/s
const FLAT_OUT_KIOSKS = 20;
const GRACE_MS = 5000;

interface Target {
  kind: 'motcua' | 'bare';
  proc: ChildProcess;
  url: string;
  clerks: Socket[];
  boards: Socket[];
  kiosks: Socket[];
  /** Arrivals at the boards: call key → times (ms, performance.now()). */
  arrivals: Map<string, number[]>;
  counterIds: Map<number, number>;
  fieldIds: number[];
}

async function startChild(script: string, args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  // BENCH_PROFILE=dir writes a V8 CPU profile of each server process there (node --cpu-prof)
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 120_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  return { proc, port };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function socketFor(url: string, auth: Record<string, string>, first: string): Promise<Socket> {
  const s = ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${first} within 60 s`)), 60_000);
    s.once(first, () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('connect_error', (e) => reject(e));
  });
}

async function connectAll(t: Target, size: HallSize): Promise<number> {
  const t0 = performance.now();
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const motcua = t.kind === 'motcua';
  const [clerks, boards, kiosks] = await Promise.all([
    Promise.all(
      range(size.counters).map((n) =>
        socketFor(t.url, motcua ? { token: clerkToken(n) } : { role: 'clerk' }, motcua ? 'counter:state' : 'hello'),
      ),
    ),
    Promise.all(
      range(size.boards).map((n) =>
        socketFor(t.url, motcua ? { deviceKey: boardKey(n) } : { role: 'board' }, motcua ? 'board:state' : 'hello'),
      ),
    ),
    Promise.all(
      range(size.kiosks).map((n) =>
        socketFor(t.url, motcua ? { deviceKey: kioskKey(n) } : { role: 'kiosk' }, motcua ? 'queue:changed' : 'hello'),
      ),
    ),
  ]);
  const ms = performance.now() - t0;
  t.clerks = clerks;
  t.boards = boards;
  t.kiosks = kiosks;
  for (const b of boards) {
    b.on('ticket:called', (e: { callId?: string; counterNumber: number; number?: string }) => {
      const key = e.callId ?? `${e.counterNumber}:${e.number}`;
      const list = t.arrivals.get(key) ?? [];
      list.push(performance.now());
      t.arrivals.set(key, list);
    });
  }
  return ms;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let callSeq = 0;

/** One press of "call next" at counter n; resolves with the key its board event carries. */
async function callOnce(t: Target, n: number): Promise<{ key: string | null; httpMs: number }> {
  const t0 = performance.now();
  if (t.kind === 'bare') {
    const callId = `c${++callSeq}`;
    const r = await post(`${t.url}/call`, {}, { callId, counter: n });
    return { key: r.status === 200 ? callId : null, httpMs: performance.now() - t0 };
  }
  const r = await post(`${t.url}/api/counters/${t.counterIds.get(n)}/call-next`, {
    authorization: `Bearer ${clerkToken(n)}`,
  });
  const key = r.status === 200 ? `${r.body.ticket.counterNumber}:${r.body.ticket.number}` : null;
  return { key, httpMs: performance.now() - t0 };
}

async function issueOnce(t: Target, k: number, field: number): Promise<boolean> {
  if (t.kind === 'bare') return (await post(`${t.url}/tickets`, {}, { fieldId: field, kiosk: k })).status === 201;
  return (await post(`${t.url}/api/tickets`, { 'x-device-key': kioskKey(k) }, { fieldId: field })).status === 201;
}

interface SteadyResult {
  boardMs: number[];
  firstQuarter: number[];
  lastQuarter: number[];
  httpMs: number[];
  calls: number;
  lost: number;
  emptyCalls: number;
  cpuPerEventMs: number;
}

/** 20 calls/s and 20 tickets/s for `seconds`, open loop (a press does not wait for the one before). */
async function steady(t: Target, size: HallSize, seconds: number): Promise<SteadyResult> {
  const total = RATE * seconds;
  const sent: Array<{ at: number; key: Promise<{ key: string | null; httpMs: number }> }> = [];
  const tickets: Promise<boolean>[] = [];
  const cpu0 = cpuMs(t.proc.pid!);
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const n = (i % size.counters) + 1;
    sent.push({ at: performance.now(), key: callOnce(t, n) });
    tickets.push(issueOnce(t, (i % size.kiosks) + 1, t.fieldIds[i % t.fieldIds.length]!));
  }
  const answers = await Promise.all(sent.map((s) => s.key));
  await Promise.all(tickets);
  const cpu = cpuMs(t.proc.pid!) - cpu0;
  // every board has it, or it is lost
  const deadline = performance.now() + GRACE_MS;
  const complete = (key: string) => (t.arrivals.get(key)?.length ?? 0) >= size.boards;
  while (performance.now() < deadline && answers.some((a) => a.key && !complete(a.key))) await sleep(50);
  const boardMs: number[] = [];
  const firstQuarter: number[] = [];
  const lastQuarter: number[] = [];
  let lost = 0;
  let emptyCalls = 0;
  answers.forEach((a, i) => {
    if (!a.key) {
      emptyCalls += 1;
      return;
    }
    const times = t.arrivals.get(a.key) ?? [];
    if (times.length < size.boards) {
      lost += 1;
      return;
    }
    const ms = Math.max(...times) - sent[i]!.at;
    boardMs.push(ms);
    if (i < total / 4) firstQuarter.push(ms);
    if (i >= (3 * total) / 4) lastQuarter.push(ms);
  });
  return {
    boardMs,
    firstQuarter,
    lastQuarter,
    httpMs: answers.map((a) => a.httpMs),
    calls: answers.length - emptyCalls,
    lost,
    emptyCalls,
    cpuPerEventMs: cpu / (2 * total),
  };
}

/** 20 kiosks pressing as fast as answers come, for `seconds`: tickets per second. */
async function flatOut(t: Target, size: HallSize, seconds: number): Promise<number> {
  let issued = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: FLAT_OUT_KIOSKS }, async (_, i) => {
      let j = i;
      while (performance.now() < end) {
        if (await issueOnce(t, (i % size.kiosks) + 1, t.fieldIds[j++ % t.fieldIds.length]!)) issued += 1;
      }
    }),
  );
  return issued / ((performance.now() - t0) / 1000);
}

/** Numbers unique and gap-free per field and day, read from motcua's own file. */
async function checkNumbers(dataDir: string): Promise<{ tickets: number; duplicates: number; gaps: number }> {
  const db = new sqlite3.Database(join(dataDir, DB_FILE_NAME), sqlite3.OPEN_READONLY);
  const rows = await new Promise<Array<{ n: number; d: number; lo: number; hi: number }>>((res, rej) =>
    db.all(
      `SELECT count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS lo, max(seq) AS hi
       FROM tickets GROUP BY origin_field_id, service_day`,
      (e, r) => (e ? rej(e) : res(r as never)),
    ),
  );
  await new Promise<void>((res) => db.close(() => res()));
  let tickets = 0;
  let duplicates = 0;
  let gaps = 0;
  for (const r of rows) {
    tickets += r.n;
    duplicates += r.n - r.d;
    gaps += r.hi - r.d + (r.lo - 1);
  }
  return { tickets, duplicates, gaps };
}

const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  );
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export interface HallFigures {
  [key: string]: number;
}

/** One size: both servers up, clients connected, A B A B. */
export async function hall(size: HallSize, seconds: number, flatSeconds: number): Promise<HallFigures> {
  const mDir = mkdtempSync(join(tmpdir(), 'motcua-hall-'));
  const bDir = mkdtempSync(join(tmpdir(), 'motcua-bare-'));
  const sizeArgs = [mDir, String(size.counters), String(size.boards), String(size.kiosks)];
  const seeding = await startChild('bench/hall/motcua-server.ts', [...sizeArgs, '--seed']);
  await new Promise((r) => (seeding.proc.exitCode !== null ? r(null) : seeding.proc.once('exit', r)));
  const m = await startChild('bench/hall/motcua-server.ts', sizeArgs);
  const b = await startChild('bench/hall/bare-server.ts', [bDir]);
  const mk = (kind: Target['kind'], c: { proc: ChildProcess; port: number }): Target => ({
    kind,
    proc: c.proc,
    url: `http://127.0.0.1:${c.port}`,
    clerks: [],
    boards: [],
    kiosks: [],
    arrivals: new Map(),
    counterIds: new Map(),
    fieldIds: [],
  });
  const A = mk('motcua', m);
  const B = mk('bare', b);
  try {
    const list = (await (
      await fetch(`${A.url}/api/counters`, { headers: { authorization: `Bearer ${clerkToken(1)}` } })
    ).json()) as Array<{ id: number; number: number }>;
    for (const c of list) A.counterIds.set(c.number, c.id);
    A.fieldIds = ((await (await fetch(`${A.url}/api/fields`)).json()) as Array<{ id: number }>).map((f) => f.id);
    B.fieldIds = A.fieldIds;

    const rssIdle = { motcua: rssMb(A.proc.pid!), bare: rssMb(B.proc.pid!) };
    const connectMs = { motcua: await connectAll(A, size), bare: await connectAll(B, size) };
    await sleep(500);
    const rss = { motcua: rssMb(A.proc.pid!), bare: rssMb(B.proc.pid!) };

    // a morning's queue: enough waiting that no counter runs dry during the run
    const preload = fieldsFor(size.counters) * 30 + RATE * seconds * 2;
    for (let i = 0; i < preload; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          issueOnce(A, ((i + j) % size.kiosks) + 1, A.fieldIds[(i + j) % A.fieldIds.length]!),
        ),
      );
    }
    await sleep(300);

    const runs: Record<'motcua' | 'bare', SteadyResult[]> = { motcua: [], bare: [] };
    for (const t of [A, B, A, B]) runs[t.kind].push(await steady(t, size, seconds));
    const flat: Record<'motcua' | 'bare', number[]> = { motcua: [], bare: [] };
    for (const t of [A, B, A, B]) flat[t.kind].push(await flatOut(t, size, flatSeconds));
    const numbers = await checkNumbers(mDir);

    const all = (k: 'motcua' | 'bare', f: (r: SteadyResult) => number[]) => runs[k].flatMap(f);
    const fig: HallFigures = {};
    for (const k of ['motcua', 'bare'] as const) {
      fig[`${k}_call_board_p50_ms`] = r1(
        p(
          all(k, (r) => r.boardMs),
          50,
        ),
      );
      fig[`${k}_call_board_p99_ms`] = r1(
        p(
          all(k, (r) => r.boardMs),
          99,
        ),
      );
      fig[`${k}_call_board_first_quarter_p50_ms`] = r1(
        p(
          all(k, (r) => r.firstQuarter),
          50,
        ),
      );
      fig[`${k}_call_board_last_quarter_p50_ms`] = r1(
        p(
          all(k, (r) => r.lastQuarter),
          50,
        ),
      );
      fig[`${k}_http_call_p99_ms`] = r1(
        p(
          all(k, (r) => r.httpMs),
          99,
        ),
      );
      fig[`${k}_flat_out_tickets_per_s`] = Math.round(flat[k].reduce((a, x) => a + x, 0) / flat[k].length);
      fig[`${k}_rss_mb`] = r1(rss[k]);
      fig[`${k}_rss_idle_mb`] = r1(rssIdle[k]);
      fig[`${k}_connect_all_ms`] = Math.round(connectMs[k]);
      fig[`${k}_cpu_per_event_ms`] = r2(runs[k].reduce((a, r) => a + r.cpuPerEventMs, 0) / runs[k].length);
      fig[`${k}_lost_events`] = runs[k].reduce((a, r) => a + r.lost, 0);
      fig[`${k}_calls`] = runs[k].reduce((a, r) => a + r.calls, 0);
    }
    fig.motcua_empty_calls = runs.motcua.reduce((a, r) => a + r.emptyCalls, 0);
    fig.ratio_call_board_p50 = r2(fig.motcua_call_board_p50_ms! / fig.bare_call_board_p50_ms!);
    fig.ratio_call_board_p99 = r2(fig.motcua_call_board_p99_ms! / fig.bare_call_board_p99_ms!);
    fig.ratio_http_call_p99 = r2(fig.motcua_http_call_p99_ms! / fig.bare_http_call_p99_ms!);
    fig.ratio_flat_out = r2(fig.motcua_flat_out_tickets_per_s! / fig.bare_flat_out_tickets_per_s!);
    fig.ratio_rss = r2(fig.motcua_rss_mb! / fig.bare_rss_mb!);
    fig.ratio_last_to_first_quarter = r2(
      fig.motcua_call_board_last_quarter_p50_ms! / fig.motcua_call_board_first_quarter_p50_ms!,
    );
    fig.tickets = numbers.tickets;
    fig.duplicates = numbers.duplicates;
    fig.gaps = numbers.gaps;
    return fig;
  } finally {
    for (const t of [A, B]) for (const s of [...t.clerks, ...t.boards, ...t.kiosks]) s.disconnect();
    A.proc.kill('SIGTERM');
    B.proc.kill('SIGTERM');
    await Promise.all(
      [A, B].map((t) => new Promise((r) => (t.proc.exitCode !== null ? r(null) : t.proc.once('exit', r)))),
    );
    rmSync(mDir, { recursive: true, force: true });
    rmSync(bDir, { recursive: true, force: true });
  }
}

function table(label: string, f: HallFigures): void {
  const row = (name: string, key: string, unit: string, ratioKey?: string) => {
    const a = f[`motcua_${key}`];
    const b = f[`bare_${key}`];
    const ratio = ratioKey ? f[ratioKey] : a !== undefined && b ? r2(a / b) : undefined;
    console.log(
      `| ${name.padEnd(46)} | ${String(a).padStart(9)} | ${String(b).padStart(9)} | ${String(ratio ?? '').padStart(6)} | ${unit}`,
    );
  };
  console.log(`\n${label}`);
  console.log(`| ${'figure'.padEnd(46)} | ${'motcua'.padStart(9)} | ${'bare'.padStart(9)} | ${'ratio'.padStart(6)} |`);
  row('call → every board, p50', 'call_board_p50_ms', 'ms', 'ratio_call_board_p50');
  row('call → every board, p99', 'call_board_p99_ms', 'ms', 'ratio_call_board_p99');
  row('call → every board, first quarter p50', 'call_board_first_quarter_p50_ms', 'ms');
  row('call → every board, last quarter p50', 'call_board_last_quarter_p50_ms', 'ms');
  row('HTTP call p99', 'http_call_p99_ms', 'ms', 'ratio_http_call_p99');
  row(`${FLAT_OUT_KIOSKS} kiosks flat out`, 'flat_out_tickets_per_s', 'tickets/s', 'ratio_flat_out');
  row('RSS, all clients connected', 'rss_mb', 'MB', 'ratio_rss');
  row('connect + first snapshot, all clients', 'connect_all_ms', 'ms');
  row('server CPU per event (call or ticket)', 'cpu_per_event_ms', 'ms');
  row('calls measured', 'calls', '');
  row('lost events (a board never got the call)', 'lost_events', '');
  console.log(
    `tickets ${f.tickets}, duplicate numbers ${f.duplicates}, gaps ${f.gaps}, empty calls ${f.motcua_empty_calls}`,
  );
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number>> {
  const sizes: Array<{ name: string; size: HallSize }> = opts.quick
    ? [{ name: '30', size: { counters: 30, boards: 5, kiosks: 5 } }]
    : [
        { name: '30', size: { counters: 30, boards: 5, kiosks: 5 } },
        { name: '100', size: { counters: 100, boards: 20, kiosks: 20 } },
        { name: '200', size: { counters: 200, boards: 20, kiosks: 20 } },
      ];
  const out: Record<string, number> = {};
  for (const { name, size } of sizes) {
    const f = await hall(size, opts.quick ? 5 : 10, opts.quick ? 2 : 4);
    table(
      `${size.counters} counters, ${size.boards} boards, ${size.kiosks} kiosks (${RATE} calls/s + ${RATE} tickets/s)`,
      f,
    );
    for (const [k, v] of Object.entries(f)) out[`hall${name}_${k}`] = v;
  }
  if (!opts.quick) {
    out.ratio_cpu_per_event_200_vs_100 = r2(
      out.hall200_motcua_cpu_per_event_ms! / out.hall100_motcua_cpu_per_event_ms!,
    );
    console.log(`\nserver CPU per event, 200 vs 100 counters: ${out.ratio_cpu_per_event_200_vs_100}×`);
  }
  return out;
}

/** A lost event, a duplicate or a gap: the run fails (timings never fail it). */
export function failures(figures: Record<string, number>): string[] {
  return Object.entries(figures)
    .filter(([k, v]) => /(lost_events|duplicates|gaps)$/.test(k) && v !== 0)
    .map(([k, v]) => `${k} = ${v}`);
}
