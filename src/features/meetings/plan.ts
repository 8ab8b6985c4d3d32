import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { meetingDayOffHoliday } from '../../domain/calendar/days-off.js';
import { formatDate, todayIso, toIsoDate } from '../../domain/format.js';
import type { RulePack } from '../../rules/index.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { cellMemberUserIds, notifyUsers } from '../notifications/service.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow, visibleUnit } from '../org/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import type { MeetingKindKey, PrepStep } from './labels.js';
import { loadPreparation, RECORD_ONLY_STEPS, type StepSource } from './preparation.js';
import type { MeetingRow } from './service.js';
import { findMeeting, visibleMeeting } from './service.js';
import { isoLocal, localDateTime, localMonth, monthsFrom, quarterOf } from './time.js';

export interface SeriesRow {
  id: number;
  unit_id: number;
  day_of_month: number;
  start_time: string;
  place: string;
}

export async function activeSeries(ex: Executor, unitId: number): Promise<SeriesRow | undefined> {
  const [s] = await ex.query<SeriesRow>(
    'SELECT id, unit_id, day_of_month, start_time, place FROM meeting_series WHERE unit_id = $1 AND active',
    [unitId],
  );
  return s;
}

function requireCell(unit: UnitRow) {
  if (!isCellKind(unit.kind))
    throw new AppError('VALIDATION_FAILED', 'Chỉ chi bộ mới có lịch sinh hoạt.', { field: 'unitId' });
}

/** Sets the cell's regular meeting rule; the old rule is kept inactive (its meetings stay linked). */
export async function saveSeries(
  tx: Executor,
  actor: Actor,
  unitId: number,
  input: { dayOfMonth: number; startTime: string; place: string },
  ip?: string,
) {
  const unit = await visibleUnit(tx, actor, unitId);
  authorize(actor, 'meeting.manage', unit.path);
  requireCell(unit);
  // Two saves at once would both retire the same row and both insert an active one, and the
  // second would hit meeting_series_one_active (a 500). One save per cell at a time, each on
  // what the previous one committed: the later one wins, as a PUT should (ADR 019).
  await tx.query('SELECT pg_advisory_xact_lock(727010, $1)', [unit.id]);
  const before = await activeSeries(tx, unit.id);
  if (before)
    await tx.query('UPDATE meeting_series SET active = false, updated_at = now() WHERE id = $1', [before.id]);
  const [row] = await tx.query<SeriesRow>(
    `INSERT INTO meeting_series (unit_id, day_of_month, start_time, place) VALUES ($1, $2, $3, $4)
     RETURNING id, unit_id, day_of_month, start_time, place`,
    [unit.id, input.dayOfMonth, input.startTime, input.place],
  );
  await audit(
    tx,
    actor,
    {
      action: 'meeting_series.save',
      entityType: 'meeting_series',
      entityId: row!.id,
      orgUnitId: unit.id,
      before,
      after: row,
    },
    ip,
  );
  return row!;
}

function defaultTitle(kind: MeetingKindKey, month: string, topic?: string | null): string {
  const [y, m] = month.split('-');
  if (kind === 'committee') return `Họp chi ủy tháng ${Number(m)}/${y}`;
  if (kind === 'thematic')
    return `Sinh hoạt chuyên đề quý ${quarterOf(month)}/${y}${topic ? `: ${topic}` : ''}`;
  if (kind === 'combined') return `Sinh hoạt thường kỳ tháng ${Number(m)}/${y} kết hợp chuyên đề`;
  if (kind === 'extraordinary') return `Sinh hoạt bất thường tháng ${Number(m)}/${y}`;
  if (kind === 'review') return `Sinh hoạt kiểm điểm, đánh giá, xếp loại năm ${y}`;
  return `Sinh hoạt thường kỳ tháng ${Number(m)}/${y}`;
}

