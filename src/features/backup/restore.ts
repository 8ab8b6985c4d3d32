/**
 * `chibo restore`: loads a backup (format.ts) into an empty database, in one transaction, and
 * commits only when every table reads back with the count and digest the backup recorded and
 * the records' integrity check passes (ADR 020).
 *
 * The database's locks (triggers refusing changes to adopted minutes, confirmed scores, or an
 * adopted version inserted as such) are lifted for the load with `ALTER TABLE … DISABLE TRIGGER
 * USER`, inside the transaction: only the tables' owner may do it, foreign keys stay checked, and
 * a failure puts everything back. Restoring is the owner's act, like migrating; what it loads is
 * checked afterwards against the keyed hashes, which no backup file can forge without the key.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/executor.js';
import { CODE_MIGRATIONS, type CodeMigration, listMigrations, migrate } from '../../db/migrate.js';
import { AppError } from '../../server/errors.js';
import { appliedMigrations } from './backup.js';
import { ident, MIGRATION_SEEDED_TABLES, readCatalog, type TableInfo } from './catalog.js';
import { type BackupHeader, type Line, readBackup } from './format.js';
import { digestTables, fixTextForms, type Row, TableDigest, type TableSummary } from './rows.js';

/** Result of the records' integrity check: Vietnamese lines for the operator. */
export interface IntegrityReport {
  ok: boolean;
  lines: string[];
}

export interface RestoreOptions {
  /** Checks the restored records inside the restore transaction, before it commits. */
  verify?: (tx: Executor) => Promise<IntegrityReport>;
  /** Commit even when `verify` finds broken records (the operator's explicit choice). */
  unverified?: boolean;
  codeMigrations?: readonly CodeMigration[];
}

export interface RestoreSummary {
  tables: TableSummary[];
  rows: number;
  /** Migrations of the backup (the schema it was loaded into). */
  migrations: string[];
  /** Migrations applied after the load, when the backup came from an older version. */
  upgraded: string[];
  integrity?: IntegrityReport;
  sourceCreatedAt: string;
}

const refuse = (message: string, details?: Record<string, unknown>) =>
  new AppError('RESTORE_REFUSED', message, details);
const invalid = (why: string) => new AppError('BACKUP_FILE_INVALID', `Tệp sao lưu không dùng được: ${why}.`);

/** Flush a batch at this many rows or this much JSON, whichever comes first. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

export async function restoreBackup(
  db: Db,
  input: Readable,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  const codeMigrations = opts.codeMigrations ?? CODE_MIGRATIONS;
  const lines = readBackup(input)[Symbol.asyncIterator]();
  try {
    const first = await lines.next();
    const header = first.value as BackupHeader;

    await refuseIfNotEmpty(db);
    await prepareSchema(db, header.migrations, codeMigrations);

    const result = await db.transaction(async (tx) => {
      await fixTextForms(tx);
      const tables = await matchTables(tx, header);
      await refuseIfNotEmpty(tx);
      await liftLocks(tx, tables, 'DISABLE');
      for (const t of tables)
        if (MIGRATION_SEEDED_TABLES.has(t.name)) await tx.query(`DELETE FROM ${ident(t.name)}`);

      const fromFile = await loadTables(tx, tables, lines);
      await restoreSequences(tx, header);
      await liftLocks(tx, tables, 'ENABLE');

      // What the database now holds, read back the way the backup read the source.
      const loaded = await digestTables(tx, tables);
      const differ = loaded.filter(
        (l, i) => l.rows !== fromFile[i]!.rows || l.sha256 !== fromFile[i]!.sha256,
      );
      if (differ.length)
        throw refuse(
          `Dữ liệu sau khi nạp khác bản sao lưu ở bảng ${differ.map((d) => d.table).join(', ')}.`,
          {
            tables: differ.map((d) => d.table),
          },
        );

      const integrity = opts.verify ? await opts.verify(tx) : undefined;
      if (integrity && !integrity.ok && !opts.unverified)
        throw refuse(
          `Hồ sơ trong bản sao lưu không qua kiểm tra toàn vẹn, nên chưa khôi phục:\n${integrity.lines.join('\n')}\n` +
            'Nếu vẫn cần nạp để điều tra, chạy lại với --unverified (dữ liệu nạp vào giữ nguyên dấu hiệu hỏng).',
          { integrity: integrity.lines },
        );
      return { tables: loaded, integrity };
    });

    // A backup of an older version: the newer migrations now run on the restored data.
    const upgraded = await migrate(db, codeMigrations);
    return {
      ...result,
      rows: result.tables.reduce((s, t) => s + t.rows, 0),
      migrations: header.migrations,
      upgraded,
      sourceCreatedAt: header.createdAt,
    };
  } finally {
    await lines.return?.(undefined);
  }
}

/** `chibo restore FILE`. */
export function restoreFromFile(db: Db, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  return restoreBackup(db, createReadStream(file), opts);
}

