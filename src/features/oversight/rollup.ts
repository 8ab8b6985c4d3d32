/**
 * Roll-ups (ADR 021): one `unit_month_rollup` row per unit × month summing the cell rows of the
 * unit's whole subtree. A cell's row is its own `cell_month_status` row; any other unit's row is
 * the sum of its direct children's rows, so a write refreshes the chain of ancestors of one cell
 * (one small statement per level) and the job rebuilds a subtree level by level, deepest first.
 * Archived units have no roll-up rows and count in no ancestor.
 */
import type { Executor } from '../../db/executor.js';

const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

export const CELL_KINDS_SQL = "('chi_bo', 'chi_bo_co_so')";

/** Roll-up columns and how a cell row (alias `s`) fills each. */
const FROM_CELL: readonly (readonly [string, string])[] = [
  ['cells', "(s.regular_state <> 'none')::int"],
  ['members', 's.members_count'],
  ['months_due', "(s.regular_state IN ('held_on_time', 'held_late', 'missed'))::int"],
  ['months_held', "(s.regular_state IN ('held_on_time', 'held_late'))::int"],
  ['months_on_time', "(s.regular_state = 'held_on_time')::int"],
  ['months_missed', "(s.regular_state = 'missed')::int"],
  ['months_pending', "(s.regular_state = 'pending')::int"],
  ['thematic_held', 's.thematic_held'],
  ['att_present', 's.att_present'],
  ['att_base', 's.att_base'],
  ['members_tasked', 's.members_tasked'],
  ['tasks_due', 's.tasks_due'],
  ['tasks_done', 's.tasks_done'],
  ['visits', 's.visits'],
  ['cell_scored', '(s.cell_band IS NOT NULL)::int'],
  ['cell_tot', "(s.cell_band IS NOT DISTINCT FROM 'tot')::int"],
  ['cell_kha', "(s.cell_band IS NOT DISTINCT FROM 'kha')::int"],
  ['cell_trung_binh', "(s.cell_band IS NOT DISTINCT FROM 'trung_binh')::int"],
  ['cell_kem', "(s.cell_band IS NOT DISTINCT FROM 'kem')::int"],
  ['sup_scored', '(s.supervisor_band IS NOT NULL)::int'],
  ['sup_tot', "(s.supervisor_band IS NOT DISTINCT FROM 'tot')::int"],
  ['sup_kha', "(s.supervisor_band IS NOT DISTINCT FROM 'kha')::int"],
  ['sup_trung_binh', "(s.supervisor_band IS NOT DISTINCT FROM 'trung_binh')::int"],
  ['sup_kem', "(s.supervisor_band IS NOT DISTINCT FROM 'kem')::int"],
  ['final_scored', '(s.final_score IS NOT NULL)::int'],
  ['final_score_sum', 'coalesce(s.final_score, 0)'],
];

export const ROLLUP_COLUMNS: readonly string[] = FROM_CELL.map(([c]) => c);

const COLS = ROLLUP_COLUMNS.join(', ');
export const CELL_SELECT = FROM_CELL.map(([c, e]) => `${e} AS ${c}`).join(', ');
export const SUM_SELECT = ROLLUP_COLUMNS.map((c) => `sum(r.${c}) AS ${c}`).join(', ');
const UPSERT = `ON CONFLICT (unit_id, month) DO UPDATE SET ${ROLLUP_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`;

/**
 * Rewrites one unit's rows for months `from`..`to` from `source` (a query yielding `month` and the
 * roll-up columns) and removes its rows of months the source no longer yields.
 */
async function writeUnitRows(ex: Executor, unitId: number, from: string, to: string, source: string) {
  await ex.query(
    `WITH src AS (${source}),
     gone AS (
       DELETE FROM unit_month_rollup d
        WHERE d.unit_id = $1 AND d.month BETWEEN $2 AND $3 AND NOT EXISTS (SELECT 1 FROM src WHERE src.month = d.month)
     )
     INSERT INTO unit_month_rollup (unit_id, month, ${COLS}, updated_at)
     SELECT $1, month, ${COLS}, now() FROM src
     ${UPSERT}`,
    [unitId, from, to],
  );
}

const CELL_SOURCE = `SELECT s.month, ${CELL_SELECT}
    FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
   WHERE s.unit_id = $1 AND u.archived_at IS NULL AND s.month BETWEEN $2 AND $3`;

