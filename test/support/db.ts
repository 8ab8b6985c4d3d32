import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE, actAsAppRole } from '../../src/db/connect.js';
import type { Db, Executor } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite, openPostgres } from '../../src/db/open.js';
import { recordKeyFromSecret } from '../../src/db/record-key.js';

/** Which database this test run uses (the vitest project sets CHIBO_TEST_DB). */
export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.CHIBO_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** The record key of every test database (the same key makes the demo's hashes comparable). */
/** The test PostgreSQL server (scripts/pg-throwaway.sh sets it); undefined on PGlite-only runs. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL;
}

/** PostgreSQL server binaries chosen by the caller (PG_BIN), as scripts/pg-throwaway.sh reads it. */
export function testPgBinOverride(): string | undefined {
  return process.env.PG_BIN;
}

export const TEST_RECORD_SECRET = 'chibo-test-record-secret-not-for-production-0001';
export const TEST_RECORD_KEY = recordKeyFromSecret(TEST_RECORD_SECRET);

export interface TestDb {
  /** As the application uses it: role `chibo_app` once migrated (ADR 017), else the owner. */
  db: Db;
  dispose: () => Promise<void>;
  url?: string;
  /** Runs `fn` as the owner of the tables (what an attacker with the owner's password could do). */
  asOwner: <T>(fn: (owner: Executor) => Promise<T>) => Promise<T>;
}

/**
 * A fresh database for one test file: in-memory PGlite, or (project "postgres") a new database
 * on the server at TEST_DATABASE_URL, dropped by `dispose`. Migrated as the owner, then `db`
 * acts as the application's role, as `chibo serve` does: a test needing the owner says so
 * (`asOwner`). With `migrated: false`, `db` is the owner, to migrate it.
 */
export async function createTestDb(opts: { migrated?: boolean } = {}): Promise<TestDb> {
  const migrated = opts.migrated ?? true;
  const recordKey = TEST_RECORD_KEY;
  if (testDbKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const name = `chibo_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    // The server's superuser owns the tables; the application's connections SET ROLE chibo_app.
    const owner = await openPostgres(dbUrl.toString(), { recordKey });
    let db = owner;
    if (migrated) {
      await migrate(owner);
      db = await openPostgres(dbUrl.toString(), { recordKey, role: APP_ROLE });
    }
    return {
      db,
      url: dbUrl.toString(),
      asOwner: (fn) => fn(owner),
      dispose: async () => {
        await db.close();
        await owner.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const db = await openPglite(undefined, undefined, { recordKey });
  let appRole = false;
  if (migrated) {
    await migrate(db);
    appRole = await actAsAppRole(db);
  }
  return {
    db,
    dispose: () => db.close(),
    // One connection: the owner is the session's own user, back to the app's role afterwards.
    asOwner: async (fn) => {
      if (!appRole) return fn(db);
      await db.exec('RESET ROLE');
      try {
        return await fn(db);
      } finally {
        await db.exec(`SET ROLE ${APP_ROLE}`);
      }
    },
  };
}
