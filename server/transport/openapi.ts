/**
 * The OpenAPI 3.1 description of the API (GET /api/openapi.json), built
 * from the route table (protocol/api-routes.ts) and the zod schemas the
 * routes validate with (z.toJSONSchema), and the same document as a page a
 * person reads (/docs/api/): server-rendered HTML, no script, no CDN.
 */
import { createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { INTEGRATION_SCOPES, WEBHOOK_EVENTS } from '../domain/integration';
import { PORTAL_CSV_COLUMNS } from '../domain/portal';
import { API_ROUTES, type Access, type Media, type RouteDoc } from '../protocol/api-routes';

type Json = Record<string, unknown>;

const MEDIA: Record<Exclude<Media, 'none'>, string> = {
  json: 'application/json',
  html: 'text/html',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  svg: 'image/svg+xml',
  audio: 'audio/wav',
  sqlite: 'application/vnd.sqlite3',
  file: 'application/octet-stream',
};

const ACCESS_TEXT: Record<Access, string> = {
  public: 'mọi người (không cần đăng nhập)',
  staff: 'cán bộ đã đăng nhập',
  ownClerk: 'cán bộ đang giữ quầy đó (hoặc đang phục vụ phiếu đó)',
  supervisor: 'lãnh đạo / giám sát',
  admin: 'quản trị viên',
  kiosk: 'kiosk (X-Device-Key)',
  display: 'màn hình hiển thị (X-Device-Key)',
  rating: 'máy đánh giá (X-Device-Key)',
  'scope:dossiers:read': 'khóa tích hợp có quyền dossiers:read',
  'scope:dossiers:write': 'khóa tích hợp có quyền dossiers:write',
  'scope:reports:read': 'khóa tích hợp có quyền reports:read',
  'scope:queue:read': 'khóa tích hợp có quyền queue:read',
  'scope:webhooks:manage': 'khóa tích hợp có quyền webhooks:manage',
};

/** The JSON Schema (2020-12, what OpenAPI 3.1 uses) of what a caller sends. */
export function jsonSchemaOf(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const openApiPath = (p: string) => `/api${p.replace(/:([A-Za-z]+)/g, '{$1}')}`;

function security(access: readonly Access[]): Json[] | undefined {
  if (access.includes('public')) return undefined;
  const staffRoles = access.filter((a) => ['staff', 'ownClerk', 'supervisor', 'admin'].includes(a));
  const devices = access.filter((a) => ['kiosk', 'display', 'rating'].includes(a));
  const scopes = access.filter((a) => a.startsWith('scope:')).map((a) => a.slice('scope:'.length));
  const out: Json[] = [];
  if (staffRoles.length > 0) {
    const roles = staffRoles.includes('staff') ? [] : staffRoles;
    out.push({ staffToken: roles }, { sessionCookie: roles });
  }
  if (devices.length > 0) out.push({ deviceKey: devices });
  if (scopes.length > 0) out.push({ integrationKey: scopes });
  return out;
}

function parameters(route: RouteDoc): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  for (const v of route.validates) {
    if (v.in === 'body') continue;
    const schema = jsonSchemaOf(v.schema);
    const props = schema.properties as Record<string, Json> | undefined;
    if (v.in === 'query' && !v.name) {
      // a whole query object: one parameter per property
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, s] of Object.entries(props ?? {})) {
        if (route.path.includes(`:${name}`)) continue; // a path part parsed with the query (documents/:index)
        seen.add(`query:${name}`);
        out.push({ name, in: 'query', required: required.has(name), schema: s });
      }
      continue;
    }
    const name = v.name!;
    // a path part checked by an object schema ({year}) documents that property
    const own = props?.[name] ?? schema;
    seen.add(`${v.in}:${name}`);
    out.push({ name, in: v.in, required: v.in === 'path', schema: own });
  }
  for (const m of route.path.matchAll(/:([A-Za-z]+)/g)) {
    if (!seen.has(`path:${m[1]}`)) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  return out;
}

const errorRef = { $ref: '#/components/schemas/Error' };
const errorContent = (codes: readonly string[], description: string) => ({
  description: codes.length > 0 ? `${description} Mã lỗi: ${codes.join(', ')}.` : description,
  content: { 'application/json': { schema: errorRef } },
});

