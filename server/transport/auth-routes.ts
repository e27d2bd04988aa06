/** Staff sign-in: POST /api/auth/login → token (also set as an httpOnly cookie). */
import { Router } from 'express';
import { changePasswordSchema } from '../protocol/admin';
import { loginBodySchema } from '../protocol/schemas';
import { TOKEN_COOKIE, bearerToken, requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';
import { toUserDto } from '../services/staff-service';

export function authRoutes(s: Services): Router {
  const r = Router();

  r.post('/auth/login', async (req, res) => {
    const body = parse(loginBodySchema, req.body);
    const result = await s.staff.login(body.username, body.password, req.ip ?? 'unknown');
    res.cookie(TOKEN_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      // each office its own cookie (a province: /o/<code>/…)
      path: s.basePath ? `${s.basePath}/` : '/',
      maxAge: 16 * 3600_000,
      // over HTTPS (directly or behind the office's proxy) the cookie never travels in clear
      secure: req.secure,
    });
    res.json(result);
  });

  r.post('/auth/logout', async (req, res) => {
    const token = bearerToken(req);
    if (token) await s.staff.logout(token);
    res.clearCookie(TOKEN_COOKIE, {
      path: s.basePath ? `${s.basePath}/` : '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
    });
    res.json({ ok: true });
  });

  r.get('/auth/me', (_req, res) => {
    res.json(toUserDto(requireStaff(res, undefined, { allowPasswordChange: true })));
  });

  r.post('/auth/change-password', async (req, res) => {
    const staff = requireStaff(res, undefined, { allowPasswordChange: true });
    const body = parse(changePasswordSchema, req.body);
    res.json(await s.staff.changePassword(staff, bearerToken(req)!, body.currentPassword, body.newPassword));
  });

  return r;
}
