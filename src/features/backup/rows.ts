/**
 * Rows as text, the way PostgreSQL's own COPY moves them: every value in its type's text form
 * (read back by the same type's input function), NULL as null. Read through a cursor in key
 * order, so a large table never sits in memory, and digested the same way on both sides.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { selectRowsSql, type TableInfo } from './catalog.js';

export type Row = (string | null)[];

/**
 * Fixed text forms for this transaction: time stamps in UTC with ISO dates, hex bytea, shortest
 * exact floats. The backup and the check after a restore then read identical text for identical data.
 */
export async function fixTextForms(tx: Executor): Promise<void> {
  await tx.exec(`SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres';
    SET LOCAL bytea_output = 'hex'; SET LOCAL extra_float_digits = 1`);
}

let cursors = 0;

/** Every row of the table in key order, fetched in batches (smaller ones for tables holding files). */
export async function* tableRows(tx: Executor, t: TableInfo): AsyncGenerator<Row[]> {
  const name = `chibo_rows_${++cursors}`;
  const batch = t.hasBytea ? 16 : 1000;
  await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${selectRowsSql(t)}`);
  try {
    for (;;) {
      const rows = await tx.query<Record<string, string | null>>(`FETCH FORWARD ${batch} FROM ${name}`);
      if (rows.length === 0) break;
      yield rows.map((r) => t.columns.map((_, i) => r[`c${i}`] ?? null));
      if (rows.length < batch) break;
    }
  } finally {
    // After a failed statement the transaction is aborted and rolls back anyway: keep that error.
    await tx.query(`CLOSE ${name}`).catch(() => {});
  }
}

/** A running digest of a table's rows: SHA-256 over each row's JSON text and a newline, in key order. */
export class TableDigest {
  private readonly hash = createHash('sha256');
  rows = 0;

  add(row: Row): void {
    this.hash.update(JSON.stringify(row));
    this.hash.update('\n');
    this.rows++;
  }

  hex(): string {
    return this.hash.copy().digest('hex');
  }
}

export interface TableSummary {
  table: string;
  rows: number;
  sha256: string;
}

/** Row count and digest of each table, read now (the check after a restore, and tests). */
export async function digestTables(tx: Executor, tables: TableInfo[]): Promise<TableSummary[]> {
  const out: TableSummary[] = [];
  for (const t of tables) {
    const d = new TableDigest();
    for await (const rows of tableRows(tx, t)) for (const r of rows) d.add(r);
    out.push({ table: t.name, rows: d.rows, sha256: d.hex() });
  }
  return out;
}
