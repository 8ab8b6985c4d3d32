-- Foundation: organisation tree, members and their dated status history, accounts,
-- role grants, sessions, audit log, member imports.

CREATE TABLE org_units (
  id            serial PRIMARY KEY,
  parent_id     integer REFERENCES org_units(id),
  -- Materialized path of ids, e.g. '/1/12/305/': a subtree is `path LIKE '/1/12/%'`.
  path          text NOT NULL UNIQUE,
  name          text NOT NULL,
  -- dang_bo_tinh | dang_bo_co_so | dang_bo_bo_phan | chi_bo | chi_bo_co_so | other
  kind          text NOT NULL,
  -- loại hình chi bộ (cells only): khu_dan_cu, nong_thon, co_quan, truong_hoc, ...
  cell_type     text,
  code          text,
  -- Rule pack selected on this unit; NULL inherits from the nearest ancestor.
  rule_pack     text,
  sort_order    integer NOT NULL DEFAULT 0,
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_units_path_prefix ON org_units (path text_pattern_ops);
CREATE INDEX org_units_parent ON org_units (parent_id);

CREATE TABLE members (
  id             serial PRIMARY KEY,
  full_name      text NOT NULL,
  -- Vietnamese collation key (given name first): ORDER BY sort_key COLLATE "C".
  sort_key       text NOT NULL,
  birth_date     date,
  gender         text CHECK (gender IN ('nam', 'nu')),
  ethnicity      text,
  hometown       text,
  address        text,
  admission_date date,
  official_date  date,
  card_number    text UNIQUE,
  national_id    text UNIQUE,
  phone          text,
  email          text,
  notes          text,
  -- The unit responsible for this record: the current (or last) home cell, or for a "213"
  -- member whose own cell is outside the tree, the residential cell keeping their contact.
  unit_id        integer NOT NULL REFERENCES org_units(id),
  -- Lifecycle summary kept in step with the dated history below, for fast filtering.
  standing       text NOT NULL DEFAULT 'active' CHECK (standing IN ('active', 'transferred_out', 'removed', 'contact_only')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX members_unit ON members (unit_id, sort_key);

-- Which cell counts a member, over time (admission, official transfer in/out, removal).
CREATE TABLE memberships (
  id            serial PRIMARY KEY,
  member_id     integer NOT NULL REFERENCES members(id),
  unit_id       integer NOT NULL REFERENCES org_units(id),
  valid_from    date NOT NULL,
  valid_to      date,              -- exclusive; NULL = still open
  start_reason  text NOT NULL,     -- admission | transfer_in | initial | import
  end_reason    text,              -- transfer_out | xoa_ten | khai_tru | tu_tran | ra_khoi_dang | correction
  decision_no   text,
  other_org     text,              -- where a transfer came from / went to, when outside the tree
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX memberships_one_open ON memberships (member_id) WHERE valid_to IS NULL;
CREATE INDEX memberships_unit_dates ON memberships (unit_id, valid_from, valid_to);
CREATE INDEX memberships_member ON memberships (member_id, valid_from);

-- Dated status periods: probationary | official | exempted | temporary_out | contact_213.
-- For temporary_out / contact_213, unit_id is the host / residential unit (or other_org text).
CREATE TABLE member_status_periods (
  id             serial PRIMARY KEY,
  member_id      integer NOT NULL REFERENCES members(id),
  kind           text NOT NULL CHECK (kind IN ('probationary', 'official', 'exempted', 'temporary_out', 'contact_213')),
  unit_id        integer REFERENCES org_units(id),
  other_org      text,
  valid_from     date NOT NULL,
  valid_to       date,
  reason         text,
  decision_no    text,
  decision_date  date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX msp_member ON member_status_periods (member_id, kind, valid_from);
CREATE INDEX msp_host ON member_status_periods (unit_id, kind, valid_from) WHERE unit_id IS NOT NULL;

CREATE TABLE users (
  id             serial PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  display_name   text NOT NULL,
  member_id      integer UNIQUE REFERENCES members(id),
  is_active      boolean NOT NULL DEFAULT true,
  last_login_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_grants (
  id           serial PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users(id),
  role         text NOT NULL CHECK (role IN ('admin', 'committee_staff', 'supervisor', 'cell_secretary', 'cell_committee', 'member')),
  org_unit_id  integer NOT NULL REFERENCES org_units(id),
  valid_from   date,
  valid_to     date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, org_unit_id)
);
CREATE INDEX role_grants_unit ON role_grants (org_unit_id);

CREATE TABLE sessions (
  -- sha256 of the cookie token: a stolen database does not yield live sessions.
  id            text PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users(id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  integer REFERENCES users(id),
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text,
  org_unit_id    integer REFERENCES org_units(id),
  -- Path of the unit at the time of the change, so staff read their subtree's log by prefix.
  org_path       text,
  before         jsonb,
  after          jsonb,
  ip             text
);
CREATE INDEX audit_path ON audit_log (org_path text_pattern_ops, at DESC);
CREATE INDEX audit_at ON audit_log (at DESC);
CREATE INDEX audit_entity ON audit_log (entity_type, entity_id);

CREATE TABLE member_imports (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES org_units(id),
  created_by    integer REFERENCES users(id),
  file_name     text NOT NULL,
  file_sha256   text NOT NULL,
  -- queued | validating | ready | invalid | committing | done | failed
  status        text NOT NULL,
  total_rows    integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  summary       jsonb,
  errors        jsonb,
  plan          jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX member_imports_unit ON member_imports (unit_id, created_at DESC);
