/**
 * A hall of any size for the benchmark, written straight into a fresh data
 * dir: the demo office, then as many fields, counters (open, each with its
 * signed-in clerk), boards and kiosks as asked. Clerks' sessions and device
 * keys are fixed strings, so the driver connects without signing in 200
 * times.
 */
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../server/app';
import { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import * as countersDb from '../../server/db/queries/counters';
import * as devicesDb from '../../server/db/queries/devices';
import * as fieldsDb from '../../server/db/queries/fields';
import * as staffDb from '../../server/db/queries/staff';
import { sha256 } from '../../server/services/auth';
import { seedDemoOffice } from '../../server/services/seed';

export interface HallSize {
  counters: number;
  boards: number;
  kiosks: number;
}

export const clerkToken = (n: number) => `bench-clerk-${n}`;
export const boardKey = (n: number) => `bench-board-${n}`;
export const kioskKey = (n: number) => `bench-kiosk-${n}`;

/** About ten counters per field, as a provincial centre is laid out. */
export const fieldsFor = (counters: number) => Math.max(6, Math.ceil(counters / 10));

export async function seedHall(dataDir: string, size: HallSize): Promise<void> {
  const db = await Database.open(join(dataDir, DB_FILE_NAME));
  await migrate(db);
  const now = new Date();
  await seedDemoOffice(db, { demo: true, demoPassword: 'demo123', now });
  await db.tx(async (q) => {
    // numbers that do not run out in a flat-out minute: ranges without a daily cap
    const fields = await fieldsDb.listFields(q);
    for (let i = fields.length; i < fieldsFor(size.counters); i++) {
      const id = await fieldsDb.insertField(q, {
        code: `F${i + 1}`,
        name: `Lĩnh vực ${i + 1}`,
        nameEn: null,
        numbering: 'range',
        prefix: '',
        rangeStart: 1,
        rangeEnd: 9_999_999,
        dailyCap: null,
        avgServiceMinutes: 8,
        active: true,
        sortOrder: i + 1,
      });
      fields.push((await fieldsDb.getField(q, id))!);
    }
    for (const [i, f] of fields.entries()) {
      await fieldsDb.updateField(q, {
        ...f,
        numbering: 'range',
        rangeStart: (i + 1) * 10_000_000,
        rangeEnd: (i + 1) * 10_000_000 + 9_999_999,
        dailyCap: null,
        active: true,
      });
    }
    const template = (await staffDb.getStaffByUsername(q, 'canbo1'))!;
    const existing = await countersDb.listCounters(q);
    for (let n = 1; n <= size.counters; n++) {
      const fieldIds = [fields[(n - 1) % fields.length]!.id, fields[n % fields.length]!.id];
      let counter = existing.find((c) => c.number === n);
      if (!counter) {
        const id = await countersDb.insertCounter(q, { number: n, name: `Quầy ${n}`, fieldIds });
        counter = (await countersDb.getCounter(q, id))!;
      } else {
        await countersDb.setCounterFields(q, counter.id, fieldIds);
      }
      const staff =
        (await staffDb.getStaffByUsername(q, `canbo${n}`)) ??
        (await staffDb.getStaff(
          q,
          await staffDb.insertStaff(
            q,
            { ...template, username: `canbo${n}`, fullName: `Cán bộ ${n}`, defaultCounterId: counter.id },
            now,
          ),
        ))!;
      await staffDb.insertSession(q, sha256(clerkToken(n)), staff.id, now, new Date(now.getTime() + 86_400_000));
      await countersDb.updateCounterState(
        q,
        { ...counter, status: 'open', clerkId: staff.id, pauseReason: null, currentTicketId: null, priorityStreak: 0 },
        now,
      );
    }
    for (let n = 1; n <= size.boards; n++) {
      await devicesDb.insertDevice(
        q,
        { kind: 'display', name: `Màn hình ${n}`, keyHash: sha256(boardKey(n)), counterId: null },
        now,
      );
    }
    for (let n = 1; n <= size.kiosks; n++) {
      await devicesDb.insertDevice(
        q,
        { kind: 'kiosk', name: `Kiosk ${n}`, keyHash: sha256(kioskKey(n)), counterId: null },
        now,
      );
    }
  });
  await db.close();
}
