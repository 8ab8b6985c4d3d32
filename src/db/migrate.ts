import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Executor } from './executor.js';
import { memberSortKeys } from './migrations/0006_member_sort_keys.js';
import { recordSeals } from './migrations/0009_record_seals.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The SQL migrations lie beside this module: src/db/migrations under tsx, and in a build
 * dist/src/db/migrations, where `npm run build` copies them (scripts/copy-runtime-assets.mjs)
 * next to the compiled code steps. Never read from src/ in a build: dist/ stands alone (ADR 033).
 */
function migrationsDir(): string {
  const dir = path.join(here, 'migrations');
  let present = false;
  try {
    present = readdirSync(dir).some((f) => f.endsWith('.sql'));
  } catch {
    // reported below
  }
  if (!present)
    throw new Error(
      `Không tìm thấy các bản cập nhật cấu trúc (*.sql) trong ${dir}: bản build thiếu bước sao chép ` +
        '(hãy build bằng "npm run build", hoặc chạy "node scripts/copy-runtime-assets.mjs <thư mục build>").',
    );
  return dir;
}

export function listMigrations(): { name: string; sql: string }[] {
  const dir = migrationsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * A step that SQL cannot express (it needs a function of the application, such as the name
 * sort key). Recorded in `schema_migrations` under its name like a SQL file, run once, in the
 * migration transaction, after the SQL files. Steps must be set-based and batched: they run on
 * every existing database, including large ones.
 */
export interface CodeMigration {
  name: string;
  run: (tx: Executor) => Promise<void>;
}

/** Code steps in order; append only, like the SQL files. */
export const CODE_MIGRATIONS: readonly CodeMigration[] = [memberSortKeys, recordSeals];

/** Every migration in the order `migrate` applies them: the SQL files, then the code steps. */
export function migrationNames(codeMigrations: readonly CodeMigration[] = CODE_MIGRATIONS): string[] {
  return [...listMigrations().map((m) => m.name), ...codeMigrations.map((s) => s.name)];
}

/** Applies pending migrations in order, append-only; safe when two processes start together. */
export async function migrate(
  db: Db,
  codeMigrations: readonly CodeMigration[] = CODE_MIGRATIONS,
): Promise<string[]> {
  // Checked first: CREATE … IF NOT EXISTS needs the right to create in the schema even when the
  // table exists, which the application's role (ADR 017) does not have.
  const [ledger] = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!ledger?.present) {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  }
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Serialise concurrent migrators on a real server (no-op cost on PGlite).
    await tx.query('SELECT pg_advisory_xact_lock(727001)');
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
    );
    for (const m of listMigrations()) {
      if (done.has(m.name)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    for (const step of codeMigrations) {
      if (done.has(step.name)) continue;
      await step.run(tx);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [step.name]);
      applied.push(step.name);
    }
    // The application's role gets its privileges on every table, new ones included (0009).
    const [grants] = await tx.query<{ callable: boolean }>(
      `SELECT coalesce(p IS NOT NULL AND has_function_privilege(p, 'EXECUTE'), false) AS callable
         FROM to_regprocedure('chibo_grant_app_role()') AS p`,
    );
    if (grants?.callable) await tx.query('SELECT chibo_grant_app_role()');
  });
  return applied;
}