function operation(route: RouteDoc): Json {
  const bodyValidation = route.validates.find((v) => v.in === 'body');
  const validatesInput = route.validates.some((v) => v.in === 'body' || v.in === 'query' || v.in === 'path');
  const responses: Json = {};
  responses[String(route.ok.status)] =
    route.ok.media === 'none'
      ? { description: route.ok.description }
      : {
          description: route.ok.description,
          content: {
            [MEDIA[route.ok.media]]: { schema: route.ok.media === 'json' ? { type: ['object', 'array'] } : {} },
          },
        };
  if (validatesInput || route.rawBody) {
    responses['400'] = errorContent(
      ['VALIDATION_ERROR', ...(bodyValidation ? ['INVALID_JSON'] : [])],
      'Dữ liệu gửi lên không hợp lệ (thông báo tiếng Việt nêu tên trường trong error.details.field); không có gì thay đổi.',
    );
  }
  if (!route.access.includes('public')) {
    responses['401'] = errorContent(
      ['UNAUTHENTICATED', 'INVALID_DEVICE_KEY', 'INVALID_INTEGRATION_KEY'],
      'Chưa đăng nhập, phiên hết hạn, mã thiết bị hoặc khóa tích hợp không hợp lệ / bị thu hồi / hết hạn.',
    );
    responses['403'] = errorContent(['FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'], 'Không có quyền với thao tác này.');
  }
  if (route.errors && route.errors.length > 0) {
    responses['4XX'] = errorContent(route.errors, 'Lỗi nghiệp vụ (404 không tìm thấy, 409 xung đột, 422 …).');
  }
  if (route.method !== 'get') {
    responses['503'] = errorContent(['STORAGE_UNAVAILABLE', 'SHUTTING_DOWN'], 'Chưa lưu được (không có gì ghi dở).');
  }
  const who = route.access.map((a) => ACCESS_TEXT[a]).join('; ');
  const op: Json = {
    operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    tags: [route.tag],
    summary: route.summary,
    description: `**Ai được gọi:** ${who}.${route.description ? `\n\n${route.description}` : ''}`,
    'x-motcua-access': route.access,
    parameters: parameters(route),
    responses,
  };
  const sec = security(route.access);
  if (sec) op.security = sec;
  if (bodyValidation) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(bodyValidation.schema) } },
    };
  } else if (route.rawBody) {
    op.requestBody = {
      required: true,
      description: route.rawBody.description,
      content: { [route.rawBody.type]: { schema: { type: 'string', contentMediaType: route.rawBody.type } } },
    };
  }
  return op;
}

const portalDossierSchema: Json = {
  type: 'object',
  description: 'Hồ sơ theo tên trường của lời gọi DongBoHoSoMC (DOMAIN.md §10); ngày giờ dạng yyyyMMddHHmmss.',
  properties: {
    ...Object.fromEntries(
      PORTAL_CSV_COLUMNS.map((c) => [
        c,
        ['LoaiDoiTuong', 'TrangThaiHoSo', 'HinhThuc'].includes(c) ? { type: 'integer' } : { type: 'string' },
      ]),
    ),
    TaiLieuNop: { type: 'array', items: { type: 'object' } },
    DanhSachLePhi: { type: 'array', items: { type: 'object' } },
    DanhSachHoSoBoSung: { type: 'array', items: { type: 'object' } },
    DanhSachGiayToKetQua: { type: 'array', items: { type: 'object' } },
  },
  required: [...PORTAL_CSV_COLUMNS],
};

function webhooks(): Json {
  const header = (name: string, description: string, schema: Json = { type: 'string' }) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema,
  });
  return Object.fromEntries(
    WEBHOOK_EVENTS.map((event) => [
      event,
      {
        post: {
          summary: `Sự kiện ${event}`,
          description:
            'Một lần gửi: POST JSON tới địa chỉ đã đăng ký. Trả lời 2xx để xác nhận; mọi trả lời khác hoặc quá thời gian chờ được gửi lại (lần đầu trong vòng 10 giây, rồi giãn dần, trong ít nhất 24 giờ), theo đúng thứ tự sự kiện của từng webhook.',
          parameters: [
            header('X-Motcua-Event', 'Tên sự kiện', { type: 'string', enum: [event] }),
            header('X-Motcua-Delivery', 'Mã lần gửi, duy nhất, giữ nguyên khi gửi lại (bên nhận bỏ trùng theo mã này)'),
            header('X-Motcua-Timestamp', 'Thời điểm của lần thử này, giây Unix'),
            header('X-Motcua-Signature', 'sha256=<hex HMAC-SHA256 với khóa bí mật của "<timestamp>.<raw body>">'),
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookDelivery' } } },
          },
          responses: { '2XX': { description: 'Đã nhận' } },
        },
      },
    ]),
  );
}