async function insertMeeting(
  tx: Executor,
  input: {
    unitId: number;
    seriesId?: number | null;
    seriesPeriod?: string | null;
    kind: MeetingKindKey;
    scheduledAt: Date;
    place?: string | null;
    title?: string | null;
    thematicTopic?: string | null;
    pack: RulePack;
    createdBy?: number | null;
    status?: 'planned' | 'held';
    moveReason?: string | null;
    originalScheduledAt?: Date | null;
  },
): Promise<number | null> {
  const month = localMonth(input.scheduledAt);
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, series_id, series_period, kind, status, title, thematic_topic, scheduled_at, place,
       min_duration_minutes, rule_pack, rule_pack_version, created_by, checkin_secret, move_reason, original_scheduled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (series_id, series_period) WHERE series_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      input.unitId,
      input.seriesId ?? null,
      input.seriesPeriod ?? null,
      input.kind,
      input.status ?? 'planned',
      input.title || defaultTitle(input.kind, month, input.thematicTopic),
      input.thematicTopic ?? null,
      input.scheduledAt,
      input.place ?? null,
      input.pack.meetings.minDurationMinutes[input.kind] ?? input.pack.meetings.minDurationMinutes.regular,
      input.pack.id,
      input.pack.version,
      input.createdBy ?? null,
      // The key of the hall's rotating check-in code (checkin-code.ts), from the CSPRNG.
      randomBytes(32).toString('hex'),
      input.moveReason ?? null,
      input.originalScheduledAt ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/**
 * Creates the coming months' meetings from the cell's rule, idempotently: one meeting per
 * series and month (unique index), so re-running never duplicates. A month whose quarter plans
 * its thematic topic for that month becomes a combined meeting (≥120 minutes, HD 42).
 */
export async function generateMeetings(
  tx: Executor,
  unit: UnitRow,
  opts: { months?: number; today?: string; createdBy?: number | null } = {},
): Promise<number[]> {
  const series = await activeSeries(tx, unit.id);
  if (!series) return [];
  const today = opts.today ?? todayIso();
  const pack = await rulePackForUnit(tx, unit.path, today);
  const ahead = opts.months ?? pack.meetings.planAheadMonths;
  // The next `ahead` occurrences from today (this month's, if its day has not passed yet).
  const months = monthsFrom(today.slice(0, 7), ahead + 1)
    .filter((mo) => `${mo}-${String(series.day_of_month).padStart(2, '0')}` >= today)
    .slice(0, ahead);
  const plans = await tx.query<{ year: number; quarter: number; topic: string; month: number | null }>(
    'SELECT year, quarter, topic, month FROM thematic_plans WHERE unit_id = $1 AND year = ANY($2::int[])',
    [unit.id, [...new Set(months.map((m) => Number(m.slice(0, 4))))]],
  );
  const created: number[] = [];
  // Months that already have a regular meeting (planned under an older rule, or created by hand).
  const taken = new Set(
    (
      await tx.query<{ month: string }>(
        `SELECT to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month FROM meetings
          WHERE unit_id = $1 AND kind IN ('regular', 'combined') AND status <> 'cancelled'`,
        [unit.id],
      )
    ).map((r) => r.month),
  );
  const cal = await loadWorkingCalendar(tx);
  for (const month of months) {
    if (taken.has(month)) continue;
    const usual = `${month}-${String(series.day_of_month).padStart(2, '0')}`;
    // Not on a public holiday or day off (the year's decision): moved by the pack's rule.
    const shifted = meetingDayOffHoliday(cal, usual, pack.meetings.onHoliday);
    const date = shifted.date;
    const plan = plans.find(
      (p) => p.year === Number(month.slice(0, 4)) && p.month === Number(month.slice(5, 7)),
    );
    const id = await insertMeeting(tx, {
      unitId: unit.id,
      seriesId: series.id,
      seriesPeriod: month,
      kind: plan ? 'combined' : 'regular',
      scheduledAt: localDateTime(date, series.start_time),
      place: series.place,
      thematicTopic: plan?.topic ?? null,
      pack: await rulePackForUnit(tx, unit.path, date),
      createdBy: opts.createdBy,
      moveReason: shifted.movedFrom
        ? `Ngày ${formatDate(shifted.movedFrom)} là ngày nghỉ (${shifted.reason ?? 'ngày lễ'}): lịch chuyển sang ngày ${formatDate(date)}.`
        : null,
      originalScheduledAt: shifted.movedFrom ? localDateTime(shifted.movedFrom, series.start_time) : null,
    });
    if (id) created.push(id);
  }
  return created;
}

/** A member who sits in the cell today: an open membership, or a temporary membership here. */
async function sitsInCell(tx: Executor, memberId: number, unitId: number): Promise<boolean> {
  const [ok] = await tx.query(
    `SELECT 1 FROM memberships ms WHERE ms.member_id = $1 AND ms.unit_id = $2 AND ms.valid_to IS NULL
     UNION ALL SELECT 1 FROM member_status_periods p WHERE p.member_id = $1 AND p.unit_id = $2 AND p.kind = 'temporary_out' AND p.valid_to > CURRENT_DATE`,
    [memberId, unitId],
  );
  return Boolean(ok);
}

export async function saveThematicPlan(
  tx: Executor,
  actor: Actor,
  unitId: number,
  year: number,
  items: { quarter: number; topic: string; month?: number | null; presenterMemberId?: number | null }[],
  ip?: string,
) {
  const unit = await visibleUnit(tx, actor, unitId);
  authorize(actor, 'meeting.manage', unit.path);
  requireCell(unit);
  for (const [i, it] of items.entries()) {
    if (it.month && quarterOf(`${year}-${String(it.month).padStart(2, '0')}`) !== it.quarter) {
      throw new AppError('VALIDATION_FAILED', `Tháng ${it.month} không thuộc quý ${it.quarter}.`, {
        field: 'month',
      });
    }
    // The presenter is a member of this cell (or attends it temporarily), not anyone with an id.
    if (it.presenterMemberId && !(await sitsInCell(tx, it.presenterMemberId, unit.id))) {
      throw new AppError('VALIDATION_FAILED', 'Người trình bày không sinh hoạt tại chi bộ này.', {
        field: `items.${i}.presenterMemberId`,
      });
    }
    await tx.query(
      `INSERT INTO thematic_plans (unit_id, year, quarter, topic, month, presenter_member_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (unit_id, year, quarter) DO UPDATE SET topic = EXCLUDED.topic, month = EXCLUDED.month,
         presenter_member_id = EXCLUDED.presenter_member_id`,
      [unit.id, year, it.quarter, it.topic, it.month ?? null, it.presenterMemberId ?? null],
    );
  }
  // A planned regular meeting in a month that now holds the quarter's topic becomes combined (≥120 minutes).
  for (const it of items) {
    if (!it.month) continue;
    const month = `${year}-${String(it.month).padStart(2, '0')}`;
    const pack = await rulePackForUnit(tx, unit.path, `${month}-01`);
    await tx.query(
      `UPDATE meetings SET kind = 'combined', thematic_topic = $3, min_duration_minutes = $4, updated_at = now()
        WHERE unit_id = $1 AND status = 'planned' AND kind IN ('regular', 'combined')
          AND to_char(scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') = $2`,
      [unit.id, month, it.topic, pack.meetings.minDurationMinutes.combined],
    );
  }
  await audit(
    tx,
    actor,
    {
      action: 'thematic_plan.save',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: { year, items },
    },
    ip,
  );
}

export async function createMeeting(
  tx: Executor,
  actor: Actor,
  unitId: number,
  input: {
    kind: MeetingKindKey;
    scheduledAt: string;
    place?: string | null;
    title?: string | null;
    thematicTopic?: string | null;
  },
  ip?: string,
): Promise<number> {
  const unit = await visibleUnit(tx, actor, unitId);
  authorize(actor, 'meeting.manage', unit.path);
  requireCell(unit);
  const at = new Date(input.scheduledAt);
  const pack = await rulePackForUnit(tx, unit.path, toIsoDate(at));
  const id = (await insertMeeting(tx, {
    ...input,
    unitId: unit.id,
    scheduledAt: at,
    pack,
    createdBy: actor.userId,
  }))!;
  await refreshCellMonth(tx, unit.id, localMonth(at));
  await audit(
    tx,
    actor,
    { action: 'meeting.create', entityType: 'meeting', entityId: id, orgUnitId: unit.id, after: input },
    ip,
  );
  return id;
}

function assertPlanned(m: MeetingRow) {
  if (m.status === 'held') throw new AppError('MEETING_ALREADY_HELD');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
}

/** Changes the meeting's details; moving a planned meeting needs a reason and tells the members. */
export async function updateMeeting(
  tx: Executor,
  actor: Actor,
  id: number,
  input: {
    scheduledAt?: string;
    place?: string | null;
    reason?: string | null;
    title?: string;
    thematicTopic?: string | null;
    content?: string | null;
    draftResolution?: string | null;
    chairMemberId?: number | null;
    secretaryMemberId?: number | null;
    preparerMemberId?: number | null;
    prepMeetingId?: number | null;
  },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  const moving =
    (input.scheduledAt !== undefined &&
      new Date(input.scheduledAt).getTime() !== new Date(m.scheduled_at).getTime()) ||
    (input.place !== undefined && input.place !== m.place);
  if (moving) {
    authorize(actor, 'meeting.manage', m.unit_path, 'buổi sinh hoạt');
    assertPlanned(m);
    if (m.status !== 'planned') throw new AppError('MEETING_ALREADY_STARTED');
    if (!input.reason?.trim()) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Cần ghi lý do đổi thời gian hoặc địa điểm (sẽ thông báo cho đảng viên).',
        { field: 'reason' },
      );
    }
  }
  if (m.status === 'held') {
    // A held meeting is a record: only who chaired and who took the minutes may still be filled
    // in before the minutes are adopted (they sign them); everything else is a correction.
    const [adopted] = await tx.query(
      "SELECT 1 FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted' LIMIT 1",
      [m.id],
    );
    if (adopted) throw new AppError('RECORD_LOCKED');
    const other = Object.entries(input).filter(
      ([k, v]) => v !== undefined && k !== 'chairMemberId' && k !== 'secretaryMemberId' && k !== 'reason',
    );
    if (other.length > 0) {
      throw new AppError(
        'MEETING_ALREADY_HELD',
        'Buổi sinh hoạt đã kết thúc: chỉ còn ghi được chủ trì và thư ký trước khi thông qua biên bản; nội dung khác sửa bằng biên bản.',
        { fields: other.map(([k]) => k) },
      );
    }
  }
  for (const [field, memberId] of [
    ['chairMemberId', input.chairMemberId],
    ['secretaryMemberId', input.secretaryMemberId],
    ['preparerMemberId', input.preparerMemberId],
  ] as const) {
    if (!memberId) continue;
    if (!(await sitsInCell(tx, memberId, m.unit_id)))
      throw new AppError('VALIDATION_FAILED', 'Người được chọn không sinh hoạt tại chi bộ này.', { field });
  }
  if (input.prepMeetingId) {
    const prep = await findMeeting(tx, input.prepMeetingId);
    if (!prep || prep.unit_id !== m.unit_id || prep.kind !== 'committee') {
      throw new AppError(
        'VALIDATION_FAILED',
        'Cuộc họp chuẩn bị phải là một cuộc họp chi ủy của chính chi bộ.',
        { field: 'prepMeetingId' },
      );
    }
  }
  const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
  await tx.query(
    `UPDATE meetings SET scheduled_at = $2, place = $3, title = $4, thematic_topic = $5, content = $6, draft_resolution = $7,
       chair_member_id = $8, secretary_member_id = $9, preparer_member_id = $10, prep_meeting_id = $11,
       original_scheduled_at = CASE WHEN $12 THEN coalesce(original_scheduled_at, scheduled_at) ELSE original_scheduled_at END,
       move_reason = CASE WHEN $12 THEN $13 ELSE move_reason END, updated_at = now()
     WHERE id = $1`,
    [
      m.id,
      input.scheduledAt ? new Date(input.scheduledAt) : m.scheduled_at,
      pick(input.place, m.place),
      pick(input.title, m.title),
      pick(input.thematicTopic, m.thematic_topic),
      pick(input.content, m.content),
      pick(input.draftResolution, m.draft_resolution),
      pick(input.chairMemberId, m.chair_member_id),
      pick(input.secretaryMemberId, m.secretary_member_id),
      pick(input.preparerMemberId, m.preparer_member_id),
      pick(input.prepMeetingId, m.prep_meeting_id),
      moving,
      input.reason ?? null,
    ],
  );
  // Preparation steps are recorded as they happen (HD 42 checklist, time-stamped).
  const steps: string[] = [];
  if (input.preparerMemberId) steps.push('assign_preparer');
  if (input.content?.trim()) steps.push('content');
  if (input.draftResolution?.trim()) steps.push('draft_resolution');
  if (input.prepMeetingId) steps.push('prep_meeting');
  for (const step of steps) await markPrepStep(tx, actor, m.id, step);
  const after = (await findMeeting(tx, m.id))!;
  if (moving) {
    for (const month of new Set([
      localMonth(new Date(m.scheduled_at)),
      localMonth(new Date(after.scheduled_at)),
    ]))
      await refreshCellMonth(tx, m.unit_id, month);
    await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, toIsoDate(new Date(after.scheduled_at))), {
      kind: 'meeting.moved',
      title: `Đổi lịch: ${m.title}`,
      body: `Buổi sinh hoạt chuyển sang ${formatDateTime(after.scheduled_at)} tại ${after.place ?? 'địa điểm cũ'}. Lý do: ${input.reason}.`,
      link: `/sinh-hoat/${m.id}`,
    });
  }
  await audit(
    tx,
    actor,
    {
      action: moving ? 'meeting.move' : 'meeting.update',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: summary(m),
      after: summary(after),
    },
    ip,
  );
  return after;
}

