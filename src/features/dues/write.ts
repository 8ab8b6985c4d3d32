/**
 * Keeping the dues ledger (issue 10 item 1, ADR 024): a cell's bulk save of a month (all or
 * nothing; the due computed here from the member's base and the pack), a member's base, and the
 * month's remittance upward. Each write refreshes the cell's summary row (dues_cell_month) in
 * the same transaction and writes its audit row there too.
 */
import type { Executor } from '../../db/executor.js';
import { categoryNeedsBase, duesFor } from '../../domain/dues.js';
import { formatDate } from '../../domain/format.js';
import type { DuesRules } from '../../rules/year-types.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import type { UnitRow } from '../org/service.js';
import type { BaseInput, EntryInput, RemittanceInput } from './schema.js';
import { cellRoster, packForMonth, rosterDue } from './service.js';

const bad = (message: string, details?: Record<string, unknown>) =>
  new AppError('VALIDATION_FAILED', message, details);

const monthText = (month: string) => `${Number(month.slice(5))}/${month.slice(0, 4)}`;

/** A month a cell may record on `today`: not after the current month. */
export function assertRecordableMonth(month: string, today: string): void {
  if (month > today.slice(0, 7)) {
    throw bad(`Chưa đến tháng ${monthText(month)}: chỉ ghi đảng phí đến tháng hiện tại.`, { field: 'month' });
  }
}

/**
 * Recomputes the cell's summary row for `month` from its entries (and its remittances), then the
 * running arrears of that month and every later recorded month of the cell.
 */
export async function refreshCellMonth(tx: Executor, unitId: number, month: string): Promise<void> {
  await tx.query(
    `INSERT INTO dues_cell_month (unit_id, month, members, due, paid, unpaid_members, remitted, updated_at)
     SELECT $1, $2, count(e.id)::int, coalesce(sum(e.due), 0), coalesce(sum(e.paid), 0),
            (count(*) FILTER (WHERE e.paid < e.due))::int,
            coalesce((SELECT sum(r.amount) FROM dues_remittances r WHERE r.unit_id = $1 AND r.month = $2), 0),
            now()
       FROM dues_entries e WHERE e.unit_id = $1 AND e.month = $2
     ON CONFLICT (unit_id, month) DO UPDATE SET members = EXCLUDED.members, due = EXCLUDED.due, paid = EXCLUDED.paid,
       unpaid_members = EXCLUDED.unpaid_members, remitted = EXCLUDED.remitted, updated_at = now()`,
    [unitId, month],
  );
  await tx.query(
    `UPDATE dues_cell_month s SET arrears = x.arrears
       FROM (
         SELECT m.month, coalesce((
           SELECT sum(greatest(e.due - e.paid, 0)) FROM dues_entries e WHERE e.unit_id = $1 AND e.month <= m.month
         ), 0) AS arrears
           FROM dues_cell_month m WHERE m.unit_id = $1 AND m.month >= $2
       ) x
      WHERE s.unit_id = $1 AND s.month = x.month`,
    [unitId, month],
  );
}

export interface RecordResult {
  month: string;
  saved: number;
  due: number;
  paid: number;
}

/**
 * Saves a cell's month for the listed members: every member must be counted by the cell that
 * month, each once; otherwise nothing is written (400). The due is the base in force × the pack.
 */
