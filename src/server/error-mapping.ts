/**
 * Every error a request can end in, as an AppError with a code from ERRORS and a Vietnamese
 * message: the one place where Fastify's, @fastify/multipart's, zod's and PostgreSQL's own
 * errors are translated, so that no English text ("Bad Request", "body must…", "Unsupported
 * Media Type") ever reaches a user. Called by the error handler, the framework-error handler
 * and the not-found handler of src/server/app.ts. See docs/decisions/019-input-and-concurrency.md.
 */
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

/** Request size limits, quoted in the messages so that the user knows what would pass. */
export interface RequestLimits {
  /** Fastify's bodyLimit for JSON (and other non-multipart) bodies, in bytes. */
  bodyLimitBytes: number;
  /** Size of one uploaded file (multipart), in MB. */
  uploadLimitMb: number;
}

/** JSON bodies: the largest legitimate one (a full minutes text of 5 × 20,000 characters) is far below. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Fastify and @fastify/multipart error codes → what the user reads. */
function fastifyError(code: string, err: ErrorLike, limits: RequestLimits): AppError | undefined {
  switch (code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(
        'VALIDATION_FAILED',
        'Yêu cầu khai báo dữ liệu JSON (Content-Type: application/json) nhưng không gửi dữ liệu nào.',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Kiểu dữ liệu gửi lên (Content-Type) không được hỗ trợ: hãy gửi JSON (application/json), hoặc tệp theo dạng multipart/form-data.',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        `Dữ liệu gửi lên quá lớn (tối đa ${megabytes(limits.bodyLimitBytes)}).`,
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(
        'VALIDATION_FAILED',
        'Độ dài dữ liệu gửi lên không khớp với khai báo Content-Length; hãy gửi lại.',
      );
    case 'FST_ERR_BAD_URL':
      return new AppError('VALIDATION_FAILED', 'Địa chỉ có ký tự mã hóa sai (dấu % không đúng dạng).');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('VALIDATION_FAILED', 'Một phần của địa chỉ dài quá mức cho phép.');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn (tối đa ${limits.uploadLimitMb} MB).`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        'Yêu cầu có quá nhiều phần: mỗi lần chỉ gửi một tệp (trường "file") cùng vài trường thông tin.',
      );
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Hãy gửi tệp theo dạng multipart/form-data, trường "file".',
      );
    case 'FST_PROTO_VIOLATION':
      return new AppError('VALIDATION_FAILED', 'Tên trường trong biểu mẫu không hợp lệ.');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError(
        'VALIDATION_FAILED',
        'Một trường của biểu mẫu khai báo JSON nhưng không phải JSON hợp lệ.',
      );
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('VALIDATION_FAILED', MALFORMED_MULTIPART);
    default:
      return err.statusCode === 429 ? new AppError('RATE_LIMITED') : undefined;
  }
}

/** A multipart body cut short or without its boundary (busboy throws plain Errors for these). */
export const MALFORMED_MULTIPART =
  'Dữ liệu tệp gửi lên (multipart/form-data) bị hỏng hoặc không đầy đủ; hãy chọn tệp và gửi lại.';

/** PostgreSQL SQLSTATEs that mean "someone else wrote first", not "the server is broken". */
const RETRY_MESSAGE = 'Có thao tác khác đang thay đổi cùng dữ liệu này. Vui lòng tải lại và thử lại.';
function databaseError(code: string): AppError | undefined {
  // 23505 unique_violation: the row that a concurrent request has just inserted.
  if (code === '23505') return new AppError('CONFLICT');
  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available.
  if (code === '40001' || code === '40P01' || code === '55P03')
    return new AppError('CONFLICT', RETRY_MESSAGE);
  return undefined;
}

interface ErrorLike {
  code?: unknown;
  statusCode?: unknown;
  validation?: unknown;
  validationContext?: unknown;
  cause?: unknown;
}

/**
 * The AppError an error thrown while serving a request stands for, or undefined when it is
 * unexpected (the caller logs it and answers 500 INTERNAL).
 */
export function toAppError(err: unknown, limits: RequestLimits): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err === null || typeof err !== 'object') return undefined;
  if (hasZodFastifySchemaValidationErrors(err)) return validationError(err);
  const e = err as ErrorLike;
  if (typeof e.code === 'string') {
    if (e.code.startsWith('FST_')) return fastifyError(e.code, e, limits) ?? genericClientError(e);
    if (/^[0-9A-Z]{5}$/.test(e.code)) {
      const mapped = databaseError(e.code);
      if (mapped) return mapped;
    }
  }
  if (e.statusCode === 429) return new AppError('RATE_LIMITED');
  return genericClientError(e);
}

/** A 4xx from a plugin that has no mapping above: keep the status family, never its English text. */
function genericClientError(e: ErrorLike): AppError | undefined {
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED');
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', 'Yêu cầu không hợp lệ.');
  return undefined;
}

/** zod's issues (already Vietnamese, z.locales.vi) as one sentence plus the list per field. */
function validationError(err: {
  validation: { instancePath: string; message?: string }[];
  validationContext?: string;
}): AppError {
  const issues = err.validation.map((v) => ({
    field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(gốc)',
    message: v.message ?? 'Giá trị không hợp lệ',
  }));
  const where =
    err.validationContext === 'querystring'
      ? 'tham số'
      : err.validationContext === 'params'
        ? 'đường dẫn'
        : 'dữ liệu';
  const message = `Có ${issues.length} lỗi ${where}: ${issues.map((i) => `${i.field} — ${i.message}`).join('; ')}`;
  return new AppError('VALIDATION_FAILED', message, { issues });
}

// ---------------------------------------------------------------------------------------------
// Unknown addresses and methods

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The routes of the app by path pattern, filled by an `onRoute` hook, so that a known address
 * called with the wrong method answers 405 with `Allow` instead of a bare 404.
 */
export function createRouteIndex() {
  const patterns = new Map<string, { re: RegExp; methods: Set<string> }>();
  return {
    add(route: { url: string; method: string | string[] }) {
      if (!route.url.startsWith('/api/')) return;
      let entry = patterns.get(route.url);
      if (!entry) {
        const source = route.url
          .split('/')
          .map((seg) =>
            seg
              .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
              .replace(/:[A-Za-z0-9_]+/g, '[^/]+')
              .replace(/\*/g, '.*'),
          )
          .join('/');
        entry = { re: new RegExp(`^${source}$`), methods: new Set() };
        patterns.set(route.url, entry);
      }
      for (const m of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(m);
    },
    /** Methods that some route accepts at this concrete path (empty when none does). */
    allowed(path: string): string[] {
      const out = new Set<string>();
      for (const { re, methods } of patterns.values()) if (re.test(path)) for (const m of methods) out.add(m);
      return METHODS.filter((m) => out.has(m));
    },
  };
}

export type RouteIndex = ReturnType<typeof createRouteIndex>;

/**
 * What an unmatched request gets: 405 (with the `Allow` header set on the reply) when the path
 * exists for other methods, 404 "no such address" otherwise.
 */
export function routeNotFound(
  req: { method: string; url: string },
  reply: { header: (name: string, value: string) => unknown },
  routes: RouteIndex,
): AppError {
  const path = req.url.split('?')[0] ?? req.url;
  const allowed = path.startsWith('/api/') ? routes.allowed(path) : [];
  if (allowed.length > 0 && !allowed.includes(req.method)) {
    reply.header('Allow', allowed.join(', '));
    return new AppError(
      'METHOD_NOT_ALLOWED',
      `Địa chỉ này không nhận phương thức ${req.method}; chỉ nhận ${allowed.join(', ')}.`,
      { allow: allowed },
    );
  }
  return new AppError('NOT_FOUND', 'Không có địa chỉ này.');
}
