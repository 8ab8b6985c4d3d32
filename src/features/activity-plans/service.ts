/**
 * The cell's yearly programme (chương trình công tác năm; issue 11 item 3, ADR 025 part C): the
 * cell writes its months' key tasks and other items; the quarter topics are the thematic plan's
 * rows (thematic_plans, written through saveThematicPlan); the committee above approves or
 * returns it; "Điều chỉnh" reopens an approved one. Every change is audited in its transaction.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { saveThematicPlan } from '../meetings/plan.js';
import { notifyUsers, usersWithRoleOver } from '../notifications/service.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow, visibleUnit } from '../org/service.js';
import {
  ITEM_KINDS,
  ITEM_STATUSES,
  type ItemKind,
  type ItemStatus,
  KEY_TASK_SUGGESTIONS,
  PLAN_STATUSES,
  type PlanBody,
  type PlanStatus,
} from './schema.js';
import { cellStatuses } from './status.js';

export interface PlanRow {
  id: number;
  unit_id: number;
  year: number;
  status: PlanStatus;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decision_comment: string | null;
  reopened_at: Date | null;
  reopen_reason: string | null;
  revision: number;
  updated_at: Date;
}

/** The committee above a unit: its parent's path ('/1/12/305/' → '/1/12/'). */
export function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

/** The committee above the cell may decide: a grant at the cell or below it never counts. */
export function canDecide(actor: Actor, cell: Pick<UnitRow, 'path'>): boolean {
  const above = parentPath(cell.path);
  return above.length > 1 && can(actor, 'plan.manage', above);
}

export const quarterOfMonth = (month: number) => Math.floor((month - 1) / 3) + 1;

function requireCell(unit: UnitRow) {
  if (!isCellKind(unit.kind))
    throw new AppError('VALIDATION_FAILED', 'Chỉ chi bộ mới lập chương trình công tác năm.', {
      field: 'unitId',
    });
}

export async function visibleCell(ex: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await visibleUnit(ex, actor, id);
  authorize(actor, 'unit.read', unit.path);
  requireCell(unit);
  return unit;
}

