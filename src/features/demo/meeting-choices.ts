/**
 * The demo meetings' choices: pure functions of a seeded `Rng` (and the rows they are given)
 * that decide who attends, what is said, which tasks are set and how they are judged, how the
 * meeting was prepared and how the resolution vote went. The caller's order of calls is the
 * order of draws, so the demo stays the same for a given day.
 */
import { type AttendanceStatus, decideVote, type summarizeAttendance } from '../../domain/attendance.js';
import type { RulePack } from '../../rules/index.js';
import type { RosterRow } from '../meetings/running.js';
import { localDateTime } from '../meetings/time.js';
import { addDays, addMonths } from './dates.js';
import {
  type GuestPerson,
  MINUTE,
  type OpenTask,
  pad2,
  plus,
  type QualityTier,
  type Shared,
} from './meeting-context.js';
import {
  ACHIEVED_NOTES,
  absenceReasons,
  type CellProfile,
  NEXT_TASK_SPEECH,
  NOT_ACHIEVED_NOTES,
  PARTIAL_NOTES,
  SPEECHES,
  type SpeechContext,
  SUPERVISOR_SPEECHES,
  seasonalTasks,
  TASKS,
} from './meeting-texts.js';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from './names.js';
import type { Rng } from './rng.js';

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A local time of day on an ISO date, between `from` and `to` hours, on 5-minute steps. */
export function timeOn(rng: Rng, date: string, from: number, to: number): Date {
  const minutes = rng.int(from * 12, to * 12) * 5;
  return localDateTime(date, `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`);
}

export function personName(rng: Rng): string {
  for (;;) {
    const female = rng.chance(0.4);
    const family = rng.weighted(FAMILY_NAMES);
    const middle = female
      ? rng.chance(0.6)
        ? 'Thị'
        : rng.weighted(MIDDLE_NAMES.nu)
      : rng.chance(0.5)
        ? 'Văn'
        : rng.weighted(MIDDLE_NAMES.nam);
    const given = rng.pick(GIVEN_NAMES[female ? 'nu' : 'nam']);
    if (given !== middle && given !== family) return `${family} ${middle} ${given}`;
  }
}

export function sortRoster(rows: RosterRow[]): RosterRow[] {
  return [...rows].sort((a, b) =>
    a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.member_id - b.member_id,
  );
}

/** Picks the first candidate who is an official own member on the roster, not away, not excluded. */
export function pickOfficial(
  roster: RosterRow[],
  candidates: readonly (number | undefined)[],
  exclude: readonly (number | undefined)[] = [],
): number | undefined {
  const ok = (id: number | undefined) =>
    id !== undefined &&
    !exclude.includes(id) &&
    roster.some((r) => r.member_id === id && r.category === 'member' && !r.away && r.is_official);
  const found = candidates.find(ok);
  if (found !== undefined) return found;
  return roster.find((r) => ok(r.member_id))?.member_id;
}

export interface MarkedRow {
  row: RosterRow;
  status: AttendanceStatus | null;
  reason: string | null;
  checkedInAt: Date | null;
  via: 'secretary' | 'self' | null;
}

export const attendedRow = (m: MarkedRow) => m.status !== null && !m.status.startsWith('absent');

/**
 * Marks the roster as a secretary would: about 85–97% of the base present (some late), excused
 * absences with their reasons, rarely an unexcused one; exempted members mostly stay home, those
 * away elsewhere are left unmarked, members hosted here mostly come.
 */
