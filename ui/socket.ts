/** The one socket of a page, typed with the shared protocol. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@protocol/events';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(auth: { deviceKey?: string; token?: string }): AppSocket {
  return io({
    auth,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 1500,
  });
}
