import type { Executor } from '../../db/executor.js';
import {
  type AttendanceEntry,
  type AttendanceStatus,
  decideVote,
  summarizeAttendance,
} from '../../domain/attendance.js';
import { toIsoDate } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { insertPlanAgendaItems } from '../activity-plans/meeting-items.js';
import { TERM_IN_OFFICE } from '../cell-committee/service.js';
import { assertTaskOrganisation } from '../organisations/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { refreshAttendanceSummary } from './attendance-summary.js';
import { acceptsCheckinCode } from './checkin-code.js';
import type { MeetingKindKey } from './labels.js';
import { type CheckinLockout, checkinLocked, fastSelfCheckIn } from './self-checkin.js';
import { type MeetingRow, visibleMeeting } from './service.js';
import { isoLocal, localMonth } from './time.js';

export type { CheckinLockout };

export interface RosterRow {
  member_id: number;
  full_name: string;
  sort_key: string;
  category: 'member' | 'exempted' | 'temporary_in';
  is_official: boolean;
  away: boolean;
  status: AttendanceStatus | null;
  reason: string | null;
  checked_in_at: Date | null;
  via: 'secretary' | 'self' | null;
}

/**
 * Who the meeting concerns on its day, from the dated history: own members (exempted ones
 * apart, those away on temporary membership flagged), and members of other cells attending
 * here temporarily. The same query serves the live preview and the snapshot at start.
 */
export async function computeRoster(
  ex: Executor,
  unitId: number,
  date: string,
  kind?: string,
): Promise<Omit<RosterRow, 'status' | 'reason' | 'checked_in_at' | 'via'>[]> {
  // A chi ủy meeting summons the chi ủy in office that day (its statutory base is the chi ủy's
  // members, ADR 025 part E); a cell without a chi ủy recorded then keeps the whole cell.
  return ex.query(
    `WITH cu AS (
       SELECT c.member_id FROM cell_committee_members c
        WHERE $3::boolean AND c.term_id = (${TERM_IN_OFFICE('$1', '$2')})
          AND c.from_on <= $2 AND (c.to_on IS NULL OR c.to_on > $2)
     ), own AS (
       SELECT ms.member_id FROM memberships ms
        WHERE ms.unit_id = $1 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
          AND (NOT EXISTS (SELECT 1 FROM cu) OR ms.member_id IN (SELECT member_id FROM cu))
     ), hosted AS (
       SELECT p.member_id FROM member_status_periods p
        WHERE p.unit_id = $1 AND p.kind = 'temporary_out' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
          AND p.member_id NOT IN (SELECT member_id FROM own)
          AND NOT EXISTS (SELECT 1 FROM cu)
     ), st AS (
       SELECT x.member_id, x.hosted,
              bool_or(p.kind = 'official') AS official,
              bool_or(p.kind = 'exempted') AS exempted,
              bool_or(p.kind = 'temporary_out') AS away
         FROM (SELECT member_id, false AS hosted FROM own UNION ALL SELECT member_id, true FROM hosted) x
         LEFT JOIN member_status_periods p
           ON p.member_id = x.member_id AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
        GROUP BY x.member_id, x.hosted
     )
     SELECT st.member_id, m.full_name, m.sort_key,
            CASE WHEN st.hosted THEN 'temporary_in' WHEN coalesce(st.exempted, false) THEN 'exempted' ELSE 'member' END AS category,
            coalesce(st.official, false) AS is_official,
            (NOT st.hosted AND coalesce(st.away, false)) AS away
       FROM st JOIN members m ON m.id = st.member_id
      ORDER BY m.sort_key COLLATE "C"`,
    [unitId, date, kind === 'committee'],
  );
}

export async function loadRoster(ex: Executor, m: MeetingRow): Promise<RosterRow[]> {
  const stored = await ex.query<RosterRow>(
    `SELECT a.member_id, mb.full_name, mb.sort_key, a.category, a.is_official, a.away, a.status, a.reason, a.checked_in_at, a.via
       FROM attendance a JOIN members mb ON mb.id = a.member_id WHERE a.meeting_id = $1
      ORDER BY mb.sort_key COLLATE "C"`,
    [m.id],
  );
  if (stored.length > 0 || m.status !== 'planned') return stored;
  const live = await computeRoster(ex, m.unit_id, toIsoDate(new Date(m.scheduled_at)), m.kind);
  return live.map((r) => ({ ...r, status: null, reason: null, checked_in_at: null, via: null }));
}

