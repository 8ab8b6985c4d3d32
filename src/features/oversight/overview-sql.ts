/**
 * The set-based reads of the committee overview (ADR 021). Each is one statement over the summary
 * rows, never over meetings or attendance: additive figures from `unit_month_rollup` (the direct
 * children × the months of the period, plus the unit's own rows for the totals), the "every month"
 * figures from the running counts of `cell_month_status` at two months per cell, grouped by the
 * direct child through `org_units.depth`, and the open alerts and recommendations of the subtree.
 */
import type { Executor } from '../../db/executor.js';

/** The additive sums of a unit (or a direct child) over the months of a period. */
export interface Sums {
  unit_id: number;
  /** At the period's last month. */
  cells_last: number;
  members_last: number;
  pending_last: number;
  /** Over every month of the period. */
  cell_months: number;
  member_months: number;
  months_due: number;
  months_held: number;
  months_on_time: number;
  months_missed: number;
  att_present: number;
  att_base: number;
  members_tasked: number;
  tasks_due: number;
  tasks_done: number;
  visits: number;
  cell_scored: number;
  cell_tot: number;
  cell_kha: number;
  cell_trung_binh: number;
  cell_kem: number;
  sup_scored: number;
  sup_tot: number;
  sup_kha: number;
  sup_trung_binh: number;
  sup_kem: number;
  final_scored: number;
  final_score_sum: number;
}

/** Cells of a group counted by what they did over the whole period (running counts). */
export interface CellCounts {
  /** The direct child the cells lie under; null for the unit asked about itself (a cell). */
  child: number | null;
  due_cells: number;
  on_time_cells: number;
  missed_cells: number;
  quarter_cells: number;
  thematic_cells: number;
}

export interface AlertCount {
  child: number | null;
  kind: string;
  n: number;
}

export interface RecommendationCount {
  child: number | null;
  total: number;
  up_to_30: number;
  up_to_90: number;
  over_90: number;
}

const SUM_COLUMNS = `
  coalesce(sum(r.cells) FILTER (WHERE r.month = $3), 0)::int AS cells_last,
  coalesce(sum(r.members) FILTER (WHERE r.month = $3), 0)::int AS members_last,
  coalesce(sum(r.months_pending) FILTER (WHERE r.month = $3), 0)::int AS pending_last,
  sum(r.cells)::int AS cell_months, sum(r.members)::int AS member_months,
  sum(r.months_due)::int AS months_due, sum(r.months_held)::int AS months_held,
  sum(r.months_on_time)::int AS months_on_time, sum(r.months_missed)::int AS months_missed,
  sum(r.att_present)::int AS att_present, sum(r.att_base)::int AS att_base,
  sum(r.members_tasked)::int AS members_tasked, sum(r.tasks_due)::int AS tasks_due,
  sum(r.tasks_done)::int AS tasks_done, sum(r.visits)::int AS visits,
  sum(r.cell_scored)::int AS cell_scored, sum(r.cell_tot)::int AS cell_tot, sum(r.cell_kha)::int AS cell_kha,
  sum(r.cell_trung_binh)::int AS cell_trung_binh, sum(r.cell_kem)::int AS cell_kem,
  sum(r.sup_scored)::int AS sup_scored, sum(r.sup_tot)::int AS sup_tot, sum(r.sup_kha)::int AS sup_kha,
  sum(r.sup_trung_binh)::int AS sup_trung_binh, sum(r.sup_kem)::int AS sup_kem,
  sum(r.final_scored)::int AS final_scored, sum(r.final_score_sum)::float8 AS final_score_sum`;

/**
 * Sums of the unit and of each listed direct child over `from`..`last`: one index range of the
 * roll-up's primary key per unit (a province over 5 years: ~1.250 × 60 rows).
 */
export async function readSums(
  ex: Executor,
  unitIds: readonly number[],
  from: string,
  last: string,
): Promise<Sums[]> {
  if (unitIds.length === 0) return [];
  return ex.query<Sums>(
    `SELECT r.unit_id, ${SUM_COLUMNS}
       FROM unit_month_rollup r
      WHERE r.unit_id = ANY($1::int[]) AND r.month BETWEEN $2 AND $3
      GROUP BY r.unit_id`,
    [unitIds, from, last],
  );
}

/**
 * The same sums for a unit and every direct child of it that is not archived, the children chosen
 * in the statement itself, so the overview runs it beside its other reads instead of after the
 * children list (one round trip less on the province's critical path).
 */
export async function readUnitAndChildSums(
  ex: Executor,
  unitId: number,
  from: string,
  last: string,
): Promise<Sums[]> {
  return ex.query<Sums>(
    `SELECT r.unit_id, ${SUM_COLUMNS}
       FROM unit_month_rollup r
      WHERE r.unit_id = ANY(ARRAY(SELECT $1::int UNION ALL
                                  SELECT c.id FROM org_units c WHERE c.parent_id = $1 AND c.archived_at IS NULL))
        AND r.month BETWEEN $2 AND $3
      GROUP BY r.unit_id`,
    [unitId, from, last],
  );
}

/**
 * Per direct child of the unit at `path` (depth `depth`), its cells counted by the period
 * `after`+1 .. `last`: a cell's running counts at `last` minus those at `after` (0 before its
 * first row). Two rows per cell, whatever the length of the period.
 */
