import type { Executor } from '../../db/executor.js';
import { emptyCounts, type UnitMemberCounts } from '../../domain/membership.js';

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
    `WITH units AS (
       SELECT id, path FROM org_units WHERE path LIKE $1
     ), home AS (
       SELECT ms.unit_id, ms.member_id
         FROM memberships ms JOIN units u ON u.id = ms.unit_id
        WHERE ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
     ), st AS (
       SELECT h.unit_id, h.member_id,
              bool_or(p.kind = 'official') AS official,
              bool_or(p.kind = 'probationary') AS probationary,
              bool_or(p.kind = 'exempted') AS exempted,
              bool_or(p.kind = 'temporary_out') AS temporary_out
         FROM home h
         LEFT JOIN member_status_periods p
           ON p.member_id = h.member_id AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
        GROUP BY h.unit_id, h.member_id
     ), own AS (
       SELECT unit_id,
              count(*) AS total,
              count(*) FILTER (WHERE official) AS official,
              count(*) FILTER (WHERE probationary AND NOT coalesce(official, false)) AS probationary,
              count(*) FILTER (WHERE exempted) AS exempted,
              count(*) FILTER (WHERE temporary_out) AS temporary_out,
              count(*) FILTER (WHERE official AND NOT coalesce(exempted, false) AND NOT coalesce(temporary_out, false)) AS voting_base
         FROM st GROUP BY unit_id
     ), hosted AS (
       SELECT p.unit_id,
              count(DISTINCT p.member_id) FILTER (WHERE p.kind = 'temporary_out') AS temporary_in,
              count(DISTINCT p.member_id) FILTER (WHERE p.kind = 'contact_213') AS contact_213
         FROM member_status_periods p JOIN units u ON u.id = p.unit_id
        WHERE p.kind IN ('temporary_out', 'contact_213')
          AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
        GROUP BY p.unit_id
     )
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
