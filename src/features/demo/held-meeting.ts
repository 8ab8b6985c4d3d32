/**
 * One held monthly meeting of a demo cell, complete: the chi ủy meeting that prepared it,
 * attendance, guests, agenda, speeches, the resolution vote, tasks reviewed and set, the
 * preparation steps, documents and the record, adopted and chained to the cell's previous one.
 * The steps run in the order they always have, so the cell's PRNG draws stay the same.
 */
import type { Executor } from '../../db/executor.js';
import { summarizeAttendance } from '../../domain/attendance.js';
import { formatNumber } from '../../domain/format.js';
import { rulePackFor } from '../../rules/index.js';
import { refreshAttendanceSummary } from '../meetings/attendance-summary.js';
import type { RecordText } from '../meetings/record.js';
import { loadRoster, toEntries } from '../meetings/running.js';
import type { MeetingRow } from '../meetings/service.js';
import { localDateTime } from '../meetings/time.js';
import { seedDemoOrganisationTasks } from './cell-committee.js';
import { adoptDemoRecord, insertCommitteeMeeting } from './committee-meeting.js';
import { addDays, addMonths } from './dates.js';
import { disseminateAtDemoMeeting } from './directives.js';
import {
  type AgendaIndex,
  attendedRow,
  chooseGuests,
  composeSpeeches,
  decideVoteFor,
  type MarkedRow,
  markAttendance,
  nameOf,
  type PlannedTask,
  pickOfficial,
  planTasks,
  prepSteps,
  type Review,
  reviewTasks,
  type SpeechRow,
  sortRoster,
  timeOn,
} from './meeting-choices.js';
import {
  type CellContext,
  DAY,
  type GuestPerson,
  lowerFirst,
  monthLabel,
  type OpenTask,
  plus,
  type Shared,
} from './meeting-context.js';
import { insertDocuments } from './meeting-documents.js';
import { ISSUES, isEveningProfile, unitWord } from './meeting-texts.js';