/** Refuses a database holding anything but what migrations put there. */
async function refuseIfNotEmpty(ex: Executor): Promise<void> {
  if ((await appliedMigrations(ex)) === null) {
    const [other] = await ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
    );
    if ((other?.n ?? 0) > 0)
      throw refuse(
        'Cơ sở dữ liệu đích đã có bảng nhưng không phải của chibo. Hãy khôi phục vào một cơ sở dữ liệu mới, trống.',
      );
    return;
  }
  const { tables } = await readCatalog(ex);
  const filled: string[] = [];
  for (const t of tables) {
    if (MIGRATION_SEEDED_TABLES.has(t.name)) continue;
    const [r] = await ex.query<{ filled: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${ident(t.name)}) AS filled`,
    );
    if (r?.filled) filled.push(t.name);
  }
  if (filled.length)
    throw refuse(
      `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${filled.slice(0, 8).join(', ')}${filled.length > 8 ? '…' : ''}). ` +
        'Chỉ khôi phục vào cơ sở dữ liệu trống: tạo một cơ sở dữ liệu mới (PostgreSQL) hoặc đặt DATA_DIR sang thư mục mới (PGlite).',
      { tables: filled },
    );
}

/**
 * Brings an empty database to the backup's schema version: the backup's own migrations, no newer
 * ones (those run after the load, on the data). A database already past that version is refused.
 */
async function prepareSchema(
  db: Db,
  wanted: string[],
  codeMigrations: readonly CodeMigration[],
): Promise<void> {
  const sql = listMigrations();
  const known = new Set([...sql.map((m) => m.name), ...codeMigrations.map((c) => c.name)]);
  const unknown = wanted.filter((n) => !known.has(n));
  if (unknown.length)
    throw refuse(
      `Bản sao lưu được tạo bởi phiên bản chibo mới hơn phiên bản này (chưa có migration ${unknown.join(', ')}). ` +
        'Hãy cập nhật chibo rồi khôi phục.',
    );
  const applied = (await appliedMigrations(db)) ?? [];
  const extra = applied.filter((n) => !wanted.includes(n));
  if (extra.length)
    throw refuse(
      `Cơ sở dữ liệu đích đã ở phiên bản cấu trúc mới hơn bản sao lưu (có thêm ${extra.join(', ')}). ` +
        'Hãy khôi phục vào một cơ sở dữ liệu mới hoàn toàn (chưa chạy migrate): chibo tự tạo cấu trúc đúng phiên bản của bản sao lưu, nạp dữ liệu rồi nâng cấp.',
    );
  const missing = new Set(wanted.filter((n) => !applied.includes(n)));
  if (missing.size === 0) return;
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727001)');
    // In migrate()'s order: the SQL files, then the code steps.
    for (const m of sql) {
      if (!missing.has(m.name)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
    }
    for (const step of codeMigrations) {
      if (!missing.has(step.name)) continue;
      await step.run(tx);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [step.name]);
    }
  });
}

/**
 * The target's tables, which must be the backup's exactly (names, columns, types, order). SQL is
 * built from the target's own catalog only: a crafted file cannot inject a type or a name.
 */
async function matchTables(tx: Executor, header: BackupHeader): Promise<TableInfo[]> {
  const { tables } = await readCatalog(tx);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  for (const h of header.tables) {
    const t = byName.get(h.name);
    const same =
      t &&
      t.columns.length === h.columns.length &&
      t.columns.every((c, i) => c.name === h.columns[i]?.name && c.type === h.columns[i]?.type);
    if (!same)
      throw refuse(
        `Cấu trúc bảng ${h.name} trong cơ sở dữ liệu đích khác bản sao lưu, dù cùng phiên bản migration.`,
      );
    out.push(t);
  }
  return out;
}

async function liftLocks(tx: Executor, tables: TableInfo[], how: 'DISABLE' | 'ENABLE'): Promise<void> {
  try {
    for (const t of tables) await tx.query(`ALTER TABLE ${ident(t.name)} ${how} TRIGGER USER`);
  } catch (err) {
    if ((err as { code?: string }).code === '42501')
      throw refuse(
        'Lệnh khôi phục phải chạy bằng tài khoản sở hữu các bảng (tài khoản chạy chibo migrate), không phải tài khoản của ứng dụng.',
      );
    throw err;
  }
}

/** Reads the table sections in file order (referenced tables first) and inserts them in batches. */
async function loadTables(
  tx: Executor,
  tables: TableInfo[],
  lines: AsyncIterator<BackupHeader | Line>,
): Promise<TableSummary[]> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const summaries = new Map<string, TableSummary>();
  let current: { t: TableInfo; digest: TableDigest; batch: Row[]; bytes: number; later: Row[] } | null = null;
  let done = false;

  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    await tx.query(insertSql(current.t), [JSON.stringify(current.batch)]);
    current.batch = [];
    current.bytes = 0;
  };

  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const line = next.value as Line;
    if (done) throw invalid('có dữ liệu sau dòng kết thúc');
    if (line.kind === 'table') {
      if (current) throw invalid(`bảng ${current.t.name} chưa có dòng kết thúc`);
      const t = byName.get(line.table);
      if (!t || summaries.has(line.table))
        throw invalid(`bảng ${line.table} không có trong phần đầu hoặc lặp lại`);
      current = { t, digest: new TableDigest(), batch: [], bytes: 0, later: [] };
    } else if (line.kind === 'row') {
      if (!current) throw invalid('có dòng dữ liệu ngoài bảng');
      const row = line.row;
      if (row.length !== current.t.columns.length || row.some((v) => v !== null && typeof v !== 'string'))
        throw invalid(`dòng ${current.digest.rows + 1} của bảng ${current.t.name} sai số cột`);
      current.digest.add(row);
      current.batch.push(row);
      current.bytes += row.reduce((s, v) => s + (v?.length ?? 4), 0);
      if (current.t.selfRefs.length && selfRefIndexes(current.t).some((i) => row[i] !== null))
        current.later.push(row);
      if (current.batch.length >= BATCH_ROWS || current.bytes >= BATCH_BYTES) await flush();
    } else if (line.kind === 'end') {
      if (!current || current.t.name !== line.table)
        throw invalid(`dòng kết thúc của bảng ${line.table} sai chỗ`);
      await flush();
      await linkSelfRefs(tx, current.t, current.later);
      if (current.digest.rows !== line.rows || current.digest.hex() !== line.sha256)
        throw invalid(
          `dữ liệu bảng ${line.table} không khớp số dòng hoặc mã kiểm tra ghi trong tệp (tệp hỏng?)`,
        );
      summaries.set(line.table, { table: line.table, rows: line.rows, sha256: line.sha256 });
      current = null;
    } else {
      if (current) throw invalid(`bảng ${current.t.name} chưa có dòng kết thúc`);
      done = true;
    }
  }
  if (!done) throw invalid('tệp bị cắt cụt (thiếu dòng kết thúc)');
  const missing = tables.filter((t) => !summaries.has(t.name));
  if (missing.length) throw invalid(`thiếu dữ liệu của bảng ${missing.map((t) => t.name).join(', ')}`);
  return tables.map((t) => summaries.get(t.name)!);
}

function insertSql(t: TableInfo): string {
  const self = new Set(t.selfRefs);
  const cols = t.columns.map((c) => ident(c.name)).join(', ');
  // Self-references are written in a second pass (a parent may come after its child in key order).
  const values = t.columns
    .map((c, i) => (self.has(c.name) ? `NULL::${c.type}` : `(r.v->>${i})::${c.type}`))
    .join(', ');
  const overriding = t.hasIdentity ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${ident(t.name)} (${cols})${overriding} SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS r(v)`;
}