export async function recordMonth(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  month: string,
  entries: EntryInput[],
  today: string,
  ip?: string,
): Promise<RecordResult> {
  assertRecordableMonth(month, today);
  const ids = entries.map((e) => e.memberId);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length > 0) {
    throw bad('Mỗi đảng viên chỉ ghi một lần trong một lần lưu.', { memberIds: [...new Set(dupes)] });
  }
  for (const e of entries) {
    if (e.paidOn && e.paidOn > today) {
      throw bad(`Ngày nộp ${formatDate(e.paidOn)} chưa đến.`, { memberId: e.memberId, field: 'paidOn' });
    }
  }
  const pack = await packForMonth(tx, unit, month);
  const roster = await cellRoster(tx, unit.id, month, ids);
  const byId = new Map(roster.map((r) => [r.member_id, r]));
  const outside = ids.filter((id) => !byId.has(id));
  if (outside.length > 0) {
    throw bad(
      `Có ${outside.length} đảng viên không thuộc ${unit.name} trong tháng ${monthText(month)} (hoặc đã được chi bộ khác ghi tháng này); không lưu gì.`,
      { memberIds: outside },
    );
  }
  const rows = entries.map((e) => {
    const r = byId.get(e.memberId)!;
    const d = rosterDue(r, pack.dues);
    const reason = e.reason?.trim() || null;
    return {
      memberId: e.memberId,
      category: d.category,
      base: d.base,
      due: d.due,
      paid: e.paid,
      // A payment without a day is dated today; a nil payment has no day.
      paidOn: e.paid > 0 ? (e.paidOn ?? today) : (e.paidOn ?? null),
      // A reason explains a shortfall only.
      reason: e.paid < d.due ? reason : null,
      before:
        r.entry_id != null
          ? { paid: Number(r.paid), due: Number(r.due), paidOn: r.paid_on, reason: r.reason }
          : null,
    };
  });
  await tx.query(
    `INSERT INTO dues_entries (member_id, unit_id, month, category, base_amount, due, paid, paid_on, reason, recorded_by)
     SELECT x.member_id, $1, $2, x.category, x.base_amount, x.due, x.paid, x.paid_on, x.reason, $3
       FROM unnest($4::int[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::date[], $10::text[])
            AS x(member_id, category, base_amount, due, paid, paid_on, reason)
     ON CONFLICT (member_id, month) DO UPDATE SET category = EXCLUDED.category, base_amount = EXCLUDED.base_amount,
       due = EXCLUDED.due, paid = EXCLUDED.paid, paid_on = EXCLUDED.paid_on, reason = EXCLUDED.reason,
       recorded_by = EXCLUDED.recorded_by, updated_at = now()
     WHERE dues_entries.unit_id = EXCLUDED.unit_id`,
    [
      unit.id,
      month,
      actor.userId,
      rows.map((r) => r.memberId),
      rows.map((r) => r.category),
      rows.map((r) => (r.base == null ? null : String(r.base))),
      rows.map((r) => String(r.due)),
      rows.map((r) => String(r.paid)),
      rows.map((r) => r.paidOn),
      rows.map((r) => r.reason),
    ],
  );
  await refreshCellMonth(tx, unit.id, month);
  const due = rows.reduce((s, r) => s + r.due, 0);
  const paid = rows.reduce((s, r) => s + r.paid, 0);
  await audit(
    tx,
    actor,
    {
      action: 'dues.record',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: {
        month,
        count: rows.length,
        due,
        paid,
        entries: rows.map((r) => ({
          memberId: r.memberId,
          due: r.due,
          paid: r.paid,
          paidOn: r.paidOn,
          reason: r.reason,
          before: r.before,
        })),
      },
    },
    ip,
  );
  return { month, saved: rows.length, due, paid };
}

/** Sets a member's category and base from a month on (replacing a base set for that same month). */
export async function setDuesBase(
  tx: Executor,
  actor: Actor,
  member: { id: number; unit_id: number },
  input: BaseInput,
  rules: DuesRules,
  today: string,
  ip?: string,
) {
  const category = rules.categories.find((c) => c.key === input.category);
  if (!category) {
    throw bad(
      `Đối tượng đóng đảng phí "${input.category}" không có trong quy định; chọn một trong: ${rules.categories
        .map((c) => c.label)
        .join('; ')}.`,
      { field: 'category' },
    );
  }
  const needsBase = categoryNeedsBase(category.key, rules);
  if (needsBase && (input.baseAmount == null || input.baseAmount <= 0)) {
    throw bad(`Đối tượng "${category.label}" cần ghi mức lương hoặc thu nhập làm căn cứ (lớn hơn 0 đ).`, {
      field: 'baseAmount',
    });
  }
  const current = today.slice(0, 7);
  const [y, m] = current.split('-').map(Number) as [number, number];
  const limit = `${y + 1}-${String(m).padStart(2, '0')}`;
  if (input.from > limit) {
    throw bad('Chỉ ghi mức đóng áp dụng trong vòng 12 tháng tới.', { field: 'from' });
  }
  const baseAmount = needsBase ? input.baseAmount! : null;
  const [before] = await tx.query<{ category: string; base_amount: string | number | null }>(
    'SELECT category, base_amount FROM dues_bases WHERE member_id = $1 AND valid_from = $2',
    [member.id, input.from],
  );
  await tx.query(
    `INSERT INTO dues_bases (member_id, valid_from, category, base_amount, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (member_id, valid_from) DO UPDATE SET category = EXCLUDED.category, base_amount = EXCLUDED.base_amount,
       created_by = EXCLUDED.created_by, created_at = now()`,
    [member.id, input.from, category.key, baseAmount == null ? null : String(baseAmount), actor.userId],
  );
  const monthlyDue = duesFor(category.key, baseAmount, rules);
  await audit(
    tx,
    actor,
    {
      action: 'dues.base_set',
      entityType: 'member',
      entityId: member.id,
      orgUnitId: member.unit_id,
      before: before
        ? {
            category: before.category,
            baseAmount: before.base_amount == null ? null : Number(before.base_amount),
          }
        : undefined,
      after: { category: category.key, baseAmount, from: input.from, monthlyDue },
    },
    ip,
  );
  return {
    memberId: member.id,
    category: category.key,
    categoryLabel: category.label,
    baseAmount,
    validFrom: input.from,
    monthlyDue,
  };
}

