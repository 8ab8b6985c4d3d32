/**
 * The demo's dues ledger (issue 10 item 1): every active member of the first đảng bộ (phường An
 * Hội) gets a base — salary in the agencies, schools and the health station, a pension or no
 * regular income in the neighbourhoods, a few students — and an entry for each of the last 12
 * complete months before `today`, plus the current month recorded by the first cells. Most pay in
 * full; a few do not: two or three members miss one or two months (one with a reason), and one
 * member of Khu phố 1 misses the three latest months of the current year without a reason, so the
 * xóa tên alert shows. Deterministic (seeded); set-based (one statement per step).
 */
import type { Executor } from '../../db/executor.js';
import { addMonthsToMonth, duesFor } from '../../domain/dues.js';
import { rebuildDuesSummaries } from '../dues/write.js';
import { rulePackForUnit } from '../org/service.js';
import { Rng } from './rng.js';

export interface DemoDuesResult {
  members: number;
  entries: number;
  /** The member with three unpaid months without a reason in the current year (if the year has three). */
  riskMemberId: number | null;
  /** Members with one or two unpaid months. */
  arrearsMemberIds: number[];
}

const SALARIED = new Set(['co_quan', 'truong_hoc', 'benh_vien', 'doanh_nghiep', 'luc_luong_vu_trang']);