function summary(m: MeetingRow) {
  return {
    title: m.title,
    scheduledAt: isoLocal(m.scheduled_at),
    place: m.place,
    status: m.status,
    kind: m.kind,
  };
}

export function formatDateTime(d: Date | string): string {
  const iso = isoLocal(d)!;
  return `${iso.slice(11, 13)} giờ ${iso.slice(14, 16)}, ngày ${formatDate(iso.slice(0, 10))}`;
}

export async function cancelMeeting(tx: Executor, actor: Actor, id: number, reason: string, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.manage', m.unit_path, 'buổi sinh hoạt');
  assertPlanned(m);
  if (m.status !== 'planned') throw new AppError('MEETING_ALREADY_STARTED');
  await tx.query(
    `UPDATE meetings SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`,
    [m.id, reason],
  );
  await refreshCellMonth(tx, m.unit_id, localMonth(new Date(m.scheduled_at)));
  await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, toIsoDate(new Date(m.scheduled_at))), {
    kind: 'meeting.cancelled',
    title: `Hủy: ${m.title}`,
    body: `Buổi sinh hoạt ${formatDateTime(m.scheduled_at)} đã hủy. Lý do: ${reason}.`,
    link: `/sinh-hoat/${m.id}`,
  });
  await audit(
    tx,
    actor,
    {
      action: 'meeting.cancel',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { reason },
    },
    ip,
  );
}