export function markAttendance(
  rng: Rng,
  shared: Shared,
  profile: CellProfile,
  roster: RosterRow[],
  mustAttend: ReadonlySet<number>,
  times: { scheduledAt: Date; startedAt: Date },
  tier: QualityTier = 'good',
): MarkedRow[] {
  const base = roster.filter((r) => r.category === 'member' && !r.away);
  const rate = tier === 'model' ? 1 : tier === 'weak' ? 0.7 + rng.float() * 0.15 : 0.85 + rng.float() * 0.12;
  const absentCount = Math.floor(base.length * (1 - rate) + rng.float());
  const absent = new Set(
    shuffle(
      rng,
      base.filter((r) => !mustAttend.has(r.member_id)),
    )
      .slice(0, absentCount)
      .map((r) => r.member_id),
  );
  const reasons = absenceReasons(profile);
  return roster.map((row): MarkedRow => {
    const arrive = (): MarkedRow => {
      const late = rng.chance(0.05);
      const leftEarly = !late && rng.chance(0.015);
      return {
        row,
        status: late ? 'late' : leftEarly ? 'left_early' : 'present',
        reason: null,
        checkedInAt: late ? plus(times.startedAt, rng.int(10, 30)) : plus(times.scheduledAt, -rng.int(0, 20)),
        via: shared.userOfMember.has(row.member_id) && rng.chance(0.7) ? 'self' : 'secretary',
      };
    };
    if (row.category === 'member' && !row.away) {
      if (!absent.has(row.member_id)) return arrive();
      const unexcused = rng.chance(tier === 'weak' ? 0.3 : 0.06);
      return {
        row,
        status: unexcused ? 'absent_unexcused' : 'absent_excused',
        reason: unexcused ? null : rng.weighted(reasons),
        checkedInAt: null,
        via: 'secretary',
      };
    }
    if (row.category === 'exempted' && rng.chance(0.12)) return arrive();
    if (row.category === 'temporary_in' && rng.chance(0.85)) return arrive();
    return { row, status: null, reason: null, checkedInAt: null, via: null };
  });
}

export interface PlannedTask {
  title: string;
  owners: number[];
  deadline: string;
}

/**
 * 3–5 tasks for the month until the next meeting (seasonal ones first, then the cell's usual
 * work, not repeating last month's), 1–2 owners among the members present, deadlines in the
 * next month before the next meeting, which reviews them.
 */
export function planTasks(
  rng: Rng,
  profile: CellProfile,
  date: string,
  previous: readonly OpenTask[],
  owners: readonly number[],
): PlannedTask[] {
  const count = rng.int(3, 5);
  const titles: string[] = [];
  for (const t of seasonalTasks(Number(date.slice(5, 7)), profile)) {
    if (titles.length < count - 1 && rng.chance(0.7)) titles.push(t);
  }
  const previousTitles = new Set(previous.map((t) => t.title));
  for (const t of shuffle(rng, TASKS[profile])) {
    if (titles.length >= count) break;
    if (!previousTitles.has(t) && !titles.includes(t)) titles.push(t);
  }
  const nextMeeting = addMonths(date, 1);
  const day = Number(nextMeeting.slice(8, 10));
  return titles.map((title) => ({
    title,
    owners: shuffle(rng, owners).slice(0, rng.chance(0.35) ? 2 : 1),
    deadline: addDays(nextMeeting, -(rng.chance(0.6) ? rng.int(1, 3) : rng.int(1, day - 1))),
  }));
}

export interface Review {
  id: number;
  result: 'achieved' | 'partial' | 'not_achieved';
  note: string | null;
}

/** Last month's tasks, judged at this meeting: mostly achieved, some partly, a few not. */
export function reviewTasks(
  rng: Rng,
  previous: readonly OpenTask[],
  tier: QualityTier = 'good',
): { reviews: Review[]; summary: string } {
  const weights = { model: [96, 4, 0], good: [80, 14, 6], weak: [40, 25, 35] }[tier];
  const reviews = previous.map((t): Review => {
    const result = rng.weighted([
      ['achieved', weights[0]!],
      ['partial', weights[1]!],
      ['not_achieved', weights[2]!],
    ] as const);
    const note =
      result === 'partial'
        ? rng.pick(PARTIAL_NOTES)
        : result === 'not_achieved'
          ? rng.pick(NOT_ACHIEVED_NOTES)
          : rng.chance(0.2)
            ? rng.pick(ACHIEVED_NOTES)
            : null;
    return { id: t.id, result, note };
  });
  const achieved = reviews.filter((r) => r.result === 'achieved').length;
  const partial = reviews.filter((r) => r.result === 'partial').length;
  const failed = reviews.length - achieved - partial;
  const summary =
    reviews.length > 0
      ? `hoàn thành ${achieved}/${reviews.length} nội dung${partial ? `, ${partial} nội dung đạt một phần` : ''}${
          failed ? `, ${failed} nội dung chưa đạt` : ''
        }`
      : 'các nhiệm vụ cơ bản được triển khai đúng kế hoạch';
  return { reviews, summary };
}

