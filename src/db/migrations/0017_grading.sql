-- The annual review and grading of members and party organisations (issue 10, ADR 024;
-- QĐ 366-QĐ/TW 30/8/2025, HD 43-HD/BTCTW 31/10/2025). Levels: xuat_sac | tot | hoan_thanh |
-- khong_hoan_thanh. Decisions, once their set is issued, are locked by the triggers below.

-- The cell's review session is a meeting of its own kind.
ALTER TABLE meetings DROP CONSTRAINT IF EXISTS meetings_kind_check;
ALTER TABLE meetings ADD CONSTRAINT meetings_kind_check
  CHECK (kind IN ('regular', 'thematic', 'combined', 'committee', 'extraordinary', 'review'));

-- A committee opens the year's review for its subtree with the steps' deadlines.
CREATE TABLE grading_campaigns (
  id                 serial PRIMARY KEY,
  unit_id            integer NOT NULL REFERENCES org_units(id),
  year               integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title              text NOT NULL,
  self_review_due    date NOT NULL,
  cell_session_due   date NOT NULL,
  decision_due       date NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  note               text,
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, year),
  CHECK (self_review_due <= cell_session_due AND cell_session_due <= decision_due)
);
CREATE INDEX grading_campaigns_year ON grading_campaigns (year, unit_id);

