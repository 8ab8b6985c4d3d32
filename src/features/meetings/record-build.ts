/**
 * The document data of a meeting's minutes and resolution (biên bản, nghị quyết), built from the
 * meeting's records and the secretary's edited text; record.ts versions, signs and adopts it.
 */
import type { Executor } from '../../db/executor.js';
import type { MeetingRecord } from '../../documents/meeting-record.js';
import { summarizeAttendance } from '../../domain/attendance.js';
import { disseminationSentence } from '../directives/dissemination.js';
import { duesSummaryForMeeting } from '../dues/service.js';
import { dueTasks, loadTasks, type TaskView } from './follow-up.js';
import { loadRoster, toEntries } from './running.js';
import type { MeetingRow } from './service.js';
import { isoLocal, quarterOf } from './time.js';

export function placeOf(superiorName: string): string {
  const m = /(?:phường|xã|thị trấn|đặc khu|thành phố|tỉnh)\s+(.+)$/iu.exec(superiorName);
  return (m?.[1] ?? superiorName).trim();
}

function kindLabel(m: MeetingRow): string {
  const iso = isoLocal(m.scheduled_at)!;
  const month = `${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
  const quarter = ['I', 'II', 'III', 'IV'][quarterOf(iso.slice(0, 7)) - 1];
  switch (m.kind) {
    case 'thematic':
      return `sinh hoạt chuyên đề quý ${quarter}/${iso.slice(0, 4)}`;
    case 'combined':
      return `sinh hoạt thường kỳ tháng ${month} kết hợp sinh hoạt chuyên đề`;
    case 'committee':
      return `chi ủy tháng ${month}`;
    case 'extraordinary':
      return `sinh hoạt bất thường tháng ${month}`;
    case 'review':
      return `sinh hoạt kiểm điểm, đánh giá, xếp loại năm ${iso.slice(0, 4)}`;
    default:
      return `sinh hoạt thường kỳ tháng ${month}`;
  }
}

/** A task's owners as the minutes name them: the members, then the organisation given it (ADR 025 E). */
const ownersOf = (t: TaskView) => [
  ...t.owners.map((o) => o.fullName),
  ...(t.organisation ? [t.organisation.name] : []),
];
/** The review's note, with the organisation's report when it gave one. */
const noteOf = (t: TaskView) =>
  t.orgReport
    ? [t.resultNote, `Báo cáo của tổ chức: ${t.orgReport}`].filter(Boolean).join('. ')
    : (t.resultNote ?? undefined);

/** Builds the document data from the meeting's records (and the secretary's edited text). */
export async function buildMeetingRecord(
  ex: Executor,
  m: MeetingRow,
  text: MeetingRecord['text'],
): Promise<MeetingRecord> {
  const [[parent], roster, agenda, speeches, guests, votes, people, seq, secretaryRole] = await Promise.all([
    ex.query<{ name: string }>(
      'SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = $1',
      [m.unit_id],
    ),
    loadRoster(ex, m),
    ex.query<{
      id: number;
      title: string;
      conclusion: string | null;
      section: string;
      step_key: string | null;
    }>(
      'SELECT id, title, conclusion, section, step_key FROM agenda_items WHERE meeting_id = $1 ORDER BY position',
      [m.id],
    ),
    ex.query<{ agenda_item_id: number | null; speaker_name: string; summary: string }>(
      'SELECT agenda_item_id, speaker_name, summary FROM speeches WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{ name: string; title: string | null; organisation: string | null }>(
      'SELECT name, title, organisation FROM meeting_guests WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{
      subject: string;
      base: number;
      votes_for: number;
      votes_against: number;
      votes_abstain: number;
      passed: boolean;
      rule: string;
    }>(
      'SELECT subject, base, votes_for, votes_against, votes_abstain, passed, rule FROM votes WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{ id: number; full_name: string }>(
      'SELECT id, full_name FROM members WHERE id = ANY($1::int[])',
      [[m.chair_member_id, m.secretary_member_id].filter((x): x is number => x !== null)],
    ),
    ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings WHERE unit_id = $1 AND status <> 'cancelled' AND kind <> 'committee'
         AND date_trunc('year', scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = date_trunc('year', $2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')
         AND scheduled_at <= $2`,
      [m.unit_id, m.scheduled_at],
    ),
    ex.query<{ role: string }>(
      `SELECT g.role FROM users us JOIN role_grants g ON g.user_id = us.id
        WHERE us.member_id = $1 AND g.org_unit_id = $2 AND g.role IN ('cell_secretary', 'cell_committee')`,
      [m.chair_member_id ?? 0, m.unit_id],
    ),
  ]);
  const [previous, tasks] = await Promise.all([dueTasks(ex, m), loadTasks(ex, 't.meeting_id = $1', [m.id])]);
  const summary = summarizeAttendance(toEntries(roster));
  const name = (id: number | null) => people.find((p) => p.id === id)?.full_name ?? '…';
  const superiorName = parent?.name ?? '';
  const bySection = new Map<number | null, { speaker: string; summary: string }[]>();
  for (const s of speeches) {
    const list = bySection.get(s.agenda_item_id) ?? [];
    list.push({ speaker: s.speaker_name, summary: s.summary });
    bySection.set(s.agenda_item_id, list);
  }
  // The dues item reports the meeting month's figures from the ledger (issue 10).
  const dues = agenda.some((a) => a.step_key === 'dues')
    ? await duesSummaryForMeeting(ex, m.unit_id, isoLocal(m.scheduled_at)!.slice(0, 7))
    : null;
  const agendaOut: MeetingRecord['agenda'] = agenda.map((a) => ({
    title: a.title,
    stepKey: a.step_key ?? undefined,
    speeches: bySection.get(a.id) ?? [],
    conclusion: a.conclusion ?? undefined,
    ...(a.step_key === 'dues' && dues ? { duesFigures: dues.sentence } : {}),
  }));
  const loose = bySection.get(null);
  if (loose?.length)
    agendaOut.push({ title: 'Ý kiến phát biểu khác', speeches: loose, conclusion: undefined });
  // Directives of the levels above disseminated at this meeting (issue 11 part A), when any.
  const disseminated = await disseminationSentence(ex, m.id);
  if (disseminated)
    agendaOut.push({ title: 'Quán triệt văn bản cấp trên', speeches: [], conclusion: disseminated });
  return {
    superiorName,
    cellName: m.unit_name,
    placeName: placeOf(superiorName),
    number: String(seq[0]?.n ?? 1).padStart(2, '0'),
    kindLabel: kindLabel(m),
    thematicTopic: m.thematic_topic ?? undefined,
    scheduledAt: isoLocal(m.scheduled_at)!,
    startedAt: isoLocal(m.started_at) ?? undefined,
    endedAt: isoLocal(m.ended_at) ?? undefined,
    place: m.place ?? '',
    chair: {
      name: name(m.chair_member_id),
      title: secretaryRole.some((r) => r.role === 'cell_secretary') ? 'Bí thư chi bộ' : 'Chủ trì hội nghị',
    },
    secretary: { name: name(m.secretary_member_id) },
    attendance: {
      members: summary.members,
      exempted: summary.exempted,
      away: summary.away,
      summoned: summary.base,
      present: summary.present,
      absentExcused: summary.absentExcused,
      absentUnexcused: summary.absentUnexcused,
      // Only those summoned are absent: an exempted member or one away elsewhere is not.
      absent: roster
        .filter((r) => r.category === 'member' && !r.away)
        .filter((r) => r.status === 'absent_excused' || r.status === 'absent_unexcused')
        .map((r) => ({
          name: r.full_name,
          excused: r.status === 'absent_excused',
          reason: r.reason ?? undefined,
        })),
      exemptedPresent: summary.exemptedPresent,
      temporaryPresent: summary.temporaryPresent,
      percent: summary.percent ?? 0,
    },
    guests: guests.map((g) => ({
      name: g.name,
      title: g.title ?? undefined,
      organisation: g.organisation ?? undefined,
    })),
    agenda: agendaOut,
    previousItems: previous.map((t) => ({
      title: t.title,
      setOn: t.meetingDate ?? undefined,
      owners: ownersOf(t),
      deadline: t.deadline ?? undefined,
      result: t.result,
      note: noteOf(t),
    })),
    tasks: tasks.map((t) => ({
      title: t.title,
      owners: ownersOf(t),
      deadline: t.deadline ?? undefined,
    })),
    votes: votes.map((v) => ({
      subject: v.subject,
      base: v.base,
      for: v.votes_for,
      against: v.votes_against,
      abstain: v.votes_abstain,
      passed: v.passed,
      rule: v.rule,
    })),
    text: {
      ...text,
      situation: text.situation ?? m.content ?? undefined,
      directions: text.directions ?? m.draft_resolution ?? undefined,
    },
    recipients: [
      `Đảng ủy ${placeOf(superiorName) === superiorName ? superiorName : superiorName.replace(/^Đảng bộ\s+/u, '')}`,
      'Các đồng chí đảng viên trong chi bộ',
      'Lưu chi bộ',
    ],
  };
}
