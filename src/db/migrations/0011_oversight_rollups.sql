-- Committee oversight (issue 9, ADR 021): what each cell did in a month, in numbers a committee
-- can add up, and the same numbers summed per unit of the tree so an overview of a province
-- reads one row per direct child and month, never raw attendance.

-- Additive facts of the cell's month (all counts; NULL never means zero).
ALTER TABLE cell_month_status
  -- held_on_time | held_late | missed | pending (not yet due) | none (the cell did not exist)
  ADD COLUMN regular_state        text NOT NULL DEFAULT 'pending'
    CHECK (regular_state IN ('held_on_time', 'held_late', 'missed', 'pending', 'none')),
  -- Members in the party on the month's last day (official + probationary, home cell here).
  ADD COLUMN members_count        integer NOT NULL DEFAULT 0,
  -- Distinct members who were given a task at a meeting held in the month.
  ADD COLUMN members_tasked       integer NOT NULL DEFAULT 0,
  -- Tasks whose deadline falls in the month, and of those the ones reported done.
  ADD COLUMN tasks_due            integer NOT NULL DEFAULT 0,
  ADD COLUMN tasks_done           integer NOT NULL DEFAULT 0,
  -- The regular meeting's attendance on the statutory base (present / base), 0/0 when not held.
  ADD COLUMN att_present          integer NOT NULL DEFAULT 0,
  ADD COLUMN att_base             integer NOT NULL DEFAULT 0,
  -- Thematic (or combined) meetings held in the month.
  ADD COLUMN thematic_held        integer NOT NULL DEFAULT 0,
  -- Supervision visits to the cell in the month.
  ADD COLUMN visits               integer NOT NULL DEFAULT 0,
  -- The band of the cell's own confirmed score and of the supervisor's (pack band keys).
  ADD COLUMN cell_band            text,
  ADD COLUMN supervisor_band      text,
  -- The final rating's score of the month's regular meeting (pack scoring.finalRule), NULL when unscored.
  ADD COLUMN final_score          numeric(5, 1),
  -- Running counts since the cell's first row, inclusive of this month, so "every month of a
  -- period" is cum(to) − cum(from − 1) over two rows per cell instead of a scan of the period.
  ADD COLUMN cum_due              integer NOT NULL DEFAULT 0,
  ADD COLUMN cum_not_on_time      integer NOT NULL DEFAULT 0,
  ADD COLUMN cum_missed           integer NOT NULL DEFAULT 0,
  -- Ended quarters, and ended quarters without a thematic meeting (counted on a quarter's last month).
  ADD COLUMN cum_quarters         integer NOT NULL DEFAULT 0,
  ADD COLUMN cum_quarters_without integer NOT NULL DEFAULT 0;

CREATE INDEX cell_month_status_month_unit ON cell_month_status (month, unit_id);
-- The rebuild counts a cell's tasks due in a month by one probe of this index per cell × month.
CREATE INDEX tasks_unit_deadline ON tasks (unit_id, deadline);
-- … and finds each cell's usual day (meeting_series had only a partial unique index on active rows).
CREATE INDEX meeting_series_unit ON meeting_series (unit_id, active, id);

-- The cell rows summed over each unit's whole subtree (a cell's own row included for cells),
-- one row per unit × month. Maintained on write for the chain of ancestors and rebuilt by the job.
CREATE TABLE unit_month_rollup (
  unit_id              integer NOT NULL REFERENCES org_units(id),
  month                text NOT NULL,               -- YYYY-MM
  cells                integer NOT NULL DEFAULT 0,  -- cells with a row that month (state <> 'none')
  members              integer NOT NULL DEFAULT 0,
  months_due           integer NOT NULL DEFAULT 0,  -- cell-months whose regular meeting was due
  months_held          integer NOT NULL DEFAULT 0,  -- … held (on time or late)
  months_on_time       integer NOT NULL DEFAULT 0,
  months_missed        integer NOT NULL DEFAULT 0,
  months_pending       integer NOT NULL DEFAULT 0,
  thematic_held        integer NOT NULL DEFAULT 0,
  att_present          integer NOT NULL DEFAULT 0,
  att_base             integer NOT NULL DEFAULT 0,
  members_tasked       integer NOT NULL DEFAULT 0,
  tasks_due            integer NOT NULL DEFAULT 0,
  tasks_done           integer NOT NULL DEFAULT 0,
  visits               integer NOT NULL DEFAULT 0,
  cell_scored          integer NOT NULL DEFAULT 0,
  cell_tot             integer NOT NULL DEFAULT 0,
  cell_kha             integer NOT NULL DEFAULT 0,
  cell_trung_binh      integer NOT NULL DEFAULT 0,
  cell_kem             integer NOT NULL DEFAULT 0,
  sup_scored           integer NOT NULL DEFAULT 0,
  sup_tot              integer NOT NULL DEFAULT 0,
  sup_kha              integer NOT NULL DEFAULT 0,
  sup_trung_binh       integer NOT NULL DEFAULT 0,
  sup_kem              integer NOT NULL DEFAULT 0,
  -- The final rating's score (pack scoring.finalRule), for a period's average and its band.
  final_scored         integer NOT NULL DEFAULT 0,
  final_score_sum      numeric(12, 1) NOT NULL DEFAULT 0,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, month)
);
CREATE INDEX unit_month_rollup_month ON unit_month_rollup (month, unit_id);

-- Depth of a unit in the tree (root = 1), so a subtree's cells can be grouped by the direct
-- child of the unit asked about (path segment depth + 1) without a recursive query.
ALTER TABLE org_units ADD COLUMN depth integer;
UPDATE org_units SET depth = length(path) - length(replace(path, '/', '')) - 1;
CREATE INDEX org_units_cells_path ON org_units (path text_pattern_ops)
  WHERE kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL;
CREATE FUNCTION org_units_set_depth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.depth := length(NEW.path) - length(replace(NEW.path, '/', '')) - 1;
  RETURN NEW;
END $$;
CREATE TRIGGER org_units_depth BEFORE INSERT OR UPDATE OF path ON org_units
  FOR EACH ROW EXECUTE FUNCTION org_units_set_depth();
