/**
 * Gathers the measurable evidence of a held meeting from its records (DOMAIN.md §5): length
 * from timestamps, attendance from the roster, preparation from the time-stamped steps and
 * posting times, speakers, last month's items, adoption times. Written out in Vietnamese so
 * each point shows where it comes from.
 */
import type { Executor } from '../../db/executor.js';
import { summarizeAttendance } from '../../domain/attendance.js';
import { formatDate, toIsoDate } from '../../domain/format.js';
import type { Evidence } from '../../domain/scoring/rubric.js';
import type { RulePack } from '../../rules/index.js';
import { previousMeetingId } from '../meetings/detail.js';
import { loadRoster, toEntries } from '../meetings/running.js';
import type { MeetingRow } from '../meetings/service.js';
import { isoLocal } from '../meetings/time.js';

const at = (d: Date | string) => {
  const iso = isoLocal(d)!;
  return `${iso.slice(11, 16)} ${formatDate(iso.slice(0, 10))}`;
};

/** Longest run of consecutive excused absences of any counted member, over this year's held meetings up to `m`. */
async function longestExcusedRun(ex: Executor, m: MeetingRow): Promise<{ run: number; name: string | null }> {
  const rows = await ex.query<{ member_id: number; full_name: string; status: string | null }>(
    `SELECT a.member_id, mb.full_name, a.status
       FROM meetings mt JOIN attendance a ON a.meeting_id = mt.id JOIN members mb ON mb.id = a.member_id
      WHERE mt.unit_id = $1 AND mt.status = 'held' AND mt.kind <> 'committee' AND mt.scheduled_at <= $2
        AND date_trunc('year', mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = date_trunc('year', $2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND a.category = 'member' AND NOT a.away
      ORDER BY a.member_id, mt.scheduled_at`,
    [m.unit_id, m.scheduled_at],
  );
  let best = { run: 0, name: null as string | null };
  let current = 0;
  let last = -1;
  for (const r of rows) {
    if (r.member_id !== last) current = 0;
    last = r.member_id;
    current = r.status === 'absent_excused' ? current + 1 : 0;
    if (current > best.run) best = { run: current, name: r.full_name };
  }
  return best;
}