/** The whole document (built once: the routes do not change while the server runs). */
export function buildOpenApi(version: string, basePath = ''): Json {
  const paths: Record<string, Json> = {};
  for (const route of API_ROUTES) {
    const p = openApiPath(route.path);
    paths[p] ??= {};
    paths[p][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version,
      summary: 'Lấy số thứ tự và tiếp nhận hồ sơ cho Bộ phận Một cửa',
      description:
        'Mọi câu trả lời lỗi có dạng {error: {code, message, details?}} với thông báo tiếng Việt. Chương trình khác gọi bằng khóa tích hợp: `Authorization: Bearer mc_…` (quản trị viên tạo, chọn quyền). Sự kiện được gửi qua webhook có chữ ký (mục webhooks).',
      license: { name: 'Proprietary' },
    },
    servers: [{ url: basePath || '/' }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    webhooks: webhooks(),
    components: {
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer', description: 'Token của phiên cán bộ (POST /api/auth/login)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'motcua_token', description: 'Cookie phiên cán bộ' },
        deviceKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Device-Key',
          description: 'Mã thiết bị (kiosk, màn hình, máy đánh giá)',
        },
        integrationKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'mc_…',
          description: `Khóa tích hợp; quyền: ${INTEGRATION_SCOPES.join(', ')}`,
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string', description: 'Tiếng Việt, nêu tên trường sai' },
                details: { type: 'object' },
              },
            },
          },
        },
        WebhookDelivery: {
          type: 'object',
          required: ['id', 'event', 'occurredAt', 'data'],
          properties: {
            id: { type: 'string', description: 'Mã lần gửi (bằng X-Motcua-Delivery)' },
            event: { type: 'string', enum: [...WEBHOOK_EVENTS] },
            occurredAt: { type: 'string', format: 'date-time' },
            data: {
              description:
                'format "motcua": {ticket, counter, clerk} / {dossier, previousStatus} / {rating} / {counter, clerk}; format "dvcqg": sự kiện hồ sơ theo PortalDossier',
              oneOf: [{ type: 'object' }, { $ref: '#/components/schemas/PortalDossier' }],
            },
          },
        },
        PortalDossier: portalDossierSchema,
      },
    },
  };
}

