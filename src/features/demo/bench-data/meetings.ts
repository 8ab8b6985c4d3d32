/**
 * The bench province's meeting history, set-based (INSERT … SELECT over generate_series): a series
 * and a yearly thematic plan per cell, a regular meeting every month (combined with the quarter's
 * thematic meeting in its planned month), some months missed and some held late, the current
 * month planned, attendance snapshotted from memberships and status periods as the roster query
 * does (computeRoster), the stored att_* summary, and tasks with owners and results.
 */
import type { Executor } from '../../../db/executor.js';
import type { RulePack } from '../../../rules/types.js';
import {
  ACHIEVED_NOTES,
  absenceReasons,
  NOT_ACHIEVED_NOTES,
  PARTIAL_NOTES,
  TASKS,
} from '../meeting-texts.js';
import { type BenchSql, pick, profileCase } from './sql.js';

export interface BenchContext {
  sql: BenchSql;
  /** Path of the province ('/12/'); every statement is restricted to `path LIKE root%`. */
  root: string;
  /** The months of the history, oldest first (YYYY-MM); the last is the current month. */
  months: string[];
  today: string;
  pack: RulePack;
}

const CELLS = "u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.path LIKE $1";
const LOCAL_DAY = "(m.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date";

export async function insertSeries(ex: Executor, c: BenchContext): Promise<number> {
  const { sql } = c;
  const rows = await ex.query(
    `INSERT INTO meeting_series (unit_id, day_of_month, start_time, place)
     SELECT u.id, 5 + floor(${sql.rnd('u.id', 2)} * 11)::int,
            CASE WHEN u.cell_type IN ('khu_dan_cu', 'nong_thon') THEN '19:30' WHEN ${sql.rnd('u.id', 3)} < 0.5 THEN '14:00' ELSE '16:00' END,
            CASE WHEN u.cell_type IN ('khu_dan_cu', 'nong_thon') THEN 'Nhà văn hóa ' || regexp_replace(u.name, '^Chi bộ ', '')
                 ELSE 'Phòng họp ' || regexp_replace(u.name, '^Chi bộ ', '') END
       FROM org_units u WHERE ${CELLS} RETURNING 1`,
    [`${c.root}%`],
  );
  return rows.length;
}

export async function insertThematicPlans(ex: Executor, c: BenchContext): Promise<number> {
  const { sql } = c;
  const years = [...new Set(c.months.map((m) => Number(m.slice(0, 4))))];
  const topics = c.pack.meetings.thematicSuggestions.default ?? ['Học tập và làm theo tư tưởng Hồ Chí Minh'];
  const rows = await ex.query(
    `INSERT INTO thematic_plans (unit_id, year, quarter, topic, month)
     SELECT u.id, y, q, ${pick('$3::text[]', sql.rnd2('u.id', 'y * 4 + q', 4))}, (q - 1) * 3 + 1 + floor(${sql.rnd2('u.id', 'y * 4 + q', 5)} * 3)::int
       FROM org_units u, unnest($2::int[]) AS y, generate_series(1, 4) AS q
      WHERE ${CELLS} RETURNING 1`,
    [`${c.root}%`, years, topics],
  );
  return rows.length;
}

/**
 * One meeting per cell and month: held (on its usual day, or late for some), missed for a few
 * (no row), planned when its day is today or later. The thematic month's meeting is combined.
 */