export interface SpeechRow {
  agendaItemId: number | null;
  memberId: number | null;
  guestId: number | null;
  name: string;
  summary: string;
  at: Date;
}

/** Agenda items as inserted: their ids and the moment each was reached. */
export interface AgendaIndex {
  id: (key: string) => number | null;
  at: (key: string) => Date;
  position: (key: string) => number;
}

/**
 * 3–8 speeches by members present, in agenda order: the preparer reports on last month's
 * resolution, members discuss, an owner of a new task speaks to it, the presenter presents the
 * thematic topic; the superior committee member, when present, sometimes speaks too.
 */
export function composeSpeeches(
  rng: Rng,
  s: {
    context: SpeechContext;
    roster: RosterRow[];
    speakers: readonly number[];
    chair: number;
    preparer: number;
    presenter: number | null;
    previousMonth: string;
    reviewSummary: string;
    tasks: readonly PlannedTask[];
    agenda: AgendaIndex;
    supervisorGuest: { id: number; name: string } | undefined;
    tier?: QualityTier;
  },
): SpeechRow[] {
  const combined = s.context.topic !== undefined;
  const slots = ['previous_results', 'discussion'];
  if (combined) slots.push('topic_presentation', 'topic_discussion');
  const extra = ['news', 'ideology', 'discussion', 'discussion', 'next_tasks', 'disseminate'];
  if (combined) extra.push('topic_discussion');
  // Model cells: nearly everyone present speaks (the rubric's >50% of members).
  const total =
    s.tier === 'model' ? Math.max(slots.length, s.speakers.length) : rng.int(Math.max(3, slots.length), 8);
  while (slots.length < total) slots.push(rng.pick(extra));
  slots.sort((a, b) => s.agenda.position(a) - s.agenda.position(b));

  const pool = shuffle(
    rng,
    s.speakers.filter((m) => m !== s.chair),
  );
  const used = new Set<number>();
  const fresh = (among: readonly number[]) =>
    among.find((m) => !used.has(m)) ?? rng.pick(among.length > 0 ? among : [s.chair]);
  const owners = s.tasks.flatMap((t) => t.owners).filter((m) => pool.includes(m));
  const said = new Set<string>();
  const out: SpeechRow[] = [];
  for (const key of slots) {
    let memberId: number;
    let summary: string;
    if (key === 'previous_results') {
      memberId = s.preparer;
      summary = `Báo cáo kết quả thực hiện nghị quyết tháng ${s.previousMonth}: ${s.reviewSummary}.`;
    } else if (key === 'topic_presentation') {
      memberId = s.presenter ?? s.chair;
      summary = SPEECHES.topic_presentation![0]!(s.context);
    } else if (key === 'next_tasks' && owners.some((m) => !used.has(m))) {
      memberId = fresh(owners);
      const task = s.tasks.find((t) => t.owners.includes(memberId))!.title;
      summary = NEXT_TASK_SPEECH({ ...s.context, task });
    } else {
      memberId = fresh(pool);
      const options = shuffle(rng, SPEECHES[key] ?? SPEECHES.discussion!).map((t) => t(s.context));
      summary = options.find((o) => !said.has(o)) ?? options[0]!;
    }
    used.add(memberId);
    said.add(summary);
    out.push({
      agendaItemId: s.agenda.id(key),
      memberId,
      guestId: null,
      name: nameOf(s.roster, memberId),
      summary,
      at: plus(s.agenda.at(key), out.length),
    });
  }
  if (s.supervisorGuest && rng.chance(0.6)) {
    out.push({
      agendaItemId: s.agenda.id('discussion'),
      memberId: null,
      guestId: s.supervisorGuest.id,
      name: s.supervisorGuest.name,
      summary: rng.pick(SUPERVISOR_SPEECHES)(s.context),
      at: plus(s.agenda.at('discussion'), 20),
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The HD 42 preparation checklist, time-stamped: preparer assigned, chi ủy meeting, content and
 * draft resolution, documents posted 1–5 days before (sometimes only on the day: a shortfall the
 * app shows), members and the supervising committee member notified.
 */
export function prepSteps(
  rng: Rng,
  p: {
    date: string;
    scheduledAt: Date;
    leadDays: number;
    prepEnded: Date;
    hasCommittee: boolean;
    supervisedByAccount: boolean;
    tier?: QualityTier;
  },
): { steps: [string, Date, string | null][]; documentsAt: Date } {
  const lead = Math.min(
    rng.weighted([
      [0, p.tier === 'weak' ? 60 : p.tier === 'model' ? 0 : 10],
      [1, 30],
      [2, 30],
      [3, 20],
      [4, 6],
      [5, 4],
    ] as const),
    p.leadDays - 1,
  );
  const documentsAt =
    lead === 0 ? plus(p.scheduledAt, -rng.int(2, 6) * 60) : timeOn(rng, addDays(p.date, -lead), 7, 21);
  const contentAt = new Date(
    Math.min(plus(p.prepEnded, rng.int(30, 24 * 60)).getTime(), documentsAt.getTime() - 30 * MINUTE),
  );
  const inviteAt = timeOn(rng, addDays(p.date, -rng.int(2, Math.max(2, p.leadDays - 1))), 7, 20);
  const steps: [string, Date, string | null][] = [
    ['assign_preparer', timeOn(rng, addDays(p.date, -(p.leadDays + rng.int(2, 4))), 7, 20), null],
    [
      'prep_meeting',
      p.prepEnded,
      p.hasCommittee ? null : 'Bí thư cùng phó bí thư chuẩn bị (chi bộ không có chi ủy)',
    ],
    ['content', contentAt, null],
    ['draft_resolution', plus(contentAt, rng.int(10, 120)), null],
    ['documents_posted', documentsAt, null],
    ['invitation_sent', inviteAt, null],
  ];
  if (rng.chance(0.9)) {
    steps.push([
      'supervisor_notified',
      plus(inviteAt, rng.int(0, 30)),
      p.supervisedByAccount ? null : 'Báo qua điện thoại',
    ]);
  }
  return { steps, documentsAt };
}

export function nameOf(roster: RosterRow[], memberId: number): string {
  return roster.find((r) => r.member_id === memberId)?.full_name ?? '…';
}

/** A show of hands among the official members present that passes on the statutory base. */
export function decideVoteFor(
  rng: Rng,
  summary: ReturnType<typeof summarizeAttendance>,
  pack: RulePack,
): { for: number; against: number; abstain: number; passed: boolean } {
  const voters = summary.votersPresent;
  let against = voters >= 10 && rng.chance(0.05) ? 1 : 0;
  let abstain = voters >= 6 && rng.chance(0.15) ? 1 : 0;
  let decision = decideVote(
    { for: voters - against - abstain, against, abstain },
    summary.votingBase,
    voters,
    pack.meetings.vote,
  );
  if (!decision.ok || !decision.passed) {
    against = 0;
    abstain = 0;
    decision = decideVote({ for: voters, against, abstain }, summary.votingBase, voters, pack.meetings.vote);
  }
  if (!decision.ok || !decision.passed) {
    throw new Error(`demo: resolution vote would fail (${voters} of ${summary.votingBase})`);
  }
  return { for: voters - against - abstain, against, abstain, passed: true };
}

/**
 * 1–2 guests from the cell's usual ones: the superior committee member in charge (often, where
 * it is giamsat1; more often at a combined meeting), heads of the area and of its organisations.
 */
export function chooseGuests(rng: Rng, usual: readonly GuestPerson[], combined: boolean): GuestPerson[] {
  const supervisor = usual.find((g) => g.isSupervisor)!;
  const supervisedByAccount = supervisor.userId !== null;
  const guests: GuestPerson[] = [];
  if (rng.chance(supervisedByAccount ? 0.8 : combined ? 0.5 : 0.15)) guests.push(supervisor);
  const wanted = rng.int(1, 2);
  for (const g of shuffle(
    rng,
    usual.filter((x) => !x.isSupervisor),
  )) {
    if (guests.length < wanted) guests.push(g);
  }
  return guests;
}
