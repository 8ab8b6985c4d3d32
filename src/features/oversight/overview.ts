/**
 * The committee overview (issue 9, ADR 021): for any unit and any period, the unit's totals and
 * one row per direct subordinate unit, each aggregating its whole subtree (a cell's row is the
 * cell). Drill-down is the same call on a child; asked about a cell, the overview answers the
 * cell's own totals and no rows (its months are the trend).
 *
 * Archived units have no roll-up rows (rollup.ts): they are neither rows nor counted in totals.
 *
 * Who sees what: staff and admins of the unit or an ancestor see every row; a supervisor or a
 * cell secretary whose grants sit on cells inside the unit (or on the unit) sees the unit's
 * totals and only the rows leading to their own units (`limited: true`). Any other unit answers
 * 404 exactly as if absent; inside a member's or a chi ủy viên's own cell, 403.
 *
 * Every figure comes from the summary rows (overview-sql.ts); what is left to this module is a
 * few thousand rows at most (the direct children of a province): ratios, filters, sort, page.
 * Sorted by name (the default) and not filtered by rating, the page is cut from the children list
 * first and only its rows are computed (ADR 031), so a province root costs what a page costs plus
 * its totals; sorted by an indicator, every row is computed and then sorted.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import {
  addMonths,
  bandOf,
  isQuarterEnd,
  monthsBetween,
  type Ratio,
  ratio,
  requiredVisits,
  unitNameSortKey,
} from '../../domain/indicators.js';
import { stripDiacritics } from '../../domain/vietnamese.js';
import type { RulePack } from '../../rules/types.js';
import type { Actor, Role } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import { isCellKind, type UnitKind } from '../org/labels.js';
import { rulePackForUnit } from '../org/service.js';
import {
  BAND_KEYS,
  type BandKey,
  type ExportQuery,
  type Indicators,
  MAX_EXPORT_ROWS,
  MAX_PERIOD_MONTHS,
  MAX_TREND_MONTHS,
  type OverviewQuery,
  type OverviewResponse,
  type RatioKey,
  type SortKey,
  type TrendResponse,
} from './overview-schema.js';
import {
  type AlertCount,
  type CellCounts,
  type RecommendationCount,
  readAlerts,
  readCellCounts,
  readRecommendations,
  readSums,
  readTrend,
  readUnitAndChildSums,
  type Sums,
} from './overview-sql.js';

interface OverviewUnit {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  kind: UnitKind;
  cell_type: string | null;
  depth: number;
  archived_at: Date | null;
}

const FULL_ROLES: readonly Role[] = ['admin', 'committee_staff'];
const LIMITED_ROLES: readonly Role[] = ['supervisor', 'cell_secretary'];

/** What the actor may see of a unit's overview: every row, or only the rows leading to `reach`. */
export type OverviewAccess = { limited: false } | { limited: true; reach: string[] };

/** The access rule of the module comment; throws 404 (or 403) otherwise. */
export function overviewAccess(actor: Actor, path: string): OverviewAccess {
  const grants = actor.grants;
  const covering = grants.filter((g) => path.startsWith(g.path));
  if (covering.some((g) => FULL_ROLES.includes(g.role) || LIMITED_ROLES.includes(g.role)))
    return { limited: false };
  const reach = grants
    .filter((g) => LIMITED_ROLES.includes(g.role) && g.path.startsWith(path))
    .map((g) => g.path);
  if (reach.length > 0) return { limited: true, reach };
  // Visible to the actor (their own cell, as a member or chi ủy viên) but not theirs to oversee.
  if (covering.length > 0) throw new AppError('FORBIDDEN');
  throw notFound('đơn vị');
}

async function loadUnit(ex: Executor, actor: Actor, id: number) {
  const [unit] = await ex.query<OverviewUnit>(
    'SELECT id, parent_id, path, name, kind, cell_type, depth, archived_at FROM org_units WHERE id = $1',
    [id],
  );
  if (!unit) throw notFound('đơn vị');
  return { unit, access: overviewAccess(actor, unit.path) };
}

