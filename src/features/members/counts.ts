import type { Executor } from '../../db/executor.js';
import { emptyCounts, type UnitMemberCounts } from '../../domain/membership.js';
import { ownCountsCtes } from './own-counts-sql.js';

interface CountRow {
  unit_id: number;
  path: string;
  total: number;
  official: number;
  probationary: number;
  exempted: number;
  temporary_out: number;
  voting_base: number;
  temporary_in: number;
  contact_213: number;
}

/**
 * Member counts on `date` for every unit of the subtree at `rootPath`, each unit's figure
 * rolled up over its own subtree. Two indexed scans (memberships by unit, periods by host),
 * whatever the number of units: the same rules as `domain/membership.ts`, in SQL.
 */
export async function countsForSubtree(
  ex: Executor,
  rootPath: string,
  date: string,
): Promise<Map<number, UnitMemberCounts>> {
  const rows = await ex.query<CountRow>(
    `${ownCountsCtes('SELECT id, path FROM org_units WHERE path LIKE $1', '$2')}
     SELECT u.id AS unit_id, u.path,
            coalesce(o.total, 0)::int AS total, coalesce(o.official, 0)::int AS official,
            coalesce(o.probationary, 0)::int AS probationary, coalesce(o.exempted, 0)::int AS exempted,
            coalesce(o.temporary_out, 0)::int AS temporary_out, coalesce(o.voting_base, 0)::int AS voting_base,
            coalesce(h.temporary_in, 0)::int AS temporary_in, coalesce(h.contact_213, 0)::int AS contact_213
       FROM units u LEFT JOIN own o ON o.unit_id = u.id LEFT JOIN hosted h ON h.unit_id = u.id`,
    [`${rootPath}%`, date],
  );
  const out = new Map<number, UnitMemberCounts>();
  for (const r of rows) out.set(r.unit_id, emptyCounts());
  // Roll each unit's own figures up to itself and every ancestor inside the subtree.
  const byPath = new Map(rows.map((r) => [r.path, r.unit_id]));
  for (const r of rows) {
    const ids = r.path.split('/').filter(Boolean);
    for (let i = ids.length; i > 0; i--) {
      const ancestorPath = `/${ids.slice(0, i).join('/')}/`;
      const target = byPath.get(ancestorPath);
      if (target === undefined) continue;
      const c = out.get(target)!;
      c.total += r.total;
      c.official += r.official;
      c.probationary += r.probationary;
      c.exempted += r.exempted;
      c.temporaryOut += r.temporary_out;
      c.temporaryIn += r.temporary_in;
      c.contact213 += r.contact_213;
      c.votingBase += r.voting_base;
    }
  }
  return out;
}
