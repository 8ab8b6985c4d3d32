/**
 * Implementation plans (kế hoạch thực hiện; issue 11 part B, ADR 025): a committee's plan for a
 * directive or a project — goals, targets, roadmap milestones, responsibilities — drafted, then
 * activated (published to the subtree: its cells read it), then closed.
 *
 * Who sees what: `unit.read` at the plan's unit reads every plan of it, drafts included; an actor
 * whose grant lies inside the plan's subtree (a cell's secretary or member) reads it once it is
 * no longer a draft. Anything else is 404 as if absent. Writing takes `plan.manage` at the plan's
 * unit (403 for a reader); a closed plan is read-only (409).
 */
import type { Executor } from '../../db/executor.js';
import { INDICATOR_LABELS, type IndicatorKey, monthEnd } from '../../domain/plan-progress.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { isCellKind } from '../org/labels.js';
import type { UnitRow } from '../org/service.js';
import {
  type CreatePlanBody,
  MAX_PLAN_MONTHS,
  monthsBetween,
  PLAN_STATUS_LABELS,
  type PlanListQuery,
  type PlanStatus,
  type UpdatePlanBody,
} from './schema.js';

export interface PlanRow {
  id: number;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  unit_kind: string;
  title: string;
  directive_id: number | null;
  goals: string;
  period_from: string;
  period_to: string;
  status: PlanStatus;
  activated_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

const PLAN_SELECT = `SELECT p.id, p.unit_id, u.path AS unit_path, u.name AS unit_name, u.kind AS unit_kind, p.title,
       p.directive_id, p.goals, p.period_from, p.period_to, p.status, p.activated_at, p.closed_at, p.created_at
  FROM plans p JOIN org_units u ON u.id = p.unit_id`;

/** Whether the actor may read the plan (the rule of the module comment). */
export function mayRead(actor: Actor, plan: Pick<PlanRow, 'unit_path' | 'status'>): boolean {
  if (can(actor, 'unit.read', plan.unit_path)) return true;
  return plan.status !== 'draft' && actor.grants.some((g) => g.path.startsWith(plan.unit_path));
}

/** Loads a plan the actor may read (404 otherwise); `lock` takes a row lock for a change. */
export async function loadPlan(ex: Executor, actor: Actor, id: number, lock = false): Promise<PlanRow> {
  const [p] = await ex.query<PlanRow>(`${PLAN_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [
    id,
  ]);
  if (!p || !mayRead(actor, p)) throw notFound('kế hoạch');
  return p;
}

/** Loads a plan the actor may change: plan.manage at its unit (403 for a reader), not closed (409). */
export async function loadPlanForChange(ex: Executor, actor: Actor, id: number): Promise<PlanRow> {
  const p = await loadPlan(ex, actor, id, true);
  if (!can(actor, 'plan.manage', p.unit_path)) throw new AppError('FORBIDDEN');
  if (p.status === 'closed')
    throw new AppError('CONFLICT', 'Kế hoạch đã kết thúc, không sửa được nữa.', { reason: 'PLAN_CLOSED' });
  return p;
}

/** A directive the plan may implement or a target may measure: the unit's own or an ancestor's, not withdrawn. */
export async function directiveFor(
  ex: Executor,
  unitPath: string,
  unitId: number,
  directiveId: number,
  field: string,
): Promise<{ id: number; number: string; title: string }> {
  const [d] = await ex.query<{ id: number; number: string; title: string }>(
    `SELECT d.id, d.number, d.title FROM directives d JOIN org_units u ON u.id = d.unit_id
      WHERE d.id = $1 AND $2 LIKE u.path || '%' AND d.status <> 'withdrawn'
        AND (d.status = 'published' OR d.unit_id = $3)`,
    [directiveId, unitPath, unitId],
  );
  if (!d)
    throw new AppError(
      'VALIDATION_FAILED',
      'Văn bản chỉ đạo không có trong thư viện văn bản của đơn vị (của đơn vị hoặc cấp trên, chưa thu hồi).',
      { field },
    );
  return d;
}

export interface TargetView {
  id: number;
  position: number;
  title: string;
  indicator: IndicatorKey | null;
  indicatorLabel: string;
  directiveId: number | null;
  comparator: 'gte' | 'lte';
  threshold: number;
  deadline: string;
  manualValue: number | null;
  manualNote: string | null;
  manualUpdatedAt: string | null;
}

export interface TargetRow {
  id: number;
  plan_id: number;
  position: number;
  title: string;
  indicator: IndicatorKey | null;
  directive_id: number | null;
  comparator: 'gte' | 'lte';
  threshold: number;
  deadline: string;
  manual_value: number | null;
  manual_note: string | null;
  manual_updated_at: Date | null;
}

export const TARGET_SELECT = `SELECT t.id, t.plan_id, t.position, t.title, t.indicator, t.directive_id, t.comparator,
       t.threshold::float8 AS threshold, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
       t.manual_value::float8 AS manual_value, t.manual_note, t.manual_updated_at
  FROM plan_targets t`;

export function presentTarget(t: TargetRow): TargetView {
  return {
    id: t.id,
    position: t.position,
    title: t.title,
    indicator: t.indicator,
    indicatorLabel: t.indicator ? INDICATOR_LABELS[t.indicator] : 'Theo dõi thủ công',
    directiveId: t.directive_id,
    comparator: t.comparator,
    threshold: t.threshold,
    deadline: t.deadline,
    manualValue: t.manual_value,
    manualNote: t.manual_note,
    manualUpdatedAt: t.manual_updated_at ? new Date(t.manual_updated_at).toISOString() : null,
  };
}

export async function targetsOf(ex: Executor, planIds: readonly number[]): Promise<TargetRow[]> {
  if (planIds.length === 0) return [];
  return ex.query<TargetRow>(
    `${TARGET_SELECT} WHERE t.plan_id = ANY($1::int[]) ORDER BY t.plan_id, t.position, t.id`,
    [[...planIds]],
  );
}

async function detail(ex: Executor, actor: Actor, p: PlanRow) {
  const [directive, targets, milestones, responsibilities] = await Promise.all([
    p.directive_id
      ? ex
          .query<{ id: number; number: string; title: string }>(
            'SELECT id, number, title FROM directives WHERE id = $1',
            [p.directive_id],
          )
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    targetsOf(ex, [p.id]),
    ex.query<{ id: number; due_on: string; title: string; done_on: string | null }>(
      `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on, title, to_char(done_on, 'YYYY-MM-DD') AS done_on
         FROM plan_milestones WHERE plan_id = $1 ORDER BY due_on, id`,
      [p.id],
    ),
    ex.query<{ id: number; who: string; unit_id: number | null; unit_name: string | null; what: string }>(
      `SELECT r.id, r.who, r.unit_id, u.name AS unit_name, r.what
         FROM plan_responsibilities r LEFT JOIN org_units u ON u.id = r.unit_id
        WHERE r.plan_id = $1 ORDER BY r.id`,
      [p.id],
    ),
  ]);
  return {
    ...summary(p),
    goals: p.goals,
    directive,
    canManage: can(actor, 'plan.manage', p.unit_path) && p.status !== 'closed',
    targets: targets.map(presentTarget),
    milestones: milestones.map((m) => ({ id: m.id, dueOn: m.due_on, title: m.title, doneOn: m.done_on })),
    responsibilities: responsibilities.map((r) => ({
      id: r.id,
      who: r.who,
      unitId: r.unit_id,
      unitName: r.unit_name,
      what: r.what,
    })),
  };
}
export type PlanDetail = Awaited<ReturnType<typeof detail>>;

function summary(p: PlanRow) {
  return {
    id: p.id,
    unit: { id: p.unit_id, name: p.unit_name },
    title: p.title,
    directiveId: p.directive_id,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    status: p.status,
    statusLabel: PLAN_STATUS_LABELS[p.status],
    activatedAt: p.activated_at ? new Date(p.activated_at).toISOString() : null,
    closedAt: p.closed_at ? new Date(p.closed_at).toISOString() : null,
  };
}

export async function getPlan(ex: Executor, actor: Actor, id: number): Promise<PlanDetail> {
  return detail(ex, actor, await loadPlan(ex, actor, id));
}

/**
 * `GET /api/org-units/{id}/plans`: the unit's own plans (drafts too, for readers of the unit) and,
 * for a cell, the active plans of its ancestors; newest period first. Two indexed reads.
 */
export async function listPlans(ex: Executor, actor: Actor, unit: UnitRow, q: PlanListQuery) {
  const ancestors = isCellKind(unit.kind)
    ? unit.path.split('/').filter(Boolean).slice(0, -1).map(Number)
    : [];
  const rows = await ex.query<PlanRow & { total: number; targets: number }>(
    `${PLAN_SELECT.replace('SELECT p.id', 'SELECT count(*) OVER ()::int AS total, (SELECT count(*)::int FROM plan_targets t WHERE t.plan_id = p.id) AS targets, p.id')}
      WHERE (p.unit_id = $1 OR (p.unit_id = ANY($2::int[]) AND p.status = 'active'))
        AND ($3::text IS NULL OR p.status = $3)
      ORDER BY p.period_from DESC, p.id DESC
      LIMIT $4 OFFSET $5`,
    [unit.id, ancestors, q.status ?? null, q.limit, q.offset],
  );
  const total =
    rows[0]?.total ??
    (q.offset > 0
      ? ((
          await ex.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM plans p WHERE (p.unit_id = $1 OR (p.unit_id = ANY($2::int[]) AND p.status = 'active'))
               AND ($3::text IS NULL OR p.status = $3)`,
            [unit.id, ancestors, q.status ?? null],
          )
        )[0]?.n ?? 0)
      : 0);
  return {
    items: rows
      .filter((r) => mayRead(actor, r))
      .map((r) => ({ ...summary(r), targets: r.targets, own: r.unit_id === unit.id })),
    total,
  };
}

