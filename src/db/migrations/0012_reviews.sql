-- Periodic review reports (sơ kết / tổng kết, issue 9 item 4, ADR 021 and 022): a draft a
-- committee's office writes in the app, and the issued report frozen with its statistics.

CREATE TABLE reviews (
  id            serial PRIMARY KEY,
  -- The issuing committee's unit; the statistics are of its subtree.
  unit_id       integer NOT NULL REFERENCES org_units(id),
  title         text NOT NULL,                 -- "Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU …"
  subject       text,                          -- "Chỉ thị 10-CT/TU"
  period_from   text NOT NULL CHECK (period_from ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  period_to     text NOT NULL CHECK (period_to ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  -- The HD 36 form: number, place, date, signer, recipients (see src/features/reviews/schema.ts).
  meta          jsonb NOT NULL DEFAULT '{}',
  -- Narrative sections (mở đầu, ưu điểm, hạn chế, nguyên nhân, bài học, phương hướng).
  sections      jsonb NOT NULL DEFAULT '{}',
  -- Bumped by every save, so two people editing the same draft do not overwrite each other.
  revision      integer NOT NULL DEFAULT 1,
  issued_at     timestamptz,
  issued_by     integer REFERENCES users(id),
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    integer REFERENCES users(id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to),
  CHECK ((status = 'issued') = (issued_at IS NOT NULL))
);
CREATE INDEX reviews_unit ON reviews (unit_id, created_at DESC, id DESC);

-- Each save of the draft (texts) and the issue (texts + the statistics snapshot) as a version.
CREATE TABLE review_versions (
  id            serial PRIMARY KEY,
  review_id     integer NOT NULL REFERENCES reviews(id),
  version       integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('draft', 'issued')),
  content       jsonb NOT NULL,
  -- SHA-256 of the canonical JSON of `content` (issued versions: what the documents are made from).
  content_hash  text NOT NULL,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (review_id, version)
);

-- An issued report is immutable. The application refuses first with a Vietnamese message; these
-- triggers are the last word (like adopted minutes, 0002/0004/0009). `chibo restore` lifts user
-- triggers for its load as the owner (src/features/backup/restore.ts), so restoring still works.
CREATE FUNCTION refuse_issued_review_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'review % is issued and locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER review_issued_locked BEFORE UPDATE OR DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_review_change();

CREATE FUNCTION refuse_issued_review_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT status FROM reviews WHERE id = NEW.review_id) = 'issued' THEN
      RAISE EXCEPTION 'review % is issued and locked: no new version', NEW.review_id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.kind = 'issued' OR (SELECT status FROM reviews WHERE id = OLD.review_id) = 'issued' THEN
    RAISE EXCEPTION 'version % of review % is locked (issued)', OLD.version, OLD.review_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER review_version_locked BEFORE INSERT OR UPDATE OR DELETE ON review_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_issued_review_version_change();
