/**
 * Starts the real server on an ephemeral port with a real SQLite file in a
 * temp data dir, and talks to it over HTTP like any client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServer, type RunningServer, type StartOptions } from '../../server/app';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/events';
import {
  applyBoardCall,
  applyBoardDelta,
  snapshotApplies,
  type BoardCalledEvent,
} from '../../server/protocol/board-view';
import type { BoardDelta, BoardState } from '../../server/protocol/dto';
import { insertDevice } from '../../server/db/queries/devices';
import { sha256 } from '../../server/services/auth';
import { TestClock } from './clock';
import { createTestSchema, dropTestSchema, testDatabaseUrl, testStorage } from './pg';

export const DEMO_PASSWORD = 'demo123';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  clock: TestClock;
  /** Stops the server, keeping its data dir (for restart tests). */
  stop(): Promise<void>;
  /**
   * Starts it again on the same data dir: a new port, or with `samePort` the
   * same one (so pages open in a browser reconnect to the same address).
   */
  restart(opts?: { samePort?: boolean }): Promise<TestServer>;
  /** Stops it and deletes the data dir. */
  cleanup(): Promise<void>;
}

export interface TestServerOptions extends Partial<StartOptions> {
  /** Default: a Wednesday morning, 2026-11-25 09:00 in Hà Nội. */
  start?: string;
  clock?: never;
  testClock?: TestClock;
}

/** The engine this run tests on: the SQLite file (default) or PostgreSQL (`npm run test:pg`). */
export const STORAGE = testStorage();

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const clock = opts.testClock ?? new TestClock(opts.start ?? '2026-11-25T09:00:00+07:00');
  const { start: _s, testClock: _t, ...rest } = opts;
  // PostgreSQL: a fresh schema per test server (kept across its restarts, like the data dir)
  const pg =
    STORAGE === 'postgres' && opts.databaseUrl === undefined
      ? { databaseUrl: testDatabaseUrl(), databaseSchema: opts.databaseSchema ?? (await createTestSchema()) }
      : {};
  const server = await startServer({
    demo: true,
    demoPassword: DEMO_PASSWORD,
    ...rest,
    ...pg,
    dataDir,
    clock: clock.now,
  });
  const ts: TestServer = {
    server,
    url: server.url,
    dataDir,
    clock,
    stop: () => server.close(),
    restart: async (r = {}) => {
      await server.close();
      return startTestServer({
        ...opts,
        dataDir,
        testClock: clock,
        ...(pg.databaseSchema ? { databaseSchema: pg.databaseSchema } : {}),
        ...(r.samePort ? { port: server.port } : {}),
      });
    },
    cleanup: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (pg.databaseSchema) await dropTestSchema(pg.databaseSchema);
    },
  };
  return ts;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export interface Auth {
  token?: string;
  deviceKey?: string;
}

