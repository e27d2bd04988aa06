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
  await insertAudits(q, [{ entry: e, at: now }]);
}

/** Several audit entries in one statement, in order. */
export async function insertAudits(
  q: Executor,
  entries: ReadonlyArray<{ entry: AuditEntry; at: Date }>,
): Promise<void> {
  for (let i = 0; i < entries.length; i += 400) {
    const part = entries.slice(i, i + 400);
    await q.run(
      `INSERT INTO audit_log (at, actor_kind, actor_id, action, entity, entity_id, before, after) VALUES ${part
        .map(() => '(?, ?, ?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      part.flatMap(({ entry: e, at }) => [
        at.getTime(),
        e.actorKind,
        e.actorId,
        e.action,
        e.entity ?? null,
        e.entityId === undefined ? null : String(e.entityId),
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
      ]),
    );
  }
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

export interface AuditRowWithActor extends AuditRow {
  actor_name: string | null;
}

/** Changes to the office's set-up (not the day's work: sign-ins, calls, dossiers). */
const ADMIN_ACTIONS = `(a.action LIKE 'office.%' OR a.action LIKE 'field.%' OR a.action LIKE 'procedure.%'
  OR a.action IN ('counter.created', 'counter.updated') OR a.action LIKE 'staff.%' OR a.action LIKE 'device.%'
  OR a.action LIKE 'backup.%' OR a.action LIKE 'calendar.%' OR a.action LIKE 'display.%')`;

/** The newest entries first, `before` an id for paging; `adminOnly` keeps set-up changes only. */
export async function listAuditPage(
  q: Executor,
  limit: number,
  before?: number,
  adminOnly = false,
): Promise<AuditRowWithActor[]> {
  return q.all<AuditRowWithActor>(
    `SELECT a.*, CASE a.actor_kind WHEN 'staff' THEN s.full_name WHEN 'device' THEN d.name END AS actor_name
     FROM audit_log a
     LEFT JOIN staff s ON a.actor_kind = 'staff' AND s.id = a.actor_id
     LEFT JOIN devices d ON a.actor_kind = 'device' AND d.id = a.actor_id
     WHERE a.id < ? ${adminOnly ? `AND ${ADMIN_ACTIONS}` : ''} ORDER BY a.id DESC LIMIT ?`,
    [before ?? Number.MAX_SAFE_INTEGER, limit],
  );
}
