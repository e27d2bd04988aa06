/**
 * A deployment of many offices, on one process or several (issue #17).
 *
 * - Every office has a slot: its registry entry, its socket.io namespace
 *   (`/` for the home office, `/o/<code>` for the others) and, in the one
 *   process that owns it, its running `OfficeRuntime`.
 * - SQLite (a commune): one process owns every office of DATA_DIR.
 * - PostgreSQL: the owner of an office is the process whose writer
 *   connection holds the office's advisory lock (session-level: it goes
 *   with the connection, so a killed process frees its offices at once).
 *   Every `pollMs` each process heartbeats, claims the offices nobody
 *   holds, and gives back what exceeds its fair share.
 * - A request for an office owned elsewhere is forwarded to its owner;
 *   a socket stays where it connected and asks the owner's `SocketCore`
 *   over the cluster; the owner's broadcasts reach it through the adapter.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { Database, OfficeLockTaken } from '../db/database';
import * as provinceDb from '../db/queries/province';
import { getSecret } from '../db/queries/secrets';
import * as staffDb from '../db/queries/staff';
import * as officeDb from '../db/queries/office';
import { DomainError } from '../domain/errors';
import { lockKeyOf, OFFICE_CODE, fairShare, storeNameFor } from '../domain/province';
import type { SeededCredentials } from '../services/seed';
import { randomToken } from '../services/auth';
import { prepareOfficeDatabase, startOffice, type OfficeOptions, type OfficeRuntime } from '../office';
import type { ConnectPlan, IoNamespace, IoServer, SocketCore } from '../transport/socket';
import { bindNamespace } from '../transport/socket';
import { healthBody } from '../transport/public';
import { noStore, securityHeaders } from '../transport/security-headers';
import { version as appVersion } from '../office';

export const DB_FILE_NAME = 'motcua.sqlite';
/** A process that has not said it is alive for this long is not counted (its locks went with its connections). */
const NODE_TTL_MS = 5000;
/** An office this process gave back is not claimed again by it for this long (another process takes it). */
const COOL_DOWN_MS = 10_000;
/** How long a request or a socket waits for an office's owner (an office moving, a process taking over). */
const OWNER_WAIT_MS = 8000;
const FORWARDED = 'x-motcua-forwarded';
const NOT_OWNER = 'x-motcua-not-owner';

export type Deployment =
  { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; homeSchema: string; dataDir: string };

interface Slot {
  entry: provinceDb.OfficeEntry;
  home: boolean;
  basePath: string;
  ns: IoNamespace;
  lockKey: number;
  runtime: OfficeRuntime | null;
  starting: boolean;
  leaving: boolean;
  inflight: number;
  releasedAt: number;
  remote: SocketCore;
}

export interface ProvinceOptions {
  io: IoServer;
  /** The home office's database: the registry and the heartbeats (SQLite: also the home office's own). */
  control: Database;
  deployment: Deployment;
  nodeId: string;
  /** The options of an office this process starts (its base path and data folder are filled in here). */
  office: Omit<OfficeOptions, 'basePath' | 'dataDir' | 'extraApi'>;
  /** The routes only the home office serves (the province's). */
  homeApi: OfficeOptions['extraApi'];
  pollMs: number;
  /** REDIS_URL is set: the processes' sockets hear each other's broadcasts. */
  sharedSockets: boolean;
}

