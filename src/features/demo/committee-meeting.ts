/** A chi ủy meeting of a demo cell, held or planned, preparing the cell's monthly meeting. */
import type { Executor } from '../../db/executor.js';
import { rulePackFor } from '../../rules/index.js';
import { refreshAttendanceSummary } from '../meetings/attendance-summary.js';
import { buildMeetingRecord, lockAdoptedVersion, type RecordText } from '../meetings/record.js';
import { findMeeting } from '../meetings/service.js';
import { isoLocal, localDateTime } from '../meetings/time.js';
import { type CellContext, DAY, monthLabel, oneAtATime, plus, type Shared } from './meeting-context.js';
import { absenceReasons, committeePlace, isEveningProfile } from './meeting-texts.js';

export async function insertCommitteeMeeting(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  c: {
    date: string;
    forMonth: string;
    members: number[];
    chair: number;
    secretary: number;
    preparer: number;
    issue: string;
    held: boolean;
    previousTasks: number;
  },
): Promise<{ id: number; scheduledAt: Date; endedAt: Date | null }> {
  const { rng, profile } = ctx;
  const pack = rulePackFor([], c.date);
  const time = isEveningProfile(profile) ? '19:30' : rng.chance(0.5) ? '14:00' : '16:00';
  const scheduledAt = localDateTime(c.date, time);
  const startedAt = plus(scheduledAt, rng.int(0, 10));
  const minimum = pack.meetings.minDurationMinutes.committee ?? 60;
  const length = minimum + rng.int(0, 40);
  const endedAt = plus(startedAt, length);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, kind, status, title, scheduled_at, place, min_duration_minutes, rule_pack, rule_pack_version,
       started_at, ended_at, chair_member_id, secretary_member_id, content, checkin_code, created_by, created_at, updated_at)
     VALUES ($1, 'committee', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, coalesce($10::timestamptz, $16::timestamptz))
     RETURNING id`,
    [
      ctx.unitId,
      c.held ? 'held' : 'planned',
      `Họp chi ủy tháng ${monthLabel(c.date)}`,
      scheduledAt,
      committeePlace(profile, ctx.place),
      minimum,
      pack.id,
      pack.version,
      c.held ? startedAt : null,
      c.held ? endedAt : null,
      c.chair,
      c.secretary,
      `Chuẩn bị nội dung, dự thảo nghị quyết buổi sinh hoạt chi bộ tháng ${monthLabel(c.forMonth)}.`,
      String(rng.int(100000, 999999)),
      ctx.actorUserId,
      new Date(scheduledAt.getTime() - 7 * DAY),
    ],
  );
  const id = row!.id;
  shared.result.committee++;
  if (!c.held) return { id, scheduledAt, endedAt: null };
  // The chi ủy's own roster: its members (one may be excused in a larger chi ủy).
  const absentOne = c.members.length >= 5 && rng.chance(0.15) ? c.members[c.members.length - 1] : undefined;
  const names = await tx.query<{ id: number; full_name: string }>(
    'SELECT id, full_name FROM members WHERE id = ANY($1::int[])',
    [c.members],
  );
  await tx.query(
    `INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason, checked_in_at, via, updated_at)
     SELECT $1, m, 'member', true, false, s, r, t, 'secretary', coalesce(t, $6)
       FROM unnest($2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS x(m, s, r, t)`,
    [
      id,
      c.members,
      c.members.map((m) => (m === absentOne ? 'absent_excused' : 'present')),
      c.members.map((m) => (m === absentOne ? rng.weighted(absenceReasons(profile)) : null)),
      c.members.map((m) => (m === absentOne ? null : plus(scheduledAt, -rng.int(0, 10)))),
      endedAt,
    ],
  );
  shared.result.attendance += c.members.length;
  const preparerName = names.find((n) => n.id === c.preparer)?.full_name ?? '…';
  const conclusions: Record<string, string> = {
    purpose: `Chuẩn bị buổi sinh hoạt chi bộ tháng ${monthLabel(c.forMonth)}.`,
    assess_month:
      c.previousTasks > 0
        ? `Các nhiệm vụ theo nghị quyết tháng trước cơ bản hoàn thành; giao đồng chí ${preparerName} tổng hợp kết quả từng nội dung.`
        : 'Tình hình tháng qua ổn định; các nhiệm vụ được triển khai theo kế hoạch.',
    agree_content: `Thống nhất nội dung sinh hoạt; giao đồng chí ${preparerName} hoàn chỉnh dự thảo nghị quyết, đăng tài liệu trước ít nhất 1 ngày.`,
    key_issues: `Đưa ra chi bộ thảo luận, biểu quyết: ${c.issue}.`,
    conclusion:
      'Chi ủy thống nhất các nội dung trên; thông báo thời gian, địa điểm cho đảng viên và đồng chí Đảng ủy viên phụ trách.',
  };
  const template = pack.meetings.agenda.committee ?? [];
  await tx.query(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title, done_at, conclusion)
     SELECT $1, p, s, k, t, d, c FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       AS x(p, s, k, t, d, c)`,
    [
      id,
      template.map((_, i) => i + 1),
      template.map((t) => t.section),
      template.map((t) => t.key),
      template.map((t) => t.title),
      template.map((_, i) => plus(startedAt, Math.round(((i + 1) * length) / template.length))),
      template.map((t) => conclusions[t.key] ?? null),
    ],
  );
  await refreshAttendanceSummary(tx, id);
  // The chi ủy's minutes, read back and adopted as it closes (so the cell meeting it prepared
  // shows "chi ủy họp chuẩn bị, có biên bản"), on the cell's chain.
  await adoptDemoRecord(tx, shared, id, {
    chair: c.chair,
    secretary: c.secretary,
    endedAt,
    text: {},
    signOffset: rng.int(2, 5),
  });
  return { id, scheduledAt, endedAt };
}

