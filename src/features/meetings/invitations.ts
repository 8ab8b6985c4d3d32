/**
 * Invitations (HD 42: members and the supervising committee member are told the time, place and
 * content): sent in chibo to everyone with an account, and who it cannot reach is said, so they
 * get a printed invitation (invitation-routes.ts).
 */
import type { Executor } from '../../db/executor.js';
import { toIsoDate } from '../../domain/format.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { cellMemberUserIds, notifyUsers, usersWithRoleOver } from '../notifications/service.js';
import { MEETING_KINDS } from './labels.js';
import { formatDateTime, markPrepStep } from './plan.js';
import { computeRoster } from './running.js';
import { type MeetingRow, visibleMeeting } from './service.js';
import { isoLocal } from './time.js';

/** Who a meeting's invitation concerns, and who chibo cannot reach (no active account). */
export async function invitationReach(
  ex: Executor,
  m: Pick<MeetingRow, 'unit_id' | 'scheduled_at' | 'kind'>,
) {
  const date = toIsoDate(new Date(m.scheduled_at));
  const roster = (await computeRoster(ex, m.unit_id, date, m.kind)).filter((r) => !r.away);
  const accounts = await ex.query<{ member_id: number; is_active: boolean }>(
    'SELECT member_id, bool_or(is_active) AS is_active FROM users WHERE member_id = ANY($1::int[]) GROUP BY member_id',
    [roster.map((r) => r.member_id)],
  );
  const active = new Set(accounts.filter((a) => a.is_active).map((a) => a.member_id));
  const inactive = new Set(accounts.filter((a) => !a.is_active).map((a) => a.member_id));
  return {
    expected: roster.length,
    people: roster.map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      category: r.category,
      reachable: active.has(r.member_id),
      reason: active.has(r.member_id)
        ? null
        : inactive.has(r.member_id)
          ? 'Tài khoản đã bị khóa'
          : 'Chưa có tài khoản chibo',
    })),
  };
}

/**
 * Sends the invitation (time, place, content) to the cell's members and the supervising member,
 * and says who it could not reach (members without an account): they get a printed invitation.
 */
export async function sendInvitations(tx: Executor, actor: Actor, id: number, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status !== 'planned') throw new AppError('MEETING_ALREADY_STARTED');
  const date = toIsoDate(new Date(m.scheduled_at));
  const notice = {
    kind: 'meeting.invitation',
    title: `Giấy mời: ${m.title}`,
    body: `${MEETING_KINDS[m.kind]} lúc ${formatDateTime(m.scheduled_at)} tại ${m.place ?? '(chưa có địa điểm)'}.${m.thematic_topic ? ` Chuyên đề: ${m.thematic_topic}.` : ''}`,
    link: `/sinh-hoat/${m.id}`,
    dedupeKey: `invite:${m.id}:${isoLocal(m.scheduled_at)}`,
  };
  const members = await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, date), notice);
  const supervisorIds = await usersWithRoleOver(tx, m.unit_path, ['supervisor']);
  const supervisors = await notifyUsers(tx, supervisorIds, notice);
  await markPrepStep(tx, actor, m.id, 'invitation_sent');
  if (supervisorIds.length > 0) await markPrepStep(tx, actor, m.id, 'supervisor_notified');
  const reach = await invitationReach(tx, m);
  const notReached = reach.people.filter((p) => !p.reachable);
  await audit(
    tx,
    actor,
    {
      action: 'meeting.invite',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { members, supervisors, expected: reach.expected, notReached: notReached.length },
    },
    ip,
  );
  return {
    members,
    supervisors,
    supervisorAccounts: supervisorIds.length,
    expected: reach.expected,
    notReached: notReached.map(({ memberId, fullName, reason }) => ({ memberId, fullName, reason })),
  };
}
