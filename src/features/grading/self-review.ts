/**
 * A member's bản kiểm điểm of a year (issue 10, ADR 024) and the year's record it is written
 * beside: only the member writes it; once submitted it is read-only until the cell's secretary
 * returns it. The record is read from the year's facts (facts.ts) and the rows behind them.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate, formatNumber } from '../../domain/format.js';
import type { RulePack } from '../../rules/types.js';
import { GRADE_LEVELS, type GradeLevel } from '../../rules/year-types.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { ATTENDANCE_LABELS, TASK_RESULTS } from '../meetings/labels.js';
import { assertReviewOpen, reviewClosedReason } from './campaign-close.js';
import {
  type MemberYearFactsFull,
  memberYearFacts,
  packsForCells,
  type ReviewableMember,
  referenceDate,
  reviewableMembers,
  YEAR_FROM,
  YEAR_TO,
} from './facts.js';

export const DISCIPLINE_FORMS = {
  khien_trach: 'Khiển trách',
  canh_cao: 'Cảnh cáo',
  cach_chuc: 'Cách chức',
  khai_tru: 'Khai trừ',
} as const;
export type DisciplineForm = keyof typeof DISCIPLINE_FORMS;

export interface GradingMember {
  id: number;
  full_name: string;
  unit_id: number;
  unit_path: string;
  unit_name: string;
}

/**
 * A member whose year the actor may read: the member themself, or anyone holding `cap`
 * (grading.read by default) over the member's unit. Anyone else gets 404, as if absent.
 */
export async function gradingMember(
  ex: Executor,
  actor: Actor,
  id: number,
  cap: 'grading.read' | 'grading.decide' = 'grading.read',
): Promise<GradingMember & { self: boolean }> {
  const [m] = await ex.query<GradingMember>(
    `SELECT m.id, m.full_name, m.unit_id, u.path AS unit_path, u.name AS unit_name
       FROM members m JOIN org_units u ON u.id = m.unit_id WHERE m.id = $1`,
    [id],
  );
  if (!m) throw notFound('đảng viên');
  const self = actor.memberId === m.id;
  if (cap === 'grading.read' && (self || can(actor, 'grading.read', m.unit_path))) return { ...m, self };
  if (cap === 'grading.decide') {
    if (!can(actor, 'grading.read', m.unit_path) && !self) throw notFound('đảng viên');
    authorize(actor, 'grading.decide', m.unit_path, 'đảng viên');
    return { ...m, self };
  }
  throw notFound('đảng viên');
}

/** The member's standing in the year's review (their cell on the day) and the cell's pack. */
export async function reviewSubject(
  ex: Executor,
  memberId: number,
  year: number,
): Promise<{ subject: ReviewableMember | undefined; pack: RulePack | undefined }> {
  const [subject] = await reviewableMembers(ex, { year, unitPath: '/', memberIds: [memberId] });
  if (!subject) return { subject, pack: undefined };
  const packs = await packsForCells(ex, [subject], referenceDate(year));
  return { subject, pack: packs.get(subject.unitId) };
}

const NOT_IN_CELL = (year: number) =>
  `Đảng viên không có tên trong danh sách đảng viên của một chi bộ ngày ${formatDate(referenceDate(year))}: không kiểm điểm năm ${year}.`;

/** The subject, or 409 when the member is not reviewed this year (not in a cell, or exempted). */
async function reviewedSubject(ex: Executor, memberId: number, year: number) {
  const { subject, pack } = await reviewSubject(ex, memberId, year);
  if (!subject || !pack) throw new AppError('CONFLICT', NOT_IN_CELL(year));
  if (!subject.reviewed) throw new AppError('CONFLICT', `${subject.notGradedReason} năm ${year}.`);
  return { subject, pack };
}

