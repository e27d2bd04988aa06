/**
 * A province (issue #17): many offices × 6 counters on two server
 * processes sharing PostgreSQL and Redis, against the same offices on one
 * process with SQLite, in the same run (bench/province/deployment.ts
 * starts both as `npm start` does).
 *
 * Every office: its six clerks signed in with their counters open and
 * their sockets connected, one board, one kiosk. In the PostgreSQL run an
 * office's clients all talk to its owner for half of the offices and to
 * the other process for the other half (requests forwarded to the owner,
 * the board hearing calls through the Redis Streams adapter). Then a
 * steady pace — each office one call and one ticket per second, open loop
 * — during which every call is timed from the HTTP press to `ticket:called`
 * on that office's board; then each office's kiosk presses flat out. Both
 * deployments take the same clients, pace and offices.
 *
 * Figures: call → board p50/p99 (board on the owner / on the other
 * process), HTTP call p50/p99, tickets/s achieved, flat-out tickets/s, RSS,
 * server CPU per event. It fails only on a lost call, a board event missed
 * or repeated (its `seq`), or a duplicate or gap in an office's numbers —
 * never on a timing. Skipped, saying why, without PostgreSQL or Redis.
 *
 *   npm run bench -- province                        # 50 offices, 60 s
 *   MOTCUA_BENCH_OFFICES=6 MOTCUA_BENCH_SECONDS=15 npm run bench -- province
 *   DATABASE_URL=postgres://… REDIS_URL=redis://…     # default: local test database and Redis
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  login,
  postgresDeployment,
  sqliteDeployment,
  unreachable,
  type Deployment,
  type NumberRow,
} from './province/deployment';
import { cpuMs, rssMb } from './proc-stats';
import { percentile } from './stats';

const COUNTERS = 6;
/** Tickets waiting per field and office before the pace starts, so few calls find an empty queue. */
const PRELOAD_PER_FIELD = 10;
const GRACE_MS = 5000;
const IDLE_MS = 5000;
const KIOSK_KEY = 'demo-kiosk-1';
const DISPLAY_KEY = 'demo-display-1';

interface BoardTrack {
  epoch: string;
  seq: number;
  /** events whose seq skipped one or more (a board event this board never got) */
  gaps: number;
  /** events whose seq was not new (the same event twice, or out of order) */
  repeats: number;
  resyncs: number;
}

/** One office as its clients see it. */
interface Office {
  code: string;
  /** where its clients talk: the owner, or (PostgreSQL, every other office) the other process */
  url: string;
  base: string;
  remote: boolean;
  counterIds: number[];
  fieldIds: number[];
  tokens: string[];
  sockets: Socket[];
  /** ticket id → arrival times of its `ticket:called` at this office's board (ms, performance.now()) */
  arrivals: Map<string, number[]>;
  board: BoardTrack;
}

