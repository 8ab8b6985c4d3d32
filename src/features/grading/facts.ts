/**
 * The facts of a member's year that the annual review reads (issue 10, ADR 024): who is reviewed
 * in a subtree, and each member's attendance, tasks, dues and discipline — in a few set-based
 * queries whatever the number of members. The same rules as `domain/membership.ts` (state on a
 * day) and `domain/attendance.ts` (the attendance base: own members, not away, not exempted).
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import type { MemberYearFacts } from '../../domain/grading.js';
import type { RulePack } from '../../rules/types.js';
import { rulePackForUnit } from '../org/service.js';

export type { MemberYearFacts };

/** The day a year's standing is read on: 31/12 of the year, or today while the year runs. */
export function referenceDate(year: number, today = todayIso()): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

export interface ReviewableMember {
  memberId: number;
  fullName: string;
  sortKey: string;
  unitId: number;
  unitPath: string;
  unitName: string;
  status: 'official' | 'probationary';
  exempted: boolean;
  /** In temporary membership elsewhere: still reviewed by the home cell (ADR 024). */
  temporaryOut: boolean;
  admissionDate: string | null;
  /** Reviewed at all (false: exempted on the day and the pack does not review them). */
  reviewed: boolean;
  graded: boolean;
  notGradedReason: string | null;
}

interface MemberRow {
  member_id: number;
  full_name: string;
  sort_key: string;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  official: boolean;
  probationary: boolean;
  exempted: boolean;
  temporary_out: boolean;
  admission: string | null;
}

/** Subtracts whole months from an ISO date (day clamped to the month's end). */
function minusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The rule pack of each cell, calling `rulePackForUnit` once per distinct pack: the units that
 * select a pack on the cells' chains are read in one query and each cell takes the nearest.
 */
export async function packsForCells(
  ex: Executor,
  cells: readonly { unitId: number; unitPath: string }[],
  date: string,
): Promise<Map<number, RulePack>> {
  const out = new Map<number, RulePack>();
  if (cells.length === 0) return out;
  const ancestorPaths = new Set<string>();
  for (const c of cells) {
    const ids = c.unitPath.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) ancestorPaths.add(`/${ids.slice(0, i).join('/')}/`);
  }
  const selected = await ex.query<{ path: string; rule_pack: string }>(
    'SELECT path, rule_pack FROM org_units WHERE rule_pack IS NOT NULL AND path = ANY($1::text[])',
    [[...ancestorPaths]],
  );
  const packByPath = new Map(selected.map((s) => [s.path, s.rule_pack]));
  const byPackId = new Map<string, { path: string; unitIds: number[] }>();
  for (const c of cells) {
    const ids = c.unitPath.split('/').filter(Boolean);
    let id = '';
    for (let i = ids.length; i > 0 && !id; i--) id = packByPath.get(`/${ids.slice(0, i).join('/')}/`) ?? '';
    const group = byPackId.get(id) ?? { path: c.unitPath, unitIds: [] };
    group.unitIds.push(c.unitId);
    byPackId.set(id, group);
  }
  for (const group of byPackId.values()) {
    const pack = await rulePackForUnit(ex, group.path, date);
    for (const unitId of group.unitIds) out.set(unitId, pack);
  }
  return out;
}

/**
 * Members reviewed in `year` in the cells of the subtree at `unitPath`: those whose home
 * membership in a cell is open on the reference day, with their rank that day. Exempted members
 * are listed with `reviewed: false` unless the pack reviews them; members admitted fewer than
 * `newMembers.minMonths` months before the day are reviewed but not graded under
 * `review_not_graded`. Ordered by cell, then Vietnamese name order.
 */
