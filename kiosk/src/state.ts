/**
 * The kiosk's state as signals: the fields and their waiting counts (from
 * GET /api/fields and `queue:changed`), the screen the citizen is on, the
 * connection, and the kiosk's own printer. Components read these; only
 * connection.ts and the actions below change them.
 */
import { computed, signal } from '@preact/signals';
import type { FieldDto, IssuedTicketDto, KioskConfigDto, PrinterStatusDto, ProcedureDto } from '@protocol/dto';
import type { Priority } from '@protocol/schemas';

export type Screen =
  | { name: 'home' }
  | { name: 'priority'; fieldId: number; pressKey: string }
  | { name: 'confirm'; fieldId: number; priority: Priority | null; pressKey: string }
  | { name: 'ticket'; ticket: IssuedTicketDto }
  | { name: 'catalog' }
  | { name: 'lookup' };

export const screen = signal<Screen>({ name: 'home' });
export const fields = signal<FieldDto[]>([]);
/** The public catalog (danh mục TTHC), read when the catalog screen opens. */
export const procedures = signal<ProcedureDto[]>([]);
export const config = signal<KioskConfigDto | null>(null);
export const printer = signal<PrinterStatusDto | null>(null);
/** False while the socket is down (shows "mất kết nối"). */
export const online = signal(true);
/** 'none' | 'bad': the kiosk cannot work until an administrator pairs it. */
export const pairing = signal<'ok' | 'none' | 'bad'>('ok');
export const issuing = signal(false);
export const issueError = signal<string | null>(null);

export const fieldById = (id: number) => computed(() => fields.value.find((f) => f.id === id));

export function go(next: Screen): void {
  issueError.value = null;
  screen.value = next;
}

export function goHome(): void {
  go({ name: 'home' });
}

/** One key per confirm screen: every retry and every extra tap of that press reuses it. */
export function newPressKey(): string {
  const rnd = crypto.getRandomValues(new Uint32Array(2));
  return `kiosk-${Date.now().toString(36)}-${rnd[0]!.toString(36)}${rnd[1]!.toString(36)}`;
}