async function findPlan(
  ex: Executor,
  unitId: number,
  year: number,
  lock = false,
): Promise<PlanRow | undefined> {
  const [p] = await ex.query<PlanRow>(
    `SELECT p.id, p.unit_id, p.year, p.status, p.submitted_at, p.decided_at, p.decided_by,
            u.display_name AS decided_by_name, p.decision_comment, p.reopened_at, p.reopen_reason, p.revision, p.updated_at
       FROM activity_plans p LEFT JOIN users u ON u.id = p.decided_by
      WHERE p.unit_id = $1 AND p.year = $2 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [unitId, year],
  );
  return p;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The programme of a cell's year as the page and the document show it. */
export async function planView(ex: Executor, actor: Actor, cell: UnitRow, year: number, today = todayIso()) {
  const plan = await findPlan(ex, cell.id, year);
  const items = plan
    ? await ex.query<{
        id: number;
        month: number;
        kind: ItemKind;
        title: string;
        responsible: string | null;
        responsible_member_id: number | null;
        responsible_name: string | null;
        covered_meeting_id: number | null;
        covered_at: Date | null;
      }>(
        `SELECT i.id, i.month, i.kind, i.title, i.responsible, i.responsible_member_id, m.full_name AS responsible_name,
                i.covered_meeting_id, i.covered_at
           FROM activity_plan_items i LEFT JOIN members m ON m.id = i.responsible_member_id
          WHERE i.plan_id = $1 ORDER BY i.month, i.position, i.id`,
        [plan.id],
      )
    : [];
  const thematic = await ex.query<{
    quarter: number;
    topic: string;
    month: number | null;
    presenter_member_id: number | null;
    presenter_name: string | null;
  }>(
    `SELECT t.quarter, t.topic, t.month, t.presenter_member_id, m.full_name AS presenter_name
       FROM thematic_plans t LEFT JOIN members m ON m.id = t.presenter_member_id
      WHERE t.unit_id = $1 AND t.year = $2 ORDER BY t.quarter`,
    [cell.id, year],
  );
  const statuses = await cellStatuses(ex, cell.id, year, today);
  const pack = await rulePackForUnit(ex, cell.path, `${year}-01-01`);
  const members = can(actor, 'member.read', cell.path)
    ? await ex.query<{ id: number; full_name: string }>(
        `SELECT m.id, m.full_name FROM memberships ms JOIN members m ON m.id = ms.member_id
          WHERE ms.unit_id = $1 AND ms.valid_to IS NULL ORDER BY m.sort_key COLLATE "C"`,
        [cell.id],
      )
    : [];
  const status: PlanStatus = plan?.status ?? 'draft';
  const editable = status === 'draft' || status === 'returned';
  const write = can(actor, 'activityPlan.write', cell.path);
  const decide = canDecide(actor, cell);
  const statusOf = (s: ItemStatus | undefined) => s ?? 'not_due';
  const rows = items.map((i) => {
    const s = statusOf(statuses.items.get(i.id));
    return {
      id: i.id,
      month: i.month,
      quarter: quarterOfMonth(i.month),
      kind: i.kind,
      kindLabel: ITEM_KINDS[i.kind],
      title: i.title,
      responsible: i.responsible,
      responsibleMemberId: i.responsible_member_id,
      responsibleName: i.responsible_name,
      coveredMeetingId: i.covered_meeting_id,
      coveredAt: iso(i.covered_at),
      status: s,
      statusLabel: ITEM_STATUSES[s],
    };
  });
  const thematicRows = thematic.map((t) => {
    const s = statusOf(statuses.thematic.get(t.quarter));
    return {
      quarter: t.quarter,
      topic: t.topic,
      month: t.month,
      presenterMemberId: t.presenter_member_id,
      presenterName: t.presenter_name,
      status: s,
      statusLabel: ITEM_STATUSES[s],
    };
  });
  const all = [...rows, ...thematicRows];
  return {
    unit: { id: cell.id, name: cell.name, parentId: cell.parent_id },
    year,
    plan: {
      id: plan?.id ?? null,
      status,
      statusLabel: PLAN_STATUSES[status],
      submittedAt: iso(plan?.submitted_at ?? null),
      decidedAt: iso(plan?.decided_at ?? null),
      decidedByName: plan?.decided_by_name ?? null,
      decisionComment: plan?.decision_comment ?? null,
      reopenedAt: iso(plan?.reopened_at ?? null),
      reopenReason: plan?.reopen_reason ?? null,
      revision: plan?.revision ?? 0,
    },
    items: rows,
    thematic: thematicRows,
    progress: {
      done: all.filter((r) => r.status === 'done').length,
      notDone: all.filter((r) => r.status === 'not_done').length,
      total: all.length,
    },
    suggestions: {
      keyTasks: [...KEY_TASK_SUGGESTIONS],
      thematic: [
        ...(pack.meetings.thematicSuggestions[cell.cell_type ?? ''] ?? []),
        ...(pack.meetings.thematicSuggestions.default ?? []),
      ],
    },
    members: members.map((m) => ({ id: m.id, fullName: m.full_name })),
    can: {
      edit: write && editable,
      editThematic: write && editable && can(actor, 'meeting.manage', cell.path),
      submit: write && editable && items.length > 0,
      /** The reader is of the committee above (approves this cell's programmes). */
      committee: decide,
      decide: decide && status === 'submitted',
      reopen: (write || decide) && status === 'approved',
    },
  };
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

/** Members among `ids` who do not sit in the cell today (own or hosted temporarily). */
async function outsiders(tx: Executor, ids: number[], cellId: number): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: number }>(
    `SELECT x.id FROM unnest($1::int[]) AS x(id)
      WHERE NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = x.id AND ms.unit_id = $2 AND ms.valid_to IS NULL)
        AND NOT EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = x.id AND p.unit_id = $2
                         AND p.kind = 'temporary_out' AND p.valid_to > CURRENT_DATE)`,
    [ids, cellId],
  );
  return new Set(rows.map((r) => Number(r.id)));
}

function assertEditable(plan: PlanRow | undefined) {
  if (plan?.status === 'submitted')
    throw new AppError(
      'CONFLICT',
      'Chương trình đã gửi cấp ủy duyệt, chưa sửa được; chờ cấp ủy duyệt hoặc trả lại.',
    );
  if (plan?.status === 'approved')
    throw new AppError(
      'CONFLICT',
      'Chương trình đã được duyệt; hãy bấm "Điều chỉnh" (ghi lý do) trước khi sửa.',
    );
}

/** PUT: the whole draft in one body, all-or-nothing. */
export async function savePlan(
  tx: Executor,
  actor: Actor,
  cellId: number,
  year: number,
  body: PlanBody,
  ip?: string,
): Promise<void> {
  const cell = await visibleCell(tx, actor, cellId);
  authorize(actor, 'activityPlan.write', cell.path);
  let plan = await findPlan(tx, cell.id, year, true);
  assertEditable(plan);
  const bad = await outsiders(
    tx,
    [...new Set(body.items.flatMap((i) => (i.responsibleMemberId ? [i.responsibleMemberId] : [])))],
    cell.id,
  );
  const badAt = body.items.findIndex((i) => i.responsibleMemberId && bad.has(i.responsibleMemberId));
  if (badAt >= 0)
    throw new AppError('VALIDATION_FAILED', 'Người phụ trách không sinh hoạt tại chi bộ này.', {
      field: `items.${badAt}.responsibleMemberId`,
    });
  if (!plan) {
    // Two first saves at once: the second waits on the row lock and then edits the same draft.
    await tx.query(
      'INSERT INTO activity_plans (unit_id, year, created_by) VALUES ($1, $2, $3) ON CONFLICT (unit_id, year) DO NOTHING',
      [cell.id, year, actor.userId],
    );
    plan = (await findPlan(tx, cell.id, year, true))!;
    // The other save may have submitted it meanwhile.
    assertEditable(plan);
  }
  const kept = body.items.flatMap((i) => (i.id ? [i.id] : []));
  if (new Set(kept).size !== kept.length)
    throw new AppError('VALIDATION_FAILED', 'Một mục của chương trình được gửi hai lần.', { field: 'items' });
  if (kept.length > 0) {
    const [{ n }] = (await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activity_plan_items WHERE plan_id = $1 AND id = ANY($2::int[])',
      [plan.id, kept],
    )) as [{ n: number }];
    if (n !== kept.length)
      throw new AppError('VALIDATION_FAILED', 'Có mục không thuộc chương trình này.', { field: 'items' });
  }
  const before = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM activity_plan_items WHERE plan_id = $1',
    [plan.id],
  );
  await tx.query('DELETE FROM activity_plan_items WHERE plan_id = $1 AND NOT (id = ANY($2::int[]))', [
    plan.id,
    kept,
  ]);
  const col = <T>(f: (i: PlanBody['items'][number], pos: number) => T) => body.items.map((i, p) => f(i, p));
  await tx.query(
    `UPDATE activity_plan_items i SET month = x.month, kind = x.kind, title = x.title, responsible = x.responsible,
            responsible_member_id = x.member, position = x.pos
       FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
            AS x(id, month, kind, title, responsible, member, pos)
      WHERE i.plan_id = $1 AND i.id = x.id`,
    [
      plan.id,
      col((i) => i.id ?? 0),
      col((i) => i.month),
      col((i) => i.kind),
      col((i) => i.title),
      col((i) => i.responsible || null),
      col((i) => i.responsibleMemberId ?? null),
      col((_, p) => p + 1),
    ],
  );
  await tx.query(
    `INSERT INTO activity_plan_items (plan_id, month, kind, title, responsible, responsible_member_id, position)
     SELECT $1, x.month, x.kind, x.title, x.responsible, x.member, x.pos
       FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
            AS x(id, month, kind, title, responsible, member, pos)
      WHERE x.id = 0`,
    [
      plan.id,
      col((i) => i.id ?? 0),
      col((i) => i.month),
      col((i) => i.kind),
      col((i) => i.title),
      col((i) => i.responsible || null),
      col((i) => i.responsibleMemberId ?? null),
      col((_, p) => p + 1),
    ],
  );
  await tx.query('UPDATE activity_plans SET updated_at = now() WHERE id = $1', [plan.id]);
  // The quarter topics go through the thematic plan's own service (its rules, its audit row).
  if (body.thematic) await saveThematicPlan(tx, actor, cell.id, year, body.thematic, ip);
  await audit(
    tx,
    actor,
    {
      action: 'activity_plan.save',
      entityType: 'activity_plan',
      entityId: plan.id,
      orgUnitId: cell.id,
      before: { items: before[0]?.n ?? 0 },
      after: { year, items: body.items.length, thematic: body.thematic?.length ?? null },
    },
    ip,
  );
}

async function secretaryUserIds(tx: Executor, cellId: number): Promise<number[]> {
  const rows = await tx.query<{ user_id: number }>(
    "SELECT DISTINCT user_id FROM role_grants WHERE org_unit_id = $1 AND role = 'cell_secretary'",
    [cellId],
  );
  return rows.map((r) => r.user_id);
}

/** The audit (and notification) code of each step, written out so the audit tests find them. */
const AUDIT_CODES = {
  submit: 'activity_plan.submit',
  approve: 'activity_plan.approve',
  return: 'activity_plan.return',
  reopen: 'activity_plan.reopen',
} as const;

const link = (cellId: number, year: number) => `/don-vi/${cellId}/chuong-trinh/${year}`;

async function transition(
  tx: Executor,
  actor: Actor,
  cell: UnitRow,
  year: number,
  action: 'submit' | 'approve' | 'return' | 'reopen',
  text: string | null,
  ip?: string,
) {
  const plan = await findPlan(tx, cell.id, year, true);
  if (!plan) throw new AppError('CONFLICT', 'Chi bộ chưa lưu chương trình công tác năm này.');
  const allowed: Record<typeof action, PlanStatus[]> = {
    submit: ['draft', 'returned'],
    approve: ['submitted'],
    return: ['submitted'],
    reopen: ['approved'],
  };
  if (!allowed[action].includes(plan.status))
    throw new AppError(
      'CONFLICT',
      `Chương trình đang ở trạng thái "${PLAN_STATUSES[plan.status]}", không thực hiện được thao tác này.`,
      {
        status: plan.status,
      },
    );
  if (action === 'submit') {
    const [has] = await tx.query('SELECT 1 FROM activity_plan_items WHERE plan_id = $1 LIMIT 1', [plan.id]);
    if (!has)
      throw new AppError(
        'VALIDATION_FAILED',
        'Chương trình chưa có nhiệm vụ nào; hãy ghi các nhiệm vụ trước khi gửi.',
      );
    await tx.query(
      `UPDATE activity_plans SET status = 'submitted', submitted_at = now(), submitted_by = $2, updated_at = now() WHERE id = $1`,
      [plan.id, actor.userId],
    );
  } else if (action === 'approve' || action === 'return') {
    await tx.query(
      `UPDATE activity_plans SET status = $2, decided_at = now(), decided_by = $3, decision_comment = $4, updated_at = now()
        WHERE id = $1`,
      [plan.id, action === 'approve' ? 'approved' : 'returned', actor.userId, text],
    );
  } else {
    await tx.query(
      `UPDATE activity_plans SET status = 'draft', reopened_at = now(), reopened_by = $2, reopen_reason = $3,
              revision = revision + 1, updated_at = now() WHERE id = $1`,
      [plan.id, actor.userId, text],
    );
  }
  await audit(
    tx,
    actor,
    {
      action: AUDIT_CODES[action],
      entityType: 'activity_plan',
      entityId: plan.id,
      orgUnitId: cell.id,
      before: { status: plan.status },
      after: { year, ...(text ? { [action === 'reopen' ? 'reason' : 'comment']: text } : {}) },
    },
    ip,
  );
  const committee = () => usersWithRoleOver(tx, parentPath(cell.path), ['committee_staff']);
  const notices: Record<typeof action, { to: () => Promise<number[]>; title: string; body?: string }> = {
    submit: { to: committee, title: `${cell.name} gửi chương trình công tác năm ${year} xin duyệt` },
    approve: {
      to: () => secretaryUserIds(tx, cell.id),
      title: `Chương trình công tác năm ${year} đã được duyệt`,
    },
    return: {
      to: () => secretaryUserIds(tx, cell.id),
      title: `Chương trình công tác năm ${year} bị trả lại để sửa`,
      body: text ?? undefined,
    },
    reopen: {
      to: committee,
      title: `${cell.name} điều chỉnh chương trình công tác năm ${year}`,
      body: text ? `Lý do: ${text}` : undefined,
    },
  };
  const n = notices[action];
  const to = (await n.to()).filter((u) => u !== actor.userId);
  await notifyUsers(tx, to, {
    kind: AUDIT_CODES[action],
    title: n.title,
    body: n.body,
    link: link(cell.id, year),
  });
}

export async function submitPlan(tx: Executor, actor: Actor, cellId: number, year: number, ip?: string) {
  const cell = await visibleCell(tx, actor, cellId);
  authorize(actor, 'activityPlan.write', cell.path);
  await transition(tx, actor, cell, year, 'submit', null, ip);
}

/** Approve or return: the committee above only (plan.manage at the parent's path). */
export async function decidePlan(
  tx: Executor,
  actor: Actor,
  cellId: number,
  year: number,
  decision: 'approve' | 'return',
  comment: string | null,
  ip?: string,
) {
  const cell = await visibleCell(tx, actor, cellId);
  if (!canDecide(actor, cell))
    throw new AppError('FORBIDDEN', 'Chương trình công tác năm của chi bộ do cấp ủy cấp trên duyệt.');
  await transition(tx, actor, cell, year, decision, comment || null, ip);
}

export async function reopenPlan(
  tx: Executor,
  actor: Actor,
  cellId: number,
  year: number,
  reason: string,
  ip?: string,
) {
  const cell = await visibleCell(tx, actor, cellId);
  if (!can(actor, 'activityPlan.write', cell.path) && !canDecide(actor, cell))
    throw new AppError('FORBIDDEN');
  await transition(tx, actor, cell, year, 'reopen', reason, ip);
}