const selfRefIndexes = (t: TableInfo) => t.selfRefs.map((s) => t.columns.findIndex((c) => c.name === s));

async function linkSelfRefs(tx: Executor, t: TableInfo, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const col = (name: string) => t.columns.findIndex((c) => c.name === name);
  const type = (name: string) => t.columns[col(name)]!.type;
  const set = t.selfRefs.map((s) => `${ident(s)} = (r.v->>${col(s)})::${type(s)}`).join(', ');
  const where = t.key.map((k) => `x.${ident(k)} = (r.v->>${col(k)})::${type(k)}`).join(' AND ');
  const sql = `UPDATE ${ident(t.name)} AS x SET ${set} FROM jsonb_array_elements($1::jsonb) AS r(v) WHERE ${where}`;
  for (let i = 0; i < rows.length; i += BATCH_ROWS)
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + BATCH_ROWS))]);
}

/**
 * Serial ids continue after the backup's: each sequence is set to the larger of its value in the
 * source and the largest id loaded, so a new row never collides with a restored one.
 */
async function restoreSequences(tx: Executor, header: BackupHeader): Promise<void> {
  const { sequences } = await readCatalog(tx);
  const saved = new Map(header.sequences.map((s) => [s.name, s.lastValue]));
  for (const s of sequences) {
    let top: bigint | null = null;
    const last = saved.get(s.name);
    if (last && /^-?\d+$/.test(last)) top = BigInt(last);
    if (s.table && s.column) {
      const [m] = await tx.query<{ max: string | null }>(
        `SELECT max(${ident(s.column)})::text AS max FROM ${ident(s.table)}`,
      );
      if (m?.max && (top === null || BigInt(m.max) > top)) top = BigInt(m.max);
    }
    if (top !== null)
      await tx.query('SELECT setval($1::regclass, $2::bigint, true)', [ident(s.name), top.toString()]);
  }
}
