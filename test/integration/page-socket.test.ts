/**
 * The pages' socket (ui/socket.ts) against a bare socket.io server: a page
 * under /o/<code>/ joins the office's namespace on the usual /socket.io path,
 * the home office's joins `/`, and `office:resync` makes a fresh connection
 * (a new engine.io connection, so a balancer may send it to the process that
 * now holds the office) that connects again with the same credentials.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { Server, type Socket } from 'socket.io';
import { connectSocket, type AppSocket } from '../../ui/socket';

const http = createServer();
const io = new Server(http);
let port = 0;
const sockets: AppSocket[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
  vi.unstubAllGlobals();
});
afterAll(async () => {
  await io.close();
});

/** The page's address: socket.io-client reads `location` for the host, ui/office.ts reads the pathname. */
function openPage(pathname: string): void {
  const location = {
    protocol: 'http:',
    host: `127.0.0.1:${port}`,
    hostname: '127.0.0.1',
    port: String(port),
    pathname,
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('window', { location });
}

function connectionsTo(namespace: string): Socket[] {
  const seen: Socket[] = [];
  io.of(namespace).on('connection', (s) => void seen.push(s));
  return seen;
}

it("a home office page joins '/'", async () => {
  const seen = connectionsTo('/');
  openPage('/kiosk/');
  const socket = connectSocket({ deviceKey: 'home-kiosk' });
  sockets.push(socket);
  await expect.poll(() => seen.map((s) => s.handshake.auth)).toEqual([{ deviceKey: 'home-kiosk' }]);
});

it('an office page joins /o/<code> and reconnects on office:resync', async () => {
  const seen = connectionsTo('/o/xa-an-binh');
  openPage('/o/xa-an-binh/counter/');
  const socket = connectSocket({ token: 'clerk-token' });
  sockets.push(socket);
  const events: string[] = [];
  socket.on('connect', () => events.push('connect'));
  socket.on('disconnect', (reason) => events.push(`disconnect: ${reason}`));
  await expect.poll(() => seen.length).toBe(1);

  seen[0]!.emit('office:resync');
  await expect.poll(() => seen.length).toBe(2);
  await expect.poll(() => events).toEqual(['connect', 'disconnect: io client disconnect', 'connect']);
  expect(seen[1]!.handshake.auth).toEqual({ token: 'clerk-token' });
  expect(seen[1]!.conn).not.toBe(seen[0]!.conn); // a new engine.io connection, not only a new namespace connect
  expect(seen[0]!.connected).toBe(false);
});