export async function gatherEvidence(ex: Executor, m: MeetingRow, pack: RulePack): Promise<Evidence> {
  const scheduled = new Date(m.scheduled_at);
  const [roster, steps, docs, agenda, speakers, votes, tasks, records, prepMeeting, excused] =
    await Promise.all([
      loadRoster(ex, m),
      ex.query<{ step: string; done_at: Date }>(
        'SELECT step, done_at FROM meeting_prep_steps WHERE meeting_id = $1',
        [m.id],
      ),
      ex.query<{ purpose: string; posted_at: Date }>(
        'SELECT purpose, posted_at FROM meeting_documents WHERE meeting_id = $1 AND removed_at IS NULL ORDER BY posted_at',
        [m.id],
      ),
      ex.query<{ step_key: string | null; done_at: Date | null }>(
        'SELECT step_key, done_at FROM agenda_items WHERE meeting_id = $1',
        [m.id],
      ),
      ex.query<{ member_id: number }>(
        'SELECT DISTINCT member_id FROM speeches WHERE meeting_id = $1 AND member_id IS NOT NULL',
        [m.id],
      ),
      ex.query<{ passed: boolean; is_resolution: boolean }>(
        'SELECT passed, is_resolution FROM votes WHERE meeting_id = $1',
        [m.id],
      ),
      ex.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE meeting_id = $1', [m.id]),
      ex.query<{ status: string; adopted_at: Date | null }>(
        'SELECT status, adopted_at FROM meeting_record_versions WHERE meeting_id = $1 ORDER BY version',
        [m.id],
      ),
      m.prep_meeting_id
        ? ex.query<{ status: string; adopted: boolean }>(
            `SELECT mt.status, EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id) AS adopted FROM meetings mt WHERE mt.id = $1`,
            [m.prep_meeting_id],
          )
        : Promise.resolve([]),
      longestExcusedRun(ex, m),
    ]);
  const prevId = await previousMeetingId(ex, m);
  const prev = prevId
    ? await ex.query<{ result: string; n: number }>(
        'SELECT result, count(*)::int AS n FROM tasks WHERE meeting_id = $1 GROUP BY result',
        [prevId],
      )
    : [];
  const count = (r: string) => prev.find((p) => p.result === r)?.n ?? 0;
  const summary = summarizeAttendance(toEntries(roster));
  const inBase = new Set(
    roster
      .filter(
        (r) =>
          (r.category === 'member' && !r.away) ||
          (r.category === 'exempted' && r.status !== null && !r.status.startsWith('absent')),
      )
      .map((r) => r.member_id),
  );
  const stepAt = (k: string) => steps.find((s) => s.step === k)?.done_at;
  const beforeMeeting = (d: Date | undefined) => Boolean(d && new Date(d).getTime() <= scheduled.getTime());
  const leadMs = pack.meetings.documentsLeadDays * 24 * 3600_000;
  const firstMaterial = docs.find((d) => d.purpose === 'material');
  const ended = m.ended_at ? new Date(m.ended_at) : null;
  const finalMs = pack.meetings.finalDocumentsDays * 24 * 3600_000;
  const adopted = records.find((r) => r.status === 'adopted');
  const finalDoc = docs.find((d) => d.purpose === 'final');
  const finalAt = [finalDoc?.posted_at, adopted?.adopted_at]
    .filter((x): x is Date => Boolean(x))
    .map((d) => new Date(d).getTime())
    .sort()[0];
  const inv = stepAt('invitation_sent');
  const sup = stepAt('supervisor_notified');
  const facts = {
    content_prepared: beforeMeeting(stepAt('content')),
    draft_prepared: beforeMeeting(stepAt('draft_resolution')),
    committee_meeting_held: prepMeeting[0]?.status === 'held' && prepMeeting[0].adopted,
    members_and_supervisor_notified: beforeMeeting(inv) && beforeMeeting(sup),
    documents_on_time: Boolean(
      firstMaterial && new Date(firstMaterial.posted_at).getTime() <= scheduled.getTime() - leadMs,
    ),
    all_agenda_done: agenda.length > 0 && agenda.every((a) => a.done_at !== null),
    praise_criticism_done: agenda.some((a) => a.step_key === 'praise_criticism' && a.done_at !== null),
    minutes_recorded: records.length > 0,
    documents_posted: docs.length > 0,
    resolution_passed: votes.some((v) => v.is_resolution && v.passed),
    minutes_adopted_and_tasks: Boolean(adopted) && (tasks[0]?.n ?? 0) > 0,
    final_documents_on_time: Boolean(ended && finalAt !== undefined && finalAt <= ended.getTime() + finalMs),
  };
  const days = pack.meetings.documentsLeadDays;
  const factNotes: Record<string, string> = {
    content_prepared: stepAt('content')
      ? `Nội dung hoàn thành lúc ${at(stepAt('content')!)}`
      : 'Chưa ghi nhận nội dung chuẩn bị',
    draft_prepared: stepAt('draft_resolution')
      ? `Dự thảo lúc ${at(stepAt('draft_resolution')!)}`
      : 'Chưa có dự thảo nghị quyết',
    committee_meeting_held: m.prep_meeting_id
      ? facts.committee_meeting_held
        ? 'Chi ủy đã họp chuẩn bị, có biên bản'
        : 'Cuộc họp chi ủy chưa có biên bản'
      : 'Không có cuộc họp chi ủy chuẩn bị',
    members_and_supervisor_notified: inv
      ? `Thông báo lúc ${at(inv)}${sup ? '; đã báo cấp ủy viên phụ trách' : '; chưa báo cấp ủy viên phụ trách'}`
      : 'Chưa gửi thông báo mời họp',
    documents_on_time: firstMaterial
      ? `Tài liệu đăng lúc ${at(firstMaterial.posted_at)}${facts.documents_on_time ? `, trước ít nhất ${days} ngày` : `, muộn hơn ${days} ngày trước buổi họp`}`
      : 'Không đăng tài liệu trước buổi họp',
    all_agenda_done: `${agenda.filter((a) => a.done_at).length}/${agenda.length} bước đã thực hiện`,
    praise_criticism_done: facts.praise_criticism_done
      ? 'Có biểu dương, phê bình'
      : 'Chưa ghi nhận biểu dương, phê bình',
    minutes_recorded: records.length ? 'Có biên bản' : 'Chưa có biên bản',
    documents_posted: `${docs.length} tài liệu`,
    resolution_passed: facts.resolution_passed
      ? 'Nghị quyết đã được biểu quyết thông qua'
      : 'Chưa biểu quyết thông qua nghị quyết',
    minutes_adopted_and_tasks: `${adopted ? 'Biên bản đã thông qua' : 'Biên bản chưa thông qua'}; ${tasks[0]?.n ?? 0} nhiệm vụ được giao`,
    final_documents_on_time: finalAt
      ? `Văn bản hoàn chỉnh lúc ${at(new Date(finalAt))}${facts.final_documents_on_time ? `, trong ${pack.meetings.finalDocumentsDays} ngày` : `, quá ${pack.meetings.finalDocumentsDays} ngày`}`
      : 'Chưa có văn bản hoàn chỉnh',
  };
  return {
    kind: m.kind,
    lengthMinutes:
      m.started_at && m.ended_at
        ? Math.floor((new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60_000)
        : null,
    minMinutes: m.min_duration_minutes,
    attendancePercent: summary.percent,
    present: summary.present,
    base: summary.base,
    unexcused: summary.absentUnexcused,
    longestExcusedRun: excused.run,
    speakers: speakers.filter((s) => inBase.has(s.member_id)).length,
    previousItems: {
      achieved: count('achieved'),
      partial: count('partial'),
      notAchieved: count('not_achieved'),
      open: count('open'),
    },
    facts,
    factNotes,
  };
}

export function meetingDate(m: Pick<MeetingRow, 'scheduled_at'>): string {
  return toIsoDate(new Date(m.scheduled_at));
}