export async function insertMeetings(ex: Executor, c: BenchContext): Promise<number> {
  const { sql, pack } = c;
  const tier = sql.tier('u.id');
  const key = 'u.id::bigint * 1000 + x.mi';
  const minutes = pack.meetings.minDurationMinutes;
  const rows = await ex.query(
    `WITH x AS (
       SELECT u.id AS unit_id, u.cell_type, s.id AS series_id, s.day_of_month, s.start_time, s.place, ${tier} AS tier, x.mi, x.period,
              ${sql.rnd(key, 6)} AS r_miss, ${sql.rnd(key, 7)} AS r_late, ${sql.rnd(key, 8)} AS r_extra,
              ${sql.rnd(key, 9)} AS r_len, ${sql.rnd(key, 10)} AS r_short, ${sql.rnd(key, 11)} AS r_skip, ${sql.rnd(key, 12)} AS r_start
         FROM org_units u
         JOIN meeting_series s ON s.unit_id = u.id AND s.active
         CROSS JOIN (SELECT mi - 1 AS mi, p AS period FROM unnest($2::text[]) WITH ORDINALITY AS t(p, mi)) x
        WHERE ${CELLS}
     ), d AS (
       SELECT x.*, tp.topic, tp.month AS plan_month,
              (x.period || '-' || lpad(x.day_of_month::text, 2, '0'))::date AS usual_day,
              CASE WHEN x.r_late < ${sql.byTier('x.tier', 0, 0.05, 0.16)}
                   THEN least(x.day_of_month + 1 + floor(x.r_extra * 10)::int, 28) ELSE x.day_of_month END AS day
         FROM x LEFT JOIN thematic_plans tp ON tp.unit_id = x.unit_id AND tp.year = substr(x.period, 1, 4)::int
          AND tp.quarter = (substr(x.period, 6, 2)::int + 2) / 3
     ), e AS (
       SELECT d.*, (d.period || '-' || lpad(d.day::text, 2, '0'))::date AS held_day,
              CASE WHEN d.plan_month = substr(d.period, 6, 2)::int AND d.r_skip >= ${sql.byTier('d.tier', 0, 0.03, 0.15)}
                   THEN 'combined' ELSE 'regular' END AS kind
         FROM d
     ), f AS (
       SELECT e.*, ((e.held_day::text || ' ' || e.start_time)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS at,
              ((e.usual_day::text || ' ' || e.start_time)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS usual_at,
              CASE WHEN e.kind = 'combined' THEN ${minutes.combined ?? 120} ELSE ${minutes.regular ?? 90} END AS min_minutes,
              e.held_day < $3::date AS past
         FROM e
        WHERE NOT (e.usual_day < $3::date AND e.r_miss < ${sql.byTier('e.tier', 0, 0.012, 0.07)})
     ), g AS (
       SELECT f.*, f.at + make_interval(mins => floor(f.r_start * 10)::int) AS started,
              CASE WHEN f.r_short < ${sql.byTier('f.tier', 0, 0.12, 0.6)} THEN f.min_minutes - 10 - floor(f.r_len * 30)::int
                   ELSE f.min_minutes + floor(f.r_len * 35)::int END AS length
         FROM f
     )
     INSERT INTO meetings (unit_id, series_id, series_period, kind, status, title, thematic_topic, scheduled_at, original_scheduled_at,
       move_reason, place, min_duration_minutes, rule_pack, rule_pack_version, started_at, ended_at, created_at, updated_at)
     SELECT g.unit_id, g.series_id, g.period, g.kind, CASE WHEN g.past THEN 'held' ELSE 'planned' END,
            'Sinh hoạt thường kỳ tháng ' || substr(g.period, 6, 2)::int || '/' || substr(g.period, 1, 4)
              || CASE WHEN g.kind = 'combined' THEN ' kết hợp chuyên đề' ELSE '' END,
            CASE WHEN g.kind = 'combined' THEN g.topic END,
            g.at, CASE WHEN g.held_day <> g.usual_day THEN g.usual_at END,
            CASE WHEN g.held_day <> g.usual_day THEN 'Trùng lịch công tác của cấp ủy, dời ngày sinh hoạt' END,
            g.place, g.min_minutes, $4, $5,
            CASE WHEN g.past THEN g.started END, CASE WHEN g.past THEN g.started + make_interval(mins => g.length) END,
            g.at - interval '40 days', CASE WHEN g.past THEN g.started + make_interval(mins => g.length) ELSE g.at - interval '40 days' END
       FROM g
     RETURNING 1`,
    [`${c.root}%`, c.months, c.today, pack.id, pack.version],
  );
  return rows.length;
}

/** Held meetings of the subtree whose period is in [from, to]. */
const HELD = `m.status = 'held' AND m.kind <> 'committee' AND m.series_period BETWEEN $2 AND $3
  AND m.unit_id IN (SELECT u.id FROM org_units u WHERE ${CELLS})`;

