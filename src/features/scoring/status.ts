/**
 * Month × cell summary rows (house rule 9): was the regular meeting held on time, was there a
 * thematic meeting in the quarter, length, attendance, scores, rating, documents and minutes on
 * time. Recomputed from the records of that month whenever they change, and by an idempotent
 * job; dashboards read these rows and never scan attendance.
 */
import type { Executor } from '../../db/executor.js';
import { percentHalfUp } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import { loadPreparation } from '../meetings/preparation.js';
import { findMeeting } from '../meetings/service.js';
import { rulePackForUnit } from '../org/service.js';

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

export async function refreshCellMonth(ex: Executor, unitId: number, month: string): Promise<void> {
  const quarterStart = `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const meetings = await ex.query<MonthMeeting>(
    `SELECT id, kind, status, scheduled_at, started_at, ended_at, min_duration_minutes, rule_pack, att_summoned, att_present,
            to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS local_day
       FROM meetings WHERE unit_id = $1 AND status <> 'cancelled'
        AND to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') BETWEEN $2 AND $3
      ORDER BY scheduled_at`,
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
  const [unit] = await ex.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [unitId]);
  const monthPack = await rulePackForUnit(ex, unit!.path, `${month}-01`);
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
  };
  if (regular) {
    const pack = await packVersionFor(ex, regular.rule_pack, regular.local_day);
    const [scores, preparation, adopted] = await Promise.all([
      ex.query<{ scorer: string; total: string; band: string }>(
        `SELECT DISTINCT ON (scorer) scorer, total, band FROM meeting_scores
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
    row = {
      ...row,
      // On time: held by the day it was due (its usual or planned day plus the grace days).
      regular_on_time:
        regular.local_day <=
        dueDateOf(month, null, series?.day_of_month ?? null, pack.oversight.regularMeetingGraceDays),
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
}

/** Recomputes every cell's rows for the given months (idempotent job). */
export async function refreshAllCellMonths(ex: Executor, months: string[], rootPath = '/'): Promise<number> {
  const cells = await ex.query<{ id: number }>(
    "SELECT id FROM org_units WHERE kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL AND path LIKE $1",
    [`${rootPath}%`],
  );
  for (const c of cells) for (const m of months) await refreshCellMonth(ex, c.id, m);
  return cells.length * months.length;
}