export async function seedHeldMeeting(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  date: string,
  prevTasks: OpenTask[],
  prevHash: string | null,
  previousIssue: string,
  leaveUnadopted = false,
): Promise<{ tasks: OpenTask[]; hash: string | null; issue: string }> {
  const { rng, profile } = ctx;
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4));
  const nextLabel = monthLabel(addMonths(date, 1));
  const prevLabel = monthLabel(addMonths(date, -1));
  const plan = ctx.plans.find((p) => p.year === year && p.month === month);
  const kind = plan ? 'combined' : 'regular';
  const pack = rulePackFor([], date);
  const scheduledAt = localDateTime(date, ctx.startTime);

  // The roster the meeting snapshots when it starts (the same query as startMeeting).
  const roster = sortRoster(
    await loadRoster(tx, {
      id: 0,
      unit_id: ctx.unitId,
      status: 'planned',
      scheduled_at: scheduledAt,
    } as MeetingRow),
  );
  const chair = pickOfficial(roster, ctx.stable)!;
  const secretary = pickOfficial(roster, [ctx.thuKy, ...ctx.stable.slice(1)], [chair]) ?? chair;
  const preparer = pickOfficial(roster, [ctx.stable[1], ctx.thuKy], [chair]) ?? secretary;

  // Length: mostly at least the minimum, sometimes 10–40 minutes short.
  const minimum = pack.meetings.minDurationMinutes[kind] ?? 90;
  const startedAt = plus(scheduledAt, rng.int(0, isEveningProfile(profile) ? 15 : 8));
  const shortChance = { model: 0, good: 0.12, weak: 0.6 }[ctx.tier];
  const length = rng.chance(shortChance)
    ? minimum - rng.int(10, ctx.tier === 'weak' ? 50 : 40)
    : minimum + rng.int(0, 35);
  const endedAt = plus(startedAt, length);

  // The chi ủy meets a few days before (cells with a chi ủy); else the bí thư prepares.
  const leadDays = rng.int(3, 7);
  const issues = ISSUES[profile];
  const issue = rng.pick(issues.filter((i) => i !== previousIssue));
  const otherIssue = rng.pick(issues.filter((i) => i !== issue));
  let prepMeetingId: number | null = null;
  let prepEnded: Date;
  if (ctx.committee.length > 0) {
    const members = ctx.committee.filter((id) =>
      roster.some((r) => r.member_id === id && r.category === 'member' && !r.away && r.is_official),
    );
    const committee = await insertCommitteeMeeting(tx, shared, ctx, {
      date: addDays(date, -leadDays),
      forMonth: date,
      members,
      chair,
      secretary: members.find((m) => m !== chair) ?? secretary,
      preparer,
      issue,
      held: true,
      previousTasks: prevTasks.length,
    });
    prepMeetingId = committee.id;
    prepEnded = committee.endedAt!;
  } else {
    prepEnded = timeOn(rng, addDays(date, -leadDays), 8, 20);
  }

  const mustAttend = new Set([chair, secretary, preparer]);
  if (plan?.presenter) mustAttend.add(plan.presenter);
  const marked = markAttendance(
    rng,
    shared,
    profile,
    roster,
    mustAttend,
    { scheduledAt, startedAt },
    ctx.tier,
  );
  const summary = summarizeAttendance(toEntries(marked.map((m) => ({ ...m.row, status: m.status }))));
  const presentOwn = marked
    .filter((m) => m.row.category === 'member' && !m.row.away && attendedRow(m))
    .map((m) => m.row.member_id);
  const tasks = planTasks(rng, profile, date, prevTasks, presentOwn);
  const { reviews, summary: reviewSummary } = reviewTasks(rng, prevTasks, ctx.tier);

  // Texts: the prepared content and draft resolution, the chair's conclusion.
  const text = heldMeetingText(ctx, { prevLabel, nextLabel, reviewSummary, issue, tasks, plan });
  const { situation, directions } = text;

  const title = plan
    ? `Sinh hoạt thường kỳ tháng ${monthLabel(date)} kết hợp chuyên đề`
    : `Sinh hoạt thường kỳ tháng ${monthLabel(date)}`;
  const [meeting] = await tx.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, series_id, series_period, kind, status, title, thematic_topic, scheduled_at, place,
       min_duration_minutes, rule_pack, rule_pack_version, started_at, ended_at, chair_member_id, secretary_member_id,
       preparer_member_id, prep_meeting_id, content, draft_resolution, checkin_code, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'held', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $13)
     RETURNING id`,
    [
      ctx.unitId,
      ctx.seriesId,
      date.slice(0, 7),
      kind,
      title,
      plan?.topic ?? null,
      scheduledAt,
      ctx.place,
      minimum,
      pack.id,
      pack.version,
      startedAt,
      endedAt,
      chair,
      secretary,
      preparer,
      prepMeetingId,
      situation,
      directions,
      String(rng.int(100000, 999999)),
      ctx.actorUserId,
      new Date(scheduledAt.getTime() - 40 * DAY),
    ],
  );
  const id = meeting!.id;

  await insertAttendance(tx, id, marked, endedAt);
  await refreshAttendanceSummary(tx, id);
  shared.result.attendance += marked.length;

  const supervisedByAccount = ctx.guests.find((g) => g.isSupervisor)!.userId !== null;
  const guests = chooseGuests(rng, ctx.guests, plan !== undefined);
  const guestRows = await insertGuests(tx, id, guests);

  // Agenda from the rule pack's template of the kind, each item done in turn, with conclusions.
  const template = pack.meetings.agenda[kind] ?? [];
  const vote = decideVoteFor(rng, summary, pack);
  const conclusions: Record<string, string> = {
    purpose_guests: guests.length
      ? `Giới thiệu đại biểu dự: ${guests.map((g) => `đồng chí ${g.name}, ${g.title}`).join('; ')}.`
      : 'Tuyên bố lý do buổi sinh hoạt.',
    secretary: `Cử đồng chí ${nameOf(roster, secretary)} làm thư ký.`,
    attendance: `Có mặt ${summary.present}/${summary.base} đồng chí (${formatNumber(summary.percent ?? 0, 1)}%); vắng có lý do ${summary.absentExcused}, vắng không lý do ${summary.absentUnexcused}.`,
    agenda: 'Chi bộ thống nhất chương trình sinh hoạt.',
    // The figures come from the ledger (record-build.ts); the chair only concludes.
    dues: `Chi bộ nghe báo cáo thu, nộp đảng phí tháng ${monthLabel(date)}; đồng chí nào chưa nộp thì nộp bổ sung trong tuần.`,
    previous_results: `Nghị quyết tháng ${prevLabel}: ${reviewSummary}.`,
    next_tasks: `Thống nhất ${tasks.length} nhiệm vụ đến buổi sinh hoạt tháng ${nextLabel}, có phân công người thực hiện và thời hạn.`,
    conclusion: text.conclusion,
    vote: `Nghị quyết được thông qua: ${vote.for}/${summary.votingBase} đồng chí tán thành (${formatNumber((vote.for * 100) / summary.votingBase, 1)}%).`,
    self_score: `Chi bộ tự đánh giá buổi sinh hoạt đạt chất lượng ${rng.chance(0.7) ? 'tốt' : 'khá'}.`,
    minutes: 'Thư ký đọc lại biên bản; chi bộ nhất trí thông qua.',
  };
  if (plan) {
    conclusions.topic_presentation = `Đồng chí ${nameOf(roster, plan.presenter ?? chair)} trình bày chuyên đề “${plan.topic}”.`;
  }
  const agenda = await insertAgenda(tx, id, template, conclusions, startedAt, length);

  const speeches = composeSpeeches(rng, {
    context: {
      profile,
      month,
      year,
      nextMonth: Number(addMonths(date, 1).slice(5, 7)),
      previousMonth: Number(addMonths(date, -1).slice(5, 7)),
      issue,
      otherIssue,
      locality: ctx.locality,
      topic: plan?.topic,
    },
    roster,
    speakers: marked
      .filter((m) => m.row.category !== 'temporary_in' && attendedRow(m))
      .map((m) => m.row.member_id),
    chair,
    preparer,
    presenter: plan?.presenter ?? null,
    previousMonth: prevLabel,
    reviewSummary,
    tasks,
    agenda,
    supervisorGuest: guestRows.find((g) => g.is_supervisor),
    tier: ctx.tier,
  });
  await insertSpeeches(tx, id, speeches);
  shared.result.speeches += speeches.length;

  // The resolution vote, decided on the statutory base.
  await tx.query(
    `INSERT INTO votes (meeting_id, agenda_item_id, subject, is_resolution, method, votes_for, votes_against, votes_abstain, base, passed, rule, created_at)
     VALUES ($1, $2, $3, true, 'show_of_hands', $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      agenda.id('vote'),
      `Thông qua nghị quyết ${kind === 'combined' ? 'sinh hoạt thường kỳ kết hợp chuyên đề' : 'sinh hoạt thường kỳ'} tháng ${monthLabel(date)}`,
      vote.for,
      vote.against,
      vote.abstain,
      summary.votingBase,
      vote.passed,
      pack.meetings.vote.citation,
      agenda.at('vote'),
    ],
  );

  const newTasks = await reviewAndSetTasks(tx, ctx, id, reviews, tasks, agenda);
  shared.result.tasks += tasks.length;
  // Tasks of the locality's organisations (issue 11 part E), before the record locks them.
  await seedDemoOrganisationTasks(tx, shared, ctx, {
    meetingId: id,
    date,
    setAt: agenda.at('next_tasks'),
    reviewedAt: agenda.at('previous_results'),
  });

  // Preparation, then the documents posted for members.
  const { steps, documentsAt } = prepSteps(rng, {
    date,
    scheduledAt,
    leadDays,
    prepEnded,
    hasCommittee: prepMeetingId !== null,
    supervisedByAccount,
    tier: ctx.tier,
  });
  // A step with a note was done outside chibo and ticked by hand (self-declared).
  await tx.query(
    `INSERT INTO meeting_prep_steps (meeting_id, step, done_at, done_by, note, source)
     SELECT $1, s, d, $2, n, CASE WHEN n IS NULL THEN 'record' ELSE 'manual' END
       FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS x(s, d, n)`,
    [id, ctx.actorUserId, steps.map((p) => p[0]), steps.map((p) => p[1]), steps.map((p) => p[2])],
  );
  const docs = [{ title: `Dự thảo nghị quyết tháng ${monthLabel(date)}`, lines: [directions] }];
  if (plan) docs.push({ title: `Tài liệu chuyên đề: ${plan.topic}`, lines: [plan.topic] });
  if (rng.chance(0.5)) {
    docs.push({ title: `Báo cáo kết quả thực hiện nghị quyết tháng ${prevLabel}`, lines: [situation] });
  }
  await insertDocuments(tx, shared, ctx, id, docs, documentsAt);

  // Directives of the ward disseminated at this meeting (issue 11 part A), before the record locks.
  if (shared.input.directives)
    await disseminateAtDemoMeeting(tx, shared.input.directives, {
      unitId: ctx.unitId,
      meetingId: id,
      date,
      today: shared.input.today,
      recorder: ctx.actorUserId,
    });
  const hash = await insertRecord(tx, shared, ctx, {
    meetingId: id,
    text,
    chair,
    secretary,
    endedAt,
    prevHash,
    leaveUnadopted,
  });
  shared.result.held++;
  return { tasks: newTasks, hash, issue };
}

