/**
 * Month × cell summary rows (house rule 9): was the regular meeting held on time, was there a
 * thematic meeting in the quarter, length, attendance, scores, rating, documents and minutes on
 * time. Recomputed from the records of that month whenever they change, and by an idempotent
 * job; dashboards read these rows and never scan attendance.
 */
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, summarizeAttendance } from '../../domain/attendance.js';
import { packVersionFor } from '../../rules/store.js';

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
}

export async function refreshCellMonth(ex: Executor, unitId: number, month: string): Promise<void> {
  const quarterStart = `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const meetings = await ex.query<MonthMeeting>(
    `SELECT id, kind, status, scheduled_at, started_at, ended_at, min_duration_minutes, rule_pack,
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
  let row: Record<string, unknown> = {
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
    const grace = pack.oversight.regularMeetingGraceDays;
    const dueDay = series ? Math.min(28, series.day_of_month + grace) : 31;
    const [att, scores, docs, adopted] = await Promise.all([
      ex.query<{
        category: 'member' | 'exempted' | 'temporary_in';
        is_official: boolean;
        away: boolean;
        status: AttendanceStatus | null;
      }>('SELECT category, is_official, away, status FROM attendance WHERE meeting_id = $1', [regular.id]),
      ex.query<{ scorer: string; total: string; band: string }>(
        `SELECT DISTINCT ON (scorer) scorer, total, band FROM meeting_scores
          WHERE meeting_id = $1 AND confirmed_at IS NOT NULL ORDER BY scorer, revision DESC`,
        [regular.id],
      ),
      ex.query<{ posted_at: Date }>(
        "SELECT min(posted_at) AS posted_at FROM meeting_documents WHERE meeting_id = $1 AND purpose = 'material' AND removed_at IS NULL",
        [regular.id],
      ),
      ex.query<{ adopted_at: Date }>(
        "SELECT min(adopted_at) AS adopted_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'",
        [regular.id],
      ),
    ]);
    const summary = summarizeAttendance(
      att.map((a) => ({ category: a.category, isOfficial: a.is_official, away: a.away, status: a.status })),
    );
    const cell = scores.find((s) => s.scorer === 'cell');
    const sup = scores.find((s) => s.scorer === 'supervisor');
    const lead = pack.meetings.documentsLeadDays * 86_400_000;
    const posted = docs[0]?.posted_at ? new Date(docs[0].posted_at).getTime() : null;
    const adoptedAt = adopted[0]?.adopted_at ? new Date(adopted[0].adopted_at).getTime() : null;
    row = {
      ...row,
      regular_on_time: Number(regular.local_day.slice(8, 10)) <= dueDay,
      length_minutes:
        regular.started_at && regular.ended_at
          ? Math.floor(
              (new Date(regular.ended_at).getTime() - new Date(regular.started_at).getTime()) / 60_000,
            )
          : null,
      min_minutes: regular.min_duration_minutes,
      attendance_percent: summary.percent === null ? null : Math.round(summary.percent * 100) / 100,
      cell_score: cell ? Number(cell.total) : null,
      supervisor_score: sup ? Number(sup.total) : null,
      rating: (sup ?? cell)?.band ?? null,
      documents_on_time: posted !== null && posted <= new Date(regular.scheduled_at).getTime() - lead,
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