export async function reviewableMembers(
  ex: Executor,
  opts: { year: number; unitPath: string; memberIds?: readonly number[]; today?: string },
): Promise<ReviewableMember[]> {
  const day = referenceDate(opts.year, opts.today);
  const rows = await ex.query<MemberRow>(
    `WITH cells AS (
       SELECT id, path, name FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so')
     ), home AS (
       SELECT ms.member_id, ms.unit_id
         FROM memberships ms JOIN cells c ON c.id = ms.unit_id
        WHERE ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
          AND ($3::int[] IS NULL OR ms.member_id = ANY($3::int[]))
     ), st AS (
       SELECT h.member_id,
              coalesce(bool_or(p.kind = 'official' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)), false) AS official,
              coalesce(bool_or(p.kind = 'probationary' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)), false) AS probationary,
              coalesce(bool_or(p.kind = 'exempted' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)), false) AS exempted,
              coalesce(bool_or(p.kind = 'temporary_out' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)), false) AS temporary_out,
              min(p.valid_from) FILTER (WHERE p.kind = 'probationary') AS first_probation
         FROM home h LEFT JOIN member_status_periods p ON p.member_id = h.member_id
        GROUP BY h.member_id
     )
     SELECT m.id AS member_id, m.full_name, m.sort_key, c.id AS unit_id, c.path AS unit_path, c.name AS unit_name,
            st.official, st.probationary, st.exempted, st.temporary_out,
            to_char(coalesce(m.admission_date, st.first_probation), 'YYYY-MM-DD') AS admission
       FROM home h JOIN st ON st.member_id = h.member_id
       JOIN members m ON m.id = h.member_id JOIN cells c ON c.id = h.unit_id
      WHERE st.official OR st.probationary
      ORDER BY c.path, m.sort_key COLLATE "C", m.id`,
    [`${opts.unitPath}%`, day, opts.memberIds ? [...opts.memberIds] : null],
  );
  const packs = await packsForCells(
    ex,
    [...new Map(rows.map((r) => [r.unit_id, { unitId: r.unit_id, unitPath: r.unit_path }])).values()],
    day,
  );
  return rows.map((r) => {
    const rules = packs.get(r.unit_id)!.grading;
    const reviewed = !r.exempted || rules.reviewExempted;
    const cutoff = minusMonths(`${opts.year}-12-31`, rules.newMembers.minMonths);
    const isNew = r.admission !== null && r.admission > cutoff;
    let notGradedReason: string | null = null;
    if (!reviewed)
      notGradedReason = 'Đảng viên được miễn công tác và sinh hoạt đảng: không kiểm điểm, xếp loại';
    else if (isNew && rules.newMembers.rule === 'review_not_graded')
      notGradedReason = `Đảng viên mới kết nạp chưa đủ ${rules.newMembers.minMonths} tháng tính đến 31/12/${opts.year}: kiểm điểm nhưng không xếp loại`;
    return {
      memberId: r.member_id,
      fullName: r.full_name,
      sortKey: r.sort_key,
      unitId: r.unit_id,
      unitPath: r.unit_path,
      unitName: r.unit_name,
      status: r.official ? 'official' : 'probationary',
      exempted: r.exempted,
      temporaryOut: r.temporary_out,
      admissionDate: r.admission,
      reviewed,
      graded: notGradedReason === null,
      notGradedReason,
    };
  });
}

export interface MemberYearFactsFull extends MemberYearFacts {
  meetingsDue: number;
  attended: number;
  absentExcused: number;
  absentUnexcused: number;
  commendations: number;
  disciplines: number;
  duesDue: number;
  duesPaid: number;
  duesMonths: number;
}

function emptyFacts(): MemberYearFactsFull {
  return {
    disciplined: false,
    duesUnpaidMonths: 0,
    tasksAssigned: 0,
    tasksDone: 0,
    tasksLate: 0,
    tasksUndone: 0,
    meetingsDue: 0,
    attended: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    commendations: 0,
    disciplines: 0,
    duesDue: 0,
    duesPaid: 0,
    duesMonths: 0,
  };
}

/** The year's bounds as local (Asia/Ho_Chi_Minh) instants, for index range scans. */
export const YEAR_FROM = `(($1::int)::text || '-01-01')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;
export const YEAR_TO = `((($1::int) + 1)::text || '-01-01')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

/**
 * The year's facts of each member, in four queries (attendance, tasks, dues, evidence):
 * - meetings: the cell's held meetings of the year (not chi ủy meetings) where the member was in
 *   the attendance base (an own member, not away, not exempted: the stored attendance snapshot);
 * - tasks owned with a deadline in the year (or, without one, set at a meeting of the year):
 *   done = achieved; late = achieved but reported only after the first meeting held on or after
 *   the deadline (carried over; reported at that first meeting counts as on time); undone = not achieved,
 *   partial, or still open after the deadline;
 * - dues: the year's `dues_entries`; an unpaid month is `paid < due` without a reason;
 * - disciplines and commendations decided in the year.
 */