// ---------------------------------------------------------------------------------------------
// Its steps

/** The prepared content (situation), the draft resolution (directions) and the chair's conclusion. */
function heldMeetingText(
  ctx: CellContext,
  t: {
    prevLabel: string;
    nextLabel: string;
    reviewSummary: string;
    issue: string;
    tasks: readonly PlannedTask[];
    plan: CellContext['plans'][number] | undefined;
  },
): { situation: string; directions: string; conclusion: string } {
  const { prevLabel, nextLabel, reviewSummary, issue, tasks, plan } = t;
  const word = unitWord(ctx.profile);
  const situation = `Từ buổi sinh hoạt tháng ${prevLabel} đến nay, chi bộ lãnh đạo đảng viên thực hiện nhiệm vụ chính trị của ${word}; kết quả thực hiện nghị quyết tháng ${prevLabel}: ${reviewSummary}. Vấn đề cần quan tâm: ${issue}. Tình hình tư tưởng đảng viên ổn định, tin tưởng vào sự lãnh đạo của Đảng.`;
  const directions = `Từ nay đến buổi sinh hoạt tháng ${nextLabel}, chi bộ tập trung lãnh đạo thực hiện: ${tasks
    .map((task) => lowerFirst(task.title))
    .join('; ')}.`;
  const conclusion = `Buổi sinh hoạt diễn ra đúng chương trình, bảo đảm nguyên tắc; các ý kiến phát biểu thẳng thắn, sát thực tế.${
    plan ? ` Chuyên đề “${plan.topic}” được đảng viên liên hệ với thực tế ${word}.` : ''
  } Chi bộ thống nhất ${tasks.length} nhiệm vụ trọng tâm; các đồng chí được phân công triển khai đúng thời hạn, báo cáo kết quả tại buổi sinh hoạt tháng ${nextLabel}.`;
  return { situation, directions, conclusion };
}

