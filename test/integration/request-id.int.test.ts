/**
 * Request ids through the whole app (issue 13, point 7; ADR 034): a safe X-Request-Id is kept and
 * echoed on every answer — success, 400, 401, 404, 429, 500, a malformed URL — and it is the
 * `reqId` of every log line of that request, so the id a user or a proxy reports finds the lines;
 * a hostile one is replaced by a UUID and written nowhere; without one, each request gets its own
 * UUID. The error body keeps its `{ code, message, details }` shape (no id in it: see the ADR).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDb } from '../support/db.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogLine {
  level: number;
  reqId?: string;
  msg?: string;
  [key: string]: unknown;
}

let app: FastifyInstance;
let dispose: () => Promise<void>;
const raw: string[] = [];
const lines = () => raw.map((l) => JSON.parse(l) as LogLine);
const linesOf = (reqId: string) => lines().filter((l) => l.reqId === reqId);

beforeAll(async () => {
  const created = await createTestDb();
  dispose = created.dispose;
  const config = loadConfig({}, { logLevel: 'info', webDir: undefined, loginRateLimitPerMinute: 2 });
  app = await buildApp({
    config,
    db: created.db,
    logger: { level: 'info', stream: { write: (line: string) => void raw.push(line) } },
  });
  // An unexpected failure, to see the 500 path (registered before ready, like a feature route).
  app.get('/api/test-only/boom', { config: { public: true } }, async () => {
    throw new Error('boom');
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

describe('an incoming X-Request-Id that is safe', () => {
  it('is echoed on a success and is the reqId of its log lines', async () => {
    const res = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'proxy-1a2b.c:d_e' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('proxy-1a2b.c:d_e');
    const logged = linesOf('proxy-1a2b.c:d_e');
    expect(logged.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('is echoed on errors, whose body keeps the { code, message } shape', async () => {
    const cases = [
      { id: 'unauth-1', url: '/api/me', status: 401, code: 'UNAUTHENTICATED' },
      // A missing asset: a JSON 404 with or without a build in dist/web (a page path would get the
      // app's index.html when a build exists, as in CI after `npm run build`).
      { id: 'missing-1', url: '/assets/no-such-chunk.js', status: 404, code: 'NOT_FOUND' },
      { id: 'bad-url-1', url: '/api/org-units/%E0%A4%A', status: 400, code: 'VALIDATION_FAILED' },
    ];
    for (const c of cases) {
      const res = await app.inject({ url: c.url, headers: { 'x-request-id': c.id } });
      expect(res.statusCode, `${c.url} ${res.body}`).toBe(c.status);
      expect(res.headers['x-request-id'], c.url).toBe(c.id);
      expect(res.json().code, c.url).toBe(c.code);
      expect(Object.keys(res.json()).filter((k) => k !== 'details')).toEqual(['code', 'message']);
    }
  });

  it('is echoed on a validation error and on the rate limit answer', async () => {
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 42 },
      headers: { 'x-request-id': 'invalid-1' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['x-request-id']).toBe('invalid-1');

    let limited: Awaited<ReturnType<FastifyInstance['inject']>> | undefined;
    for (let i = 0; i < 4 && !limited; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'khong-co', password: 'sai-mat-khau-1' },
        headers: { 'x-request-id': `login-${i}` },
      });
      expect(res.headers['x-request-id']).toBe(`login-${i}`);
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.json().code).toBe('RATE_LIMITED');
  });

  it('on an unexpected error: the 500 answer and the error log line carry the same id', async () => {
    const res = await app.inject({ url: '/api/test-only/boom', headers: { 'x-request-id': 'boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('boom-1');
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    const error = linesOf('boom-1').find((l) => l.level === 50);
    expect(error?.msg).toBe('unhandled error');
  });
});

describe('a hostile or missing X-Request-Id', () => {
  it('is replaced by a UUID and never reaches the log', async () => {
    const hostile = ['two words', 'x'.repeat(500), 'forged\n{"level":30,"msg":"admin logged in"}'];
    for (const id of hostile) {
      const res = await app.inject({ url: '/api/me', headers: { 'x-request-id': id } });
      expect(res.statusCode).toBe(401);
      const echoed = String(res.headers['x-request-id']);
      expect(echoed).toMatch(UUID);
      expect(linesOf(echoed).length).toBeGreaterThan(0);
    }
    const log = raw.join('');
    expect(log).not.toContain('two words');
    expect(log).not.toContain('x'.repeat(129));
    expect(log).not.toContain('forged');
    // Every line of the stream is one JSON object.
    for (const line of raw) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('two requests without the header get two different UUIDs', async () => {
    const a = await app.inject({ url: '/api/health' });
    const b = await app.inject({ url: '/api/health' });
    const ida = String(a.headers['x-request-id']);
    const idb = String(b.headers['x-request-id']);
    expect(ida).toMatch(UUID);
    expect(idb).toMatch(UUID);
    expect(ida).not.toBe(idb);
    expect(linesOf(ida)).toHaveLength(2);
  });
});
