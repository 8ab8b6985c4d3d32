/**
 * Month × cell summary rows (house rule 9): was the regular meeting held on time, was there a
 * thematic meeting in the quarter, length, attendance, scores, rating, documents and minutes on
 * time. Recomputed from the records of that month whenever they change, and by an idempotent
 * job; dashboards read these rows and never scan attendance.
 */
import type { Executor } from '../../db/executor.js';
import { percentHalfUp, todayIso } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import { loadPreparation } from '../meetings/preparation.js';
import { findMeeting } from '../meetings/service.js';
import { rulePackForUnit } from '../org/service.js';
import { CELL_KINDS_SQL, monthSpanUnder, refreshRollupChain } from '../oversight/rollup.js';
import { rebuildSummaries, recomputeCum } from '../oversight/summary.js';

interface MonthMeeting {
  id: number;
  kind: string;
  status: string;
  scheduled_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  min_duration_minutes: number;
  rule_pack: string;
  local_day: string;
  att_summoned: number | null;
  att_present: number | null;
}

/** The last day of month `YYYY-MM`, ISO. */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function plusDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The day by which the month's regular meeting is due: the day it is planned for (or the cell's
 * usual day), plus the pack's grace days, never past the month's end; the month's end when the cell
 * has neither. Before it, the month is pending, not failed.
 */
export function dueDateOf(
  month: string,
  plannedDay: string | null,
  seriesDay: number | null,
  graceDays: number,
) {
  const end = lastDay(month);
  const day =
    plannedDay ?? (seriesDay ? `${month}-${String(Math.min(seriesDay, 28)).padStart(2, '0')}` : null);
  if (!day) return end;
  const due = plusDays(day, graceDays);
  return due > end ? end : due;
}

export type RegularState = 'held_on_time' | 'held_late' | 'missed' | 'pending' | 'none';

/**
 * The month's regular meeting, as a committee counts it: none before the cell's first month (no
 * record of it yet), held on time or late, else pending until its due date (local) and missed after.
 */
export function regularStateOf(
  month: string,
  firstMonth: string,
  held: { onTime: boolean } | null,
  dueDate: string,
  today: string,
): RegularState {
  if (month < firstMonth) return 'none';
  if (held) return held.onTime ? 'held_on_time' : 'held_late';
  return today <= dueDate ? 'pending' : 'missed';
}

/** The final rating's score by the pack's rule (scoring/service.ts finalOf), in tenths to round as SQL does. */
export function finalScoreOf(rule: string, cell: number | null, sup: number | null): number | null {
  if (cell === null || sup === null) return sup ?? cell;
  if (rule === 'lower') return Math.min(cell, sup);
  if (rule === 'average') return Math.round((Math.round(cell * 10) + Math.round(sup * 10)) / 2) / 10;
  return sup;
}

interface MonthCounts {
  first_month: string;
  members_count: number;
  members_tasked: number;
  tasks_due: number;
  tasks_done: number;
  visits: number;
}

/**
 * Rewrites the row of one cell × month from its records, then the cell's running counts from that
 * month on and the roll-ups of the cell and its ancestors for the month. Units that are not cells
 * have no row. `today` (local) decides pending and missed.
 */