/** The cell's chain head: the hash of its latest adopted record. */
export async function chainHead(tx: Executor, unitId: number): Promise<string | null> {
  const [row] = await tx.query<{ content_hash: string }>(
    `SELECT v.content_hash FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
      WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at DESC, v.id DESC LIMIT 1`,
    [unitId],
  );
  return row?.content_hash ?? null;
}

/**
 * A demo record built by the meetings feature itself from the rows of the meeting, signed a few
 * minutes before the end by the chair's and the secretary's accounts (where they have one) and
 * adopted as the meeting closes, chained to the cell's previous record. Like every record it is
 * written as a draft and adopted by the meetings feature's own lock (keyed hash, ADR 017): the
 * database refuses a version inserted as adopted. Returns its hash.
 */
export async function adoptDemoRecord(
  tx: Executor,
  shared: Shared,
  meetingId: number,
  r: { chair: number; secretary: number; endedAt: Date; text: RecordText; signOffset: number },
): Promise<string> {
  const m = (await findMeeting(tx, meetingId))!;
  const record = await buildMeetingRecord(oneAtATime(tx), m, r.text);
  const chairUser = shared.userOfMember.get(r.chair) ?? null;
  const secretaryUser = shared.userOfMember.get(r.secretary) ?? null;
  const signedAt = plus(r.endedAt, -r.signOffset);
  const chairSignedAt = chairUser ? signedAt : null;
  const secretarySignedAt = secretaryUser ? plus(signedAt, -1) : null;
  record.adoption = {
    adoptedAt: isoLocal(r.endedAt)!,
    chairSignedAt: isoLocal(chairSignedAt) ?? undefined,
    secretarySignedAt: isoLocal(secretarySignedAt) ?? undefined,
    version: 1,
  };
  const content = { text: r.text, record };
  const prevHash = await chainHead(tx, m.unit_id);
  const [draft] = await tx.query<{ id: number }>(
    `INSERT INTO meeting_record_versions (meeting_id, version, status, content,
       chair_signed_by, chair_signed_at, secretary_signed_by, secretary_signed_at, created_at)
     VALUES ($1, 1, 'draft', $2::jsonb, $3, $4, $5, $6, $7) RETURNING id`,
    [
      meetingId,
      JSON.stringify({ text: r.text }),
      chairUser,
      chairSignedAt,
      secretaryUser,
      secretarySignedAt,
      plus(r.endedAt, -30),
    ],
  );
  return lockAdoptedVersion(tx, {
    id: draft!.id,
    meetingId,
    version: 1,
    prevHash,
    content,
    adoptedAt: r.endedAt,
  });
}
