/**
 * The progress of a plan's targets (issue 11 part B, ADR 025): each bound target's value is
 * computed, never typed in, from what chibo already keeps —
 * - the committee overview (`overviewTable`, summary rows only) of the plan's unit over
 *   [period start, min(current month, deadline month)]: the totals give the target's value, the
 *   rows (the unit's direct children) the per-unit values, one call per distinct measured month;
 * - `dissemination`: the directive's recipients in the subtree and their disseminations up to the
 *   deadline, one grouped statement;
 * - `grades_good`: the year of the deadline in the grading summary (`memberLevelCounts`,
 *   `childCounts`), members graded tốt or xuất sắc / members graded;
 * and its status from the pure rule of src/domain/plan-progress.ts.
 *
 * `rated_good` is `ratingSupervisor.tot`: the share of cell-months scored by the committee's
 * supervisor (cấp ủy viên cấp trên phụ trách) that are rated Tốt — the rating the committee
 * itself gives, which is what it calls "xếp loại Tốt" (the cell's own rating is a self-assessment).
 *
 * The figures of a published plan are read for every reader of the plan as the plan's unit's
 * committee reads them (the plan is the committee's; its totals are the plan's progress); the
 * per-unit rows are then trimmed to what the reader may see of the overview: staff every row,
 * a supervisor or secretary the rows leading to their own units, a member their own cell's row.
 */
import type { Executor } from '../../db/executor.js';
import type { ReviewPlan } from '../../documents/review-data.js';
import { todayIso } from '../../domain/format.js';
import { type Ratio, ratio } from '../../domain/indicators.js';
import {
  INDICATOR_LABELS,
  type IndicatorKey,
  measuredUntil,
  monthEnd,
  STATUS_SEVERITY,
  TARGET_STATUS_LABELS,
  type TargetStatus,
  targetStatus,
} from '../../domain/plan-progress.js';
import type { Actor } from '../../server/access.js';
import { childCounts, memberLevelCounts } from '../grading/statistics.js';
import { overviewAccess, overviewTable } from '../oversight/overview.js';
import type { Indicators } from '../oversight/overview-schema.js';
import { loadPlan, type PlanRow, type TargetRow, targetsOf } from './service.js';

export interface UnitProgress {
  unitId: number;
  unitName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: TargetStatus;
  statusLabel: string;
}

export interface TargetProgress {
  targetId: number;
  title: string;
  indicator: IndicatorKey | null;
  indicatorLabel: string;
  directiveId: number | null;
  value: number | null;
  threshold: number;
  comparator: 'gte' | 'lte';
  deadline: string;
  status: TargetStatus;
  statusLabel: string;
  numerator: number | null;
  denominator: number | null;
  /** The months measured ('YYYY-MM'); null for a target tracked by hand. */
  measuredFrom: string | null;
  measuredTo: string | null;
  manualNote: string | null;
  units?: UnitProgress[];
}

export interface PlanProgress {
  plan: { id: number; title: string; unitId: number; unitName: string; periodFrom: string; periodTo: string };
  asOf: string;
  items: TargetProgress[];
}

const FROM_OVERVIEW: Partial<Record<IndicatorKey, (i: Indicators) => Ratio>> = {
  regular_monthly: (i) => i.regularMonths,
  regular_on_time: (i) => i.regularOnTime,
  thematic_quarterly: (i) => i.thematicQuarters,
  attendance: (i) => i.attendance,
  rated_good: (i) => i.ratingSupervisor.tot,
  members_with_tasks: (i) => i.membersWithTasks,
  tasks_completed: (i) => i.tasksCompleted,
  visits: (i) => i.visits,
};

/** The plan's committee as the reader of its figures (see the module comment). */
function committeeOf(actor: Actor, plan: PlanRow): Actor {
  return {
    ...actor,
    grants: [
      {
        id: 0,
        role: 'committee_staff',
        orgUnitId: plan.unit_id,
        path: plan.unit_path,
        unitName: plan.unit_name,
      },
    ],
  };
}

/** Whether the reader may see the row of the child at `childPath` (the module comment's rule). */
function rowFilter(actor: Actor, unitPath: string): (childPath: string) => boolean {
  try {
    const access = overviewAccess(actor, unitPath);
    if (!access.limited) return () => true;
    return (p) => access.reach.some((r) => r.startsWith(p));
  } catch {
    return (p) => actor.grants.some((g) => g.path.startsWith(p));
  }
}

interface Measured {
  total: Ratio;
  byChild: Map<number, Ratio>;
}

