import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/*
 * Each engine has its own folder with the same numbering: migrations/ for
 * SQLite, migrations-pg/ for PostgreSQL. A version is the same change on
 * both (a PostgreSQL file may do in one ALTER what SQLite needed a table
 * rebuild for); `listMigrations` refuses a gap or a duplicate in either, and
 * test/unit/migrations-pg.test.ts refuses a version present in only one.
 */

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
}

/**
 * Lists `NNNN_name.sql` files in order, refusing a duplicate prefix or a
 * gap (a gap means a file went missing in a merge: better to stop than to
 * run a later schema over an older one).
 */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const out: MigrationFile[] = [];
  for (const file of files) {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`Tên tệp migration không hợp lệ: ${file} (cần dạng 0001_ten.sql)`);
    out.push({ version: Number(m[1]), name: m[2]!, file: join(dir, file) });
  }
  out.forEach((mig, i) => {
    if (mig.version !== i + 1) {
      throw new Error(`Migration ${mig.name}: số thứ tự ${mig.version} trùng hoặc bị thiếu (mong đợi ${i + 1})`);
    }
  });
  return out;
}

/** Applies pending migrations in order, each in its own transaction (the engine's folder by default). */
export async function migrate(db: Database, dir = db.dialect.migrationsDir): Promise<number[]> {
  const migrations = listMigrations(dir);
  await db.withWriter((q) =>
    q.exec(
      'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    ),
  );
  const applied = new Set(
    (await db.read((q) => q.all<{ version: number }>('SELECT version FROM migrations'))).map((r) => r.version),
  );
  const done: number[] = [];
  for (const mig of migrations) {
    if (applied.has(mig.version)) continue;
    const sql = readFileSync(mig.file, 'utf8');
    // A migration that rebuilds a table (SQLite's 12-step ALTER) starts with
    // `-- Migrate: foreign_keys=off`: dropping the old parent table with
    // foreign keys on would cascade-delete its children. The pragma is a
    // no-op inside a transaction, so it is set around it, and the keys are
    // checked before the commit.
    const fkOff = db.kind === 'sqlite' && /^-- Migrate: foreign_keys=off\b/.test(sql);
    if (fkOff) await db.withWriter((q) => q.exec('PRAGMA foreign_keys = OFF'));
    try {
      await db.tx(async (q) => {
        await q.exec(sql);
        if (fkOff) {
          const broken = await q.all('PRAGMA foreign_key_check');
          if (broken.length > 0) {
            throw new Error(`Migration ${mig.name}: ${broken.length} khóa ngoại không hợp lệ sau khi chuyển đổi`);
          }
        }
        await q.run('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          mig.version,
          mig.name,
          new Date().toISOString(),
        ]);
      });
    } finally {
      if (fkOff) await db.withWriter((q) => q.exec('PRAGMA foreign_keys = ON'));
    }
    done.push(mig.version);
  }
  return done;
}