export function toEntries(roster: RosterRow[]): AttendanceEntry[] {
  return roster.map((r) => ({
    category: r.category,
    isOfficial: r.is_official,
    away: r.away,
    status: r.status,
  }));
}

function assertInProgress(m: MeetingRow) {
  if (m.status === 'planned') throw new AppError('MEETING_NOT_STARTED');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'held') throw new AppError('MEETING_ALREADY_HELD');
}

export async function ensureAgenda(
  tx: Executor,
  m: Pick<MeetingRow, 'id' | 'kind' | 'rule_pack' | 'rule_pack_version' | 'scheduled_at' | 'cell_type'>,
) {
  const [has] = await tx.query('SELECT 1 FROM agenda_items WHERE meeting_id = $1 LIMIT 1', [m.id]);
  if (has) return;
  const pack = await packVersionFor(tx, m.rule_pack, toIsoDate(new Date(m.scheduled_at)));
  const base = pack.meetings.agenda[m.kind as MeetingKindKey] ?? [];
  // Items for the cell type go before the next month's tasks (or before the closing).
  const extras = m.kind === 'committee' ? [] : (pack.meetings.agendaExtras[m.cell_type ?? ''] ?? []);
  const at = base.findIndex((i) => i.key === 'next_tasks' || i.section === 'closing');
  const template = at < 0 ? [...base, ...extras] : [...base.slice(0, at), ...extras, ...base.slice(at)];
  if (template.length === 0) return;
  await tx.query(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title)
     SELECT $1, p, s, k, t FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(p, s, k, t)`,
    [
      m.id,
      template.map((_, i) => i + 1),
      template.map((t) => t.section),
      template.map((t) => t.key),
      template.map((t) => t.title),
    ],
  );
  // The month's key tasks of the cell's yearly programme, before next_tasks (ADR 025 part C).
  await insertPlanAgendaItems(tx, m.id, m.scheduled_at);
}

/** Every summoned member must be marked present or absent before the meeting closes. */
export async function assertAllMarked(tx: Executor, m: MeetingRow) {
  const s = await refreshAttendanceSummary(tx, m.id);
  if (s.unmarked > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Còn ${s.unmarked} đảng viên chưa điểm danh (có mặt hoặc vắng có/không lý do).`,
      { unmarked: s.unmarked },
    );
  }
}

/** Closes a meeting at `at` (the end, or the adoption of its minutes) and refreshes its month row. */
export async function closeMeeting(tx: Executor, m: MeetingRow, at: Date) {
  await tx.query(`UPDATE meetings SET status = 'held', ended_at = $2, updated_at = now() WHERE id = $1`, [
    m.id,
    at,
  ]);
  await refreshCellMonth(tx, m.unit_id, localMonth(new Date(m.scheduled_at)));
}

export async function endMeeting(tx: Executor, actor: Actor, id: number, ip?: string, at = new Date()) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  assertInProgress(m);
  await assertAllMarked(tx, m);
  await closeMeeting(tx, m, at);
  await audit(
    tx,
    actor,
    {
      action: 'meeting.end',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { endedAt: at },
    },
    ip,
  );
}

async function rosterEntry(tx: Executor, meetingId: number, memberId: number) {
  const [row] = await tx.query<{ status: string | null; category: string }>(
    'SELECT status, category FROM attendance WHERE meeting_id = $1 AND member_id = $2',
    [meetingId, memberId],
  );
  return row;
}