/** Records what the cell handed over to the committee for a month. */
export async function recordRemittance(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  month: string,
  input: RemittanceInput,
  today: string,
  ip?: string,
) {
  assertRecordableMonth(month, today);
  if (input.remittedOn > today) {
    throw bad(`Ngày nộp lên ${formatDate(input.remittedOn)} chưa đến.`, { field: 'remittedOn' });
  }
  if (input.remittedOn < `${month}-01`) {
    throw bad(`Ngày nộp lên phải từ ngày 01/${month.slice(5)}/${month.slice(0, 4)} trở đi.`, {
      field: 'remittedOn',
    });
  }
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO dues_remittances (unit_id, month, amount, remitted_on, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [unit.id, month, String(input.amount), input.remittedOn, input.note?.trim() || null, actor.userId],
  );
  await refreshCellMonth(tx, unit.id, month);
  const [s] = await tx.query<{ remitted: string | number }>(
    'SELECT remitted FROM dues_cell_month WHERE unit_id = $1 AND month = $2',
    [unit.id, month],
  );
  await audit(
    tx,
    actor,
    {
      action: 'dues.remit',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: { month, amount: input.amount, remittedOn: input.remittedOn, remittanceId: row!.id },
    },
    ip,
  );
  return {
    id: row!.id,
    month,
    amount: input.amount,
    remittedOn: input.remittedOn,
    remitted: Number(s?.remitted ?? 0),
  };
}

/**
 * Rebuilds the summary rows of every cell under a path prefix from their entries and
 * remittances in one statement (the demo seed, a repair). Running arrears per cell by month.
 */
export async function rebuildDuesSummaries(tx: Executor, pathPrefix: string): Promise<void> {
  await tx.query(
    `INSERT INTO dues_cell_month (unit_id, month, members, due, paid, unpaid_members, arrears, remitted, updated_at)
     SELECT k.unit_id, k.month, coalesce(e.members, 0), coalesce(e.due, 0), coalesce(e.paid, 0),
            coalesce(e.unpaid_members, 0),
            coalesce(sum(coalesce(e.shortfall, 0)) OVER (PARTITION BY k.unit_id ORDER BY k.month), 0),
            coalesce(r.remitted, 0), now()
       FROM (
         SELECT DISTINCT x.unit_id, x.month FROM (
           SELECT unit_id, month FROM dues_entries UNION SELECT unit_id, month FROM dues_remittances
         ) x JOIN org_units u ON u.id = x.unit_id WHERE u.path LIKE $1
       ) k
       LEFT JOIN (
         SELECT unit_id, month, count(*)::int AS members, sum(due) AS due, sum(paid) AS paid,
                (count(*) FILTER (WHERE paid < due))::int AS unpaid_members, sum(greatest(due - paid, 0)) AS shortfall
           FROM dues_entries WHERE unit_id IN (SELECT id FROM org_units WHERE path LIKE $1) GROUP BY unit_id, month
       ) e ON e.unit_id = k.unit_id AND e.month = k.month
       LEFT JOIN (
         SELECT unit_id, month, sum(amount) AS remitted FROM dues_remittances
          WHERE unit_id IN (SELECT id FROM org_units WHERE path LIKE $1) GROUP BY unit_id, month
       ) r ON r.unit_id = k.unit_id AND r.month = k.month
     ON CONFLICT (unit_id, month) DO UPDATE SET members = EXCLUDED.members, due = EXCLUDED.due, paid = EXCLUDED.paid,
       unpaid_members = EXCLUDED.unpaid_members, arrears = EXCLUDED.arrears, remitted = EXCLUDED.remitted,
       updated_at = now()`,
    [pathPrefix],
  );
}
