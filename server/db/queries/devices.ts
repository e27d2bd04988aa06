import type { Executor } from '../database';
import type { Device } from '../../domain/model';

interface DeviceRow {
  id: number;
  kind: Device['kind'];
  name: string;
  counter_id: number | null;
  settings: string;
  revoked_at: number | null;
  last_seen_at: number | null;
}

const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  counterId: r.counter_id,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  lastSeenAt: r.last_seen_at === null ? null : new Date(r.last_seen_at),
});

/** The device holding this key, unless it was revoked. */
export async function getDeviceByKeyHash(q: Executor, keyHash: string): Promise<Device | undefined> {
  const row = await q.get<DeviceRow>('SELECT * FROM devices WHERE key_hash = ? AND revoked_at IS NULL', [keyHash]);
  return row && toDevice(row);
}

export async function getDevice(q: Executor, id: number): Promise<Device | undefined> {
  const row = await q.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [id]);
  return row && toDevice(row);
}

export async function listDevices(q: Executor): Promise<Device[]> {
  return (await q.all<DeviceRow>('SELECT * FROM devices ORDER BY id')).map(toDevice);
}

export async function insertDevice(
  q: Executor,
  d: {
    kind: Device['kind'];
    name: string;
    keyHash: string;
    counterId: number | null;
    settings?: Record<string, unknown>;
  },
  now: Date,
): Promise<number> {
  const res = await q.run(
    'INSERT INTO devices (kind, name, key_hash, counter_id, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [d.kind, d.name, d.keyHash, d.counterId, JSON.stringify(d.settings ?? {}), now.getTime()],
  );
  return res.lastID;
}

export async function touchDevice(q: Executor, id: number, now: Date): Promise<void> {
  await q.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', [now.getTime(), id]);
}

/** Replaces a device's settings JSON (e.g. a kiosk's printer). */
export async function updateDeviceSettings(q: Executor, id: number, settings: Record<string, unknown>): Promise<void> {
  await q.run('UPDATE devices SET settings = ? WHERE id = ?', [JSON.stringify(settings), id]);
}

export interface DeviceListRow extends Device {
  createdAt: Date;
}

/** Every device with its creation time (the admin's list). */
export async function listDevicesWithCreation(q: Executor): Promise<DeviceListRow[]> {
  const rows = await q.all<DeviceRow & { created_at: number }>('SELECT * FROM devices ORDER BY id');
  return rows.map((r) => ({ ...toDevice(r), createdAt: new Date(r.created_at) }));
}

export async function revokeDevice(q: Executor, id: number, now: Date): Promise<void> {
  await q.run('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now.getTime(), id]);
}

export async function setDeviceCounter(q: Executor, id: number, counterId: number | null): Promise<void> {
  await q.run('UPDATE devices SET counter_id = ? WHERE id = ?', [counterId, id]);
}

/** The rating pads of a counter (not revoked). */
export async function ratingDevicesOfCounter(q: Executor, counterId: number): Promise<Device[]> {
  const rows = await q.all<DeviceRow>(
    "SELECT * FROM devices WHERE kind = 'rating' AND counter_id = ? AND revoked_at IS NULL ORDER BY id",
    [counterId],
  );
  return rows.map(toDevice);
}
