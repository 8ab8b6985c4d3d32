/**
 * The parts of a plan (issue 11 part B, ADR 025): targets (bound to an indicator, or tracked by
 * hand with a value typed in), roadmap milestones and responsibilities. Each change is made on a
 * plan the actor may change (service.ts `loadPlanForChange`) and audited in the same transaction.
 */
import type { Executor } from '../../db/executor.js';
import { INDICATOR_LABELS } from '../../domain/plan-progress.js';
import type { Actor } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import type {
  ManualValueBody,
  MilestoneBody,
  MilestonePatch,
  ResponsibilityBody,
  ResponsibilityPatch,
  TargetBody,
  TargetPatch,
} from './schema.js';
import { MAX_PLAN_ITEMS } from './schema.js';
import {
  auditPlan,
  deadlineInPeriod,
  directiveFor,
  loadPlanForChange,
  type PlanRow,
  periodMessage,
  presentTarget,
  TARGET_SELECT,
  type TargetRow,
} from './service.js';

type Table = 'plan_targets' | 'plan_milestones' | 'plan_responsibilities';
const WHAT: Record<Table, string> = {
  plan_targets: 'chỉ tiêu',
  plan_milestones: 'mốc lộ trình',
  plan_responsibilities: 'phân công trách nhiệm',
};

async function assertRoom(tx: Executor, table: Table, planId: number) {
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE plan_id = $1`, [
    planId,
  ]);
  if ((n?.n ?? 0) >= MAX_PLAN_ITEMS)
    throw new AppError('VALIDATION_FAILED', `Một kế hoạch có nhiều nhất ${MAX_PLAN_ITEMS} ${WHAT[table]}.`, {
      max: MAX_PLAN_ITEMS,
    });
}

/** 404 unless the item belongs to the plan. */
async function itemOf<T>(
  tx: Executor,
  sql: string,
  planId: number,
  itemId: number,
  table: Table,
): Promise<T> {
  const [row] = await tx.query<T>(sql, [itemId, planId]);
  if (!row) throw notFound(WHAT[table]);
  return row;
}

/** A target of the plan (404 otherwise); `lock` for a change that reads it first. */
function targetOf(tx: Executor, planId: number, targetId: number, lock = false): Promise<TargetRow> {
  const sql = `${TARGET_SELECT} WHERE t.id = $1 AND t.plan_id = $2${lock ? ' FOR UPDATE' : ''}`;
  return itemOf<TargetRow>(tx, sql, planId, targetId, 'plan_targets');
}

interface TargetShape {
  indicator: TargetRow['indicator'];
  directiveId: number | null;
  threshold: number;
  deadline: string;
}

/** The rules a target's fields must meet together (the zod shapes check each field alone). */
async function checkTarget(tx: Executor, p: PlanRow, t: TargetShape) {
  if (t.indicator && t.threshold > 100)
    throw new AppError(
      'VALIDATION_FAILED',
      `Chỉ số "${INDICATOR_LABELS[t.indicator]}" là một tỷ lệ: mức chỉ tiêu phải từ 0 đến 100 (%).`,
      { field: 'threshold' },
    );
  if (!deadlineInPeriod(t.deadline, p.period_from, p.period_to))
    throw new AppError('VALIDATION_FAILED', periodMessage(p.period_from, p.period_to), { field: 'deadline' });
  if (t.indicator === 'dissemination') {
    if (!t.directiveId)
      throw new AppError(
        'VALIDATION_FAILED',
        'Chỉ tiêu quán triệt cần chọn văn bản chỉ đạo phải quán triệt (directiveId).',
        { field: 'directiveId' },
      );
    await directiveFor(tx, p.unit_path, p.unit_id, t.directiveId, 'directiveId');
  } else if (t.directiveId)
    throw new AppError('VALIDATION_FAILED', 'Chỉ chỉ tiêu quán triệt văn bản mới chọn văn bản chỉ đạo.', {
      field: 'directiveId',
    });
}

const targetAudit = (t: TargetShape & { title: string; comparator: string }) => ({
  title: t.title,
  indicator: t.indicator,
  directiveId: t.directiveId,
  comparator: t.comparator,
  threshold: t.threshold,
  deadline: t.deadline,
});

export async function createTarget(
  tx: Executor,
  actor: Actor,
  planId: number,
  body: TargetBody,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const shape = { ...body, directiveId: body.directiveId ?? null };
  await checkTarget(tx, p, shape);
  await assertRoom(tx, 'plan_targets', p.id);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO plan_targets (plan_id, position, title, indicator, directive_id, comparator, threshold, deadline)
     VALUES ($1, coalesce($2, (SELECT coalesce(max(position) + 1, 0) FROM plan_targets WHERE plan_id = $1)), $3, $4, $5, $6, $7, $8)
     RETURNING id`,
    [
      p.id,
      body.position ?? null,
      body.title,
      body.indicator,
      shape.directiveId,
      body.comparator,
      body.threshold,
      body.deadline,
    ],
  );
  await auditPlan(
    tx,
    actor,
    p,
    { action: 'plan.target_create', after: { targetId: row!.id, ...targetAudit(shape) } },
    ip,
  );
  return getTarget(tx, p.id, row!.id);
}

