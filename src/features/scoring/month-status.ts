/**
 * `GET /api/org-units/:id/month-status` (issue 12, ADR 026 part 5, ADR 031): the month × unit
 * status table of a unit, paged by unit.
 *
 * - `scope=cells` (the default for a cell and for a đảng bộ whose children are all cells): the
 *   cells of the subtree, one row per cell × month read from `cell_month_status`; a page holds
 *   `limit` cells with all their months.
 * - `scope=children` (the default for a unit with đảng bộ under it): the direct children, one row
 *   per child × month read from its roll-up (`unit_month_rollup`, the sum of its subtree's cells).
 *
 * Units are ordered as the unit pages order them (sort_order, name, id) and paged by keyset: the
 * cursor (list 'monthStatus') carries the last unit's id and the total counted on the first page;
 * the next page starts after that unit's (sort_order, name, id). A page reads `limit + 1` units and
 * their rows through the primary keys (unit_id, month): no scan of the subtree's history, no sort
 * of cells × months.
 */
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { percentHalfUp, todayIso } from '../../domain/format.js';
import { monthsBetween } from '../../domain/indicators.js';
import { allPacks } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, intText, isoMonth, typed } from '../../server/http.js';
import { readDb } from '../../server/read-db.js';
import { visibleUnit } from '../org/service.js';
import { CELL_KINDS_SQL } from '../oversight/rollup.js';
import { decodeCursor, encodeCursor } from '../oversight/subtree-cursor.js';

/** A month's regular meeting: held, not yet due (pending) or missed. */
export function monthState(
  held: boolean,
  dueDate: string | null,
  today: string,
): 'held' | 'pending' | 'missed' {
  if (held) return 'held';
  return dueDate !== null && today <= dueDate ? 'pending' : 'missed';
}

export const MONTH_STATUS_MAX_LIMIT = 200;
export const MONTH_STATUS_DEFAULT_LIMIT = 50;
/** Longest span of months one request may ask for (a page is at most limit × this many rows). */
export const MONTH_STATUS_MAX_MONTHS = 60;

export type MonthStatusScope = 'children' | 'cells';

export const monthStatusQuery = z.object({
  from: isoMonth,
  to: isoMonth,
  scope: z.enum(['children', 'cells'], { error: 'Phạm vi (scope) là children hoặc cells' }).optional(),
  limit: intText(1, 100_000, 'limit').optional(),
  cursor: z.string().max(1000).optional(),
});
export type MonthStatusQuery = z.infer<typeof monthStatusQuery>;

interface UnitRef {
  id: number;
  name: string;
  kind: string;
  sort_order: number;
}

interface CellRow {
  unit_id: number;
  month: string;
  regular_held: boolean;
  regular_on_time: boolean;
  thematic_in_quarter: boolean;
  meeting_id: number | null;
  length_minutes: number | null;
  min_minutes: number | null;
  attendance_percent: string | null;
  cell_score: string | null;
  supervisor_score: string | null;
  rating: string | null;
  documents_on_time: boolean | null;
  minutes_on_time: boolean | null;
  due_date: string | null;
  regular_planned: boolean;
}

interface RollupRow {
  unit_id: number;
  month: string;
  cells: number;
  members: number;
  months_due: number;
  months_held: number;
  months_on_time: number;
  months_missed: number;
  months_pending: number;
  thematic_held: number;
  att_present: number;
  att_base: number;
  cell_scored: number;
  cell_tot: number;
  cell_kha: number;
  cell_trung_binh: number;
  cell_kem: number;
  sup_scored: number;
  sup_tot: number;
  sup_kha: number;
  sup_trung_binh: number;
  sup_kem: number;
}

function checkQuery(q: MonthStatusQuery): number {
  const limit = q.limit ?? MONTH_STATUS_DEFAULT_LIMIT;
  if (limit > MONTH_STATUS_MAX_LIMIT)
    throw new AppError(
      'VALIDATION_FAILED',
      `Mỗi trang lấy tối đa ${MONTH_STATUS_MAX_LIMIT} đơn vị (limit từ 1 đến ${MONTH_STATUS_MAX_LIMIT}).`,
      { field: 'limit', max: MONTH_STATUS_MAX_LIMIT },
    );
  if (q.to < q.from)
    throw new AppError('VALIDATION_FAILED', 'Tháng cuối (to) không được trước tháng đầu (from).', {
      field: 'to',
    });
  if (monthsBetween(q.from, q.to) > MONTH_STATUS_MAX_MONTHS)
    throw new AppError(
      'VALIDATION_FAILED',
      `Mỗi lần xem tối đa ${MONTH_STATUS_MAX_MONTHS} tháng (từ from đến to).`,
      { field: 'to', max: MONTH_STATUS_MAX_MONTHS },
    );
  return limit;
}

