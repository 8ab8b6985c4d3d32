-- Meeting quality: rule packs loaded by committees, two-column scores, monthly cell status,
-- compliance alerts, supervision visits and recommendations.

-- Rule packs loaded from JSON by committees (built-in packs live in code). A version applies
-- from its effective date; a meeting is scored with the version in force on its date.
CREATE TABLE rule_packs (
  id              text NOT NULL,
  version         text NOT NULL,
  effective_from  date NOT NULL,
  name            text NOT NULL,
  content         jsonb NOT NULL,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
CREATE INDEX rule_packs_effective ON rule_packs (id, effective_from DESC);

-- One row per scoring (cell self-score or superior's score) and revision. Confirmed rows are
-- frozen: later changes are new revisions (the trigger refuses edits of confirmed rows).
CREATE TABLE meeting_scores (
  id              serial PRIMARY KEY,
  meeting_id      integer NOT NULL REFERENCES meetings(id),
  scorer          text NOT NULL CHECK (scorer IN ('cell', 'supervisor')),
  revision        integer NOT NULL DEFAULT 1,
  judgement       jsonb NOT NULL DEFAULT '{}',
  -- The full computed score (items with points and evidence) at confirmation.
  result          jsonb,
  total           numeric(5, 1),
  band            text,
  rule_pack       text NOT NULL,
  rule_pack_version text NOT NULL,
  scored_by       integer REFERENCES users(id),
  confirmed_at    timestamptz,
  revision_note   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, scorer, revision)
);
CREATE INDEX meeting_scores_meeting ON meeting_scores (meeting_id, scorer, revision DESC);

CREATE FUNCTION refuse_confirmed_score_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.confirmed_at IS NOT NULL THEN
    RAISE EXCEPTION 'confirmed score % is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER meeting_score_locked BEFORE UPDATE OR DELETE ON meeting_scores
  FOR EACH ROW EXECUTE FUNCTION refuse_confirmed_score_change();

-- Month × cell summary, maintained when records change, read by dashboards (house rule 9).
CREATE TABLE cell_month_status (
  unit_id              integer NOT NULL REFERENCES org_units(id),
  month                text NOT NULL,           -- YYYY-MM
  regular_held         boolean NOT NULL DEFAULT false,
  regular_on_time      boolean NOT NULL DEFAULT false,
  thematic_in_quarter  boolean NOT NULL DEFAULT false,
  meeting_id           integer REFERENCES meetings(id),
  length_minutes       integer,
  min_minutes          integer,
  attendance_percent   numeric(5, 2),
  cell_score           numeric(5, 1),
  supervisor_score     numeric(5, 1),
  rating               text,
  documents_on_time    boolean,
  minutes_on_time      boolean,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, month)
);
CREATE INDEX cell_month_status_month ON cell_month_status (month);

-- Compliance alerts: one open row per (kind, subject); the job re-raises nothing that is open.
CREATE TABLE alerts (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES org_units(id),
  kind          text NOT NULL,
  subject_key   text NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  title         text NOT NULL,
  detail        text,
  link          text,
  member_id     integer REFERENCES members(id),
  meeting_id    integer REFERENCES meetings(id),
  due_date      date,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at   timestamptz
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (kind, subject_key) WHERE resolved_at IS NULL;
CREATE INDEX alerts_unit_open ON alerts (unit_id) WHERE resolved_at IS NULL;

-- A supervisor's visit to a cell (usually attending its meeting).
CREATE TABLE supervision_visits (
  id             serial PRIMARY KEY,
  unit_id        integer NOT NULL REFERENCES org_units(id),
  supervisor_id  integer NOT NULL REFERENCES users(id),
  meeting_id     integer REFERENCES meetings(id),
  visited_on     date NOT NULL,
  comments       text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_visits_unit ON supervision_visits (unit_id, visited_on);
CREATE INDEX supervision_visits_supervisor ON supervision_visits (supervisor_id, visited_on);

-- Recommendations (kiến nghị) raised by a cell, answered and closed by the cell or committee.
CREATE TABLE recommendations (
  id           serial PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES org_units(id),
  visit_id     integer REFERENCES supervision_visits(id),
  raised_by    integer REFERENCES users(id),
  raised_on    date NOT NULL,
  content      text NOT NULL,
  answer       text,
  answered_by  integer REFERENCES users(id),
  answered_at  timestamptz,
  closed_at    timestamptz
);
CREATE INDEX recommendations_unit_open ON recommendations (unit_id) WHERE closed_at IS NULL;
