import type { Executor } from '../../db/executor.js';
import { formatDate, todayIso } from '../../domain/format.js';
import { type Actor, authorize, can, scopePrefixes } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { visibleUnit } from '../org/service.js';
import type {
  InspectionBody,
  InspectionKind,
  InspectionStatus,
  ListQuery,
  PatchInspectionBody,
  PlanBody,
  RemedyInput,
} from './schema.js';

export interface TeamMember {
  name: string;
  role: 'truong_doan' | 'thanh_vien';
}

export interface InspectionRow {
  id: number;
  plan_id: number;
  unit_id: number;
  kind: InspectionKind;
  content: string;
  planned_month: string;
  team: TeamMember[];
  status: InspectionStatus;
  strengths: string | null;
  limitations: string | null;
  shortcomings: string | null;
  conclusion: string | null;
  conclusion_no: string | null;
  concluded_on: string | null;
  content_hash: string | null;
  issued_at: Date | null;
  issued_by: number | null;
  unit_name: string;
  unit_path: string;
  plan_unit_id: number;
  plan_year: number;
  plan_title: string;
  plan_status: 'draft' | 'approved';
  plan_path: string;
  plan_unit_name: string;
  plan_unit_kind: string;
  superior_name: string | null;
  superior_kind: string | null;
}

export interface RemedyRow {
  id: number;
  inspection_id: number;
  position: number;
  content: string;
  due_on: string;
  answer: string | null;
  answered_at: Date | null;
  closed_at: Date | null;
}

export interface LoadedInspection {
  row: InspectionRow;
  /** The actor holds `inspection.manage` at the plan's committee. */
  manager: boolean;
}

const INSPECTION_SELECT = `
  SELECT i.id, i.plan_id, i.unit_id, i.kind, i.content, i.planned_month, i.team, i.status,
         i.strengths, i.limitations, i.shortcomings, i.conclusion, i.conclusion_no,
         i.concluded_on::text AS concluded_on, i.content_hash, i.issued_at, i.issued_by,
         u.name AS unit_name, u.path AS unit_path,
         p.unit_id AS plan_unit_id, p.year AS plan_year, p.title AS plan_title, p.status AS plan_status,
         pu.path AS plan_path, pu.name AS plan_unit_name, pu.kind AS plan_unit_kind,
         sup.name AS superior_name, sup.kind AS superior_kind
    FROM inspections i
    JOIN org_units u ON u.id = i.unit_id
    JOIN inspection_plans p ON p.id = i.plan_id
    JOIN org_units pu ON pu.id = p.unit_id
    LEFT JOIN org_units sup ON sup.id = pu.parent_id`;

export const lockedError = () =>
  new AppError(
    'CONFLICT',
    'Kết luận kiểm tra, giám sát đã ban hành và được khóa; muốn điều chỉnh phải có kết luận mới.',
    { reason: 'INSPECTION_LOCKED' },
  );

const invalid = (message: string, field: string) => new AppError('VALIDATION_FAILED', message, { field });

/** Loads an inspection the actor may see; `need` adds the capability the action requires. */
export async function loadInspection(
  ex: Executor,
  actor: Actor,
  id: number,
  need: 'read' | 'manage' = 'read',
  forUpdate = false,
): Promise<LoadedInspection> {
  const [row] = await ex.query<InspectionRow>(
    `${INSPECTION_SELECT} WHERE i.id = $1${forUpdate ? ' FOR UPDATE OF i' : ''}`,
    [id],
  );
  if (!row) throw notFound('cuộc kiểm tra, giám sát');
  const manager = can(actor, 'inspection.manage', row.plan_path);
  const visible =
    manager ||
    (can(actor, 'inspection.read', row.unit_path) &&
      (row.issued_at !== null || row.plan_status === 'approved'));
  if (!visible) throw notFound('cuộc kiểm tra, giám sát');
  if (need === 'manage' && !manager) throw new AppError('FORBIDDEN');
  return { row, manager };
}

export function remedyView(r: RemedyRow, issued: boolean, today: string) {
  return {
    id: r.id,
    position: r.position,
    content: r.content,
    dueOn: r.due_on,
    answer: r.answer,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    status: r.closed_at ? ('closed' as const) : r.answered_at ? ('answered' as const) : ('open' as const),
    overdue: issued && r.closed_at === null && r.due_on < today,
  };
}

