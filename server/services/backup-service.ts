/**
 * Copies of the database: the one an administrator downloads, and the
 * daily automatic one kept `keepDays` days in DATA_DIR/backups. Both use
 * SQLite's online backup (`Database.backupTo`), a consistent copy taken
 * while the office keeps working.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as officeDb from '../db/queries/office';
import { insertAudit } from '../db/queries/audit';
import { addDays } from '../domain/calendar';
import { serviceDay, toIsoWithOffset } from '../domain/time';
import type { BackupFileDto } from '../protocol/admin';
import { DomainError } from '../domain/errors';
import { randomToken } from './auth';
import type { ServiceContext } from './context';

const DAILY = /^motcua-(\d{4}-\d{2}-\d{2})\.sqlite$/;
/** How often the server checks whether today's copy exists. */
const CHECK_EVERY_MS = 3600_000;

export class BackupService {
  readonly dir: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string | null> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    dataDir: string,
    readonly keepDays: number,
  ) {
    this.dir = join(dataDir, 'backups');
  }

  /**
   * Copies are of the SQLite file. With PostgreSQL the database is the
   * database administrator's to back up (pg_dump, docs/deployment.md): the
   * office's pages say so instead of offering a file.
   */
  private requireFile(): void {
    if (!this.ctx.db.canBackupToFile) {
      throw new DomainError(
        'BACKUP_NOT_AVAILABLE',
        'Máy chủ đang lưu dữ liệu trong PostgreSQL: việc sao lưu do quản trị viên cơ sở dữ liệu thực hiện bằng pg_dump (xem hướng dẫn triển khai), không tải bản sao về từ trang này.',
        409,
      );
    }
  }

  /** A fresh consistent copy in a temporary file; the caller deletes it. */
  async snapshot(): Promise<string> {
    this.requireFile();
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `.download-${randomToken(6)}.sqlite`);
    await this.ctx.db.backupTo(file);
    return file;
  }

  private async timeZone(): Promise<string> {
    return (await this.ctx.db.read((q) => officeDb.getOffice(q)))?.timeZone ?? 'Asia/Ho_Chi_Minh';
  }

  /**
   * Makes today's copy if it is not there yet and deletes copies older than
   * `keepDays` days. Answers the file written, or null when today's existed.
   */
  runDaily(): Promise<string | null> {
    this.requireFile();
    this.running ??= this.doDaily().finally(() => (this.running = null));
    return this.running;
  }

  private async doDaily(): Promise<string | null> {
    const now = this.ctx.clock();
    const today = serviceDay(now, await this.timeZone());
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `motcua-${today}.sqlite`);
    let written: string | null = null;
    if (!existsSync(file)) {
      // Written beside, then renamed: a crash never leaves a half copy under the day's name.
      const tmp = `${file}.part`;
      rmSync(tmp, { force: true });
      await this.ctx.db.backupTo(tmp);
      renameSync(tmp, file);
      written = file;
      await this.ctx.db.tx((q) =>
        insertAudit(
          q,
          { actorKind: 'system', actorId: null, action: 'backup.daily', entity: 'backup', entityId: today },
          now,
        ),
      );
    }
    const oldest = addDays(today, -(this.keepDays - 1));
    for (const name of readdirSync(this.dir)) {
      const m = DAILY.exec(name);
      if (m && m[1]! < oldest) rmSync(join(this.dir, name), { force: true });
    }
    return written;
  }

  async list(): Promise<BackupFileDto[]> {
    if (!existsSync(this.dir)) return [];
    const tz = await this.timeZone();
    return readdirSync(this.dir)
      .filter((n) => DAILY.test(n))
      .sort()
      .reverse()
      .map((name) => {
        const st = statSync(join(this.dir, name));
        return { name, bytes: st.size, createdAt: toIsoWithOffset(st.mtime, tz) };
      });
  }

  /** Checks now and then every hour; never keeps the process alive by itself. */
  start(): void {
    const tick = () => {
      this.runDaily().catch((err: unknown) => console.error('[backup] daily backup failed', err));
    };
    tick();
    this.timer = setInterval(tick, CHECK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
