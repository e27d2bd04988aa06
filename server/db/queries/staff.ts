import type { Executor } from '../database';
import type { Staff } from '../../domain/model';

interface StaffRow {
  id: number;
  username: string;
  full_name: string;
  role: Staff['role'];
  password_hash: string;
  must_change_password: number;
  disabled: number;
  default_counter_id: number | null;
}

const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled === 1,
  defaultCounterId: r.default_counter_id,
});

export async function getStaffByUsername(q: Executor, username: string): Promise<Staff | undefined> {
  const row = await q.get<StaffRow>('SELECT * FROM staff WHERE username = ?', [username]);
  return row && toStaff(row);
}

export async function getStaff(q: Executor, id: number): Promise<Staff | undefined> {
  const row = await q.get<StaffRow>('SELECT * FROM staff WHERE id = ?', [id]);
  return row && toStaff(row);
}

export async function listStaff(q: Executor): Promise<Staff[]> {
  return (await q.all<StaffRow>('SELECT * FROM staff ORDER BY id')).map(toStaff);
}

export async function insertStaff(q: Executor, s: Omit<Staff, 'id'>, now: Date): Promise<number> {
  const res = await q.run(
    `INSERT INTO staff (username, full_name, role, password_hash, must_change_password, disabled, default_counter_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.username,
      s.fullName,
      s.role,
      s.passwordHash,
      s.mustChangePassword ? 1 : 0,
      s.disabled ? 1 : 0,
      s.defaultCounterId,
      now.getTime(),
    ],
  );
  return res.lastID;
}

export async function setDefaultCounter(q: Executor, staffId: number, counterId: number | null): Promise<void> {
  await q.run('UPDATE staff SET default_counter_id = ? WHERE id = ?', [counterId, staffId]);
}

export async function insertSession(
  q: Executor,
  tokenHash: string,
  staffId: number,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await q.run('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    tokenHash,
    staffId,
    now.getTime(),
    expiresAt.getTime(),
  ]);
}

/** The active staff member holding an unexpired session token. */
export async function getStaffBySession(q: Executor, tokenHash: string, now: Date): Promise<Staff | undefined> {
  const row = await q.get<StaffRow>(
    `SELECT staff.* FROM sessions JOIN staff ON staff.id = sessions.staff_id
     WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND staff.disabled = 0`,
    [tokenHash, now.getTime()],
  );
  return row && toStaff(row);
}

export async function deleteSession(q: Executor, tokenHash: string): Promise<void> {
  await q.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
}

export async function deleteExpiredSessions(q: Executor, now: Date): Promise<void> {
  await q.run('DELETE FROM sessions WHERE expires_at <= ?', [now.getTime()]);
}

export async function updateStaffInfo(
  q: Executor,
  id: number,
  s: { fullName: string; role: Staff['role']; defaultCounterId: number | null },
): Promise<void> {
  await q.run('UPDATE staff SET full_name = ?, role = ?, default_counter_id = ? WHERE id = ?', [
    s.fullName,
    s.role,
    s.defaultCounterId,
    id,
  ]);
}

export async function setPassword(q: Executor, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await q.run('UPDATE staff SET password_hash = ?, must_change_password = ? WHERE id = ?', [
    passwordHash,
    mustChange ? 1 : 0,
    id,
  ]);
}

export async function setDisabled(q: Executor, id: number, disabled: boolean): Promise<void> {
  await q.run('UPDATE staff SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, id]);
}

/** Ends every session of a staff member (disabled, or password reset). */
export async function deleteSessionsOf(
  q: Executor,
  staffId: number,
  exceptTokenHash: string | null = null,
): Promise<void> {
  await q.run('DELETE FROM sessions WHERE staff_id = ? AND token_hash IS NOT ?', [staffId, exceptTokenHash]);
}

export async function countActiveAdmins(q: Executor): Promise<number> {
  const row = await q.get<{ n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled = 0");
  return row?.n ?? 0;
}
