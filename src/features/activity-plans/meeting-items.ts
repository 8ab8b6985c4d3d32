/**
 * The programme at the cell's meetings (ADR 025 part C): the month's items of the approved (or
 * submitted) programme go into the agenda of a regular or combined meeting (ensureAgenda calls
 * `insertPlanAgendaItems`), the meeting page lists them, and the secretary marks one covered.
 * An agenda item `plan_item:<id>` ticked done at a held meeting counts as covered by itself
 * (status.ts reads it); the mark here is for an item dealt with outside the agenda's rows.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { type MeetingRow, visibleMeeting } from '../meetings/service.js';
import { localMonth } from '../meetings/time.js';
import { ITEM_KINDS, ITEM_STATUSES, type ItemKind, PLAN_STATUSES, type PlanStatus } from './schema.js';
import { cellStatuses } from './status.js';

/** Meetings whose agenda takes the month's items. */
const AGENDA_KINDS = ['regular', 'combined'];
export const PLAN_ITEM_PREFIX = 'plan_item:';
export const agendaTitle = (title: string) => `Triển khai nhiệm vụ trọng tâm: ${title}`;

/**
 * Inserts the month's key tasks (not yet covered) of the cell's approved or submitted programme
 * into a meeting's fresh agenda, before the next month's tasks (or the closing), in one statement
 * set. Called once from ensureAgenda, right after the template is written.
 */
export async function insertPlanAgendaItems(tx: Executor, meetingId: number, scheduledAt: Date | string) {
  const month = localMonth(new Date(scheduledAt));
  const rows = await tx.query<{ id: number; title: string }>(
    `SELECT i.id, i.title FROM meetings m
       JOIN activity_plans p ON p.unit_id = m.unit_id AND p.year = $2 AND p.status IN ('approved', 'submitted')
       JOIN activity_plan_items i ON i.plan_id = p.id AND i.month = $3 AND i.kind = 'key_task' AND i.covered_meeting_id IS NULL
      WHERE m.id = $1 AND m.kind = ANY($4::text[])
      ORDER BY i.position, i.id`,
    [meetingId, Number(month.slice(0, 4)), Number(month.slice(5, 7)), AGENDA_KINDS],
  );
  if (rows.length === 0) return;
  const [at] = await tx.query<{ pos: number | null; last: number }>(
    `SELECT min(position) FILTER (WHERE step_key = 'next_tasks' OR section = 'closing') AS pos,
            coalesce(max(position), 0) AS last
       FROM agenda_items WHERE meeting_id = $1`,
    [meetingId],
  );
  const from = at?.pos ?? (at?.last ?? 0) + 1;
  await tx.query(
    'UPDATE agenda_items SET position = position + $3 WHERE meeting_id = $1 AND position >= $2',
    [meetingId, from, rows.length],
  );
  await tx.query(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title)
     SELECT $1, $2 + x.n - 1, 'body', $3 || x.id, x.title
       FROM unnest($4::int[], $5::text[]) WITH ORDINALITY AS x(id, title, n)`,
    [meetingId, from, PLAN_ITEM_PREFIX, rows.map((r) => r.id), rows.map((r) => agendaTitle(r.title))],
  );
}

interface MonthItem {
  id: number;
  month: number;
  kind: ItemKind;
  title: string;
  responsible: string | null;
  responsible_name: string | null;
  covered_meeting_id: number | null;
  agenda_item_id: number | null;
  agenda_done: boolean;
}

/** The meeting's month items of the cell's approved (or submitted) programme. */
export async function meetingPlanItems(ex: Executor, actor: Actor, meetingId: number, today = todayIso()) {
  const m = await visibleMeeting(ex, actor, meetingId);
  const month = localMonth(new Date(m.scheduled_at));
  const year = Number(month.slice(0, 4));
  const [plan] = await ex.query<{ id: number; status: PlanStatus }>(
    `SELECT id, status FROM activity_plans WHERE unit_id = $1 AND year = $2 AND status IN ('approved', 'submitted')`,
    [m.unit_id, year],
  );
  const items = plan
    ? await ex.query<MonthItem>(
        `SELECT i.id, i.month, i.kind, i.title, i.responsible, mb.full_name AS responsible_name, i.covered_meeting_id,
                a.id AS agenda_item_id, (a.done_at IS NOT NULL) AS agenda_done
           FROM activity_plan_items i
           LEFT JOIN members mb ON mb.id = i.responsible_member_id
           LEFT JOIN agenda_items a ON a.meeting_id = $3 AND a.step_key LIKE 'plan_item:%' AND a.step_key = $4 || i.id
          WHERE i.plan_id = $1 AND i.month = $2 ORDER BY i.position, i.id`,
        [plan.id, Number(month.slice(5, 7)), m.id, PLAN_ITEM_PREFIX],
      )
    : [];
  const statuses = plan ? await cellStatuses(ex, m.unit_id, year, today) : null;
  return {
    meetingId: m.id,
    month,
    plan: plan ? { id: plan.id, status: plan.status, statusLabel: PLAN_STATUSES[plan.status], year } : null,
    items: items.map((i) => {
      const s = statuses?.items.get(i.id) ?? 'not_due';
      return {
        id: i.id,
        kind: i.kind,
        kindLabel: ITEM_KINDS[i.kind],
        title: i.title,
        responsible: i.responsible_name ?? i.responsible,
        coveredHere: i.covered_meeting_id === m.id || i.agenda_done,
        coveredMeetingId: i.covered_meeting_id,
        agendaItemId: i.agenda_item_id,
        status: s,
        statusLabel: ITEM_STATUSES[s],
      };
    }),
    total: items.length,
  };
}

async function coverableMeeting(tx: Executor, actor: Actor, meetingId: number): Promise<MeetingRow> {
  const m = await visibleMeeting(tx, actor, meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'planned') throw new AppError('MEETING_NOT_STARTED');
  return m;
}

/** Marks an item of the cell's programme covered at this meeting (or clears this meeting's mark). */
export async function coverItem(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  itemId: number,
  covered: boolean,
  ip?: string,
) {
  const m = await coverableMeeting(tx, actor, meetingId);
  const [item] = await tx.query<{ id: number; covered_meeting_id: number | null }>(
    `SELECT i.id, i.covered_meeting_id FROM activity_plan_items i JOIN activity_plans p ON p.id = i.plan_id
      WHERE i.id = $1 AND p.unit_id = $2 AND p.status IN ('approved', 'submitted') FOR UPDATE OF i`,
    [itemId, m.unit_id],
  );
  if (!item) throw notFound('mục chương trình');
  if (covered) {
    await tx.query(
      'UPDATE activity_plan_items SET covered_meeting_id = $2, covered_at = now(), covered_by = $3 WHERE id = $1',
      [item.id, m.id, actor.userId],
    );
  } else if (item.covered_meeting_id === m.id) {
    await tx.query(
      'UPDATE activity_plan_items SET covered_meeting_id = NULL, covered_at = NULL, covered_by = NULL WHERE id = $1',
      [item.id],
    );
  }
  await audit(
    tx,
    actor,
    {
      action: 'activity_plan.item_cover',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: { coveredMeetingId: item.covered_meeting_id },
      after: { itemId: item.id, covered },
    },
    ip,
  );
}
