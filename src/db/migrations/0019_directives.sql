-- The directives library (văn bản chỉ đạo; issue 11 part A, ADR 025): a committee publishes a
-- directive, resolution, guidance or plan of its own or of the level above to its subtree; each
-- cell records when it disseminated it (quán triệt) at a meeting; members mark it read.

CREATE TABLE directives (
  id                      serial PRIMARY KEY,
  -- The publishing unit (a committee): the directive reaches this unit's whole subtree.
  unit_id                 integer NOT NULL REFERENCES org_units(id),
  kind                    text NOT NULL
    CHECK (kind IN ('directive', 'resolution', 'guidance', 'plan', 'conclusion', 'other')),
  -- Number/symbol as printed, e.g. '35-CT/TW', '12-NQ/ĐU'.
  number                  text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
  issued_on               date NOT NULL,
  -- The issuing body as printed, e.g. 'Ban Chấp hành Trung ương', 'Đảng ủy phường An Hội'.
  issuer                  text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 200),
  title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  summary                 text,
  requires_dissemination  boolean NOT NULL DEFAULT true,
  disseminate_by          date,
  status                  text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  published_at            timestamptz,
  published_by            integer REFERENCES users(id),
  withdrawn_at            timestamptz,
  withdrawn_by            integer REFERENCES users(id),
  withdraw_reason         text,
  -- The last reminder sent to the pending cells (at most one a day).
  last_reminded_at        timestamptz,
  created_by              integer REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (disseminate_by IS NULL OR disseminate_by >= issued_on),
  CHECK (requires_dissemination OR disseminate_by IS NULL),
  CHECK ((status = 'draft') = (published_at IS NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
  CHECK (status <> 'withdrawn' OR withdraw_reason IS NOT NULL)
);
-- A unit's list: the directives of the unit and of its ancestors, newest first.
CREATE INDEX directives_unit_status_issued ON directives (unit_id, status, issued_on DESC, id DESC);
-- The overdue alert: published directives requiring dissemination, by deadline.
CREATE INDEX directives_due ON directives (disseminate_by)
  WHERE status = 'published' AND requires_dissemination;

-- A published directive is a record: its number, date, issuer, title and kind never change, and
-- it is never deleted; withdrawing (with a reason) is the way out. The service refuses first with
-- a Vietnamese message; this trigger is the last word.
CREATE FUNCTION refuse_published_directive_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'directive % is published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.number IS DISTINCT FROM OLD.number OR NEW.issued_on IS DISTINCT FROM OLD.issued_on
       OR NEW.issuer IS DISTINCT FROM OLD.issuer OR NEW.title IS DISTINCT FROM OLD.title
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.unit_id IS DISTINCT FROM OLD.unit_id
       OR NEW.published_at IS DISTINCT FROM OLD.published_at THEN
      RAISE EXCEPTION 'directive % is published and locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'withdrawn' AND NEW.status <> 'withdrawn' THEN
      RAISE EXCEPTION 'directive % is withdrawn', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = 'draft' THEN
      RAISE EXCEPTION 'directive % is published: no way back to draft', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER directive_published_locked BEFORE UPDATE OR DELETE ON directives
  FOR EACH ROW EXECUTE FUNCTION refuse_published_directive_change();

-- The directive's files (PDF, DOCX, images), stored like meeting documents.
CREATE TABLE directive_files (
  id            serial PRIMARY KEY,
  directive_id  integer NOT NULL REFERENCES directives(id),
  file_name     text NOT NULL,
  mime_type     text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  posted_by     integer REFERENCES users(id),
  posted_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directive_files_directive ON directive_files (directive_id, id);

-- Files of a published directive are part of the record: no change, no removal.
CREATE FUNCTION refuse_published_directive_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM directives WHERE id = OLD.directive_id) <> 'draft' THEN
    RAISE EXCEPTION 'file % of a published directive is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER directive_file_published_locked BEFORE UPDATE OR DELETE ON directive_files
  FOR EACH ROW EXECUTE FUNCTION refuse_published_directive_file_change();

-- The cells a published directive reached: the cells of the publisher's subtree at publication
-- (kinds of CELL_KINDS_SQL, not archived), written set-based when it is published. The
-- committee's per-cell view pages over these rows; a cell created later is not counted as late.
-- `sort_key` is the cell name's Vietnamese order key (unitNameSortKey, src/domain/indicators.ts)
-- at publication, so the per-cell view is paged in SQL in the order people read names.
CREATE TABLE directive_recipients (
  directive_id  integer NOT NULL REFERENCES directives(id),
  unit_id       integer NOT NULL REFERENCES org_units(id),
  sort_key      text NOT NULL,
  PRIMARY KEY (directive_id, unit_id)
);
CREATE INDEX directive_recipients_order ON directive_recipients (directive_id, sort_key COLLATE "C", unit_id);
CREATE INDEX directive_recipients_unit ON directive_recipients (unit_id, directive_id);

-- A cell disseminated (quán triệt) a directive: at a meeting (its date and its attendance on the
-- statutory base at that moment), or recorded by hand (meeting_id NULL).
CREATE TABLE directive_disseminations (
  directive_id     integer NOT NULL REFERENCES directives(id),
  unit_id          integer NOT NULL REFERENCES org_units(id),
  meeting_id       integer REFERENCES meetings(id),
  disseminated_on  date NOT NULL,
  present          integer NOT NULL CHECK (present >= 0),
  base             integer NOT NULL CHECK (base >= 0),
  recorded_by      integer REFERENCES users(id),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (directive_id, unit_id)
);
CREATE INDEX directive_disseminations_unit ON directive_disseminations (unit_id, directive_id);
CREATE INDEX directive_disseminations_meeting ON directive_disseminations (meeting_id)
  WHERE meeting_id IS NOT NULL;

-- A member marked the directive read (đã đọc).
CREATE TABLE directive_reads (
  directive_id  integer NOT NULL REFERENCES directives(id),
  member_id     integer NOT NULL REFERENCES members(id),
  read_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (directive_id, member_id)
);
CREATE INDEX directive_reads_member ON directive_reads (member_id, directive_id);
