/**
 * Done / not done of the programme's rows, from the records (ADR 025 part C), set-based over a
 * list of cells:
 * - a key task (or other item) is done when it was marked covered at a held meeting of the cell
 *   (POST /api/meetings/{id}/activity-items/{itemId}) or when its agenda item (`plan_item:<id>`,
 *   inserted by ensureAgenda) was ticked done at a held meeting of the cell — derived, never a
 *   second write;
 * - a thematic row (thematic_plans) is done when a thematic or combined meeting of the cell was
 *   held in that quarter;
 * - otherwise a row whose month (quarter) ended before the current month is "not done", the
 *   others are "not due".
 */
import type { Executor } from '../../db/executor.js';
import type { ItemStatus } from './schema.js';

const TZ = "'Asia/Ho_Chi_Minh'";

/**
 * The status CTEs over the cells `cells` (a SQL array of unit ids, read through the indexes), with $2 the year and $3 today
 * (ISO date): `item_status (id, unit_id, month, status)`, `thematic_status (unit_id, quarter, status)`.
 */
export const statusCtes = (cells: string) => `
  plan AS (SELECT id, unit_id, year FROM activity_plans WHERE unit_id = ANY(${cells}) AND year = $2),
  item_status AS (
    SELECT i.id, plan.unit_id, i.month,
           CASE WHEN cm.id IS NOT NULL OR ad.hit THEN 'done'
                WHEN make_date(plan.year, i.month, 1) < date_trunc('month', $3::date)::date THEN 'not_done'
                ELSE 'not_due' END AS status
      FROM plan JOIN activity_plan_items i ON i.plan_id = plan.id
      LEFT JOIN meetings cm ON cm.id = i.covered_meeting_id AND cm.status = 'held' AND cm.unit_id = plan.unit_id
      -- One probe of the partial index agenda_items_plan_item per row (its predicate repeated; the
      -- LIMIT keeps the planner from hashing every plan item of every agenda instead).
      LEFT JOIN LATERAL (
        SELECT true AS hit FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.step_key LIKE 'plan_item:%' AND a.step_key = 'plan_item:' || i.id
           AND a.done_at IS NOT NULL AND m.status = 'held' AND m.unit_id = plan.unit_id
         LIMIT 1
      ) ad ON true
  ),
  thematic_status AS (
    SELECT t.unit_id, t.quarter,
           CASE WHEN EXISTS (
                  SELECT 1 FROM meetings m
                   WHERE m.unit_id = t.unit_id AND m.status = 'held' AND m.kind IN ('thematic', 'combined')
                     AND m.scheduled_at >= (make_date(t.year, t.quarter * 3 - 2, 1)::timestamp AT TIME ZONE ${TZ})
                     AND m.scheduled_at < ((make_date(t.year, t.quarter * 3 - 2, 1) + interval '3 months')::timestamp AT TIME ZONE ${TZ}))
                THEN 'done'
                WHEN (make_date(t.year, t.quarter * 3 - 2, 1) + interval '3 months')::date <= date_trunc('month', $3::date)::date
                THEN 'not_done'
                ELSE 'not_due' END AS status
      FROM thematic_plans t WHERE t.unit_id = ANY(${cells}) AND t.year = $2
  )`;

export interface CellStatuses {
  items: Map<number, ItemStatus>;
  thematic: Map<number, ItemStatus>;
}

/** The status of every row of one cell's programme of a year. */
export async function cellStatuses(
  ex: Executor,
  cellId: number,
  year: number,
  today: string,
): Promise<CellStatuses> {
  const rows = await ex.query<{ kind: 'item' | 'thematic'; key: number; status: ItemStatus }>(
    `WITH ${statusCtes('$1::int[]')}
     SELECT 'item' AS kind, id AS key, status FROM item_status
     UNION ALL SELECT 'thematic', quarter, status FROM thematic_status`,
    [[cellId], year, today],
  );
  const out: CellStatuses = { items: new Map(), thematic: new Map() };
  for (const r of rows) out[r.kind === 'item' ? 'items' : 'thematic'].set(Number(r.key), r.status);
  return out;
}

export interface CellProgress {
  unitId: number;
  done: number;
  notDone: number;
  total: number;
}

/** Done / not done / total rows per cell (the committee's list), one query for the page of cells. */
export async function cellProgress(
  ex: Executor,
  cellIds: number[],
  year: number,
  today: string,
): Promise<Map<number, CellProgress>> {
  if (cellIds.length === 0) return new Map();
  const rows = await ex.query<{ unit_id: number; done: number; not_done: number; total: number }>(
    `WITH ${statusCtes('$1::int[]')},
       everything AS (SELECT unit_id, status FROM item_status UNION ALL SELECT unit_id, status FROM thematic_status)
     SELECT unit_id, count(*) FILTER (WHERE status = 'done')::int AS done,
            count(*) FILTER (WHERE status = 'not_done')::int AS not_done, count(*)::int AS total
       FROM everything GROUP BY unit_id`,
    [cellIds, year, today],
  );
  return new Map(
    rows.map((r) => [
      Number(r.unit_id),
      { unitId: Number(r.unit_id), done: r.done, notDone: r.not_done, total: r.total },
    ]),
  );
}