export async function setAttendance(
  tx: Executor,
  actor: Actor,
  id: number,
  memberId: number,
  input: { status: AttendanceStatus; reason?: string | null },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  assertInProgress(m);
  const before = await rosterEntry(tx, m.id, memberId);
  if (!before) throw notFound('đảng viên trong danh sách buổi sinh hoạt');
  if (input.status === 'absent_excused' && !input.reason?.trim()) {
    throw new AppError('VALIDATION_FAILED', 'Vắng có lý do: cần ghi lý do.', { field: 'reason' });
  }
  await tx.query(
    `UPDATE attendance SET status = $3, reason = $4, via = 'secretary', updated_at = now(),
       checked_in_at = CASE WHEN $3 IN ('present', 'late', 'left_early') THEN coalesce(checked_in_at, now()) ELSE NULL END
     WHERE meeting_id = $1 AND member_id = $2`,
    [m.id, memberId, input.status, input.status.startsWith('absent') ? (input.reason ?? null) : null],
  );
  await refreshAttendanceSummary(tx, m.id);
  await audit(
    tx,
    actor,
    {
      action: 'meeting.attendance',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before,
      after: { memberId, ...input },
    },
    ip,
  );
}

/**
 * A member checks in from their own phone with the code on the hall's screen, only while the
 * meeting is open. The code rotates (checkin-code.ts); wrong codes are counted per member and
 * meeting (table checkin_attempts) and, past the limit, the member waits, even with the right
 * code. The count commits although the answer is a refusal: the refusal is thrown after commit.
 * A right code goes the fast path first; this transaction decides what it leaves (wrong codes).
 */
export async function selfCheckIn(
  db: Executor,
  actor: Actor,
  id: number,
  code: string,
  lockout: CheckinLockout,
  ip?: string,
  now: Date = new Date(),
): Promise<{ status: string; already: boolean }> {
  // A right code on an ordinary roster entry: one read and one statement (self-checkin.ts).
  const fast = await fastSelfCheckIn(db, actor, id, code, lockout, ip, now);
  if (fast) return fast;
  const outcome = await db.transaction(async (tx) => {
    const m = await visibleMeeting(tx, actor, id);
    if (m.status !== 'in_progress') throw new AppError('CHECKIN_CLOSED');
    if (!actor.memberId) throw new AppError('NOT_ON_ROSTER');
    const entry = await rosterEntry(tx, m.id, actor.memberId);
    if (!entry) throw new AppError('NOT_ON_ROSTER');
    // The row is locked until commit: parallel guesses of one member queue behind each other.
    const [row] = await tx.query<{ streak: number; locked_until: Date | null; checkin_secret: string }>(
      `INSERT INTO checkin_attempts AS a (meeting_id, member_id) VALUES ($1, $2)
       ON CONFLICT (meeting_id, member_id) DO UPDATE SET meeting_id = a.meeting_id
       RETURNING a.streak, CASE WHEN a.locked_until > $3 THEN a.locked_until END AS locked_until,
                 (SELECT checkin_secret FROM meetings WHERE id = $1) AS checkin_secret`,
      [m.id, actor.memberId, now],
    );
    if (row!.locked_until) throw checkinLocked(new Date(row!.locked_until), lockout);
    if (!acceptsCheckinCode(row!.checkin_secret, code, now)) {
      const [after] = await tx.query<{ failures: number; locked_until: Date | null }>(
        `UPDATE checkin_attempts SET failures = failures + 1, last_failure_at = $3,
                streak = CASE WHEN streak + 1 >= $4::int THEN 0 ELSE streak + 1 END,
                locked_until = CASE WHEN streak + 1 >= $4::int THEN $3::timestamptz + make_interval(mins => $5::int) END
          WHERE meeting_id = $1 AND member_id = $2
          RETURNING failures, locked_until`,
        [m.id, actor.memberId, now, lockout.maxFailures, lockout.lockMinutes],
      );
      if (!after!.locked_until) return { refusal: new AppError('CHECKIN_CODE_INVALID') };
      const until = new Date(after!.locked_until);
      await audit(
        tx,
        actor,
        {
          action: 'meeting.check_in_lockout',
          entityType: 'meeting',
          entityId: m.id,
          orgUnitId: m.unit_id,
          after: { memberId: actor.memberId, failures: after!.failures, lockedUntil: until.toISOString() },
        },
        ip,
      );
      return { refusal: checkinLocked(until, lockout) };
    }
    await tx.query('UPDATE checkin_attempts SET streak = 0 WHERE meeting_id = $1 AND member_id = $2', [
      m.id,
      actor.memberId,
    ]);
    if (entry.status && ['present', 'late', 'left_early'].includes(entry.status))
      return { result: { status: entry.status, already: true } };
    await tx.query(
      `UPDATE attendance SET status = 'present', reason = NULL, via = 'self', checked_in_at = now(), updated_at = now()
        WHERE meeting_id = $1 AND member_id = $2`,
      [m.id, actor.memberId],
    );
    await refreshAttendanceSummary(tx, m.id);
    await audit(
      tx,
      actor,
      {
        action: 'meeting.check_in',
        entityType: 'meeting',
        entityId: m.id,
        orgUnitId: m.unit_id,
        after: { memberId: actor.memberId },
      },
      ip,
    );
    return { result: { status: 'present', already: false } };
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.result;
}

/** Wrong self check-in codes per member of a meeting, for those who run it. */
export async function checkinAttempts(ex: Executor, meetingId: number, now: Date = new Date()) {
  const rows = await ex.query<{
    member_id: number;
    full_name: string;
    failures: number;
    locked_until: Date | null;
    last_failure_at: Date | null;
  }>(
    `SELECT a.member_id, mb.full_name, a.failures,
            CASE WHEN a.locked_until > $2 THEN a.locked_until END AS locked_until, a.last_failure_at
       FROM checkin_attempts a JOIN members mb ON mb.id = a.member_id
      WHERE a.meeting_id = $1 AND a.failures > 0
      ORDER BY a.failures DESC, mb.sort_key`,
    [meetingId, now],
  );
  return rows.map((r) => ({
    memberId: r.member_id,
    fullName: r.full_name,
    failures: r.failures,
    lockedUntil: isoLocal(r.locked_until),
    lastFailureAt: isoLocal(r.last_failure_at),
  }));
}

export async function addGuest(
  tx: Executor,
  actor: Actor,
  id: number,
  g: { name: string; title?: string | null; organisation?: string | null; isSupervisor: boolean },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'held') throw new AppError('MEETING_ALREADY_HELD');
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO meeting_guests (meeting_id, name, title, organisation, is_supervisor) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [m.id, g.name, g.title ?? null, g.organisation ?? null, g.isSupervisor],
  );
  await audit(
    tx,
    actor,
    { action: 'meeting.guest_add', entityType: 'meeting', entityId: m.id, orgUnitId: m.unit_id, after: g },
    ip,
  );
  return row!.id;
}

