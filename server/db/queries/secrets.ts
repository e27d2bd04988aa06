import type { Executor } from '../database';

/** A server-side secret by name (migration 0008_ticket_key creates `ticket_key`). */
export async function getSecret(q: Executor, name: string): Promise<string | undefined> {
  const row = await q.get<{ value: string }>('SELECT value FROM server_secrets WHERE name = ?', [name]);
  return row?.value;
}