export interface Period {
  from: string;
  to: string;
  months: number;
  /** The last month whose state is read: `to`, or the current month when `to` lies after it. */
  lastMonth: string;
  asOf: string;
}

/** Validates a period (from ≤ to, at most `max` months) and fixes its last readable month. */
export function period(from: string, to: string, today: string, max = MAX_PERIOD_MONTHS): Period {
  if (from > to)
    throw new AppError(
      'VALIDATION_FAILED',
      'Tháng bắt đầu (from) phải trước hoặc trùng tháng kết thúc (to).',
      {
        field: 'from',
      },
    );
  const months = monthsBetween(from, to);
  if (months > max)
    throw new AppError(
      'VALIDATION_FAILED',
      `Kỳ xem dài ${months} tháng; chỉ xem được tối đa ${max} tháng một lần.`,
      { field: 'to', max },
    );
  const current = today.slice(0, 7);
  return { from, to, months, lastMonth: to > current ? (from > current ? to : current) : to, asOf: today };
}

/** The same-length period just before. */
function previousPeriod(p: Period): Period {
  const from = addMonths(p.from, -p.months);
  const to = addMonths(p.from, -1);
  return { from, to, months: p.months, lastMonth: to, asOf: p.asOf };
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const EMPTY_SUMS: Omit<Sums, 'unit_id'> = {
  cells_last: 0,
  members_last: 0,
  pending_last: 0,
  cell_months: 0,
  member_months: 0,
  months_due: 0,
  months_held: 0,
  months_on_time: 0,
  months_missed: 0,
  att_present: 0,
  att_base: 0,
  members_tasked: 0,
  tasks_due: 0,
  tasks_done: 0,
  visits: 0,
  cell_scored: 0,
  cell_tot: 0,
  cell_kha: 0,
  cell_trung_binh: 0,
  cell_kem: 0,
  sup_scored: 0,
  sup_tot: 0,
  sup_kha: 0,
  sup_trung_binh: 0,
  sup_kem: 0,
  final_scored: 0,
  final_score_sum: 0,
};
const EMPTY_CELLS: Omit<CellCounts, 'child'> = {
  due_cells: 0,
  on_time_cells: 0,
  missed_cells: 0,
  quarter_cells: 0,
  thematic_cells: 0,
};

interface Current {
  alerts: Record<string, number>;
  recommendations: Omit<RecommendationCount, 'child'>;
}
const EMPTY_CURRENT = (): Current => ({
  alerts: {},
  recommendations: { total: 0, up_to_30: 0, up_to_90: 0, over_90: 0 },
});

/** The indicators of one row (or the totals) from its sums; `whole` holds the unit's own sums. */
export function indicatorsOf(
  s: Omit<Sums, 'unit_id'>,
  c: Omit<CellCounts, 'child'>,
  current: Current,
  whole: Omit<Sums, 'unit_id'>,
  minVisitsPerYear: number,
): Indicators {
  const bands = (prefix: 'cell' | 'sup', scored: number) =>
    Object.fromEntries(BAND_KEYS.map((b) => [b, ratio(s[`${prefix}_${b}`], scored)])) as Record<
      BandKey,
      Ratio
    >;
  const byKind = current.alerts;
  return {
    cells: ratio(s.cells_last, whole.cells_last),
    members: ratio(s.members_last, whole.members_last),
    regularOnTime: ratio(c.on_time_cells, c.due_cells),
    regularMissed: ratio(c.missed_cells, c.due_cells),
    regularPending: ratio(s.pending_last, s.cells_last),
    regularMonths: ratio(s.months_held, s.months_due),
    thematicQuarters: ratio(c.thematic_cells, c.quarter_cells),
    attendance: ratio(s.att_present, s.att_base),
    membersWithTasks: ratio(s.members_tasked, s.member_months),
    tasksCompleted: ratio(s.tasks_done, s.tasks_due),
    ratingCell: bands('cell', s.cell_scored),
    ratingSupervisor: bands('sup', s.sup_scored),
    visits: ratio(s.visits, requiredVisits(minVisitsPerYear, s.cell_months)),
    alertsOpen: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind },
    recommendationsOpen: {
      total: current.recommendations.total,
      upTo30Days: current.recommendations.up_to_30,
      upTo90Days: current.recommendations.up_to_90,
      over90Days: current.recommendations.over_90,
    },
  };
}