/** Attendance of the held meetings of periods [from, to]: the roster of the day, each marked. */
export async function insertAttendance(
  ex: Executor,
  c: BenchContext,
  from: string,
  to: string,
): Promise<number> {
  const { sql } = c;
  const tier = sql.tier('m.unit_id');
  const r = (salt: number) => sql.rnd2('ms.member_id', 'm.id % 2000000', salt);
  const reasons = [...new Set(absenceReasons('resident').map(([t]) => t))];
  const rows = await ex.query<{ n: number }>(
    `WITH roster AS (
       SELECT m.id AS meeting_id, ms.member_id, m.scheduled_at, m.ended_at, ${tier} AS tier,
              coalesce(st.official, false) AS official, coalesce(st.exempted, false) AS exempted, coalesce(st.away, false) AS away,
              ${r(20)} AS r_att, ${r(21)} AS r_kind, ${r(22)} AS r_min, ${r(23)} AS r_via, ${r(24)} AS r_reason
         FROM meetings m
         JOIN memberships ms ON ms.unit_id = m.unit_id AND ms.valid_from <= ${LOCAL_DAY}
          AND (ms.valid_to IS NULL OR ms.valid_to > ${LOCAL_DAY})
         CROSS JOIN LATERAL (
           SELECT bool_or(p.kind = 'official') AS official, bool_or(p.kind = 'exempted') AS exempted,
                  bool_or(p.kind = 'temporary_out') AS away
             FROM member_status_periods p
            WHERE p.member_id = ms.member_id AND p.valid_from <= ${LOCAL_DAY} AND (p.valid_to IS NULL OR p.valid_to > ${LOCAL_DAY})
         ) st
        WHERE ${HELD}
     ), marked AS (
       SELECT roster.*,
              CASE WHEN away THEN NULL
                   WHEN exempted THEN CASE WHEN r_att < 0.25 THEN 'present' END
                   WHEN r_att < ${sql.byTier('tier', 0.985, 0.92, 0.8)} THEN
                     CASE WHEN r_kind < 0.04 THEN 'late' WHEN r_kind < 0.06 THEN 'left_early' ELSE 'present' END
                   WHEN r_kind < ${sql.byTier('tier', 0.9, 0.75, 0.55)} THEN 'absent_excused'
                   ELSE 'absent_unexcused' END AS status
         FROM roster
     ), ins AS (
       INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason, checked_in_at, via, updated_at)
       SELECT meeting_id, member_id, CASE WHEN exempted THEN 'exempted' ELSE 'member' END, official, away, status,
              CASE WHEN status = 'absent_excused' THEN ${pick('$4::text[]', 'r_reason')} END,
              CASE WHEN status IN ('present', 'late', 'left_early') THEN
                scheduled_at + make_interval(mins => CASE WHEN status = 'late' THEN 15 + floor(r_min * 25)::int ELSE floor(r_min * 15)::int - 10 END) END,
              CASE WHEN status IS NULL THEN NULL WHEN status IN ('present', 'late', 'left_early') AND r_via < 0.6 THEN 'self' ELSE 'secretary' END,
              ended_at
         FROM marked
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [`${c.root}%`, from, to, reasons],
  );
  return rows[0]!.n;
}

/**
 * The stored attendance summary of those meetings: the one rule of src/domain/attendance.ts
 * (summarizeAttendance), written once more in SQL as migration 0004 backfilled it, so the counts
 * equal what refreshAttendanceSummary stores (the integration test compares the two).
 */
export async function updateAttendanceSummary(
  ex: Executor,
  c: BenchContext,
  from: string,
  to: string,
): Promise<number> {
  const rows = await ex.query(
    `UPDATE meetings mt SET
       att_members = s.members, att_summoned = s.summoned, att_present = s.present,
       att_absent_excused = s.excused, att_absent_unexcused = s.unexcused, att_unmarked = s.unmarked,
       att_exempted = s.exempted, att_exempted_present = s.exempted_present,
       att_visiting_present = s.visiting_present, att_away = s.away
     FROM (
       SELECT a.meeting_id,
         count(*) FILTER (WHERE a.category <> 'temporary_in')::int AS members,
         count(*) FILTER (WHERE a.category = 'member' AND NOT a.away)::int AS summoned,
         count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status IN ('present', 'late', 'left_early'))::int AS present,
         count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status = 'absent_excused')::int AS excused,
         count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status = 'absent_unexcused')::int AS unexcused,
         count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status IS NULL)::int AS unmarked,
         count(*) FILTER (WHERE a.category = 'exempted')::int AS exempted,
         count(*) FILTER (WHERE a.category = 'exempted' AND a.status IN ('present', 'late', 'left_early'))::int AS exempted_present,
         count(*) FILTER (WHERE a.category = 'temporary_in' AND a.status IN ('present', 'late', 'left_early'))::int AS visiting_present,
         count(*) FILTER (WHERE a.category = 'member' AND a.away)::int AS away
       FROM attendance a JOIN meetings m ON m.id = a.meeting_id
      WHERE ${HELD}
      GROUP BY a.meeting_id
     ) s
     WHERE s.meeting_id = mt.id RETURNING 1`,
    [`${c.root}%`, from, to],
  );
  return rows.length;
}

/**
 * Two to five tasks set at each held meeting, due by the end of the next month, reviewed at the
 * cell's next held meeting (achieved, partial or not achieved by the cell's tier); tasks of the
 * latest meetings stay open. Owners: one to three members present at the meeting.
 */
export async function insertTasks(
  ex: Executor,
  c: BenchContext,
  from: string,
  to: string,
): Promise<{ tasks: number; owners: number }> {
  const { sql } = c;
  const profiles = Object.keys(TASKS);
  const titles = profiles.flatMap((p) => TASKS[p as keyof typeof TASKS]);
  const titleProfiles = profiles.flatMap((p) => TASKS[p as keyof typeof TASKS].map(() => p));
  const [tasks] = await ex.query<{ n: number }>(
    `WITH titles AS (
       SELECT p AS profile, t AS title, row_number() OVER (PARTITION BY p ORDER BY i) AS n, count(*) OVER (PARTITION BY p) AS of
         FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS x(p, t, i)
     ), held AS (
       SELECT m.id, m.unit_id, m.series_period, m.ended_at, ${sql.tier('m.unit_id')} AS tier, ${profileCase('u.cell_type')} AS profile,
              lead(m.id) OVER w AS next_id, lead(m.started_at) OVER w AS next_started
         FROM meetings m JOIN org_units u ON u.id = m.unit_id
        WHERE m.status = 'held' AND m.kind <> 'committee' AND ${CELLS}
       WINDOW w AS (PARTITION BY m.unit_id ORDER BY m.scheduled_at)
     ), n AS (
       SELECT held.*, k, ${sql.rnd2('held.id', 'k', 30)} AS r_title, ${sql.rnd2('held.id', 'k', 31)} AS r_res,
              ${sql.rnd2('held.id', 'k', 32)} AS r_note
         FROM held CROSS JOIN LATERAL generate_series(1, 2 + floor(${sql.rnd('held.id', 33)} * 4)::int) AS k
        WHERE held.series_period BETWEEN $2 AND $3
     ), ins AS (
       INSERT INTO tasks (unit_id, meeting_id, title, deadline, result, result_note, reviewed_meeting_id, reviewed_at, created_at)
       SELECT n.unit_id, n.id, t.title,
              (date_trunc('month', (n.series_period || '-01')::date) + interval '2 months' - interval '1 day')::date,
              CASE WHEN n.next_id IS NULL THEN 'open'
                   WHEN n.r_res < ${sql.byTier('n.tier', 0.92, 0.74, 0.5)} THEN 'achieved'
                   WHEN n.r_res < ${sql.byTier('n.tier', 0.99, 0.92, 0.78)} THEN 'partial' ELSE 'not_achieved' END,
              CASE WHEN n.next_id IS NULL THEN NULL
                   WHEN n.r_res < ${sql.byTier('n.tier', 0.92, 0.74, 0.5)} THEN ${pick('$6::text[]', 'n.r_note')}
                   WHEN n.r_res < ${sql.byTier('n.tier', 0.99, 0.92, 0.78)} THEN ${pick('$7::text[]', 'n.r_note')}
                   ELSE ${pick('$8::text[]', 'n.r_note')} END,
              n.next_id, n.next_started + interval '20 minutes', n.ended_at - interval '15 minutes'
         FROM n JOIN titles t ON t.profile = n.profile AND t.n = 1 + floor(n.r_title * t.of)::int
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [`${c.root}%`, from, to, titleProfiles, titles, ACHIEVED_NOTES, PARTIAL_NOTES, NOT_ACHIEVED_NOTES],
  );
  const [owners] = await ex.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO task_owners (task_id, member_id)
       SELECT t.id, o.member_id
         FROM tasks t JOIN meetings m ON m.id = t.meeting_id
         CROSS JOIN LATERAL (
           SELECT a.member_id FROM attendance a
            WHERE a.meeting_id = t.meeting_id AND a.category = 'member' AND NOT a.away AND a.status IN ('present', 'late', 'left_early')
            ORDER BY hashint8(a.member_id::bigint # t.id::bigint), a.member_id
            LIMIT 1 + t.id % 3
         ) o
        WHERE ${HELD}
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [`${c.root}%`, from, to],
  );
  return { tasks: tasks!.n, owners: owners!.n };
}
