/**
 * The job's summary refresh (issue 12, ADR 029): the calendar's own turn queues the rows the date
 * alone changes, then the queued rows are claimed (`run_id`), rebuilt by the same statement as a
 * subtree rebuild (summary.ts `rebuildSql('dirty')`), their running counts recomputed from each
 * cell's first queued month, the roll-ups of the cells and every ancestor rewritten level by
 * level (one statement per depth), and the claimed queue rows deleted. A few statements whatever
 * the number of rows; nothing but counts comes back to Node.
 */
import type { Executor } from '../../db/executor.js';
import { DEFAULT_PACK_ID } from '../../rules/index.js';
import { CELL_KINDS_SQL, CELL_SELECT, ROLLUP_COLUMNS, SUM_SELECT } from './rollup.js';
import { analyzeTable, cumSql, packSegments, rebuildSql } from './summary.js';

const BULK_ROWS = 5_000;

function monthOf(day: string, back = 0): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
}

/**
 * The calendar's turn (periodic job only): after a month turns (or on the first run, or when the
 * date went back) every cell's rows of this and last month; on a later day of the same month only
 * the rows the day changes: pending rows now past their due date, cells without this month's row,
 * and cells whose members on this day differ (a membership starting or ending since the last pass).
 * Returns the rows queued.
 */
export async function queueCalendarTurn(ex: Executor, today: string): Promise<number> {
  const [mark] = await ex.query<{ value: string }>(
    "SELECT value FROM oversight_job_state WHERE key = 'calendar_day'",
  );
  const last = mark?.value;
  if (last === today) return 0;
  const month = monthOf(today);
  const months = [monthOf(today, 1), month];
  let queued: { n: number }[];
  if (!last || last > today || last.slice(0, 7) !== month) {
    queued = await ex.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO oversight_dirty (unit_id, month)
         SELECT c.id, m FROM org_units c CROSS JOIN unnest($1::text[]) AS t(m)
          WHERE c.kind IN ${CELL_KINDS_SQL} AND c.archived_at IS NULL
         ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now()
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [months],
    );
  } else {
    queued = await ex.query<{ n: number }>(
      `WITH pick AS (
         SELECT s.unit_id, s.month FROM cell_month_status s
          WHERE s.month = ANY($1::text[]) AND s.regular_state = 'pending' AND s.due_date < $3::date
         UNION
         SELECT c.id, $2 FROM org_units c
          WHERE c.kind IN ${CELL_KINDS_SQL} AND c.archived_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM cell_month_status s WHERE s.unit_id = c.id AND s.month = $2)
         UNION
         SELECT ms.unit_id, $2 FROM memberships ms
          WHERE (ms.valid_from > $4::date AND ms.valid_from <= $3::date)
             OR (ms.valid_to > $4::date AND ms.valid_to <= $3::date)
       ), ins AS (
         INSERT INTO oversight_dirty (unit_id, month)
         SELECT p.unit_id, p.month FROM pick p JOIN org_units c ON c.id = p.unit_id
          WHERE c.kind IN ${CELL_KINDS_SQL} AND c.archived_at IS NULL
         ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now()
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [months, month, today, last],
    );
  }
  await ex.query(
    `INSERT INTO oversight_job_state (key, value) VALUES ('calendar_day', $1)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [today],
  );
  return queued[0]?.n ?? 0;
}

const COLS = ROLLUP_COLUMNS.join(', ');

/** The roll-up rows of the claimed units at one depth ($2): removed, then written again below. */
const ROLLUP_LEVEL_DELETE = `
DELETE FROM unit_month_rollup d
 USING oversight_dirty q, org_units u
 WHERE q.run_id = $1::bigint AND u.id = q.unit_id AND u.depth = $2 AND d.unit_id = q.unit_id AND d.month = q.month`;

