-- Trustworthy records (issue 7): one stored attendance summary per meeting, preparation steps that
-- say whether the records prove them, minutes adopted at a later meeting, month rows that know
-- their due date, alerts dealt with by a person, and the database refusing any change to a
-- meeting whose minutes are adopted.

-- The attendance summary of a meeting, written by the one rule (src/domain/attendance.ts) whenever
-- its attendance changes, and read by the minutes, the score evidence, the month rows and the alerts.
ALTER TABLE meetings
  ADD COLUMN att_members integer,
  ADD COLUMN att_summoned integer,
  ADD COLUMN att_present integer,
  ADD COLUMN att_absent_excused integer,
  ADD COLUMN att_absent_unexcused integer,
  ADD COLUMN att_unmarked integer,
  ADD COLUMN att_exempted integer,
  ADD COLUMN att_exempted_present integer,
  ADD COLUMN att_visiting_present integer,
  ADD COLUMN att_away integer;

-- Backfill of meetings already started, with the same rule written once more in SQL for this
-- one-off step (summoned = own members not away and not exempted).
UPDATE meetings mt SET
  att_members = s.members, att_summoned = s.summoned, att_present = s.present,
  att_absent_excused = s.excused, att_absent_unexcused = s.unexcused, att_unmarked = s.unmarked,
  att_exempted = s.exempted, att_exempted_present = s.exempted_present,
  att_visiting_present = s.visiting_present, att_away = s.away
FROM (
  SELECT a.meeting_id,
    count(*) FILTER (WHERE a.category <> 'temporary_in')::int AS members,
    count(*) FILTER (WHERE a.category = 'member' AND NOT a.away)::int AS summoned,
    count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status IN ('present', 'late', 'left_early'))::int AS present,
    count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status = 'absent_excused')::int AS excused,
    count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status = 'absent_unexcused')::int AS unexcused,
    count(*) FILTER (WHERE a.category = 'member' AND NOT a.away AND a.status IS NULL)::int AS unmarked,
    count(*) FILTER (WHERE a.category = 'exempted')::int AS exempted,
    count(*) FILTER (WHERE a.category = 'exempted' AND a.status IN ('present', 'late', 'left_early'))::int AS exempted_present,
    count(*) FILTER (WHERE a.category = 'temporary_in' AND a.status IN ('present', 'late', 'left_early'))::int AS visiting_present,
    count(*) FILTER (WHERE a.category = 'member' AND a.away)::int AS away
  FROM attendance a GROUP BY a.meeting_id
) s
WHERE s.meeting_id = mt.id;

-- A step ticked by an action whose record proves it, or ticked by hand (self-declared).
ALTER TABLE meeting_prep_steps
  ADD COLUMN source text NOT NULL DEFAULT 'record' CHECK (source IN ('record', 'manual'));
UPDATE meeting_prep_steps p SET source = 'manual'
 WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'meeting.prep_step' AND a.entity_type = 'meeting'
                 AND a.entity_id = p.meeting_id::text AND a.after ->> 'step' = p.step);

-- Minutes not adopted at their own meeting are adopted at the cell's next meeting.
ALTER TABLE meeting_record_versions
  ADD COLUMN adopted_in_meeting_id integer REFERENCES meetings(id);

-- The day by which the month's regular meeting is due (before it, the month is pending, not failed).
ALTER TABLE cell_month_status
  ADD COLUMN due_date date,
  ADD COLUMN regular_planned boolean NOT NULL DEFAULT false;

-- An alert closed by a person (with a note) stays closed: the job does not reopen that subject.
ALTER TABLE alerts
  ADD COLUMN dismissed_at timestamptz,
  ADD COLUMN dismissed_by integer REFERENCES users(id),
  ADD COLUMN dismiss_note text;
CREATE INDEX alerts_dismissed ON alerts (kind, subject_key) WHERE dismissed_at IS NOT NULL;

CREATE INDEX tasks_unit_open ON tasks (unit_id) WHERE result = 'open';
CREATE INDEX tasks_reviewed_meeting ON tasks (reviewed_meeting_id) WHERE reviewed_meeting_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Nothing changes a meeting whose minutes are adopted, except a correction (a new record version).
-- The application refuses first with a Vietnamese message; these triggers are the last word.

CREATE FUNCTION meeting_is_adopted(mid integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mid AND v.status = 'adopted')
$$;

