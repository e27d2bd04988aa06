/**
 * Authentication at the edge: who is calling, verified once per request
 * (express) or per connection (socket.io, see socket.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/errors';
import type { Device, Staff } from '../domain/model';
import type { Identity } from '../protocol/dto';
import type { DeviceKind, Role } from '../protocol/schemas';
import type { StaffService } from '../services/staff-service';
import type { IntegrationCaller, IntegrationService } from '../services/integration-service';
import { INTEGRATION_KEY_PREFIX, type IntegrationScope } from '../domain/integration';
import { toDeviceDto, toUserDto } from '../services/staff-service';
import { cookieValue } from './cookies';

export const TOKEN_COOKIE = 'motcua_token';

export interface Caller {
  identity: Identity;
  staff?: Staff;
  device?: Device;
  /** A program holding an integration key (`Authorization: Bearer mc_…`). */
  integration?: IntegrationCaller;
}

declare module 'express-serve-static-core' {
  interface Locals {
    caller: Caller;
  }
}

export const cookieToken = (header: string | undefined): string | undefined => cookieValue(header, TOKEN_COOKIE);

export function bearerToken(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieToken(req.get('cookie'));
}

/**
 * Resolves the caller from `Authorization: Bearer` (a staff session or an
 * integration key), the session cookie or `X-Device-Key`. A revoked or
 * expired integration key is 401; every use of a valid one is audited
 * before the request goes on.
 */
export function identify(staffService: StaffService, integration: IntegrationService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    const deviceKey = req.get('x-device-key');
    res.locals.caller = { identity: { kind: 'public' } };
    if (token?.startsWith(INTEGRATION_KEY_PREFIX)) {
      const key = await integration.callerForKey(token);
      if (!key) {
        throw new DomainError(
          'INVALID_INTEGRATION_KEY',
          'Khóa tích hợp không hợp lệ, đã bị thu hồi hoặc đã hết hạn.',
          401,
        );
      }
      await integration.recordUse(key, req.method, `/api${req.path}`);
      res.locals.caller = {
        identity: { kind: 'integration', key: { id: key.id, name: key.name, scopes: key.scopes } },
        integration: key,
      };
    } else if (token) {
      const staff = await staffService.staffForToken(token);
      if (!staff) {
        throw new DomainError(
          'UNAUTHENTICATED',
          'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại.',
          401,
        );
      }
      res.locals.caller = { identity: { kind: 'staff', user: toUserDto(staff) }, staff };
    } else if (deviceKey) {
      const device = await staffService.deviceForKey(deviceKey);
      if (!device) throw new DomainError('INVALID_DEVICE_KEY', 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi.', 401);
      res.locals.caller = { identity: { kind: 'device', device: toDeviceDto(device) }, device };
    }
    next();
  };
}

const needLogin = () => new DomainError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 401);
const denied = () => new DomainError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', 403);

/**
 * The signed-in staff member (any of `roles`, default any role). Someone
 * holding an initial or reset password must change it first (403
 * PASSWORD_CHANGE_REQUIRED); `allowPasswordChange` lets the sign-in
 * endpoints through.
 */
export function requireStaff(
  res: Response,
  roles?: readonly Role[],
  opts: { allowPasswordChange?: boolean } = {},
): Staff {
  const { staff, device, integration } = res.locals.caller;
  if (!staff) throw device || integration ? denied() : needLogin();
  if (staff.mustChangePassword && !opts.allowPasswordChange) {
    throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu ban đầu trước khi làm việc.', 403);
  }
  if (roles && !roles.includes(staff.role)) throw denied();
  return staff;
}

/** The calling device of one of `kinds`, or a staff member when `orStaff`. */
export function requireDeviceOrStaff(res: Response, kinds: readonly DeviceKind[], orStaff: boolean): Caller {
  const caller = res.locals.caller;
  if (caller.device && kinds.includes(caller.device.kind)) return caller;
  if (caller.staff && orStaff) return caller;
  if (caller.identity.kind === 'public') throw needLogin();
  throw denied();
}

/**
 * A staff member of `roles`, or a program whose integration key holds
 * `scope` (a key without it is refused with 403, naming the scope).
 */
export function requireStaffOrScope(
  res: Response,
  scope: IntegrationScope,
  roles?: readonly Role[],
): { staff: Staff; key?: undefined } | { staff?: undefined; key: IntegrationCaller } {
  const key = res.locals.caller.integration;
  if (key) {
    if (key.scopes.includes(scope)) return { key };
    throw new DomainError('FORBIDDEN', `Khóa tích hợp này không có quyền "${scope}".`, 403, { scope });
  }
  return { staff: requireStaff(res, roles) };
}
