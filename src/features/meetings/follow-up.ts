/**
 * Follow-up of the resolution's items (HD 42: "kết quả thực hiện nghị quyết tháng trước, từng
 * nội dung"). A task set at a meeting is reviewed at the cell's next regular meeting, whatever
 * extraordinary or chi ủy meetings happen in between; a task not reviewed there carries forward
 * to the following one, until it is reviewed. Chi ủy meetings review the chi ủy's own tasks.
 *
 * "Due at M" = tasks of the same cell, set at an earlier held meeting of the reviewing kind, not
 * reviewed at a meeting before M. Their result as of M is the one given at M, else open: a task
 * reviewed only later was still open at M, so M's record and score do not change afterwards.
 */
import type { Executor } from '../../db/executor.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { refreshCellMonth } from '../scoring/status.js';
import { TASK_RESULTS, type TaskResult } from './labels.js';
import { type MeetingRow, visibleMeeting } from './service.js';

export interface TaskView {
  id: number;
  title: string;
  deadline: string | null;
  result: TaskResult;
  resultLabel: string;
  resultNote: string | null;
  meetingId: number;
  /** Date (ISO, local) of the meeting that set the task. */
  meetingDate: string | null;
  reviewedMeetingId: number | null;
  owners: { id: number; fullName: string }[];
  /** The organisation of the locality the task was given to (ADR 025 part E), and its report. */
  organisation: { id: number; name: string; kind: string } | null;
  orgReport: string | null;
  orgReportedAt: string | null;
}

interface TaskRow {
  id: number;
  title: string;
  deadline: string | null;
  result: TaskResult;
  result_note: string | null;
  meeting_id: number;
  meeting_date: string | null;
  reviewed_meeting_id: number | null;
  owners: { id: number; fullName: string }[] | null;
  organisation: { id: number; name: string; kind: string } | null;
  org_report: string | null;
  org_reported_at: Date | null;
}

const TASK_COLS = `t.id, t.title, t.deadline, t.result, t.result_note, t.meeting_id, t.reviewed_meeting_id,
  to_char(src.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS meeting_date,
  (SELECT json_agg(json_build_object('id', m.id, 'fullName', m.full_name) ORDER BY m.sort_key COLLATE "C")
     FROM task_owners o JOIN members m ON m.id = o.member_id WHERE o.task_id = t.id) AS owners,
  (SELECT json_build_object('id', lo.id, 'name', lo.name, 'kind', lo.kind) FROM local_organisations lo
    WHERE lo.id = t.organisation_id) AS organisation, t.org_report, t.org_reported_at`;

function present(t: TaskRow): TaskView {
  return {
    id: t.id,
    title: t.title,
    deadline: t.deadline,
    result: t.result,
    resultLabel: TASK_RESULTS[t.result],
    resultNote: t.result_note,
    meetingId: t.meeting_id,
    meetingDate: t.meeting_date,
    reviewedMeetingId: t.reviewed_meeting_id,
    owners: t.owners ?? [],
    organisation: t.organisation ?? null,
    orgReport: t.org_report,
    orgReportedAt: t.org_reported_at ? new Date(t.org_reported_at).toISOString() : null,
  };
}

export async function loadTasks(ex: Executor, where: string, params: unknown[]): Promise<TaskView[]> {
  const rows = await ex.query<TaskRow>(
    `SELECT ${TASK_COLS} FROM tasks t JOIN meetings src ON src.id = t.meeting_id
      WHERE ${where} ORDER BY t.deadline NULLS LAST, t.id`,
    params,
  );
  return rows.map(present);
}

/** Which meetings review tasks, and whose: regular meetings the cell's, chi ủy meetings the chi ủy's. */
export function reviewsTasks(kind: MeetingRow['kind']): 'cell' | 'committee' | null {
  if (kind === 'regular' || kind === 'combined') return 'cell';
  if (kind === 'committee') return 'committee';
  return null;
}

