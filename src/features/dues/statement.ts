/**
 * The dues statement of a unit for a month (GET …/dues/statement.xlsx): for a cell its whole
 * list (members not recorded yet shown with their due and paid 0, as the cell's page shows
 * them); for a đảng bộ every recorded entry of its cells, cell by cell, read in one query.
 * Downloading it is an export of personal data: audited.
 */
import type { Executor } from '../../db/executor.js';
import {
  type DuesStatementCell,
  renderDuesStatementXlsx,
  statementTotals,
} from '../../documents/dues-xlsx.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { isCellKind } from '../org/labels.js';
import { findUnit, type UnitRow } from '../org/service.js';
import { MAX_STATEMENT_ROWS } from './schema.js';
import { categoryLabel, cellDues, memberArrears, packForMonth } from './service.js';

function placeOf(unitName: string): string {
  const rest = unitName.trim().replace(/^(đảng bộ|chi bộ)\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

export async function statementCells(
  ex: Executor,
  unit: UnitRow,
  month: string,
): Promise<DuesStatementCell[]> {
  if (isCellKind(unit.kind)) {
    const d = await cellDues(ex, unit, month);
    return [{ unitName: unit.name, rows: d.items, remitted: d.totals.remitted }];
  }
  const [{ n }] = (await ex.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dues_entries e JOIN org_units u ON u.id = e.unit_id
      WHERE u.path LIKE $1 AND e.month = $2`,
    [`${unit.path}%`, month],
  )) as [{ n: number }];
  if (n > MAX_STATEMENT_ROWS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Bảng kê có ${n} dòng, quá ${MAX_STATEMENT_ROWS} dòng của một tệp; hãy tải bảng kê của từng đảng bộ trực thuộc.`,
      { rows: n, limit: MAX_STATEMENT_ROWS },
    );
  }
  const rules = (await packForMonth(ex, unit, month)).dues;
  const rows = await ex.query<{
    unit_id: number;
    unit_name: string;
    remitted: string | number | null;
    member_id: number | null;
    full_name: string | null;
    category: string | null;
    base_amount: string | number | null;
    due: string | number | null;
    paid: string | number | null;
    paid_on: string | null;
    reason: string | null;
  }>(
    `SELECT c.id AS unit_id, c.name AS unit_name, s.remitted, e.member_id, m.full_name, e.category, e.base_amount,
            e.due, e.paid, to_char(e.paid_on, 'YYYY-MM-DD') AS paid_on, e.reason
       FROM org_units c
       JOIN dues_cell_month s ON s.unit_id = c.id AND s.month = $2
       LEFT JOIN dues_entries e ON e.unit_id = c.id AND e.month = $2
       LEFT JOIN members m ON m.id = e.member_id
      WHERE c.path LIKE $1 AND c.kind IN ('chi_bo', 'chi_bo_co_so')
      ORDER BY c.path, m.sort_key COLLATE "C", m.id`,
    [`${unit.path}%`, month],
  );
  const arrears = await memberArrears(
    ex,
    rows.flatMap((r) => (r.member_id == null ? [] : [r.member_id])),
    month,
  );
  const cells = new Map<number, DuesStatementCell>();
  for (const r of rows) {
    let cell = cells.get(r.unit_id);
    if (!cell) {
      cell = { unitName: r.unit_name, rows: [], remitted: Number(r.remitted ?? 0) };
      cells.set(r.unit_id, cell);
    }
    if (r.member_id == null) continue;
    cell.rows.push({
      fullName: r.full_name ?? '',
      categoryLabel: categoryLabel(r.category ?? '', rules),
      base: r.base_amount == null ? null : Number(r.base_amount),
      due: Number(r.due ?? 0),
      paid: Number(r.paid ?? 0),
      paidOn: r.paid_on,
      arrears: arrears.get(r.member_id)?.arrears ?? 0,
      reason: r.reason,
      recorded: true,
    });
  }
  return [...cells.values()];
}

export async function exportStatement(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  month: string,
  today: string,
  ip?: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const cells = await statementCells(tx, unit, month);
  const parent = unit.parent_id ? await findUnit(tx, unit.parent_id) : undefined;
  const bytes = await renderDuesStatementXlsx({
    unitName: unit.name,
    unitKind: unit.kind,
    superiorName: parent?.name ?? null,
    place: placeOf(unit.name),
    month,
    asOf: today,
    cells,
  });
  const totals = statementTotals(cells);
  await audit(
    tx,
    actor,
    {
      action: 'dues.export',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: { month, rows: totals.members, cells: cells.length, due: totals.due, paid: totals.paid },
    },
    ip,
  );
  return { bytes, fileName: `Bang ke dang phi ${month} - ${unit.name}.xlsx` };
}
