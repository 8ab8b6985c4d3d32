-- Commendations and reminders decided by a committee (issue 9, ADR 021), and model meetings a
-- committee marks for the cells of its subtree to learn from.

CREATE TABLE recognition_decisions (
  id               serial PRIMARY KEY,
  -- The deciding committee's unit.
  unit_id          integer NOT NULL REFERENCES org_units(id),
  -- The unit commended or reminded (in the deciding unit's subtree).
  subject_unit_id  integer NOT NULL REFERENCES org_units(id),
  kind             text NOT NULL CHECK (kind IN ('khen_thuong', 'bieu_duong', 'nhac_nho')),
  number           text,                    -- "Số 12-QĐ/ĐU"
  decided_on       date NOT NULL,
  reason           text NOT NULL,
  period_from      text,                    -- YYYY-MM: the period the decision looks back on
  period_to        text,
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_decisions_unit ON recognition_decisions (unit_id, decided_on DESC, id DESC);
CREATE INDEX recognition_decisions_subject ON recognition_decisions (subject_unit_id, decided_on DESC, id DESC);

CREATE TABLE model_meetings (
  meeting_id       integer PRIMARY KEY REFERENCES meetings(id),
  -- The committee that marked it: every cell of its subtree may open it.
  marked_by_unit   integer NOT NULL REFERENCES org_units(id),
  topic            text,
  note             text,
  marked_by        integer REFERENCES users(id),
  marked_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_meetings_marker ON model_meetings (marked_by_unit);