async function getTarget(tx: Executor, planId: number, targetId: number) {
  return presentTarget(await targetOf(tx, planId, targetId));
}

export async function updateTarget(
  tx: Executor,
  actor: Actor,
  planId: number,
  targetId: number,
  body: TargetPatch,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const t = await targetOf(tx, p.id, targetId, true);
  const indicator = body.indicator === undefined ? t.indicator : body.indicator;
  const next = {
    title: body.title ?? t.title,
    indicator,
    // A target that stops measuring a directive forgets it; one that starts must name it.
    directiveId:
      body.directiveId !== undefined
        ? body.directiveId
        : indicator === 'dissemination'
          ? t.directive_id
          : null,
    comparator: body.comparator ?? t.comparator,
    threshold: body.threshold ?? t.threshold,
    deadline: body.deadline ?? t.deadline,
    position: body.position ?? t.position,
  };
  await checkTarget(tx, p, next);
  await tx.query(
    `UPDATE plan_targets SET title = $2, indicator = $3, directive_id = $4, comparator = $5, threshold = $6, deadline = $7,
            position = $8, updated_at = now(),
            manual_value = CASE WHEN $3::text IS NULL THEN manual_value END,
            manual_note = CASE WHEN $3::text IS NULL THEN manual_note END,
            manual_updated_at = CASE WHEN $3::text IS NULL THEN manual_updated_at END,
            manual_updated_by = CASE WHEN $3::text IS NULL THEN manual_updated_by END
      WHERE id = $1`,
    [
      t.id,
      next.title,
      next.indicator,
      next.directiveId,
      next.comparator,
      next.threshold,
      next.deadline,
      next.position,
    ],
  );
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.target_update',
      after: { targetId: t.id, ...targetAudit(next) },
      before: targetAudit({ ...t, directiveId: t.directive_id }),
    },
    ip,
  );
  return getTarget(tx, p.id, t.id);
}

export async function deleteTarget(
  tx: Executor,
  actor: Actor,
  planId: number,
  targetId: number,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const t = await targetOf(tx, p.id, targetId);
  await tx.query('DELETE FROM plan_targets WHERE id = $1', [t.id]);
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.target_delete',
      after: { targetId: t.id },
      before: targetAudit({ ...t, directiveId: t.directive_id }),
    },
    ip,
  );
  return { ok: true };
}

/** The value of a target tracked by hand, with a note; a bound target's value is computed (409). */
export async function setManualValue(
  tx: Executor,
  actor: Actor,
  planId: number,
  targetId: number,
  body: ManualValueBody,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const t = await targetOf(tx, p.id, targetId, true);
  if (t.indicator)
    throw new AppError(
      'CONFLICT',
      'Chỉ tiêu này gắn với chỉ số được tính từ sổ sách của chi bộ; không nhập kết quả bằng tay.',
      { reason: 'TARGET_MEASURED' },
    );
  await tx.query(
    `UPDATE plan_targets SET manual_value = $2, manual_note = $3, manual_updated_at = now(), manual_updated_by = $4,
            updated_at = now() WHERE id = $1`,
    [t.id, body.value, body.note ?? null, actor.userId],
  );
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.target_value',
      after: { targetId: t.id, title: t.title, value: body.value, note: body.note ?? null },
      before: { value: t.manual_value, note: t.manual_note },
    },
    ip,
  );
  return getTarget(tx, p.id, t.id);
}

// Milestones -----------------------------------------------------------------------------------

interface MilestoneRow {
  id: number;
  due_on: string;
  title: string;
  done_on: string | null;
}
const MILESTONE_SELECT = `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on, title, to_char(done_on, 'YYYY-MM-DD') AS done_on
  FROM plan_milestones WHERE id = $1 AND plan_id = $2`;
const presentMilestone = (m: MilestoneRow) => ({
  id: m.id,
  dueOn: m.due_on,
  title: m.title,
  doneOn: m.done_on,
});

export async function createMilestone(
  tx: Executor,
  actor: Actor,
  planId: number,
  body: MilestoneBody,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  await assertRoom(tx, 'plan_milestones', p.id);
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO plan_milestones (plan_id, due_on, title, done_on) VALUES ($1, $2, $3, $4) RETURNING id',
    [p.id, body.dueOn, body.title, body.doneOn ?? null],
  );
  await auditPlan(
    tx,
    actor,
    p,
    { action: 'plan.milestone_create', after: { milestoneId: row!.id, ...body } },
    ip,
  );
  return presentMilestone(await itemOf<MilestoneRow>(tx, MILESTONE_SELECT, p.id, row!.id, 'plan_milestones'));
}

