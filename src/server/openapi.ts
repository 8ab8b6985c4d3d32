/**
 * The OpenAPI contract of issue 13 (ADR 038), built around @fastify/swagger without touching the
 * routes: `openapiTransform` (per route) adds an operationId, the multipart request body of an
 * upload and `security: []` for a public route; `openapiTransformObject` (once per document)
 * adds the error shape, the error responses an operation can give, and its success response
 * schema from the hand-written registry (openapi-responses.ts) or the recorded file
 * (openapi-responses.generated.json, written by scripts/openapi-record.ts).
 *
 * No fastify `schema.response` is added to a route: with the zod type provider it would
 * validate and strip real responses at run time.
 */
import { appendFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import generated from './openapi-responses.generated.json' with { type: 'json' };
import { handWrittenResponses } from './openapi-responses.js';

type Json = Record<string, unknown>;
type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformObjectInput = { openapiObject: Json } | { swaggerObject: Json };

/** Route facts the document transform needs, carried on the operation and removed there. */
const META = 'x-chibo-route';
interface RouteMeta {
  method: string;
  /** Fastify's pattern, e.g. /api/units/:id/meetings. */
  url: string;
  public: boolean;
  upload: boolean;
  body: boolean;
  params: boolean;
  query: boolean;
  rateLimited: boolean;
  explicitId: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** get + /api/units/:id/meetings → getApiUnitsByIdMeetings (deterministic, camelCase). */
export function derivedOperationId(method: string, url: string): string {
  const words = url
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^[:{](\w+)\}?$/.exec(segment);
      if (param) return `By${upperFirst(camel(param[1]!))}`;
      if (segment === '*') return 'Wildcard';
      return upperFirst(camel(segment));
    });
  return method.toLowerCase() + words.join('');
}

function camel(s: string): string {
  return s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
}
function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The swagger `transform`: jsonSchemaTransform, then chibo's additions per route. */
export function openapiTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const result = jsonSchemaTransform(input);
  const schema = result.schema as Json | undefined;
  if (!schema || schema.hide) return result;
  const route = (input as { route?: { method: string | string[]; config?: Json } }).route;
  const config = (route?.config ?? {}) as Json;
  const method = String(Array.isArray(route?.method) ? route.method[0] : (route?.method ?? 'GET'));
  const consumes = (schema.consumes as string[] | undefined) ?? [];
  const meta: RouteMeta = {
    method: method.toUpperCase(),
    url: input.url,
    public: config.public === true,
    upload: consumes.includes('multipart/form-data'),
    body: schema.body !== undefined,
    params: schema.params !== undefined || input.url.includes(':'),
    query: schema.querystring !== undefined,
    rateLimited: config.rateLimit !== undefined && config.rateLimit !== false,
    explicitId: typeof config.operationId === 'string' || typeof schema.operationId === 'string',
  };
  const out: Json = { ...schema, [META]: meta };
  out.operationId =
    (typeof config.operationId === 'string' && config.operationId) ||
    (typeof schema.operationId === 'string' && schema.operationId) ||
    derivedOperationId(method, input.url);
  if (meta.public) out.security = [];
  if (meta.upload && !schema.body) out.body = uploadBody(input.url);
  return { ...result, schema: out };
}

/** The multipart body of an upload (src/server/http.ts readUpload: field `file`, fields first). */
function uploadBody(url: string): Json {
  const properties: Json = { file: { type: 'string', format: 'binary', description: 'Tệp tải lên.' } };
  if (url.includes('/documents')) {
    properties.title = { type: 'string', description: 'Tiêu đề tài liệu (không bắt buộc).' };
    properties.purpose = {
      type: 'string',
      enum: ['material', 'final'],
      description: 'Tài liệu chuẩn bị (material) hay văn bản cuối cùng (final); không bắt buộc.',
    };
  }
  return { type: 'object', required: ['file'], properties };
}

