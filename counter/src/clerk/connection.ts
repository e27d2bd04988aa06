/** The clerk terminal's one socket: counter snapshots and its fields' queues in, nothing else. */
import { connectSocket, type AppSocket } from '@ui/socket';
import { applyFieldQueue } from '@protocol/counter-view';
import { alerts, applyPrinterStatus, applyState, counterState, loadPrinters, online, refresh } from './state';

let socket: AppSocket | null = null;

export function connectClerk(token: string): () => void {
  socket?.disconnect();
  const s = connectSocket({ token });
  socket = s;
  s.on('connect', () => {
    online.value = true;
    s.emit('counter:sync', (res) => {
      if (res.ok) applyState(res.data);
    });
    void loadPrinters().catch(() => undefined);
  });
  // a kiosk printer out of paper: the clerk can tell the citizen to note the number
  s.on('printer:status', applyPrinterStatus);
  s.on('disconnect', () => (online.value = false));
  s.on('counter:state', (state) => {
    const mine = counterState.value?.counter.id;
    if (mine === undefined || mine === state.counter.id) applyState(state);
  });
  // the hall's alerts about this counter or its fields (a citizen waiting too long, a long service…)
  s.on('counter:alerts', (event) => {
    const mine = counterState.value?.counter.id;
    if (mine === undefined || mine === event.counterId) alerts.value = event.alerts;
  });
  // one of the counter's fields changed (a kiosk issued, another counter called): its lists follow
  s.on('queue:field', (event) => {
    const state = counterState.value;
    if (state) counterState.value = applyFieldQueue(state, event);
  });
  // a change elsewhere (another clerk took a ticket, a kiosk issued one) moves the waiting list
  s.on('queue:changed', () => {
    if (!counterState.value) void refresh().catch(() => undefined);
  });
  return () => {
    s.disconnect();
    if (socket === s) socket = null;
  };
}

/** After opening a counter the server puts this socket in its room; ask for the snapshot. */
export function resync(): void {
  socket?.emit('counter:sync', (res) => {
    if (res.ok) applyState(res.data);
  });
}
