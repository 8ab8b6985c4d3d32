/** Editing a meeting's agenda before and during the meeting (HD 42: the template can be edited). */
import type { Executor } from '../../db/executor.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type MeetingRow, visibleMeeting } from './service.js';

/** A meeting the actor may run whose agenda can still change (not held, not cancelled). */
async function editableMeeting(tx: Executor, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'held') throw new AppError('MEETING_ALREADY_HELD');
  return m;
}

export interface AgendaInput {
  section: 'opening' | 'body' | 'closing';
  title: string;
  stepKey?: string | null;
}

/** Replaces the whole agenda, as long as no speech is attached to an item yet. */
export async function replaceAgenda(
  tx: Executor,
  actor: Actor,
  id: number,
  items: AgendaInput[],
  ip?: string,
) {
  const m = await editableMeeting(tx, actor, id);
  const [used] = await tx.query(
    'SELECT 1 FROM speeches s JOIN agenda_items a ON a.id = s.agenda_item_id WHERE a.meeting_id = $1 LIMIT 1',
    [m.id],
  );
  if (used) throw new AppError('CONFLICT', 'Chương trình đã có ý kiến phát biểu; hãy sửa từng mục.');
  await tx.query('DELETE FROM agenda_items WHERE meeting_id = $1', [m.id]);
  await tx.query(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title)
     SELECT $1, p, s, k, t FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(p, s, k, t)`,
    [
      m.id,
      items.map((_, i) => i + 1),
      items.map((i) => i.section),
      items.map((i) => i.stepKey ?? null),
      items.map((i) => i.title),
    ],
  );
  await audit(
    tx,
    actor,
    { action: 'meeting.agenda', entityType: 'meeting', entityId: m.id, orgUnitId: m.unit_id, after: items },
    ip,
  );
}

/** Ticks an agenda item done (or not), records the chair's conclusion, or renames it. */
export async function updateAgendaItem(
  tx: Executor,
  actor: Actor,
  id: number,
  itemId: number,
  change: { done?: boolean; conclusion?: string | null; title?: string },
  ip?: string,
) {
  const m = await editableMeeting(tx, actor, id);
  const rows = await tx.query(
    `UPDATE agenda_items SET done_at = CASE WHEN $3::bool IS NULL THEN done_at WHEN $3 THEN coalesce(done_at, now()) ELSE NULL END,
       conclusion = CASE WHEN $4::bool THEN $5 ELSE conclusion END, title = coalesce($6, title)
     WHERE id = $1 AND meeting_id = $2 RETURNING id`,
    [
      itemId,
      m.id,
      change.done ?? null,
      change.conclusion !== undefined,
      change.conclusion ?? null,
      change.title ?? null,
    ],
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Không tìm thấy mục chương trình.');
  await audit(
    tx,
    actor,
    {
      action: 'meeting.agenda_item',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { itemId, ...change },
    },
    ip,
  );
}