export async function remediesOf(ex: Executor, inspectionIds: number[]): Promise<Map<number, RemedyRow[]>> {
  const rows = await ex.query<RemedyRow>(
    `SELECT id, inspection_id, position, content, due_on::text AS due_on, answer, answered_at, closed_at
       FROM inspection_remedies WHERE inspection_id = ANY($1::int[]) ORDER BY inspection_id, position`,
    [inspectionIds],
  );
  const out = new Map<number, RemedyRow[]>();
  for (const r of rows) out.set(r.inspection_id, [...(out.get(r.inspection_id) ?? []), r]);
  return out;
}

/** An inspection as the actor may see it: findings and remedies only for the committee or once issued. */
export function inspectionView(row: InspectionRow, manager: boolean, remedies: RemedyRow[], today: string) {
  const issued = row.issued_at !== null;
  const full = manager || issued;
  const shown = full ? remedies.map((r) => remedyView(r, issued, today)) : [];
  return {
    id: row.id,
    planId: row.plan_id,
    planTitle: row.plan_title,
    planStatus: row.plan_status,
    committeeId: row.plan_unit_id,
    committeeName: row.plan_unit_name,
    year: row.plan_year,
    unitId: row.unit_id,
    unitName: row.unit_name,
    kind: row.kind,
    content: row.content,
    plannedMonth: row.planned_month,
    team: row.team,
    status: row.status,
    issued,
    issuedAt: row.issued_at ? new Date(row.issued_at).toISOString() : null,
    conclusionNo: row.conclusion_no,
    concludedOn: row.concluded_on,
    contentHash: row.content_hash,
    strengths: full ? row.strengths : null,
    limitations: full ? row.limitations : null,
    shortcomings: full ? row.shortcomings : null,
    conclusion: full ? row.conclusion : null,
    remedies: shown,
    openRemedies: shown.filter((r) => r.status !== 'closed').length,
    overdueRemedies: shown.filter((r) => r.overdue).length,
    canManage: manager && !issued,
    canClose: manager && issued,
  };
}

// ---------------------------------------------------------------- plans

interface PlanRow {
  id: number;
  unit_id: number;
  year: number;
  title: string;
  status: 'draft' | 'approved';
  approved_at: Date | null;
  path: string;
  unit_name: string;
}

const planView = (p: PlanRow) => ({
  id: p.id,
  unitId: p.unit_id,
  unitName: p.unit_name,
  year: p.year,
  title: p.title,
  status: p.status,
  approvedAt: p.approved_at ? new Date(p.approved_at).toISOString() : null,
});

async function planInspections(ex: Executor, planId: number, manager: boolean, today: string) {
  const rows = await ex.query<InspectionRow>(
    `${INSPECTION_SELECT} WHERE i.plan_id = $1 ORDER BY i.planned_month, u.sort_order, u.name, i.id`,
    [planId],
  );
  const remedies = await remediesOf(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((r) => inspectionView(r, manager, remedies.get(r.id) ?? [], today));
}

export async function getPlan(ex: Executor, actor: Actor, unitId: number, year: number, today = todayIso()) {
  const u = await visibleUnit(ex, actor, unitId);
  authorize(actor, 'inspection.read', u.path);
  const manager = can(actor, 'inspection.manage', u.path);
  const [p] = await ex.query<PlanRow>(
    `SELECT p.id, p.unit_id, p.year, p.title, p.status, p.approved_at, u.path, u.name AS unit_name
       FROM inspection_plans p JOIN org_units u ON u.id = p.unit_id WHERE p.unit_id = $1 AND p.year = $2`,
    [u.id, year],
  );
  // A draft plan does not exist for those who do not write it.
  if (!p || (!manager && p.status !== 'approved'))
    return { plan: null, unitId: u.id, unitName: u.name, year, canManage: manager, items: [], total: 0 };
  const items = await planInspections(ex, p.id, manager, today);
  return {
    plan: planView(p),
    unitId: u.id,
    unitName: u.name,
    year,
    canManage: manager,
    items,
    total: items.length,
  };
}

export async function savePlan(
  db: Executor,
  actor: Actor,
  unitId: number,
  year: number,
  body: PlanBody,
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const u = await visibleUnit(tx, actor, unitId);
    authorize(actor, 'inspection.manage', u.path);
    if (u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so')
      throw invalid(
        'Kế hoạch kiểm tra, giám sát do cấp ủy cấp trên lập cho các chi bộ, đảng bộ trực thuộc; chi bộ không lập kế hoạch này.',
        'unitId',
      );
    const [before] = await tx.query<{ title: string; status: string }>(
      'SELECT title, status FROM inspection_plans WHERE unit_id = $1 AND year = $2 FOR UPDATE',
      [u.id, year],
    );
    const [p] = await tx.query<{ id: number }>(
      `INSERT INTO inspection_plans (unit_id, year, title, status, approved_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'approved' THEN now() END, $5, $5)
       ON CONFLICT (unit_id, year) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status,
         approved_at = CASE WHEN EXCLUDED.status = 'approved' THEN coalesce(inspection_plans.approved_at, now()) END,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING id`,
      [u.id, year, body.title, body.status, actor.userId],
    );
    await audit(
      tx,
      actor,
      {
        action: 'inspection.plan.save',
        entityType: 'inspection_plan',
        entityId: p!.id,
        orgUnitId: u.id,
        before: before ?? undefined,
        after: { year, ...body },
      },
      ip,
    );
    return getPlan(tx, actor, u.id, year);
  });
}

