-- The chi ủy as a body (issue 11 item 5, ADR 025 part E) and the organisations of the locality
-- that take tasks from a cell's meetings and report back at the next one (item 6).

-- A term of the cell's elected committee (nhiệm kỳ). A cell below
-- pack.organisation.cellCommitteeFromOfficialMembers records a term holding only its bí thư and
-- phó bí thư (no chi ủy viên).
CREATE TABLE cell_committee_terms (
  id          serial PRIMARY KEY,
  unit_id     integer NOT NULL REFERENCES org_units(id),
  term_label  text NOT NULL,              -- '2025–2030'
  elected_on  date NOT NULL,
  ends_on     date,
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on > elected_on),
  UNIQUE (unit_id, term_label)
);
CREATE INDEX cell_committee_terms_unit ON cell_committee_terms (unit_id, elected_on DESC);

-- Who sits on the committee of a term, in which role, from when to when (to_on exclusive, NULL
-- = until the term ends): a change during the term closes one row's period and opens another's.
CREATE TABLE cell_committee_members (
  term_id    integer NOT NULL REFERENCES cell_committee_terms(id) ON DELETE CASCADE,
  member_id  integer NOT NULL REFERENCES members(id),
  role       text NOT NULL CHECK (role IN ('bi_thu', 'pho_bi_thu', 'chi_uy_vien')),
  from_on    date NOT NULL,
  to_on      date,
  PRIMARY KEY (term_id, member_id),
  CHECK (to_on IS NULL OR to_on > from_on)
);
CREATE INDEX cell_committee_members_member ON cell_committee_members (member_id);

-- Mass organisations and forces of the locality a cell gives tasks to (Mặt trận, Phụ nữ, Đoàn…).
-- Deactivated, never deleted, once a task references it.
CREATE TABLE local_organisations (
  id             serial PRIMARY KEY,
  unit_id        integer NOT NULL REFERENCES org_units(id),
  kind           text NOT NULL CHECK (kind IN ('mat_tran', 'phu_nu', 'doan_thanh_nien', 'nong_dan',
                   'cuu_chien_binh', 'cong_an', 'dan_quan', 'other')),
  name           text NOT NULL,
  contact_name   text,
  contact_phone  text,
  active         boolean NOT NULL DEFAULT true,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_organisations_unit ON local_organisations (unit_id, active, name);

-- A task has member owners, or an organisation, or both; the organisation's report is recorded
-- at the review of the task at a later meeting.
ALTER TABLE tasks ADD COLUMN organisation_id integer REFERENCES local_organisations(id);
ALTER TABLE tasks ADD COLUMN org_report text;
ALTER TABLE tasks ADD COLUMN org_reported_at timestamptz;
CREATE INDEX tasks_organisation ON tasks (organisation_id, result) WHERE organisation_id IS NOT NULL;

-- The new columns follow the existing task lock: the organisation is part of the adopted
-- resolution; the report is part of the review and locked with the reviewing meeting's minutes.
CREATE FUNCTION refuse_adopted_task_org_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF meeting_is_adopted(OLD.meeting_id) AND NEW.organisation_id IS DISTINCT FROM OLD.organisation_id THEN
    RAISE EXCEPTION 'task % is locked (adopted minutes)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.reviewed_meeting_id IS NOT NULL AND meeting_is_adopted(OLD.reviewed_meeting_id) AND (
       NEW.org_report IS DISTINCT FROM OLD.org_report OR NEW.org_reported_at IS DISTINCT FROM OLD.org_reported_at) THEN
    RAISE EXCEPTION 'review of task % is locked (adopted minutes of meeting %)', OLD.id, OLD.reviewed_meeting_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER tasks_org_adopted_locked BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_task_org_change();
