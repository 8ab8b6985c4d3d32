import { describe, expect, it } from 'vitest';
import { createRouteIndex, routeNotFound, toAppError } from './error-mapping.js';
import { AppError, type ERRORS } from './errors.js';

const limits = { bodyLimitBytes: 2 * 1024 * 1024, uploadLimitMb: 20 };
const fst = (code: string, statusCode: number, message = 'English text') =>
  Object.assign(new Error(message), { code, statusCode });
const pg = (code: string) =>
  Object.assign(new Error('duplicate key value violates unique constraint'), { code });
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('error mapping', () => {
  it('maps every Fastify and multipart code it knows to a code of ERRORS with a Vietnamese message', () => {
    const cases: [string, number, keyof typeof ERRORS, number][] = [
      ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'VALIDATION_FAILED', 400],
      ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'VALIDATION_FAILED', 400],
      ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE', 415],
      ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', 413],
      ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'VALIDATION_FAILED', 400],
      ['FST_ERR_BAD_URL', 400, 'VALIDATION_FAILED', 400],
      ['FST_ERR_MAX_PARAM_LENGTH', 414, 'VALIDATION_FAILED', 400],
      ['FST_REQ_FILE_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', 413],
      ['FST_PARTS_LIMIT', 413, 'PAYLOAD_TOO_LARGE', 413],
      ['FST_FILES_LIMIT', 413, 'PAYLOAD_TOO_LARGE', 413],
      ['FST_FIELDS_LIMIT', 413, 'PAYLOAD_TOO_LARGE', 413],
      ['FST_INVALID_MULTIPART_CONTENT_TYPE', 406, 'UNSUPPORTED_MEDIA_TYPE', 415],
      ['FST_PROTO_VIOLATION', 400, 'VALIDATION_FAILED', 400],
      ['FST_INVALID_JSON_FIELD_ERROR', 406, 'VALIDATION_FAILED', 400],
      ['FST_MP_PREMATURE_CLOSE', 400, 'VALIDATION_FAILED', 400],
      // A code added by a future plugin: the status family is kept, the English text is not.
      ['FST_SOMETHING_NEW', 400, 'VALIDATION_FAILED', 400],
    ];
    for (const [code, status, expected, expectedStatus] of cases) {
      const e = toAppError(fst(code, status), limits);
      expect(e?.code, code).toBe(expected);
      expect(e?.status, code).toBe(expectedStatus);
      expect(e?.message, code).toMatch(VIETNAMESE);
      expect(e?.message, code).not.toContain('English');
    }
  });

  it('quotes the real limits: 2 MB for a JSON body, the configured MB for a file', () => {
    expect(toAppError(fst('FST_ERR_CTP_BODY_TOO_LARGE', 413), limits)?.message).toContain('tối đa 2 MB');
    expect(
      toAppError(fst('FST_REQ_FILE_TOO_LARGE', 413), { ...limits, uploadLimitMb: 7 })?.message,
    ).toContain('tối đa 7 MB');
  });

  it('a unique violation is a 409 CONFLICT; a serialization failure, a deadlock or a lock timeout a 409 asking to retry', () => {
    expect(toAppError(pg('23505'), limits)).toMatchObject({ code: 'CONFLICT', status: 409 });
    for (const code of ['40001', '40P01', '55P03']) {
      const e = toAppError(pg(code), limits);
      expect(e).toMatchObject({ code: 'CONFLICT', status: 409 });
      expect(e?.message).toContain('thử lại');
    }
  });

  it('leaves other database errors and plain errors to the 500 of the caller', () => {
    expect(toAppError(pg('22021'), limits)).toBeUndefined();
    expect(toAppError(pg('23503'), limits)).toBeUndefined();
    expect(toAppError(new Error('boom'), limits)).toBeUndefined();
    expect(toAppError(fst('FST_ERR_FAILED_ERROR_SERIALIZATION', 500), limits)).toBeUndefined();
    expect(toAppError('a string', limits)).toBeUndefined();
  });

  it('keeps an AppError as it is, and maps a 429 from the rate limiter', () => {
    const own = new AppError('MEETING_CANCELLED');
    expect(toAppError(own, limits)).toBe(own);
    expect(toAppError({ statusCode: 429, code: 'RATE_LIMITED', message: 'x' }, limits)?.code).toBe(
      'RATE_LIMITED',
    );
  });
});

describe('unknown addresses and methods', () => {
  const routes = createRouteIndex();
  routes.add({ url: '/api/meetings/:id', method: 'GET' });
  routes.add({ url: '/api/meetings/:id', method: ['HEAD', 'PATCH'] });
  routes.add({ url: '/api/meetings/:id/minutes.pdf', method: 'GET' });
  routes.add({ url: '/assets/app.js', method: 'GET' });

  it('a known path with another method is a 405 with Allow; an unknown path a 404, both in Vietnamese', () => {
    const headers: Record<string, string> = {};
    const reply = { header: (k: string, v: string) => (headers[k] = v) };
    const e = routeNotFound({ method: 'DELETE', url: '/api/meetings/12?x=1' }, reply, routes);
    expect(e).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405 });
    expect(e.message).toBe('Địa chỉ này không nhận phương thức DELETE; chỉ nhận GET, HEAD, PATCH.');
    expect(headers.Allow).toBe('GET, HEAD, PATCH');
    expect(routeNotFound({ method: 'POST', url: '/api/meetings/12/minutes.pdf' }, reply, routes).code).toBe(
      'METHOD_NOT_ALLOWED',
    );
    expect(
      routeNotFound({ method: 'GET', url: '/api/meetings/12/minutes.docx' }, reply, routes),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Không có địa chỉ này.',
    });
    expect(routeNotFound({ method: 'GET', url: '/api/meetings' }, reply, routes).code).toBe('NOT_FOUND');
  });
});