/** The audit row of a change to a plan or one of its parts (entity `plan`, the plan's unit). */
export function auditPlan(
  tx: Executor,
  actor: Actor,
  p: { id: number; unit_id: number },
  entry: { action: string; after: unknown; before?: unknown },
  ip?: string,
) {
  return audit(tx, actor, { ...entry, entityType: 'plan', entityId: p.id, orgUnitId: p.unit_id }, ip);
}

export async function createPlan(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  body: CreatePlanBody,
  ip?: string,
) {
  authorize(actor, 'plan.manage', unit.path);
  if (unit.archived_at) throw new AppError('UNIT_ARCHIVED');
  if (body.directiveId) await directiveFor(tx, unit.path, unit.id, body.directiveId, 'directiveId');
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO plans (unit_id, title, directive_id, goals, period_from, period_to, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      unit.id,
      body.title,
      body.directiveId ?? null,
      body.goals ?? '',
      body.periodFrom,
      body.periodTo,
      actor.userId,
    ],
  );
  const id = row!.id;
  await auditPlan(
    tx,
    actor,
    { id, unit_id: unit.id },
    {
      action: 'plan.create',
      after: {
        title: body.title,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        directiveId: body.directiveId ?? null,
      },
    },
    ip,
  );
  return getPlan(tx, actor, id);
}

