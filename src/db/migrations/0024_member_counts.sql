-- Member counts and the registry at any level (issue 12, ADR 026 part 1, ADR 027).
--
-- unit_member_counts: one row per unit with its own figures (members whose home cell it is,
-- members hosted here) and its subtree's (the own figures summed over the unit and every unit
-- below it), for the day `as_of`. The rules are those of src/domain/membership.ts and
-- src/features/members/counts.ts; the rows are kept on every write in the same transaction
-- (refreshMemberCounts in src/features/members/member-counts.ts) and recomputed when the date
-- turns (refreshMemberCountsIfStale), because a status period starts or ends by the calendar.

CREATE TABLE unit_member_counts (
  unit_id            integer PRIMARY KEY REFERENCES org_units(id),
  as_of              date NOT NULL,
  own_total          integer NOT NULL DEFAULT 0,
  own_official       integer NOT NULL DEFAULT 0,
  own_probationary   integer NOT NULL DEFAULT 0,
  own_exempted       integer NOT NULL DEFAULT 0,
  own_temporary_out  integer NOT NULL DEFAULT 0,
  own_temporary_in   integer NOT NULL DEFAULT 0,
  own_contact_213    integer NOT NULL DEFAULT 0,
  own_voting_base    integer NOT NULL DEFAULT 0,
  sub_total          integer NOT NULL DEFAULT 0,
  sub_official       integer NOT NULL DEFAULT 0,
  sub_probationary   integer NOT NULL DEFAULT 0,
  sub_exempted       integer NOT NULL DEFAULT 0,
  sub_temporary_out  integer NOT NULL DEFAULT 0,
  sub_temporary_in   integer NOT NULL DEFAULT 0,
  sub_contact_213    integer NOT NULL DEFAULT 0,
  sub_voting_base    integer NOT NULL DEFAULT 0,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_member_counts_as_of ON unit_member_counts (as_of);

-- Search in the registry: a name typed without diacritics ("nguyen") finds "Nguyễn". The fold
-- maps every Vietnamese letter with a diacritic to its base letter and lowers ASCII; IMMUTABLE
-- so it can index. Trigram GIN indexes serve `LIKE '%…%'` on the folded name and on the
-- identity and contact numbers (each searched only by those who may read it, ADR 027).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION chibo_fold(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(translate(s,
    'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd'))
$$;

CREATE INDEX members_name_fold_trgm ON members USING gin (chibo_fold(full_name) gin_trgm_ops);
CREATE INDEX members_card_trgm ON members USING gin (card_number gin_trgm_ops);
CREATE INDEX members_national_id_trgm ON members USING gin (national_id gin_trgm_ops);
CREATE INDEX members_phone_trgm ON members USING gin (phone gin_trgm_ops);

-- The registry's filters: the members of a unit that left it (filter "former").
CREATE INDEX members_unit_former ON members (unit_id) WHERE standing IN ('removed', 'transferred_out');

-- Backfill for today (Vietnam time, like todayIso), the same query as refreshMemberCounts.
WITH d AS (SELECT (now() AT TIME ZONE 'UTC' + interval '7 hours')::date AS day),
home AS (
  SELECT ms.unit_id, ms.member_id
    FROM memberships ms, d
   WHERE ms.valid_from <= d.day AND (ms.valid_to IS NULL OR ms.valid_to > d.day)
), st AS (
  SELECT h.unit_id, h.member_id,
         bool_or(p.kind = 'official') AS official,
         bool_or(p.kind = 'probationary') AS probationary,
         bool_or(p.kind = 'exempted') AS exempted,
         bool_or(p.kind = 'temporary_out') AS temporary_out
    FROM home h CROSS JOIN d
    LEFT JOIN member_status_periods p
      ON p.member_id = h.member_id AND p.valid_from <= d.day AND (p.valid_to IS NULL OR p.valid_to > d.day)
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
    FROM member_status_periods p, d
   WHERE p.unit_id IS NOT NULL AND p.kind IN ('temporary_out', 'contact_213')
     AND p.valid_from <= d.day AND (p.valid_to IS NULL OR p.valid_to > d.day)
   GROUP BY p.unit_id
)
INSERT INTO unit_member_counts (unit_id, as_of, own_total, own_official, own_probationary, own_exempted,
                                own_temporary_out, own_temporary_in, own_contact_213, own_voting_base)
SELECT u.id, d.day,
       coalesce(o.total, 0), coalesce(o.official, 0), coalesce(o.probationary, 0), coalesce(o.exempted, 0),
       coalesce(o.temporary_out, 0), coalesce(h.temporary_in, 0), coalesce(h.contact_213, 0),
       coalesce(o.voting_base, 0)
  FROM org_units u CROSS JOIN d
  LEFT JOIN own o ON o.unit_id = u.id
  LEFT JOIN hosted h ON h.unit_id = u.id;

-- Each unit's subtree figures: the own rows summed over every unit whose path runs through it.
WITH anc AS (
  SELECT a.id::int AS anc_id, c.own_total, c.own_official, c.own_probationary, c.own_exempted,
         c.own_temporary_out, c.own_temporary_in, c.own_contact_213, c.own_voting_base
    FROM unit_member_counts c
    JOIN org_units u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')) AS a(id)
), sums AS (
  SELECT anc_id, sum(own_total) AS t, sum(own_official) AS o, sum(own_probationary) AS p,
         sum(own_exempted) AS e, sum(own_temporary_out) AS tout, sum(own_temporary_in) AS tin,
         sum(own_contact_213) AS c, sum(own_voting_base) AS v
    FROM anc GROUP BY anc_id
)
UPDATE unit_member_counts c
   SET sub_total = s.t, sub_official = s.o, sub_probationary = s.p, sub_exempted = s.e,
       sub_temporary_out = s.tout, sub_temporary_in = s.tin, sub_contact_213 = s.c, sub_voting_base = s.v
  FROM sums s
 WHERE s.anc_id = c.unit_id;
