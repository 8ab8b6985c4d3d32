/**
 * The app on a throwaway in-memory PGlite, migrated and acting as `chibo_app` as `chibo serve`
 * does, for the OpenAPI scripts (openapi-lint.ts, openapi-record.ts). Nothing is written to disk.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { actAsAppRole } from '../src/db/connect.js';
import type { Db } from '../src/db/executor.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { buildApp } from '../src/server/app.js';

export interface ScriptApp {
  app: FastifyInstance;
  db: Db;
  close: () => Promise<void>;
}

/** Builds the app; `beforeReady` may add hooks (the recorder) before it is ready. */
export async function buildScriptApp(beforeReady?: (app: FastifyInstance) => void): Promise<ScriptApp> {
  const recordKey = recordKeyFromSecret('chibo-openapi-script-secret-not-for-production-01');
  const db = await openPglite(undefined, undefined, { recordKey });
  await migrate(db);
  await actAsAppRole(db);
  const config = loadConfig(
    { CHIBO_OPENAPI_RECORD: process.env.CHIBO_OPENAPI_RECORD },
    { logLevel: 'silent', webDir: undefined, loginRateLimitPerMinute: 100_000 },
  );
  const app = await buildApp({ config, db, logger: false });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** GET /api/openapi.json of the app. */
export async function openapiDocument(app: FastifyInstance): Promise<Record<string, unknown>> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json: ${res.statusCode}`);
  return res.json();
}
