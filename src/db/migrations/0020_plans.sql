-- Implementation plans (kế hoạch thực hiện; issue 11 part B, ADR 025). A committee writes a plan
-- for a directive or a project: goals, targets bound to indicators chibo measures (or tracked by
-- hand), roadmap milestones and responsibilities. Months are 'YYYY-MM'.

CREATE TABLE plans (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES org_units(id),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  directive_id  integer REFERENCES directives(id),
  goals         text NOT NULL DEFAULT '',
  period_from   text NOT NULL CHECK (period_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  period_to     text NOT NULL CHECK (period_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  activated_at  timestamptz,
  closed_at     timestamptz,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to)
);
-- The unit's list (newest first, keyset on id) and the ancestors' active plans of a cell.
CREATE INDEX plans_unit_id ON plans (unit_id, id DESC);
CREATE INDEX plans_unit_status ON plans (unit_id, status, period_from);
CREATE INDEX plans_directive ON plans (directive_id) WHERE directive_id IS NOT NULL;

CREATE TABLE plan_targets (
  id                 serial PRIMARY KEY,
  plan_id            integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position           integer NOT NULL DEFAULT 0,
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  -- NULL = tracked by hand (manual_value); otherwise a key of ADR 025's indicator list.
  indicator          text CHECK (indicator IS NULL OR indicator IN (
                       'regular_monthly', 'regular_on_time', 'thematic_quarterly', 'attendance',
                       'rated_good', 'members_with_tasks', 'tasks_completed', 'visits',
                       'dissemination', 'grades_good')),
  directive_id       integer REFERENCES directives(id),
  comparator         text NOT NULL DEFAULT 'gte' CHECK (comparator IN ('gte', 'lte')),
  threshold          numeric NOT NULL CHECK (threshold >= 0),
  deadline           date NOT NULL,
  manual_value       numeric,
  manual_note        text,
  manual_updated_at  timestamptz,
  manual_updated_by  integer REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (indicator IS DISTINCT FROM 'dissemination' OR directive_id IS NOT NULL),
  CHECK (indicator IS NULL OR manual_value IS NULL)
);
CREATE INDEX plan_targets_plan ON plan_targets (plan_id, position, id);

CREATE TABLE plan_milestones (
  id          serial PRIMARY KEY,
  plan_id     integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  due_on      date NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  done_on     date,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_milestones_plan ON plan_milestones (plan_id, due_on, id);

CREATE TABLE plan_responsibilities (
  id          serial PRIMARY KEY,
  plan_id     integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  who         text NOT NULL CHECK (length(who) BETWEEN 1 AND 300),
  unit_id     integer REFERENCES org_units(id),
  what        text NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_responsibilities_plan ON plan_responsibilities (plan_id, id);
