/**
 * Member counts kept as summary rows (issue 12, ADR 026 part 1, ADR 027): `unit_member_counts`
 * holds, per unit, its own figures and its subtree's for the day `as_of` (today). A route at any
 * level reads one row per unit it shows instead of scanning the subtree's memberships and status
 * periods. The rules are those of `countsForSubtree` (counts.ts) and `domain/membership.ts`; a test
 * compares both after writes.
 *
 * Every write that changes who a unit counts calls `refreshMemberCounts` in its transaction; the
 * oversight job calls `refreshMemberCountsIfStale` when the date turns (a status period starts or
 * ends by the calendar alone), and a read that finds a stale or missing row does the same.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { emptyCounts, type UnitMemberCounts } from '../../domain/membership.js';
import { ownCountsCtes } from './own-counts-sql.js';

const FIGURES = [
  ['total', 'total'],
  ['official', 'official'],
  ['probationary', 'probationary'],
  ['exempted', 'exempted'],
  ['temporary_out', 'temporaryOut'],
  ['temporary_in', 'temporaryIn'],
  ['contact_213', 'contact213'],
  ['voting_base', 'votingBase'],
] as const satisfies readonly (readonly [string, keyof UnitMemberCounts])[];

const OWN = FIGURES.map(([c]) => `own_${c}`);
const SUB = FIGURES.map(([c]) => `sub_${c}`);

/**
 * The own figures of the units matching `unitCond` (over `u`, the org_units row) on day $1
 * (own-counts-sql.ts, shared with `countsForSubtree`), one row per unit.
 */
function ownRowsSql(unitCond: string): string {
  return `${ownCountsCtes(`SELECT u.id FROM org_units u WHERE ${unitCond}`, '$1')}
     INSERT INTO unit_member_counts (unit_id, as_of, ${OWN.join(', ')}, updated_at)
     SELECT u.id, $1::date,
            coalesce(o.total, 0), coalesce(o.official, 0), coalesce(o.probationary, 0), coalesce(o.exempted, 0),
            coalesce(o.temporary_out, 0), coalesce(h.temporary_in, 0), coalesce(h.contact_213, 0),
            coalesce(o.voting_base, 0), now()
       FROM units u LEFT JOIN own o ON o.unit_id = u.id LEFT JOIN hosted h ON h.unit_id = u.id
      ORDER BY u.id
     ON CONFLICT (unit_id) DO UPDATE SET as_of = EXCLUDED.as_of,
       ${OWN.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`;
}

/**
 * The subtree figures of the units matching `targetCond` (over `a`): the own rows summed over
 * every unit whose path runs through the target (an ancestor list read from each path, no join
 * by LIKE). Every own row must exist (the caller upserted them).
 */
function subRowsSql(targetCond: string): string {
  return `WITH targets AS (
       SELECT a.id FROM org_units a WHERE ${targetCond}
     ), anc AS (
       SELECT x.id::int AS anc_id, c.*
         FROM org_units d
         JOIN unit_member_counts c ON c.unit_id = d.id
         CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM d.path), '/')) AS x(id)
        WHERE d.path LIKE ANY (SELECT t.path || '%' FROM org_units t JOIN targets g ON g.id = t.id)
     ), sums AS (
       SELECT anc_id, ${OWN.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
         FROM anc WHERE anc_id IN (SELECT id FROM targets) GROUP BY anc_id
     )
     UPDATE unit_member_counts c
        SET ${FIGURES.map(([f]) => `sub_${f} = s.own_${f}`).join(', ')}, updated_at = now()
       FROM sums s
      WHERE c.unit_id = s.anc_id`;
}

/**
 * Recomputes the own rows of `unitIds` (today) and the subtree rows of them and every ancestor,
 * set-based, in the caller's transaction. Call it after any write that changes a membership, a
 * status period, or where a unit sits; pass both the old and the new place of what moved (a
 * moved unit and its old parent).
 */
export async function refreshMemberCounts(
  ex: Executor,
  unitIds: readonly number[],
  today: string = todayIso(),
): Promise<void> {
  const ids = [...new Set(unitIds)].filter((n) => Number.isInteger(n) && n > 0);
  if (ids.length === 0) return;
  await ex.query(ownRowsSql('u.id = ANY($2::int[])'), [today, ids]);
  // The units and their ancestors, by the ids written in their paths.
  const [stale] = await ex.query<{ stale: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM unit_member_counts WHERE as_of < $1 OR as_of > $1) AS stale',
    [today],
  );
  if (stale?.stale) {
    // Rows of an earlier day would mix two dates in a sum: bring every row to today first.
    await refreshAllMemberCounts(ex, today);
    return;
  }
  await ex.query(
    subRowsSql(`a.id IN (SELECT x.id::int FROM org_units u
        CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')) AS x(id)
       WHERE u.id = ANY($1::int[]))`),
    [ids],
  );
}