CREATE FUNCTION refuse_adopted_meeting_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF meeting_is_adopted(OLD.id) AND (
       NEW.title IS DISTINCT FROM OLD.title OR NEW.kind IS DISTINCT FROM OLD.kind
    OR NEW.status IS DISTINCT FROM OLD.status OR NEW.thematic_topic IS DISTINCT FROM OLD.thematic_topic
    OR NEW.scheduled_at IS DISTINCT FROM OLD.scheduled_at OR NEW.place IS DISTINCT FROM OLD.place
    OR NEW.started_at IS DISTINCT FROM OLD.started_at OR NEW.ended_at IS DISTINCT FROM OLD.ended_at
    OR NEW.chair_member_id IS DISTINCT FROM OLD.chair_member_id
    OR NEW.secretary_member_id IS DISTINCT FROM OLD.secretary_member_id
    OR NEW.content IS DISTINCT FROM OLD.content OR NEW.draft_resolution IS DISTINCT FROM OLD.draft_resolution
    OR NEW.rule_pack IS DISTINCT FROM OLD.rule_pack OR NEW.rule_pack_version IS DISTINCT FROM OLD.rule_pack_version
    OR NEW.min_duration_minutes IS DISTINCT FROM OLD.min_duration_minutes
    OR NEW.att_summoned IS DISTINCT FROM OLD.att_summoned OR NEW.att_present IS DISTINCT FROM OLD.att_present) THEN
    RAISE EXCEPTION 'meeting % has adopted minutes and is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER meeting_adopted_locked BEFORE UPDATE ON meetings
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_meeting_change();

-- Child records of the meeting (attendance, guests, speeches, votes, agenda): no insert, update or delete.
CREATE FUNCTION refuse_adopted_child_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mid integer;
BEGIN
  IF TG_OP = 'INSERT' THEN mid := NEW.meeting_id; ELSE mid := OLD.meeting_id; END IF;
  IF meeting_is_adopted(mid) THEN
    RAISE EXCEPTION '% of meeting % is locked (adopted minutes)', TG_TABLE_NAME, mid USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attendance_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON attendance
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_child_change();
CREATE TRIGGER guests_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON meeting_guests
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_child_change();
CREATE TRIGGER speeches_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON speeches
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_child_change();
CREATE TRIGGER votes_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_child_change();
CREATE TRIGGER agenda_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON agenda_items
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_child_change();

-- Tasks: an adopted meeting gets no new task and its tasks keep their text, owners and deadline;
-- only the review at a later meeting (result, note, reviewing meeting) may still be written, and
-- only while that later meeting is not adopted itself.
CREATE FUNCTION refuse_adopted_task_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF meeting_is_adopted(NEW.meeting_id) THEN
      RAISE EXCEPTION 'meeting % is locked (adopted minutes): no new task', NEW.meeting_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF meeting_is_adopted(OLD.meeting_id) OR (OLD.reviewed_meeting_id IS NOT NULL AND meeting_is_adopted(OLD.reviewed_meeting_id)) THEN
      RAISE EXCEPTION 'task % is locked (adopted minutes)', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF meeting_is_adopted(OLD.meeting_id) AND (
       NEW.title IS DISTINCT FROM OLD.title OR NEW.deadline IS DISTINCT FROM OLD.deadline
    OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id OR NEW.unit_id IS DISTINCT FROM OLD.unit_id) THEN
    RAISE EXCEPTION 'task % is locked (adopted minutes)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.reviewed_meeting_id IS NOT NULL AND meeting_is_adopted(OLD.reviewed_meeting_id) AND (
       NEW.result IS DISTINCT FROM OLD.result OR NEW.result_note IS DISTINCT FROM OLD.result_note
    OR NEW.reviewed_meeting_id IS DISTINCT FROM OLD.reviewed_meeting_id) THEN
    RAISE EXCEPTION 'review of task % is locked (adopted minutes of meeting %)', OLD.id, OLD.reviewed_meeting_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reviewed_meeting_id IS NOT NULL AND NEW.reviewed_meeting_id IS DISTINCT FROM OLD.reviewed_meeting_id
     AND meeting_is_adopted(NEW.reviewed_meeting_id) THEN
    RAISE EXCEPTION 'meeting % is locked (adopted minutes): no new review', NEW.reviewed_meeting_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER tasks_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_task_change();

CREATE FUNCTION refuse_adopted_task_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid integer;
BEGIN
  IF TG_OP = 'INSERT' THEN tid := NEW.task_id; ELSE tid := OLD.task_id; END IF;
  IF EXISTS (SELECT 1 FROM tasks t WHERE t.id = tid AND meeting_is_adopted(t.meeting_id)) THEN
    RAISE EXCEPTION 'owners of task % are locked (adopted minutes)', tid USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER task_owners_adopted_locked BEFORE INSERT OR UPDATE OR DELETE ON task_owners
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_task_owner_change();
