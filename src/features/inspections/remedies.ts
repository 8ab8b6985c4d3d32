/**
 * Remedies (yêu cầu khắc phục) of an inspection's conclusion (ADR 025 part D): the committee
 * lists them before the issue; after it the inspected unit answers each one (`inspection.answer`
 * at the unit), and the committee closes it or returns it with a reason. Every answer is kept in
 * `inspection_remedy_answers` with what became of it, so a returned answer is not lost.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { type Actor, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { notifyUsers } from '../notifications/service.js';
import type { RemedyInput } from './schema.js';
import { checkRemedyDates, getInspection, loadInspection, lockedError, remedyView } from './service.js';

interface LoadedRemedy {
  id: number;
  inspection_id: number;
  position: number;
  content: string;
  due_on: string;
  answer: string | null;
  answered_at: Date | null;
  closed_at: Date | null;
}

export async function addRemedy(
  db: Executor,
  actor: Actor,
  inspectionId: number,
  body: RemedyInput,
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const { row } = await loadInspection(tx, actor, inspectionId, 'manage', true);
    if (row.issued_at) throw lockedError();
    checkRemedyDates([body], row.planned_month);
    const [r] = await tx.query<{ id: number }>(
      `INSERT INTO inspection_remedies (inspection_id, position, content, due_on)
       SELECT $1, coalesce(max(position), 0) + 1, $2, $3 FROM inspection_remedies WHERE inspection_id = $1
       RETURNING id`,
      [row.id, body.content, body.dueOn],
    );
    await audit(
      tx,
      actor,
      {
        action: 'inspection.remedy.add',
        entityType: 'inspection_remedy',
        entityId: r!.id,
        orgUnitId: row.unit_id,
        after: { inspectionId: row.id, ...body },
      },
      ip,
    );
    return getInspection(tx, actor, row.id);
  });
}

/** A remedy of an issued inspection the actor may see (a remedy of a draft does not exist for the cell). */
async function loadRemedy(tx: Executor, actor: Actor, remedyId: number) {
  const [r] = await tx.query<LoadedRemedy>(
    `SELECT id, inspection_id, position, content, due_on::text AS due_on, answer, answered_at, closed_at
       FROM inspection_remedies WHERE id = $1 FOR UPDATE`,
    [remedyId],
  );
  if (!r) throw notFound('yêu cầu khắc phục');
  const loaded = await loadInspection(tx, actor, r.inspection_id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound('yêu cầu khắc phục');
    throw e;
  });
  if (!loaded.row.issued_at) {
    if (!loaded.manager) throw notFound('yêu cầu khắc phục');
    throw new AppError('CONFLICT', 'Kết luận chưa ban hành: chưa thể báo cáo hay đóng yêu cầu khắc phục.', {
      reason: 'INSPECTION_NOT_ISSUED',
    });
  }
  if (r.closed_at)
    throw new AppError('CONFLICT', 'Yêu cầu khắc phục này đã được cấp ủy xác nhận hoàn thành và đóng lại.', {
      reason: 'REMEDY_CLOSED',
    });
  return { remedy: r, ...loaded };
}