export async function updateMilestone(
  tx: Executor,
  actor: Actor,
  planId: number,
  id: number,
  body: MilestonePatch,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const m = await itemOf<MilestoneRow>(tx, `${MILESTONE_SELECT} FOR UPDATE`, p.id, id, 'plan_milestones');
  const next = {
    dueOn: body.dueOn ?? m.due_on,
    title: body.title ?? m.title,
    doneOn: body.doneOn === undefined ? m.done_on : body.doneOn,
  };
  await tx.query('UPDATE plan_milestones SET due_on = $2, title = $3, done_on = $4 WHERE id = $1', [
    m.id,
    next.dueOn,
    next.title,
    next.doneOn,
  ]);
  await auditPlan(
    tx,
    actor,
    p,
    { action: 'plan.milestone_update', after: { milestoneId: m.id, ...next }, before: presentMilestone(m) },
    ip,
  );
  return presentMilestone(await itemOf<MilestoneRow>(tx, MILESTONE_SELECT, p.id, m.id, 'plan_milestones'));
}

export async function deleteMilestone(tx: Executor, actor: Actor, planId: number, id: number, ip?: string) {
  const p = await loadPlanForChange(tx, actor, planId);
  const m = await itemOf<MilestoneRow>(tx, MILESTONE_SELECT, p.id, id, 'plan_milestones');
  await tx.query('DELETE FROM plan_milestones WHERE id = $1', [m.id]);
  await auditPlan(
    tx,
    actor,
    p,
    { action: 'plan.milestone_delete', after: { milestoneId: m.id }, before: presentMilestone(m) },
    ip,
  );
  return { ok: true };
}

// Responsibilities -----------------------------------------------------------------------------

interface ResponsibilityRow {
  id: number;
  who: string;
  unit_id: number | null;
  unit_name: string | null;
  what: string;
}
const RESPONSIBILITY_SELECT = `SELECT r.id, r.who, r.unit_id, u.name AS unit_name, r.what
  FROM plan_responsibilities r LEFT JOIN org_units u ON u.id = r.unit_id WHERE r.id = $1 AND r.plan_id = $2`;
const presentResponsibility = (r: ResponsibilityRow) => ({
  id: r.id,
  who: r.who,
  unitId: r.unit_id,
  unitName: r.unit_name,
  what: r.what,
});

/** A responsible unit is one of the plan unit's subtree (itself included), else 400 on the field. */
async function checkUnit(tx: Executor, p: PlanRow, unitId: number | null | undefined) {
  if (!unitId) return;
  const [u] = await tx.query<{ id: number }>(
    'SELECT id FROM org_units WHERE id = $1 AND path LIKE $2 AND archived_at IS NULL',
    [unitId, `${p.unit_path}%`],
  );
  if (!u)
    throw new AppError('VALIDATION_FAILED', 'Đơn vị được phân công phải là đơn vị trực thuộc của kế hoạch.', {
      field: 'unitId',
    });
}

export async function createResponsibility(
  tx: Executor,
  actor: Actor,
  planId: number,
  body: ResponsibilityBody,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  await checkUnit(tx, p, body.unitId);
  await assertRoom(tx, 'plan_responsibilities', p.id);
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO plan_responsibilities (plan_id, who, unit_id, what) VALUES ($1, $2, $3, $4) RETURNING id',
    [p.id, body.who, body.unitId ?? null, body.what],
  );
  await auditPlan(
    tx,
    actor,
    p,
    { action: 'plan.responsibility_create', after: { responsibilityId: row!.id, ...body } },
    ip,
  );
  return presentResponsibility(
    await itemOf<ResponsibilityRow>(tx, RESPONSIBILITY_SELECT, p.id, row!.id, 'plan_responsibilities'),
  );
}

export async function updateResponsibility(
  tx: Executor,
  actor: Actor,
  planId: number,
  id: number,
  body: ResponsibilityPatch,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const r = await itemOf<ResponsibilityRow>(tx, RESPONSIBILITY_SELECT, p.id, id, 'plan_responsibilities');
  await checkUnit(tx, p, body.unitId);
  const next = {
    who: body.who ?? r.who,
    unitId: body.unitId === undefined ? r.unit_id : body.unitId,
    what: body.what ?? r.what,
  };
  await tx.query('UPDATE plan_responsibilities SET who = $2, unit_id = $3, what = $4 WHERE id = $1', [
    r.id,
    next.who,
    next.unitId,
    next.what,
  ]);
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.responsibility_update',
      after: { responsibilityId: r.id, ...next },
      before: presentResponsibility(r),
    },
    ip,
  );
  return presentResponsibility(
    await itemOf<ResponsibilityRow>(tx, RESPONSIBILITY_SELECT, p.id, r.id, 'plan_responsibilities'),
  );
}

export async function deleteResponsibility(
  tx: Executor,
  actor: Actor,
  planId: number,
  id: number,
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, planId);
  const r = await itemOf<ResponsibilityRow>(tx, RESPONSIBILITY_SELECT, p.id, id, 'plan_responsibilities');
  await tx.query('DELETE FROM plan_responsibilities WHERE id = $1', [r.id]);
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.responsibility_delete',
      after: { responsibilityId: r.id },
      before: presentResponsibility(r),
    },
    ip,
  );
  return { ok: true };
}