const CHILDREN_SOURCE = `SELECT r.month, ${SUM_SELECT}
    FROM org_units c JOIN unit_month_rollup r ON r.unit_id = c.id
   WHERE c.parent_id = $1 AND c.archived_at IS NULL AND r.month BETWEEN $2 AND $3
     AND EXISTS (SELECT 1 FROM org_units p WHERE p.id = $1 AND p.archived_at IS NULL)
   GROUP BY r.month`;

/**
 * Refreshes the rows of the unit at `path` (its cell row, or the sum of its children) and of each
 * of its ancestors, bottom-up, for months `from`..`to`: one statement per level.
 */
export async function refreshRollupChain(
  ex: Executor,
  path: string,
  from: string,
  to: string,
): Promise<void> {
  const ids = pathIds(path);
  const [unit] = await ex.query<{ is_cell: boolean }>(
    `SELECT kind IN ${CELL_KINDS_SQL} AS is_cell FROM org_units WHERE id = $1`,
    [ids[ids.length - 1]],
  );
  if (!unit) return;
  for (let i = ids.length - 1; i >= 0; i--) {
    const source = i === ids.length - 1 && unit.is_cell ? CELL_SOURCE : CHILDREN_SOURCE;
    await writeUnitRows(ex, ids[i]!, from, to, source);
  }
}

/** Refreshes only the ancestors of the unit at `path` (not the unit itself), bottom-up. */
export async function refreshAncestorRollups(ex: Executor, path: string, from: string, to: string) {
  const ids = pathIds(path).slice(0, -1);
  for (let i = ids.length - 1; i >= 0; i--) await writeUnitRows(ex, ids[i]!, from, to, CHILDREN_SOURCE);
}

/** Every month that has a roll-up row or a cell row under `path` (for a move: which months to redo). */
export async function monthSpanUnder(
  ex: Executor,
  path: string,
): Promise<{ from: string; to: string } | null> {
  const [row] = await ex.query<{ from: string | null; to: string | null }>(
    `SELECT min(s.month) AS "from", max(s.month) AS "to"
       FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id WHERE u.path LIKE $1`,
    [`${path}%`],
  );
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

export interface RollupRange {
  /** Subtree to rebuild (materialized path, e.g. `/1/12/`); `/` for the whole tree. */
  rootPath?: string;
  from: string;
  to: string;
}

/**
 * Rebuilds the roll-ups of a subtree for months `from`..`to` set-based: its rows are deleted, then
 * one INSERT … SELECT per depth, deepest first (cells from their cell rows, other units from their
 * direct children's rows written by the previous statement), then the ancestors above the subtree.
 */
export async function rebuildRollups(ex: Executor, { rootPath = '/', from, to }: RollupRange) {
  const like = `${rootPath}%`;
  await ex.query(
    `DELETE FROM unit_month_rollup r USING org_units u
      WHERE u.id = r.unit_id AND u.path LIKE $1 AND r.month BETWEEN $2 AND $3`,
    [like, from, to],
  );
  const [span] = await ex.query<{ lo: number | null; hi: number | null }>(
    'SELECT min(depth) AS lo, max(depth) AS hi FROM org_units WHERE path LIKE $1 AND archived_at IS NULL',
    [like],
  );
  let rows = 0;
  if (span?.lo != null && span.hi != null) {
    for (let depth = span.hi; depth >= span.lo; depth--) {
      const inserted = await ex.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO unit_month_rollup (unit_id, month, ${COLS}, updated_at)
           SELECT s.unit_id, s.month, ${CELL_SELECT}, now()
             FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
            WHERE u.depth = $4 AND u.kind IN ${CELL_KINDS_SQL} AND u.archived_at IS NULL AND u.path LIKE $1
              AND s.month BETWEEN $2 AND $3
           UNION ALL
           SELECT p.id, r.month, ${SUM_SELECT}, now()
             FROM org_units p
             JOIN org_units c ON c.parent_id = p.id AND c.archived_at IS NULL
             JOIN unit_month_rollup r ON r.unit_id = c.id AND r.month BETWEEN $2 AND $3
            WHERE p.depth = $4 AND p.kind NOT IN ${CELL_KINDS_SQL} AND p.archived_at IS NULL AND p.path LIKE $1
            GROUP BY p.id, r.month
           ${UPSERT}
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM ins`,
        [like, from, to, depth],
      );
      rows += inserted[0]?.n ?? 0;
    }
  }
  if (rootPath !== '/') await refreshAncestorRollups(ex, rootPath, from, to);
  return rows;
}