const PAGE_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.5}
header{background:#0b4f8a;color:#fff;padding:20px 32px}header h1{margin:0;font-size:26px}header p{margin:6px 0 0;opacity:.9}header a{color:#fff}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #d9dde3;padding:10px 32px;display:flex;flex-wrap:wrap;gap:8px 18px;z-index:1}
nav a{color:#0b4f8a;text-decoration:none;font-weight:600}main{max-width:1100px;margin:0 auto;padding:8px 32px 48px}
h2{margin-top:36px;border-bottom:2px solid #0b4f8a;padding-bottom:4px}h2 small{color:#667;font-weight:400}
.op{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:12px 18px;margin:14px 0}
.op h3{margin:0;font-size:17px}.m{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px;margin-right:6px}
.m-get{background:#1f7a3f}.m-post{background:#0b4f8a}.m-put{background:#a05a00}.m-delete{background:#a11d2c}
.summary{margin:6px 0;font-size:16px}.who{margin:4px 0;color:#333}h4{margin:10px 0 4px;font-size:14px}
table.schema{border-collapse:collapse;width:100%;font-size:14px}table.schema td,table.schema th{border:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
table.schema th{background:#f0f3f6}.req{color:#a11d2c;font-size:12px}code{font-family:ui-monospace,Consolas,monospace}
.intro{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:12px 18px;margin-top:18px}
`;

/** The page's only inline part is its stylesheet, allowed by hash; no script at all. */
const DOCS_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function typeOf(s: Json): string {
  if (s.enum) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (s.type)
    return (
      [s.type].flat().join(' | ') + (s.format ? ` (${String(s.format)})` : s.pattern ? ` (${String(s.pattern)})` : '')
    );
  if (s.anyOf) return (s.anyOf as Json[]).map(typeOf).join(' | ');
  return '';
}

function schemaTable(schema: Json): string {
  const props = schema.properties as Record<string, Json> | undefined;
  if (!props) return `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(([name, s]) => {
    const type = s.type === 'array' && s.items ? `mảng: ${typeOf(s.items as Json)}` : typeOf(s);
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">bắt buộc</span>' : ''}</td><td>${esc(type)}</td><td>${esc(String(s.description ?? ''))}</td></tr>`;
  });
  return `<table class="schema"><thead><tr><th>Trường</th><th>Kiểu</th><th>Ghi chú</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The document as a page: every route grouped by tag, with who may call it, what it takes and answers. */
export function renderApiPage(doc: Json, base = ''): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags as string[])[0]!;
      const params = (op.parameters as Json[]).map(
        (p) =>
          `<li><code>${esc(String(p.name))}</code> <small>(${esc(String(p.in))}${p.required ? ', bắt buộc' : ''})</small> ${esc(typeOf(p.schema as Json))}</li>`,
      );
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
      const responses = Object.entries(op.responses as Record<string, Json>).map(
        ([status, r]) => `<li><b>${esc(status)}</b> ${esc(String(r.description))}</li>`,
      );
      const anchor = String(op.operationId);
      const html = `<section class="op" id="${esc(anchor)}">
  <h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
  <p class="summary">${esc(String(op.summary))}</p>
  <p class="who">${esc(String(op.description))
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\n\n/g, '<br>')}</p>
  ${params.length ? `<h4>Tham số</h4><ul>${params.join('')}</ul>` : ''}
  ${
    body
      ? Object.entries(body)
          .map(([type, c]) => `<h4>Nội dung gửi <small>(${esc(type)})</small></h4>${schemaTable(c.schema)}`)
          .join('')
      : ''
  }
  <h4>Trả lời</h4><ul>${responses.join('')}</ul>
</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const nav = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join('');
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)} <small>(${ops.length})</small></h2>${ops.join('\n')}`)
    .join('\n');
  const events = Object.keys(doc.webhooks as Json)
    .map((e) => `<code>${esc(e)}</code>`)
    .join(', ');
  const info = doc.info as Json;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>motcua — Tài liệu API</title>
<style>${PAGE_STYLE}</style></head>
<body><header><h1>motcua — Tài liệu API</h1><p>${esc(String(info.summary))} · phiên bản ${esc(String(info.version))} · OpenAPI 3.1: <a href="${esc(base)}/api/openapi.json">${esc(base)}/api/openapi.json</a></p></header>
<nav>${nav}<a href="#webhooks">Webhook</a></nav>
<main>
<div class="intro"><p>${esc(String(info.description)).replace(/`([^`]+)`/g, '<code>$1</code>')}</p></div>
${sections}
<h2 id="webhooks">Webhook</h2>
<div class="intro"><p>Sự kiện: ${events}.</p>
<p>Mỗi lần gửi là một <code>POST</code> JSON <code>{id, event, occurredAt, data}</code> với các tiêu đề <code>X-Motcua-Event</code>, <code>X-Motcua-Delivery</code> (duy nhất, giữ nguyên khi gửi lại), <code>X-Motcua-Timestamp</code> (giây Unix) và <code>X-Motcua-Signature: sha256=&lt;hex HMAC-SHA256 của "&lt;timestamp&gt;.&lt;raw body&gt;"&gt;</code>. Trả lời khác 2xx hoặc quá 10 giây: gửi lại lần đầu trong vòng 10 giây rồi giãn dần, trong ít nhất 24 giờ, theo đúng thứ tự của từng webhook.</p></div>
</main></body></html>`;
}

export function openApiRoutes(version: string, basePath = ''): { api: Router; page: RequestHandler } {
  let doc: Json | null = null;
  let page: string | null = null;
  const get = () => (doc ??= buildOpenApi(version, basePath));
  const api = Router();
  api.get('/openapi.json', (_req, res) => {
    res.set('cache-control', 'no-cache').json(get());
  });
  // a page, not an API route: mounted with app.use('/docs/api', …)
  const pageHandler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.originalUrl === `${basePath}/docs/api`) {
      res.redirect(`${basePath}/docs/api/`);
      return;
    }
    if (req.path !== '/') return next();
    page ??= renderApiPage(get(), basePath);
    res.type('text/html; charset=utf-8').set('content-security-policy', DOCS_CSP).send(page);
  };
  return { api, page: pageHandler };
}