export class Province {
  private readonly slots = new Map<string, Slot>();
  private homeSlot!: Slot;
  private secret = '';
  private url: string | null = null;
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private holders = new Map<number, string>();
  private holdersAt = 0;
  private nodes = new Map<string, string>();
  private closed = false;
  private warnedAlone = false;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly o: ProvinceOptions) {}

  get clustered(): boolean {
    return this.o.deployment.kind === 'postgres';
  }

  /** The home office's runtime when this process holds it. */
  get home(): OfficeRuntime | null {
    return this.homeSlot.runtime;
  }

  /** Codes of the offices this process holds now (GET /api/health `owns`). */
  owns(): string[] {
    return [...this.slots.values()].filter((s) => s.runtime && !s.leaving).map((s) => s.entry.code);
  }

  /** Every office of the registry, with the process holding it (as far as this one knows). */
  offices(): Array<{ code: string; name: string; basePath: string; owner: string | null }> {
    return [...this.slots.values()].map((s) => ({
      code: s.entry.code,
      name: s.entry.name,
      basePath: s.basePath,
      owner: s.runtime ? this.o.nodeId : (this.holders.get(s.lockKey) ?? null),
    }));
  }

  /** Registry, secret, home entry and first province admin; then the offices this process takes at start. */
  async start(homeCode: string, demoSecondOffice: boolean): Promise<void> {
    const db = this.o.control;
    await db.exclusive(async () => {
      await db.tx(async (q) => {
        await provinceDb.setSecret(q, 'cluster', randomToken(32));
        const entries = await provinceDb.listOfficeEntries(q);
        if (!entries.some((e) => e.store === '')) {
          const office = await officeDb.getOffice(q);
          await provinceDb.insertOfficeEntry(q, {
            code: homeCode,
            name: office?.parentName ? `${office.name} – ${office.parentName}` : (office?.name ?? homeCode),
            store: '',
            createdAt: this.o.office.clock().getTime(),
          });
        }
        if (!(await provinceDb.hasProvinceAdmin(q))) {
          const admin = (await staffDb.listStaff(q)).find((s) => s.role === 'admin' && !s.disabled);
          if (admin) await provinceDb.addProvinceAdmin(q, admin.id);
        }
      });
      if (demoSecondOffice && (await db.read((q) => provinceDb.listOfficeEntries(q))).length === 1) {
        await this.createOffice({ code: 'xa-an-binh', name: 'UBND xã An Bình', seed: 'demo' }, { register: true });
      }
    });
    this.secret = (await db.read((q) => getSecret(q, 'cluster'))) ?? '';
    await this.refreshRegistry();
    if (!this.clustered) {
      for (const slot of this.slots.values()) await this.startLocal(slot);
      return;
    }
    // alone or first: take what nobody holds before listening, so the first requests are served here
    await this.refreshHolders(true);
    for (const slot of this.slots.values()) {
      if (!this.holders.has(slot.lockKey)) await this.claim(slot);
    }
  }

  /** After listen: where the other processes reach this one; the ownership loop starts. */
  listening(url: string): void {
    this.url = url;
    if (!this.clustered) return;
    const loop = () => {
      this.timer = setTimeout(() => {
        this.ticking = this.tick()
          .catch((err: unknown) => console.error('[province] ownership round failed', err))
          .finally(() => {
            this.ticking = null;
            if (!this.closed) loop();
          });
      }, this.o.pollMs);
    };
    void this.tick().finally(loop);
  }

  // ---------------------------------------------------------------- registry

  private async refreshRegistry(): Promise<void> {
    const entries = await this.o.control.read((q) => provinceDb.listOfficeEntries(q));
    for (const entry of entries) {
      if (this.slots.has(entry.code)) continue;
      const home = entry.store === '';
      const ns = (home ? this.o.io.of('/') : this.o.io.of(`/o/${entry.code}`)) as unknown as IoNamespace;
      const slot: Slot = {
        entry,
        home,
        basePath: home ? '' : `/o/${entry.code}`,
        ns,
        lockKey: lockKeyOf(this.schemaOf(entry)),
        runtime: null,
        starting: false,
        leaving: false,
        inflight: 0,
        releasedAt: 0,
        remote: this.remoteCore(entry.code),
      };
      this.slots.set(entry.code, slot);
      if (home) this.homeSlot = slot;
      bindNamespace(ns, () => this.coreOf(slot));
    }
  }

  private schemaOf(entry: provinceDb.OfficeEntry): string {
    const d = this.o.deployment;
    return d.kind === 'postgres' ? entry.store || d.homeSchema : entry.store;
  }

  private dataDirOf(entry: provinceDb.OfficeEntry): string {
    return entry.store === '' ? this.o.deployment.dataDir : join(this.o.deployment.dataDir, 'offices', entry.store);
  }

  private async openStore(entry: provinceDb.OfficeEntry, lock: { key: number; onLost: () => void } | null) {
    const d = this.o.deployment;
    if (d.kind === 'sqlite') {
      return entry.store === '' ? this.o.control : Database.open(join(this.dataDirOf(entry), DB_FILE_NAME));
    }
    return Database.connect(d.url, {
      schema: this.schemaOf(entry),
      applicationName: `motcua:${this.o.nodeId}`,
      ...(lock ? { lock } : {}),
    });
  }

  /**
   * A new office (province administrator): its store created, migrated and
   * seeded (`none`: one administrator, whose password is answered once),
   * then registered; the ownership loop gives it an owner.
   */
  async createOffice(
    input: { code: string; name: string; seed: 'demo' | 'none' },
    opts: { register: boolean } = { register: true },
  ): Promise<{ code: string; name: string; basePath: string; admin: { username: string; password: string } | null }> {
    const code = input.code.trim().toLowerCase();
    const name = input.name.trim();
    if (!OFFICE_CODE.test(code)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        'Mã cơ quan chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự), ví dụ "xa-an-binh".',
        400,
        { field: 'code' },
      );
    }
    if (name.length === 0 || name.length > 200) {
      throw new DomainError('VALIDATION_ERROR', 'Tên cơ quan không được để trống (tối đa 200 ký tự).', 400, {
        field: 'name',
      });
    }
    if (code === 'api' || (await this.o.control.read((q) => provinceDb.officeEntryByCode(q, code)))) {
      throw new DomainError('OFFICE_EXISTS', `Đã có cơ quan mang mã "${code}".`, 409, { field: 'code' });
    }
    const d = this.o.deployment;
    const store = d.kind === 'postgres' ? storeNameFor(d.homeSchema, code) : code;
    if (d.kind === 'postgres') await this.o.control.createSchema(store);
    const entry = { id: 0, code, name, store, createdAt: this.o.office.clock().getTime() };
    const db = await this.openStore(entry, null);
    let creds: SeededCredentials | null = null;
    try {
      await prepareOfficeDatabase(db, {
        seed: input.seed,
        demo: this.o.office.demo,
        demoPassword: this.o.office.demoPassword,
        clock: this.o.office.clock,
        onSeeded: (c) => (creds = c),
      });
      // its letterhead is its own name (the demo data and an empty office start with placeholders)
      await db.tx(async (q) => {
        const office = await officeDb.getOffice(q);
        if (office) await officeDb.updateOffice(q, { ...office, parentName: name.toLocaleUpperCase('vi') });
      });
    } finally {
      await db.close();
    }
    if (opts.register) {
      await this.o.control.tx((q) => provinceDb.insertOfficeEntry(q, entry));
      await this.refreshRegistry();
      const slot = this.slots.get(code)!;
      if (!this.clustered) await this.startLocal(slot);
      else if (this.url) void this.tick();
    }
    const seeded = creds as SeededCredentials | null;
    const admin = input.seed === 'none' && seeded?.staff[0] ? seeded.staff[0] : null;
    return {
      code,
      name,
      basePath: `/o/${code}`,
      admin: admin ? { username: admin.username, password: admin.password } : null,
    };
  }

  // --------------------------------------------------------------- ownership

  private officeOptions(slot: Slot): OfficeOptions {
    return {
      ...this.o.office,
      basePath: slot.basePath,
      dataDir: this.dataDirOf(slot.entry),
      clustered: this.clustered,
      ...(slot.home && this.o.homeApi ? { extraApi: this.o.homeApi } : {}),
      // the daily file copy is the SQLite file's; PostgreSQL is backed up with pg_dump
      autoBackup: this.o.office.autoBackup && !this.clustered,
    };
  }

  private async startLocal(slot: Slot): Promise<void> {
    if (slot.runtime) return;
    const db = await this.openStore(slot.entry, null);
    if (!slot.home) await prepareOfficeDatabase(db, { ...this.o.office, seed: 'none' });
    slot.runtime = await startOffice(db, slot.ns, this.officeOptions(slot));
  }

  /** Takes the office if its lock is free: migrate, load the live queue, serve; the sockets everywhere resync. */
  private async claim(slot: Slot): Promise<boolean> {
    if (slot.runtime || slot.starting || this.closed) return false;
    slot.starting = true;
    try {
      let db: Database;
      try {
        db = await this.openStore(slot.entry, { key: slot.lockKey, onLost: () => void this.lost(slot) });
      } catch (err) {
        if (err instanceof OfficeLockTaken) return false;
        throw err;
      }
      try {
        await prepareOfficeDatabase(db, { ...this.o.office, seed: slot.home ? this.o.office.seed : 'none' });
        slot.runtime = await startOffice(db, slot.ns, this.officeOptions(slot));
      } catch (err) {
        await db.close().catch(() => undefined);
        throw err;
      }
      this.holders.set(slot.lockKey, this.o.nodeId);
      console.log(`[province] ${this.o.nodeId} giữ cơ quan ${slot.entry.code}`);
      // sockets that asked the previous owner reconnect, so rooms and snapshots come from here
      (slot.ns as unknown as { emit(ev: string): void }).emit('office:resync');
      return true;
    } finally {
      slot.starting = false;
    }
  }

  /** The writer lost the office's lock (PostgreSQL restarted and another process took it): stop at once. */
  private async lost(slot: Slot): Promise<void> {
    const runtime = slot.runtime;
    if (!runtime) return;
    console.error(`[province] mất quyền giữ cơ quan ${slot.entry.code}: dừng phục vụ ở tiến trình này`);
    slot.runtime = null;
    slot.releasedAt = Date.now();
    await runtime.close().catch(() => undefined);
  }

  /** Gives the office back: new requests wait for the next owner, those under way finish, then the lock goes. */
  private async release(slot: Slot): Promise<void> {
    const runtime = slot.runtime;
    if (!runtime || slot.leaving) return;
    slot.leaving = true;
    const deadline = Date.now() + 10_000;
    while (slot.inflight > 0 && Date.now() < deadline) await sleep(20);
    slot.runtime = null;
    slot.releasedAt = Date.now();
    await runtime.close();
    slot.leaving = false;
    this.holders.delete(slot.lockKey);
    console.log(`[province] ${this.o.nodeId} nhường cơ quan ${slot.entry.code}`);
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    const db = this.o.control;
    const now = Date.now();
    if (this.url) {
      await db.tx((q) =>
        provinceDb.heartbeatNode(q, { id: this.o.nodeId, url: this.url!, startedAt: this.startedAt, now }),
      );
    }
    await this.refreshRegistry();
    await this.refreshHolders(true);
    for (const slot of this.slots.values()) {
      // our writer lost its connection and another process holds the lock now: stop serving a stale queue
      const holder = this.holders.get(slot.lockKey);
      if (slot.runtime && !slot.starting && holder !== undefined && holder !== this.o.nodeId) await this.lost(slot);
    }
    for (const slot of this.slots.values()) {
      if (this.closed) return;
      if (slot.runtime || this.holders.has(slot.lockKey)) continue;
      if (now - slot.releasedAt < COOL_DOWN_MS) continue;
      await this.claim(slot).catch((err: unknown) =>
        console.error(`[province] could not take office ${slot.entry.code}`, err),
      );
    }
    // more than a fair share while others are alive: give some back (a few a round)
    const live = this.nodes.size;
    if (live > 1 && !this.o.sharedSockets) {
      if (!this.warnedAlone) {
        console.error(
          '[province] Có tiến trình khác dùng chung cơ sở dữ liệu nhưng REDIS_URL chưa đặt: màn hình nối vào tiến trình này sẽ không nghe được lượt gọi của cơ quan do tiến trình khác giữ. Hãy đặt REDIS_URL cho mọi tiến trình (docs/deployment.md "A province").',
        );
        this.warnedAlone = true;
      }
      return;
    }
    if (!this.url || !this.nodes.has(this.o.nodeId)) return;
    const mine = [...this.slots.values()].filter((s) => s.runtime && !s.leaving);
    const excess = mine.length - fairShare(this.slots.size, live);
    if (excess > 0) {
      const give = mine.filter((s) => !s.home).slice(-Math.min(excess, 5));
      for (const s of give) await this.release(s);
    }
  }

  /** Who holds which office (from PostgreSQL's lock table) and where each live process listens. */
  private async refreshHolders(force = false): Promise<void> {
    if (!this.clustered) return;
    if (!force && Date.now() - this.holdersAt < 200) return;
    const db = this.o.control;
    const [state, nodes] = await Promise.all([
      db.clusterState(),
      db.read((q) => provinceDb.liveNodes(q, Date.now() - NODE_TTL_MS)),
    ]);
    const holders = new Map<number, string>();
    for (const l of state.locks) holders.set(l.key, l.owner);
    this.holders = holders;
    // alive = heartbeat recent and its control connection still open (a killed process's is gone at once)
    const connected = new Set(state.connected);
    this.nodes = new Map(nodes.filter((n) => connected.has(n.id)).map((n) => [n.id, n.url]));
    this.holdersAt = Date.now();
  }

  /** The address of the process that owns the office now, waiting (bounded) while it moves. */
  private async ownerUrl(slot: Slot, deadline: number): Promise<string | null> {
    for (;;) {
      if (slot.runtime && !slot.leaving) return null;
      await this.refreshHolders();
      const owner = this.holders.get(slot.lockKey);
      const url = owner && owner !== this.o.nodeId ? this.nodes.get(owner) : undefined;
      if (url) return url;
      if (Date.now() > deadline || this.closed) {
        throw new DomainError(
          'OFFICE_UNAVAILABLE',
          'Cơ quan này đang được chuyển sang máy chủ khác. Vui lòng thử lại sau vài giây.',
          503,
          { retryAfterSeconds: 3 },
        );
      }
      await sleep(100);
      this.holdersAt = 0;
    }
  }

  // ----------------------------------------------------------- the cluster

  private coreOf(slot: Slot): Promise<SocketCore> {
    return Promise.resolve(slot.runtime && !slot.leaving ? slot.runtime.core : slot.remote);
  }

  /** The owner's socket core, asked over HTTP (POST /_cluster/rpc/<code>); the owner may change between calls. */
  private remoteCore(code: string): SocketCore {
    const call = <T>(op: string, args: unknown[]) => this.rpc<T>(code, op, args);
    return {
      authenticate: (auth, cookie) => call('authenticate', [auth, cookie ?? null]),
      connect: (data) => call<ConnectPlan>('connect', [data]),
      boardSync: (data) => call('boardSync', [data]),
      counterSync: (data) => call<ConnectPlan & { data: unknown }>('counterSync', [data]),
      watch: (payload, first) => call('watch', [payload, first]),
      unwatch: (ids) => call('unwatch', [ids]),
    };
  }

  /** Runs `op` of an office on its owner (here, or over the cluster), waiting while the office moves. */
  async rpc<T>(code: string, op: string, args: unknown[]): Promise<T> {
    const slot = this.slots.get(code);
    if (!slot) throw new DomainError('OFFICE_NOT_FOUND', `Không có cơ quan mang mã "${code}".`, 404);
    const deadline = Date.now() + OWNER_WAIT_MS;
    for (;;) {
      if (slot.runtime && !slot.leaving) return (await this.local(slot.runtime, op, args)) as T;
      const url = await this.ownerUrl(slot, deadline);
      if (url === null) continue;
      const answer = await postJson(this.agent, `${url}/_cluster/rpc/${encodeURIComponent(code)}`, this.secret, {
        op,
        args,
      }).catch(() => null);
      if (answer === null || answer.status === 421) {
        this.holdersAt = 0;
        await sleep(100);
        continue;
      }
      const body = answer.body as
        | { ok: true; value: T }
        | { ok: false; error: { code: string; message: string; status: number; details?: Record<string, unknown> } };
      if (body.ok) return body.value;
      throw new DomainError(body.error.code, body.error.message, body.error.status, body.error.details);
    }
  }

  private async local(runtime: OfficeRuntime, op: string, args: unknown[]): Promise<unknown> {
    const core = runtime.core as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    switch (op) {
      case 'authenticate':
        return runtime.core.authenticate(args[0] as object, (args[1] as string | null) ?? undefined);
      case 'connect':
      case 'boardSync':
      case 'counterSync':
      case 'watch':
      case 'unwatch':
        return core[op]!(...args);
      case 'index766Counts':
        return runtime.services.reports.index766Counts(args[0] as string, args[1] as string);
      case 'queueReport':
        return runtime.services.reports.queueReport(args[0] as string, args[1] as string);
      case 'today':
        return runtime.services.queue.view.waitingPerField();
      default:
        throw new DomainError('NOT_FOUND', `Không có thao tác ${op}.`, 404);
    }
  }

  // --------------------------------------------------------------- the front

  /** The express front: health here, the cluster's calls, then each office's app (here, or forwarded to its owner). */
  front(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback, linklocal, uniquelocal');
    // what the front answers itself (health, an unknown office) carries the same headers as the offices' answers
    app.use(securityHeaders);
    const health = (_req: Request, res: Response) => {
      noStore(res);
      res.json(healthBody(appVersion(), this.o.control.kind, this.clustered ? this.owns() : undefined));
    };
    app.get('/api/health', health);
    app.get('/o/:code/api/health', health);
    app.post('/_cluster/rpc/:code', express.json({ limit: '5mb' }), (req, res) => {
      void this.serveRpc(req, res);
    });
    app.use('/o/:code', (req, res, next) => {
      const slot = this.slots.get(String(req.params.code));
      if (!slot) return notFound(req, res, String(req.params.code));
      this.dispatch(slot, req, res, next);
    });
    app.use((req, res, next) => this.dispatch(this.homeSlot, req, res, next));
    return app;
  }

  private dispatch(slot: Slot, req: Request, res: Response, next: NextFunction): void {
    const runtime = slot.runtime;
    if (runtime && !slot.leaving) {
      slot.inflight++;
      res.once('close', () => slot.inflight--);
      runtime.app(req, res, next);
      return;
    }
    if (!this.clustered) {
      res
        .status(503)
        .json({ error: { code: 'OFFICE_STARTING', message: 'Cơ quan đang khởi động. Vui lòng thử lại.' } });
      return;
    }
    if (this.isForwarded(req)) {
      // forwarded here by a process that thought this one owned it: let it ask again
      res.status(421).set(NOT_OWNER, '1').end();
      return;
    }
    void this.forward(slot, req, res);
  }

  private isForwarded(req: Request): boolean {
    const h = req.get(FORWARDED);
    return h !== undefined && safeEqual(h, this.secret);
  }

  private async serveRpc(req: Request, res: Response): Promise<void> {
    if (!safeEqual(req.get(FORWARDED) ?? '', this.secret)) {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Không được phép.' } });
      return;
    }
    const slot = this.slots.get(String(req.params.code));
    if (!slot?.runtime || slot.leaving) {
      res.status(421).set(NOT_OWNER, '1').end();
      return;
    }
    const { op, args } = req.body as { op: string; args: unknown[] };
    slot.inflight++;
    try {
      res.json({ ok: true, value: (await this.local(slot.runtime, op, Array.isArray(args) ? args : [])) ?? null });
    } catch (err) {
      const e = err instanceof DomainError ? err : new DomainError('INTERNAL', 'Lỗi máy chủ. Vui lòng thử lại.', 500);
      if (!(err instanceof DomainError)) console.error('[province] rpc failed', op, err);
      res.json({ ok: false, error: { code: e.code, message: e.message, status: e.status, details: e.details } });
    } finally {
      slot.inflight--;
    }
  }

  /** The request as it came, to the owner; retried on another owner while the office moves (a refused connection, a 421). */
  private async forward(slot: Slot, req: Request, res: Response): Promise<void> {
    const deadline = Date.now() + OWNER_WAIT_MS;
    let body: Buffer;
    try {
      body = await readBody(req, 30 * 1024 * 1024);
    } catch {
      res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' } });
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers };
    const xff = req.get('x-forwarded-for');
    const peer = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = xff ? `${xff}, ${peer}` : peer;
    headers['x-forwarded-proto'] = req.get('x-forwarded-proto') ?? req.protocol;
    headers[FORWARDED] = this.secret;
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
    delete headers.connection;
    for (;;) {
      let url: string | null;
      try {
        url = await this.ownerUrl(slot, deadline);
      } catch (err) {
        const e = err as DomainError;
        res
          .status(503)
          .set('retry-after', '3')
          .json({ error: { code: e.code, message: e.message } });
        return;
      }
      // it became ours while we waited: through our own front (the body was read already)
      const target = url ?? this.url;
      if (target === null) {
        res
          .status(503)
          .set('retry-after', '3')
          .json({
            error: { code: 'OFFICE_STARTING', message: 'Cơ quan đang khởi động. Vui lòng thử lại.' },
          });
        return;
      }
      const outcome = await new Promise<'done' | 'retry' | 'lost'>((resolve) => {
        const out = httpRequest(
          `${target}${req.originalUrl}`,
          { method: req.method, headers, agent: this.agent },
          (answer) => {
            if (answer.statusCode === 421 && answer.headers[NOT_OWNER]) {
              answer.resume();
              resolve('retry');
              return;
            }
            const copy = { ...answer.headers };
            delete copy.connection;
            delete copy['keep-alive'];
            res.writeHead(answer.statusCode ?? 502, copy);
            answer.pipe(res);
            answer.on('end', () => resolve('done'));
            answer.on('error', () => resolve('done'));
          },
        );
        out.on('error', (err: NodeJS.ErrnoException) => {
          // never reached the owner (refused): safe to send again; otherwise only a read may be repeated
          const safe = err.code === 'ECONNREFUSED' || req.method === 'GET' || req.method === 'HEAD';
          resolve(res.headersSent ? 'done' : safe ? 'retry' : 'lost');
        });
        out.end(body);
      });
      if (outcome === 'done') return;
      if (outcome === 'lost') {
        res
          .status(503)
          .set('retry-after', '3')
          .json({
            error: {
              code: 'OFFICE_MOVED',
              message:
                'Máy chủ giữ cơ quan này vừa dừng giữa chừng. Vui lòng thử lại: yêu cầu đã gửi sẽ không bị ghi hai lần nếu có mã chống trùng.',
            },
          });
        return;
      }
      this.holdersAt = 0;
      if (Date.now() > deadline) {
        res
          .status(503)
          .set('retry-after', '3')
          .json({
            error: {
              code: 'OFFICE_UNAVAILABLE',
              message: 'Cơ quan này đang được chuyển sang máy chủ khác. Vui lòng thử lại sau vài giây.',
            },
          });
        return;
      }
      await sleep(100);
    }
  }

  /** Every office this process holds stops (process shutdown); its locks go with its connections. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    for (const slot of this.slots.values()) {
      const runtime = slot.runtime;
      slot.runtime = null;
      if (runtime) await runtime.close({ shutdown: true }).catch((err: unknown) => console.error(err));
    }
    if (this.clustered) await this.o.control.tx((q) => provinceDb.removeNode(q, this.o.nodeId)).catch(() => undefined);
    this.agent.destroy();
  }

  /** The socket close of a SIGTERM: tell every office's clients. */
  shutdownSockets(): void {
    for (const slot of this.slots.values()) slot.runtime?.sockets.shutdown();
  }
}

function notFound(req: Request, res: Response, code: string): void {
  const message = `Không có cơ quan mang mã "${code}".`;
  if (req.path.startsWith('/api/')) res.status(404).json({ error: { code: 'OFFICE_NOT_FOUND', message } });
  else res.status(404).type('text/plain; charset=utf-8').send(message);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function postJson(
  agent: Agent,
  url: string,
  secret: string,
  payload: unknown,
): Promise<{ status: number; body: unknown }> {
  const data = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(data.length), [FORWARDED]: secret },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: answer.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        });
        answer.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(data);
  });
}
