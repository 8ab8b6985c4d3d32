/**
 * What a backup holds, read from the database's own catalog (the same on PGlite and PostgreSQL):
 * every table of the schema with its columns, key and foreign keys, in an order where every
 * referenced table comes first, and the sequences behind serial ids.
 */
import type { Executor } from '../../db/executor.js';

/** Left out of a backup: the migration ledger (carried in the header) and live sessions. */
export const EXCLUDED_TABLES = new Set(['schema_migrations', 'sessions']);

/** Tables that migrations fill (reference data): present in a new database, replaced on restore. */
export const MIGRATION_SEEDED_TABLES = new Set(['holiday_decisions']);

export interface ColumnInfo {
  name: string;
  /** As format_type() spells it, usable as a cast target: `timestamp with time zone`, `date[]`. */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary key columns (empty when the table has none: rows are then ordered by every column). */
  key: string[];
  /** Columns referencing this same table (org_units.parent_id): loaded in a second pass. */
  selfRefs: string[];
  /** Columns of text types, ordered with COLLATE "C" so both sides sort alike. */
  textColumns: string[];
  hasBytea: boolean;
  hasIdentity: boolean;
}

export interface SequenceInfo {
  name: string;
  table: string | null;
  column: string | null;
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function readCatalog(ex: Executor): Promise<{ tables: TableInfo[]; sequences: SequenceInfo[] }> {
  const cols = await ex.query<{
    table: string;
    column: string;
    type: string;
    is_text: boolean;
    is_bytea: boolean;
    identity: string;
    generated: string;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'name'::regtype) AS is_text,
            a.atttypid = 'bytea'::regtype AS is_bytea, a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const keys = await ex.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum
      WHERE k.contype = 'p' AND n.nspname = current_schema()
      ORDER BY c.relname, u.ord`,
  );
  const fks = await ex.query<{ table: string; ref: string; columns: string[]; nullable: boolean }>(
    `SELECT c.relname AS table, r.relname AS ref,
            array(SELECT a.attname::text FROM unnest(k.conkey) AS u(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum) AS columns,
            NOT EXISTS (SELECT 1 FROM unnest(k.conkey) AS u(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum WHERE a.attnotnull) AS nullable
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const seqs = await ex.query<{ name: string; table: string | null; column: string | null }>(
    `SELECT s.relname AS name, t.relname AS table, a.attname AS column
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND n.nspname = current_schema()
      ORDER BY s.relname`,
  );

  const byName = new Map<string, TableInfo>();
  for (const c of cols) {
    if (EXCLUDED_TABLES.has(c.table)) continue;
    let t = byName.get(c.table);
    if (!t) {
      t = {
        name: c.table,
        columns: [],
        key: [],
        selfRefs: [],
        textColumns: [],
        hasBytea: false,
        hasIdentity: false,
      };
      byName.set(c.table, t);
    }
    // A generated column is computed by the database and cannot be written.
    if (c.generated) continue;
    t.columns.push({ name: c.column, type: c.type });
    if (c.is_text) t.textColumns.push(c.column);
    if (c.is_bytea) t.hasBytea = true;
    if (c.identity) t.hasIdentity = true;
  }
  for (const k of keys) byName.get(k.table)?.key.push(k.column);

  const deps = new Map<string, Set<string>>([...byName.keys()].map((n) => [n, new Set<string>()]));
  for (const fk of fks) {
    const t = byName.get(fk.table);
    if (!t || !byName.has(fk.ref)) continue;
    if (fk.ref === fk.table) {
      if (!fk.nullable || t.key.length === 0)
        throw new Error(
          `Bảng ${fk.table} tự tham chiếu qua cột bắt buộc hoặc không có khóa chính: chưa sao lưu được.`,
        );
      t.selfRefs.push(...fk.columns.filter((c) => !t.selfRefs.includes(c)));
    } else {
      deps.get(fk.table)!.add(fk.ref);
    }
  }
  return {
    tables: dependencyOrder(byName, deps),
    sequences: seqs.filter((s) => !s.table || !EXCLUDED_TABLES.has(s.table)),
  };
}

/** Referenced tables first; ties by name, so the same schema always gives the same order. */
function dependencyOrder(byName: Map<string, TableInfo>, deps: Map<string, Set<string>>): TableInfo[] {
  const out: TableInfo[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name)) return;
    if (visiting.has(name))
      throw new Error(`Vòng khóa ngoại giữa các bảng (qua ${name}): chưa sao lưu được.`);
    visiting.add(name);
    for (const d of [...deps.get(name)!].sort()) visit(d);
    visiting.delete(name);
    done.add(name);
    out.push(byName.get(name)!);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return out;
}

/** The ordered, text-valued SELECT both the backup and the verification read a table with. */
export function selectRowsSql(t: TableInfo): string {
  const list = t.columns.map((c, i) => `${ident(c.name)}::text AS c${i}`).join(', ');
  const text = new Set(t.textColumns);
  const order = (t.key.length ? t.key : t.columns.map((c) => c.name))
    .map((c) => (text.has(c) || t.key.length === 0 ? `${ident(c)}::text COLLATE "C"` : ident(c)))
    .join(', ');
  return `SELECT ${list} FROM ${ident(t.name)} ORDER BY ${order}`;
}
