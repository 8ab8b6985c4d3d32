import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/executor.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDb, type TestDb } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** Runs `fn` as the owner of the tables (test/support/db.ts); the app itself is `chibo_app`. */
  asOwner: TestDb['asOwner'];
  close: () => Promise<void>;
  /** Logs in and returns a client that carries the session cookie and CSRF token. */
  login: (username: string, password?: string) => Promise<Client>;
  anonymous: Client;
}

export interface Client {
  username: string | null;
  cookie: string | null;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
}

export const TEST_PASSWORD = 'mat-khau-thu-1';

export async function createTestApp(overrides: Parameters<typeof loadConfig>[1] = {}): Promise<TestApp> {
  const { db, dispose, asOwner } = await createTestDb();
  const config = loadConfig(
    {},
    {
      logLevel: 'silent',
      webDir: undefined,
      loginRateLimitPerMinute: 10_000,
      // scripts/openapi-record.ts records the answers of a test run (off unless set).
      openapiRecordFile: process.env.CHIBO_OPENAPI_RECORD || undefined,
      ...overrides,
    },
  );
  const app = await buildApp({ config, db, logger: false });
  await app.ready();

  const client = (username: string | null, cookie?: string, csrf?: string): Client => {
    const request = (opts: InjectOptions) =>
      app.inject({
        ...opts,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          ...(opts.headers ?? {}),
        },
      });
    return {
      username,
      cookie: cookie ?? null,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
      patch: (url, payload) =>
        request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
      del: (url) => request({ method: 'DELETE', url }),
    };
  };

  return {
    app,
    db,
    asOwner,
    anonymous: client(null),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
      return client(username, raw.split(';')[0], res.json().csrfToken);
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
}
