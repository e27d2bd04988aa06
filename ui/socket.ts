/** The one socket of a page, typed with the shared protocol. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@protocol/events';
import { officeBase } from './office';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects to the page's office: namespace `/` for the home office, `/o/<code>` for another (path `/socket.io`). */
export function connectSocket(auth: { deviceKey?: string; token?: string }): AppSocket {
  const socket: AppSocket = io(officeBase() || '/', {
    auth,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 1500,
  });
  // another process now holds the office: a fresh connection gets its snapshot and rooms from it
  socket.on('office:resync', () => {
    socket.disconnect();
    socket.connect();
  });
  return socket;
}
