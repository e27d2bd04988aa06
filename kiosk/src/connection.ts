/**
 * The kiosk's one socket and its calls to the server. The socket brings
 * `queue:changed` (waiting counts) and `printer:status` (its own printer);
 * HTTP takes tickets with an Idempotency-Key per press, so a double tap or
 * a retry after a lost answer never makes two tickets.
 */
import type { FieldDto, IssuedTicketDto, KioskConfigDto, PrinterStatusDto, ProcedureDto } from '@protocol/dto';
import type { Priority } from '@protocol/schemas';
import { ApiFailure, api } from '@ui/api';
import { takeDeviceKey } from '@ui/device-key';
import { lang } from '@ui/i18n';
import { connectSocket, type AppSocket } from '@ui/socket';
import { config, fields, go, issueError, issuing, online, pairing, printer, procedures } from './state';
import { t } from './i18n';

let deviceKey: string | null = null;
let socket: AppSocket | null = null;

const auth = () => ({ deviceKey });

export async function refreshFields(): Promise<void> {
  try {
    fields.value = await api<FieldDto[]>('GET', '/api/fields', { auth: auth() });
  } catch {
    // the socket's reconnect brings a fresh list
  }
}

export async function loadProcedures(): Promise<void> {
  try {
    procedures.value = await api<ProcedureDto[]>('GET', '/api/procedures');
  } catch {
    // the list stays as it was; the screen can be opened again
  }
}

/** Kiosk printers' pushed states, numbered: a config answer older than a push does not undo it. */
let pushes = 0;
const pushed = new Map<number, { n: number; status: PrinterStatusDto }>();

async function refreshConfig(): Promise<void> {
  try {
    const asked = pushes;
    const cfg = await api<KioskConfigDto>('GET', '/api/kiosk/config', { auth: auth() });
    config.value = cfg;
    const p = cfg.device ? pushed.get(cfg.device.id) : undefined;
    printer.value = p && p.n > asked ? p.status : cfg.printer;
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) pairing.value = 'bad';
  }
}

let fieldsTimer: ReturnType<typeof setTimeout> | null = null;

/** Pairs with the stored device key and keeps the kiosk's data live. */
export function startKiosk(): void {
  deviceKey = takeDeviceKey('kiosk');
  if (!deviceKey) {
    pairing.value = 'none';
    return;
  }
  socket = connectSocket({ deviceKey });
  socket.on('connect', () => {
    online.value = true;
    void refreshConfig();
    void refreshFields();
  });
  socket.on('disconnect', () => {
    online.value = false;
  });
  socket.on('connect_error', (err) => {
    online.value = false;
    if ((err as Error & { data?: { code?: string } }).data?.code === 'INVALID_DEVICE_KEY') pairing.value = 'bad';
  });
  socket.on('server:shutdown', () => {
    online.value = false;
  });
  socket.on('queue:changed', ({ waiting }) => {
    const counts = new Map(waiting.map((w) => [w.fieldId, w.waiting]));
    fields.value = fields.value.map((f) => ({ ...f, waiting: counts.get(f.id) ?? f.waiting }));
    // a field may also have closed or reached its cap: re-read the list (coalesced)
    fieldsTimer ??= setTimeout(() => {
      fieldsTimer = null;
      void refreshFields();
    }, 300);
  });
  socket.on('printer:status', (status) => {
    if (status.kind !== 'kiosk') return;
    pushed.set(status.deviceId, { n: ++pushes, status });
    if (status.deviceId === config.value?.device?.id) printer.value = status;
  });
}

const RETRIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes a ticket. The same `pressKey` is sent on every attempt (and every
 * extra tap) of one press: the server answers the same ticket.
 */
export async function issueTicket(fieldId: number, priority: Priority | null, pressKey: string): Promise<void> {
  if (issuing.value) return;
  issuing.value = true;
  issueError.value = null;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const ticket = await api<IssuedTicketDto>('POST', '/api/tickets', {
          auth: auth(),
          body: { fieldId, priority, lang: lang.value },
          headers: { 'idempotency-key': pressKey },
        });
        go({ name: 'ticket', ticket });
        void refreshFields();
        return;
      } catch (err) {
        const network = err instanceof ApiFailure && (err.status === 0 || err.status >= 500);
        if (network && attempt < RETRIES) {
          await sleep(1000 * (attempt + 1));
          continue;
        }
        issueError.value = err instanceof ApiFailure && !network ? err.message : t().issueFailed;
        void refreshFields();
        return;
      }
    }
  } finally {
    issuing.value = false;
  }
}