export async function seedDemoDues(
  tx: Executor,
  input: { today: string; unitIds: ReadonlyMap<string, number> },
): Promise<DemoDuesResult> {
  const rng = new Rng(1016);
  const wardId = input.unitIds.get('phuong')!;
  const [ward] = (await tx.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [wardId])) as [
    { path: string },
  ];
  const prefix = `${ward.path}%`;
  const current = input.today.slice(0, 7);
  const first = addMonthsToMonth(current, -12);
  const lastFull = addMonthsToMonth(current, -1);
  const rules = (await rulePackForUnit(tx, ward.path, `${first}-01`)).dues;

  const members = await tx.query<{
    id: number;
    birth_year: number;
    cell_type: string | null;
    unit_id: number;
  }>(
    `SELECT DISTINCT ON (m.id) m.id, extract(year FROM m.birth_date)::int AS birth_year, u.cell_type, ms.unit_id
       FROM members m JOIN memberships ms ON ms.member_id = m.id JOIN org_units u ON u.id = ms.unit_id
      WHERE m.standing = 'active' AND u.path LIKE $1 AND (ms.valid_to IS NULL OR ms.valid_to > $2::date)
      ORDER BY m.id, ms.valid_from DESC`,
    [prefix, `${first}-01`],
  );
  const year = Number(current.slice(0, 4));
  const bases = members.map((m) => {
    const age = year - (m.birth_year || year - 50);
    let category: string;
    let base: number | null = null;
    if (SALARIED.has(m.cell_type ?? '') && age < 62) {
      category = 'salary';
      base = rng.int(450, 1_400) * 10_000;
    } else if (age >= 60 && rng.chance(0.7)) {
      category = 'pension';
      base = rng.int(300, 900) * 10_000;
    } else if (age < 24) {
      category = 'student';
    } else if (rng.chance(0.3)) {
      category = 'salary';
      base = rng.int(420, 900) * 10_000;
    } else {
      category = 'other';
    }
    return { memberId: m.id, category, base, due: duesFor(category, base, rules) };
  });
  await tx.query(
    `INSERT INTO dues_bases (member_id, valid_from, category, base_amount)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[])`,
    [
      bases.map((b) => b.memberId),
      bases.map(() => first),
      bases.map((b) => b.category),
      bases.map((b) => (b.base == null ? null : String(b.base))),
    ],
  );

  // Every month each member's cell counted them, paid in full early in the month. The current
  // month is recorded by the first five cells of the ward only (the others have not yet).
  const recordingNow = [...input.unitIds.entries()]
    .filter(([k]) => ['kp1', 'kp2', 'kp3', 'kp4', 'kp5'].includes(k))
    .map(([, id]) => id);
  const inserted = await tx.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO dues_entries (member_id, unit_id, month, category, base_amount, due, paid, paid_on)
       SELECT b.member_id, ms.unit_id, to_char(g.m, 'YYYY-MM'), b.category, b.base_amount, b.due, b.due,
              least(g.m::date + 2 + (b.member_id % 18), $6::date)
         FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[]) AS b(member_id, category, base_amount, due)
         CROSS JOIN generate_series($5::date, $6::date, interval '1 month') AS g(m)
         JOIN memberships ms ON ms.member_id = b.member_id
              AND ms.valid_from <= (g.m + interval '1 month' - interval '1 day')::date
              AND (ms.valid_to IS NULL OR ms.valid_to > g.m::date)
         JOIN org_units u ON u.id = ms.unit_id AND u.path LIKE $7 AND u.kind IN ('chi_bo', 'chi_bo_co_so')
        WHERE to_char(g.m, 'YYYY-MM') < $8 OR ms.unit_id = ANY($9::int[])
       ON CONFLICT (member_id, month) DO NOTHING
       RETURNING 1
     ) SELECT count(*)::int AS n FROM ins`,
    [
      bases.map((b) => b.memberId),
      bases.map((b) => b.category),
      bases.map((b) => (b.base == null ? null : String(b.base))),
      bases.map((b) => String(b.due)),
      `${first}-01`,
      input.today,
      prefix,
      current,
      recordingNow,
    ],
  );

  // Who does not pay: members of Khu phố 1 and 2 recorded every month, not linked to an account.
  const candidates = await tx.query<{ member_id: number; unit_id: number }>(
    `SELECT e.member_id, min(e.unit_id) AS unit_id FROM dues_entries e
      WHERE e.unit_id = ANY($1::int[]) AND e.month >= $2 AND e.month <= $3 AND e.due > 0
        AND NOT EXISTS (SELECT 1 FROM users us WHERE us.member_id = e.member_id)
      GROUP BY e.member_id HAVING count(DISTINCT e.month) = 12 AND count(DISTINCT e.unit_id) = 1
      ORDER BY e.member_id`,
    [[input.unitIds.get('kp1'), input.unitIds.get('kp2')], first, lastFull],
  );
  const kp1 = input.unitIds.get('kp1');
  const pool = [...candidates];
  const take = (pred: (c: { unit_id: number }) => boolean) => {
    const options = pool.filter(pred);
    if (options.length === 0) return undefined;
    const c = options[rng.int(0, options.length - 1)]!;
    pool.splice(pool.indexOf(c), 1);
    return c.member_id;
  };
  const unpaid: { memberId: number; month: string; reason: string | null }[] = [];
  // The three latest complete months of the current year (fewer in January–March).
  const yearMonths = [1, 2, 3]
    .map((i) => addMonthsToMonth(current, -i))
    .filter((m) => m.startsWith(`${year}`));
  const riskMemberId = take((c) => c.unit_id === kp1) ?? null;
  if (riskMemberId != null)
    for (const month of yearMonths) unpaid.push({ memberId: riskMemberId, month, reason: null });
  const arrearsMemberIds: number[] = [];
  const missing = rng.int(2, 3);
  for (let i = 0; i < missing; i++) {
    const id = take(() => true);
    if (id == null) break;
    arrearsMemberIds.push(id);
    const months = rng.int(1, 2);
    const start = rng.int(months, 11);
    for (let k = 0; k < months; k++) {
      unpaid.push({
        memberId: id,
        month: addMonthsToMonth(current, -(start - k)),
        reason: i === 0 ? 'Ốm nằm viện, xin nộp bù tháng sau' : null,
      });
    }
  }
  await tx.query(
    `UPDATE dues_entries e SET paid = 0, paid_on = NULL, reason = x.reason
       FROM unnest($1::int[], $2::text[], $3::text[]) AS x(member_id, month, reason)
      WHERE e.member_id = x.member_id AND e.month = x.month`,
    [unpaid.map((u) => u.memberId), unpaid.map((u) => u.month), unpaid.map((u) => u.reason)],
  );

  // Each cell hands the month's takings to the ward by the 15th of the next month.
  await tx.query(
    `INSERT INTO dues_remittances (unit_id, month, amount, remitted_on, note)
     SELECT e.unit_id, e.month, sum(e.paid), (e.month || '-15')::date + interval '1 month', 'Nộp Văn phòng Đảng ủy'
       FROM dues_entries e JOIN org_units u ON u.id = e.unit_id
      WHERE u.path LIKE $1 AND (e.month || '-15')::date + interval '1 month' <= $2::date
      GROUP BY e.unit_id, e.month`,
    [prefix, input.today],
  );
  await rebuildDuesSummaries(tx, prefix);
  return { members: bases.length, entries: inserted[0]?.n ?? 0, riskMemberId, arrearsMemberIds };
}