export async function answerRemedy(
  db: Executor,
  actor: Actor,
  remedyId: number,
  answer: string,
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const { remedy, row } = await loadRemedy(tx, actor, remedyId);
    if (!can(actor, 'inspection.answer', row.unit_path)) throw new AppError('FORBIDDEN');
    await tx.query(
      'UPDATE inspection_remedies SET answer = $2, answered_at = now(), answered_by = $3, updated_at = now() WHERE id = $1',
      [remedy.id, answer, actor.userId],
    );
    // One pending answer per remedy: a second answer before the committee decides replaces it.
    const pending = await tx.query(
      `UPDATE inspection_remedy_answers SET answer = $2, answered_by = $3, answered_at = now()
        WHERE remedy_id = $1 AND outcome IS NULL RETURNING id`,
      [remedy.id, answer, actor.userId],
    );
    if (pending.length === 0)
      await tx.query(
        'INSERT INTO inspection_remedy_answers (remedy_id, answer, answered_by) VALUES ($1, $2, $3)',
        [remedy.id, answer, actor.userId],
      );
    if (row.issued_by)
      await notifyUsers(tx, [row.issued_by], {
        kind: 'inspection.answered',
        title: `${row.unit_name} báo cáo khắc phục: ${remedy.content.slice(0, 80)}`,
        body: answer.slice(0, 300),
        link: `/kiem-tra/${row.id}`,
      });
    await audit(
      tx,
      actor,
      {
        action: 'inspection.remedy.answer',
        entityType: 'inspection_remedy',
        entityId: remedy.id,
        orgUnitId: row.unit_id,
        before: remedy.answer ? { answer: remedy.answer } : undefined,
        after: { inspectionId: row.id, answer },
      },
      ip,
    );
    return remedyAfter(tx, remedy.id);
  });
}

async function remedyAfter(tx: Executor, id: number) {
  const [r] = await tx.query<LoadedRemedy>(
    `SELECT id, inspection_id, position, content, due_on::text AS due_on, answer, answered_at, closed_at
       FROM inspection_remedies WHERE id = $1`,
    [id],
  );
  return remedyView(r!, true, todayIso());
}

export async function decideRemedy(
  db: Executor,
  actor: Actor,
  remedyId: number,
  decision: { outcome: 'closed' } | { outcome: 'returned'; comment: string },
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const { remedy, row, manager } = await loadRemedy(tx, actor, remedyId);
    if (!manager) throw new AppError('FORBIDDEN');
    if (!remedy.answered_at)
      throw new AppError('CONFLICT', 'Chi bộ chưa báo cáo khắc phục yêu cầu này.', {
        reason: 'REMEDY_NOT_ANSWERED',
      });
    const comment = decision.outcome === 'returned' ? decision.comment : null;
    await tx.query(
      `UPDATE inspection_remedy_answers SET outcome = $2, comment = $3, decided_by = $4, decided_at = now()
        WHERE remedy_id = $1 AND outcome IS NULL`,
      [remedy.id, decision.outcome, comment, actor.userId],
    );
    if (decision.outcome === 'closed') {
      await tx.query(
        'UPDATE inspection_remedies SET closed_at = now(), closed_by = $2, updated_at = now() WHERE id = $1',
        [remedy.id, actor.userId],
      );
    } else {
      await tx.query(
        `UPDATE inspection_remedies SET answer = NULL, answered_at = NULL, answered_by = NULL, updated_at = now()
          WHERE id = $1`,
        [remedy.id],
      );
      const secretaries = await tx.query<{ user_id: number }>(
        `SELECT DISTINCT g.user_id FROM role_grants g JOIN users us ON us.id = g.user_id
          WHERE us.is_active AND g.role = 'cell_secretary' AND g.org_unit_id = $1
            AND (g.valid_to IS NULL OR g.valid_to > CURRENT_DATE)`,
        [row.unit_id],
      );
      await notifyUsers(
        tx,
        secretaries.map((s) => s.user_id),
        {
          kind: 'inspection.returned',
          title: `${row.plan_unit_name} trả lại báo cáo khắc phục: ${remedy.content.slice(0, 80)}`,
          body: decision.comment.slice(0, 300),
          link: `/kiem-tra/${row.id}`,
        },
      );
    }
    await audit(
      tx,
      actor,
      {
        action: decision.outcome === 'closed' ? 'inspection.remedy.close' : 'inspection.remedy.return',
        entityType: 'inspection_remedy',
        entityId: remedy.id,
        orgUnitId: row.unit_id,
        before: { answer: remedy.answer },
        after: { inspectionId: row.id, outcome: decision.outcome, comment },
      },
      ip,
    );
    return remedyAfter(tx, remedy.id);
  });
}
