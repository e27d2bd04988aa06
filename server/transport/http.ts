/** The express app: /api routes, the built pages, and the one error shape. */
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../domain/errors';
import type { ErrorBody } from '../protocol/result';
import { identify } from './auth';
import { noStore, securityHeaders } from './security-headers';
import { wellFormedBody } from './validate';
import { adminGate, adminRoutes } from './admin';
import { authRoutes } from './auth-routes';
import { counterRoutes } from './counter';
import { displayRoutes } from './display';
import { kioskRoutes } from './kiosk';
import { publicRoutes } from './public';
import { ratingRoutes } from './ratings';
import { reportRoutes } from './reports';
import { calendarRoutes } from './calendar';
import { dossierRoutes } from './dossiers';
import { hallRoutes } from './hall';
import { integrationRoutes } from './integration';
import { openApiRoutes } from './openapi';
import type { Services } from './services';

export const PAGES = ['kiosk', 'counter', 'display-board'] as const;

const errorBody = (code: string, message: string, details?: Record<string, unknown>): ErrorBody => ({
  error: { code, message, ...(details ? { details } : {}) },
});

/** The uploads that take a file as it is (CSV or .xlsx, a document's scan); every other body is JSON. */
const RAW_UPLOADS = new Set(['/admin/procedures/import', '/dossiers/import']);
const RAW_UPLOAD_PATTERNS = [/^\/dossiers\/[^/]+\/documents\/[^/]+\/file$/];
const isRawUpload = (path: string) => RAW_UPLOADS.has(path) || RAW_UPLOAD_PATTERNS.some((re) => re.test(path));

/**
 * A body that is not JSON (text/plain, a form, XML) is refused with 415,
 * not read as "no body": an empty update is not what the sender meant.
 */
const jsonOnly: RequestHandler = (req, res, next) => {
  const hasBody = req.get('content-length')
    ? req.get('content-length') !== '0'
    : req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json') && !isRawUpload(req.path)) {
    res
      .status(415)
      .json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Dữ liệu gửi lên phải là JSON (Content-Type: application/json).'));
    return;
  }
  next();
};

export function createHttpApp(s: Services, webRoot: string, extraApi: express.Router[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind the office's HTTPS reverse proxy (docs/deployment.md) req.secure follows X-Forwarded-Proto
  // from a proxy on this machine or the LAN; the token cookie is then Secure.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(securityHeaders);

  const api = express.Router();
  // API answers are about people and live state: never cached unless a route says so (QR, voice clips).
  api.use((_req, res, next) => {
    noStore(res);
    next();
  });
  // Who is calling first: a bad token is refused before its body is read.
  api.use(identify(s.staff, s.integration));
  api.use(express.json({ limit: '1mb' }));
  api.use(jsonOnly);
  api.use(wellFormedBody);
  api.use('/admin', adminGate);
  const openapi = openApiRoutes(s.version, s.basePath);
  api.use(openapi.api);
  api.use(publicRoutes(s));
  api.use(authRoutes(s));
  api.use(kioskRoutes(s));
  api.use(counterRoutes(s));
  api.use(ratingRoutes(s));
  api.use(reportRoutes(s));
  api.use(calendarRoutes(s));
  api.use(dossierRoutes(s));
  api.use(adminRoutes(s));
  api.use(integrationRoutes(s));
  api.use(displayRoutes(s));
  api.use(hallRoutes(s));
  for (const r of extraApi) api.use(r);
  api.use((req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', `Không có địa chỉ ${req.method} ${req.originalUrl}.`));
  });
  app.use('/api', api);
  app.use('/docs/api', openapi.page);

  if (existsSync(webRoot)) {
    app.use(express.static(webRoot, { index: 'index.html', redirect: true }));
  }
  app.get('/', (_req, res) => res.redirect(`${s.basePath}/kiosk/`));
  // Each page is a single-page app: /counter/rate, /counter/admin … load /counter/index.html.
  app.use((req, res) => {
    const page = PAGES.find((p) => req.path === `/${p}` || req.path.startsWith(`/${p}/`));
    const index = page && join(webRoot, page, 'index.html');
    if (req.method === 'GET' && index && existsSync(index) && !/\.[a-z0-9]+$/i.test(req.path)) {
      if (req.path === `/${page}`) {
        res.redirect(`${s.basePath}/${page}/`);
        return;
      }
      res.sendFile(index);
      return;
    }
    if (index && !existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Giao diện chưa được build. Hãy chạy "npm run build" (hoặc "npm start").');
      return;
    }
    res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy trang.');
  });

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    if (err instanceof DomainError) {
      const retry = err.details?.retryAfterSeconds;
      if (typeof retry === 'number') res.set('retry-after', String(retry));
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    const e = err as { type?: string; status?: number; code?: string };
    // The disk is full or the database file is read-only: the transaction rolled back, nothing was written.
    if (e.code === 'SQLITE_FULL' || e.code === 'SQLITE_READONLY' || e.code === 'SQLITE_IOERR') {
      console.error('[http] storage error', e.code);
      res
        .status(503)
        .json(
          errorBody(
            'STORAGE_UNAVAILABLE',
            e.code === 'SQLITE_FULL'
              ? 'Ổ đĩa của máy chủ đã đầy nên chưa lưu được. Không có gì bị ghi dở. Hãy báo quản trị viên giải phóng dung lượng rồi thử lại.'
              : 'Máy chủ không ghi được vào cơ sở dữ liệu (tệp chỉ đọc hoặc lỗi ổ đĩa). Không có gì bị ghi dở. Hãy báo quản trị viên.',
          ),
        );
      return;
    }
    // PostgreSQL: disk full (53100), out of resources (53…), the server gone or shutting down (08…, 57P0…)
    if (typeof e.code === 'string' && /^(53|08|57P0)/.test(e.code)) {
      console.error('[http] PostgreSQL unavailable', e.code);
      res
        .status(503)
        .json(
          errorBody(
            'STORAGE_UNAVAILABLE',
            'Máy chủ chưa ghi được vào cơ sở dữ liệu PostgreSQL (mất kết nối hoặc hết dung lượng). Không có gì bị ghi dở. Hãy thử lại sau ít phút hoặc báo quản trị viên.',
          ),
        );
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('INVALID_JSON', 'Dữ liệu gửi lên không phải JSON hợp lệ.'));
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.'));
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json(errorBody('BAD_REQUEST', 'Yêu cầu không hợp lệ.'));
      return;
    }
    console.error('[http] unexpected error', err);
    res.status(500).json(errorBody('INTERNAL', 'Lỗi máy chủ. Vui lòng thử lại hoặc báo quản trị viên.'));
  };
  app.use(onError);
  return app;
}
