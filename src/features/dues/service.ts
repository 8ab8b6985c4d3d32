/**
 * Reading the dues ledger (issue 10 item 1, ADR 024): a cell's month (one row per member, the
 * due computed from the member's base for a month not yet recorded), a đảng bộ's month (one
 * summary row per cell, summed per direct child), a member's year, and the figures the monthly
 * meeting reports. Amounts are integers of đồng (PostgreSQL `bigint` arrives as text: converted).
 */
import type { Executor } from '../../db/executor.js';
import { duesFor, duesMeetingSentence, monthBounds } from '../../domain/dues.js';
import type { RulePack } from '../../rules/index.js';
import type { DuesRules } from '../../rules/year-types.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow } from '../org/service.js';

const num = (v: unknown): number => (v == null ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

export interface CellDuesItem {
  memberId: number;
  fullName: string;
  category: string;
  categoryLabel: string;
  base: number | null;
  due: number;
  paid: number;
  /** Σ max(due − paid, 0) over the member's entries up to and including the month. */
  arrears: number;
  paidOn: string | null;
  reason: string | null;
  /** Months of the month's year, up to it, with paid < due and no reason (xóa tên ground). */
  unpaidMonthsThisYear: number;
  /** False while the cell has not recorded this member for the month (due computed, paid 0). */
  recorded: boolean;
}

export interface DuesTotals {
  members: number;
  recorded: number;
  paidMembers: number;
  unpaidMembers: number;
  due: number;
  paid: number;
  arrears: number;
  remitted: number;
}

export interface CellDues {
  kind: 'cell';
  unitId: number;
  unitName: string;
  month: string;
  items: CellDuesItem[];
  totals: DuesTotals;
  categories: { key: string; label: string; basis: 'percent' | 'fixed' }[];
  /** The month's dues rules (categories with their rates, rounding): the web previews a due with `duesFor`. */
  rules: DuesRules;
  /** What the cell handed over to the committee for the month, oldest first. */
  remittances: DuesRemittance[];
  /** The recorded month's figures as the monthly meeting reports them (null before any entry). */
  summary: MeetingDuesSummary | null;
}

export interface DuesRemittance {
  id: number;
  amount: number;
  remittedOn: string;
  note: string | null;
}

export interface SubtreeDuesItem {
  unitId: number;
  unitName: string;
  unitKind: string;
  members: number;
  due: number;
  paid: number;
  arrears: number;
  unpaidMembers: number;
  remitted: number;
  /** Cells below this row that have recorded the month. */
  cellsRecorded: number;
}

export interface SubtreeDues {
  kind: 'subtree';
  unitId: number;
  unitName: string;
  month: string;
  items: SubtreeDuesItem[];
  totals: Omit<SubtreeDuesItem, 'unitId' | 'unitName' | 'unitKind'>;
}

export function categoryLabel(key: string, rules: DuesRules): string {
  return rules.categories.find((c) => c.key === key)?.label ?? key;
}

/** The pack in force for a unit on the first day of a month. */
export function packForMonth(ex: Executor, unit: Pick<UnitRow, 'path'>, month: string): Promise<RulePack> {
  return rulePackForUnit(ex, unit.path, monthBounds(month).first);
}

export interface RosterRow {
  member_id: number;
  full_name: string;
  base_category: string | null;
  base_amount: string | number | null;
  entry_id: number | null;
  category: string | null;
  entry_base: string | number | null;
  due: string | number | null;
  paid: string | number | null;
  paid_on: string | null;
  reason: string | null;
}

/**
 * The members a cell counts in a month — a home membership in the cell covering a day of the
 * month — with the base in force and the month's entry, plus anyone the cell already recorded
 * that month. A member already recorded that month by another cell (moved mid-month) is left out.
 * `memberIds` narrows the list (a bulk save).
 */
export async function cellRoster(
  ex: Executor,
  unitId: number,
  month: string,
  memberIds?: number[],
): Promise<RosterRow[]> {
  const { first, last } = monthBounds(month);
  return ex.query<RosterRow>(
    `WITH r AS (
       SELECT ms.member_id FROM memberships ms
        WHERE ms.unit_id = $1 AND ms.valid_from <= $3::date AND (ms.valid_to IS NULL OR ms.valid_to > $2::date)
       UNION
       SELECT e.member_id FROM dues_entries e WHERE e.unit_id = $1 AND e.month = $4
     )
     SELECT m.id AS member_id, m.full_name, b.category AS base_category, b.base_amount,
            e.id AS entry_id, e.category, e.base_amount AS entry_base, e.due, e.paid,
            to_char(e.paid_on, 'YYYY-MM-DD') AS paid_on, e.reason
       FROM r JOIN members m ON m.id = r.member_id
       LEFT JOIN dues_entries e ON e.member_id = m.id AND e.month = $4 AND e.unit_id = $1
       LEFT JOIN LATERAL (
         SELECT db.category, db.base_amount FROM dues_bases db
          WHERE db.member_id = m.id AND db.valid_from <= $4 ORDER BY db.valid_from DESC LIMIT 1
       ) b ON true
      WHERE ($5::int[] IS NULL OR m.id = ANY($5::int[]))
        AND NOT EXISTS (SELECT 1 FROM dues_entries o WHERE o.member_id = m.id AND o.month = $4 AND o.unit_id <> $1)
      ORDER BY m.sort_key COLLATE "C", m.id`,
    [unitId, first, last, month, memberIds ?? null],
  );
}

/** Arrears and unpaid months of the year, up to and including `month`, for many members at once. */
export async function memberArrears(
  ex: Executor,
  memberIds: number[],
  month: string,
): Promise<Map<number, { arrears: number; unpaidMonths: number }>> {
  if (memberIds.length === 0) return new Map();
  const rows = await ex.query<{ member_id: number; arrears: string | number; unpaid_months: number }>(
    `SELECT member_id, coalesce(sum(greatest(due - paid, 0)), 0) AS arrears,
            (count(*) FILTER (WHERE month >= $3 AND paid < due AND reason IS NULL))::int AS unpaid_months
       FROM dues_entries WHERE member_id = ANY($1::int[]) AND month <= $2
      GROUP BY member_id`,
    [memberIds, month, `${month.slice(0, 4)}-01`],
  );
  return new Map(rows.map((r) => [r.member_id, { arrears: num(r.arrears), unpaidMonths: r.unpaid_months }]));
}

/** The due a roster row owes for the month from its base in force (ignoring any stored entry). */
export function rosterDue(
  r: RosterRow,
  rules: DuesRules,
): { category: string; base: number | null; due: number } {
  const category = r.base_category ?? rules.defaultCategory;
  const base = numOrNull(r.base_amount);
  return { category, base, due: duesFor(category, base, rules) };
}

export async function cellDues(ex: Executor, unit: UnitRow, month: string): Promise<CellDues> {
  const pack = await packForMonth(ex, unit, month);
  const rules = pack.dues;
  const roster = await cellRoster(ex, unit.id, month);
  const arrears = await memberArrears(
    ex,
    roster.map((r) => r.member_id),
    month,
  );
  const items: CellDuesItem[] = roster.map((r) => {
    const a = arrears.get(r.member_id) ?? { arrears: 0, unpaidMonths: 0 };
    if (r.entry_id != null) {
      const category = r.category ?? rules.defaultCategory;
      return {
        memberId: r.member_id,
        fullName: r.full_name,
        category,
        categoryLabel: categoryLabel(category, rules),
        base: numOrNull(r.entry_base),
        due: num(r.due),
        paid: num(r.paid),
        arrears: a.arrears,
        paidOn: r.paid_on,
        reason: r.reason,
        unpaidMonthsThisYear: a.unpaidMonths,
        recorded: true,
      };
    }
    const d = rosterDue(r, rules);
    return {
      memberId: r.member_id,
      fullName: r.full_name,
      category: d.category,
      categoryLabel: categoryLabel(d.category, rules),
      base: d.base,
      due: d.due,
      paid: 0,
      arrears: a.arrears,
      paidOn: null,
      reason: null,
      unpaidMonthsThisYear: a.unpaidMonths,
      recorded: false,
    };
  });
  const [summary] = await ex.query<{ remitted: string | number }>(
    'SELECT remitted FROM dues_cell_month WHERE unit_id = $1 AND month = $2',
    [unit.id, month],
  );
  const remittances = await ex.query<{
    id: number;
    amount: string | number;
    remitted_on: string;
    note: string | null;
  }>(
    `SELECT id, amount, to_char(remitted_on, 'YYYY-MM-DD') AS remitted_on, note FROM dues_remittances
      WHERE unit_id = $1 AND month = $2 ORDER BY remitted_on, id`,
    [unit.id, month],
  );
  const recorded = items.filter((i) => i.recorded);
  const unpaid = recorded.filter((i) => i.paid < i.due).length;
  return {
    kind: 'cell',
    unitId: unit.id,
    unitName: unit.name,
    month,
    items,
    totals: {
      members: items.length,
      recorded: recorded.length,
      paidMembers: recorded.length - unpaid,
      unpaidMembers: unpaid,
      due: items.reduce((s, i) => s + i.due, 0),
      paid: items.reduce((s, i) => s + i.paid, 0),
      arrears: items.reduce((s, i) => s + i.arrears, 0),
      remitted: num(summary?.remitted),
    },
    categories: rules.categories.map((c) => ({ key: c.key, label: c.label, basis: c.basis })),
    rules,
    remittances: remittances.map((r) => ({
      id: r.id,
      amount: num(r.amount),
      remittedOn: r.remitted_on,
      note: r.note,
    })),
    summary: await duesSummaryForMeeting(ex, unit.id, month),
  };
}

/**
 * A đảng bộ's month: the direct children with the sums of their cells' summary rows (one row
 * per cell, found by path), and the totals. Arrears are each cell's as of its latest recorded
 * month up to `month`.
 */
export async function subtreeDues(ex: Executor, unit: UnitRow, month: string): Promise<SubtreeDues> {
  const rows = await ex.query<{
    id: number;
    name: string;
    kind: string;
    members: string | number | null;
    due: string | number | null;
    paid: string | number | null;
    arrears: string | number | null;
    unpaid_members: string | number | null;
    remitted: string | number | null;
    cells_recorded: string | number | null;
  }>(
    `WITH sums AS (
       SELECT split_part(substr(d.path, $3), '/', 1)::int AS child_id,
              sum(s.members) AS members, sum(s.due) AS due, sum(s.paid) AS paid,
              sum(s.unpaid_members) AS unpaid_members, sum(s.remitted) AS remitted,
              sum(a.arrears) AS arrears, count(s.unit_id) AS cells_recorded
         FROM org_units d
         LEFT JOIN dues_cell_month s ON s.unit_id = d.id AND s.month = $2
         LEFT JOIN LATERAL (
           SELECT x.arrears FROM dues_cell_month x WHERE x.unit_id = d.id AND x.month <= $2
            ORDER BY x.month DESC LIMIT 1
         ) a ON true
        WHERE d.path LIKE $4 AND d.id <> $1 AND d.kind IN ('chi_bo', 'chi_bo_co_so')
        GROUP BY 1
     )
     SELECT c.id, c.name, c.kind, sums.members, sums.due, sums.paid, sums.arrears, sums.unpaid_members,
            sums.remitted, sums.cells_recorded
       FROM org_units c LEFT JOIN sums ON sums.child_id = c.id
      WHERE c.parent_id = $1 AND c.archived_at IS NULL
      ORDER BY c.sort_order, c.name`,
    [unit.id, month, unit.path.length + 1, `${unit.path}%`],
  );
  const items: SubtreeDuesItem[] = rows.map((r) => ({
    unitId: r.id,
    unitName: r.name,
    unitKind: r.kind,
    members: num(r.members),
    due: num(r.due),
    paid: num(r.paid),
    arrears: num(r.arrears),
    unpaidMembers: num(r.unpaid_members),
    remitted: num(r.remitted),
    cellsRecorded: num(r.cells_recorded),
  }));
  const sum = (k: keyof SubtreeDues['totals']) => items.reduce((s, i) => s + i[k], 0);
  return {
    kind: 'subtree',
    unitId: unit.id,
    unitName: unit.name,
    month,
    items,
    totals: {
      members: sum('members'),
      due: sum('due'),
      paid: sum('paid'),
      arrears: sum('arrears'),
      unpaidMembers: sum('unpaidMembers'),
      remitted: sum('remitted'),
      cellsRecorded: sum('cellsRecorded'),
    },
  };
}

export function unitDues(ex: Executor, unit: UnitRow, month: string): Promise<CellDues | SubtreeDues> {
  return isCellKind(unit.kind) ? cellDues(ex, unit, month) : subtreeDues(ex, unit, month);
}

export interface MemberDuesMonth {
  month: string;
  recorded: boolean;
  unitId: number | null;
  category: string | null;
  categoryLabel: string | null;
  base: number | null;
  due: number | null;
  paid: number | null;
  paidOn: string | null;
  reason: string | null;
  /** paid < due without a reason: counted towards xóa tên. */
  unpaid: boolean;
}

/** A member's 12 months of a year, the base in force today and the year's totals. */
export async function memberDuesYear(
  ex: Executor,
  member: { id: number; full_name: string; unit_path: string },
  year: number,
  currentMonth: string,
) {
  const pack = await rulePackForUnit(ex, member.unit_path, `${year}-01-01`);
  const rules = pack.dues;
  const entries = await ex.query<{
    month: string;
    unit_id: number;
    category: string;
    base_amount: string | number | null;
    due: string | number;
    paid: string | number;
    paid_on: string | null;
    reason: string | null;
  }>(
    `SELECT month, unit_id, category, base_amount, due, paid, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, reason
       FROM dues_entries WHERE member_id = $1 AND month >= $2 AND month <= $3 ORDER BY month`,
    [member.id, `${year}-01`, `${year}-12`],
  );
  const byMonth = new Map(entries.map((e) => [e.month, e]));
  const months: MemberDuesMonth[] = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const e = byMonth.get(month);
    if (!e)
      return {
        month,
        recorded: false,
        unitId: null,
        category: null,
        categoryLabel: null,
        base: null,
        due: null,
        paid: null,
        paidOn: null,
        reason: null,
        unpaid: false,
      };
    const due = num(e.due);
    const paid = num(e.paid);
    return {
      month,
      recorded: true,
      unitId: e.unit_id,
      category: e.category,
      categoryLabel: categoryLabel(e.category, rules),
      base: numOrNull(e.base_amount),
      due,
      paid,
      paidOn: e.paid_on,
      reason: e.reason,
      unpaid: paid < due && !e.reason,
    };
  });
  const [base] = await ex.query<{
    category: string;
    base_amount: string | number | null;
    valid_from: string;
  }>(
    `SELECT category, base_amount, valid_from FROM dues_bases WHERE member_id = $1 AND valid_from <= $2
      ORDER BY valid_from DESC LIMIT 1`,
    [member.id, currentMonth],
  );
  const arrears = await memberArrears(ex, [member.id], `${year}-12`);
  const recorded = months.filter((m) => m.recorded);
  const category = base?.category ?? rules.defaultCategory;
  const baseAmount = numOrNull(base?.base_amount);
  return {
    memberId: member.id,
    fullName: member.full_name,
    year,
    base: {
      category,
      categoryLabel: categoryLabel(category, rules),
      baseAmount,
      validFrom: base?.valid_from ?? null,
      monthlyDue: duesFor(category, baseAmount, rules),
    },
    months,
    totals: {
      due: recorded.reduce((s, m) => s + (m.due ?? 0), 0),
      paid: recorded.reduce((s, m) => s + (m.paid ?? 0), 0),
      unpaidMonths: months.filter((m) => m.unpaid).length,
      /** Σ max(due − paid, 0) over all the member's entries up to December of the year. */
      arrears: arrears.get(member.id)?.arrears ?? 0,
    },
    categories: rules.categories.map((c) => ({ key: c.key, label: c.label, basis: c.basis })),
  };
}