async function fromOverview(ex: Executor, plan: PlanRow, committee: Actor, to: string, asOf: string) {
  const t = await overviewTable(
    ex,
    committee,
    plan.unit_id,
    { from: plan.period_from, to, sort: 'name', order: 'asc' },
    { today: asOf },
  );
  return t;
}

async function dissemination(
  ex: Executor,
  plan: PlanRow,
  directiveId: number,
  until: string,
): Promise<Measured> {
  const depth = plan.unit_path.split('/').filter(Boolean).length - 1;
  const rows = await ex.query<{ child: number | null; cells: number; done: number }>(
    `SELECT NULLIF(split_part(u.path, '/', $3 + 3), '')::int AS child, count(*)::int AS cells,
            count(d.unit_id)::int AS done
       FROM directive_recipients r
       JOIN org_units u ON u.id = r.unit_id AND u.archived_at IS NULL
       LEFT JOIN directive_disseminations d
         ON d.directive_id = r.directive_id AND d.unit_id = r.unit_id AND d.disseminated_on <= $4::date
      WHERE r.directive_id = $1 AND u.path LIKE $2
      GROUP BY 1`,
    [directiveId, `${plan.unit_path}%`, depth, until],
  );
  let cells = 0;
  let done = 0;
  const byChild = new Map<number, Ratio>();
  for (const r of rows) {
    cells += r.cells;
    done += r.done;
    if (r.child !== null) byChild.set(r.child, ratio(r.done, r.cells));
  }
  return { total: ratio(done, cells), byChild };
}

const GOOD_LEVELS = ['xuat_sac', 'tot'] as const;
function goodShare(levels: Partial<Record<string, number>>): Ratio {
  const graded = Object.values(levels).reduce<number>((a, b) => a + (b ?? 0), 0);
  const good = GOOD_LEVELS.reduce((a, l) => a + (levels[l] ?? 0), 0);
  return ratio(good, graded);
}

async function grades(ex: Executor, plan: PlanRow, year: number, withUnits: boolean): Promise<Measured> {
  const [total, children] = await Promise.all([
    memberLevelCounts(ex, year, plan.unit_path),
    withUnits ? childCounts(ex, year, plan.unit_path) : Promise.resolve([]),
  ]);
  return {
    total: goodShare(total.members),
    byChild: new Map(children.map((c) => [c.unitId, goodShare(c.members)])),
  };
}

const none = (): Ratio => ({ numerator: 0, denominator: 0, percent: null });

/** Progress of one plan's targets as of `asOf` (a day); `withUnits` adds the per-child rows. */
export async function progressOf(
  ex: Executor,
  actor: Actor,
  plan: PlanRow,
  targets: readonly TargetRow[],
  asOf: string,
  withUnits: boolean,
): Promise<TargetProgress[]> {
  const committee = committeeOf(actor, plan);
  const start = `${plan.period_from}-01`;
  const visible = rowFilter(actor, plan.unit_path);
  const children = withUnits
    ? (
        await ex.query<{ id: number; name: string; path: string }>(
          `SELECT id, name, path FROM org_units WHERE parent_id = $1 AND archived_at IS NULL ORDER BY sort_order, name, id`,
          [plan.unit_id],
        )
      ).filter((c) => visible(c.path))
    : [];
  // One overview per distinct measured month (most targets of a plan share the deadline).
  const tables = new Map<string, ReturnType<typeof fromOverview>>();
  const measure = async (t: TargetRow, until: string): Promise<Measured> => {
    const ind = t.indicator!;
    const pick = FROM_OVERVIEW[ind];
    if (pick) {
      if (!tables.has(until)) tables.set(until, fromOverview(ex, plan, committee, until, asOf));
      const table = await tables.get(until)!;
      return {
        total: pick(table.totals),
        byChild: new Map(table.rows.map((r) => [r.unit.id, pick(r.indicators)])),
      };
    }
    if (ind === 'dissemination') {
      const day = t.deadline < asOf ? t.deadline : asOf;
      return t.directive_id
        ? dissemination(ex, plan, t.directive_id, day)
        : { total: none(), byChild: new Map() };
    }
    return grades(ex, plan, Number(t.deadline.slice(0, 4)), withUnits);
  };
  const out: TargetProgress[] = [];
  for (const t of targets) {
    const rule = { threshold: t.threshold, comparator: t.comparator, start, deadline: t.deadline, asOf };
    const base = {
      targetId: t.id,
      title: t.title,
      indicator: t.indicator,
      indicatorLabel: t.indicator ? INDICATOR_LABELS[t.indicator] : 'Theo dõi thủ công',
      directiveId: t.directive_id,
      threshold: t.threshold,
      comparator: t.comparator,
      deadline: t.deadline,
    };
    if (!t.indicator) {
      const status = targetStatus({ ...rule, value: t.manual_value });
      out.push({
        ...base,
        value: t.manual_value,
        status,
        statusLabel: TARGET_STATUS_LABELS[status],
        numerator: null,
        denominator: null,
        measuredFrom: null,
        measuredTo: null,
        manualNote: t.manual_note,
        ...(withUnits ? { units: [] } : {}),
      });
      continue;
    }
    const until = measuredUntil(plan.period_from, t.deadline, asOf);
    const m = await measure(t, until);
    const status = targetStatus({ ...rule, value: m.total.percent });
    const item: TargetProgress = {
      ...base,
      value: m.total.percent,
      status,
      statusLabel: TARGET_STATUS_LABELS[status],
      numerator: m.total.numerator,
      denominator: m.total.denominator,
      measuredFrom: plan.period_from,
      measuredTo: until,
      manualNote: null,
    };
    if (withUnits) {
      item.units = children
        .map((c): UnitProgress => {
          const r = m.byChild.get(c.id) ?? none();
          const s = targetStatus({ ...rule, value: r.percent });
          return {
            unitId: c.id,
            unitName: c.name,
            value: r.percent,
            numerator: r.numerator,
            denominator: r.denominator,
            status: s,
            statusLabel: TARGET_STATUS_LABELS[s],
          };
        })
        .sort(
          (a, b) =>
            STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status] ||
            (a.value ?? Number.POSITIVE_INFINITY) - (b.value ?? Number.POSITIVE_INFINITY) ||
            a.unitName.localeCompare(b.unitName, 'vi'),
        );
    }
    out.push(item);
  }
  return out;
}