export async function refreshCellMonth(
  ex: Executor,
  unitId: number,
  month: string,
  today = todayIso(),
): Promise<void> {
  const [unit] = await ex.query<{ path: string; is_cell: boolean }>(
    `SELECT path, kind IN ${CELL_KINDS_SQL} AS is_cell FROM org_units WHERE id = $1`,
    [unitId],
  );
  if (!unit?.is_cell) return;
  const quarterStart = `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const meetings = await ex.query<MonthMeeting>(
    `SELECT id, kind, status, scheduled_at, started_at, ended_at, min_duration_minutes, rule_pack, att_summoned, att_present,
            to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS local_day
       FROM meetings WHERE unit_id = $1 AND status <> 'cancelled'
        AND to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') BETWEEN $2 AND $3
      ORDER BY scheduled_at, id`,
    [unitId, quarterStart, month],
  );
  const inMonth = meetings.filter((m) => m.local_day.startsWith(month));
  const regular = inMonth.find((m) => m.status === 'held' && (m.kind === 'regular' || m.kind === 'combined'));
  const thematic = meetings.some(
    (m) => m.status === 'held' && (m.kind === 'thematic' || m.kind === 'combined'),
  );
  const [series] = await ex.query<{ day_of_month: number }>(
    'SELECT day_of_month FROM meeting_series WHERE unit_id = $1 ORDER BY active DESC, id DESC LIMIT 1',
    [unitId],
  );
  const planned = inMonth.find((m) => m.status !== 'held' && (m.kind === 'regular' || m.kind === 'combined'));
  const monthPack = await rulePackForUnit(ex, unit.path, `${month}-01`);
  const end = lastDay(month);
  const countDay = end < today ? end : today;
  const [counts] = (await ex.query<MonthCounts>(
    `SELECT least(to_char(u.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM'),
              (SELECT to_char(min(x.scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') FROM meetings x WHERE x.unit_id = u.id),
              (SELECT to_char(min(x.valid_from), 'YYYY-MM') FROM memberships x WHERE x.unit_id = u.id)) AS first_month,
            (SELECT count(*) FROM memberships ms WHERE ms.unit_id = u.id
                AND ms.valid_from <= $3::date AND (ms.valid_to IS NULL OR ms.valid_to > $3::date))::int AS members_count,
            (SELECT count(DISTINCT o.member_id)
               FROM meetings x JOIN tasks t ON t.meeting_id = x.id JOIN task_owners o ON o.task_id = t.id
              WHERE x.unit_id = u.id AND x.status = 'held'
                AND x.scheduled_at >= (($2 || '-01')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
                AND x.scheduled_at < ((($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS members_tasked,
            (SELECT count(*) FROM tasks t WHERE t.unit_id = u.id AND t.deadline BETWEEN ($2 || '-01')::date AND $4::date)::int AS tasks_due,
            (SELECT count(*) FROM tasks t WHERE t.unit_id = u.id AND t.deadline BETWEEN ($2 || '-01')::date AND $4::date
                AND t.result = 'achieved')::int AS tasks_done,
            (SELECT count(*) FROM supervision_visits v WHERE v.unit_id = u.id
                AND v.visited_on BETWEEN ($2 || '-01')::date AND $4::date)::int AS visits
       FROM org_units u WHERE u.id = $1`,
    [unitId, month, countDay, end],
  )) as [MonthCounts];
  const dueDate = dueDateOf(
    month,
    (regular ?? planned)?.local_day ?? null,
    series?.day_of_month ?? null,
    monthPack.oversight.regularMeetingGraceDays,
  );
  let row: Record<string, unknown> = {
    due_date: dueDate,
    regular_planned: Boolean(planned),
    regular_held: Boolean(regular),
    regular_on_time: false,
    thematic_in_quarter: thematic,
    meeting_id: regular?.id ?? null,
    length_minutes: null,
    min_minutes: null,
    attendance_percent: null,
    cell_score: null,
    supervisor_score: null,
    rating: null,
    documents_on_time: null,
    minutes_on_time: null,
    regular_state: regularStateOf(month, counts.first_month, null, dueDate, today),
    members_count: counts.members_count,
    members_tasked: counts.members_tasked,
    tasks_due: counts.tasks_due,
    tasks_done: counts.tasks_done,
    att_present: 0,
    att_base: 0,
    thematic_held: inMonth.filter(
      (m) => m.status === 'held' && (m.kind === 'thematic' || m.kind === 'combined'),
    ).length,
    visits: counts.visits,
    cell_band: null,
    supervisor_band: null,
    final_score: null,
  };
  if (regular) {
    const pack = await packVersionFor(ex, regular.rule_pack, regular.local_day);
    const [scores, preparation, adopted] = await Promise.all([
      ex.query<{ scorer: string; total: string; band: string; band_key: string | null }>(
        `SELECT DISTINCT ON (scorer) scorer, total, band, result -> 'band' ->> 'key' AS band_key FROM meeting_scores
          WHERE meeting_id = $1 AND confirmed_at IS NOT NULL ORDER BY scorer, revision DESC`,
        [regular.id],
      ),
      findMeeting(ex, regular.id).then((m) => loadPreparation(ex, m!, pack)),
      ex.query<{ adopted_at: Date }>(
        "SELECT min(adopted_at) AS adopted_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'",
        [regular.id],
      ),
    ]);
    const cell = scores.find((s) => s.scorer === 'cell');
    const sup = scores.find((s) => s.scorer === 'supervisor');
    const adoptedAt = adopted[0]?.adopted_at ? new Date(adopted[0].adopted_at).getTime() : null;
    // On time: held by the day it was due (its usual or planned day plus the grace days).
    const onTime =
      regular.local_day <=
      dueDateOf(month, null, series?.day_of_month ?? null, pack.oversight.regularMeetingGraceDays);
    row = {
      ...row,
      regular_on_time: onTime,
      regular_state: regularStateOf(month, counts.first_month, { onTime }, dueDate, today),
      att_present: regular.att_present ?? 0,
      att_base: regular.att_summoned ?? 0,
      cell_band: cell?.band_key ?? null,
      supervisor_band: sup?.band_key ?? null,
      final_score: finalScoreOf(
        pack.scoring.finalRule,
        cell ? Number(cell.total) : null,
        sup ? Number(sup.total) : null,
      ),
      length_minutes:
        regular.started_at && regular.ended_at
          ? Math.floor(
              (new Date(regular.ended_at).getTime() - new Date(regular.started_at).getTime()) / 60_000,
            )
          : null,
      min_minutes: regular.min_duration_minutes,
      // The stored summary of the one attendance rule, rounded half-up (as every document shows it).
      attendance_percent:
        regular.att_summoned && regular.att_present !== null
          ? percentHalfUp(regular.att_present, regular.att_summoned)
          : null,
      cell_score: cell ? Number(cell.total) : null,
      supervisor_score: sup ? Number(sup.total) : null,
      rating: (sup ?? cell)?.band ?? null,
      documents_on_time: preparation.documentsOnTime,
      minutes_on_time:
        adoptedAt !== null && regular.ended_at !== null
          ? adoptedAt <= new Date(regular.ended_at).getTime() + pack.meetings.finalDocumentsDays * 86_400_000
          : false,
    };
  }
  const cols = Object.keys(row);
  await ex.query(
    `INSERT INTO cell_month_status (unit_id, month, ${cols.join(', ')}, updated_at)
     VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')}, now())
     ON CONFLICT (unit_id, month) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`,
    [unitId, month, ...cols.map((c) => row[c])],
  );
  await recomputeCum(ex, unit.path, month, today);
  await refreshRollupChain(ex, unit.path, month, month);
}

/**
 * Rewrites the rows of one unit's cells set-based from month `from` to the latest month they have
 * rows for (at least the current month): a change reaching over many months, such as a membership
 * dated back or ended. Months before the cells' first row are left to the job.
 */
export async function refreshUnitMonths(ex: Executor, unitId: number, from: string, today = todayIso()) {
  const [unit] = await ex.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [unitId]);
  if (!unit) return;
  const span = await monthSpanUnder(ex, unit.path);
  if (!span) return;
  const start = from > span.from ? from : span.from;
  const current = today.slice(0, 7);
  const end = span.to > current ? span.to : current;
  if (start > end) return;
  await rebuildSummaries(ex, { rootPath: unit.path, from: start, to: end, today });
}

/** Recomputes every cell's rows for the given months (idempotent job), set-based (oversight/summary.ts). */
export async function refreshAllCellMonths(
  ex: Executor,
  months: string[],
  rootPath = '/',
  today = todayIso(),
): Promise<number> {
  if (months.length === 0) return 0;
  const sorted = [...months].sort();
  const out = await rebuildSummaries(ex, {
    rootPath,
    from: sorted[0]!,
    to: sorted[sorted.length - 1]!,
    today,
  });
  return out.cellRows;
}
