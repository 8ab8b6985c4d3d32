/**
 * Starting a meeting, and taking a false start back. A meeting starts only within the window
 * the rule pack sets around its scheduled time (e.g. from 2 hours before): a meeting held on
 * another day is first rescheduled to now, with a reason the members are told. Starting takes
 * the pack in force that day (a pack change reaches meetings not yet held), snapshots the
 * roster and lays out the agenda.
 */
import type { Executor } from '../../db/executor.js';
import { toIsoDate } from '../../domain/format.js';
import type { RulePack } from '../../rules/index.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { cellMemberUserIds, notifyUsers } from '../notifications/service.js';
import { rulePackForUnit } from '../org/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { refreshAttendanceSummary } from './attendance-summary.js';
import type { MeetingKindKey } from './labels.js';
import { computeRoster, ensureAgenda } from './running.js';
import { type MeetingRow, visibleMeeting } from './service.js';
import { formatClockDate, isoLocal, localMonth } from './time.js';

export interface StartWindow {
  opensAt: Date;
  closesAt: Date;
}

/** The instants between which a meeting scheduled at `scheduledAt` may be started. */
export function startWindow(scheduledAt: Date, pack: RulePack): StartWindow {
  const w = pack.meetings.startWindow;
  return {
    opensAt: new Date(scheduledAt.getTime() - w.opensMinutesBefore * 60_000),
    closesAt: new Date(scheduledAt.getTime() + w.closesMinutesAfter * 60_000),
  };
}

export function withinStartWindow(at: Date, scheduledAt: Date, pack: RulePack): boolean {
  const w = startWindow(scheduledAt, pack);
  return at.getTime() >= w.opensAt.getTime() && at.getTime() <= w.closesAt.getTime();
}

function outsideWindow(m: MeetingRow, w: StartWindow, at: Date): AppError {
  const early = at.getTime() < w.opensAt.getTime();
  const message = early
    ? `Buổi sinh hoạt được lên lịch lúc ${formatClockDate(m.scheduled_at)}; chỉ bắt đầu được từ ${formatClockDate(w.opensAt)}. ` +
      'Nếu chi bộ họp ngay bây giờ, hãy dời lịch sang bây giờ (ghi lý do) rồi bắt đầu.'
    : `Buổi sinh hoạt được lên lịch lúc ${formatClockDate(m.scheduled_at)}; đã quá thời gian bắt đầu (đến ${formatClockDate(w.closesAt)}). ` +
      'Nếu chi bộ họp bây giờ, hãy dời lịch sang bây giờ (ghi lý do) rồi bắt đầu.';
  return new AppError('MEETING_START_OUTSIDE_WINDOW', message, {
    scheduledAt: isoLocal(m.scheduled_at),
    opensAt: isoLocal(w.opensAt),
    closesAt: isoLocal(w.closesAt),
    tooEarly: early,
  });
}

/**
 * Opens the meeting: time-stamps the start, snapshots the roster and lays out the agenda.
 * Outside the start window it refuses, unless `rescheduleReason` is given: the meeting is then
 * moved to now first (recorded, and announced to the members), as "Dời lịch" does.
 */
export async function startMeeting(
  tx: Executor,
  actor: Actor,
  id: number,
  opts: { ip?: string; at?: Date; rescheduleReason?: string | null } = {},
) {
  const at = opts.at ?? new Date();
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status !== 'planned')
    throw new AppError(m.status === 'cancelled' ? 'MEETING_CANCELLED' : 'MEETING_ALREADY_STARTED');
  const day = toIsoDate(at);
  // The pack in force on the day it is held (HD: a meeting is judged by the rules of its date).
  const pack = await rulePackForUnit(tx, m.unit_path, day);
  const scheduled = new Date(m.scheduled_at);
  let moved = false;
  if (!withinStartWindow(at, scheduled, pack)) {
    const reason = opts.rescheduleReason?.trim();
    if (!reason) throw outsideWindow(m, startWindow(scheduled, pack), at);
    authorize(actor, 'meeting.manage', m.unit_path, 'buổi sinh hoạt');
    moved = true;
    await tx.query(
      `UPDATE meetings SET original_scheduled_at = coalesce(original_scheduled_at, scheduled_at), scheduled_at = $2,
         move_reason = $3, updated_at = now() WHERE id = $1`,
      [m.id, at, reason],
    );
    await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, day), {
      kind: 'meeting.moved',
      title: `Đổi lịch: ${m.title}`,
      body: `Buổi sinh hoạt lên lịch lúc ${formatClockDate(scheduled)} được tổ chức lúc ${formatClockDate(at)}. Lý do: ${reason}.`,
      link: `/sinh-hoat/${m.id}`,
    });
  }
  const minutes = pack.meetings.minDurationMinutes[m.kind as MeetingKindKey] ?? m.min_duration_minutes;
  const roster = await computeRoster(tx, m.unit_id, day, m.kind);
  if (roster.length > 0) {
    await tx.query(
      `INSERT INTO attendance (meeting_id, member_id, category, is_official, away)
       SELECT $1, m, c, o, a FROM unnest($2::int[], $3::text[], $4::bool[], $5::bool[]) AS t(m, c, o, a)`,
      [
        m.id,
        roster.map((r) => r.member_id),
        roster.map((r) => r.category),
        roster.map((r) => r.is_official),
        roster.map((r) => r.away),
      ],
    );
  }
  await tx.query(
    `UPDATE meetings SET status = 'in_progress', started_at = $2, rule_pack = $3, rule_pack_version = $4,
       min_duration_minutes = $5, updated_at = now() WHERE id = $1`,
    [m.id, at, pack.id, pack.version, minutes],
  );
  await ensureAgenda(tx, { ...m, rule_pack: pack.id, rule_pack_version: pack.version, scheduled_at: at });
  await refreshAttendanceSummary(tx, m.id);
  for (const month of new Set([localMonth(scheduled), localMonth(at)]))
    await refreshCellMonth(tx, m.unit_id, month);
  await audit(
    tx,
    actor,
    {
      action: moved ? 'meeting.reschedule_start' : 'meeting.start',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: moved ? { scheduledAt: scheduled.toISOString() } : undefined,
      after: {
        startedAt: at.toISOString(),
        ...(moved ? { scheduledAt: at.toISOString(), reason: opts.rescheduleReason?.trim() } : {}),
        rulePack: `${pack.id}@${pack.version}`,
      },
    },
    opts.ip,
  );
}

