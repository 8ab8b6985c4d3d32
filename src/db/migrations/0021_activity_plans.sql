-- The cell's yearly programme (chương trình công tác năm; issue 11 part C, ADR 025). The
-- quarter's thematic topic stays in thematic_plans and is shown as the programme's thematic rows;
-- activity_plan_items holds the key tasks and other items of each month.

CREATE TABLE activity_plans (
  id                serial PRIMARY KEY,
  unit_id           integer NOT NULL REFERENCES org_units(id),
  year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  submitted_at      timestamptz,
  submitted_by      integer REFERENCES users(id),
  decided_at        timestamptz,
  decided_by        integer REFERENCES users(id),
  decision_comment  text,
  -- "Điều chỉnh": an approved programme reopened to draft, with the reason.
  reopened_at       timestamptz,
  reopened_by       integer REFERENCES users(id),
  reopen_reason     text,
  revision          integer NOT NULL DEFAULT 1,
  created_by        integer REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, year),
  CHECK (status <> 'returned' OR decision_comment IS NOT NULL)
);
-- The committee's list of its cells' programmes of a year.
CREATE INDEX activity_plans_year_unit ON activity_plans (year, unit_id);

CREATE TABLE activity_plan_items (
  id                     serial PRIMARY KEY,
  plan_id                integer NOT NULL REFERENCES activity_plans(id) ON DELETE CASCADE,
  month                  integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  kind                   text NOT NULL CHECK (kind IN ('key_task', 'thematic', 'other')),
  position               integer NOT NULL DEFAULT 0,
  title                  text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  -- Who carries it out: a text ("Chi ủy", "Tổ dân phố") or a member of the cell (or both).
  responsible            text,
  responsible_member_id  integer REFERENCES members(id),
  -- Marked covered at a meeting of the cell (POST /api/meetings/{id}/activity-items/{itemId}).
  covered_meeting_id     integer REFERENCES meetings(id),
  covered_at             timestamptz,
  covered_by             integer REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_plan_items_plan ON activity_plan_items (plan_id, month, position);
CREATE INDEX activity_plan_items_covered ON activity_plan_items (covered_meeting_id)
  WHERE covered_meeting_id IS NOT NULL;

-- The agenda rows ensureAgenda inserts for the programme's items (step_key 'plan_item:<id>'):
-- the status reads them to derive "covered" from an agenda item marked done at a held meeting.
CREATE INDEX agenda_items_plan_item ON agenda_items (step_key) WHERE step_key LIKE 'plan_item:%';
