/**
 * Gathers the measurable evidence of a held meeting from its records (DOMAIN.md §5): length
 * from timestamps, attendance from the roster, preparation from the time-stamped steps and
 * posting times, speakers, last month's items, adoption times. Written out in Vietnamese so
 * each point shows where it comes from.
 */
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, longestExcusedRun, summarizeAttendance } from '../../domain/attendance.js';
import { formatDate, toIsoDate } from '../../domain/format.js';
import type { Evidence } from '../../domain/scoring/rubric.js';
import type { RulePack } from '../../rules/index.js';
import { countResults, dueTasks } from '../meetings/follow-up.js';
import { doneBefore, loadPreparation } from '../meetings/preparation.js';
import { loadRoster, toEntries } from '../meetings/running.js';
import type { MeetingRow } from '../meetings/service.js';
import { isoLocal } from '../meetings/time.js';

const at = (d: Date | string) => {
  const iso = isoLocal(d)!;
  return `${iso.slice(11, 16)} ${formatDate(iso.slice(0, 10))}`;
};

/** Longest run this year of consecutive excused absences of any summoned member, up to meeting `m`. */
async function longestRunThisYear(ex: Executor, m: MeetingRow): Promise<number> {
  const rows = await ex.query<{ member_id: number; status: AttendanceStatus | null }>(
    `SELECT a.member_id, a.status
       FROM meetings mt JOIN attendance a ON a.meeting_id = mt.id
      WHERE mt.unit_id = $1 AND mt.status = 'held' AND mt.kind <> 'committee' AND mt.scheduled_at <= $2
        AND date_trunc('year', mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = date_trunc('year', $2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND a.category = 'member' AND NOT a.away
      ORDER BY a.member_id, mt.scheduled_at`,
    [m.unit_id, m.scheduled_at],
  );
  const byMember = new Map<number, (AttendanceStatus | null)[]>();
  for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), r.status]);
  return Math.max(0, ...[...byMember.values()].map(longestExcusedRun));
}

export async function gatherEvidence(ex: Executor, m: MeetingRow, pack: RulePack): Promise<Evidence> {
  const [roster, docs, agenda, speakers, votes, tasks, records, preparation, excusedRun, due] =
    await Promise.all([
      loadRoster(ex, m),
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
      ex.query<{ status: string; adopted_at: Date | null; adopted_in_meeting_id: number | null }>(
        'SELECT status, adopted_at, adopted_in_meeting_id FROM meeting_record_versions WHERE meeting_id = $1 ORDER BY version',
        [m.id],
      ),
      loadPreparation(ex, m, pack),
      longestRunThisYear(ex, m),
      dueTasks(ex, m),
    ]);
  const previous = countResults(due);
  const summary = summarizeAttendance(toEntries(roster));
  // Speakers are counted among the members summoned, the same base as the rate.
  const summoned = new Set(roster.filter((r) => r.category === 'member' && !r.away).map((r) => r.member_id));
  const step = (k: string) => preparation.steps.find((s) => s.key === k)!;
  const selfDeclared = (k: string) => step(k).source === 'manual';
  const ended = m.ended_at ? new Date(m.ended_at) : null;
  const finalMs = pack.meetings.finalDocumentsDays * 24 * 3600_000;
  // Adopted at the meeting itself (read back before closing), not later at the next one.
  const adopted = records.find((r) => r.status === 'adopted');
  const adoptedHere = adopted !== undefined && adopted.adopted_in_meeting_id === null;
  const finalDoc = docs.find((d) => d.purpose === 'final');
  const finalAt = [finalDoc?.posted_at, adopted?.adopted_at]
    .filter((x): x is Date => Boolean(x))
    .map((d) => new Date(d).getTime())
    .sort()[0];
  const facts = {
    content_prepared: doneBefore(preparation, 'content'),
    draft_prepared: doneBefore(preparation, 'draft_resolution'),
    committee_meeting_held: doneBefore(preparation, 'prep_meeting'),
    members_and_supervisor_notified:
      doneBefore(preparation, 'invitation_sent') && doneBefore(preparation, 'supervisor_notified'),
    documents_on_time: preparation.documentsOnTime,
    all_agenda_done: agenda.length > 0 && agenda.every((a) => a.done_at !== null),
    praise_criticism_done: agenda.some((a) => a.step_key === 'praise_criticism' && a.done_at !== null),
    minutes_recorded: records.length > 0,
    documents_posted: docs.length > 0 || step('documents_posted').done,
    resolution_passed: votes.some((v) => v.is_resolution && v.passed),
    minutes_adopted_and_tasks: adoptedHere && (tasks[0]?.n ?? 0) > 0,
    final_documents_on_time: Boolean(ended && finalAt !== undefined && finalAt <= ended.getTime() + finalMs),
  };
  const days = pack.meetings.documentsLeadDays;
  const mark = (k: string, text: string) => (selfDeclared(k) ? `${text} (tự khai)` : text);
  const notified = step('invitation_sent');
  const supervisor = step('supervisor_notified');
  const factNotes: Record<string, string> = {
    content_prepared: step('content').proof,
    draft_prepared: step('draft_resolution').proof,
    committee_meeting_held: mark('prep_meeting', step('prep_meeting').proof),
    members_and_supervisor_notified: `${mark('invitation_sent', notified.proof)}; ${mark('supervisor_notified', supervisor.proof).replace(/^./, (c) => c.toLowerCase())}`,
    documents_on_time: preparation.documentsAt
      ? mark(
          'documents_posted',
          `Tài liệu đăng lúc ${at(preparation.documentsAt)}${
            facts.documents_on_time
              ? `, trước buổi họp (${at(preparation.reference)}) ít nhất ${days} ngày`
              : `, chưa đủ ${days} ngày trước buổi họp (${at(preparation.reference)})`
          }`,
        )
      : 'Không đăng tài liệu trước buổi họp',
    all_agenda_done: `${agenda.filter((a) => a.done_at).length}/${agenda.length} bước đã thực hiện`,
    praise_criticism_done: facts.praise_criticism_done
      ? 'Có biểu dương, phê bình'
      : 'Chưa ghi nhận biểu dương, phê bình',
    minutes_recorded: records.length ? 'Có biên bản' : 'Chưa có biên bản',
    documents_posted:
      docs.length > 0 ? `${docs.length} tài liệu` : mark('documents_posted', step('documents_posted').proof),
    resolution_passed: facts.resolution_passed
      ? 'Nghị quyết đã được biểu quyết thông qua'
      : 'Chưa biểu quyết thông qua nghị quyết',
    minutes_adopted_and_tasks: `${
      adoptedHere
        ? 'Biên bản được thông qua tại buổi sinh hoạt'
        : adopted
          ? 'Biên bản được thông qua sau, tại buổi sinh hoạt kế tiếp'
          : 'Biên bản chưa thông qua'
    }; ${tasks[0]?.n ?? 0} nhiệm vụ được giao`,
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
    longestExcusedRun: excusedRun,
    speakers: speakers.filter((s) => summoned.has(s.member_id)).length,
    previousItems: previous,
    facts,
    factNotes,
    selfDeclaredFacts: [
      ...(selfDeclared('prep_meeting') ? ['committee_meeting_held'] : []),
      ...(selfDeclared('invitation_sent') || selfDeclared('supervisor_notified')
        ? ['members_and_supervisor_notified']
        : []),
      ...(selfDeclared('documents_posted') ? ['documents_on_time', 'documents_posted'] : []),
    ],
  };
}

export function meetingDate(m: Pick<MeetingRow, 'scheduled_at'>): string {
  return toIsoDate(new Date(m.scheduled_at));
}