/** The year from the records: meetings, tasks, dues, commendations and discipline. */
export async function yearRecord(ex: Executor, memberId: number, year: number) {
  const [facts, { subject }, meetings, tasks, dues, commendations, disciplines] = await Promise.all([
    memberYearFacts(ex, { year, memberIds: [memberId] }),
    reviewSubject(ex, memberId, year),
    ex.query<{
      scheduled_at: Date;
      title: string;
      status: keyof typeof ATTENDANCE_LABELS | null;
      reason: string | null;
    }>(
      `SELECT mt.scheduled_at, mt.title, a.status, a.reason
         FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id
        WHERE a.member_id = $2 AND a.category = 'member' AND NOT a.away
          AND mt.status = 'held' AND mt.kind <> 'committee'
          AND mt.scheduled_at >= ${YEAR_FROM} AND mt.scheduled_at < ${YEAR_TO}
        ORDER BY mt.scheduled_at`,
      [year, memberId],
    ),
    ex.query<{ title: string; deadline: string | null; result: keyof typeof TASK_RESULTS; late: boolean }>(
      `SELECT t.title, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.result,
              (t.result = 'achieved' AND t.deadline IS NOT NULL
                AND (coalesce(t.reviewed_at, rm.scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > t.deadline) AS late
         FROM task_owners o JOIN tasks t ON t.id = o.task_id JOIN meetings mt ON mt.id = t.meeting_id
         LEFT JOIN meetings rm ON rm.id = t.reviewed_meeting_id
        WHERE o.member_id = $2
          AND (t.deadline BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
               OR (t.deadline IS NULL AND mt.scheduled_at >= ${YEAR_FROM} AND mt.scheduled_at < ${YEAR_TO}))
        ORDER BY t.deadline NULLS LAST, t.id`,
      [year, memberId],
    ),
    ex.query<{ month: string; due: string; paid: string; reason: string | null }>(
      `SELECT month, due::text, paid::text, reason FROM dues_entries
        WHERE member_id = $2 AND month >= ($1::int)::text || '-01' AND month <= ($1::int)::text || '-12' ORDER BY month`,
      [year, memberId],
    ),
    ex.query<{ title: string; decided_on: string; decision_no: string | null; issuer: string | null }>(
      `SELECT title, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision_no, issuer FROM member_commendations
        WHERE member_id = $2 AND decided_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31) ORDER BY decided_on, id`,
      [year, memberId],
    ),
    ex.query<{ form: DisciplineForm; decided_on: string; decision_no: string | null; reason: string }>(
      `SELECT form, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision_no, reason FROM member_disciplines
        WHERE member_id = $2 AND decided_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31) ORDER BY decided_on, id`,
      [year, memberId],
    ),
  ]);
  const f = facts.get(memberId) as MemberYearFactsFull;
  const monthText = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
  return {
    year,
    memberId,
    facts: f,
    meetings: {
      due: f.meetingsDue,
      attended: f.attended,
      absentExcused: f.absentExcused,
      absentUnexcused: f.absentUnexcused,
      missed: meetings
        .filter((m) => m.status === 'absent_excused' || m.status === 'absent_unexcused')
        .map((m) => ({
          date: formatDate(m.scheduled_at),
          title: m.title,
          status: m.status!,
          statusLabel: ATTENDANCE_LABELS[m.status!],
          reason: m.reason,
        })),
    },
    tasks: {
      assigned: f.tasksAssigned,
      done: f.tasksDone,
      late: f.tasksLate,
      undone: f.tasksUndone,
      items: tasks.map((t) => ({
        title: t.title,
        deadline: t.deadline ? formatDate(t.deadline) : null,
        result: t.result,
        resultLabel: t.late ? 'Đạt (chậm so với thời hạn)' : TASK_RESULTS[t.result],
        late: t.late,
      })),
    },
    dues: {
      months: f.duesMonths,
      due: f.duesDue,
      paid: f.duesPaid,
      dueText: `${formatNumber(f.duesDue)} đ`,
      paidText: `${formatNumber(f.duesPaid)} đ`,
      unpaidMonths: dues
        .filter((d) => Number(d.paid) < Number(d.due) && d.reason === null)
        .map((d) => monthText(d.month)),
      excusedMonths: dues
        .filter((d) => Number(d.paid) < Number(d.due) && d.reason !== null)
        .map((d) => ({ month: monthText(d.month), reason: d.reason! })),
    },
    commendations: commendations.map((c) => ({
      title: c.title,
      date: formatDate(c.decided_on),
      decisionNo: c.decision_no,
      issuer: c.issuer,
    })),
    disciplines: disciplines.map((d) => ({
      form: d.form,
      formLabel: DISCIPLINE_FORMS[d.form],
      date: formatDate(d.decided_on),
      decisionNo: d.decision_no,
      reason: d.reason,
    })),
    reviewed: subject?.reviewed ?? false,
    graded: subject?.graded ?? false,
    notGradedReason: subject ? subject.notGradedReason : NOT_IN_CELL(year),
  };
}
export type YearRecord = Awaited<ReturnType<typeof yearRecord>>;