/** One HTTP call; never throws on 4xx/5xx, so tests can assert on them. */
export async function call<T = any>(
  url: string,
  method: string,
  path: string,
  opts: { auth?: Auth; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.auth?.token) headers.authorization = `Bearer ${opts.auth.token}`;
  if (opts.auth?.deviceKey) headers['x-device-key'] = opts.auth.deviceKey;
  const res = await fetch(url + path, {
    method,
    headers,
    ...(opts.rawBody !== undefined
      ? { body: opts.rawBody }
      : opts.body !== undefined
        ? { body: JSON.stringify(opts.body) }
        : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T };
}

export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call<{ token: string }>(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export const KIOSK: Auth = { deviceKey: 'demo-kiosk-1' };
export const DISPLAY: Auth = { deviceKey: 'demo-display-1' };

/** Demo field/counter ids by code/number, as the API lists them. */
export async function demoIds(
  url: string,
): Promise<{ field: (code: string) => number; counter: (n: number) => number }> {
  const fields = (await call<Array<{ id: number; code: string }>>(url, 'GET', '/api/fields')).body;
  const token = await login(url, 'admin');
  const counters = (await call<Array<{ id: number; number: number }>>(url, 'GET', '/api/counters', { auth: { token } }))
    .body;
  return {
    field: (code) => fields.find((f) => f.code === code)!.id,
    counter: (n) => counters.find((c) => c.number === n)!.id,
  };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Events that reached a socket together with its connection (the server's
 * snapshot on connect can arrive in the same packet as the handshake, before
 * the caller could listen): `nextEvent` hands them out first.
 */
const early = new WeakMap<ClientSocket, Array<{ event: string; args: unknown[] }>>();

/** A real socket.io client; resolves once connected. */
export async function connect(url: string, auth: Auth = {}): Promise<ClientSocket> {
  const socket: ClientSocket = ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const buffer: Array<{ event: string; args: unknown[] }> = [];
  early.set(socket, buffer);
  let recording = true;
  socket.onAny((event: string, ...args: unknown[]) => {
    if (recording) buffer.push({ event, args });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
      setImmediate(() => (recording = false));
    });
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Waits for the next `event` on `socket` that satisfies `pred`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  pred: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const buffered = early.get(socket) ?? [];
  const i = buffered.findIndex((e) => e.event === event && pred(...(e.args as Parameters<ServerToClientEvents[E]>)));
  if (i >= 0) {
    const [hit] = buffered.splice(i, 1);
    return Promise.resolve(hit!.args[0] as Parameters<ServerToClientEvents[E]>[0]);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timed out waiting for ${String(event)}`));
    }, timeoutMs);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!pred(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    };
    socket.on(event, handler as never);
  });
}

/** Adds a display board device with `key` (the demo office has one: demo-display-1); returns its id. */
export async function addDisplayDevice(ts: TestServer, name: string, key: string): Promise<number> {
  return ts.server.db.tx((q) =>
    insertDevice(q, { kind: 'display', name, keyHash: sha256(key), counterId: null }, ts.clock.now()),
  );
}

/**
 * A board's state as the board page keeps it: the connect snapshot, then
 * every `ticket:called` and `board:delta` folded in with the page's own
 * functions (@protocol/board-view). `gaps` counts events that did not
 * follow the one before (the page would ask `board:sync`).
 */
export interface BoardMirror {
  readonly state: BoardState | null;
  readonly gaps: number;
  /** Resolves with the state once `pred` holds (at once if it already does). */
  until(pred: (s: BoardState) => boolean, timeoutMs?: number): Promise<BoardState>;
}

/** Call right after `connect` (same tick): events that came with the connection are taken first. */
export function mirrorBoard(socket: ClientSocket): BoardMirror {
  let state: BoardState | null = null;
  let gaps = 0;
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((w) => w());
  const onState = (s: BoardState) => {
    if (snapshotApplies(state, s)) state = s;
    changed();
  };
  const onCall = (e: BoardCalledEvent) => {
    if (!state) return void (gaps += 1);
    const r = applyBoardCall(state, e);
    state = r.state;
    if (!r.inOrder) gaps += 1;
    changed();
  };
  const onDelta = (d: BoardDelta) => {
    if (!state) return void (gaps += 1);
    const r = applyBoardDelta(state, d);
    state = r.state;
    if (!r.inOrder) gaps += 1;
    changed();
  };
  const buffered = early.get(socket) ?? [];
  for (const e of buffered.splice(0)) {
    if (e.event === 'board:state') onState(e.args[0] as BoardState);
    else if (e.event === 'ticket:called') onCall(e.args[0] as BoardCalledEvent);
    else if (e.event === 'board:delta') onDelta(e.args[0] as BoardDelta);
    else buffered.push(e);
  }
  socket.on('board:state', onState);
  socket.on('ticket:called', onCall);
  socket.on('board:delta', onDelta);
  return {
    get state() {
      return state;
    },
    get gaps() {
      return gaps;
    },
    until(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (state && pred(state)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(state);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the board never reached the expected state; it shows ${JSON.stringify(state?.counters)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