export async function memberYearFacts(
  ex: Executor,
  opts: { year: number; memberIds: readonly number[]; today?: string },
): Promise<Map<number, MemberYearFactsFull>> {
  const out = new Map<number, MemberYearFactsFull>();
  for (const id of opts.memberIds) out.set(id, emptyFacts());
  if (opts.memberIds.length === 0) return out;
  const ids = [...opts.memberIds];
  const day = referenceDate(opts.year, opts.today);
  const att = await ex.query<{
    member_id: number;
    due: number;
    attended: number;
    excused: number;
    unexcused: number;
  }>(
    `SELECT a.member_id, count(*)::int AS due,
            count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))::int AS attended,
            count(*) FILTER (WHERE a.status = 'absent_excused')::int AS excused,
            count(*) FILTER (WHERE a.status = 'absent_unexcused')::int AS unexcused
       FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id
      WHERE a.member_id = ANY($2::int[]) AND a.category = 'member' AND NOT a.away
        AND mt.status = 'held' AND mt.kind <> 'committee'
        AND mt.scheduled_at >= ${YEAR_FROM} AND mt.scheduled_at < ${YEAR_TO}
      GROUP BY a.member_id`,
    [opts.year, ids],
  );
  for (const r of att) {
    const f = out.get(r.member_id)!;
    f.meetingsDue = r.due;
    f.attended = r.attended;
    f.absentExcused = r.excused;
    f.absentUnexcused = r.unexcused;
  }
  const tasks = await ex.query<{
    member_id: number;
    assigned: number;
    done: number;
    late: number;
    undone: number;
  }>(
    `WITH owned AS (
       SELECT o.member_id, t.result, t.deadline,
              (coalesce(t.reviewed_at, rm.scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS reviewed_on,
              (fm.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS first_review_on
         FROM task_owners o JOIN tasks t ON t.id = o.task_id JOIN meetings mt ON mt.id = t.meeting_id
         LEFT JOIN meetings rm ON rm.id = t.reviewed_meeting_id
         -- The cell's first meeting held on or after the deadline: where a task done on time is
         -- reported (the meeting is the first chance to say so, not the day it was done).
         LEFT JOIN LATERAL (
           SELECT m2.scheduled_at FROM meetings m2
            WHERE m2.unit_id = t.unit_id AND m2.status = 'held' AND m2.kind <> 'committee' AND t.deadline IS NOT NULL
              AND m2.scheduled_at >= (t.deadline::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            ORDER BY m2.scheduled_at LIMIT 1
         ) fm ON true
        WHERE o.member_id = ANY($2::int[])
          AND (t.deadline BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
               OR (t.deadline IS NULL AND mt.scheduled_at >= ${YEAR_FROM} AND mt.scheduled_at < ${YEAR_TO}))
     )
     SELECT member_id, count(*)::int AS assigned,
            count(*) FILTER (WHERE result = 'achieved')::int AS done,
            count(*) FILTER (WHERE result = 'achieved' AND deadline IS NOT NULL AND reviewed_on > deadline
                               AND (first_review_on IS NULL OR reviewed_on > first_review_on))::int AS late,
            count(*) FILTER (WHERE result IN ('not_achieved', 'partial')
                               OR (result = 'open' AND deadline IS NOT NULL AND deadline < $3::date))::int AS undone
       FROM owned GROUP BY member_id`,
    [opts.year, ids, day],
  );
  for (const r of tasks) {
    const f = out.get(r.member_id)!;
    f.tasksAssigned = r.assigned;
    f.tasksDone = r.done;
    f.tasksLate = r.late;
    f.tasksUndone = r.undone;
  }
  const dues = await ex.query<{
    member_id: number;
    months: number;
    due: string;
    paid: string;
    unpaid: number;
  }>(
    `SELECT member_id, count(*)::int AS months, coalesce(sum(due), 0)::text AS due, coalesce(sum(paid), 0)::text AS paid,
            count(*) FILTER (WHERE paid < due AND reason IS NULL)::int AS unpaid
       FROM dues_entries
      WHERE member_id = ANY($2::int[]) AND month >= ($1::int)::text || '-01' AND month <= ($1::int)::text || '-12'
      GROUP BY member_id`,
    [opts.year, ids],
  );
  for (const r of dues) {
    const f = out.get(r.member_id)!;
    f.duesMonths = r.months;
    f.duesDue = Number(r.due);
    f.duesPaid = Number(r.paid);
    f.duesUnpaidMonths = r.unpaid;
  }
  const evidence = await ex.query<{ member_id: number; disciplines: number; commendations: number }>(
    `SELECT member_id, sum(d)::int AS disciplines, sum(c)::int AS commendations FROM (
       SELECT member_id, 1 AS d, 0 AS c FROM member_disciplines
        WHERE member_id = ANY($2::int[]) AND decided_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
       UNION ALL
       SELECT member_id, 0, 1 FROM member_commendations
        WHERE member_id = ANY($2::int[]) AND decided_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
     ) x GROUP BY member_id`,
    [opts.year, ids],
  );
  for (const r of evidence) {
    const f = out.get(r.member_id)!;
    f.disciplines = r.disciplines;
    f.disciplined = r.disciplines > 0;
    f.commendations = r.commendations;
  }
  return out;
}