/** The tasks due for review at meeting `m`, with their result as of `m` (see the module comment). */
export async function dueTasks(
  ex: Executor,
  m: Pick<MeetingRow, 'id' | 'unit_id' | 'kind' | 'scheduled_at'>,
): Promise<TaskView[]> {
  const whose = reviewsTasks(m.kind);
  if (!whose) return [];
  const rows = await ex.query<TaskRow>(
    `SELECT ${TASK_COLS}
       FROM tasks t JOIN meetings src ON src.id = t.meeting_id
       LEFT JOIN meetings rv ON rv.id = t.reviewed_meeting_id
      WHERE t.unit_id = $1 AND src.id <> $2 AND src.status = 'held' AND src.scheduled_at < $3
        AND ${whose === 'committee' ? "src.kind = 'committee'" : "src.kind <> 'committee'"}
        AND (t.reviewed_meeting_id IS NULL OR t.reviewed_meeting_id = $2 OR rv.scheduled_at >= $3)
      ORDER BY src.scheduled_at, t.deadline NULLS LAST, t.id`,
    [m.unit_id, m.id, m.scheduled_at],
  );
  return rows.map((r) =>
    r.reviewed_meeting_id === m.id
      ? present(r)
      : present({
          ...r,
          result: 'open',
          result_note: null,
          reviewed_meeting_id: null,
          org_report: null,
          org_reported_at: null,
        }),
  );
}

/** Counts of the due tasks by result (criterion 7 of the rubric, and section I of the resolution). */
export function countResults(tasks: readonly Pick<TaskView, 'result'>[]) {
  const n = (r: TaskResult) => tasks.filter((t) => t.result === r).length;
  return { achieved: n('achieved'), partial: n('partial'), notAchieved: n('not_achieved'), open: n('open') };
}

/** Marks a task due at this meeting as achieved / partly / not achieved, while the meeting sits. */
export async function reviewTask(
  tx: Executor,
  actor: Actor,
  taskId: number,
  r: {
    result: 'achieved' | 'partial' | 'not_achieved';
    note?: string | null;
    meetingId: number;
    orgReport?: string | null;
  },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, r.meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'held') throw new AppError('MEETING_ALREADY_HELD');
  if (m.status === 'planned') throw new AppError('MEETING_NOT_STARTED');
  const [task] = await tx.query<{
    id: number;
    unit_id: number;
    result: string;
    deadline_month: string | null;
    organisation_id: number | null;
  }>(
    "SELECT id, unit_id, result, to_char(deadline, 'YYYY-MM') AS deadline_month, organisation_id FROM tasks WHERE id = $1",
    [taskId],
  );
  if (!task || task.unit_id !== m.unit_id) throw notFound('nhiệm vụ');
  if (r.orgReport && task.organisation_id === null) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Nhiệm vụ này không giao cho tổ chức nào: không có báo cáo của tổ chức.',
      {
        field: 'orgReport',
      },
    );
  }
  if (!reviewsTasks(m.kind)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Kết quả thực hiện nghị quyết được đánh giá tại buổi sinh hoạt thường kỳ (hoặc họp chi ủy với nhiệm vụ của chi ủy).',
      { field: 'meetingId' },
    );
  }
  const due = await dueTasks(tx, m);
  if (!due.some((t) => t.id === taskId)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Nhiệm vụ này không thuộc các nội dung cần đánh giá ở buổi sinh hoạt này (đã được đánh giá trước đó, hoặc được giao tại chính buổi này).',
      { field: 'meetingId' },
    );
  }
  await tx.query(
    `UPDATE tasks SET result = $2, result_note = $3, reviewed_meeting_id = $4, reviewed_at = now() WHERE id = $1`,
    [taskId, r.result, r.note ?? null, m.id],
  );
  // The organisation's report, recorded with the review (ADR 025 part E).
  if (task.organisation_id !== null) {
    await tx.query(
      `UPDATE tasks SET org_report = $2, org_reported_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = $1`,
      [taskId, r.orgReport || null],
    );
  }
  // Tasks done count in the summary row of their deadline's month (ADR 021).
  if (task.deadline_month) await refreshCellMonth(tx, m.unit_id, task.deadline_month);
  await audit(
    tx,
    actor,
    {
      action: 'task.review',
      entityType: 'task',
      entityId: taskId,
      orgUnitId: m.unit_id,
      before: { result: task.result },
      after: r,
    },
    ip,
  );
}