/** A row's rating: the pack band of the average final score over its scored cell-months. */
function ratingOf(s: Omit<Sums, 'unit_id'>, pack: RulePack) {
  if (s.final_scored === 0) return { band: null, averageScore: null, scoredMonths: 0 };
  const avg = Math.round((s.final_score_sum / s.final_scored) * 10) / 10;
  const band = bandOf(avg, pack.scoring.rubric.bands);
  return {
    band: (BAND_KEYS as readonly string[]).includes(band ?? '') ? (band as BandKey) : null,
    averageScore: avg,
    scoredMonths: s.final_scored,
  };
}

function groupCurrent(alerts: AlertCount[], recs: RecommendationCount[]) {
  const byChild = new Map<number | null, Current>();
  const totals = EMPTY_CURRENT();
  const at = (child: number | null) => {
    const known = byChild.get(child);
    if (known) return known;
    const c = EMPTY_CURRENT();
    byChild.set(child, c);
    return c;
  };
  for (const a of alerts) {
    const c = at(a.child);
    c.alerts[a.kind] = (c.alerts[a.kind] ?? 0) + a.n;
    totals.alerts[a.kind] = (totals.alerts[a.kind] ?? 0) + a.n;
  }
  for (const r of recs) {
    at(r.child).recommendations = {
      total: r.total,
      up_to_30: r.up_to_30,
      up_to_90: r.up_to_90,
      over_90: r.over_90,
    };
    totals.recommendations.total += r.total;
    totals.recommendations.up_to_30 += r.up_to_30;
    totals.recommendations.up_to_90 += r.up_to_90;
    totals.recommendations.over_90 += r.over_90;
  }
  return { byChild, totals };
}

