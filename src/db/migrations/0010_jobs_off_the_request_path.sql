-- Reliability (issue 8, ADR 018): mail is sent outside any transaction under a lease; member
-- imports keep their plan in chunks and say which process is working on them.

-- Mail outbox: a claimed row is 'sending' until its lease ends; the claim token lets only the
-- claimer record the result. A lease that expires (the process died mid-send) returns the row
-- to 'pending'.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
ALTER TABLE mail_outbox ADD COLUMN lease_until timestamptz;
ALTER TABLE mail_outbox ADD COLUMN claim_token text;
CREATE INDEX mail_outbox_leases ON mail_outbox (lease_until) WHERE status = 'sending';

-- Member imports: the validating process renews a lease; one that lapses (crash, restart) is
-- marked failed. The plan lives in chunks of ~1 000 rows so that no single statement (on PGlite,
-- the one connection) writes or reads a whole 100 000-row plan; `plan` keeps the preview.
ALTER TABLE member_imports ADD COLUMN lease_until timestamptz;
CREATE INDEX member_imports_active ON member_imports (status) WHERE status IN ('queued', 'validating', 'committing');

CREATE TABLE member_import_chunks (
  import_id  integer NOT NULL REFERENCES member_imports(id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  -- 'update' chunks come first: applying them frees identifiers that created rows may take.
  kind       text NOT NULL CHECK (kind IN ('update', 'create')),
  items      jsonb NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- Candidate lookup by birth date and exact name (the fallback identity) without a scan of every
-- member for each chunk of rows: by birth date first, since common names are shared by hundreds.
CREATE INDEX members_birth_name ON members (birth_date, full_name);