export const ERROR_SCHEMA = {
  type: 'object',
  description: 'Lỗi của chibo: mã ổn định, thông báo tiếng Việt cho người dùng, chi tiết nếu có.',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      description: 'Mã lỗi ổn định (src/server/errors.ts), ví dụ VALIDATION_FAILED, NOT_FOUND.',
    },
    message: { type: 'string', description: 'Thông báo tiếng Việt, hiển thị được cho người dùng.' },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'Chi tiết theo từng mã lỗi, ví dụ các trường không hợp lệ.',
    },
  },
} as const;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const ERROR_RESPONSES: Record<string, { status: string; description: string }> = {
  ValidationFailed: {
    status: '400',
    description: 'Dữ liệu gửi lên không hợp lệ (VALIDATION_FAILED hoặc mã lỗi nghiệp vụ cụ thể).',
  },
  Unauthenticated: {
    status: '401',
    description: 'Chưa đăng nhập hoặc phiên đã hết hạn (UNAUTHENTICATED, SESSION_EXPIRED).',
  },
  Forbidden: {
    status: '403',
    description:
      'Không có quyền thực hiện thao tác, hoặc thiếu mã chống giả mạo X-CSRF-Token (FORBIDDEN, CSRF_MISMATCH).',
  },
  NotFound: {
    status: '404',
    description: 'Không tìm thấy, hoặc đối tượng nằm ngoài phạm vi của người gọi (NOT_FOUND).',
  },
  Conflict: {
    status: '409',
    description:
      'Xung đột với trạng thái hiện tại: dữ liệu đã bị thay đổi, trùng lặp hoặc đã khóa (CONFLICT và các mã nghiệp vụ).',
  },
  PayloadTooLarge: { status: '413', description: 'Tệp hoặc dữ liệu gửi lên quá lớn (PAYLOAD_TOO_LARGE).' },
  UnsupportedFileType: { status: '415', description: 'Loại tệp không được nhận (UNSUPPORTED_FILE_TYPE).' },
  RuleBroken: {
    status: '422',
    description: 'Vi phạm quy định nghiệp vụ, ví dụ vượt mức xếp loại tối đa (GRADING_QUOTA_EXCEEDED…).',
  },
  RateLimited: {
    status: '429',
    description: 'Thử quá nhiều lần; đợi rồi thử lại (RATE_LIMITED, ACCOUNT_LOCKED).',
  },
  DatabaseUnavailable: {
    status: '503',
    description: 'Tạm thời không kết nối được cơ sở dữ liệu; thử lại sau (DATABASE_UNAVAILABLE).',
  },
};

/** The error responses an operation can give, by the facts of its route. */
export function errorResponsesFor(meta: RouteMeta): string[] {
  const names: string[] = [];
  const unsafe = UNSAFE.has(meta.method);
  const selfOnly = /^\/api\/(me|health)(\/|$)/.test(meta.url) || meta.url.startsWith('/api/auth/');
  // A state change can always be refused with 400: a body that is not JSON, or unsafe text.
  if (unsafe || meta.body || meta.params || meta.query || meta.upload) names.push('ValidationFailed');
  if (!meta.public) names.push('Unauthenticated');
  if (!meta.public && (unsafe || !selfOnly)) names.push('Forbidden');
  if (meta.params) names.push('NotFound');
  if (unsafe && !meta.url.startsWith('/api/auth/')) names.push('Conflict');
  if (meta.upload) names.push('PayloadTooLarge', 'UnsupportedFileType');
  if (unsafe && /grading|committee/.test(meta.url)) names.push('RuleBroken');
  if (meta.rateLimited || meta.url === '/api/auth/login') names.push('RateLimited');
  names.push('DatabaseUnavailable');
  return names;
}

interface RecordedResponse {
  status: number;
  contentType: string;
  schema?: Json;
}
const GENERATED = generated as unknown as Record<string, RecordedResponse>;

/** OpenAPI path of a fastify pattern: /api/units/:id → /api/units/{id}. */
export function openapiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/** Operations served by one handler with another's answer (org/routes.ts archive/unarchive). */
const SAME_ANSWER_AS: Record<string, string> = {
  'POST /api/org-units/{id}/archive': 'POST /api/org-units/{id}/unarchive',
  'POST /api/org-units/{id}/unarchive': 'POST /api/org-units/{id}/archive',
};

const BINARY = /^(application\/(pdf|octet-stream|zip|gzip|vnd\.)|text\/(csv|calendar)|image\/)/;

