/** The province registry (migration 0011_province), kept in the home office's database. */
import type { Executor } from '../database';

export interface OfficeEntry {
  id: number;
  code: string;
  name: string;
  /** '' = the home office's own database; otherwise its schema (PostgreSQL) or folder (SQLite). */
  store: string;
  createdAt: number;
}

const ENTRY = 'SELECT id, code, name, store, created_at AS createdAt FROM province_offices';

export function listOfficeEntries(q: Executor): Promise<OfficeEntry[]> {
  return q.all<OfficeEntry>(`${ENTRY} ORDER BY id`);
}

export function officeEntryByCode(q: Executor, code: string): Promise<OfficeEntry | undefined> {
  return q.get<OfficeEntry>(`${ENTRY} WHERE code = ?`, [code]);
}

export async function insertOfficeEntry(
  q: Executor,
  e: { code: string; name: string; store: string; createdAt: number },
): Promise<number> {
  const res = await q.run('INSERT INTO province_offices (code, name, store, created_at) VALUES (?, ?, ?, ?)', [
    e.code,
    e.name,
    e.store,
    e.createdAt,
  ]);
  return res.lastID;
}

export async function isProvinceAdmin(q: Executor, staffId: number): Promise<boolean> {
  return (await q.get('SELECT 1 AS yes FROM province_admins WHERE staff_id = ?', [staffId])) !== undefined;
}

export async function hasProvinceAdmin(q: Executor): Promise<boolean> {
  return (await q.get('SELECT 1 AS yes FROM province_admins LIMIT 1')) !== undefined;
}

export async function addProvinceAdmin(q: Executor, staffId: number): Promise<void> {
  await q.run('INSERT INTO province_admins (staff_id) VALUES (?) ON CONFLICT (staff_id) DO NOTHING', [staffId]);
}

/** A process says it is alive (and where it listens). */
export async function heartbeatNode(
  q: Executor,
  n: { id: string; url: string; startedAt: number; now: number },
): Promise<void> {
  await q.run(
    `INSERT INTO cluster_nodes (id, url, started_at, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, seen_at = excluded.seen_at`,
    [n.id, n.url, n.startedAt, n.now],
  );
}

export async function liveNodes(q: Executor, since: number): Promise<Array<{ id: string; url: string }>> {
  return q.all<{ id: string; url: string }>('SELECT id, url FROM cluster_nodes WHERE seen_at >= ? ORDER BY id', [
    since,
  ]);
}

export async function removeNode(q: Executor, id: string): Promise<void> {
  await q.run('DELETE FROM cluster_nodes WHERE id = ?', [id]);
}

export async function setSecret(q: Executor, name: string, value: string): Promise<void> {
  await q.run('INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, value]);
}