export async function readCellCounts(
  ex: Executor,
  path: string,
  depth: number,
  after: string,
  last: string,
): Promise<CellCounts[]> {
  return ex.query<CellCounts>(
    `WITH d AS (
       SELECT NULLIF(split_part(u.path, '/', $2 + 2), '')::int AS child,
              t.cum_due - coalesce(p.cum_due, 0) AS due,
              t.cum_not_on_time - coalesce(p.cum_not_on_time, 0) AS not_on_time,
              t.cum_missed - coalesce(p.cum_missed, 0) AS missed,
              t.cum_quarters - coalesce(p.cum_quarters, 0) AS quarters,
              t.cum_quarters_without - coalesce(p.cum_quarters_without, 0) AS without
         FROM cell_month_status t
         JOIN org_units u ON u.id = t.unit_id
         LEFT JOIN cell_month_status p ON p.unit_id = t.unit_id AND p.month = $3
        WHERE t.month = $4 AND u.path LIKE $1
          AND u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL)
     SELECT child,
            count(*) FILTER (WHERE due > 0)::int AS due_cells,
            count(*) FILTER (WHERE due > 0 AND not_on_time = 0)::int AS on_time_cells,
            count(*) FILTER (WHERE missed > 0)::int AS missed_cells,
            count(*) FILTER (WHERE quarters > 0)::int AS quarter_cells,
            count(*) FILTER (WHERE quarters > 0 AND without = 0)::int AS thematic_cells
       FROM d GROUP BY child`,
    [`${path}%`, depth, after, last],
  );
}

/** Open alerts of the subtree by direct child and kind (current state, not bound to the period). */
export async function readAlerts(ex: Executor, path: string, depth: number): Promise<AlertCount[]> {
  // Driven from the subtree's units (path range, then the open-alert index per unit), never from
  // every open alert of the database: a ward's overview costs its own alerts (measured 5–8 ms →
  // 0,3 ms at a ward, 20 → 16 ms at a province of 9.600 cells).
  return ex.query<AlertCount>(
    `SELECT NULLIF(split_part(u.path, '/', $2 + 2), '')::int AS child, a.kind, count(*)::int AS n
       FROM org_units u
       JOIN alerts a ON a.unit_id = u.id AND a.resolved_at IS NULL
      WHERE u.path LIKE $1
      GROUP BY 1, 2`,
    [`${path}%`, depth],
  );
}

/** Open recommendations of the subtree by direct child and age on `today` (≤30, 31–90, >90 days). */
export async function readRecommendations(
  ex: Executor,
  path: string,
  depth: number,
  today: string,
): Promise<RecommendationCount[]> {
  return ex.query<RecommendationCount>(
    `SELECT NULLIF(split_part(u.path, '/', $2 + 2), '')::int AS child, count(*)::int AS total,
            count(*) FILTER (WHERE r.raised_on >= $3::date - 30)::int AS up_to_30,
            count(*) FILTER (WHERE r.raised_on < $3::date - 30 AND r.raised_on >= $3::date - 90)::int AS up_to_90,
            count(*) FILTER (WHERE r.raised_on < $3::date - 90)::int AS over_90
       FROM org_units u
       JOIN recommendations r ON r.unit_id = u.id AND r.closed_at IS NULL
      WHERE u.path LIKE $1
      GROUP BY 1`,
    [`${path}%`, depth, today],
  );
}

export interface TrendRow extends Omit<Sums, 'unit_id'> {
  month: string;
  quarter_cells: number | null;
  thematic_cells: number | null;
}

/**
 * The unit's own roll-up row of each month of `from`..`to`, with, on a quarter's last month, the
 * cells whose quarter ended by `today` and those of them with a thematic meeting in the quarter:
 * exactly what that month adds to `cum_quarters` and `cum_quarters_without` (summary.ts), read from
 * the quarter-end rows alone. One statement.
 */
export async function readTrend(
  ex: Executor,
  unit: { id: number; path: string },
  from: string,
  to: string,
  quarterEnds: readonly string[],
  today: string,
): Promise<TrendRow[]> {
  return ex.query<TrendRow>(
    `WITH q AS (
       SELECT t.month,
              count(*)::int AS quarter_cells,
              count(*) FILTER (WHERE t.thematic_in_quarter)::int AS thematic_cells
         FROM cell_month_status t
         JOIN org_units u ON u.id = t.unit_id AND u.path LIKE $5
          AND u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL
        WHERE t.month = ANY($4::text[]) AND t.regular_state <> 'none'
          AND (to_date(t.month, 'YYYY-MM') + interval '1 month')::date <= $6::date
        GROUP BY t.month)
     SELECT r.month, ${SUM_COLUMNS.replaceAll('$3', 'r.month')}, q.quarter_cells, q.thematic_cells
       FROM unit_month_rollup r LEFT JOIN q ON q.month = r.month
      WHERE r.unit_id = $1 AND r.month BETWEEN $2 AND $3
      GROUP BY r.month, q.quarter_cells, q.thematic_cells
      ORDER BY r.month`,
    [unit.id, from, to, quarterEnds, `${unit.path}%`, today],
  );
}
