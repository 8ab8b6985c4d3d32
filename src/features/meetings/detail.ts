import type { Executor } from '../../db/executor.js';
import { summarizeAttendance } from '../../domain/attendance.js';
import { toIsoDate } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import type { Actor } from '../../server/access.js';
import { idParams, idText } from '../../server/http.js';
import { checkinCodeAt } from './checkin-code.js';
import { dueTasks, loadTasks } from './follow-up.js';
import { invitationReach } from './invitations.js';
import { ATTENDANCE_LABELS } from './labels.js';
import { loadPreparation } from './preparation.js';
import { pendingAdoptions, signingState } from './record.js';
import { checkinAttempts, loadRoster, toEntries } from './running.js';
import { type MeetingRow, meetingPermissions, presentMeetingSummary, visibleMeeting } from './service.js';
import { startWindow, withinStartWindow } from './start.js';
import { isoLocal } from './time.js';

export type { TaskView } from './follow-up.js';

/** Everything the meeting page shows, in one response (no N+1 from the client). */
export async function meetingDetail(ex: Executor, actor: Actor, m: MeetingRow) {
  const perms = meetingPermissions(actor, m);
  const pack = await packVersionFor(ex, m.rule_pack, toIsoDate(new Date(m.scheduled_at)));
  const [docs, agenda, guests, speeches, votes, roster, tasks, previousTasks, names, record, preparation] =
    await Promise.all([
      ex.query<{
        id: number;
        purpose: string;
        title: string;
        file_name: string;
        mime_type: string;
        size_bytes: number;
        sha256: string;
        posted_at: Date;
      }>(
        `SELECT id, purpose, title, file_name, mime_type, size_bytes, sha256, posted_at FROM meeting_documents
        WHERE meeting_id = $1 AND removed_at IS NULL ORDER BY posted_at`,
        [m.id],
      ),
      ex.query<{
        id: number;
        position: number;
        section: string;
        step_key: string | null;
        title: string;
        done_at: Date | null;
        conclusion: string | null;
      }>(
        'SELECT id, position, section, step_key, title, done_at, conclusion FROM agenda_items WHERE meeting_id = $1 ORDER BY position',
        [m.id],
      ),
      ex.query<{
        id: number;
        name: string;
        title: string | null;
        organisation: string | null;
        is_supervisor: boolean;
      }>(
        'SELECT id, name, title, organisation, is_supervisor FROM meeting_guests WHERE meeting_id = $1 ORDER BY id',
        [m.id],
      ),
      ex.query<{
        id: number;
        agenda_item_id: number | null;
        member_id: number | null;
        guest_id: number | null;
        speaker_name: string;
        summary: string;
        created_at: Date;
      }>(
        'SELECT id, agenda_item_id, member_id, guest_id, speaker_name, summary, created_at FROM speeches WHERE meeting_id = $1 ORDER BY id',
        [m.id],
      ),
      ex.query<{
        id: number;
        subject: string;
        is_resolution: boolean;
        method: string;
        votes_for: number;
        votes_against: number;
        votes_abstain: number;
        base: number;
        passed: boolean;
        rule: string;
      }>(
        'SELECT id, subject, is_resolution, method, votes_for, votes_against, votes_abstain, base, passed, rule FROM votes WHERE meeting_id = $1 ORDER BY id',
        [m.id],
      ),
      loadRoster(ex, m),
      loadTasks(ex, 't.meeting_id = $1', [m.id]),
      dueTasks(ex, m),
      ex.query<{ id: number; full_name: string }>(
        'SELECT id, full_name FROM members WHERE id = ANY($1::int[])',
        [
          [m.chair_member_id, m.secretary_member_id, m.preparer_member_id].filter(
            (x): x is number => x !== null,
          ),
        ],
      ),
      ex.query<{
        version: number;
        status: string;
        adopted_at: Date | null;
        chair_signed_at: Date | null;
        secretary_signed_at: Date | null;
        content_hash: string | null;
        adopted_in_meeting_id: number | null;
      }>(
        `SELECT version, status, adopted_at, chair_signed_at, secretary_signed_at, content_hash, adopted_in_meeting_id
           FROM meeting_record_versions WHERE meeting_id = $1 ORDER BY version`,
        [m.id],
      ),
      loadPreparation(ex, m, pack),
    ]);
  const name = (id: number | null) => (id ? (names.find((n) => n.id === id)?.full_name ?? null) : null);
  const summary = summarizeAttendance(toEntries(roster));
  const leadMs = pack.meetings.documentsLeadDays * 24 * 3600_000;
  const docsOnTime = preparation.documentsOnTime;
  const [signing, pending, reach] = await Promise.all([
    m.status === 'in_progress' || m.status === 'held' ? signingState(ex, m) : Promise.resolve(null),
    m.status === 'in_progress' && perms.canManage ? pendingAdoptions(ex, m) : Promise.resolve([]),
    m.status === 'planned' ? invitationReach(ex, m) : Promise.resolve(null),
  ]);
  const now = new Date();
  const window = startWindow(new Date(m.scheduled_at), pack);
  const warnings: string[] = [];
  if (m.status === 'planned' && !docsOnTime && now.getTime() > new Date(m.scheduled_at).getTime() - leadMs) {
    warnings.push(
      `Chưa đăng tài liệu cho đảng viên trước ít nhất ${pack.meetings.documentsLeadDays} ngày (HD 42).`,
    );
  }
  const bar = pack.oversight.attendanceAlertPercent;
  if (m.status === 'held' && summary.percent !== null && summary.percent < bar) {
    warnings.push(`Tỷ lệ đảng viên dự họp dưới ${bar}%.`);
  }
  const length =
    m.started_at && m.ended_at
      ? (new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60_000
      : null;
  if (length !== null && length < m.min_duration_minutes) {
    warnings.push(
      `Thời lượng ${Math.floor(length)} phút, ít hơn mức tối thiểu ${m.min_duration_minutes} phút.`,
    );
  }
  const canSeeCode = perms.canRun;
  const checkin = canSeeCode ? await checkinView(ex, m, now) : null;
  return {
    ...presentMeetingSummary(m),
    thematicTopic: m.thematic_topic,
    content: m.content,
    draftResolution: m.draft_resolution,
    chair: m.chair_member_id ? { id: m.chair_member_id, fullName: name(m.chair_member_id) } : null,
    secretary: m.secretary_member_id
      ? { id: m.secretary_member_id, fullName: name(m.secretary_member_id) }
      : null,
    preparer: m.preparer_member_id
      ? { id: m.preparer_member_id, fullName: name(m.preparer_member_id) }
      : null,
    prepMeetingId: m.prep_meeting_id,
    /** The hall's rotating code (runners, while in progress) and when the next one replaces it. */
    checkinCode: checkin?.code ?? null,
    checkinCodeChangesAt: checkin?.changesAt ?? null,
    /** Wrong self check-in codes per member (runners only): "3 lần nhập sai mã". */
    checkinAttempts: checkin?.attempts ?? [],
    preparation: {
      steps: preparation.steps,
      documentsOnTime: docsOnTime,
      documentsSelfDeclared: preparation.documentsSelfDeclared,
      leadDays: preparation.leadDays,
    },
    start: {
      opensAt: isoLocal(window.opensAt),
      closesAt: isoLocal(window.closesAt),
      /** Whether "start" works now; outside the window the page offers to reschedule to now. */
      allowedNow: withinStartWindow(now, new Date(m.scheduled_at), pack),
    },
    invitation: reach && {
      expected: reach.expected,
      notReached: reach.people
        .filter((p) => !p.reachable)
        .map(({ memberId, fullName, reason }) => ({ memberId, fullName, reason })),
    },
    signing,
    pendingAdoptions: pending,
    documents: docs.map((d) => ({
      id: d.id,
      purpose: d.purpose,
      title: d.title,
      fileName: d.file_name,
      mimeType: d.mime_type,
      sizeBytes: d.size_bytes,
      sha256: d.sha256,
      postedAt: isoLocal(d.posted_at),
    })),
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      section: a.section,
      stepKey: a.step_key,
      title: a.title,
      done: a.done_at !== null,
      conclusion: a.conclusion,
    })),
    attendance: {
      summary,
      members: roster.map((r) => ({
        memberId: r.member_id,
        fullName: r.full_name,
        category: r.category,
        isOfficial: r.is_official,
        away: r.away,
        status: r.status,
        statusLabel: r.status ? ATTENDANCE_LABELS[r.status] : null,
        reason: r.reason,
        checkedInAt: isoLocal(r.checked_in_at),
        via: r.via,
      })),
    },
    guests: guests.map((g) => ({
      id: g.id,
      name: g.name,
      title: g.title,
      organisation: g.organisation,
      isSupervisor: g.is_supervisor,
    })),
    speeches: speeches.map((s) => ({
      id: s.id,
      agendaItemId: s.agenda_item_id,
      memberId: s.member_id,
      guestId: s.guest_id,
      speaker: s.speaker_name,
      summary: s.summary,
      at: isoLocal(s.created_at),
    })),
    votes: votes.map((v) => ({
      id: v.id,
      subject: v.subject,
      isResolution: v.is_resolution,
      method: v.method,
      for: v.votes_for,
      against: v.votes_against,
      abstain: v.votes_abstain,
      base: v.base,
      passed: v.passed,
      rule: v.rule,
    })),
    tasks,
    previousTasks,
    record: record.map((r) => ({
      version: r.version,
      status: r.status,
      adoptedAt: isoLocal(r.adopted_at),
      chairSignedAt: isoLocal(r.chair_signed_at),
      secretarySignedAt: isoLocal(r.secretary_signed_at),
      contentHash: r.content_hash,
      adoptedInMeetingId: r.adopted_in_meeting_id,
    })),
    warnings,
    permissions: perms,
  };
}

/** What the runners of a meeting see of self check-in: the current code and the wrong attempts. */
async function checkinView(ex: Executor, m: MeetingRow, now: Date) {
  const attempts = await checkinAttempts(ex, m.id, now);
  if (m.status !== 'in_progress') return { code: null, changesAt: null, attempts };
  const [row] = await ex.query<{ checkin_secret: string }>(
    'SELECT checkin_secret FROM meetings WHERE id = $1',
    [m.id],
  );
  const { code, changesAt } = checkinCodeAt(row!.checkin_secret, now);
  return { code, changesAt: isoLocal(changesAt), attempts };
}

/** Route params of an item inside a meeting (document, agenda item, attendance row). */
export const meetingItem = idParams.extend({ itemId: idText });

/** The meeting page's JSON for a meeting the actor may see (404 otherwise). */
export async function meetingDetailFor(ex: Executor, actor: Actor, id: number) {
  return meetingDetail(ex, actor, await visibleMeeting(ex, actor, id));
}
