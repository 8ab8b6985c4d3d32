/**
 * The chi ủy as a body (issue 11 item 5, ADR 025 part E): the term a cell elected (nhiệm kỳ),
 * who sits on it in which role and from when to when. It records who was elected, not who has
 * an account: role grants (cell_secretary, cell_committee) stay the access control, and the
 * page shows which chi ủy members have no account.
 *
 * A cell with fewer official members than `pack.organisation.cellCommitteeFromOfficialMembers`
 * on the election day elects no chi ủy, only a bí thư (and possibly a phó bí thư): it may record
 * a term with those roles; a chi ủy viên there is refused with 422 citing the rule.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import { type Actor, authorize, type Capability, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow, visibleUnit } from '../org/service.js';
import { type CellCommitteeInput, COMMITTEE_ROLES, type CommitteeRole, committeeProblem } from './schema.js';

/** A cell the actor may read (member.read) or change (member.manage) the chi ủy of. */
export async function cellForCommittee(
  ex: Executor,
  actor: Actor,
  id: number,
  cap: Extract<Capability, 'member.read' | 'member.manage'>,
): Promise<UnitRow> {
  const unit = await visibleUnit(ex, actor, id);
  authorize(actor, cap, unit.path);
  if (!isCellKind(unit.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Chỉ chi bộ mới có chi ủy, bí thư chi bộ.', { field: 'id' });
  }
  if (cap === 'member.manage' && unit.archived_at) throw new AppError('UNIT_ARCHIVED');
  return unit;
}

/** Official members of a cell on a day (own members with an official status period that day). */
export async function officialMembersOn(
  ex: Executor,
  unitId: number,
  date: string,
): Promise<{ id: number; fullName: string }[]> {
  return ex.query<{ id: number; fullName: string }>(
    `SELECT m.id, m.full_name AS "fullName"
       FROM memberships ms JOIN members m ON m.id = ms.member_id
      WHERE ms.unit_id = $1 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
        AND EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = ms.member_id AND p.kind = 'official'
                      AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2))
      ORDER BY m.sort_key COLLATE "C"`,
    [unitId, date],
  );
}

/** The SQL of "the term of cell $unit in office on day $day" (one indexed probe). */
export const TERM_IN_OFFICE = (unit: string, day: string) =>
  `SELECT ct.id FROM cell_committee_terms ct
    WHERE ct.unit_id = ${unit} AND ct.elected_on <= ${day} AND (ct.ends_on IS NULL OR ct.ends_on > ${day})
    ORDER BY ct.elected_on DESC LIMIT 1`;

/** Members of the chi ủy in office on a day, or null when the cell has none recorded then. */
export async function committeeOn(
  ex: Executor,
  unitId: number,
  date: string,
): Promise<{ memberId: number; role: CommitteeRole }[] | null> {
  const [term] = await ex.query<{ id: number }>(TERM_IN_OFFICE('$1', '$2'), [unitId, date]);
  if (!term) return null;
  return ex.query<{ memberId: number; role: CommitteeRole }>(
    `SELECT member_id AS "memberId", role FROM cell_committee_members
      WHERE term_id = $1 AND from_on <= $2 AND (to_on IS NULL OR to_on > $2)`,
    [term.id, date],
  );
}

interface TermRow {
  id: number;
  term_label: string;
  elected_on: string;
  ends_on: string | null;
}

export interface CommitteeMemberView {
  memberId: number;
  fullName: string;
  role: CommitteeRole;
  roleLabel: string;
  fromOn: string;
  toOn: string | null;
  /** In office today. */
  current: boolean;
  /** Whether the member has an active chibo account (the chi ủy is who was elected). */
  hasAccount: boolean;
}

const ROLE_ORDER: CommitteeRole[] = ['bi_thu', 'pho_bi_thu', 'chi_uy_vien'];

async function loadTerm(ex: Executor, termId: number, today: string): Promise<CommitteeMemberView[]> {
  const rows = await ex.query<{
    member_id: number;
    full_name: string;
    role: CommitteeRole;
    from_on: string;
    to_on: string | null;
    sort_key: string;
    has_account: boolean;
  }>(
    `SELECT c.member_id, m.full_name, m.sort_key, c.role, c.from_on, c.to_on,
            EXISTS (SELECT 1 FROM users u WHERE u.member_id = c.member_id AND u.is_active) AS has_account
       FROM cell_committee_members c JOIN members m ON m.id = c.member_id
      WHERE c.term_id = $1
      ORDER BY m.sort_key COLLATE "C"`,
    [termId],
  );
  return rows
    .map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      role: r.role,
      roleLabel: COMMITTEE_ROLES[r.role],
      fromOn: r.from_on,
      toOn: r.to_on,
      current: r.from_on <= today && (r.to_on === null || r.to_on > today),
      hasAccount: r.has_account,
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
    );
}