// ---------------------------------------------------------------- inspections

/** The inspected unit must lie strictly below the plan's committee; anything else is refused alike. */
async function checkInspectedUnit(ex: Executor, planPath: string, planUnitId: number, unitId: number) {
  const [u] = await ex.query<{ id: number }>(
    `SELECT id FROM org_units WHERE id = $1 AND id <> $2 AND path LIKE $3 AND archived_at IS NULL`,
    [unitId, planUnitId, `${planPath}%`],
  );
  if (!u)
    throw invalid(
      'Đơn vị được kiểm tra, giám sát phải là chi bộ, đảng bộ trực thuộc cấp ủy lập kế hoạch.',
      'unitId',
    );
}

function checkMonth(month: string, year: number) {
  if (Number(month.slice(0, 4)) !== year)
    throw invalid(`Tháng thực hiện phải thuộc năm ${year} của kế hoạch.`, 'plannedMonth');
}

/** Remedies are due on or after the first day of the inspection's month. */
export function checkRemedyDates(remedies: RemedyInput[], month: string) {
  const start = `${month}-01`;
  for (const r of remedies)
    if (r.dueOn < start)
      throw invalid(
        `Hạn khắc phục (${formatDate(r.dueOn)}) không được trước tháng kiểm tra, giám sát (${Number(month.slice(5))}/${month.slice(0, 4)}).`,
        'dueOn',
      );
}

