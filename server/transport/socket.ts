/**
 * socket.io: authenticate once per connection (`io.use`), join the rooms
 * the verified identity allows, and send a full snapshot on connect. What
 * is pushed after a change is broadcast.ts's.
 */
import type { Server, Socket } from 'socket.io';
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
}

export async function attachSockets(io: IoServer, s: Services): Promise<SocketLayer> {
  const out = new Broadcaster(io, s);
  await out.start();

  const boardIdOf = (identity: Identity): number | null =>
    identity.kind === 'device' && identity.device.kind === 'display' ? identity.device.id : null;

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as { deviceKey?: unknown; token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : cookieToken(socket.handshake.headers.cookie);
      let identity: Identity = { kind: 'public' };
      if (typeof auth.deviceKey === 'string' && auth.deviceKey) {
        const device = await s.staff.deviceForKey(auth.deviceKey);
        if (!device) throw new DomainError('INVALID_DEVICE_KEY', 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi.', 401);
        identity = { kind: 'device', device: toDeviceDto(device) };
        await s.staff.touchDevice(device.id);
      } else if (token?.startsWith(INTEGRATION_KEY_PREFIX)) {
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
        identity = { kind: 'integration', key: { id: key.id, name: key.name, scopes: key.scopes } };
      } else if (token) {
        const staff = await s.staff.staffForToken(token);
        if (!staff) throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.', 401);
        identity = { kind: 'staff', user: toUserDto(staff) };
        socket.data.tokenHash = sha256(token);
      }
      socket.data.identity = identity;
      next();
    } catch (err) {
      const e = new Error(err instanceof DomainError ? err.message : 'Không xác thực được kết nối.') as Error & {
        data?: unknown;
      };
      e.data = { code: err instanceof DomainError ? err.code : 'UNAUTHENTICATED' };
      next(e);
    }
  });

  io.on('connection', async (socket: IoSocket) => {
    const identity = socket.data.identity;
    const watching = new Set<string>();

    socket.on('board:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack({ ok: true, data: await out.boardState(boardIdOf(identity)) });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('counter:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (identity.kind !== 'staff')
          throw new DomainError('FORBIDDEN', 'Chỉ cán bộ mới xem được trạng thái quầy.', 403);
        const counter = s.queue.counterOfClerk(identity.user.id);
        if (!counter) throw new DomainError('NO_COUNTER', 'Bạn chưa mở quầy nào.', 404);
        await socket.join(clerkRooms(counter));
        ack({ ok: true, data: out.counterState(counter.id) });
        socket.emit('counter:alerts', { counterId: counter.id, alerts: s.hall.alertsForCounter(counter.id) });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('ticket:watch', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const { ticketId } = parse(ticketWatchSchema, payload, 'payload');
        const ticket = await s.queue.getTicket(ticketId);
        if (!watching.has(ticketId)) {
          watching.add(ticketId);
          out.watch(ticketId);
        }
        await socket.join(ticketRoom(ticketId));
        ack({ ok: true, data: ticket });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('disconnect', () => {
      for (const id of watching) out.unwatch(id);
      watching.clear();
    });

    try {
      if (identity.kind === 'device') {
        const device = identity.device;
        await socket.join(deviceRoom(device.id));
        if (device.kind === 'display') {
          await out.knowBoard(device.id);
          await socket.join(['boards', boardRoom(device.id)]);
          socket.emit('board:state', await out.boardState(device.id));
        } else if (device.kind === 'kiosk') {
          await socket.join('kiosks');
          socket.emit('queue:changed', { waiting: s.queue.view.waitingPerField() });
        } else if (device.kind === 'rating' && device.counterId !== null) {
          await socket.join(ratingRoom(device.counterId));
          socket.emit('rating:pad', out.ratingPad(device.counterId));
        }
      } else if (identity.kind === 'staff') {
        await socket.join(['staff', userRoom(identity.user.id)]);
        if (socket.data.tokenHash) await socket.join(sessionRoom(socket.data.tokenHash));
        const counter = s.queue.counterOfClerk(identity.user.id);
        if (counter) {
          await socket.join(clerkRooms(counter));
          socket.emit('counter:state', out.counterState(counter.id));
          socket.emit('counter:alerts', { counterId: counter.id, alerts: s.hall.alertsForCounter(counter.id) });
        }
        socket.emit('queue:changed', { waiting: s.queue.view.waitingPerField() });
        if (identity.user.role === 'supervisor' || identity.user.role === 'admin') {
          await socket.join(HALL_ROOM);
          socket.emit('hall:state', await s.hall.state());
        }
      }
    } catch (err) {
      console.error('[socket] snapshot on connect failed', err);
    }
  });

  // A revoked device or a disabled staff member stops receiving at once.
  s.ctx.bus.on('device:revoked', (deviceId) => io.in(deviceRoom(deviceId)).disconnectSockets(true));
  s.ctx.bus.on('staff:signed-out', (staffId) => io.in(userRoom(staffId)).disconnectSockets(true));
  // A rating pad moved to another counter listens to its new counter's room at once.
  s.ctx.bus.on('device:moved', (deviceId) => {
    void (async () => {
      const device = await s.staff.deviceById(deviceId);
      for (const sock of await io.in(deviceRoom(deviceId)).fetchSockets()) {
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
  s.ctx.bus.on('session:ended', (tokenHash) => io.in(sessionRoom(tokenHash)).disconnectSockets(true));

  return {
    shutdown: () => {
      io.emit('server:shutdown');
    },
    idle: () => out.idle(),
  };
}
