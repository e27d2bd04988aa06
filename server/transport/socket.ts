/**
 * socket.io: authenticate once per connection (`use`), join the rooms
 * the verified identity allows, and send a full snapshot on connect. What
 * is pushed after a change is broadcast.ts's.
 *
 * Split in two for a province (several processes): the `SocketCore` is
 * what only the process owning the office's live queue can answer (who is
 * this, which rooms, which snapshot); `bindNamespace` is the connection
 * handling every process does for the sockets that reached it, asking the
 * core of the owner — in this process, or over the cluster (province/province.ts `rpc`).
 * The rooms are joined where the socket is; the owner's broadcasts reach
 * them through the socket.io adapter.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { DomainError } from '../domain/errors';
import type { Identity } from '../protocol/dto';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../protocol/events';
import type { Result } from '../protocol/result';
import { ticketWatchSchema } from '../protocol/schemas';
import { INTEGRATION_KEY_PREFIX } from '../domain/integration';
import { sha256 } from '../services/auth';
import { toDeviceDto, toUserDto } from '../services/staff-service';
import { cookieToken } from './auth';
import type { Services } from './services';
import {
  Broadcaster,
  HALL_ROOM,
  boardRoom,
  clerkRooms,
  deviceRoom,
  ratingRoom,
  sessionRoom,
  ticketRoom,
  userRoom,
} from './broadcast';
import { parse } from './validate';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function toResultError(err: unknown): Result<never> {
  if (err instanceof DomainError) {
    return {
      ok: false,
      error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Lỗi máy chủ. Vui lòng thử lại.' } };
}

export interface SocketLayer {
  /** Tell every client the server is going down (they show "mất kết nối" at once). */
  shutdown(): void;
  /** Resolves when queued broadcasts are sent (tests, shutdown). */
  idle(): Promise<void>;
  /** Stop broadcasting (the office moves to another process). */
  detach(): void;
}

/** What a connection gets: the rooms to join, then the snapshot events to send it, in order. */
export interface ConnectPlan {
  rooms: string[];
  emits: Array<[event: string, payload: unknown]>;
}

/** What only the owner of the office's live queue answers for a connection (JSON in and out: it may cross processes). */
export interface SocketCore {
  authenticate(auth: { deviceKey?: unknown; token?: unknown }, cookie: string | undefined): Promise<SocketData>;
  connect(data: SocketData): Promise<ConnectPlan>;
  boardSync(data: SocketData): Promise<unknown>;
  counterSync(data: SocketData): Promise<ConnectPlan & { data: unknown }>;
  /** `first`: this socket did not watch that ticket yet (the owner counts watchers per ticket). */
  watch(payload: unknown, first: boolean): Promise<{ rooms: string[]; data: unknown }>;
  unwatch(ticketIds: string[]): Promise<void>;
}

const boardIdOf = (identity: Identity): number | null =>
  identity.kind === 'device' && identity.device.kind === 'display' ? identity.device.id : null;