interface Call {
  office: Office;
  at: number;
  answer: Promise<{ status: number; ticketId: string | null; ms: number }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  );
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
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
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Fields, six clerks signed in, their counters open. */
async function prepare(o: Office): Promise<void> {
  const api = `${o.url}${o.base}/api`;
  o.fieldIds = ((await getJson(`${api}/fields`)) as Array<{ id: number }>).map((f) => f.id);
  for (let n = 1; n <= COUNTERS; n++) o.tokens.push(await login(o.url + o.base, `canbo${n}`));
  const counters = (await getJson(`${api}/counters`, { authorization: `Bearer ${o.tokens[0]}` })) as Array<{
    id: number;
    number: number;
  }>;
  for (let n = 1; n <= COUNTERS; n++) {
    const id = counters.find((c) => c.number === n)?.id;
    if (id === undefined) throw new Error(`${o.code}: no counter ${n}`);
    o.counterIds.push(id);
    const r = await post(`${api}/counters/${id}/open`, { authorization: `Bearer ${o.tokens[n - 1]}` });
    if (r.status !== 200) throw new Error(`${o.code}: open counter ${n}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

function socketFor(o: Office, auth: Record<string, string>, first: string, setUp?: (s: Socket) => void) {
  const s = ioClient(`${o.url}${o.base}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  setUp?.(s);
  return new Promise<Socket>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${o.code}: no ${first} within 60 s`)), 60_000);
    s.once(first, () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('connect_error', (e) => reject(e));
  });
}

/** The board: every `ticket:called` timed, the seq of every board event followed. */
function watchBoard(o: Office, s: Socket): void {
  const b = o.board;
  const step = (seq: number, epoch: string) => {
    if (epoch !== b.epoch) {
      // another process's broadcaster (the office moved): the page asks a snapshot; so does this count
      b.resyncs += 1;
      b.epoch = epoch;
      b.seq = seq;
      return;
    }
    if (seq <= b.seq) b.repeats += 1;
    else if (seq > b.seq + 1) b.gaps += seq - b.seq - 1;
    b.seq = Math.max(b.seq, seq);
  };
  s.on('board:state', (st: { seq: number; epoch: string }) => {
    b.epoch = st.epoch;
    b.seq = st.seq;
  });
  s.on('board:delta', (d: { seq: number; epoch: string }) => step(d.seq, d.epoch));
  s.on('ticket:called', (e: { ticketId: string; seq: number; epoch: string }) => {
    const at = performance.now();
    step(e.seq, e.epoch);
    const list = o.arrivals.get(e.ticketId) ?? [];
    list.push(at);
    o.arrivals.set(e.ticketId, list);
  });
  // as the page does when its office moved to another process
  s.on('office:resync', () => {
    b.resyncs += 1;
    s.disconnect();
    s.connect();
  });
}

async function connectOffice(o: Office, disconnects: { n: number; closing: boolean }): Promise<void> {
  const sockets = await Promise.all([
    ...o.tokens.map((token) => socketFor(o, { token }, 'counter:state')),
    socketFor(o, { deviceKey: KIOSK_KEY }, 'queue:changed'),
    socketFor(o, { deviceKey: DISPLAY_KEY }, 'board:state', (s) => watchBoard(o, s)),
  ]);
  for (const s of sockets) {
    s.on('disconnect', () => {
      if (!disconnects.closing) disconnects.n += 1;
    });
  }
  o.sockets = sockets;
}

async function callOnce(o: Office, n: number): Promise<{ status: number; ticketId: string | null; ms: number }> {
  const t0 = performance.now();
  const r = await post(`${o.url}${o.base}/api/counters/${o.counterIds[n]}/call-next`, {
    authorization: `Bearer ${o.tokens[n]}`,
  }).catch(() => ({ status: 0, body: null }));
  return {
    status: r.status,
    ticketId: r.status === 200 ? (r.body.ticket.id as string) : null,
    ms: performance.now() - t0,
  };
}

async function issueOnce(o: Office, field: number): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const r = await post(`${o.url}${o.base}/api/tickets`, { 'x-device-key': KIOSK_KEY }, { fieldId: field }).catch(
    () => ({ status: 0, body: null }),
  );
  return { status: r.status, ms: performance.now() - t0 };
}

interface Steady {
  boardMs: number[];
  boardLocalMs: number[];
  boardRemoteMs: number[];
  /** board arrival − HTTP answer, clients on the owner (negative: the board heard it first) */
  boardAfterHttpLocalMs: number[];
  firstQuarter: number[];
  lastQuarter: number[];
  httpCallMs: number[];
  httpCallLocalMs: number[];
  httpCallRemoteMs: number[];
  httpTicketMs: number[];
  calls: number;
  emptyCalls: number;
  callErrors: number;
  ticketErrors: number;
  tickets: number;
  lost: number;
  boardRepeats: number;
  unmatched: number;
  callsPerS: number;
  ticketsPerS: number;
  cpuPerEventMs: number;
  /** server CPU over the pace (ms) and the pace's length (s) */
  cpuMs: number;
  seconds: number;
  /** calls and tickets sent */
  events: number;
  /** messages through the adapter's Redis stream per call or ticket (null: no adapter) */
  adapterPerEvent: number | null;
}

/** Each office `rate` calls/s (its counters in turn) and `rate` tickets/s (its fields in turn), open loop. */
async function steady(d: Deployment, offices: Office[], seconds: number, rate: number): Promise<Steady> {
  const perSecond = offices.length * rate;
  const total = Math.round(perSecond * seconds);
  const calls: Call[] = [];
  const tickets: Array<Promise<{ status: number; ms: number }>> = [];
  const before = new Map(offices.map((o) => [o, new Set(o.arrivals.keys())]));
  const cpu0 = d.servers.map((s) => cpuMs(s.proc.pid!));
  const adapter0 = await d.adapterMessages();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const o = offices[i % offices.length]!;
    const j = Math.floor(i / offices.length);
    calls.push({ office: o, at: performance.now(), answer: callOnce(o, j % COUNTERS) });
    tickets.push(issueOnce(o, o.fieldIds[j % o.fieldIds.length]!));
  }
  const answers = await Promise.all(calls.map((c) => c.answer));
  const issued = await Promise.all(tickets);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = d.servers.reduce((a, s, i) => a + cpuMs(s.proc.pid!) - cpu0[i]!, 0);
  const adapter1 = await d.adapterMessages();

  const heard = (c: Call, a: { ticketId: string | null }) => !a.ticketId || c.office.arrivals.has(a.ticketId);
  const deadline = performance.now() + GRACE_MS;
  while (performance.now() < deadline && answers.some((a, i) => !heard(calls[i]!, a))) await sleep(50);

  const s: Steady = {
    boardMs: [],
    boardLocalMs: [],
    boardRemoteMs: [],
    boardAfterHttpLocalMs: [],
    firstQuarter: [],
    lastQuarter: [],
    httpCallMs: answers.map((a) => a.ms),
    httpCallLocalMs: [],
    httpCallRemoteMs: [],
    httpTicketMs: issued.map((t) => t.ms),
    calls: 0,
    emptyCalls: 0,
    callErrors: 0,
    ticketErrors: issued.filter((t) => t.status !== 201).length,
    tickets: issued.filter((t) => t.status === 201).length,
    lost: 0,
    boardRepeats: 0,
    unmatched: 0,
    callsPerS: 0,
    ticketsPerS: 0,
    cpuPerEventMs: cpu / (calls.length + tickets.length),
    cpuMs: cpu,
    seconds: elapsed,
    events: calls.length + tickets.length,
    adapterPerEvent:
      adapter0 !== null && adapter1 !== null ? (adapter1 - adapter0) / (calls.length + tickets.length) : null,
  };
  const matched = new Set<string>();
  answers.forEach((a, i) => {
    const c = calls[i]!;
    (c.office.remote ? s.httpCallRemoteMs : s.httpCallLocalMs).push(a.ms);
    if (a.status === 404) s.emptyCalls += 1;
    else if (a.status !== 200) s.callErrors += 1;
    if (!a.ticketId) return;
    s.calls += 1;
    matched.add(`${c.office.code}:${a.ticketId}`);
    const times = c.office.arrivals.get(a.ticketId);
    if (!times) {
      s.lost += 1;
      return;
    }
    s.boardRepeats += times.length - 1;
    const ms = times[0]! - c.at;
    s.boardMs.push(ms);
    (c.office.remote ? s.boardRemoteMs : s.boardLocalMs).push(ms);
    if (!c.office.remote) s.boardAfterHttpLocalMs.push(times[0]! - (c.at + a.ms));
    if (i < total / 4) s.firstQuarter.push(ms);
    if (i >= (3 * total) / 4) s.lastQuarter.push(ms);
  });
  // calls a board heard that no answer named (a press that failed after its commit)
  for (const o of offices) {
    for (const id of o.arrivals.keys())
      if (!before.get(o)!.has(id) && !matched.has(`${o.code}:${id}`)) s.unmatched += 1;
  }
  s.callsPerS = s.calls / elapsed;
  s.ticketsPerS = s.tickets / elapsed;
  return s;
}

/** Every office's kiosk presses as fast as answers come, for `seconds`: tickets per second over the deployment. */
async function flatOut(offices: Office[], seconds: number): Promise<{ perS: number; errors: number }> {
  let issued = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    offices.map(async (o, k) => {
      let j = k;
      while (performance.now() < end) {
        const r = await issueOnce(o, o.fieldIds[j++ % o.fieldIds.length]!);
        if (r.status === 201) issued += 1;
        else errors += 1;
      }
    }),
  );
  return { perS: issued / ((performance.now() - t0) / 1000), errors };
}

function checkNumbers(rows: NumberRow[]): { tickets: number; duplicates: number; gaps: number; bad: string[] } {
  let tickets = 0;
  let duplicates = 0;
  let gaps = 0;
  const bad: string[] = [];
  for (const r of rows) {
    tickets += r.tickets;
    const dup = r.tickets - r.distinct;
    const gap = r.hi - r.distinct + (r.lo - 1);
    duplicates += dup;
    gaps += gap;
    if (dup || gap) bad.push(`${r.code} field ${r.fieldId}: ${dup} duplicate(s), ${gap} gap(s)`);
  }
  return { tickets, duplicates, gaps, bad };
}

interface Size {
  offices: number;
  seconds: number;
  rate: number;
  flatSeconds: number;
}

/** One deployment: clients prepared and connected, preload, the pace, flat out, the numbers read back. */
async function measure(d: Deployment, size: Size): Promise<Record<string, number>> {
  const label = d.kind === 'postgres' ? 'PostgreSQL, 2 processes' : 'SQLite, 1 process';
  const disconnects = { n: 0, closing: false };
  const offices: Office[] = d.offices.map((e, i) => {
    const owner = d.ownerOf.get(e.code)!;
    const remote = d.servers.length > 1 && i % 2 === 1;
    const other = d.servers.find((s) => s !== owner)!;
    return {
      code: e.code,
      base: e.base,
      url: remote ? other.url : owner.url,
      remote,
      counterIds: [],
      fieldIds: [],
      tokens: [],
      sockets: [],
      arrivals: new Map(),
      board: { epoch: '', seq: 0, gaps: 0, repeats: 0, resyncs: 0 },
    };
  });
  try {
    const rssIdle = d.servers.map((s) => rssMb(s.proc.pid!));
    // scrypt sign-ins: two offices at a time on a 2-core machine
    await pool(offices, 2, prepare);
    const tc = performance.now();
    await pool(offices, 10, (o) => connectOffice(o, disconnects));
    const connectMs = performance.now() - tc;
    console.log(
      `${label}: ${offices.length} offices ready (${offices.length * (COUNTERS + 2)} sockets in ${Math.round(connectMs)} ms)`,
    );

    const preload = offices.flatMap((o) =>
      o.fieldIds.flatMap((f) => Array.from({ length: PRELOAD_PER_FIELD }, () => ({ o, f }))),
    );
    const pre = await pool(preload, 20, ({ o, f }) => issueOnce(o, f));
    if (pre.some((r) => r.status !== 201)) {
      console.log(`${label}: ${pre.filter((r) => r.status !== 201).length} preload presses not answered 201`);
    }
    await sleep(500);
    const rss = d.servers.map((s) => rssMb(s.proc.pid!));
    // what the processes burn with every client connected and nothing happening (timers, the ownership loop)
    const idle0 = d.servers.map((s) => cpuMs(s.proc.pid!));
    await sleep(IDLE_MS);
    const idleCpuPct = d.servers.reduce((a, s, i) => a + cpuMs(s.proc.pid!) - idle0[i]!, 0) / (IDLE_MS / 100);

    const st = await steady(d, offices, size.seconds, size.rate);
    const rssLoaded = d.servers.map((s) => rssMb(s.proc.pid!));
    const flat = await flatOut(offices, size.flatSeconds);
    await sleep(300);
    const numbers = checkNumbers(await d.numbers());
    for (const line of numbers.bad.slice(0, 10)) console.log(`${label}: ${line}`);
    for (const sv of d.servers) {
      for (const line of sv.errors.slice(0, 5)) console.log(`${label}, process ${sv.name} said: ${line.slice(0, 300)}`);
    }

    const boardGaps = offices.reduce((a, o) => a + o.board.gaps, 0);
    const boardRepeats = offices.reduce((a, o) => a + o.board.repeats, 0);
    const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
    const f: Record<string, number> = {
      call_board_p50_ms: r1(p(st.boardMs, 50)),
      call_board_p99_ms: r1(p(st.boardMs, 99)),
      call_board_local_p50_ms: r1(p(st.boardLocalMs, 50)),
      call_board_local_p99_ms: r1(p(st.boardLocalMs, 99)),
      board_after_http_local_p50_ms: r1(p(st.boardAfterHttpLocalMs, 50)),
      call_board_first_quarter_p50_ms: r1(p(st.firstQuarter, 50)),
      call_board_last_quarter_p50_ms: r1(p(st.lastQuarter, 50)),
      http_call_p50_ms: r1(p(st.httpCallMs, 50)),
      http_call_p99_ms: r1(p(st.httpCallMs, 99)),
      http_call_local_p50_ms: r1(p(st.httpCallLocalMs, 50)),
      http_ticket_p50_ms: r1(p(st.httpTicketMs, 50)),
      http_ticket_p99_ms: r1(p(st.httpTicketMs, 99)),
      tickets_per_s: r1(st.ticketsPerS),
      calls_per_s: r1(st.callsPerS),
      flat_out_tickets_per_s: Math.round(flat.perS),
      rss_idle_mb: r1(sum(rssIdle)),
      rss_mb: r1(sum(rss)),
      rss_loaded_mb: r1(sum(rssLoaded)),
      cpu_per_event_ms: r2(st.cpuPerEventMs),
      idle_cpu_pct: r1(idleCpuPct),
      // what an event costs above what the processes burn idle
      cpu_per_event_above_idle_ms: r2((st.cpuMs - (idleCpuPct / 100) * st.seconds * 1000) / st.events),
      connect_all_ms: Math.round(connectMs),
      create_office_ms: Math.round(d.createOfficeMs),
      calls: st.calls,
      empty_calls: st.emptyCalls,
      call_errors: st.callErrors,
      ticket_errors: st.ticketErrors + flat.errors,
      unmatched_calls: st.unmatched,
      socket_disconnects: disconnects.n,
      server_error_lines: sum(d.servers.map((sv) => sv.errors.length)),
      board_resyncs: offices.reduce((a, o) => a + o.board.resyncs, 0),
      lost_events: st.lost,
      board_seq_gaps: boardGaps,
      board_seq_duplicates: boardRepeats,
      board_call_duplicates: st.boardRepeats,
      tickets: numbers.tickets,
      duplicates: numbers.duplicates,
      gaps: numbers.gaps,
    };
    if (d.kind === 'postgres') {
      f.call_board_remote_p50_ms = r1(p(st.boardRemoteMs, 50));
      f.call_board_remote_p99_ms = r1(p(st.boardRemoteMs, 99));
      f.http_call_remote_p50_ms = r1(p(st.httpCallRemoteMs, 50));
      f.balance_ms = Math.round(d.balanceMs ?? 0);
      if (st.adapterPerEvent !== null) f.adapter_messages_per_event = r1(st.adapterPerEvent);
      d.servers.forEach((s, i) => {
        f[`rss_${s.name.toLowerCase()}_mb`] = r1(rss[i]!);
        f[`offices_${s.name.toLowerCase()}`] = offices.filter((o) => d.ownerOf.get(o.code) === s).length;
      });
    }
    return f;
  } finally {
    disconnects.closing = true;
    for (const o of offices) for (const s of o.sockets) s.disconnect();
  }
}

function table(size: Size, pgF: Record<string, number>, sqF: Record<string, number>): void {
  const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : String(x));
  const row = (name: string, key: string, unit: string, ratio = true) => {
    const a = pgF[key];
    const b = sqF[key];
    const q = ratio && a !== undefined && b ? fmt(r2(a / b)) : '';
    console.log(`| ${name.padEnd(50)} | ${fmt(a).padStart(11)} | ${fmt(b).padStart(11)} | ${q.padStart(6)} | ${unit}`);
  };
  console.log(
    `\n${size.offices} offices × ${COUNTERS} counters, each office ${size.rate} call/s + ${size.rate} ticket/s ` +
      `(${r1(size.offices * size.rate)} + ${r1(size.offices * size.rate)} per second in all) for ${size.seconds} s, ` +
      `then every office's kiosk flat out for ${size.flatSeconds} s`,
  );
  console.log(
    `| ${'figure'.padEnd(50)} | ${'province 2×PG'.padStart(11)} | ${'single SQLite'.padStart(11)} | ${'ratio'.padStart(6)} |`,
  );
  row('call → board, p50', 'call_board_p50_ms', 'ms');
  row('call → board, p99', 'call_board_p99_ms', 'ms');
  row('call → board p50, clients on the owner', 'call_board_local_p50_ms', 'ms');
  row('call → board p99, clients on the owner', 'call_board_local_p99_ms', 'ms');
  row('call → board p50, clients on the other process', 'call_board_remote_p50_ms', 'ms', false);
  row('call → board p99, clients on the other process', 'call_board_remote_p99_ms', 'ms', false);
  row('board hears it − HTTP answer, p50, on the owner', 'board_after_http_local_p50_ms', 'ms', false);
  row('call → board, first quarter p50', 'call_board_first_quarter_p50_ms', 'ms');
  row('call → board, last quarter p50', 'call_board_last_quarter_p50_ms', 'ms');
  row('HTTP call-next, p50', 'http_call_p50_ms', 'ms');
  row('HTTP call-next, p99', 'http_call_p99_ms', 'ms');
  row('HTTP call-next p50, on the owner', 'http_call_local_p50_ms', 'ms');
  row('HTTP call-next p50, forwarded by the other process', 'http_call_remote_p50_ms', 'ms', false);
  row('HTTP ticket, p99', 'http_ticket_p99_ms', 'ms');
  row('tickets/s achieved at the pace', 'tickets_per_s', 'tickets/s');
  row('calls/s achieved at the pace', 'calls_per_s', 'calls/s');
  row(`every office's kiosk flat out`, 'flat_out_tickets_per_s', 'tickets/s');
  row('RSS, all server processes, clients connected', 'rss_mb', 'MB');
  row('RSS, all server processes, after the pace', 'rss_loaded_mb', 'MB');
  row('server CPU per event (call or ticket), all procs', 'cpu_per_event_ms', 'ms');
  row('  the same above the idle CPU', 'cpu_per_event_above_idle_ms', 'ms');
  row('server CPU when idle (clients connected), all procs', 'idle_cpu_pct', '% of a core');
  row('connect + first snapshot, all clients', 'connect_all_ms', 'ms');
  row('create one demo office (province API)', 'create_office_ms', 'ms');
  row('calls measured', 'calls', '');
  row('empty calls (nobody waiting at that counter)', 'empty_calls', '', false);
  row('HTTP call errors', 'call_errors', '', false);
  row('ticket errors (pace + flat out)', 'ticket_errors', '', false);
  row('lost events (the board never got the call)', 'lost_events', '', false);
  row('board events missed (seq gaps)', 'board_seq_gaps', '', false);
  row('board events repeated (seq not new)', 'board_seq_duplicates', '', false);
  row('calls heard twice by the board', 'board_call_duplicates', '', false);
  row('tickets stored', 'tickets', '', false);
  row('duplicate numbers (per office and field)', 'duplicates', '', false);
  row('gaps in the numbers (per office and field)', 'gaps', '', false);
  console.log(
    `PostgreSQL: offices A ${pgF.offices_a} / B ${pgF.offices_b}, balanced ${pgF.balance_ms} ms after B started; ` +
      `RSS A ${pgF.rss_a_mb} MB, B ${pgF.rss_b_mb} MB; ${pgF.adapter_messages_per_event} adapter messages (Redis XADD) per event; socket disconnects ${pgF.socket_disconnects} ` +
      `(SQLite ${sqF.socket_disconnects}), board resyncs ${pgF.board_resyncs}, calls heard but not answered ${pgF.unmatched_calls} ` +
      `(SQLite ${sqF.unmatched_calls})`,
  );
}

function sizeFrom(quick: boolean): Size {
  const env = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    // the demo gives two offices (the home office and xa-an-binh): at least those
    offices: Math.max(2, Math.round(env('MOTCUA_BENCH_OFFICES', quick ? 4 : 50))),
    seconds: env('MOTCUA_BENCH_SECONDS', quick ? 10 : 60),
    // 50 offices × 0.4/s: 20 calls/s and 20 tickets/s in all, the hall bench's pace — room left on 2 cores
    rate: env('MOTCUA_BENCH_RATE', 0.4),
    flatSeconds: quick ? 5 : 10,
  };
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number> | void> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const why = await unreachable(databaseUrl, redisUrl);
  if (why) {
    console.log(`province — BỎ QUA / SKIPPED: ${why}. Set DATABASE_URL and REDIS_URL to run it.`);
    return;
  }
  const size = sizeFrom(opts.quick);
  console.log(
    `${size.offices} offices × ${COUNTERS} counters, ${size.rate} call/s + ${size.rate} ticket/s per office, ${size.seconds} s ` +
      `(MOTCUA_BENCH_OFFICES, MOTCUA_BENCH_SECONDS, MOTCUA_BENCH_RATE)`,
  );
  const run1 = async (make: () => Promise<Deployment>) => {
    const d = await make();
    try {
      return await measure(d, size);
    } finally {
      await d.close();
    }
  };
  const pgF = await run1(() => postgresDeployment(size.offices, databaseUrl, redisUrl));
  const sqF = await run1(() => sqliteDeployment(size.offices));
  table(size, pgF, sqF);

  const out: Record<string, number> = {
    province_offices: size.offices,
    province_seconds: size.seconds,
    province_rate_per_office: size.rate,
  };
  for (const [k, v] of Object.entries(pgF)) out[`province_pg_${k}`] = v;
  for (const [k, v] of Object.entries(sqF)) out[`province_sqlite_${k}`] = v;
  const ratio = (key: string) => r2(pgF[key]! / sqF[key]!);
  out.province_ratio_call_board_p50 = ratio('call_board_p50_ms');
  out.province_ratio_call_board_p99 = ratio('call_board_p99_ms');
  out.province_ratio_http_call_p99 = ratio('http_call_p99_ms');
  out.province_ratio_flat_out = ratio('flat_out_tickets_per_s');
  out.province_ratio_rss = ratio('rss_mb');
  out.province_ratio_cpu_per_event = ratio('cpu_per_event_ms');
  return out;
}