export interface MeetingDuesSummary {
  month: string;
  members: number;
  paidMembers: number;
  unpaidMembers: number;
  due: number;
  paid: number;
  remitted: number;
  /** "Đã thu 28/30 đảng viên, 1.250.000 đ/1.310.000 đ; còn 2 đảng viên chưa nộp". */
  sentence: string;
}

/**
 * The figures of the agenda item `dues` ("Báo cáo thu, nộp đảng phí") at the cell's monthly
 * meeting: the month's summary row, or null while the cell has not recorded the month.
 */
export async function duesSummaryForMeeting(
  ex: Executor,
  unitId: number,
  month: string,
): Promise<MeetingDuesSummary | null> {
  const [r] = await ex.query<{
    members: number;
    due: string | number;
    paid: string | number;
    unpaid_members: number;
    remitted: string | number;
  }>(
    'SELECT members, due, paid, unpaid_members, remitted FROM dues_cell_month WHERE unit_id = $1 AND month = $2',
    [unitId, month],
  );
  if (!r || r.members === 0) return null;
  const s = {
    members: r.members,
    paidMembers: r.members - r.unpaid_members,
    unpaidMembers: r.unpaid_members,
    due: num(r.due),
    paid: num(r.paid),
  };
  return { month, ...s, remitted: num(r.remitted), sentence: duesMeetingSentence(s) };
}
