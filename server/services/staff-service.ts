/** Staff sign-in and the verification of tokens and device keys. */
import * as devicesDb from '../db/queries/devices';
import * as staffDb from '../db/queries/staff';
import { insertAudit } from '../db/queries/audit';
import { DomainError } from '../domain/errors';
import type { Device, Staff } from '../domain/model';
import type { DeviceDto, LoginDto, UserDto } from '../protocol/dto';
import { hashPassword, randomToken, sha256, verifyPassword } from './auth';
import type { ServiceContext } from './context';

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

export class StaffService {
  constructor(private readonly ctx: ServiceContext) {}

  async login(username: string, password: string): Promise<LoginDto> {
    const staff = await this.ctx.db.read((q) => staffDb.getStaffByUsername(q, username));
    // Same message whether the name or the password is wrong.
    const wrong = new DomainError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);
    if (!staff) {
      await verifyPassword(
        password,
        'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      );
      throw wrong;
    }
    if (!(await verifyPassword(password, staff.passwordHash))) throw wrong;
    if (staff.disabled)
      throw new DomainError('ACCOUNT_DISABLED', 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.', 403);
    const token = randomToken();
    const now = this.ctx.clock();
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

  async logout(token: string): Promise<void> {
    await this.ctx.db.tx((q) => staffDb.deleteSession(q, sha256(token)));
    this.ctx.bus.emit('session:ended', sha256(token));
  }

  /** The staff member behind a session token, or undefined. */
  async staffForToken(token: string): Promise<Staff | undefined> {
    return this.ctx.db.read((q) => staffDb.getStaffBySession(q, sha256(token), this.ctx.clock()));
  }

  /** The device holding this key (not revoked), or undefined. */
  async deviceForKey(key: string): Promise<Device | undefined> {
    return this.ctx.db.read((q) => devicesDb.getDeviceByKeyHash(q, sha256(key)));
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
