-- The year's grading statistics from summary rows (issue 10, ADR 021 "roll-ups are designed",
-- ADR 024): one row per unit and year with the unit's own counts — the members its cell reviews
-- and grades on the reference day, its members' current decisions per level (and the cadres among
-- them), and the unit's own current organisation decision. A subtree's statistics are sums over
-- its units' rows (a province: ~10.000 rows), never a scan of its 300.000 decisions or members.
-- Kept by grading-summary.ts: refreshed for the subtree a decision set or a revision touches, in
-- the same transaction; rebuilt set-based by the demo, the bench and the oversight job.
CREATE TABLE grading_unit_year (
  unit_id                  integer NOT NULL REFERENCES org_units(id),
  year                     integer NOT NULL,
  -- Members of the cell on the reference day who are reviewed and graded (facts.ts
  -- `reviewableMembers` with `graded`): official or probationary, not exempted unless the pack
  -- reviews the exempted, not admitted within the pack's new-member months.
  reviewable_members       integer NOT NULL DEFAULT 0,
  -- Current member decisions whose cell (grading_decisions.unit_id) is this unit, per level.
  graded_xuat_sac          integer NOT NULL DEFAULT 0,
  graded_tot               integer NOT NULL DEFAULT 0,
  graded_hoan_thanh        integer NOT NULL DEFAULT 0,
  graded_khong_hoan_thanh  integer NOT NULL DEFAULT 0,
  cadres_xuat_sac          integer NOT NULL DEFAULT 0,
  cadres_tot               integer NOT NULL DEFAULT 0,
  cadres_hoan_thanh        integer NOT NULL DEFAULT 0,
  cadres_khong_hoan_thanh  integer NOT NULL DEFAULT 0,
  -- The unit's own current organisation decision of the year (NULL: not graded).
  org_level                text CHECK (org_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
  -- The day `reviewable_members` was read on: 31/12 of the year, or the refresh's day while it runs.
  reference_day            date NOT NULL,
  refreshed_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year)
);
CREATE INDEX grading_unit_year_year ON grading_unit_year (year);

-- The years whose rows were built for the whole tree: only these are read from the summary; the
-- statistics of any other year are counted from the decisions and memberships directly.
CREATE TABLE grading_summary_years (
  year           integer PRIMARY KEY,
  reference_day  date NOT NULL,
  rebuilt_at     timestamptz NOT NULL DEFAULT now()
);
