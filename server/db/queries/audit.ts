import type { Executor } from '../database';

export interface AuditEntry {
  actorKind: 'staff' | 'device' | 'system';
  actorId: number | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
}

export async function insertAudit(q: Executor, e: AuditEntry, now: Date): Promise<void> {
  await q.run(
    'INSERT INTO audit_log (at, actor_kind, actor_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      now.getTime(),
      e.actorKind,
      e.actorId,
      e.action,
      e.entity ?? null,
      e.entityId === undefined ? null : String(e.entityId),
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}

export interface AuditRow {
  id: number;
  at: number;
  actor_kind: string;
  actor_id: number | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

export async function listAudit(q: Executor, limit = 200): Promise<AuditRow[]> {
  return q.all<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit]);
}