/** The owner's side: one office's services and broadcaster. */
function officeCore(s: Services, out: Broadcaster): SocketCore {
  return {
    async authenticate(auth, cookie) {
      const token = typeof auth.token === 'string' ? auth.token : cookieToken(cookie);
      if (typeof auth.deviceKey === 'string' && auth.deviceKey) {
        const device = await s.staff.deviceForKey(auth.deviceKey);
        if (!device) throw new DomainError('INVALID_DEVICE_KEY', 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi.', 401);
        await s.staff.touchDevice(device.id);
        return { identity: { kind: 'device', device: toDeviceDto(device) } };
      }
      if (token?.startsWith(INTEGRATION_KEY_PREFIX)) {
        // a program with an integration key hears what the public hears (its scopes are for HTTP)
        const key = await s.integration.callerForKey(token);
        if (!key) {
          throw new DomainError(
            'INVALID_INTEGRATION_KEY',
            'Khóa tích hợp không hợp lệ, đã bị thu hồi hoặc đã hết hạn.',
            401,
          );
        }
        await s.integration.recordUse(key, 'SOCKET', '/socket.io');
        return { identity: { kind: 'integration', key: { id: key.id, name: key.name, scopes: key.scopes } } };
      }
      if (token) {
        const staff = await s.staff.staffForToken(token);
        if (!staff) throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.', 401);
        return { identity: { kind: 'staff', user: toUserDto(staff) }, tokenHash: sha256(token) };
      }
      return { identity: { kind: 'public' } };
    },

    async connect({ identity, tokenHash }) {
      const plan: ConnectPlan = { rooms: [], emits: [] };
      if (identity.kind === 'device') {
        const device = identity.device;
        plan.rooms.push(deviceRoom(device.id));
        if (device.kind === 'display') {
          await out.knowBoard(device.id);
          plan.rooms.push('boards', boardRoom(device.id));
          plan.emits.push(['board:state', await out.boardState(device.id)]);
        } else if (device.kind === 'kiosk') {
          plan.rooms.push('kiosks');
          plan.emits.push(['queue:changed', { waiting: s.queue.view.waitingPerField() }]);
        } else if (device.kind === 'rating' && device.counterId !== null) {
          plan.rooms.push(ratingRoom(device.counterId));
          plan.emits.push(['rating:pad', out.ratingPad(device.counterId)]);
        }
      } else if (identity.kind === 'staff') {
        plan.rooms.push('staff', userRoom(identity.user.id));
        if (tokenHash) plan.rooms.push(sessionRoom(tokenHash));
        const counter = s.queue.counterOfClerk(identity.user.id);
        if (counter) {
          plan.rooms.push(...clerkRooms(counter));
          plan.emits.push(['counter:state', out.counterState(counter.id)]);
          plan.emits.push(['counter:alerts', { counterId: counter.id, alerts: s.hall.alertsForCounter(counter.id) }]);
        }
        plan.emits.push(['queue:changed', { waiting: s.queue.view.waitingPerField() }]);
        if (identity.user.role === 'supervisor' || identity.user.role === 'admin') {
          plan.rooms.push(HALL_ROOM);
          plan.emits.push(['hall:state', await s.hall.state()]);
        }
      }
      return plan;
    },

    boardSync: ({ identity }) => out.boardState(boardIdOf(identity)),

    async counterSync({ identity }) {
      if (identity.kind !== 'staff')
        throw new DomainError('FORBIDDEN', 'Chỉ cán bộ mới xem được trạng thái quầy.', 403);
      const counter = s.queue.counterOfClerk(identity.user.id);
      if (!counter) throw new DomainError('NO_COUNTER', 'Bạn chưa mở quầy nào.', 404);
      return {
        rooms: clerkRooms(counter),
        data: out.counterState(counter.id),
        emits: [['counter:alerts', { counterId: counter.id, alerts: s.hall.alertsForCounter(counter.id) }]],
      };
    },

    async watch(payload, first) {
      const { ticketId } = parse(ticketWatchSchema, payload, 'payload');
      const ticket = await s.queue.getTicket(ticketId);
      if (first) out.watch(ticketId);
      return { rooms: [ticketRoom(ticketId)], data: ticket };
    },

    async unwatch(ticketIds) {
      for (const id of ticketIds) out.unwatch(id);
    },
  };
}

/**
 * The connections of one office's namespace in this process: `coreOf`
 * answers with the core of whichever process owns the office now.
 */
export function bindNamespace(ns: IoNamespace, coreOf: () => Promise<SocketCore>): void {
  ns.use(async (socket, next) => {
    try {
      const core = await coreOf();
      const auth = (socket.handshake.auth ?? {}) as { deviceKey?: unknown; token?: unknown };
      const data = await core.authenticate(auth, socket.handshake.headers.cookie);
      socket.data.identity = data.identity;
      if (data.tokenHash) socket.data.tokenHash = data.tokenHash;
      next();
    } catch (err) {
      const e = new Error(err instanceof DomainError ? err.message : 'Không xác thực được kết nối.') as Error & {
        data?: unknown;
      };
      e.data = { code: err instanceof DomainError ? err.code : 'UNAUTHENTICATED' };
      next(e);
    }
  });

  ns.on('connection', async (socket: IoSocket) => {
    const watching = new Set<string>();
    const data = (): SocketData => ({
      identity: socket.data.identity,
      ...(socket.data.tokenHash ? { tokenHash: socket.data.tokenHash } : {}),
    });
    const send = (emits: ConnectPlan['emits']) => {
      const raw = socket as unknown as { emit(event: string, payload: unknown): void };
      for (const [event, payload] of emits) raw.emit(event, payload);
    };

    socket.on('board:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack({ ok: true, data: (await (await coreOf()).boardSync(data())) as never });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('counter:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        const plan = await (await coreOf()).counterSync(data());
        await socket.join(plan.rooms);
        ack({ ok: true, data: plan.data as never });
        send(plan.emits);
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('ticket:watch', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const id = (payload as { ticketId?: unknown } | null)?.ticketId;
        const first = !(typeof id === 'string' && watching.has(id));
        const res = await (await coreOf()).watch(payload, first);
        if (first && typeof id === 'string') watching.add(id);
        await socket.join(res.rooms);
        ack({ ok: true, data: res.data as never });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('disconnect', () => {
      if (watching.size === 0) return;
      const ids = [...watching];
      watching.clear();
      coreOf()
        .then((core) => core.unwatch(ids))
        .catch(() => undefined); // the owner went away: its successor starts with no watchers
    });

    try {
      const plan = await (await coreOf()).connect(data());
      await socket.join(plan.rooms);
      send(plan.emits);
    } catch (err) {
      console.error('[socket] snapshot on connect failed', err);
    }
  });
}

/**
 * The owner's side of one office: its broadcaster on the namespace, the
 * bus listeners that move or drop sockets (through the adapter, so on
 * every process), and the core the namespace's connections ask.
 */
export async function attachOffice(
  ns: IoNamespace,
  s: Services,
  opts: { clustered?: boolean } = {},
): Promise<{ core: SocketCore; layer: SocketLayer }> {
  const out = new Broadcaster(ns, s, opts.clustered ?? false);
  await out.start();
  const core = officeCore(s, out);
  const bus = s.ctx.bus;

  // A revoked device or a disabled staff member stops receiving at once.
  bus.on('device:revoked', (deviceId) => ns.in(deviceRoom(deviceId)).disconnectSockets(true));
  bus.on('staff:signed-out', (staffId) => ns.in(userRoom(staffId)).disconnectSockets(true));
  // A rating pad moved to another counter listens to its new counter's room at once.
  bus.on('device:moved', (deviceId) => {
    void (async () => {
      const device = await s.staff.deviceById(deviceId);
      for (const sock of await ns.in(deviceRoom(deviceId)).fetchSockets()) {
        for (const room of sock.rooms) if (room.startsWith('rating:')) sock.leave(room);
        if (!device) continue;
        sock.data.identity = { kind: 'device', device: toDeviceDto(device) };
        if (device.kind === 'rating' && device.counterId !== null) sock.join(ratingRoom(device.counterId));
        if (device.kind === 'rating' && device.counterId !== null)
          sock.emit('rating:pad', out.ratingPad(device.counterId));
      }
    })().catch((err: unknown) => console.error('[socket] device move failed', err));
  });
  // A session logged out: the sockets opened with its token stop receiving.
  bus.on('session:ended', (tokenHash) => ns.in(sessionRoom(tokenHash)).disconnectSockets(true));

  return {
    core,
    layer: {
      // this process's sockets only: those on other processes stay, and the office's next owner resyncs them
      shutdown: () => {
        ns.local.emit('server:shutdown');
      },
      idle: () => out.idle(),
      detach: () => out.stop(),
    },
  };
}

/** One office alone on its socket.io server (tests that build the pieces by hand). */
export async function attachSockets(io: IoServer | IoNamespace, s: Services): Promise<SocketLayer> {
  const ns = ('of' in io ? io.of('/') : io) as IoNamespace;
  const { core, layer } = await attachOffice(ns, s);
  bindNamespace(ns, () => Promise.resolve(core));
  return layer;
}
