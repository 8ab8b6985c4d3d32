import type { Executor } from '../../db/executor.js';
import { type Actor, can } from '../../server/access.js';
import { notFound } from '../../server/errors.js';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKindKey, type MeetingStatus } from './labels.js';
import { isoLocal } from './time.js';

export interface MeetingRow {
  id: number;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  cell_type: string | null;
  series_id: number | null;
  series_period: string | null;
  kind: MeetingKindKey;
  status: MeetingStatus;
  title: string;
  thematic_topic: string | null;
  scheduled_at: Date;
  original_scheduled_at: Date | null;
  place: string | null;
  min_duration_minutes: number;
  rule_pack: string;
  rule_pack_version: string;
  started_at: Date | null;
  ended_at: Date | null;
  cancel_reason: string | null;
  move_reason: string | null;
  chair_member_id: number | null;
  secretary_member_id: number | null;
  preparer_member_id: number | null;
  prep_meeting_id: number | null;
  content: string | null;
  draft_resolution: string | null;
  checkin_code: string | null;
}

export const MEETING_COLS = `mt.id, mt.unit_id, u.path AS unit_path, u.name AS unit_name, u.cell_type, mt.series_id,
  mt.series_period, mt.kind, mt.status, mt.title, mt.thematic_topic, mt.scheduled_at, mt.original_scheduled_at, mt.place,
  mt.min_duration_minutes, mt.rule_pack, mt.rule_pack_version, mt.started_at, mt.ended_at, mt.cancel_reason,
  mt.move_reason, mt.chair_member_id, mt.secretary_member_id, mt.preparer_member_id, mt.prep_meeting_id, mt.content,
  mt.draft_resolution, mt.checkin_code`;

export async function findMeeting(ex: Executor, id: number): Promise<MeetingRow | undefined> {
  const [m] = await ex.query<MeetingRow>(
    `SELECT ${MEETING_COLS} FROM meetings mt JOIN org_units u ON u.id = mt.unit_id WHERE mt.id = $1`,
    [id],
  );
  return m;
}

/** A meeting the actor may see (its cell is in scope), else 404 as if absent. */
export async function visibleMeeting(ex: Executor, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await findMeeting(ex, id);
  if (!m || !can(actor, 'meeting.read', m.unit_path)) throw notFound('buổi sinh hoạt');
  return m;
}

export function meetingPermissions(actor: Actor, m: Pick<MeetingRow, 'unit_path'>) {
  return {
    canRun: can(actor, 'meeting.run', m.unit_path),
    canManage: can(actor, 'meeting.manage', m.unit_path),
  };
}

/** The fields every meeting carries in lists and detail (API.md: id, orgUnitId, kind, status, times). */
export function presentMeetingSummary(m: MeetingRow) {
  const length =
    m.started_at && m.ended_at
      ? Math.floor((new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60_000)
      : null;
  return {
    id: m.id,
    orgUnitId: m.unit_id,
    orgUnitName: m.unit_name,
    kind: m.kind,
    kindLabel: MEETING_KINDS[m.kind],
    status: m.status,
    statusLabel: MEETING_STATUSES[m.status],
    title: m.title,
    thematicTopic: m.thematic_topic,
    scheduledAt: isoLocal(m.scheduled_at)!,
    originalScheduledAt: isoLocal(m.original_scheduled_at),
    place: m.place,
    startedAt: isoLocal(m.started_at),
    endedAt: isoLocal(m.ended_at),
    durationMinutes: length,
    minDurationMinutes: m.min_duration_minutes,
    cancelReason: m.cancel_reason,
    moveReason: m.move_reason,
    rulePack: { id: m.rule_pack, version: m.rule_pack_version },
  };
}

export async function listUnitMeetings(ex: Executor, unitId: number, from: string, to: string) {
  return ex.query<MeetingRow>(
    `SELECT ${MEETING_COLS} FROM meetings mt JOIN org_units u ON u.id = mt.unit_id
      WHERE mt.unit_id = $1 AND mt.scheduled_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
        AND mt.scheduled_at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
      ORDER BY mt.scheduled_at`,
    [unitId, from, to],
  );
}
