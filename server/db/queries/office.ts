import type { Executor } from '../database';
import type { Office } from '../../domain/model';

interface OfficeRow {
  name: string;
  parent_name: string;
  level: Office['level'];
  code: string;
  address: string;
  time_zone: string;
  settings: string;
}

export async function getOffice(q: Executor): Promise<Office | undefined> {
  const row = await q.get<OfficeRow>('SELECT * FROM office WHERE id = 1');
  if (!row) return undefined;
  return {
    name: row.name,
    parentName: row.parent_name,
    level: row.level,
    code: row.code,
    address: row.address,
    timeZone: row.time_zone,
    settings: JSON.parse(row.settings) as Office['settings'],
  };
}

export async function insertOffice(q: Executor, o: Office): Promise<void> {
  await q.run(
    'INSERT INTO office (id, name, parent_name, level, code, address, time_zone, settings) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
    [o.name, o.parentName, o.level, o.code, o.address, o.timeZone, JSON.stringify(o.settings)],
  );
}

export async function updateOffice(q: Executor, o: Office): Promise<void> {
  await q.run(
    'UPDATE office SET name = ?, parent_name = ?, level = ?, code = ?, address = ?, time_zone = ?, settings = ? WHERE id = 1',
    [o.name, o.parentName, o.level, o.code, o.address, o.timeZone, JSON.stringify(o.settings)],
  );
}
