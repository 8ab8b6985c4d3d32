/**
 * The statistics of a periodic review, read from the committee overview (ADR 021): the period's
 * totals and one row per direct subordinate unit from one overview table, one overview per
 * calendar year of the period for the per-year table, and the commendations and reminders
 * decided in the period from `recognition_decisions`. Nothing here reads raw attendance: the
 * overview answers from the summary rows (house rule 9), so a 5-year province review costs
 * six overview reads.
 */
import type { Executor } from '../../db/executor.js';
import type {
  RecognitionKind,
  ReviewIndicators,
  ReviewRecognition,
  ReviewStatistics,
  ReviewUnitRef,
} from '../../documents/review-data.js';
import type { Actor } from '../../server/access.js';
import { gradingOfYears } from '../grading/statistics.js';
import { rulePackForUnit } from '../org/service.js';
import { overview, overviewTable } from '../oversight/overview.js';
import type { Indicators } from '../oversight/overview-schema.js';
import { reviewPlans } from '../plans/progress.js';

export interface StatisticsOptions {
  /** The day the figures are read on (tests pin it); today in Asia/Ho_Chi_Minh otherwise. */
  today?: string;
}

/** The review's subset of an overview row (the current-state blocks are not period figures). */
export function reviewIndicators(x: Indicators): ReviewIndicators {
  return {
    cells: x.cells,
    members: x.members,
    regularOnTime: x.regularOnTime,
    regularMissed: x.regularMissed,
    regularMonths: x.regularMonths,
    thematicQuarters: x.thematicQuarters,
    attendance: x.attendance,
    membersWithTasks: x.membersWithTasks,
    tasksCompleted: x.tasksCompleted,
    ratingCell: x.ratingCell,
    ratingSupervisor: x.ratingSupervisor,
    visits: x.visits,
  };
}

/** The calendar years of a period, the first and last clipped to it: 2023-07..2025-06 → 3 rows. */
export function yearsOf(from: string, to: string): { label: string; from: string; to: string }[] {
  const out: { label: string; from: string; to: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const f = `${y}-01` < from ? from : `${y}-01`;
    const t = `${y}-12` > to ? to : `${y}-12`;
    out.push({ label: `Năm ${y}`, from: f, to: t });
  }
  return out;
}

function lastDayOf(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * Decisions on units of the subtree (the unit itself included) dated within the period, whoever
 * in the tree decided them: a ward's review reports the province's commendation of its cell too.
 */
export async function periodRecognitions(
  ex: Executor,
  unitPath: string,
  from: string,
  to: string,
): Promise<ReviewRecognition[]> {
  const rows = await ex.query<{
    kind: RecognitionKind;
    number: string | null;
    decided_on: string;
    reason: string;
    subject_name: string;
  }>(
    `SELECT rd.kind, rd.number, to_char(rd.decided_on, 'YYYY-MM-DD') AS decided_on, rd.reason, su.name AS subject_name
       FROM recognition_decisions rd
       JOIN org_units su ON su.id = rd.subject_unit_id
      WHERE su.path LIKE $1 AND rd.decided_on BETWEEN $2::date AND $3::date
      ORDER BY CASE rd.kind WHEN 'khen_thuong' THEN 1 WHEN 'bieu_duong' THEN 2 ELSE 3 END,
               rd.decided_on, rd.id`,
    [`${unitPath}%`, `${from}-01`, lastDayOf(to)],
  );
  return rows.map((r) => ({
    kind: r.kind,
    number: r.number,
    decidedOn: r.decided_on,
    reason: r.reason,
    subjectName: r.subject_name,
  }));
}

/** Every figure of a review of `unitId` over `from`..`to`, as the actor may see them. */
export async function reviewStatistics(
  ex: Executor,
  actor: Actor,
  unit: { id: number; path: string },
  p: { from: string; to: string },
  opts: StatisticsOptions = {},
): Promise<ReviewStatistics> {
  const o = { today: opts.today };
  // The whole table once (every direct child, no paging), then each year's totals.
  const table = await overviewTable(
    ex,
    actor,
    unit.id,
    { from: p.from, to: p.to, sort: 'name', order: 'asc' },
    o,
  );
  const years = [];
  for (const y of yearsOf(p.from, p.to)) {
    const r = await overview(ex, actor, unit.id, { from: y.from, to: y.to, limit: 1, offset: 0 }, o);
    years.push({ ...y, indicators: reviewIndicators(r.totals) });
  }
  // The grading of the period's years, when any decision exists (issue 10; ADR 024).
  const lastDay = lastDayOf(p.to);
  const grading = await gradingOfYears(
    ex,
    unit.path,
    years.map((y) => Number(y.from.slice(0, 4))),
    (await rulePackForUnit(ex, unit.path, lastDay)).grading.levels,
  );
  const plans = await reviewPlans(ex, actor, unit, p, table.period.asOf);
  const ref = (u: { id: number; name: string; kind: string }): ReviewUnitRef => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
  });
  return {
    unit: ref(table.unit),
    period: { from: table.period.from, to: table.period.to, months: table.period.months },
    asOf: table.period.asOf,
    totals: reviewIndicators(table.totals),
    years,
    units: table.rows.map((r) => ({ unit: ref(r.unit), indicators: reviewIndicators(r.indicators) })),
    recognitions: await periodRecognitions(ex, unit.path, p.from, p.to),
    ...(grading.length > 0 ? { grading } : {}),
    // The unit's implementation plans, targets against results (issue 11 part B).
    ...(plans.length > 0 ? { plans } : {}),
  };
}