function sumCells(rows: readonly CellCounts[]): Omit<CellCounts, 'child'> {
  const t = { ...EMPTY_CELLS };
  for (const r of rows) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

export interface OverviewRow {
  unit: { id: number; name: string; kind: UnitKind; cellType: string | null; cells: number };
  indicators: Indicators;
  rating: ReturnType<typeof ratingOf>;
}

interface Table {
  unit: OverviewRow['unit'];
  period: Period;
  totals: Indicators;
  totalsRating: ReturnType<typeof ratingOf>;
  rows: OverviewRow[];
  limited: boolean;
  pack: RulePack;
  row: OverviewUnit;
}

async function computeTotals(ex: Executor, unit: OverviewUnit, p: Period, current: Current, pack: RulePack) {
  const [sums, cells] = await Promise.all([
    readSums(ex, [unit.id], p.from, p.lastMonth),
    readCellCounts(ex, unit.path, unit.depth, addMonths(p.from, -1), p.lastMonth),
  ]);
  const s = sums[0] ?? { ...EMPTY_SUMS, unit_id: unit.id };
  return {
    sums: s,
    indicators: indicatorsOf(s, sumCells(cells), current, s, pack.oversight.minVisitsPerYear),
  };
}

/**
 * Chooses the children whose rows are computed: all of them (the default), or — when the order
 * and the filters need nothing but the unit itself — only the page's, so the work grows with the
 * page and not with the number of children (a province's root has ~1.300). Returns the chosen
 * children and the number of rows the whole filtered table has.
 */
type RowSelector = (children: OverviewUnit[]) => { chosen: OverviewUnit[]; total: number };

/** The table of a unit for a period: totals and the visible rows (all, or those `select` keeps). */
async function buildTable(
  ex: Executor,
  actor: Actor,
  unitId: number,
  from: string,
  to: string,
  today: string,
  select?: RowSelector,
): Promise<Table & { total: number }> {
  const { unit, access } = await loadUnit(ex, actor, unitId);
  const p = period(from, to, today);
  // Every read in one batch (on PostgreSQL they run side by side): the children, the pack, the
  // sums (the children chosen in SQL unless the viewer is limited), cell counts, alerts, advice.
  const childrenQ = isCellKind(unit.kind)
    ? Promise.resolve([] as OverviewUnit[])
    : ex
        .query<OverviewUnit>(
          `SELECT id, parent_id, path, name, kind, cell_type, depth, archived_at FROM org_units
            WHERE parent_id = $1 AND archived_at IS NULL`,
          [unit.id],
        )
        .then((rows) =>
          rows.filter((c) => !access.limited || access.reach.some((r) => r.startsWith(c.path))),
        );
  const chosenQ = select
    ? childrenQ.then(select)
    : childrenQ.then((children) => ({ chosen: children, total: children.length }));
  const sumsQ =
    access.limited || select
      ? chosenQ.then(({ chosen }) => readSums(ex, [unit.id, ...chosen.map((c) => c.id)], p.from, p.lastMonth))
      : readUnitAndChildSums(ex, unit.id, p.from, p.lastMonth);
  const [pack, { chosen: children, total }, sums, cells, alerts, recs] = await Promise.all([
    rulePackForUnit(ex, unit.path, lastDay(p.lastMonth)),
    chosenQ,
    sumsQ,
    readCellCounts(ex, unit.path, unit.depth, addMonths(p.from, -1), p.lastMonth),
    readAlerts(ex, unit.path, unit.depth),
    readRecommendations(ex, unit.path, unit.depth, today),
  ]);
  const sumOf = new Map(sums.map((s) => [s.unit_id, s]));
  const cellsOf = new Map(cells.map((c) => [c.child, c]));
  const current = groupCurrent(alerts, recs);
  const own = sumOf.get(unit.id) ?? { ...EMPTY_SUMS, unit_id: unit.id };
  const minVisits = pack.oversight.minVisitsPerYear;
  const rows = children.map((c): OverviewRow => {
    const s = sumOf.get(c.id) ?? { ...EMPTY_SUMS, unit_id: c.id };
    return {
      unit: { id: c.id, name: c.name, kind: c.kind, cellType: c.cell_type, cells: s.cells_last },
      indicators: indicatorsOf(
        s,
        cellsOf.get(c.id) ?? EMPTY_CELLS,
        current.byChild.get(c.id) ?? EMPTY_CURRENT(),
        own,
        minVisits,
      ),
      rating: ratingOf(s, pack),
    };
  });
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind, cellType: unit.cell_type, cells: own.cells_last },
    period: p,
    totals: indicatorsOf(own, sumCells(cells), current.totals, own, minVisits),
    totalsRating: ratingOf(own, pack),
    rows,
    total,
    limited: access.limited,
    pack,
    row: unit,
  };
}

/** The value a row is sorted by: a percent (null last) or a count. */
function sortValue(row: Sortable, key: SortKey): number | null {
  const i = row.indicators;
  if (!i) throw new Error(`sorting by ${key} needs the row's indicators`);
  if (key === 'alertsOpen') return i.alertsOpen.total;
  if (key === 'recommendationsOpen') return i.recommendationsOpen.total;
  if (key.startsWith('ratingCell.')) return i.ratingCell[key.slice(11) as BandKey].percent;
  if (key.startsWith('ratingSupervisor.')) return i.ratingSupervisor[key.slice(17) as BandKey].percent;
  return (i[key as RatioKey] as Ratio).percent;
}