/** Each claimed unit's rows at one depth ($2), from its cell row or the sum of its children's. */
const ROLLUP_LEVEL_INSERT = `
INSERT INTO unit_month_rollup (unit_id, month, ${COLS}, updated_at)
SELECT s.unit_id, s.month, ${CELL_SELECT}, now()
  FROM oversight_dirty q
  JOIN org_units u ON u.id = q.unit_id AND u.depth = $2 AND u.kind IN ${CELL_KINDS_SQL} AND u.archived_at IS NULL
  JOIN cell_month_status s ON s.unit_id = q.unit_id AND s.month = q.month
 WHERE q.run_id = $1::bigint
UNION ALL
SELECT p.id, r.month, ${SUM_SELECT}, now()
  FROM oversight_dirty q
  JOIN org_units p ON p.id = q.unit_id AND p.depth = $2 AND p.kind NOT IN ${CELL_KINDS_SQL} AND p.archived_at IS NULL
  JOIN org_units c ON c.parent_id = p.id AND c.archived_at IS NULL
  JOIN unit_month_rollup r ON r.unit_id = c.id AND r.month = q.month
 WHERE q.run_id = $1::bigint
 GROUP BY p.id, r.month`;

/**
 * Claims the queued rows (all, or those of units under `rootPath`), rebuilds them, their running
 * counts and the roll-ups of their cells and ancestors, and deletes what it claimed. Returns the
 * cell rows written. Runs inside the job's transaction.
 */
export async function drainDirty(ex: Executor, today: string, rootPath = '/'): Promise<number> {
  const [{ run }] = (await ex.query<{ run: string }>('SELECT txid_current()::text AS run')) as [
    { run: string },
  ];
  const [span] = await ex.query<{ from: string | null; to: string | null; n: number }>(
    `WITH claimed AS (
       UPDATE oversight_dirty q SET run_id = $1::bigint
         FROM org_units u
        WHERE u.id = q.unit_id AND u.path LIKE $2 AND q.run_id IS NULL
       RETURNING q.month)
     SELECT min(month) AS "from", max(month) AS "to", count(*)::int AS n FROM claimed`,
    [run, `${rootPath}%`],
  );
  if (!span?.from || !span.to) return 0;
  if (span.n >= BULK_ROWS) await analyzeTable(ex, 'oversight_dirty');
  const segments = await packSegments(ex);
  const [written] = await ex.query<{ n: number }>(rebuildSql('dirty'), [
    run,
    span.from,
    span.to,
    today,
    JSON.stringify(segments),
    DEFAULT_PACK_ID,
  ]);
  const cellRows = written?.n ?? 0;
  if (cellRows >= BULK_ROWS) await analyzeTable(ex, 'cell_month_status');
  await ex.query(cumSql('dirty'), [run, today]);
  // The ancestors of every claimed cell, for the same months, join the claim.
  await ex.query(
    `INSERT INTO oversight_dirty (unit_id, month, run_id)
     SELECT DISTINCT a.id, q.month, $1::bigint
       FROM oversight_dirty q
       JOIN org_units c ON c.id = q.unit_id
       JOIN org_units a ON a.id = ANY (string_to_array(trim(BOTH '/' FROM c.path), '/')::int[]) AND a.id <> c.id
      WHERE q.run_id = $1::bigint
     ON CONFLICT (unit_id, month) DO UPDATE SET run_id = EXCLUDED.run_id`,
    [run],
  );
  // A bulk claim (a month turn): fresh statistics keep the joins on the queue hashed, not nested.
  if (span.n >= BULK_ROWS) await analyzeTable(ex, 'oversight_dirty');
  const [depths] = await ex.query<{ lo: number | null; hi: number | null }>(
    `SELECT min(u.depth) AS lo, max(u.depth) AS hi FROM oversight_dirty q JOIN org_units u ON u.id = q.unit_id
      WHERE q.run_id = $1::bigint`,
    [run],
  );
  if (depths?.lo != null && depths.hi != null)
    for (let depth = depths.hi; depth >= depths.lo; depth--) {
      await ex.query(ROLLUP_LEVEL_DELETE, [run, depth]);
      await ex.query(ROLLUP_LEVEL_INSERT, [run, depth]);
    }
  if (span.n >= BULK_ROWS) await analyzeTable(ex, 'unit_month_rollup');
  await ex.query('DELETE FROM oversight_dirty WHERE run_id = $1::bigint', [run]);
  return cellRows;
}