-- A member's bản kiểm điểm for a year: sections (keys from the pack) and the level proposed.
CREATE TABLE member_self_reviews (
  id              serial PRIMARY KEY,
  year            integer NOT NULL,
  member_id       integer NOT NULL REFERENCES members(id),
  -- The member's cell when the review was written (their home cell on 31/12 of the year).
  unit_id         integer NOT NULL REFERENCES org_units(id),
  sections        jsonb NOT NULL DEFAULT '{}',
  proposed_level  text CHECK (proposed_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at    timestamptz,
  revision        integer NOT NULL DEFAULT 1,
  updated_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, member_id),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX member_self_reviews_unit ON member_self_reviews (unit_id, year);

-- The cell's session: comments and the vote on each member, as counts on the statutory base
-- (official members), and the chi ủy's proposed level.
CREATE TABLE cell_member_votes (
  id               serial PRIMARY KEY,
  year             integer NOT NULL,
  member_id        integer NOT NULL REFERENCES members(id),
  unit_id          integer NOT NULL REFERENCES org_units(id),
  meeting_id       integer REFERENCES meetings(id),
  comments         text,
  -- Official members of the cell on the day of the vote (the percentages' denominator).
  base             integer NOT NULL CHECK (base >= 0),
  votes_xuat_sac   integer NOT NULL DEFAULT 0 CHECK (votes_xuat_sac >= 0),
  votes_tot        integer NOT NULL DEFAULT 0 CHECK (votes_tot >= 0),
  votes_hoan_thanh integer NOT NULL DEFAULT 0 CHECK (votes_hoan_thanh >= 0),
  votes_khong      integer NOT NULL DEFAULT 0 CHECK (votes_khong >= 0),
  proposed_level   text NOT NULL CHECK (proposed_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
  recorded_by      integer REFERENCES users(id),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, member_id),
  CHECK (votes_xuat_sac + votes_tot + votes_hoan_thanh + votes_khong <= base)
);
CREATE INDEX cell_member_votes_unit ON cell_member_votes (unit_id, year);

-- A party organisation's self-assessment against the pack's criteria, and its vote.
CREATE TABLE org_self_assessments (
  id              serial PRIMARY KEY,
  year            integer NOT NULL,
  unit_id         integer NOT NULL REFERENCES org_units(id),
  meeting_id      integer REFERENCES meetings(id),
  scores          jsonb NOT NULL DEFAULT '{}',
  total           numeric(5,2) NOT NULL DEFAULT 0 CHECK (total BETWEEN 0 AND 100),
  proposed_level  text NOT NULL CHECK (proposed_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
  comments        text,
  recorded_by     integer REFERENCES users(id),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, unit_id)
);

-- Evidence of the year kept by the committee: discipline and commendations of members.
CREATE TABLE member_disciplines (
  id             serial PRIMARY KEY,
  member_id      integer NOT NULL REFERENCES members(id),
  form           text NOT NULL CHECK (form IN ('khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru')),
  decided_on     date NOT NULL,
  decision_no    text,
  reason         text NOT NULL,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_disciplines_member ON member_disciplines (member_id, decided_on);

CREATE TABLE member_commendations (
  id             serial PRIMARY KEY,
  member_id      integer NOT NULL REFERENCES members(id),
  title          text NOT NULL,
  decided_on     date NOT NULL,
  decision_no    text,
  issuer         text,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_commendations_member ON member_commendations (member_id, decided_on);

-- A committee's decision on the grades of one year: the initial set (one per committee, year and
-- subject type) and each later revision (one decision, with its reason).
CREATE TABLE grading_decision_sets (
  id              serial PRIMARY KEY,
  year            integer NOT NULL,
  -- The deciding committee's unit.
  unit_id         integer NOT NULL REFERENCES org_units(id),
  subject_type    text NOT NULL CHECK (subject_type IN ('member', 'organisation')),
  kind            text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'revision')),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  decision_no     text,
  decision_date   date,
  reason          text,
  -- SHA-256 of the canonical JSON of the issued decisions (set when issued).
  content_hash    text,
  issued_at       timestamptz,
  issued_by       integer REFERENCES users(id),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'issued') = (issued_at IS NOT NULL)),
  CHECK (status = 'draft' OR (decision_no IS NOT NULL AND decision_date IS NOT NULL)),
  CHECK (kind = 'initial' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX grading_sets_one_initial ON grading_decision_sets (year, unit_id, subject_type)
  WHERE kind = 'initial';

CREATE TABLE grading_decisions (
  id              serial PRIMARY KEY,
  set_id          integer NOT NULL REFERENCES grading_decision_sets(id),
  year            integer NOT NULL,
  subject_type    text NOT NULL CHECK (subject_type IN ('member', 'organisation')),
  member_id       integer REFERENCES members(id),
  -- A member's cell at the decision, or the graded organisation.
  unit_id         integer NOT NULL REFERENCES org_units(id),
  -- org_units.path of unit_id, copied for prefix scans of a subtree's statistics.
  unit_path       text NOT NULL,
  level           text NOT NULL CHECK (level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
  score           numeric(5,2) CHECK (score BETWEEN 0 AND 100),
  -- Cán bộ (diện cấp ủy quản lý) are reported apart in the statistics (seed 002).
  is_cadre        boolean NOT NULL DEFAULT false,
  note            text,
  supersedes_id   integer REFERENCES grading_decisions(id),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject_type = 'member') = (member_id IS NOT NULL))
);
CREATE UNIQUE INDEX grading_decisions_member_in_set ON grading_decisions (set_id, member_id) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX grading_decisions_org_in_set ON grading_decisions (set_id, unit_id) WHERE member_id IS NULL;
CREATE INDEX grading_decisions_stats ON grading_decisions (year, subject_type, unit_path text_pattern_ops);
CREATE INDEX grading_decisions_member ON grading_decisions (member_id, year) WHERE member_id IS NOT NULL;
CREATE INDEX grading_decisions_org ON grading_decisions (unit_id, year) WHERE member_id IS NULL;
CREATE UNIQUE INDEX grading_decisions_superseded_once ON grading_decisions (supersedes_id) WHERE supersedes_id IS NOT NULL;

-- An issued decision set and its decisions are immutable: changes are revision sets. The app
-- refuses first with a Vietnamese message; these triggers are the last word.
CREATE FUNCTION refuse_issued_grading_set_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'grading decision set % is issued and locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER grading_set_issued_locked BEFORE UPDATE OR DELETE ON grading_decision_sets
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_grading_set_change();

CREATE FUNCTION refuse_issued_grading_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF (SELECT status FROM grading_decision_sets WHERE id = OLD.set_id) = 'issued' THEN
      RAISE EXCEPTION 'grading decision % is issued and locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF (SELECT status FROM grading_decision_sets WHERE id = NEW.set_id) = 'issued' THEN
      RAISE EXCEPTION 'grading decision set % is issued and locked: no new decision', NEW.set_id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER grading_decision_issued_locked BEFORE INSERT OR UPDATE OR DELETE ON grading_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_grading_decision_change();