/** The default scope: the children's roll-up when a unit not a cell sits directly under the unit. */
async function defaultScope(ex: Executor, unitId: number, isCell: boolean): Promise<MonthStatusScope> {
  if (isCell) return 'cells';
  const [row] = await ex.query<{ above: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM org_units WHERE parent_id = $1 AND archived_at IS NULL
                      AND kind NOT IN ${CELL_KINDS_SQL}) AS above`,
    [unitId],
  );
  return row?.above ? 'children' : 'cells';
}

/**
 * One page of the units of the list, in order, and the list's total (counted on the first page,
 * carried in the cursor after it).
 */
async function pageUnits(
  ex: Executor,
  unit: { id: number; path: string },
  scope: MonthStatusScope,
  limit: number,
  cursorText: string | undefined,
): Promise<{ units: UnitRef[]; total: number; nextCursor: string | null }> {
  const cursor = cursorText ? decodeCursor('monthStatus', 'text', cursorText) : null;
  const where =
    scope === 'cells'
      ? `u.path LIKE $1 AND u.kind IN ${CELL_KINDS_SQL} AND u.archived_at IS NULL`
      : 'u.parent_id = $1 AND u.archived_at IS NULL';
  const first = scope === 'cells' ? `${unit.path}%` : unit.id;
  const after = cursor
    ? `AND (u.sort_order, u.name, u.id) > (SELECT c.sort_order, c.name, c.id FROM org_units c WHERE c.id = $3)`
    : '';
  const units = await ex.query<UnitRef>(
    `SELECT u.id, u.name, u.kind, u.sort_order FROM org_units u
      WHERE ${where} ${after}
      ORDER BY u.sort_order, u.name, u.id LIMIT $2`,
    cursor ? [first, limit + 1, cursor.id] : [first, limit + 1],
  );
  let total: number;
  if (cursor) total = cursor.total;
  else if (units.length <= limit) total = units.length;
  else {
    const [row] = await ex.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units u WHERE ${where}`, [
      first,
    ]);
    total = row?.n ?? 0;
  }
  const more = units.length > limit;
  const page = more ? units.slice(0, limit) : units;
  const last = page[page.length - 1];
  return {
    units: page,
    total,
    nextCursor:
      more && last ? encodeCursor('monthStatus', { key: String(last.sort_order), id: last.id, total }) : null,
  };
}

const num = (v: string | number | null) => (v === null ? null : Number(v));
const share = (n: number, d: number) => (d > 0 ? percentHalfUp(n, d) : null);

async function cellItems(ex: Executor, units: UnitRef[], from: string, to: string, today: string) {
  if (units.length === 0) return [];
  const rows = await ex.query<CellRow>(
    `SELECT s.unit_id, s.month, s.regular_held, s.regular_on_time, s.thematic_in_quarter, s.meeting_id,
            s.length_minutes, s.min_minutes, s.attendance_percent, s.cell_score, s.supervisor_score, s.rating,
            s.documents_on_time, s.minutes_on_time, s.due_date, s.regular_planned
       FROM cell_month_status s
      WHERE s.unit_id = ANY($1::int[]) AND s.month BETWEEN $2 AND $3`,
    [units.map((u) => u.id), from, to],
  );
  // Band keys by label across every pack, so the UI colours by key, not by text.
  const keyOf = new Map(
    (await allPacks(ex)).flatMap((p) => p.scoring.rubric.bands.map((b) => [b.label, b.key] as const)),
  );
  const order = new Map(units.map((u, i) => [u.id, i]));
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  rows.sort((a, b) => order.get(a.unit_id)! - order.get(b.unit_id)! || (a.month < b.month ? -1 : 1));
  return rows.map((x) => ({
    unitId: x.unit_id,
    unitName: nameOf.get(x.unit_id)!,
    month: x.month,
    regularHeld: x.regular_held,
    regularOnTime: x.regular_on_time,
    thematicInQuarter: x.thematic_in_quarter,
    meetingId: x.meeting_id,
    lengthMinutes: x.length_minutes,
    minMinutes: x.min_minutes,
    attendancePercent: num(x.attendance_percent),
    cellScore: num(x.cell_score),
    supervisorScore: num(x.supervisor_score),
    rating: x.rating,
    ratingKey: x.rating ? (keyOf.get(x.rating) ?? null) : null,
    documentsOnTime: x.documents_on_time,
    minutesOnTime: x.minutes_on_time,
    dueDate: x.due_date,
    regularPlanned: x.regular_planned,
    // Not held yet: pending until its due date, missed after it (HD 42: monthly).
    state: monthState(x.regular_held, x.due_date, today),
  }));
}

