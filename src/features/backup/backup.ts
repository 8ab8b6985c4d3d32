/**
 * `chibo backup`: a logical copy of every table, from one consistent snapshot, into the file of
 * format.ts. Works on both databases and while the application serves (on PostgreSQL it reads a
 * REPEATABLE READ snapshot and blocks nobody; on PGlite the single connection is held for the
 * duration, so requests wait, see ADR 020).
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Db, Executor } from '../../db/executor.js';
import { ident, readCatalog } from './catalog.js';
import { BackupWriter, FORMAT, FORMAT_VERSION, type SequenceValue } from './format.js';
import { fixTextForms, TableDigest, type TableSummary, tableRows } from './rows.js';

export interface BackupSummary {
  tables: TableSummary[];
  rows: number;
  migrations: string[];
  /** Size of the uncompressed lines (the file is gzip'd). */
  bytes: number;
}

/** The applied migrations in the order they were applied (null when the database has none yet). */
export async function appliedMigrations(ex: Executor): Promise<string[] | null> {
  const [ledger] = await ex.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!ledger?.present) return null;
  const rows = await ex.query<{ name: string }>(
    'SELECT name FROM schema_migrations ORDER BY applied_at, name',
  );
  return rows.map((r) => r.name);
}

/** Writes a backup of `db` to `out` (ended when done) and returns what it holds. */
export async function writeBackup(db: Db, out: Writable): Promise<BackupSummary> {
  const writer = new BackupWriter(out);
  try {
    const summary = await db.transaction(async (tx) => {
      // One snapshot for every table (must be the transaction's first statement).
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await fixTextForms(tx);
      const migrations = (await appliedMigrations(tx)) ?? [];
      const { tables, sequences } = await readCatalog(tx);
      const seqValues: SequenceValue[] = [];
      for (const s of sequences) {
        const [v] = await tx.query<{ last_value: string; is_called: boolean }>(
          `SELECT last_value::text, is_called FROM ${ident(s.name)}`,
        );
        seqValues.push({ ...s, lastValue: v?.is_called ? v.last_value : null });
      }
      const [server] = await tx.query<{ version: string }>('SELECT version()');
      await writer.write({
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        db: db.kind,
        server: server?.version ?? '',
        migrations,
        tables,
        sequences: seqValues,
      });
      const out: TableSummary[] = [];
      let total = 0;
      for (const t of tables) {
        await writer.write({ table: t.name });
        const digest = new TableDigest();
        for await (const rows of tableRows(tx, t)) {
          for (const r of rows) {
            digest.add(r);
            await writer.write(r);
          }
        }
        const s = { table: t.name, rows: digest.rows, sha256: digest.hex() };
        await writer.write({ end: t.name, rows: s.rows, sha256: s.sha256 });
        out.push(s);
        total += s.rows;
      }
      await writer.write({ done: true, tables: tables.length, rows: total });
      return { tables: out, rows: total, migrations };
    });
    await writer.close();
    return { ...summary, bytes: writer.bytesIn };
  } catch (err) {
    out.destroy();
    throw err;
  }
}

/**
 * `chibo backup FILE`: written beside the target and renamed when complete, so FILE is never a
 * half-written backup; readable by its owner only (it holds every member's personal data).
 */
export async function backupToFile(db: Db, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  try {
    const summary = await writeBackup(db, createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, file);
    return summary;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}