/** The targets' deadlines must lie within the period (first day of `from` … last day of `to`). */
export function deadlineInPeriod(deadline: string, from: string, to: string): boolean {
  return deadline >= `${from}-01` && deadline <= monthEnd(to);
}

export function periodMessage(from: string, to: string): string {
  const [fy, fm] = from.split('-');
  const [ty, tm] = to.split('-');
  return `Hạn chỉ tiêu phải trong thời gian của kế hoạch (từ 01/${fm}/${fy} đến ${monthEnd(to).slice(8)}/${tm}/${ty}).`;
}

export async function updatePlan(tx: Executor, actor: Actor, id: number, body: UpdatePlanBody, ip?: string) {
  const p = await loadPlanForChange(tx, actor, id);
  const from = body.periodFrom ?? p.period_from;
  const to = body.periodTo ?? p.period_to;
  if (from > to)
    throw new AppError('VALIDATION_FAILED', 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.', {
      field: 'periodTo',
    });
  if (monthsBetween(from, to) > MAX_PLAN_MONTHS)
    throw new AppError('VALIDATION_FAILED', `Kế hoạch dài nhất ${MAX_PLAN_MONTHS} tháng.`, {
      field: 'periodTo',
    });
  if (body.directiveId) await directiveFor(tx, p.unit_path, p.unit_id, body.directiveId, 'directiveId');
  if (from !== p.period_from || to !== p.period_to) {
    const [out] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plan_targets WHERE plan_id = $1 AND (deadline < $2::date OR deadline > $3::date)`,
      [id, `${from}-01`, monthEnd(to)],
    );
    if ((out?.n ?? 0) > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `Có ${out!.n} chỉ tiêu có hạn nằm ngoài thời gian mới của kế hoạch; hãy sửa hạn các chỉ tiêu trước.`,
        { field: 'periodFrom' },
      );
  }
  const next = {
    title: body.title ?? p.title,
    directiveId: body.directiveId === undefined ? p.directive_id : body.directiveId,
    goals: body.goals === undefined ? p.goals : (body.goals ?? ''),
    periodFrom: from,
    periodTo: to,
  };
  await tx.query(
    `UPDATE plans SET title = $2, directive_id = $3, goals = $4, period_from = $5, period_to = $6, updated_at = now()
      WHERE id = $1`,
    [id, next.title, next.directiveId, next.goals, next.periodFrom, next.periodTo],
  );
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: 'plan.update',
      after: next,
      before: {
        title: p.title,
        directiveId: p.directive_id,
        goals: p.goals,
        periodFrom: p.period_from,
        periodTo: p.period_to,
      },
    },
    ip,
  );
  return getPlan(tx, actor, id);
}

/** Draft → active (needs a target), active → closed. */
export async function changeStatus(
  tx: Executor,
  actor: Actor,
  id: number,
  to: 'active' | 'closed',
  ip?: string,
) {
  const p = await loadPlanForChange(tx, actor, id);
  if (to === 'active') {
    if (p.status !== 'draft')
      throw new AppError('CONFLICT', 'Kế hoạch đã được ban hành.', { reason: 'PLAN_NOT_DRAFT' });
    const [n] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_targets WHERE plan_id = $1',
      [id],
    );
    if ((n?.n ?? 0) === 0)
      throw new AppError('CONFLICT', 'Kế hoạch cần ít nhất một chỉ tiêu trước khi ban hành.', {
        reason: 'PLAN_WITHOUT_TARGETS',
      });
    await tx.query(
      `UPDATE plans SET status = 'active', activated_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  } else {
    if (p.status !== 'active')
      throw new AppError('CONFLICT', 'Chỉ kết thúc được kế hoạch đang thực hiện.', {
        reason: 'PLAN_NOT_ACTIVE',
      });
    await tx.query(
      `UPDATE plans SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }
  await auditPlan(
    tx,
    actor,
    p,
    {
      action: to === 'active' ? 'plan.activate' : 'plan.close',
      after: { title: p.title, status: to },
      before: { status: p.status },
    },
    ip,
  );
  return getPlan(tx, actor, id);
}