interface SelfReviewRow {
  id: number;
  unit_id: number;
  sections: Record<string, string>;
  proposed_level: GradeLevel | null;
  status: 'draft' | 'submitted';
  submitted_at: Date | null;
  revision: number;
  updated_at: Date;
}

async function loadRow(ex: Executor, memberId: number, year: number): Promise<SelfReviewRow | undefined> {
  const [row] = await ex.query<SelfReviewRow>(
    `SELECT id, unit_id, sections, proposed_level, status, submitted_at, revision, updated_at
       FROM member_self_reviews WHERE year = $1 AND member_id = $2`,
    [year, memberId],
  );
  return row;
}

/** The self-review as its page shows it: the pack's sections with the member's text, and the record. */
export async function selfReviewView(ex: Executor, actor: Actor, memberId: number, year: number) {
  const m = await gradingMember(ex, actor, memberId);
  const { subject, pack } = await reviewedSubject(ex, memberId, year);
  const [row, record, closed] = await Promise.all([
    loadRow(ex, memberId, year),
    yearRecord(ex, memberId, year),
    reviewClosedReason(ex, subject.unitPath, year),
  ]);
  const rules = pack.grading;
  return {
    year,
    memberId,
    fullName: m.full_name,
    cellId: subject.unitId,
    cellName: subject.unitName,
    status: row?.status ?? ('draft' as const),
    revision: row?.revision ?? 0,
    submittedAt: row?.submitted_at ?? null,
    proposedLevel: row?.proposed_level ?? null,
    sections: rules.selfReviewSections.map((s) => ({ ...s, text: row?.sections[s.key] ?? '' })),
    levels: rules.levels.map((l) => ({ key: l.key, label: l.label })),
    graded: subject.graded,
    notGradedReason: subject.notGradedReason,
    canEdit: m.self && row?.status !== 'submitted' && !closed,
    canReturn: row?.status === 'submitted' && can(actor, 'grading.vote', subject.unitPath) && !closed,
    /** Why nothing more is written for this year (its campaign is closed), or null. */
    reviewClosed: closed,
    record,
  };
}
export type SelfReviewView = Awaited<ReturnType<typeof selfReviewView>>;

export interface SelfReviewInput {
  sections: Record<string, string>;
  proposedLevel: GradeLevel | null;
  submit: boolean;
  revision?: number;
}

