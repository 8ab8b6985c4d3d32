/**
 * The one SQL definition of a unit's own member figures on a day (the rules of
 * `domain/membership.ts`): CTEs `home` (current memberships of the units in `units`), `st` (each
 * member's status on the day), `own` (per unit: total, official, probationary, exempted,
 * temporary_out, voting_base) and `hosted` (per unit: temporary_in, contact_213). Used by the
 * live count over a subtree (counts.ts) and by the summary rows (member-counts.ts), so the two
 * cannot drift apart.
 *
 * `unitsSelect` selects the units (a column `id`; more columns are allowed); `day` is the SQL
 * placeholder of the date, e.g. `$2`.
 */
export function ownCountsCtes(unitsSelect: string, day: string): string {
  return `WITH units AS (
       ${unitsSelect}
     ), home AS (
       SELECT ms.unit_id, ms.member_id
         FROM memberships ms JOIN units u ON u.id = ms.unit_id
        WHERE ms.valid_from <= ${day} AND (ms.valid_to IS NULL OR ms.valid_to > ${day})
     ), st AS (
       SELECT h.unit_id, h.member_id,
              bool_or(p.kind = 'official') AS official,
              bool_or(p.kind = 'probationary') AS probationary,
              bool_or(p.kind = 'exempted') AS exempted,
              bool_or(p.kind = 'temporary_out') AS temporary_out
         FROM home h
         LEFT JOIN member_status_periods p
           ON p.member_id = h.member_id AND p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day})
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
          AND p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day})
        GROUP BY p.unit_id
     )`;
}