/** The cell's chi ủy: the term in office today (else the latest), its members, the rule. */
export async function readCellCommittee(ex: Executor, actor: Actor, unit: UnitRow, today: string) {
  const pack = await rulePackForUnit(ex, unit.path, today);
  const threshold = pack.organisation.cellCommitteeFromOfficialMembers;
  const [terms, officials] = await Promise.all([
    ex.query<TermRow>(
      `SELECT id, term_label, elected_on, ends_on FROM cell_committee_terms WHERE unit_id = $1
        ORDER BY elected_on DESC, id DESC`,
      [unit.id],
    ),
    officialMembersOn(ex, unit.id, today),
  ]);
  const current =
    terms.find((t) => t.elected_on <= today && (t.ends_on === null || t.ends_on > today)) ?? terms[0] ?? null;
  const members = current ? await loadTerm(ex, current.id, today) : [];
  return {
    unitId: unit.id,
    unitName: unit.name,
    officialMembers: officials.length,
    threshold,
    /** Whether the cell elects a chi ủy (else only a bí thư and phó bí thư). */
    committeeExpected: officials.length >= threshold,
    term: current
      ? {
          id: current.id,
          termLabel: current.term_label,
          electedOn: current.elected_on,
          endsOn: current.ends_on,
          inOffice: current.elected_on <= today && (current.ends_on === null || current.ends_on > today),
          members,
          withoutAccount: members.filter((m) => m.current && !m.hasAccount).length,
        }
      : null,
    terms: terms.map((t) => ({
      id: t.id,
      termLabel: t.term_label,
      electedOn: t.elected_on,
      endsOn: t.ends_on,
    })),
    /** The member picker: official members of the cell today. */
    officials,
    canManage: can(actor, 'member.manage', unit.path),
  };
}
export type CellCommitteeView = Awaited<ReturnType<typeof readCellCommittee>>;

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });

