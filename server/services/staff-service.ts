/** Staff sign-in and the verification of tokens and device keys. */
import * as devicesDb from '../db/queries/devices';
import * as staffDb from '../db/queries/staff';
import { insertAudit } from '../db/queries/audit';
import { DomainError } from '../domain/errors';
import type { Device, Staff } from '../domain/model';
import type { DeviceDto, LoginDto, UserDto } from '../protocol/dto';
import type { LoginLockDto } from '../protocol/admin';
import { hashPassword, randomToken, sha256, verifyPassword } from './auth';
import type { ServiceContext } from './context';
import { LoginThrottle, type ThrottleKey } from '../domain/login-throttle';

/** A staff session lasts one long working day. */
const SESSION_HOURS = 16;

export const toUserDto = (s: Staff): UserDto => ({
  id: s.id,
  username: s.username,
  fullName: s.fullName,
  role: s.role,
  mustChangePassword: s.mustChangePassword,
  defaultCounterId: s.defaultCounterId,
});

export const toDeviceDto = (d: Device): DeviceDto => ({ id: d.id, kind: d.kind, name: d.name, counterId: d.counterId });

const minutesWord = (ms: number) => `${Math.max(1, Math.ceil(ms / 60_000))} phút`;

export class StaffService {
  /** Failed sign-ins per account and per address (in memory: a restart forgets them, docs/reliability.md). */
  private readonly throttle = new LoginThrottle();
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Signs in from `address` (the caller's IP). Five wrong passwords for one
   * account, or twenty from one address, within 15 minutes lock it for 15
   * minutes (429 TOO_MANY_ATTEMPTS with Retry-After), even to the right
   * password; the lock is written to the audit log and an administrator
   * can lift it (unlockLogin).
   */
  async login(username: string, password: string, address = 'unknown'): Promise<LoginDto> {
    const now = this.ctx.clock();
    const keys: ThrottleKey[] = [
      { kind: 'account', name: username },
      { kind: 'address', name: address },
    ];
    const locked = this.throttle.lockOn(keys, now);
    if (locked) throw this.lockedError(locked.until, now);
    const staff = await this.ctx.db.read((q) => staffDb.getStaffByUsername(q, username));
    const ok = staff
      ? await verifyPassword(password, staff.passwordHash)
      : // the same work whether the name or the password is wrong
        await verifyPassword(
          password,
          'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        );
    if (!staff || !ok) {
      const started = this.throttle.fail(keys, now);
      if (started.length > 0) {
        await this.ctx.db.tx(async (q) => {
          for (const lock of started) {
            await insertAudit(
              q,
              {
                actorKind: 'system',
                actorId: null,
                action: 'auth.locked',
                entity: lock.key.kind,
                entityId: lock.key.name,
                after: { until: lock.until.toISOString(), address, username },
              },
              now,
            );
          }
        });
        throw this.lockedError(started[0]!.until, now);
      }
      // Same message whether the name or the password is wrong.
      throw new DomainError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);
    }
    this.throttle.succeed(username);
    if (staff.disabled)
      throw new DomainError('ACCOUNT_DISABLED', 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.', 403);
    const token = randomToken();
    await this.ctx.db.tx(async (q) => {
      await staffDb.deleteExpiredSessions(q, now);
      await staffDb.insertSession(q, sha256(token), staff.id, now, new Date(now.getTime() + SESSION_HOURS * 3600_000));
      await insertAudit(q, { actorKind: 'staff', actorId: staff.id, action: 'auth.login' }, now);
    });
    return { token, user: toUserDto(staff) };
  }

  /**
   * The signed-in person changes their own password (required after an
   * initial or reset password). Other sessions of theirs end; this one stays.
   */
  async changePassword(staff: Staff, token: string, currentPassword: string, newPassword: string): Promise<UserDto> {
    if (!(await verifyPassword(currentPassword, staff.passwordHash))) {
      throw new DomainError('INVALID_CREDENTIALS', 'Mật khẩu hiện tại không đúng.', 400, { field: 'currentPassword' });
    }
    if (currentPassword === newPassword) {
      throw new DomainError('VALIDATION_ERROR', 'Mật khẩu mới phải khác mật khẩu hiện tại.', 400, {
        field: 'newPassword',
      });
    }
    const hash = await hashPassword(newPassword);
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      await staffDb.setPassword(q, staff.id, hash, false);
      await staffDb.deleteSessionsOf(q, staff.id, sha256(token));
      await insertAudit(
        q,
        { actorKind: 'staff', actorId: staff.id, action: 'auth.password_changed', entity: 'staff', entityId: staff.id },
        now,
      );
    });
    return toUserDto({ ...staff, mustChangePassword: false });
  }

  private lockedError(until: Date, now: Date): DomainError {
    const ms = until.getTime() - now.getTime();
    return new DomainError(
      'TOO_MANY_ATTEMPTS',
      `Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${minutesWord(ms)}, hoặc nhờ quản trị viên mở khóa.`,
      429,
      { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) },
    );
  }

  /** The sign-in locks in force (the administrator's list). */
  loginLocks(): LoginLockDto[] {
    const now = this.ctx.clock();
    return this.throttle.locks(now).map((l) => ({ kind: l.key.kind, name: l.key.name, until: l.until.toISOString() }));
  }

  /** An administrator lifts a sign-in lock (audit `auth.unlocked`). */
  async unlockLogin(admin: Staff, kind: ThrottleKey['kind'], name: string): Promise<LoginLockDto[]> {
    const now = this.ctx.clock();
    this.throttle.unlock({ kind, name });
    await this.ctx.db.tx((q) =>
      insertAudit(
        q,
        { actorKind: 'staff', actorId: admin.id, action: 'auth.unlocked', entity: kind, entityId: name },
        now,
      ),
    );
    return this.loginLocks();
  }

  async logout(token: string): Promise<void> {
    await this.ctx.db.tx((q) => staffDb.deleteSession(q, sha256(token)));
    this.ctx.bus.emit('session:ended', sha256(token));
  }

  /** The staff member behind a session token, or undefined. */
  async staffForToken(token: string): Promise<Staff | undefined> {
    return this.ctx.db.readOne((q) => staffDb.getStaffBySession(q, sha256(token), this.ctx.clock()));
  }

  /** The device holding this key (not revoked), or undefined. */
  async deviceForKey(key: string): Promise<Device | undefined> {
    return this.ctx.db.readOne((q) => devicesDb.getDeviceByKeyHash(q, sha256(key)));
  }

  /** A device by id, unless revoked (sockets re-read it when an admin moves it). */
  async deviceById(id: number): Promise<Device | undefined> {
    const d = await this.ctx.db.read((q) => devicesDb.getDevice(q, id));
    return d && d.revokedAt === null ? d : undefined;
  }

  /** Records that a device was seen (for the admin's device list). */
  async touchDevice(id: number): Promise<void> {
    await this.ctx.db.tx((q) => devicesDb.touchDevice(q, id, this.ctx.clock()));
  }
}