/** An agenda item named in a body belongs to this meeting (else a 400 naming the field). */
async function assertAgendaItemOf(tx: Executor, meetingId: number, agendaItemId: number) {
  const [a] = await tx.query('SELECT 1 FROM agenda_items WHERE id = $1 AND meeting_id = $2', [
    agendaItemId,
    meetingId,
  ]);
  if (!a)
    throw new AppError('VALIDATION_FAILED', 'Mục chương trình không thuộc buổi sinh hoạt này.', {
      field: 'agendaItemId',
    });
}

export async function addSpeech(
  tx: Executor,
  actor: Actor,
  id: number,
  s: { agendaItemId?: number | null; memberId?: number | null; guestId?: number | null; summary: string },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  assertInProgress(m);
  let speaker: string | undefined;
  if (s.memberId) {
    const [r] = await tx.query<{ full_name: string }>(
      'SELECT mb.full_name FROM attendance a JOIN members mb ON mb.id = a.member_id WHERE a.meeting_id = $1 AND a.member_id = $2',
      [m.id, s.memberId],
    );
    speaker = r?.full_name;
  } else if (s.guestId) {
    const [r] = await tx.query<{ name: string }>(
      'SELECT name FROM meeting_guests WHERE meeting_id = $1 AND id = $2',
      [m.id, s.guestId],
    );
    speaker = r?.name;
  }
  if (!speaker)
    throw new AppError('VALIDATION_FAILED', 'Người phát biểu không có trong danh sách buổi sinh hoạt.', {
      field: 'memberId',
    });
  if (s.agendaItemId) await assertAgendaItemOf(tx, m.id, s.agendaItemId);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO speeches (meeting_id, agenda_item_id, member_id, guest_id, speaker_name, summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.id, s.agendaItemId ?? null, s.memberId ?? null, s.guestId ?? null, speaker, s.summary],
  );
  await audit(
    tx,
    actor,
    {
      action: 'meeting.speech_add',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { speaker, ...s },
    },
    ip,
  );
  return row!.id;
}

