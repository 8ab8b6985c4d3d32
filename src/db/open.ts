import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Db, Executor, ReadHandle } from './executor.js';
import type { RecordKey } from './record-key.js';

// Dates (`date` columns) stay ISO strings `YYYY-MM-DD`: a calendar day has no time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v) => v);
// bigint counts come back as JS numbers (they stay far below 2^53 in this domain).
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  /** Signs locked records (record-key.ts); carried by the handle and every transaction. */
  recordKey?: RecordKey;
  /** PostgreSQL: connections of the pool (DATABASE_POOL_MAX, default 10). */
  poolMax?: number;
  /** PostgreSQL: a streaming replica for the reads that may lag (DATABASE_REPLICA_URL, ADR 030). */
  replicaUrl?: string;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const db = await openPostgres(opts.databaseUrl, { recordKey: opts.recordKey, poolMax: opts.poolMax });
    if (opts.replicaUrl)
      db.reader = await openReplica(
        opts.replicaUrl,
        { recordKey: opts.recordKey, poolMax: opts.poolMax },
        db,
      );
    return db;
  }
  return openPglite(opts.dataDir, undefined, { recordKey: opts.recordKey });
}

export interface HandleOptions {
  recordKey?: RecordKey;
  /**
   * PostgreSQL only: the role the connections act as (`-c role=…` at connect), for a login that
   * may SET ROLE to the application's role (the test server's superuser). Production logs in as
   * the application's role directly.
   */
  role?: string;
  /** Connections of the pool (DATABASE_POOL_MAX); default 10. */
  poolMax?: number;
  /** Every transaction read-only (the replica's handle). */
  readOnly?: boolean;
}

const pgliteParsers = {
  [DATE_OID]: (v: string) => v,
  20: (v: string) => Number(v),
};

export async function openPglite(
  dataDir?: string,
  existing?: PGlite,
  handle: HandleOptions = {},
): Promise<Db> {
  const { recordKey } = handle;
  let pglite = existing;
  if (!pglite) {
    if (dataDir && !dataDir.startsWith('memory://')) {
      mkdirSync(path.resolve(dataDir), { recursive: true });
      pglite = await PGlite.create(path.resolve(dataDir, 'pglite'), {
        parsers: pgliteParsers,
        extensions: { pg_trgm },
      });
    } else {
      pglite = await PGlite.create({ parsers: pgliteParsers, extensions: { pg_trgm } });
    }
  }
  const db = pglite;
  type Tx = { query: PGlite['query']; exec: PGlite['exec'] };
  const wrap = (q: Tx, inTx: boolean): Executor => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      if (inTx) return fn(wrap(q, true));
      return db.transaction((tx) => fn(wrap(tx, true)));
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    recordKey,
  });
  const root = wrap(db, false);
  await db.exec("SET TIME ZONE 'Asia/Ho_Chi_Minh'");
  return {
    kind: 'pglite',
    query: root.query,
    transaction: root.transaction,
    exec: root.exec,
    recordKey,
    async close() {
      if (!db.closed) await db.close();
    },
  };
}

function checkRole(role?: string) {
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Invalid role name: ${role}`);
}

/**
 * The replica's handle, attached to the primary's as `reader` (closed with it): every transaction
 * read-only, the same time zone, role and record key as the primary's connections.
 */
export async function openReplica(url: string, handle: HandleOptions, primary: Db): Promise<ReadHandle> {
  const base = await openPostgres(url, { ...handle, readOnly: true });
  let served = 0;
  const reader: ReadHandle = {
    ...base,
    async query<T>(sql: string, params?: readonly unknown[], opts?: { prepared?: string }) {
      served++;
      return base.query<T>(sql, params, opts);
    },
    async transaction<T>(fn: (tx: Executor) => Promise<T>) {
      served++;
      return base.transaction(fn);
    },
    get served() {
      return served;
    },
  };
  const closePrimary = primary.close.bind(primary);
  primary.close = async () => {
    await Promise.all([closePrimary(), base.close().catch(() => {})]);
  };
  return reader;
}

export async function openPostgres(url: string, handle: HandleOptions = {}): Promise<Db> {
  const { recordKey, role } = handle;
  checkRole(role);
  // The session time zone is the domain's (CURRENT_DATE is a Vietnamese day); the API sends offsets.
  // A bounded connect: while the server is away a request fails fast with 503 instead of hanging.
  const pool = new pg.Pool({
    connectionString: url,
    max: handle.poolMax ?? 10,
    options: `-c timezone=Asia/Ho_Chi_Minh${handle.readOnly ? ' -c default_transaction_read_only=on' : ''}${role ? ` -c role=${role}` : ''}`,
    connectionTimeoutMillis: 10_000,
  });
  let closed = false;
  // An idle client dropped by the server (restart, failover, a test dropping its database) must
  // not crash the process: the pool discards it and the next query opens a new connection.
  pool.on('error', () => {});
  const wrapClient = (client: pg.PoolClient): Executor => {
    // One connection runs one query at a time: callers may `Promise.all` inside a transaction
    // (as on PGlite), so queries are chained here instead of overlapping on the client.
    let tail: Promise<unknown> = Promise.resolve();
    const serial = <T>(run: () => Promise<T>): Promise<T> => {
      const next = tail.then(run, run);
      tail = next.catch(() => {});
      return next;
    };
    const self: Executor = {
      async query<T>(sql: string, params?: readonly unknown[]) {
        const res = await serial(() => client.query(sql, params as unknown[] | undefined));
        return res.rows as T[];
      },
      // Nested transactions join the outer one (and its query chain).
      transaction: (fn) => fn(self),
      async exec(sql: string) {
        // No parameters: the simple query protocol, which runs several statements.
        await serial(() => client.query(sql));
      },
      recordKey,
    };
    return self;
  };
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[], opts?: { prepared?: string }) {
      const values = params as unknown[] | undefined;
      const res = opts?.prepared
        ? await pool.query({ name: opts.prepared, text: sql, values })
        : await pool.query(sql, values);
      return res.rows as T[];
    },
    async transaction<T>(fn: (tx: Executor) => Promise<T>) {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: if the server ends the connection
      // (restart, admin_shutdown) the client emits 'error', which unheard would crash the process.
      // The query in flight fails on its own; the broken client is discarded at release.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const out = await fn(wrapClient(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    recordKey,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
