-- The meeting cycle (HD 42-HD/BTCTW 2025): plan, prepare, run, record, follow up.

-- A cell's standing rule for its regular meeting ("ngày 10 hàng tháng, 19 giờ 30, nhà văn hóa").
CREATE TABLE meeting_series (
  id             serial PRIMARY KEY,
  unit_id        integer NOT NULL REFERENCES org_units(id),
  day_of_month   integer NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
  start_time     text NOT NULL CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  place          text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX meeting_series_one_active ON meeting_series (unit_id) WHERE active;

-- The yearly thematic plan: a topic per quarter (sinh hoạt chuyên đề ≥ once a quarter).
CREATE TABLE thematic_plans (
  id          serial PRIMARY KEY,
  unit_id     integer NOT NULL REFERENCES org_units(id),
  year        integer NOT NULL,
  quarter     integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  topic       text NOT NULL,
  presenter_member_id integer REFERENCES members(id),
  month       integer CHECK (month BETWEEN 1 AND 12),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, year, quarter)
);

CREATE TABLE meetings (
  id                  serial PRIMARY KEY,
  unit_id             integer NOT NULL REFERENCES org_units(id),
  series_id           integer REFERENCES meeting_series(id),
  -- YYYY-MM of the series occurrence: re-running the generator never duplicates a month.
  series_period       text,
  kind                text NOT NULL CHECK (kind IN ('regular', 'thematic', 'combined', 'committee', 'extraordinary')),
  status              text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'held', 'cancelled')),
  title               text NOT NULL,
  thematic_topic      text,
  scheduled_at        timestamptz NOT NULL,
  original_scheduled_at timestamptz,
  place               text,
  min_duration_minutes integer NOT NULL,
  rule_pack           text NOT NULL,
  rule_pack_version   text NOT NULL,
  started_at          timestamptz,
  ended_at            timestamptz,
  cancel_reason       text,
  move_reason         text,
  chair_member_id     integer REFERENCES members(id),
  secretary_member_id integer REFERENCES members(id),
  preparer_member_id  integer REFERENCES members(id),
  -- The chi ủy (or bí thư) preparation meeting of this meeting.
  prep_meeting_id     integer REFERENCES meetings(id),
  content             text,
  draft_resolution    text,
  checkin_code        text,
  created_by          integer REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX meetings_series_period ON meetings (series_id, series_period) WHERE series_id IS NOT NULL;
CREATE INDEX meetings_unit_time ON meetings (unit_id, scheduled_at);
CREATE INDEX meetings_status_time ON meetings (status, scheduled_at);

-- HD 42 preparation checklist, each step time-stamped.
CREATE TABLE meeting_prep_steps (
  meeting_id  integer NOT NULL REFERENCES meetings(id),
  step        text NOT NULL,
  done_at     timestamptz NOT NULL DEFAULT now(),
  done_by     integer REFERENCES users(id),
  note        text,
  PRIMARY KEY (meeting_id, step)
);

CREATE TABLE meeting_documents (
  id          serial PRIMARY KEY,
  meeting_id  integer NOT NULL REFERENCES meetings(id),
  -- material: posted before the meeting; final: the finalised resolution/documents after it.
  purpose     text NOT NULL CHECK (purpose IN ('material', 'final')),
  title       text NOT NULL,
  file_name   text NOT NULL,
  mime_type   text NOT NULL,
  size_bytes  integer NOT NULL,
  sha256      text NOT NULL,
  content     bytea NOT NULL,
  posted_at   timestamptz NOT NULL DEFAULT now(),
  posted_by   integer REFERENCES users(id),
  removed_at  timestamptz
);
CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_id);