/**
 * `refreshMemberCounts` for the units a set of members touch: every cell they belong or
 * belonged to and every unit hosting them. Call it after the write (a new membership or
 * period is then among them).
 */
export async function refreshMemberCountsForMembers(
  ex: Executor,
  memberIds: readonly number[],
): Promise<void> {
  if (memberIds.length === 0) return;
  const rows = await ex.query<{ id: number }>(
    `SELECT unit_id AS id FROM memberships WHERE member_id = ANY($1::int[])
     UNION SELECT unit_id FROM member_status_periods WHERE member_id = ANY($1::int[]) AND unit_id IS NOT NULL`,
    [[...new Set(memberIds)]],
  );
  await refreshMemberCounts(
    ex,
    rows.map((r) => r.id),
  );
}

/** Recomputes every unit's own and subtree rows for `today` (three statements, set-based). */
export async function refreshAllMemberCounts(ex: Executor, today: string = todayIso()): Promise<void> {
  await ex.query(ownRowsSql('true'), [today]);
  await ex.query(
    `WITH anc AS (
       SELECT x.id::int AS anc_id, c.*
         FROM unit_member_counts c JOIN org_units d ON d.id = c.unit_id
         CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM d.path), '/')) AS x(id)
     ), sums AS (
       SELECT anc_id, ${OWN.map((c) => `sum(${c})::int AS ${c}`).join(', ')} FROM anc GROUP BY anc_id
     )
     UPDATE unit_member_counts c
        SET ${FIGURES.map(([f]) => `sub_${f} = s.own_${f}`).join(', ')}, updated_at = now()
       FROM sums s
      WHERE c.unit_id = s.anc_id`,
  );
}

/**
 * For the job when the date turns: when a row is of another day than `today` (or a unit has no
 * row), recomputes all rows. Returns whether it did.
 */
export async function refreshMemberCountsIfStale(ex: Executor, today: string = todayIso()): Promise<boolean> {
  const [r] = await ex.query<{ stale: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM unit_member_counts WHERE as_of < $1 OR as_of > $1)
         OR EXISTS (SELECT 1 FROM org_units u WHERE NOT EXISTS (SELECT 1 FROM unit_member_counts c WHERE c.unit_id = u.id))
         AS stale`,
    [today],
  );
  if (!r?.stale) return false;
  await refreshAllMemberCounts(ex, today);
  return true;
}

export interface SummaryCounts {
  /** The unit's own figures (members whose home cell it is, members hosted here). */
  own: UnitMemberCounts;
  /** The unit's subtree figures: what the unit page shows. */
  subtree: UnitMemberCounts;
}

type SummaryRow = { unit_id: number; as_of: string } & Record<string, number>;

function pick(r: SummaryRow, prefix: 'own_' | 'sub_'): UnitMemberCounts {
  const c = emptyCounts();
  for (const [col, key] of FIGURES) c[key] = Number(r[`${prefix}${col}`] ?? 0);
  return c;
}

/**
 * The summary rows of `unitIds` for today, one row per unit. A missing or stale row (the date
 * turned before the job ran, or a unit written outside the application) brings all rows to
 * today first, in a transaction of its own.
 */
export async function summaryCounts(
  db: Executor,
  unitIds: readonly number[],
  today: string = todayIso(),
): Promise<Map<number, SummaryCounts>> {
  const ids = [...new Set(unitIds)];
  const out = new Map<number, SummaryCounts>();
  if (ids.length === 0) return out;
  const read = () =>
    db.query<SummaryRow>(
      `SELECT unit_id, as_of, ${[...OWN, ...SUB].join(', ')} FROM unit_member_counts WHERE unit_id = ANY($1::int[])`,
      [ids],
    );
  let rows = await read();
  if (rows.length < ids.length || rows.some((r) => r.as_of !== today)) {
    await db.transaction((tx) => refreshMemberCountsIfStale(tx, today));
    rows = await read();
  }
  for (const r of rows) out.set(r.unit_id, { own: pick(r, 'own_'), subtree: pick(r, 'sub_') });
  return out;
}
