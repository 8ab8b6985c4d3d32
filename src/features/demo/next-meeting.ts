/**
 * The next meeting of Khu phố 1, in preparation, so the app has something to show: chair,
 * secretary and preparer, content and draft resolution, the chi ủy meeting, preparation steps,
 * documents posted, and the notifications the app would have sent.
 */
import type { Executor } from '../../db/executor.js';
import { MEETING_KINDS, type MeetingKindKey } from '../meetings/labels.js';
import { formatDateTime } from '../meetings/plan.js';
import { loadRoster } from '../meetings/running.js';
import type { MeetingRow } from '../meetings/service.js';
import { isoLocal } from '../meetings/time.js';
import { insertCommitteeMeeting } from './committee-meeting.js';
import { addDays, addMonths } from './dates.js';
import { pickOfficial, shuffle, sortRoster, timeOn } from './meeting-choices.js';
import { type CellContext, DAY, lowerFirst, monthLabel, plus, type Shared } from './meeting-context.js';
import { insertDocuments } from './meeting-documents.js';
import { ISSUES, seasonalTasks, TASKS } from './meeting-texts.js';

export async function prepareNextMeeting(tx: Executor, shared: Shared, ctx: CellContext) {
  const { today, accounts } = shared.input;
  const { rng } = ctx;
  const [next] = await tx.query<{
    id: number;
    scheduled_at: Date;
    kind: MeetingKindKey;
    title: string;
    thematic_topic: string | null;
  }>(
    `SELECT id, scheduled_at, kind, title, thematic_topic FROM meetings
      WHERE unit_id = $1 AND status = 'planned' AND kind <> 'committee' ORDER BY scheduled_at LIMIT 1`,
    [ctx.unitId],
  );
  const [last] = await tx.query<{ id: number; ended_at: Date; title: string }>(
    `SELECT id, ended_at, title FROM meetings WHERE unit_id = $1 AND status = 'held' AND kind <> 'committee'
      ORDER BY scheduled_at DESC LIMIT 1`,
    [ctx.unitId],
  );
  if (!next || !last) return;
  const scheduledAt = new Date(next.scheduled_at);
  const date = isoLocal(scheduledAt)!.slice(0, 10);
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
  const openTasks = await tx.query<{ title: string }>(
    'SELECT title FROM tasks WHERE meeting_id = $1 ORDER BY id',
    [last.id],
  );
  const month = monthLabel(date);
  const prevMonth = monthLabel(addMonths(date, -1));
  const nextMonth = monthLabel(addMonths(date, 1));
  const issue = rng.pick(ISSUES[ctx.profile]);
  const content = `Đánh giá kết quả thực hiện ${openTasks.length} nội dung nghị quyết tháng ${prevMonth}; thông tin thời sự, quán triệt văn bản mới của Đảng ủy ${ctx.locality}; tình hình tư tưởng đảng viên; thảo luận về ${issue}; bàn nhiệm vụ đến buổi sinh hoạt tháng ${nextMonth}.${next.thematic_topic ? ` Sinh hoạt chuyên đề: “${next.thematic_topic}”.` : ''}`;
  const seasonal = seasonalTasks(Number(date.slice(5, 7)), ctx.profile);
  const usual = shuffle(
    rng,
    TASKS[ctx.profile].filter((t) => !seasonal.includes(t)),
  );
  const upcoming = [...seasonal, ...usual].slice(0, 4);
  const draft = `Dự thảo nghị quyết tháng ${month}. Từ nay đến buổi sinh hoạt tháng ${nextMonth}, chi bộ tập trung lãnh đạo thực hiện: ${upcoming
    .map(lowerFirst)
    .join('; ')}.`;

  // Times: in the daytime of the days after the last meeting, before today and at least a day
  // before this one (documents on time).
  const lastEnded = new Date(last.ended_at);
  const firstDay = addDays(isoLocal(lastEnded)!.slice(0, 10), 1);
  const lastDay = [addDays(today, -1), addDays(date, -2)].sort()[0]!;
  const span = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / DAY);
  const at = (f: number) =>
    span < 0
      ? plus(lastEnded, 30 + Math.round(f * 60))
      : timeOn(rng, addDays(firstDay, Math.round(f * span)), 8, 21);
  const [assignAt, draftedAt, postedAt] = [at(0.1), at(0.5), at(0.8)].sort(
    (x, y) => x.getTime() - y.getTime(),
  ) as [Date, Date, Date];

  let prepMeetingId: number | null = null;
  let committeeEnded: Date | null = null;
  if (ctx.committee.length > 0) {
    const committeeDate = addDays(date, -4);
    const committee = await insertCommitteeMeeting(tx, shared, ctx, {
      date: committeeDate,
      forMonth: date,
      members: ctx.committee.filter((id) =>
        roster.some((r) => r.member_id === id && r.category === 'member' && !r.away),
      ),
      chair,
      secretary: ctx.committee.find((m) => m !== chair) ?? secretary,
      preparer,
      issue,
      held: committeeDate >= firstDay && committeeDate < today,
      previousTasks: openTasks.length,
    });
    prepMeetingId = committee.id;
    committeeEnded = committee.endedAt;
  }
  await tx.query(
    `UPDATE meetings SET content = $2, draft_resolution = $3, chair_member_id = $4, secretary_member_id = $5,
       preparer_member_id = $6, prep_meeting_id = $7 WHERE id = $1`,
    [next.id, content, draft, chair, secretary, preparer, prepMeetingId],
  );
  // The content follows the chi ủy meeting when it has already met.
  const contentAt = committeeEnded && committeeEnded > draftedAt ? plus(committeeEnded, 40) : draftedAt;
  const docsAt = postedAt > contentAt ? postedAt : plus(contentAt, 30);
  const inviteAt = plus(docsAt, 10);
  const steps: [string, Date, string | null][] = [
    ['assign_preparer', assignAt, null],
    ['content', contentAt, null],
    ['draft_resolution', plus(contentAt, 15), null],
    ['documents_posted', docsAt, null],
    ['invitation_sent', inviteAt, null],
    ['supervisor_notified', inviteAt, null],
  ];
  if (committeeEnded) steps.push(['prep_meeting', committeeEnded, null]);
  await tx.query(
    `INSERT INTO meeting_prep_steps (meeting_id, step, done_at, done_by, note)
     SELECT $1, s, d, $2, n FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS x(s, d, n)`,
    [next.id, ctx.actorUserId, steps.map((s) => s[0]), steps.map((s) => s[1]), steps.map((s) => s[2])],
  );
  const docs = [{ title: `Dự thảo nghị quyết tháng ${month}`, lines: [draft] }];
  if (next.thematic_topic)
    docs.push({ title: `Tài liệu chuyên đề: ${next.thematic_topic}`, lines: [next.thematic_topic] });
  const [docId] = await insertDocuments(tx, shared, ctx, next.id, docs, docsAt);

  // Notifications as the app would have sent them: invitation, documents, last minutes adopted.
  const userIds = (names: string[]) =>
    names.map((n) => accounts.get(n)?.userId).filter((x): x is number => x !== undefined);
  const [adopted] = await tx.query<{ adopted_at: Date }>(
    `SELECT adopted_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'`,
    [last.id],
  );
  const notices: {
    users: number[];
    kind: string;
    title: string;
    body: string;
    link: string;
    key: string;
    at: Date;
    read: boolean;
  }[] = [
    {
      users: userIds(['bithu1', 'dangvien1', 'giamsat1']),
      kind: 'meeting.invitation',
      title: `Giấy mời: ${next.title}`,
      body: `${MEETING_KINDS[next.kind]} lúc ${formatDateTime(scheduledAt)} tại ${ctx.place}.${next.thematic_topic ? ` Chuyên đề: ${next.thematic_topic}.` : ''}`,
      link: `/sinh-hoat/${next.id}`,
      key: `invite:${next.id}:${isoLocal(scheduledAt)}`,
      at: inviteAt,
      read: false,
    },
    {
      users: userIds(['bithu1', 'dangvien1']),
      kind: 'meeting.documents',
      title: `Tài liệu mới: ${next.title}`,
      body: `Đã đăng tài liệu "${docs[0]!.title}" để đảng viên đọc trước buổi sinh hoạt.`,
      link: `/sinh-hoat/${next.id}`,
      key: `doc:${docId}`,
      at: docsAt,
      read: false,
    },
  ];
  if (adopted) {
    notices.push({
      users: userIds(['bithu1', 'dangvien1']),
      kind: 'meeting.minutes_adopted',
      title: `Biên bản đã thông qua: ${last.title}`,
      body: 'Biên bản và nghị quyết buổi sinh hoạt đã được thông qua; đảng viên có thể xem và tải về.',
      link: `/sinh-hoat/${last.id}`,
      key: `adopted:${last.id}:1`,
      at: new Date(adopted.adopted_at),
      read: true,
    });
  }
  for (const n of notices) {
    await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at, read_at)
       SELECT u, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN $7::timestamptz + interval '1 hour' END FROM unnest($1::int[]) AS t(u)`,
      [n.users, n.kind, n.title, n.body, n.link, n.key, n.at, n.read],
    );
  }
}
