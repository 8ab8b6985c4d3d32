/**
 * Set-based rebuild of the summary rows (ADR 021): every cell × month of a subtree and period in
 * one INSERT … SELECT … ON CONFLICT, then the running counts in one UPDATE with window functions,
 * then the roll-ups level by level. It writes exactly the rows `refreshCellMonth` (scoring/status.ts)
 * writes one at a time on each change; an integration test holds the two equal column by column.
 *
 * The pack numbers a row depends on (grace days, documents lead days, final documents days, the
 * final rating rule) vary by pack id and date. They change only at pack versions' effective dates,
 * so `packSegments` asks `packVersionFor` (the one resolution rule) once per pack id and effective
 * date, and the SQL joins those segments as a small table.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { DEFAULT_PACK_ID } from '../../rules/index.js';
import { allPacks, packVersionFor } from '../../rules/store.js';
import { CELL_KINDS_SQL, monthSpanUnder, rebuildRollups, refreshAncestorRollups } from './rollup.js';

export interface PackSegment {
  id: string;
  from_day: string;
  to_day: string;
  grace: number;
  lead_days: number;
  final_days: number;
  final_rule: string;
}

/** The pack numbers of every known pack id as date ranges [from_day, to_day). */
export async function packSegments(ex: Executor): Promise<PackSegment[]> {
  const packs = await allPacks(ex);
  const ids = [...new Set([DEFAULT_PACK_ID, ...packs.map((p) => p.id)])];
  const starts = [...new Set(['0001-01-01', ...packs.map((p) => p.effectiveFrom)])].sort();
  const out: PackSegment[] = [];
  for (const id of ids) {
    for (const [i, from] of starts.entries()) {
      const p = await packVersionFor(ex, id, from);
      out.push({
        id,
        from_day: from,
        to_day: starts[i + 1] ?? '9999-12-31',
        grace: p.oversight.regularMeetingGraceDays,
        lead_days: p.meetings.documentsLeadDays,
        final_days: p.meetings.finalDocumentsDays,
        final_rule: p.scoring.finalRule,
      });
    }
  }
  return out;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TZ = "'Asia/Ho_Chi_Minh'";

/** The cell_month_status columns the rebuild writes (every column but the key, cum_* and updated_at). */
export const CELL_ROW_COLUMNS = [
  'due_date',
  'regular_planned',
  'regular_held',
  'regular_on_time',
  'thematic_in_quarter',
  'meeting_id',
  'length_minutes',
  'min_minutes',
  'attendance_percent',
  'cell_score',
  'supervisor_score',
  'rating',
  'documents_on_time',
  'minutes_on_time',
  'regular_state',
  'members_count',
  'members_tasked',
  'tasks_due',
  'tasks_done',
  'att_present',
  'att_base',
  'thematic_held',
  'visits',
  'cell_band',
  'supervisor_band',
  'final_score',
] as const;

/**
 * The cells the rebuild covers: a subtree (`$1` its LIKE pattern) for months `$2`..`$3`, or the
 * rows claimed from the dirty queue (`$1` the run id, `$2`..`$3` their span; dirty-refresh.ts).
 */
const CELLS_WHERE = {
  subtree: 'c.path LIKE $1',
  dirty: 'c.id IN (SELECT q.unit_id FROM oversight_dirty q WHERE q.run_id = $1::bigint)',
} as const;
const GRID_JOIN = {
  subtree: '',
  dirty: 'JOIN oversight_dirty q ON q.unit_id = c.id AND q.month = m.month AND q.run_id = $1::bigint',
} as const;

// $1 subtree LIKE pattern (or run id), $2 from, $3 to, $4 today, $5 pack segments (jsonb), $6 default pack id.
export const rebuildSql = (target: keyof typeof CELLS_WHERE) => `
WITH packs AS (
  SELECT * FROM jsonb_to_recordset($5::jsonb)
    AS p(id text, from_day date, to_day date, grace int, lead_days int, final_days int, final_rule text)
), cells AS MATERIALIZED (
  SELECT c.id,
         (SELECT s.day_of_month FROM meeting_series s WHERE s.unit_id = c.id ORDER BY s.active DESC, s.id DESC LIMIT 1) AS series_day,
         coalesce((SELECT a.rule_pack FROM org_units a
                    WHERE a.id = ANY (string_to_array(trim(BOTH '/' FROM c.path), '/')::int[]) AND a.rule_pack IS NOT NULL
                    ORDER BY length(a.path) DESC LIMIT 1), $6) AS unit_pack,
         least(to_char(c.created_at AT TIME ZONE ${TZ}, 'YYYY-MM'),
               (SELECT to_char(min(x.scheduled_at) AT TIME ZONE ${TZ}, 'YYYY-MM') FROM meetings x WHERE x.unit_id = c.id),
               (SELECT to_char(min(x.valid_from), 'YYYY-MM') FROM memberships x WHERE x.unit_id = c.id)) AS first_month
    FROM org_units c
   WHERE c.kind IN ${CELL_KINDS_SQL} AND c.archived_at IS NULL AND ${CELLS_WHERE[target]}
), months AS (
  SELECT to_char(g, 'YYYY-MM') AS month, g::date AS first_day,
         (g + interval '1 month' - interval '1 day')::date AS last_day,
         to_char(date_trunc('quarter', g), 'YYYY-MM') AS quarter_start,
         g AT TIME ZONE ${TZ} AS start_ts,
         (g + interval '1 month') AT TIME ZONE ${TZ} AS end_ts,
         date_trunc('quarter', g) AT TIME ZONE ${TZ} AS quarter_ts
    FROM generate_series(to_date($2, 'YYYY-MM')::timestamp, to_date($3, 'YYYY-MM')::timestamp, interval '1 month') g
), grid AS (
  SELECT c.id, c.series_day, c.first_month,
         CASE WHEN c.unit_pack IN (SELECT id FROM packs) THEN c.unit_pack ELSE $6 END AS unit_pack,
         m.month, m.first_day, m.last_day, m.start_ts, m.end_ts, m.quarter_ts,
         least(m.last_day, $4::date) AS count_day
    FROM cells c CROSS JOIN months m ${GRID_JOIN[target]}
), cm AS (
  -- Each lookup below is one probe of an index by cell (or meeting) and time: the plan holds
  -- without statistics (PGlite) and its cost grows with the rows written, whatever the tree.
  SELECT g.id AS unit_id, g.month, g.first_month, d.due_date, d.on_time_due,
         r.id, r.local_day, r.scheduled_at, r.started_at, r.ended_at, r.min_duration_minutes,
         r.att_summoned, r.att_present,
         p.local_day IS NOT NULL AS regular_planned,
         rp.lead_days, rp.final_days, rp.final_rule,
         EXISTS (SELECT 1 FROM meetings q WHERE q.unit_id = g.id AND q.scheduled_at >= g.quarter_ts AND q.scheduled_at < g.end_ts
                   AND q.status = 'held' AND q.kind IN ('thematic', 'combined')) AS thematic_in_quarter,
         coalesce(cs.found, false) AS has_cell, cs.total AS cell_total, cs.band AS cell_band_label, cs.band_key AS cell_band,
         coalesce(ss.found, false) AS has_sup, ss.total AS sup_total, ss.band AS sup_band_label, ss.band_key AS sup_band,
         coalesce(
           (SELECT min(dc.posted_at) FROM meeting_documents dc WHERE dc.meeting_id = r.id AND dc.purpose = 'material' AND dc.removed_at IS NULL),
           (SELECT ps.done_at FROM meeting_prep_steps ps WHERE ps.meeting_id = r.id AND ps.step = 'documents_posted' AND ps.source = 'manual')
         ) AS documents_at,
         (SELECT min(v.adopted_at) FROM meeting_record_versions v WHERE v.meeting_id = r.id AND v.status = 'adopted') AS adopted_at,
         (SELECT count(*) FROM memberships ms WHERE ms.unit_id = g.id AND ms.valid_from <= g.count_day
             AND coalesce(ms.valid_to, 'infinity'::date) > g.count_day)::int AS members_count,
         (SELECT count(DISTINCT o.member_id)
            FROM meetings x JOIN tasks t ON t.meeting_id = x.id JOIN task_owners o ON o.task_id = t.id
           WHERE x.unit_id = g.id AND x.scheduled_at >= g.start_ts AND x.scheduled_at < g.end_ts AND x.status = 'held')::int AS members_tasked,
         td.due AS tasks_due, td.done AS tasks_done,
         (SELECT count(*) FROM meetings x WHERE x.unit_id = g.id AND x.scheduled_at >= g.start_ts AND x.scheduled_at < g.end_ts
             AND x.status = 'held' AND x.kind IN ('thematic', 'combined'))::int AS thematic_held,
         (SELECT count(*) FROM supervision_visits v WHERE v.unit_id = g.id AND v.visited_on BETWEEN g.first_day AND g.last_day)::int AS visits
    FROM grid g
    LEFT JOIN LATERAL (
      SELECT x.id, (x.scheduled_at AT TIME ZONE ${TZ})::date AS local_day, x.scheduled_at, x.started_at, x.ended_at,
             x.min_duration_minutes, x.att_summoned, x.att_present,
             CASE WHEN x.rule_pack IN (SELECT id FROM packs) THEN x.rule_pack ELSE $6 END AS rule_pack
        FROM meetings x
       WHERE x.unit_id = g.id AND x.scheduled_at >= g.start_ts AND x.scheduled_at < g.end_ts
         AND x.status = 'held' AND x.kind IN ('regular', 'combined')
       ORDER BY x.scheduled_at, x.id LIMIT 1
    ) r ON true
    LEFT JOIN LATERAL (
      SELECT (x.scheduled_at AT TIME ZONE ${TZ})::date AS local_day
        FROM meetings x
       WHERE x.unit_id = g.id AND x.scheduled_at >= g.start_ts AND x.scheduled_at < g.end_ts
         AND x.status IN ('planned', 'in_progress') AND x.kind IN ('regular', 'combined')
       ORDER BY x.scheduled_at, x.id LIMIT 1
    ) p ON true
    LEFT JOIN packs up ON up.id = g.unit_pack AND g.first_day >= up.from_day AND g.first_day < up.to_day
    LEFT JOIN packs rp ON rp.id = r.rule_pack AND r.local_day >= rp.from_day AND r.local_day < rp.to_day
    CROSS JOIN LATERAL (
      SELECT CASE WHEN coalesce(r.local_day, p.local_day) IS NOT NULL
                  THEN least(coalesce(r.local_day, p.local_day) + up.grace, g.last_day)
                  WHEN g.series_day IS NOT NULL
                  THEN least(g.first_day + (least(g.series_day, 28) - 1) + up.grace, g.last_day)
                  ELSE g.last_day END AS due_date,
             CASE WHEN g.series_day IS NOT NULL
                  THEN least(g.first_day + (least(g.series_day, 28) - 1) + rp.grace, g.last_day)
                  ELSE g.last_day END AS on_time_due
    ) d
    LEFT JOIN LATERAL (
      SELECT true AS found, s.total, s.band, s.result -> 'band' ->> 'key' AS band_key FROM meeting_scores s
       WHERE s.meeting_id = r.id AND s.scorer = 'cell' AND s.confirmed_at IS NOT NULL ORDER BY s.revision DESC LIMIT 1
    ) cs ON true
    LEFT JOIN LATERAL (
      SELECT true AS found, s.total, s.band, s.result -> 'band' ->> 'key' AS band_key FROM meeting_scores s
       WHERE s.meeting_id = r.id AND s.scorer = 'supervisor' AND s.confirmed_at IS NOT NULL ORDER BY s.revision DESC LIMIT 1
    ) ss ON true
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS due, count(*) FILTER (WHERE t.result = 'achieved')::int AS done
        FROM tasks t WHERE t.unit_id = g.id AND t.deadline BETWEEN g.first_day AND g.last_day
    ) td
), ins AS (
INSERT INTO cell_month_status (unit_id, month, ${CELL_ROW_COLUMNS.join(', ')}, updated_at)
SELECT unit_id, month, due_date,
       regular_planned,
       id IS NOT NULL,
       id IS NOT NULL AND local_day <= on_time_due,
       thematic_in_quarter,
       id,
       CASE WHEN started_at IS NOT NULL AND ended_at IS NOT NULL
            THEN floor(extract(epoch FROM date_trunc('milliseconds', ended_at) - date_trunc('milliseconds', started_at)) / 60)::int END,
       min_duration_minutes,
       CASE WHEN att_summoned IS NOT NULL AND att_summoned <> 0 AND att_present IS NOT NULL
            THEN round(att_present * 100.0 / att_summoned, 2) END,
       cell_total, sup_total,
       CASE WHEN has_sup THEN sup_band_label WHEN has_cell THEN cell_band_label END,
       CASE WHEN id IS NOT NULL THEN documents_at IS NOT NULL
            AND date_trunc('second', documents_at)
                <= date_trunc('milliseconds', least(scheduled_at, coalesce(started_at, scheduled_at))) - lead_days * interval '24 hours' END,
       CASE WHEN id IS NOT NULL THEN coalesce(adopted_at IS NOT NULL AND ended_at IS NOT NULL
            AND date_trunc('milliseconds', adopted_at) <= date_trunc('milliseconds', ended_at) + final_days * interval '24 hours', false) END,
       CASE WHEN month < first_month THEN 'none'
            WHEN id IS NOT NULL THEN CASE WHEN local_day <= on_time_due THEN 'held_on_time' ELSE 'held_late' END
            WHEN $4::date <= due_date THEN 'pending'
            ELSE 'missed' END,
       members_count, members_tasked, tasks_due, tasks_done,
       CASE WHEN id IS NOT NULL THEN coalesce(att_present, 0) ELSE 0 END,
       CASE WHEN id IS NOT NULL THEN coalesce(att_summoned, 0) ELSE 0 END,
       thematic_held, visits,
       CASE WHEN has_cell THEN cell_band END,
       CASE WHEN has_sup THEN sup_band END,
       CASE WHEN NOT has_sup AND NOT has_cell THEN NULL
            WHEN final_rule = 'lower' THEN least(sup_total, cell_total)
            WHEN final_rule = 'average' AND has_sup AND has_cell THEN round((sup_total + cell_total) / 2, 1)
            WHEN has_sup THEN sup_total
            ELSE cell_total END,
       now()
  FROM cm
ON CONFLICT (unit_id, month) DO UPDATE SET
  ${CELL_ROW_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
RETURNING 1
)
SELECT count(*)::int AS n FROM ins`;

export const REBUILD_SQL = rebuildSql('subtree');

/**
 * Running counts (`cum_*`) of the cells under `rootPath` from `from` onward: each row's counts are
 * the last row before `from` plus a running sum over the rows since, so the cost follows the rows
 * rewritten, not the cell's whole history. An ended quarter counts on its last month.
 */
/** Which cells' running counts `cumSql` recomputes, and from which month (dirty-refresh.ts). */
const CUM_SCOPE = {
  subtree: {
    join: 'JOIN org_units u ON u.id = x.unit_id',
    where: 'u.path LIKE $1 AND x.month >= $2',
    from: '$2',
    today: '$3',
  },
  dirty: {
    join: 'JOIN (SELECT q.unit_id, min(q.month) AS from_month FROM oversight_dirty q WHERE q.run_id = $1::bigint GROUP BY q.unit_id) d ON d.unit_id = x.unit_id',
    where: 'x.month >= d.from_month',
    from: 'd.from_month',
    today: '$2',
  },
} as const;

export const cumSql = (target: keyof typeof CUM_SCOPE) => `UPDATE cell_month_status s
        SET cum_due = w.cum_due, cum_not_on_time = w.cum_not_on_time, cum_missed = w.cum_missed,
            cum_quarters = w.cum_quarters, cum_quarters_without = w.cum_quarters_without
       FROM (
         SELECT x.unit_id, x.month,
                coalesce(b.cum_due, 0) + sum(CASE WHEN x.regular_state IN ('held_on_time', 'held_late', 'missed') THEN 1 ELSE 0 END) OVER w AS cum_due,
                coalesce(b.cum_not_on_time, 0) + sum(CASE WHEN x.regular_state IN ('held_late', 'missed') THEN 1 ELSE 0 END) OVER w AS cum_not_on_time,
                coalesce(b.cum_missed, 0) + sum(CASE WHEN x.regular_state = 'missed' THEN 1 ELSE 0 END) OVER w AS cum_missed,
                coalesce(b.cum_quarters, 0) + sum(CASE WHEN q.ended THEN 1 ELSE 0 END) OVER w AS cum_quarters,
                coalesce(b.cum_quarters_without, 0) + sum(CASE WHEN q.ended AND NOT x.thematic_in_quarter THEN 1 ELSE 0 END) OVER w AS cum_quarters_without
           FROM cell_month_status x
           ${CUM_SCOPE[target].join}
           CROSS JOIN LATERAL (
             SELECT x.regular_state <> 'none' AND substr(x.month, 6, 2) IN ('03', '06', '09', '12')
                    AND (to_date(x.month, 'YYYY-MM') + interval '1 month')::date <= ${CUM_SCOPE[target].today}::date AS ended
           ) q
           LEFT JOIN LATERAL (
             SELECT p.cum_due, p.cum_not_on_time, p.cum_missed, p.cum_quarters, p.cum_quarters_without
               FROM cell_month_status p WHERE p.unit_id = x.unit_id AND p.month < ${CUM_SCOPE[target].from} ORDER BY p.month DESC LIMIT 1
           ) b ON true
          WHERE ${CUM_SCOPE[target].where}
         WINDOW w AS (PARTITION BY x.unit_id ORDER BY x.month)
       ) w
      WHERE s.unit_id = w.unit_id AND s.month = w.month
        AND (s.cum_due, s.cum_not_on_time, s.cum_missed, s.cum_quarters, s.cum_quarters_without)
            IS DISTINCT FROM (w.cum_due, w.cum_not_on_time, w.cum_missed, w.cum_quarters, w.cum_quarters_without)`;

export async function recomputeCum(ex: Executor, rootPath: string, from: string, today: string) {
  await ex.query(cumSql('subtree'), [`${rootPath}%`, from, today]);
}

export interface RebuildOptions {
  /** Subtree (materialized path, `/1/12/`); the whole tree by default. */
  rootPath?: string;
  from: string;
  to: string;
  /** The local date (Asia/Ho_Chi_Minh) deciding pending and missed; today by default. */
  today?: string;
}

/**
 * Recomputes every cell × month row of the subtree and period, their running counts, and the
 * roll-ups of the subtree and of its ancestors. Idempotent; a few statements whatever the size.
 */
/** Rows written at once past which the statistics are refreshed (ANALYZE samples, it does not scan). */
const BULK_ROWS = 5_000;

/**
 * ANALYZE needs the table's owner (or MAINTAIN): run as the application's role it is a warning and
 * does nothing, which is acceptable there (autovacuum keeps a live database's statistics).
 */
export async function analyzeTable(
  ex: Executor,
  table: 'cell_month_status' | 'unit_month_rollup' | 'oversight_dirty',
) {
  try {
    await ex.exec(`ANALYZE ${table}`);
  } catch {
    // Statistics are an optimisation: a refusal must not fail the rebuild.
  }
}

export async function rebuildSummaries(
  ex: Executor,
  { rootPath = '/', from, to, today = todayIso() }: RebuildOptions,
): Promise<{ cellRows: number; rollupRows: number }> {
  if (!MONTH.test(from) || !MONTH.test(to) || from > to)
    throw new Error(`rebuildSummaries: bad period ${from}..${to}`);
  const segments = await packSegments(ex);
  const [row] = await ex.query<{ n: number }>(REBUILD_SQL, [
    `${rootPath}%`,
    from,
    to,
    today,
    JSON.stringify(segments),
    DEFAULT_PACK_ID,
  ]);
  const cellRows = row?.n ?? 0;
  // After a bulk write (a new database, bench-data, a whole-tree rebuild) the planner's statistics
  // still describe the table as it was: the running counts' UPDATE … FROM is then planned as a
  // nested loop and grows with the square of the rows. Fresh statistics keep it linear.
  if (cellRows >= BULK_ROWS) await analyzeTable(ex, 'cell_month_status');
  await recomputeCum(ex, rootPath, from, today);
  const rollupRows = await rebuildRollups(ex, { rootPath, from, to });
  if (rollupRows >= BULK_ROWS) await analyzeTable(ex, 'unit_month_rollup');
  return { cellRows, rollupRows };
}

/**
 * After a unit moved (`oldPath` → `newPath`): its subtree's rows are rebuilt (its pack may be
 * another now) with the roll-ups of its new ancestors, then the old ancestors lose it.
 */
export async function refreshAfterMove(ex: Executor, oldPath: string, newPath: string, today = todayIso()) {
  const span = await monthSpanUnder(ex, newPath);
  if (!span) return;
  await rebuildSummaries(ex, { rootPath: newPath, ...span, today });
  await refreshAncestorRollups(ex, oldPath, span.from, span.to);
}

/**
 * After a subtree was archived (its roll-ups go, its ancestors no longer count it) or brought
 * back (its rows and roll-ups are rebuilt). Cell rows of an archived cell stay as they were.
 */
export async function refreshAfterArchive(ex: Executor, path: string, archived: boolean, today = todayIso()) {
  const span = await monthSpanUnder(ex, path);
  if (!span) return;
  if (archived) await rebuildRollups(ex, { rootPath: path, ...span });
  else await rebuildSummaries(ex, { rootPath: path, ...span, today });
}