/** Records a preparation step as done now (first time only: the timestamp is the evidence). */
export async function markPrepStep(
  tx: Executor,
  actor: Actor | null,
  meetingId: number,
  step: string,
  note?: string | null,
  source: StepSource = 'record',
) {
  // A record proving a step replaces an earlier hand tick (the record is the better evidence).
  await tx.query(
    `INSERT INTO meeting_prep_steps (meeting_id, step, done_by, note, source) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (meeting_id, step) DO UPDATE SET done_at = now(), done_by = EXCLUDED.done_by, source = 'record'
       WHERE meeting_prep_steps.source = 'manual' AND EXCLUDED.source = 'record'`,
    [meetingId, step, actor?.userId ?? null, note ?? null, source],
  );
}

/**
 * A runner declares a preparation step done by hand (e.g. members told over the loudspeaker, the
 * chi ủy's minutes kept on paper): shown and scored as self-declared, with how it was done.
 * Steps only the records can prove (preparer, content, draft) are done by entering them.
 */
export async function recordPrepStep(
  tx: Executor,
  actor: Actor,
  id: number,
  step: PrepStep,
  note?: string | null,
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  assertPlanned(m);
  if (RECORD_ONLY_STEPS.includes(step)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Bước này được ghi nhận khi nhập vào buổi sinh hoạt (người chuẩn bị, nội dung, dự thảo nghị quyết), không đánh dấu bằng tay.',
      { field: 'step' },
    );
  }
  if (!note || note.trim().length < 3) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Cần ghi đã thực hiện thế nào (ví dụ: thông báo qua loa truyền thanh, biên bản họp chi ủy lưu bản giấy).',
      { field: 'note' },
    );
  }
  const pack = await packVersionFor(tx, m.rule_pack, toIsoDate(new Date(m.scheduled_at)));
  const done = (await loadPreparation(tx, m, pack)).steps.find((s) => s.key === step);
  if (done?.source === 'record')
    throw new AppError('CONFLICT', 'Bước này đã được ghi nhận từ hồ sơ của buổi sinh hoạt.');
  await markPrepStep(tx, actor, m.id, step, note.trim(), 'manual');
  await audit(
    tx,
    actor,
    {
      action: 'meeting.prep_step',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { step, note },
    },
    ip,
  );
}
