import type { Executor, SqlParam } from '../database';
import type { Field, Procedure } from '../../domain/model';

interface FieldRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  numbering: Field['numbering'];
  prefix: string;
  range_start: number | null;
  range_end: number | null;
  daily_cap: number | null;
  avg_service_minutes: number;
  active: number;
  sort_order: number;
  target_wait_minutes: number | null;
  target_service_minutes: number | null;
  max_queue_length: number | null;
}

const toField = (r: FieldRow): Field => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  numbering: r.numbering,
  prefix: r.prefix,
  rangeStart: r.range_start,
  rangeEnd: r.range_end,
  dailyCap: r.daily_cap,
  avgServiceMinutes: r.avg_service_minutes,
  active: r.active === 1,
  sortOrder: r.sort_order,
  targetWaitMinutes: r.target_wait_minutes,
  targetServiceMinutes: r.target_service_minutes,
  maxQueueLength: r.max_queue_length,
});

/** Column values of a field, in the order insertField and updateField name the columns. */
const fieldParams = (f: Omit<Field, 'id'>): SqlParam[] => [
  f.code,
  f.name,
  f.nameEn,
  f.numbering,
  f.prefix,
  f.rangeStart,
  f.rangeEnd,
  f.dailyCap,
  f.avgServiceMinutes,
  f.active ? 1 : 0,
  f.sortOrder,
  f.targetWaitMinutes ?? null,
  f.targetServiceMinutes ?? null,
  f.maxQueueLength ?? null,
];

/** Column values of a procedure, in the order insertProcedure and updateProcedure name the columns. */
const procedureParams = (p: Omit<Procedure, 'id'>): SqlParam[] => [
  p.code,
  p.name,
  p.fieldId,
  p.processingDays,
  p.processingUnit,
  p.fees,
  JSON.stringify(p.documents),
  JSON.stringify(p.channels),
  p.active ? 1 : 0,
];

export async function listFields(q: Executor): Promise<Field[]> {
  return (await q.all<FieldRow>('SELECT * FROM fields ORDER BY sort_order, id')).map(toField);
}

export async function getField(q: Executor, id: number): Promise<Field | undefined> {
  const row = await q.get<FieldRow>('SELECT * FROM fields WHERE id = ?', [id]);
  return row && toField(row);
}

export async function insertField(q: Executor, f: Omit<Field, 'id'>): Promise<number> {
  const res = await q.run(
    `INSERT INTO fields (code, name, name_en, numbering, prefix, range_start, range_end, daily_cap,
       avg_service_minutes, active, sort_order, target_wait_minutes, target_service_minutes, max_queue_length)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    fieldParams(f),
  );
  return res.lastID;
}

interface ProcedureRow {
  id: number;
  code: string;
  name: string;
  field_id: number;
  processing_days: number;
  processing_unit: Procedure['processingUnit'];
  fees: string;
  documents: string;
  channels: string;
  active: number;
}

const toProcedure = (r: ProcedureRow): Procedure => ({
  id: r.id,
  code: r.code,
  name: r.name,
  fieldId: r.field_id,
  processingDays: r.processing_days,
  processingUnit: r.processing_unit,
  fees: r.fees,
  documents: JSON.parse(r.documents) as string[],
  channels: JSON.parse(r.channels) as string[],
  active: r.active === 1,
});

export async function listProcedures(q: Executor, fieldId?: number): Promise<Procedure[]> {
  const rows =
    fieldId === undefined
      ? await q.all<ProcedureRow>('SELECT * FROM procedures WHERE active = 1 ORDER BY field_id, name')
      : await q.all<ProcedureRow>('SELECT * FROM procedures WHERE active = 1 AND field_id = ? ORDER BY name', [
          fieldId,
        ]);
  return rows.map(toProcedure);
}

export async function getProcedure(q: Executor, id: number): Promise<Procedure | undefined> {
  const row = await q.get<ProcedureRow>('SELECT * FROM procedures WHERE id = ?', [id]);
  return row && toProcedure(row);
}

export async function getProcedureByCode(q: Executor, code: string): Promise<Procedure | undefined> {
  const row = await q.get<ProcedureRow>('SELECT * FROM procedures WHERE code = ?', [code]);
  return row && toProcedure(row);
}

export async function insertProcedure(q: Executor, p: Omit<Procedure, 'id'>): Promise<number> {
  const res = await q.run(
    `INSERT INTO procedures (code, name, field_id, processing_days, processing_unit, fees, documents, channels, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    procedureParams(p),
  );
  return res.lastID;
}

export async function getFieldByCode(q: Executor, code: string): Promise<Field | undefined> {
  const row = await q.get<FieldRow>('SELECT * FROM fields WHERE code = ?', [code]);
  return row && toField(row);
}

export async function updateField(q: Executor, f: Field): Promise<void> {
  await q.run(
    `UPDATE fields SET code = ?, name = ?, name_en = ?, numbering = ?, prefix = ?, range_start = ?, range_end = ?,
       daily_cap = ?, avg_service_minutes = ?, active = ?, sort_order = ?, target_wait_minutes = ?,
       target_service_minutes = ?, max_queue_length = ? WHERE id = ?`,
    [...fieldParams(f), f.id],
  );
}

export async function nextFieldSortOrder(q: Executor): Promise<number> {
  const row = await q.get<{ n: number | null }>('SELECT MAX(sort_order) AS n FROM fields');
  return (row?.n ?? -1) + 1;
}

/** Procedures per field (active or not), for the admin's field list. */
export async function countProceduresByField(q: Executor): Promise<Map<number, number>> {
  const rows = await q.all<{ field_id: number; n: number }>(
    'SELECT field_id, COUNT(*) AS n FROM procedures GROUP BY field_id',
  );
  return new Map(rows.map((r) => [r.field_id, r.n]));
}

/** Every procedure, withdrawn ones included (the admin's catalog). */
export async function listAllProcedures(q: Executor): Promise<Procedure[]> {
  return (await q.all<ProcedureRow>('SELECT * FROM procedures ORDER BY field_id, code')).map(toProcedure);
}

export async function updateProcedure(q: Executor, p: Procedure): Promise<void> {
  await q.run(
    `UPDATE procedures SET code = ?, name = ?, field_id = ?, processing_days = ?, processing_unit = ?, fees = ?,
       documents = ?, channels = ?, active = ? WHERE id = ?`,
    [...procedureParams(p), p.id],
  );
}
