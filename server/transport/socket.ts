/**
 * socket.io: authenticate once per connection (`io.use`), join the rooms
 * the verified identity allows, send a full snapshot on connect, and turn
 * bus events (already committed) into room broadcasts, in order.
 */
import type { Server, Socket } from 'socket.io';
import {
  DEFAULT_BOARD_SETTINGS,
  boardShowsCounter,
  filterBoardState,
  readyDossierCodes,
  type BoardSettings,
} from '../domain/display';
import { DomainError } from '../domain/errors';
import type { BoardState, CounterState, Identity, RatingPadDto } from '../protocol/dto';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../protocol/events';
import type { Result } from '../protocol/result';
import { ticketWatchSchema } from '../protocol/schemas';
import { randomToken, sha256 } from '../services/auth';
import { toDeviceDto, toUserDto } from '../services/staff-service';
import { cookieToken } from './auth';
import type { Services } from './services';
import { parse } from './validate';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Coalesce bursts (200 kiosks pressing at once) into one snapshot push. */
const SNAPSHOT_DEBOUNCE_MS = 30;

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

export function attachSockets(io: IoServer, s: Services): SocketLayer {
  const epoch = randomToken(6);
  let boardSeq = 0;
  let chain: Promise<void> = Promise.resolve();
  /** Broadcasts run one after another so `ticket:called` precedes the snapshot that follows it. */
  const enqueue = (task: () => Promise<void>) => {
    chain = chain.then(task).catch((err: unknown) => console.error('[socket] broadcast failed', err));
  };

  /** Each board (display device) has its own room `board:<deviceId>` and its own seq. */
  const boardSeqs = new Map<number, number>();
  const boardRoom = (deviceId: number) => `board:${deviceId}`;
  const boardRooms = (): number[] =>
    [...io.sockets.adapter.rooms.keys()].filter((r) => /^board:\d+$/.test(r)).map((r) => Number(r.slice(6)));

  type BoardBase = Omit<BoardState, 'seq' | 'epoch' | 'board' | 'readyDossiers'> & {
    ready: Array<{ code: string; fieldId: number | null }>;
  };
  const boardBase = async (): Promise<BoardBase> => ({
    ...(await s.queue.boardState()),
    officeParentName: await s.display.officeParentName(),
    display: await s.display.settings(),
    ready: await s.display.readyDossiers(),
  });
  /** One board's snapshot: the office-wide state filtered by the board's own settings. */
  const boardStateFor = (
    base: BoardBase,
    deviceId: number | null,
    boards: Map<number, { name: string; settings: BoardSettings }>,
  ): BoardState => {
    const board = deviceId === null ? undefined : boards.get(deviceId);
    const { ready, ...rest } = base;
    if (deviceId === null || !board) {
      return {
        ...rest,
        readyDossiers: readyDossierCodes(ready, DEFAULT_BOARD_SETTINGS),
        seq: boardSeq,
        epoch,
        board: null,
      };
    }
    return {
      ...filterBoardState(rest, board.settings),
      readyDossiers: readyDossierCodes(ready, board.settings),
      seq: boardSeqs.get(deviceId) ?? 0,
      epoch,
      board: { id: deviceId, name: board.name, settings: board.settings },
    };
  };
  const boardState = async (deviceId: number | null): Promise<BoardState> =>
    boardStateFor(await boardBase(), deviceId, await s.display.boardSettingsById());
  const boardIdOf = (identity: Identity): number | null =>
    identity.kind === 'device' && identity.device.kind === 'display' ? identity.device.id : null;
  const counterState = async (counterId: number): Promise<CounterState> => ({
    ...(await s.queue.counterState(counterId)),
    seq: 0,
    epoch,
  });

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

  const counterOfClerk = async (userId: number) =>
    (await s.queue.listCounters()).find((c) => c.clerk?.id === userId) ?? null;

  io.on('connection', async (socket: IoSocket) => {
    const identity = socket.data.identity;

    socket.on('board:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack({ ok: true, data: await boardState(boardIdOf(identity)) });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('counter:sync', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (identity.kind !== 'staff')
          throw new DomainError('FORBIDDEN', 'Chỉ cán bộ mới xem được trạng thái quầy.', 403);
        const counter = await counterOfClerk(identity.user.id);
        if (!counter) throw new DomainError('NO_COUNTER', 'Bạn chưa mở quầy nào.', 404);
        await socket.join(`counter:${counter.id}`);
        ack({ ok: true, data: await counterState(counter.id) });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    socket.on('ticket:watch', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const { ticketId } = parse(ticketWatchSchema, payload, 'payload');
        const ticket = await s.queue.getTicket(ticketId);
        await socket.join(`ticket:${ticketId}`);
        ack({ ok: true, data: ticket });
      } catch (err) {
        ack(toResultError(err));
      }
    });

    try {
      if (identity.kind === 'device') {
        const device = identity.device;
        if (device.kind === 'display') {
          await socket.join(['boards', boardRoom(device.id)]);
          socket.emit('board:state', await boardState(device.id));
        } else if (device.kind === 'kiosk') {
          await socket.join('kiosks');
          socket.emit('queue:changed', { waiting: await s.queue.waitingPerFieldNow() });
        } else if (device.kind === 'rating' && device.counterId !== null) {
          await socket.join(`rating:${device.counterId}`);
          socket.emit('rating:pad', await ratingPadState(device.counterId));
        }
      } else if (identity.kind === 'staff') {
        await socket.join('staff');
        const counter = await counterOfClerk(identity.user.id);
        if (counter) {
          await socket.join(`counter:${counter.id}`);
          socket.emit('counter:state', await counterState(counter.id));
        }
        socket.emit('queue:changed', { waiting: await s.queue.waitingPerFieldNow() });
      }
    } catch (err) {
      console.error('[socket] snapshot on connect failed', err);
    }
  });

  // ------------------------------------------------------------ broadcasts
  async function ratingPadState(counterId: number): Promise<RatingPadDto> {
    const c = (await s.queue.listCounters()).find((x) => x.id === counterId);
    return { counter: c ? { id: c.id, number: c.number, name: c.name, status: c.status, clerk: c.clerk } : null };
  }

  let snapshotTimer: NodeJS.Timeout | null = null;
  const dirtyCounters = new Set<number>();
  let queueDirty = false;
  let boardsDirty = false;

  const flushSnapshots = () =>
    enqueue(async () => {
      snapshotTimer = null;
      const counters = [...dirtyCounters];
      dirtyCounters.clear();
      const queueChanged = queueDirty;
      queueDirty = false;
      if (queueChanged) {
        const waiting = await s.queue.waitingPerFieldNow();
        io.to(['kiosks', 'staff']).emit('queue:changed', { waiting });
        // every open counter's waiting list and every followed ticket's position may have moved
        for (const room of io.sockets.adapter.rooms.keys()) {
          if (room.startsWith('counter:')) counters.push(Number(room.slice(8)));
          if (room.startsWith('ticket:')) {
            const id = room.slice(7);
            io.to(room).emit('ticket:updated', await s.queue.getTicket(id));
          }
        }
      }
      const displayChanged = boardsDirty;
      boardsDirty = false;
      if (queueChanged || counters.length > 0 || displayChanged) {
        boardSeq += 1;
        const rooms = boardRooms();
        if (rooms.length > 0) {
          const base = await boardBase();
          const boards = await s.display.boardSettingsById();
          for (const id of rooms) {
            boardSeqs.set(id, (boardSeqs.get(id) ?? 0) + 1);
            io.to(boardRoom(id)).emit('board:state', boardStateFor(base, id, boards));
          }
        }
      }
      for (const counterId of new Set(counters)) {
        io.to(`counter:${counterId}`).emit('counter:state', await counterState(counterId));
      }
    });

  const scheduleSnapshots = () => {
    snapshotTimer ??= setTimeout(flushSnapshots, SNAPSHOT_DEBOUNCE_MS);
  };

  s.ctx.bus.on('queue:changed', () => {
    queueDirty = true;
    scheduleSnapshots();
  });

  s.ctx.bus.on('counter:changed', (counterId) => {
    enqueue(async () => {
      // the clerk who now holds the counter follows its room; others leave it
      const counter = (await s.queue.listCounters()).find((c) => c.id === counterId);
      const room = `counter:${counterId}`;
      for (const sock of await io.fetchSockets()) {
        const id = sock.data.identity;
        if (id?.kind !== 'staff') continue;
        if (counter?.clerk?.id === id.user.id) sock.join(room);
        else sock.leave(room);
      }
    });
    dirtyCounters.add(counterId);
    scheduleSnapshots();
    // the counter's rating pad shows who works there now
    if (io.sockets.adapter.rooms.has(`rating:${counterId}`)) {
      enqueue(async () => {
        io.to(`rating:${counterId}`).emit('rating:pad', await ratingPadState(counterId));
      });
    }
  });

  // a result ready or handed back changes the boards' "results ready" list
  s.ctx.bus.on('dossier:changed', () => {
    boardsDirty = true;
    scheduleSnapshots();
  });

  s.ctx.bus.on('display:changed', () => {
    boardsDirty = true;
    scheduleSnapshots();
  });

  s.ctx.bus.on('ticket:called', (ticketId, counterId, recall) => {
    enqueue(async () => {
      const event = await s.queue.calledEvent(ticketId, recall);
      if (!event) return;
      // the clip is rendered while the board plays its chime (not awaited: it must not delay broadcasts)
      void s.display.prerender(event.number, event.counterNumber);
      boardSeq += 1;
      const rooms = boardRooms();
      if (rooms.length === 0) return;
      const counter = await s.queue.getCounter(counterId);
      const boards = await s.display.boardSettingsById();
      // each board hears only the calls to the counters it shows
      for (const id of rooms) {
        const board = boards.get(id);
        if (board && !boardShowsCounter(board.settings, counter)) continue;
        const seq = (boardSeqs.get(id) ?? 0) + 1;
        boardSeqs.set(id, seq);
        io.to(boardRoom(id)).emit('ticket:called', { ...event, seq, epoch });
      }
    });
  });

  s.ctx.bus.on('ticket:changed', (ticketId) => {
    enqueue(async () => {
      const room = `ticket:${ticketId}`;
      if (!io.sockets.adapter.rooms.has(room)) return;
      io.to(room).emit('ticket:updated', await s.queue.getTicket(ticketId));
    });
  });

  s.ctx.bus.on('rating:requested', (ticketId, counterId) => {
    enqueue(async () => {
      const ticket = await s.queue.getTicket(ticketId);
      const counter = await s.queue.getCounter(counterId);
      io.to(`rating:${counterId}`).emit('rating:requested', {
        ticketId,
        number: ticket.number,
        counterId,
        counterNumber: counter.number,
        clerkName: counter.clerk?.fullName ?? null,
        fieldName: ticket.fieldName,
      });
    });
  });

  s.ctx.bus.on('printer:status', (status) => {
    enqueue(async () => {
      io.to(['staff', 'kiosks']).emit('printer:status', status);
    });
  });

  // A revoked device or a disabled staff member stops receiving at once.
  const dropSockets = (match: (identity: Identity) => boolean) =>
    enqueue(async () => {
      for (const sock of await io.fetchSockets()) {
        const id = sock.data.identity;
        if (id && match(id)) sock.disconnect(true);
      }
    });
  s.ctx.bus.on('device:revoked', (deviceId) => dropSockets((id) => id.kind === 'device' && id.device.id === deviceId));
  // A rating pad moved to another counter listens to its new counter's room at once.
  s.ctx.bus.on('device:moved', (deviceId) =>
    enqueue(async () => {
      const device = await s.staff.deviceById(deviceId);
      for (const sock of await io.fetchSockets()) {
        const id = sock.data.identity;
        if (id?.kind !== 'device' || id.device.id !== deviceId) continue;
        for (const room of sock.rooms) if (room.startsWith('rating:')) sock.leave(room);
        if (!device) continue;
        sock.data.identity = { kind: 'device', device: toDeviceDto(device) };
        if (device.kind === 'rating' && device.counterId !== null) sock.join(`rating:${device.counterId}`);
      }
    }),
  );
  s.ctx.bus.on('staff:signed-out', (staffId) => dropSockets((id) => id.kind === 'staff' && id.user.id === staffId));
  // A session logged out: the sockets opened with its token stop receiving.
  s.ctx.bus.on('session:ended', (tokenHash) =>
    enqueue(async () => {
      for (const sock of await io.fetchSockets()) if (sock.data.tokenHash === tokenHash) sock.disconnect(true);
    }),
  );

  return {
    shutdown: () => {
      io.emit('server:shutdown');
    },
    idle: async () => {
      if (snapshotTimer) {
        clearTimeout(snapshotTimer);
        flushSnapshots();
      }
      await chain;
    },
  };
}