/** `GET /api/plans/{id}/progress`. */
export async function planProgress(
  ex: Executor,
  actor: Actor,
  planId: number,
  opts: { units?: boolean; today?: string } = {},
): Promise<PlanProgress> {
  const plan = await loadPlan(ex, actor, planId);
  const asOf = opts.today ?? todayIso();
  const targets = await targetsOf(ex, [plan.id]);
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      unitId: plan.unit_id,
      unitName: plan.unit_name,
      periodFrom: plan.period_from,
      periodTo: plan.period_to,
    },
    asOf,
    items: await progressOf(ex, actor, plan, targets, asOf, opts.units !== false),
  };
}

/**
 * The plans of the unit (published: active or closed) overlapping the review's period, each with
 * its targets measured as of the period's last day (or today when earlier), without unit rows.
 */
export async function reviewPlans(
  ex: Executor,
  actor: Actor,
  unit: { id: number },
  p: { from: string; to: string },
  today: string = todayIso(),
): Promise<ReviewPlan[]> {
  const plans = await ex.query<PlanRow>(
    `SELECT p.id, p.unit_id, u.path AS unit_path, u.name AS unit_name, u.kind AS unit_kind, p.title,
            p.directive_id, p.goals, p.period_from, p.period_to, p.status, p.activated_at, p.closed_at, p.created_at
       FROM plans p JOIN org_units u ON u.id = p.unit_id
      WHERE p.unit_id = $1 AND p.status <> 'draft' AND p.period_from <= $3 AND p.period_to >= $2
      ORDER BY p.period_from, p.id`,
    [unit.id, p.from, p.to],
  );
  if (plans.length === 0) return [];
  const end = monthEnd(p.to);
  const asOf = end < today ? end : today;
  const targets = await targetsOf(
    ex,
    plans.map((x) => x.id),
  );
  const out: ReviewPlan[] = [];
  for (const plan of plans) {
    const items = await progressOf(
      ex,
      actor,
      plan,
      targets.filter((t) => t.plan_id === plan.id),
      asOf,
      false,
    );
    out.push({
      id: plan.id,
      title: plan.title,
      periodFrom: plan.period_from,
      periodTo: plan.period_to,
      targets: items.map((t) => ({
        title: t.title,
        indicator: t.indicator,
        comparator: t.comparator,
        threshold: t.threshold,
        deadline: t.deadline,
        value: t.value,
        numerator: t.numerator,
        denominator: t.denominator,
        status: t.status,
        statusLabel: t.statusLabel,
      })),
    });
  }
  return out;
}
