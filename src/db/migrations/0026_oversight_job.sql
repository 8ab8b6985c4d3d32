-- The set-based, scoped oversight job (issue 12, ADR 026 part 3, ADR 029).
--
-- oversight_dirty: the cell × month rows whose facts changed outside refreshCellMonth (or that the
-- calendar turned), written with the change; the job claims them (run_id), rebuilds those rows,
-- their running counts and their ancestors' roll-ups set-based, and deletes what it claimed.
CREATE TABLE oversight_dirty (
  unit_id integer NOT NULL REFERENCES org_units (id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  run_id bigint,
  queued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, month)
);
CREATE INDEX oversight_dirty_run ON oversight_dirty (run_id, unit_id, month);

-- Small key → value markers of the job: `calendar_day`, the local day of the last calendar pass
-- (a month turns from pending to missed by the date alone).
CREATE TABLE oversight_job_state (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The alert detection's predicates (EXPLAIN on the bench database, ADR 029).
-- Cells' rows of months not held, per cell (no_regular_meeting over a subtree).
CREATE INDEX cell_month_status_not_held ON cell_month_status (unit_id, month) WHERE NOT regular_held;
-- Held meetings of cells by time (attendance runs, low attendance, minutes late).
CREATE INDEX meetings_held_unit_time ON meetings (unit_id, scheduled_at) WHERE status = 'held' AND kind <> 'committee';
-- Planned meetings by time (documents late).
CREATE INDEX meetings_planned_time ON meetings (scheduled_at, unit_id) WHERE status = 'planned';
-- Open probation periods (probation ending) and transfers out (transfer letter due).
CREATE INDEX msp_open_probation ON member_status_periods (member_id) WHERE kind = 'probationary' AND valid_to IS NULL;
CREATE INDEX memberships_transfer_out ON memberships (valid_to, unit_id) WHERE end_reason = 'transfer_out';

-- Writes the job must see without a call in every writer: a membership counts in the members of
-- its cell in every month of its span (only months with a row, and the last two, are queued).
-- Statement-level triggers over the transition tables: one INSERT … SELECT per statement.
CREATE FUNCTION oversight_queue_memberships_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO oversight_dirty (unit_id, month)
  SELECT DISTINCT r.unit_id, to_char(g, 'YYYY-MM')
    FROM (SELECT unit_id, valid_from, valid_to FROM new_rows) r
    CROSS JOIN LATERAL generate_series(date_trunc('month', r.valid_from),
                                       date_trunc('month', greatest(coalesce(r.valid_to, current_date), r.valid_from)),
                                       interval '1 month') g
   WHERE g >= date_trunc('month', current_date) - interval '1 month'
      OR EXISTS (SELECT 1 FROM cell_month_status s WHERE s.unit_id = r.unit_id AND s.month = to_char(g, 'YYYY-MM'))
  ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now();
  RETURN NULL;
END $$;
CREATE FUNCTION oversight_queue_memberships_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO oversight_dirty (unit_id, month)
  SELECT DISTINCT r.unit_id, to_char(g, 'YYYY-MM')
    FROM (SELECT unit_id, valid_from, valid_to FROM new_rows UNION SELECT unit_id, valid_from, valid_to FROM old_rows) r
    CROSS JOIN LATERAL generate_series(date_trunc('month', r.valid_from),
                                       date_trunc('month', greatest(coalesce(r.valid_to, current_date), r.valid_from)),
                                       interval '1 month') g
   WHERE g >= date_trunc('month', current_date) - interval '1 month'
      OR EXISTS (SELECT 1 FROM cell_month_status s WHERE s.unit_id = r.unit_id AND s.month = to_char(g, 'YYYY-MM'))
  ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now();
  RETURN NULL;
END $$;
CREATE FUNCTION oversight_queue_memberships_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO oversight_dirty (unit_id, month)
  SELECT DISTINCT r.unit_id, to_char(g, 'YYYY-MM')
    FROM (SELECT unit_id, valid_from, valid_to FROM old_rows) r
    CROSS JOIN LATERAL generate_series(date_trunc('month', r.valid_from),
                                       date_trunc('month', greatest(coalesce(r.valid_to, current_date), r.valid_from)),
                                       interval '1 month') g
   WHERE g >= date_trunc('month', current_date) - interval '1 month'
      OR EXISTS (SELECT 1 FROM cell_month_status s WHERE s.unit_id = r.unit_id AND s.month = to_char(g, 'YYYY-MM'))
  ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now();
  RETURN NULL;
END $$;
CREATE TRIGGER memberships_oversight_ins AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_queue_memberships_ins();
CREATE TRIGGER memberships_oversight_upd AFTER UPDATE ON memberships
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_queue_memberships_upd();
CREATE TRIGGER memberships_oversight_del AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_queue_memberships_del();

-- The year's absences of members (excused runs, unexcused months): only these rows are read to
-- find the members who may reach a bar.
CREATE INDEX attendance_absent ON attendance (meeting_id, member_id)
  WHERE status IN ('absent_excused', 'absent_unexcused') AND category = 'member' AND NOT away;