async function insertAttendance(tx: Executor, meetingId: number, marked: MarkedRow[], endedAt: Date) {
  await tx.query(
    `INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason, checked_in_at, via, updated_at)
     SELECT $1, m, c, o, a, s, r, t, v, coalesce(t, $10)
       FROM unnest($2::int[], $3::text[], $4::bool[], $5::bool[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
         AS x(m, c, o, a, s, r, t, v)`,
    [
      meetingId,
      marked.map((m) => m.row.member_id),
      marked.map((m) => m.row.category),
      marked.map((m) => m.row.is_official),
      marked.map((m) => m.row.away),
      marked.map((m) => m.status),
      marked.map((m) => m.reason),
      marked.map((m) => m.checkedInAt),
      marked.map((m) => m.via),
      endedAt,
    ],
  );
}

function insertGuests(tx: Executor, meetingId: number, guests: GuestPerson[]) {
  return tx.query<{ id: number; name: string; is_supervisor: boolean }>(
    `INSERT INTO meeting_guests (meeting_id, name, title, organisation, is_supervisor, user_id)
     SELECT $1, n, t, o, s, u FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::int[]) WITH ORDINALITY AS x(n, t, o, s, u, i)
      ORDER BY i RETURNING id, name, is_supervisor`,
    [
      meetingId,
      guests.map((g) => g.name),
      guests.map((g) => g.title),
      guests.map((g) => g.organisation),
      guests.map((g) => g.isSupervisor),
      guests.map((g) => g.userId),
    ],
  );
}