export async function createInspection(
  db: Executor,
  actor: Actor,
  planId: number,
  body: InspectionBody,
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const [p] = await tx.query<PlanRow>(
      `SELECT p.id, p.unit_id, p.year, p.title, p.status, p.approved_at, u.path, u.name AS unit_name
         FROM inspection_plans p JOIN org_units u ON u.id = p.unit_id WHERE p.id = $1`,
      [planId],
    );
    if (!p || !can(actor, 'inspection.read', p.path)) throw notFound('kế hoạch kiểm tra, giám sát');
    authorize(actor, 'inspection.manage', p.path, 'kế hoạch kiểm tra, giám sát');
    await checkInspectedUnit(tx, p.path, p.unit_id, body.unitId);
    checkMonth(body.plannedMonth, p.year);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO inspections (plan_id, unit_id, kind, content, planned_month, team, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $7) RETURNING id`,
      [
        p.id,
        body.unitId,
        body.kind,
        body.content,
        body.plannedMonth,
        JSON.stringify(body.team),
        actor.userId,
      ],
    );
    await audit(
      tx,
      actor,
      {
        action: 'inspection.create',
        entityType: 'inspection',
        entityId: row!.id,
        orgUnitId: body.unitId,
        after: body,
      },
      ip,
    );
    return getInspection(tx, actor, row!.id);
  });
}

export async function getInspection(ex: Executor, actor: Actor, id: number, today = todayIso()) {
  const { row, manager } = await loadInspection(ex, actor, id);
  const remedies = (await remediesOf(ex, [row.id])).get(row.id) ?? [];
  const view = inspectionView(row, manager, remedies, today);
  const history = view.remedies.length
    ? await ex.query<{
        remedy_id: number;
        answer: string;
        answered_at: Date;
        outcome: string;
        comment: string | null;
      }>(
        `SELECT remedy_id, answer, answered_at, outcome, comment FROM inspection_remedy_answers
          WHERE remedy_id = ANY($1::int[]) AND outcome = 'returned' ORDER BY remedy_id, answered_at`,
        [view.remedies.map((r) => r.id)],
      )
    : [];
  const visits = await ex.query<{
    id: number;
    visited_on: string;
    comments: string | null;
    supervisor: string;
  }>(
    `SELECT v.id, v.visited_on::text AS visited_on, v.comments, us.display_name AS supervisor
       FROM supervision_visits v JOIN users us ON us.id = v.supervisor_id
      WHERE v.inspection_id = $1 ORDER BY v.visited_on, v.id`,
    [row.id],
  );
  return {
    ...view,
    remedies: view.remedies.map((r) => ({
      ...r,
      returned: history
        .filter((h) => h.remedy_id === r.id)
        .map((h) => ({
          answer: h.answer,
          answeredAt: new Date(h.answered_at).toISOString(),
          comment: h.comment,
        })),
      canAnswer: view.issued && r.status !== 'closed' && can(actor, 'inspection.answer', row.unit_path),
    })),
    visits: visits.map((v) => ({
      id: v.id,
      visitedOn: v.visited_on,
      comments: v.comments,
      supervisor: v.supervisor,
    })),
  };
}

export async function patchInspection(
  db: Executor,
  actor: Actor,
  id: number,
  body: PatchInspectionBody,
  ip?: string,
) {
  return db.transaction(async (tx) => {
    const { row } = await loadInspection(tx, actor, id, 'manage', true);
    if (row.issued_at) throw lockedError();
    const month = body.plannedMonth ?? row.planned_month;
    checkMonth(month, row.plan_year);
    const current = (await remediesOf(tx, [row.id])).get(row.id) ?? [];
    checkRemedyDates(body.remedies ?? current.map((r) => ({ content: r.content, dueOn: r.due_on })), month);
    const text = (k: 'strengths' | 'limitations' | 'shortcomings' | 'conclusion') =>
      body[k] === undefined ? row[k] : body[k] || null;
    const findings = [text('strengths'), text('limitations'), text('shortcomings'), text('conclusion')];
    const status =
      body.status ?? (row.status === 'planned' && findings.some(Boolean) ? 'in_progress' : row.status);
    await tx.query(
      `UPDATE inspections SET kind = $2, content = $3, planned_month = $4, team = $5::jsonb, status = $6,
              strengths = $7, limitations = $8, shortcomings = $9, conclusion = $10, updated_by = $11, updated_at = now()
        WHERE id = $1`,
      [
        row.id,
        body.kind ?? row.kind,
        body.content ?? row.content,
        month,
        JSON.stringify(body.team ?? row.team),
        status,
        ...findings,
        actor.userId,
      ],
    );
    if (body.remedies) {
      await tx.query('DELETE FROM inspection_remedies WHERE inspection_id = $1', [row.id]);
      await tx.query(
        `INSERT INTO inspection_remedies (inspection_id, position, content, due_on)
         SELECT $1, t.ord, t.content, t.due_on FROM unnest($2::text[], $3::date[]) WITH ORDINALITY AS t(content, due_on, ord)`,
        [row.id, body.remedies.map((r) => r.content), body.remedies.map((r) => r.dueOn)],
      );
    }
    await audit(
      tx,
      actor,
      {
        action: 'inspection.update',
        entityType: 'inspection',
        entityId: row.id,
        orgUnitId: row.unit_id,
        after: { fields: Object.keys(body), status, remedies: body.remedies?.length },
      },
      ip,
    );
    return getInspection(tx, actor, row.id);
  });
}

/** `GET /api/org-units/{id}/inspections`: inspections of units in the subtree of `unitId`, paged. */
export async function listInspections(
  ex: Executor,
  actor: Actor,
  unitId: number,
  q: ListQuery,
  today = todayIso(),
) {
  const u = await visibleUnit(ex, actor, unitId);
  authorize(actor, 'inspection.read', u.path);
  const managed = scopePrefixes(actor, 'inspection.manage');
  const where = [
    'u.path LIKE $1',
    "(pu.path LIKE ANY($2::text[]) OR i.issued_at IS NOT NULL OR p.status = 'approved')",
  ];
  const params: unknown[] = [`${u.path}%`, managed];
  if (q.year) {
    params.push(`${q.year}-01`, `${q.year}-12`);
    where.push(`i.planned_month BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`i.status = $${params.length}`);
  }
  const [{ total }] = (await ex.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM inspections i JOIN org_units u ON u.id = i.unit_id
       JOIN inspection_plans p ON p.id = i.plan_id JOIN org_units pu ON pu.id = p.unit_id
      WHERE ${where.join(' AND ')}`,
    params,
  )) as [{ total: number }];
  params.push(q.limit, q.offset);
  const rows = await ex.query<InspectionRow>(
    `${INSPECTION_SELECT} WHERE ${where.join(' AND ')}
      ORDER BY i.planned_month DESC, u.sort_order, u.name, i.id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const remedies = await remediesOf(
    ex,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      inspectionView(r, can(actor, 'inspection.manage', r.plan_path), remedies.get(r.id) ?? [], today),
    ),
    total,
  };
}