/** Records (or replaces) the term named `termLabel` with its members; all or nothing, audited. */
export async function saveCellCommittee(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  input: CellCommitteeInput,
  ip?: string,
): Promise<{ termId: number }> {
  const problem = committeeProblem(input);
  if (problem) throw bad(problem.field, problem.message);
  const rows = input.members.map((m) => ({
    ...m,
    fromOn: m.fromOn ?? input.electedOn,
    toOn: m.toOn ?? null,
  }));
  if (input.endsOn) {
    const i = rows.findIndex((r) => r.toOn !== null && r.toOn > input.endsOn!);
    if (i >= 0) throw bad(`members.${i}.toOn`, 'Ngày thôi giữ chức không được sau khi nhiệm kỳ kết thúc.');
  }
  // Each one an official member of this cell on the day they take the seat.
  const ok = await tx.query<{ i: number }>(
    `SELECT x.i FROM unnest($2::int[], $3::date[]) WITH ORDINALITY AS x(id, d, i)
      WHERE EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = x.id AND ms.unit_id = $1
                      AND ms.valid_from <= x.d AND (ms.valid_to IS NULL OR ms.valid_to > x.d))
        AND EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = x.id AND p.kind = 'official'
                      AND p.valid_from <= x.d AND (p.valid_to IS NULL OR p.valid_to > x.d))`,
    [unit.id, rows.map((r) => r.memberId), rows.map((r) => r.fromOn)],
  );
  const okSet = new Set(ok.map((r) => Number(r.i) - 1));
  const wrong = rows.findIndex((_, i) => !okSet.has(i));
  if (wrong >= 0) {
    throw bad(
      `members.${wrong}.memberId`,
      `Đồng chí ở dòng ${wrong + 1} không phải đảng viên chính thức của chi bộ vào ngày ${formatDate(rows[wrong]!.fromOn)}: chi ủy chỉ gồm đảng viên chính thức của chi bộ.`,
    );
  }
  const pack = await rulePackForUnit(tx, unit.path, input.electedOn);
  const threshold = pack.organisation.cellCommitteeFromOfficialMembers;
  const officials = (await officialMembersOn(tx, unit.id, input.electedOn)).length;
  if (officials < threshold && rows.some((r) => r.role === 'chi_uy_vien')) {
    throw new AppError(
      'CELL_COMMITTEE_BELOW_THRESHOLD',
      `Ngày ${formatDate(input.electedOn)} chi bộ có ${officials} đảng viên chính thức, dưới ${threshold}: theo Điều lệ Đảng và Hướng dẫn 12-HD/BTCTW, chi bộ dưới ${threshold} đảng viên chính thức không bầu chi ủy, chỉ bầu bí thư (và phó bí thư nếu cần); không ghi được chi ủy viên.`,
      { officialMembers: officials, threshold },
    );
  }
  const [before] = await tx.query<TermRow>(
    'SELECT id, term_label, elected_on, ends_on FROM cell_committee_terms WHERE unit_id = $1 AND term_label = $2',
    [unit.id, input.termLabel],
  );
  const beforeMembers = before
    ? await tx.query(
        'SELECT member_id, role, from_on, to_on FROM cell_committee_members WHERE term_id = $1',
        [before.id],
      )
    : null;
  let termId: number;
  if (before) {
    termId = before.id;
    await tx.query(
      'UPDATE cell_committee_terms SET elected_on = $2, ends_on = $3, updated_at = now() WHERE id = $1',
      [termId, input.electedOn, input.endsOn ?? null],
    );
    await tx.query('DELETE FROM cell_committee_members WHERE term_id = $1', [termId]);
  } else {
    const [t] = await tx.query<{ id: number }>(
      `INSERT INTO cell_committee_terms (unit_id, term_label, elected_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [unit.id, input.termLabel, input.electedOn, input.endsOn ?? null, actor.userId],
    );
    termId = t!.id;
  }
  await tx.query(
    `INSERT INTO cell_committee_members (term_id, member_id, role, from_on, to_on)
     SELECT $1, m, r, f, t FROM unnest($2::int[], $3::text[], $4::date[], $5::date[]) AS x(m, r, f, t)`,
    [
      termId,
      rows.map((r) => r.memberId),
      rows.map((r) => r.role),
      rows.map((r) => r.fromOn),
      rows.map((r) => r.toOn),
    ],
  );
  await audit(
    tx,
    actor,
    {
      action: before ? 'cell_committee.update' : 'cell_committee.create',
      entityType: 'cell_committee_term',
      entityId: termId,
      orgUnitId: unit.id,
      before: before ? { ...before, members: beforeMembers } : undefined,
      after: { ...input, members: rows },
    },
    ip,
  );
  return { termId };
}

/**
 * What a meeting page and its checklist say about the chi ủy: whether the cell has one in office
 * on the meeting's day (a chi ủy meeting without one summons the whole cell), and the linked
 * preparatory chi ủy meeting with its attendance.
 */
export async function meetingCommitteeFacts(
  ex: Executor,
  m: {
    id: number;
    unit_id: number;
    kind: string;
    scheduled_at: Date | string;
    prep_meeting_id: number | null;
  },
  day: string,
) {
  const [committee, prep] = await Promise.all([
    committeeOn(ex, m.unit_id, day),
    m.prep_meeting_id
      ? ex.query<{
          id: number;
          status: string;
          scheduled_at: Date;
          present: number;
          summoned: number;
        }>(
          `SELECT mt.id, mt.status, mt.scheduled_at,
                  count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))::int AS present,
                  count(a.member_id) FILTER (WHERE a.category = 'member' AND NOT a.away)::int AS summoned
             FROM meetings mt LEFT JOIN attendance a ON a.meeting_id = mt.id
            WHERE mt.id = $1 AND mt.unit_id = $2
            GROUP BY mt.id`,
          [m.prep_meeting_id, m.unit_id],
        )
      : Promise.resolve([]),
  ]);
  const p = prep[0];
  if (!p && m.prep_meeting_id) throw notFound('buổi họp chi ủy');
  return {
    unitId: m.unit_id,
    recorded: committee !== null,
    members: committee?.length ?? 0,
    /** A chi ủy meeting of a cell without a chi ủy recorded: it summons every member. */
    summonsWholeCell: m.kind === 'committee' && committee === null,
    prepMeeting: p
      ? {
          id: p.id,
          status: p.status,
          scheduledAt: new Date(p.scheduled_at).toISOString(),
          present: p.present,
          summoned: p.summoned,
        }
      : null,
  };
}