/** The success response of an operation: hand-written, recorded, or the documented fallback. */
function successResponse(meta: RouteMeta, existing: Json | undefined): { status: string; response: Json } {
  const key = `${meta.method} ${openapiPath(meta.url)}`;
  const hand = handWrittenResponses[key];
  if (hand?.status === 204 || (hand && !hand.jsonSchema)) {
    return { status: '204', response: { description: hand.description } };
  }
  if (hand?.jsonSchema) {
    return {
      status: String(hand.status),
      response: {
        description: hand.description,
        content: { 'application/json': { schema: hand.jsonSchema() } },
      },
    };
  }
  const existingContent = (existing?.content as Record<string, { schema?: unknown }> | undefined) ?? {};
  if (Object.values(existingContent).some((c) => c.schema)) {
    return { status: '200', response: { ...existing, description: 'Thành công.' } };
  }
  const recorded = GENERATED[key] ?? GENERATED[SAME_ANSWER_AS[key] ?? ''];
  if (recorded) {
    if (recorded.status === 204)
      return { status: '204', response: { description: 'Thành công, không có nội dung.' } };
    if (BINARY.test(recorded.contentType)) {
      return {
        status: String(recorded.status),
        response: {
          description: 'Tệp tải về.',
          headers: {
            'Content-Disposition': {
              description: 'attachment; filename="…" (tên tệp không dấu).',
              schema: { type: 'string' },
            },
          },
          content: { [recorded.contentType]: { schema: { type: 'string', format: 'binary' } } },
        },
      };
    }
    return {
      status: String(recorded.status),
      response: {
        description: 'Thành công (lược đồ suy ra từ các phản hồi thật, ADR 038).',
        content: { [recorded.contentType]: { schema: recorded.schema ?? {} } },
      },
    };
  }
  return {
    status: meta.method === 'POST' ? '201' : '200',
    response: {
      description:
        'Thành công. Chưa ghi được phản hồi mẫu cho thao tác này nên lược đồ chỉ là một đối tượng JSON (ADR 038).',
      content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
    },
  };
}

/** Where an operation's success schema comes from (the test and the ADR count them). */
export function successSource(method: string, path: string): 'hand' | 'recorded' | 'fallback' {
  const key = `${method.toUpperCase()} ${path}`;
  if (handWrittenResponses[key]) return 'hand';
  return GENERATED[key] || GENERATED[SAME_ANSWER_AS[key] ?? ''] ? 'recorded' : 'fallback';
}

/** The swagger `transformObject`: components, responses, unique operationIds, servers. */
export function openapiTransformObject(input: TransformObjectInput): Json {
  const doc = ('openapiObject' in input ? input.openapiObject : input.swaggerObject) as Json;
  const components = (doc.components ?? {}) as Json;
  components.schemas = { ...((components.schemas as Json | undefined) ?? {}), Error: ERROR_SCHEMA };
  const responses: Json = { ...((components.responses as Json | undefined) ?? {}) };
  for (const [name, r] of Object.entries(ERROR_RESPONSES))
    responses[name] = { description: r.description, content: errorContent };
  components.responses = responses;
  doc.components = components;
  if (!doc.servers) doc.servers = [{ url: '/', description: 'Máy chủ chibo đang phục vụ tài liệu này.' }];

  const seen = new Map<string, number>();
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const op of Object.values(item)) {
      const meta = op[META] as RouteMeta | undefined;
      delete op[META];
      if (!meta) continue;
      let id = String(op.operationId);
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      if (n > 0 && !meta.explicitId) id = `${id}${n + 1}`;
      op.operationId = id;
      const old = (op.responses ?? {}) as Record<string, Json>;
      const { status, response } = successResponse(meta, old['200']);
      const out: Json = { [status]: response };
      for (const name of errorResponsesFor(meta)) {
        const code = ERROR_RESPONSES[name]!.status;
        out[code] = { $ref: `#/components/responses/${name}` };
      }
      op.responses = out;
    }
  }
  return doc;
}

/**
 * Records real responses for scripts/openapi-record.ts, only when the config's openapiRecordFile
 * (CHIBO_OPENAPI_RECORD) names a file (JSON lines: method, route pattern, status, content type, body). Off in production.
 */
export function installOpenapiRecorder(app: FastifyInstance, file: string | undefined): void {
  if (!file) return;
  const counts = new Map<string, number>();
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || url === '/api/openapi.json' || url.startsWith('/api/docs'))
      return payload;
    if (reply.statusCode >= 300) return payload;
    const key = `${req.method} ${url} ${reply.statusCode}`;
    const n = counts.get(key) ?? 0;
    if (n >= 40) return payload;
    counts.set(key, n + 1);
    const contentType = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    let body: unknown = null;
    if (contentType === 'application/json' && typeof payload === 'string') {
      try {
        body = JSON.parse(payload);
      } catch {
        body = null;
      }
    }
    appendFileSync(
      file,
      `${JSON.stringify({ method: req.method, url, status: reply.statusCode, contentType, body })}\n`,
    );
    return payload;
  });
}
