/**
 * The committee's list of its cells' programmes of a year (ADR 025 part C): one row per cell of
 * the subtree with the programme's status and done / not done / total rows, one query for the
 * page (the status CTEs run over the page's cells only), offset-paged with a maximum limit; what
 * waits for the committee comes first.
 */
import type { Executor } from '../../db/executor.js';
import { CELL_KINDS } from '../org/labels.js';
import type { UnitRow } from '../org/service.js';
import { type ListQuery, PLAN_STATUSES, type PlanStatus } from './schema.js';
import { statusCtes } from './status.js';

/** What waits for the committee first: submitted, returned, none yet, drafts, then approved. */
const RANK = `CASE coalesce(p.status, 'none') WHEN 'submitted' THEN 0 WHEN 'returned' THEN 1 WHEN 'none' THEN 2
                WHEN 'draft' THEN 3 ELSE 4 END`;
const ORDER = `${RANK}, u.sort_order, u.name, u.id`;

export async function listCellPlans(
  ex: Executor,
  root: UnitRow,
  year: number,
  q: Pick<ListQuery, 'status' | 'limit' | 'offset'>,
  today: string,
) {
  const rows = await ex.query<{
    id: number;
    name: string;
    parent_name: string | null;
    plan_id: number | null;
    status: PlanStatus | null;
    submitted_at: Date | null;
    decided_at: Date | null;
    n_total: number;
    done: number | null;
    not_done: number | null;
    rows_total: number | null;
  }>(
    `WITH page AS (
       SELECT u.id, u.name, u.path, u.sort_order, ${RANK} AS rank, pu.name AS parent_name, p.id AS plan_id, p.status, p.submitted_at,
              p.decided_at, count(*) OVER ()::int AS n_total
         FROM org_units u
         LEFT JOIN org_units pu ON pu.id = u.parent_id
         LEFT JOIN activity_plans p ON p.unit_id = u.id AND p.year = $2
        WHERE u.path LIKE $1 AND u.kind = ANY($7::text[]) AND u.archived_at IS NULL
          AND ($6::text IS NULL OR coalesce(p.status, 'none') = $6)
        ORDER BY ${ORDER}
        LIMIT $4 OFFSET $5
     ), ${statusCtes('ARRAY(SELECT id FROM page)')},
     everything AS (SELECT unit_id, status FROM item_status UNION ALL SELECT unit_id, status FROM thematic_status),
     progress AS (
       SELECT unit_id, count(*) FILTER (WHERE status = 'done')::int AS done,
              count(*) FILTER (WHERE status = 'not_done')::int AS not_done, count(*)::int AS rows_total
         FROM everything GROUP BY unit_id
     )
     SELECT page.id, page.name, page.parent_name, page.plan_id, page.status, page.submitted_at, page.decided_at,
            page.n_total, progress.done, progress.not_done, progress.rows_total
       FROM page LEFT JOIN progress ON progress.unit_id = page.id
      ORDER BY page.rank, page.sort_order, page.name, page.id`,
    [`${root.path}%`, year, today, q.limit, q.offset, q.status ?? null, CELL_KINDS],
  );
  const summary = await ex.query<{ status: string; n: number }>(
    `SELECT coalesce(p.status, 'none') AS status, count(*)::int AS n
       FROM org_units u LEFT JOIN activity_plans p ON p.unit_id = u.id AND p.year = $2
      WHERE u.path LIKE $1 AND u.kind = ANY($3::text[]) AND u.archived_at IS NULL
      GROUP BY 1`,
    [`${root.path}%`, year, CELL_KINDS],
  );
  const byStatus = Object.fromEntries(summary.map((s) => [s.status, s.n]));
  const cells = summary.reduce((n, s) => n + s.n, 0);
  let total = rows[0]?.n_total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    const [c] = await ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM org_units u LEFT JOIN activity_plans p ON p.unit_id = u.id AND p.year = $2
        WHERE u.path LIKE $1 AND u.kind = ANY($4::text[]) AND u.archived_at IS NULL
          AND ($3::text IS NULL OR coalesce(p.status, 'none') = $3)`,
      [`${root.path}%`, year, q.status ?? null, CELL_KINDS],
    );
    total = c?.n ?? 0;
  }
  return {
    unit: { id: root.id, name: root.name },
    year,
    summary: {
      cells,
      none: byStatus.none ?? 0,
      draft: byStatus.draft ?? 0,
      submitted: byStatus.submitted ?? 0,
      approved: byStatus.approved ?? 0,
      returned: byStatus.returned ?? 0,
    },
    items: rows.map((r) => ({
      unitId: r.id,
      unitName: r.name,
      parentName: r.parent_name,
      planId: r.plan_id,
      status: r.status ?? 'none',
      statusLabel: r.status ? PLAN_STATUSES[r.status] : 'Chưa lập',
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      done: r.done ?? 0,
      notDone: r.not_done ?? 0,
      total: r.rows_total ?? 0,
    })),
    total,
  };
}
