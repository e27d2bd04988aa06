/** The hall page's one socket: `hall:state` in (the server joins supervisors and admins to the hall room). */
import { connectSocket } from '@ui/socket';
import { hall, load, online } from './state';

export function connectHall(token: string): () => void {
  const s = connectSocket({ token });
  s.on('connect', () => {
    online.value = true;
  });
  s.on('disconnect', () => {
    online.value = false;
  });
  s.on('hall:state', (state) => {
    hall.value = state;
  });
  // a reconnect brings a fresh snapshot on connect; the first paint does not wait for the socket
  void load();
  return () => s.disconnect();
}