CREATE TABLE agenda_items (
  id          serial PRIMARY KEY,
  meeting_id  integer NOT NULL REFERENCES meetings(id),
  position    integer NOT NULL,
  section     text NOT NULL CHECK (section IN ('opening', 'body', 'closing')),
  step_key    text,
  title       text NOT NULL,
  done_at     timestamptz,
  conclusion  text
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE attendance (
  meeting_id     integer NOT NULL REFERENCES meetings(id),
  member_id      integer NOT NULL REFERENCES members(id),
  -- Snapshot at the meeting: member (counted), exempted (shown apart), temporary_in (not counted).
  category       text NOT NULL CHECK (category IN ('member', 'exempted', 'temporary_in')),
  is_official    boolean NOT NULL,
  away           boolean NOT NULL DEFAULT false,
  status         text CHECK (status IN ('present', 'late', 'left_early', 'absent_excused', 'absent_unexcused')),
  reason         text,
  checked_in_at  timestamptz,
  via            text CHECK (via IN ('secretary', 'self')),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX attendance_member ON attendance (member_id, meeting_id);

CREATE TABLE meeting_guests (
  id            serial PRIMARY KEY,
  meeting_id    integer NOT NULL REFERENCES meetings(id),
  name          text NOT NULL,
  title         text,
  organisation  text,
  is_supervisor boolean NOT NULL DEFAULT false,
  user_id       integer REFERENCES users(id)
);
CREATE INDEX meeting_guests_meeting ON meeting_guests (meeting_id);

CREATE TABLE speeches (
  id              serial PRIMARY KEY,
  meeting_id      integer NOT NULL REFERENCES meetings(id),
  agenda_item_id  integer REFERENCES agenda_items(id),
  member_id       integer REFERENCES members(id),
  guest_id        integer REFERENCES meeting_guests(id),
  speaker_name    text NOT NULL,
  summary         text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX speeches_meeting ON speeches (meeting_id);

CREATE TABLE votes (
  id              serial PRIMARY KEY,
  meeting_id      integer NOT NULL REFERENCES meetings(id),
  agenda_item_id  integer REFERENCES agenda_items(id),
  subject         text NOT NULL,
  is_resolution   boolean NOT NULL DEFAULT false,
  method          text NOT NULL DEFAULT 'show_of_hands',
  votes_for       integer NOT NULL,
  votes_against   integer NOT NULL,
  votes_abstain   integer NOT NULL,
  base            integer NOT NULL,
  passed          boolean NOT NULL,
  rule            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX votes_meeting ON votes (meeting_id);

-- Resolution items: tasks with owners and deadlines, reviewed at a later meeting.
CREATE TABLE tasks (
  id                  serial PRIMARY KEY,
  unit_id             integer NOT NULL REFERENCES org_units(id),
  meeting_id          integer NOT NULL REFERENCES meetings(id),
  title               text NOT NULL,
  deadline            date,
  result              text NOT NULL DEFAULT 'open' CHECK (result IN ('open', 'achieved', 'partial', 'not_achieved')),
  result_note         text,
  reviewed_meeting_id integer REFERENCES meetings(id),
  reviewed_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_unit ON tasks (unit_id, result, deadline);
CREATE INDEX tasks_meeting ON tasks (meeting_id);

CREATE TABLE task_owners (
  task_id    integer NOT NULL REFERENCES tasks(id),
  member_id  integer NOT NULL REFERENCES members(id),
  PRIMARY KEY (task_id, member_id)
);
CREATE INDEX task_owners_member ON task_owners (member_id);

-- Minutes (biên bản) and resolution (nghị quyết) versions. An adopted version is locked: a
-- correction is a new version; each adopted version's hash chains to the previous one.
CREATE TABLE meeting_record_versions (
  id                   serial PRIMARY KEY,
  meeting_id           integer NOT NULL REFERENCES meetings(id),
  version              integer NOT NULL,
  status               text NOT NULL CHECK (status IN ('draft', 'adopted')),
  content              jsonb NOT NULL,
  content_hash         text,
  prev_hash            text,
  correction_note      text,
  adopted_at           timestamptz,
  chair_signed_by      integer REFERENCES users(id),
  chair_signed_at      timestamptz,
  secretary_signed_by  integer REFERENCES users(id),
  secretary_signed_at  timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, version)
);
CREATE UNIQUE INDEX meeting_record_one_draft ON meeting_record_versions (meeting_id) WHERE status = 'draft';

-- The database itself refuses to change or delete an adopted version (house rule 6).
CREATE FUNCTION refuse_adopted_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'adopted' THEN
    RAISE EXCEPTION 'adopted meeting record % is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER meeting_record_locked BEFORE UPDATE OR DELETE ON meeting_record_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_change();

CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text,
  link        text,
  dedupe_key  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Mail is sent after commit from this outbox, retried with back-off.
CREATE TABLE mail_outbox (
  id               bigserial PRIMARY KEY,
  to_address       text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  -- Path in the app (/sinh-hoat/12); the mailer prefixes the public address when sending.
  link             text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

CREATE TABLE calendar_tokens (
  id          serial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX calendar_tokens_user ON calendar_tokens (user_id);