/** The agenda items, each done in turn over the meeting's length; returns how to find them. */
async function insertAgenda(
  tx: Executor,
  meetingId: number,
  template: readonly { section: string; key: string; title: string }[],
  conclusions: Record<string, string>,
  startedAt: Date,
  length: number,
): Promise<AgendaIndex> {
  const agendaRows = await tx.query<{ id: number; step_key: string | null; position: number }>(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title, done_at, conclusion)
     SELECT $1, p, s, k, t, d, c FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       AS x(p, s, k, t, d, c)
     RETURNING id, step_key, position`,
    [
      meetingId,
      template.map((_, i) => i + 1),
      template.map((t) => t.section),
      template.map((t) => t.key),
      template.map((t) => t.title),
      template.map((_, i) => plus(startedAt, Math.round(((i + 1) * length) / template.length))),
      template.map((t) => conclusions[t.key] ?? null),
    ],
  );
  const position = (key: string) => agendaRows.find((a) => a.step_key === key)?.position ?? template.length;
  return {
    id: (key) => agendaRows.find((a) => a.step_key === key)?.id ?? null,
    position,
    at: (key) => plus(startedAt, Math.round(((position(key) - 0.5) * length) / template.length)),
  };
}

async function insertSpeeches(tx: Executor, meetingId: number, speeches: SpeechRow[]) {
  await tx.query(
    `INSERT INTO speeches (meeting_id, agenda_item_id, member_id, guest_id, speaker_name, summary, created_at)
     SELECT $1, a, m, g, n, s, t FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[])
       WITH ORDINALITY AS x(a, m, g, n, s, t, i) ORDER BY i`,
    [
      meetingId,
      speeches.map((s) => s.agendaItemId),
      speeches.map((s) => s.memberId),
      speeches.map((s) => s.guestId),
      speeches.map((s) => s.name),
      speeches.map((s) => s.summary),
      speeches.map((s) => s.at),
    ],
  );
}

/** Last month's tasks reviewed here; the new tasks set, with their owners. Returns the new tasks. */
async function reviewAndSetTasks(
  tx: Executor,
  ctx: CellContext,
  meetingId: number,
  reviews: Review[],
  tasks: PlannedTask[],
  agenda: AgendaIndex,
): Promise<OpenTask[]> {
  if (reviews.length > 0) {
    await tx.query(
      `UPDATE tasks t SET result = x.r, result_note = x.n, reviewed_meeting_id = $1, reviewed_at = $2
         FROM unnest($3::int[], $4::text[], $5::text[]) AS x(id, r, n) WHERE t.id = x.id`,
      [
        meetingId,
        agenda.at('previous_results'),
        reviews.map((r) => r.id),
        reviews.map((r) => r.result),
        reviews.map((r) => r.note),
      ],
    );
  }
  const taskRows = await tx.query<{ id: number; title: string }>(
    `INSERT INTO tasks (unit_id, meeting_id, title, deadline, created_at)
     SELECT $1, $2, t, d::date, $5 FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS x(t, d, i) ORDER BY i
     RETURNING id, title`,
    [ctx.unitId, meetingId, tasks.map((t) => t.title), tasks.map((t) => t.deadline), agenda.at('next_tasks')],
  );
  const taskId = (title: string) => taskRows.find((t) => t.title === title)!.id;
  const owners = tasks.flatMap((t) => t.owners.map((o) => [taskId(t.title), o] as const));
  await tx.query(
    'INSERT INTO task_owners (task_id, member_id) SELECT t, m FROM unnest($1::int[], $2::int[]) AS x(t, m)',
    [owners.map((o) => o[0]), owners.map((o) => o[1])],
  );
  return taskRows.map((t) => ({ id: t.id, title: t.title }));
}

/**
 * The record: built from the rows above by the meetings feature itself, signed by the chair's
 * (and secretary's) account where they have one and adopted as the meeting closes (HD 42: read
 * back before closing), chained per cell; or only a draft when `leaveUnadopted`. Returns the
 * cell's chain head after it.
 */
async function insertRecord(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  r: {
    meetingId: number;
    text: RecordText;
    chair: number;
    secretary: number;
    endedAt: Date;
    prevHash: string | null;
    leaveUnadopted: boolean;
  },
): Promise<string | null> {
  if (r.leaveUnadopted) {
    await tx.query(
      `INSERT INTO meeting_record_versions (meeting_id, version, status, content, created_at) VALUES ($1, 1, 'draft', $2::jsonb, $3)`,
      [r.meetingId, JSON.stringify({ text: r.text }), r.endedAt],
    );
    return r.prevHash;
  }
  return adoptDemoRecord(tx, shared, r.meetingId, {
    chair: r.chair,
    secretary: r.secretary,
    endedAt: r.endedAt,
    text: r.text,
    signOffset: ctx.rng.int(2, 6),
  });
}