const NAME_KEYS = new Map<string, string>();
/** The sort key of a unit name, computed once per process (names change rarely; the cache is bounded). */
function nameKey(name: string): string {
  let key = NAME_KEYS.get(name);
  if (key === undefined) {
    if (NAME_KEYS.size >= 100_000) NAME_KEYS.clear();
    key = unitNameSortKey(name);
    NAME_KEYS.set(name, key);
  }
  return key;
}

/** What filtering and sorting read of a row: the unit always; rating and indicators when asked. */
type Sortable = { unit: Pick<OverviewRow['unit'], 'id' | 'name' | 'kind' | 'cellType'> } & Partial<
  Pick<OverviewRow, 'rating' | 'indicators'>
>;

/** Whether the query's order and filters read the unit alone (name order, no rating filter). */
export function ordersByUnitAlone(q: Partial<ExportQuery>): boolean {
  return (q.sort ?? 'name') === 'name' && !q.rating;
}

/**
 * Filters and sorts rows as the query asks (cell type, rating, name search; sort key and order).
 * Rows without indicators (the page-first path) may only be given when `ordersByUnitAlone(q)`.
 */
export function filterAndSort<T extends Sortable>(rows: readonly T[], q: Partial<ExportQuery>): T[] {
  const needle = q.q?.trim() ? stripDiacritics(q.q.trim()).toLocaleLowerCase('vi') : null;
  const kept = rows.filter(
    (r) =>
      (!q.cellType || (isCellKind(r.unit.kind) && r.unit.cellType === q.cellType)) &&
      (!q.rating || r.rating?.band === q.rating) &&
      (!needle || stripDiacritics(r.unit.name).toLocaleLowerCase('vi').includes(needle)),
  );
  const key = q.sort ?? 'name';
  const dir = q.order === 'desc' ? -1 : 1;
  // Each name's key once, not once per comparison (a province has ~1.250 rows), and kept between calls.
  const keys = new Map(kept.map((r) => [r, nameKey(r.unit.name)]));
  const byName = (a: T, b: T) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka < kb ? -1 : ka > kb ? 1 : a.unit.id - b.unit.id;
  };
  if (key === 'name') return kept.sort((a, b) => dir * byName(a, b));
  const values = new Map(kept.map((r) => [r, sortValue(r, key)]));
  return kept.sort((a, b) => {
    const va = values.get(a) ?? null;
    const vb = values.get(b) ?? null;
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return dir * (va - vb) || byName(a, b);
  });
}

export interface OverviewOptions {
  /** The day the overview is read on (tests and the bench pin it); today in Asia/Ho_Chi_Minh. */
  today?: string;
}

export type OverviewInput = Pick<OverviewQuery, 'from' | 'to'> & Partial<OverviewQuery>;

/** `GET /api/org-units/{id}/overview`: the service function the routes and the bench call. */
export async function overview(
  ex: Executor,
  actor: Actor,
  unitId: number,
  query: OverviewInput,
  opts: OverviewOptions = {},
): Promise<OverviewResponse> {
  const today = opts.today ?? todayIso();
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  let items: OverviewRow[];
  let t: Awaited<ReturnType<typeof buildTable>>;
  if (ordersByUnitAlone(query)) {
    // Page first: filter and sort the children by their own fields, compute the page's rows only.
    const select: RowSelector = (children) => {
      const kept = filterAndSort(
        children.map((c) => ({ unit: { id: c.id, name: c.name, kind: c.kind, cellType: c.cell_type }, c })),
        query,
      );
      return { chosen: kept.slice(offset, offset + limit).map((r) => r.c), total: kept.length };
    };
    t = await buildTable(ex, actor, unitId, query.from, query.to, today, select);
    items = t.rows; // already in the page's order: `chosen` kept it
  } else {
    t = await buildTable(ex, actor, unitId, query.from, query.to, today);
    const rows = filterAndSort(t.rows, query);
    items = rows.slice(offset, offset + limit);
    t.total = rows.length;
  }
  const out: OverviewResponse = {
    unit: t.unit,
    period: t.period,
    totals: t.totals,
    totalsRating: t.totalsRating,
    items,
    total: t.total,
    limited: t.limited,
  };
  if (query.compare === 'previous') {
    const prev = previousPeriod(t.period);
    const current = { alerts: t.totals.alertsOpen.byKind, recommendations: recsBack(t.totals) };
    out.previousPeriod = prev;
    out.previousTotals = (await computeTotals(ex, t.row, prev, current, t.pack)).indicators;
  }
  return out;
}

