/**
 * The one database abstraction of chibo: plain SQL with positional parameters, the same on
 * PGlite (embedded) and node-postgres (server). See docs/decisions/001-plain-sql.md.
 *
 * Every data function takes an `Executor` as its first argument (house rule 3): either the
 * root `Db` or the `tx` handed to a `transaction` callback. On PGlite there is a single
 * connection, so touching the root handle inside a transaction would wait for itself.
 */
import type { RecordKey } from './record-key.js';

export interface Executor {
  /**
   * `prepared`: a stable name for a constant SQL text on a hot path (PostgreSQL prepares it once
   * per connection and reuses the plan; PGlite ignores it). Never for SQL built from input.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    opts?: { prepared?: string },
  ): Promise<T[]>;
  /** Runs `fn` in a transaction; nested calls reuse the outer transaction. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** The key that signs this database's locked records, when the opener supplied one (record-key.ts). */
  readonly recordKey?: RecordKey;
}

export interface Db extends Executor {
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * A read-only handle on a replica (DATABASE_REPLICA_URL, ADR 030), closed with this one. Only
   * `src/server/read-db.ts` hands it out, for the reads allowed to lag (dashboards, exports, reports).
   */
  reader?: ReadHandle;
}

/** The replica's handle: read-only transactions, and how many reads it served (a debug figure the tests read). */
export interface ReadHandle extends Db {
  readonly served: number;
}

export async function one<T>(ex: Executor, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await ex.query<T>(sql, params);
  return rows[0];
}
