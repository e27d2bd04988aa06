/**
 * The board's one socket. The server sends a full `board:state` on every
 * (re)connect; a gap in `seq` or a new `epoch` makes the board ask
 * `board:sync`. Between snapshots, `ticket:called` and `board:delta` carry
 * what changed. Only `ticket:called` events received live are announced.
 */
import { connectSocket, type AppSocket } from '@ui/socket';
import { announce, configureAnnouncer } from './announcer';
import { applyCall, applyDelta, applySnapshot, connected, fatal } from './state';

/** If the connect snapshot has not come this soon after a (re)connect, ask for one (resync within 2 s). */
const SNAPSHOT_WAIT_MS = 800;

export function startConnection(deviceKey: string): AppSocket {
  configureAnnouncer({ deviceKey });
  const socket = connectSocket({ deviceKey });
  let syncing = false;
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null;

  const sync = () => {
    if (syncing || !socket.connected) return;
    syncing = true;
    socket
      .timeout(5000)
      .emitWithAck('board:sync')
      .then((res) => {
        if (res.ok) onSnapshot(res.data);
      })
      .catch(() => undefined)
      .finally(() => {
        syncing = false;
      });
  };

  const onSnapshot = (state: Parameters<typeof applySnapshot>[0]) => {
    if (snapshotTimer) clearTimeout(snapshotTimer);
    snapshotTimer = null;
    if (applySnapshot(state)) configureAnnouncer({ settings: state.display });
    // "connected" only once the board holds a fresh snapshot: the banner never hides a stale board
    connected.value = socket.connected;
  };

  socket.on('connect', () => {
    fatal.value = null;
    if (snapshotTimer) clearTimeout(snapshotTimer);
    snapshotTimer = setTimeout(sync, SNAPSHOT_WAIT_MS);
  });
  socket.on('disconnect', () => {
    connected.value = false;
  });
  socket.on('server:shutdown', () => {
    connected.value = false;
  });
  socket.on('connect_error', (err) => {
    connected.value = false;
    const code = (err as Error & { data?: { code?: string } }).data?.code;
    if (code === 'INVALID_DEVICE_KEY') fatal.value = 'badKey';
  });

  // a snapshot is complete: even one that skips events we never saw needs no sync
  socket.on('board:state', onSnapshot);

  socket.on('ticket:called', (event) => {
    const inOrder = applyCall(event);
    announce(event);
    if (!inOrder) sync();
  });

  socket.on('board:delta', (delta) => {
    if (!applyDelta(delta)) sync();
  });

  return socket;
}
