import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite, openPostgres } from '../../src/db/open.js';

/** Which database this test run uses (the vitest project sets CHIBO_TEST_DB). */
export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.CHIBO_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (project "postgres")
 * a new database on the server at TEST_DATABASE_URL, dropped by `dispose`.
 */
export async function createTestDb(
  opts: { migrated?: boolean } = {},
): Promise<{ db: Db; dispose: () => Promise<void>; url?: string }> {
  const migrated = opts.migrated ?? true;
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
    const db = await openPostgres(dbUrl.toString());
    if (migrated) await migrate(db);
    return {
      db,
      url: dbUrl.toString(),
      dispose: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const db = await openPglite();
  if (migrated) await migrate(db);
  return { db, dispose: () => db.close() };
}