/**
 * What has been recorded in a started meeting, in Vietnamese: a false start may be taken back
 * only while this list is empty.
 */
export async function recordedSoFar(ex: Executor, meetingId: number): Promise<string[]> {
  const [r] = await ex.query<{
    marked: number;
    guests: number;
    speeches: number;
    votes: number;
    tasks: number;
    reviews: number;
    agenda: number;
    records: number;
  }>(
    `SELECT
       (SELECT count(*) FROM attendance WHERE meeting_id = $1 AND status IS NOT NULL)::int AS marked,
       (SELECT count(*) FROM meeting_guests WHERE meeting_id = $1)::int AS guests,
       (SELECT count(*) FROM speeches WHERE meeting_id = $1)::int AS speeches,
       (SELECT count(*) FROM votes WHERE meeting_id = $1)::int AS votes,
       (SELECT count(*) FROM tasks WHERE meeting_id = $1)::int AS tasks,
       (SELECT count(*) FROM tasks WHERE reviewed_meeting_id = $1)::int AS reviews,
       (SELECT count(*) FROM agenda_items WHERE meeting_id = $1 AND (done_at IS NOT NULL OR conclusion IS NOT NULL))::int AS agenda,
       (SELECT count(*) FROM meeting_record_versions WHERE meeting_id = $1)::int AS records`,
    [meetingId],
  );
  const out: string[] = [];
  if (!r) return out;
  if (r.marked) out.push(`${r.marked} lượt điểm danh`);
  if (r.guests) out.push(`${r.guests} khách mời`);
  if (r.speeches) out.push(`${r.speeches} ý kiến phát biểu`);
  if (r.votes) out.push(`${r.votes} lần biểu quyết`);
  if (r.tasks) out.push(`${r.tasks} nhiệm vụ được giao`);
  if (r.reviews) out.push(`${r.reviews} nhiệm vụ đã đánh giá`);
  if (r.agenda) out.push(`${r.agenda} mục chương trình đã thực hiện`);
  if (r.records) out.push('biên bản');
  return out;
}

/** Takes a false start back: the meeting is planned again, as long as nothing has been recorded. */
export async function revertStart(tx: Executor, actor: Actor, id: number, reason: string, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status !== 'in_progress') {
    if (m.status === 'planned') throw new AppError('MEETING_NOT_STARTED');
    throw new AppError(m.status === 'cancelled' ? 'MEETING_CANCELLED' : 'MEETING_ALREADY_HELD');
  }
  const recorded = await recordedSoFar(tx, m.id);
  if (recorded.length > 0) {
    throw new AppError(
      'MEETING_HAS_RECORDS',
      `Buổi sinh hoạt đã có ${recorded.join(', ')}: không thể trở lại trạng thái chưa họp.`,
      { recorded },
    );
  }
  await tx.query('DELETE FROM attendance WHERE meeting_id = $1', [m.id]);
  await tx.query(
    `UPDATE meetings SET status = 'planned', started_at = NULL, att_members = NULL, att_summoned = NULL, att_present = NULL,
       att_absent_excused = NULL, att_absent_unexcused = NULL, att_unmarked = NULL, att_exempted = NULL,
       att_exempted_present = NULL, att_visiting_present = NULL, att_away = NULL, updated_at = now()
     WHERE id = $1`,
    [m.id],
  );
  await refreshCellMonth(tx, m.unit_id, localMonth(new Date(m.scheduled_at)));
  await audit(
    tx,
    actor,
    {
      action: 'meeting.revert_start',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: { status: 'in_progress', startedAt: m.started_at },
      after: { status: 'planned', reason },
    },
    ip,
  );
}