/** Records a vote, decided on the statutory base of this meeting (not on those present). */
export async function recordVote(
  tx: Executor,
  actor: Actor,
  id: number,
  v: {
    subject: string;
    isResolution: boolean;
    agendaItemId?: number | null;
    method: string;
    for: number;
    against: number;
    abstain: number;
  },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  assertInProgress(m);
  if (v.agendaItemId) await assertAgendaItemOf(tx, m.id, v.agendaItemId);
  const summary = summarizeAttendance(toEntries(await loadRoster(tx, m)));
  const pack = await packVersionFor(tx, m.rule_pack, toIsoDate(new Date(m.scheduled_at)));
  const decision = decideVote(
    { for: v.for, against: v.against, abstain: v.abstain },
    summary.votingBase,
    summary.votersPresent,
    pack.meetings.vote,
  );
  if (!decision.ok) throw new AppError('VALIDATION_FAILED', decision.message, { field: 'for' });
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO votes (meeting_id, agenda_item_id, subject, is_resolution, method, votes_for, votes_against, votes_abstain, base, passed, rule)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      m.id,
      v.agendaItemId ?? null,
      v.subject,
      v.isResolution,
      v.method,
      v.for,
      v.against,
      v.abstain,
      summary.votingBase,
      decision.passed,
      pack.meetings.vote.citation,
    ],
  );
  await audit(
    tx,
    actor,
    {
      action: 'meeting.vote',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { ...v, base: summary.votingBase, passed: decision.passed },
    },
    ip,
  );
  return { id: row!.id, base: summary.votingBase, passed: decision.passed, percentFor: decision.percentFor };
}

/** A resolution item with one or more owners (members of the cell) and a deadline. */
export async function addTask(
  tx: Executor,
  actor: Actor,
  id: number,
  t: { title: string; ownerIds: number[]; deadline?: string | null; organisationId?: number | null },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  // Tasks are the resolution's items, set while the meeting sits; afterwards only a correction.
  assertInProgress(m);
  const owners = [...new Set(t.ownerIds)];
  const ok = await tx.query<{ id: number }>(
    `SELECT m.id FROM members m WHERE m.id = ANY($1::int[]) AND (
       EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.unit_id = $2 AND ms.valid_to IS NULL)
       OR EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = m.id AND p.unit_id = $2 AND p.kind = 'temporary_out'
                  AND (p.valid_to IS NULL OR p.valid_to > CURRENT_DATE)))`,
    [owners, m.unit_id],
  );
  if (ok.length !== owners.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Người được phân công phải là đảng viên đang sinh hoạt tại chi bộ.',
      { field: 'ownerIds' },
    );
  }
  // An organisation of the locality must be the cell's own and active (ADR 025 part E).
  const organisationName =
    t.organisationId != null ? await assertTaskOrganisation(tx, m.unit_id, t.organisationId) : null;
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO tasks (unit_id, meeting_id, title, deadline, organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [m.unit_id, m.id, t.title, t.deadline ?? null, t.organisationId ?? null],
  );
  await tx.query('INSERT INTO task_owners (task_id, member_id) SELECT $1, unnest($2::int[])', [
    row!.id,
    owners,
  ]);
  // Tasks due count in the summary row of their deadline's month (ADR 021).
  if (t.deadline) await refreshCellMonth(tx, m.unit_id, t.deadline.slice(0, 7));
  await audit(
    tx,
    actor,
    {
      action: 'meeting.task_add',
      entityType: 'task',
      entityId: row!.id,
      orgUnitId: m.unit_id,
      after: organisationName ? { ...t, organisationName } : t,
    },
    ip,
  );
  return row!.id;
}
