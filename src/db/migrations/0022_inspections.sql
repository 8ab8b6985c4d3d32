-- Inspection and supervision plans of a committee (issue 11 part D, ADR 025; Điều lệ Đảng
-- Điều 30). An issued conclusion is a record of the committee like adopted minutes: the triggers
-- below refuse to change or delete it, and its remedies can only be answered and closed.

-- A committee's yearly plan (kế hoạch kiểm tra, giám sát năm …).
CREATE TABLE inspection_plans (
  id           serial PRIMARY KEY,
  -- The committee's unit.
  unit_id      integer NOT NULL REFERENCES org_units(id),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  approved_at  timestamptz,
  created_by   integer REFERENCES users(id),
  updated_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, year)
);

-- One inspection or supervision of a unit below the committee.
CREATE TABLE inspections (
  id             serial PRIMARY KEY,
  plan_id        integer NOT NULL REFERENCES inspection_plans(id),
  -- The inspected unit (in the subtree of the plan's committee).
  unit_id        integer NOT NULL REFERENCES org_units(id),
  kind           text NOT NULL CHECK (kind IN ('inspection', 'supervision')),
  content        text NOT NULL CHECK (length(content) BETWEEN 1 AND 1000),
  planned_month  text NOT NULL CHECK (planned_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- [{ "name": "Nguyễn Văn A", "role": "truong_doan" | "thanh_vien" }]
  team           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(team) = 'array'),
  -- planned → in_progress (findings being written) → concluded (issued).
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'concluded')),
  strengths      text,
  limitations    text,
  shortcomings   text,
  conclusion     text,
  conclusion_no  text,
  concluded_on   date,
  -- SHA-256 of the canonical JSON of the issued content (findings, conclusion, remedies).
  content_hash   text,
  issued_at      timestamptz,
  issued_by      integer REFERENCES users(id),
  created_by     integer REFERENCES users(id),
  updated_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'concluded') = (issued_at IS NOT NULL)),
  CHECK (issued_at IS NULL OR (conclusion_no IS NOT NULL AND concluded_on IS NOT NULL
                               AND conclusion IS NOT NULL AND content_hash IS NOT NULL))
);
CREATE INDEX inspections_unit_month ON inspections (unit_id, planned_month);
CREATE INDEX inspections_plan ON inspections (plan_id, planned_month);

-- A remedy required by the conclusion (yêu cầu khắc phục), answered by the inspected unit.
CREATE TABLE inspection_remedies (
  id             serial PRIMARY KEY,
  inspection_id  integer NOT NULL REFERENCES inspections(id),
  position       integer NOT NULL CHECK (position >= 1),
  content        text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  due_on         date NOT NULL,
  -- The current answer; a returned answer is cleared here and kept in inspection_remedy_answers.
  answer         text,
  answered_at    timestamptz,
  answered_by    integer REFERENCES users(id),
  closed_at      timestamptz,
  closed_by      integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  CHECK (closed_at IS NULL OR answered_at IS NOT NULL)
);
CREATE INDEX inspection_remedies_inspection ON inspection_remedies (inspection_id, position);
CREATE INDEX inspection_remedies_open_due ON inspection_remedies (due_on) WHERE closed_at IS NULL;

-- Every answer given to a remedy and what the committee did with it (closed or returned).
CREATE TABLE inspection_remedy_answers (
  id           serial PRIMARY KEY,
  remedy_id    integer NOT NULL REFERENCES inspection_remedies(id),
  answer       text NOT NULL,
  answered_by  integer REFERENCES users(id),
  answered_at  timestamptz NOT NULL DEFAULT now(),
  outcome      text CHECK (outcome IN ('closed', 'returned')),
  comment      text,
  decided_by   integer REFERENCES users(id),
  decided_at   timestamptz,
  CHECK ((outcome IS NULL) = (decided_at IS NULL))
);
CREATE INDEX inspection_remedy_answers_remedy ON inspection_remedy_answers (remedy_id, answered_at);

-- A supervision visit may be made under an inspection plan's supervision.
ALTER TABLE supervision_visits ADD COLUMN inspection_id integer REFERENCES inspections(id);
CREATE INDEX supervision_visits_inspection ON supervision_visits (inspection_id, visited_on)
  WHERE inspection_id IS NOT NULL;

-- The app refuses first with a Vietnamese message; these triggers are the last word.
CREATE FUNCTION refuse_issued_inspection_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.issued_at IS NOT NULL THEN
    RAISE EXCEPTION 'inspection % is issued and locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER inspection_issued_locked BEFORE UPDATE OR DELETE ON inspections
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_inspection_change();

-- Remedies of an issued inspection: no new one, none deleted, content and due date fixed; only
-- the answer and its closing change, and a closed remedy stays closed.
CREATE FUNCTION refuse_issued_remedy_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  locked boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT issued_at IS NOT NULL INTO locked FROM inspections WHERE id = NEW.inspection_id;
    IF locked THEN
      RAISE EXCEPTION 'inspection % is issued and locked: no new remedy', NEW.inspection_id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT issued_at IS NOT NULL INTO locked FROM inspections WHERE id = OLD.inspection_id;
  IF locked THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'remedy % of an issued inspection is locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.inspection_id <> OLD.inspection_id OR NEW.position <> OLD.position
       OR NEW.content <> OLD.content OR NEW.due_on <> OLD.due_on
       OR OLD.closed_at IS NOT NULL THEN
      RAISE EXCEPTION 'remedy % of an issued inspection is locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER inspection_remedy_issued_locked BEFORE INSERT OR UPDATE OR DELETE ON inspection_remedies
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_remedy_change();