/** Saves (and optionally submits) the member's own self-review; a stale revision is refused. */
export async function saveSelfReview(
  db: Executor,
  actor: Actor,
  memberId: number,
  year: number,
  input: SelfReviewInput,
  ip?: string,
) {
  const m = await gradingMember(db, actor, memberId);
  if (!m.self) throw new AppError('FORBIDDEN', 'Chỉ đảng viên tự viết và nộp bản kiểm điểm của mình.');
  const { subject, pack } = await reviewedSubject(db, memberId, year);
  await assertReviewOpen(db, subject.unitPath, year);
  const keys = new Set(pack.grading.selfReviewSections.map((s) => s.key));
  const unknown = Object.keys(input.sections).filter((k) => !keys.has(k));
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', `Bản kiểm điểm không có mục "${unknown[0]}".`, {
      fields: { sections: 'Mục không có trong mẫu bản kiểm điểm' },
    });
  if (input.proposedLevel && !subject.graded)
    throw new AppError('GRADING_NOT_GRADED', `${subject.notGradedReason}; không tự nhận mức xếp loại.`);
  if (input.submit && subject.graded && !input.proposedLevel)
    throw new AppError('VALIDATION_FAILED', 'Hãy tự nhận mức xếp loại trước khi nộp bản kiểm điểm.', {
      fields: { proposedLevel: 'Chưa chọn mức tự nhận' },
    });
  return db.transaction(async (tx) => {
    const before = await loadRow(tx, memberId, year);
    if (before?.status === 'submitted')
      throw new AppError(
        'CONFLICT',
        'Bản kiểm điểm đã nộp, không sửa được nữa. Nếu cần sửa, đề nghị bí thư chi bộ trả lại bản kiểm điểm.',
      );
    if (before && input.revision !== before.revision)
      throw new AppError(
        'CONFLICT',
        'Bản kiểm điểm đã được lưu ở nơi khác (trên máy khác hoặc thẻ khác). Hãy tải lại trang để xem bản mới nhất.',
        { revision: before.revision },
      );
    const sections = { ...(before?.sections ?? {}), ...input.sections };
    const status = input.submit ? 'submitted' : 'draft';
    const [row] = await tx.query<{ revision: number }>(
      `INSERT INTO member_self_reviews (year, member_id, unit_id, sections, proposed_level, status, submitted_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'submitted' THEN now() END, $7)
       ON CONFLICT (year, member_id) DO UPDATE SET sections = EXCLUDED.sections, proposed_level = EXCLUDED.proposed_level,
         status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at, unit_id = EXCLUDED.unit_id,
         revision = member_self_reviews.revision + 1, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING revision`,
      [year, memberId, subject.unitId, JSON.stringify(sections), input.proposedLevel, status, actor.userId],
    );
    await audit(
      tx,
      actor,
      {
        action: input.submit ? 'grading.self_review_submit' : 'grading.self_review_save',
        entityType: 'member',
        entityId: memberId,
        orgUnitId: subject.unitId,
        before: before ? { proposedLevel: before.proposed_level, status: before.status } : undefined,
        after: { year, proposedLevel: input.proposedLevel, status, revision: row!.revision },
      },
      ip,
    );
    return row!.revision;
  });
}

/** The cell's secretary hands a submitted self-review back to its member for changes. */
export async function returnSelfReview(
  db: Executor,
  actor: Actor,
  memberId: number,
  year: number,
  note: string | null,
  ip?: string,
) {
  const m = await gradingMember(db, actor, memberId);
  authorize(actor, 'grading.vote', m.unit_path, 'đảng viên');
  return db.transaction(async (tx) => {
    const row = await loadRow(tx, memberId, year);
    // The cell the review was written in (the member may have moved since): its secretary returns it.
    const [cell] = row
      ? await tx.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [row.unit_id])
      : [];
    if (row && cell) authorize(actor, 'grading.vote', cell.path, 'bản kiểm điểm');
    if (row?.status !== 'submitted')
      throw new AppError('CONFLICT', 'Bản kiểm điểm chưa nộp nên không cần trả lại.');
    await assertReviewOpen(tx, cell!.path, year);
    const [updated] = await tx.query<{ revision: number }>(
      `UPDATE member_self_reviews SET status = 'draft', submitted_at = NULL, revision = revision + 1,
         updated_by = $2, updated_at = now() WHERE id = $1 RETURNING revision`,
      [row.id, actor.userId],
    );
    await audit(
      tx,
      actor,
      {
        action: 'grading.self_review_return',
        entityType: 'member',
        entityId: memberId,
        orgUnitId: row.unit_id,
        after: { year, note, revision: updated!.revision },
      },
      ip,
    );
    return updated!.revision;
  });
}

export const isGradeLevel = (v: unknown): v is GradeLevel =>
  typeof v === 'string' && (GRADE_LEVELS as readonly string[]).includes(v);