function recsBack(i: Indicators): Current['recommendations'] {
  const r = i.recommendationsOpen;
  return { total: r.total, up_to_30: r.upTo30Days, up_to_90: r.upTo90Days, over_90: r.over90Days };
}

/** The whole filtered table for the .xlsx (no paging); more than `maxRows` rows is a 400. */
export async function overviewTable(
  ex: Executor,
  actor: Actor,
  unitId: number,
  query: Pick<ExportQuery, 'from' | 'to'> & Partial<ExportQuery>,
  opts: OverviewOptions & { maxRows?: number } = {},
) {
  const t = await buildTable(ex, actor, unitId, query.from, query.to, opts.today ?? todayIso());
  const rows = filterAndSort(t.rows, query);
  const max = opts.maxRows ?? MAX_EXPORT_ROWS;
  if (rows.length > max)
    throw new AppError(
      'VALIDATION_FAILED',
      `Bảng có ${rows.length} dòng, vượt giới hạn ${max} dòng của một tệp Excel; hãy lọc bớt (loại hình, xếp loại, tên).`,
      { rows: rows.length, max },
    );
  return {
    unit: t.unit,
    period: t.period,
    totals: t.totals,
    totalsRating: t.totalsRating,
    rows,
    limited: t.limited,
    pack: t.pack,
  };
}

/**
 * `GET /api/org-units/{id}/overview/trend`: the unit's totals month by month (at most 60), from
 * the unit's own roll-up rows in one statement. Per month, the "every month" ratios are those of a
 * one-month period: cells on time / cells due that month, and on a quarter's last month the cells
 * with a thematic meeting in the quarter / cells whose quarter ended. Current-state blocks (alerts,
 * recommendations) are not part of a trend. Limited viewers see the trend of the totals they see.
 */
export async function overviewTrend(
  ex: Executor,
  actor: Actor,
  unitId: number,
  query: { from: string; to: string },
  opts: OverviewOptions = {},
): Promise<TrendResponse> {
  const today = opts.today ?? todayIso();
  const { unit } = await loadUnit(ex, actor, unitId);
  const p = period(query.from, query.to, today, MAX_TREND_MONTHS);
  const pack = await rulePackForUnit(ex, unit.path, lastDay(p.lastMonth));
  const months = Array.from({ length: p.months }, (_, i) => addMonths(p.from, i));
  const rows = await readTrend(ex, unit, p.from, p.to, months.filter(isQuarterEnd), today);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const minVisits = pack.oversight.minVisitsPerYear;
  const items = months.map((month) => {
    const r = byMonth.get(month);
    const s = r ?? { ...EMPTY_SUMS, quarter_cells: null, thematic_cells: null };
    const c = {
      due_cells: s.months_due,
      on_time_cells: s.months_on_time,
      missed_cells: s.months_missed,
      quarter_cells: s.quarter_cells ?? 0,
      thematic_cells: s.thematic_cells ?? 0,
    };
    const {
      alertsOpen: _a,
      recommendationsOpen: _r,
      ...indicators
    } = indicatorsOf(s, c, EMPTY_CURRENT(), s, minVisits);
    return { month, indicators };
  });
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      cellType: unit.cell_type,
      cells: byMonth.get(p.lastMonth)?.cells_last ?? 0,
    },
    items,
  };
}