async function childItems(ex: Executor, units: UnitRef[], from: string, to: string) {
  if (units.length === 0) return [];
  const rows = await ex.query<RollupRow>(
    `SELECT r.unit_id, r.month, r.cells, r.members, r.months_due, r.months_held, r.months_on_time,
            r.months_missed, r.months_pending, r.thematic_held, r.att_present, r.att_base,
            r.cell_scored, r.cell_tot, r.cell_kha, r.cell_trung_binh, r.cell_kem,
            r.sup_scored, r.sup_tot, r.sup_kha, r.sup_trung_binh, r.sup_kem
       FROM unit_month_rollup r
      WHERE r.unit_id = ANY($1::int[]) AND r.month BETWEEN $2 AND $3`,
    [units.map((u) => u.id), from, to],
  );
  const order = new Map(units.map((u, i) => [u.id, i]));
  const byId = new Map(units.map((u) => [u.id, u]));
  rows.sort((a, b) => order.get(a.unit_id)! - order.get(b.unit_id)! || (a.month < b.month ? -1 : 1));
  const n = (v: number | string) => Number(v);
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: byId.get(r.unit_id)!.name,
    unitKind: byId.get(r.unit_id)!.kind,
    month: r.month,
    cells: n(r.cells),
    members: n(r.members),
    monthsDue: n(r.months_due),
    monthsHeld: n(r.months_held),
    monthsOnTime: n(r.months_on_time),
    monthsMissed: n(r.months_missed),
    monthsPending: n(r.months_pending),
    heldPercent: share(n(r.months_held), n(r.months_due)),
    onTimePercent: share(n(r.months_on_time), n(r.months_due)),
    thematicHeld: n(r.thematic_held),
    attendancePercent: share(n(r.att_present), n(r.att_base)),
    cellRatings: {
      scored: n(r.cell_scored),
      tot: n(r.cell_tot),
      kha: n(r.cell_kha),
      trungBinh: n(r.cell_trung_binh),
      kem: n(r.cell_kem),
    },
    supervisorRatings: {
      scored: n(r.sup_scored),
      tot: n(r.sup_tot),
      kha: n(r.sup_kha),
      trungBinh: n(r.sup_trung_binh),
      kem: n(r.sup_kem),
    },
  }));
}

/** The month status page of a unit the actor may read meetings of; 404 outside their scope. */
export async function monthStatusPage(ex: Executor, actor: Actor, unitId: number, q: MonthStatusQuery) {
  const limit = checkQuery(q);
  const unit = await visibleUnit(ex, actor, unitId);
  authorize(actor, 'meeting.read', unit.path);
  const isCell = ['chi_bo', 'chi_bo_co_so'].includes(unit.kind);
  const scope = q.scope ?? (await defaultScope(ex, unit.id, isCell));
  const page = await pageUnits(ex, unit, scope, limit, q.cursor);
  const today = todayIso();
  const base = {
    today,
    scope,
    total: page.total,
    nextCursor: page.nextCursor,
    units: page.units.map((u) => ({ unitId: u.id, unitName: u.name, unitKind: u.kind })),
  };
  // Children rows: one per child × month, each the sum of the cells of the child's subtree.
  if (scope === 'children') return { ...base, items: await childItems(ex, page.units, q.from, q.to) };
  return {
    ...base,
    // The cells of this page (a cell without rows in the months still shows as a line).
    cells: page.units.map((u) => ({ unitId: u.id, unitName: u.name })),
    items: await cellItems(ex, page.units, q.from, q.to, today),
  };
}

export async function monthStatusRoutes(app: App) {
  typed(app).get(
    '/api/org-units/:id/month-status',
    {
      schema: {
        tags: ['quality'],
        summary:
          'Tình hình theo tháng, theo trang đơn vị: từng chi bộ (nề nếp, chuyên đề, thời lượng, dự họp, điểm, xếp loại) hoặc tổng hợp từng đơn vị trực thuộc',
        params: idParams,
        querystring: monthStatusQuery,
      },
    },
    // Dashboard read (ADR 026): may go to the replica (src/server/read-db.ts).
    async (req) => monthStatusPage(readDb(req), actorOf(req), req.params.id, req.query),
  );
}
