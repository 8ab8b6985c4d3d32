-- Tampering is detected, not just discouraged (issue 8, ADR 017).

-- Which algorithm and key made each stored hash. Rows adopted before this migration carry the
-- plain SHA-256 chain (`sha256`) and get a keyed seal once, by the code step 0009_record_seals;
-- every later adoption stores an HMAC-SHA-256 under the server's key (`hmac-sha256`), whose public
-- fingerprint is `hash_key`.
ALTER TABLE meeting_record_versions
  ADD COLUMN hash_alg text CHECK (hash_alg IN ('sha256', 'hmac-sha256')),
  ADD COLUMN hash_key text,
  ADD COLUMN seal     text;

-- The lock refuses any update of an adopted row, so the label is written with it off, here only.
ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked;
UPDATE meeting_record_versions SET hash_alg = 'sha256' WHERE status = 'adopted';
ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_locked;

-- An adopted version exists only through adoption, an UPDATE of a draft by the application: a row
-- inserted as adopted did not go through the signatures and the chain, and is refused.
CREATE FUNCTION refuse_adopted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'adopted' THEN
    RAISE EXCEPTION 'meeting record % cannot be inserted as adopted: adopt a draft', NEW.meeting_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER meeting_record_born_draft BEFORE INSERT ON meeting_record_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_adopted_insert();

-- A confirmed score's frozen result carries a keyed hash too (set in the same statement that
-- confirms it; scores confirmed before this migration are hashed by 0009_record_seals).
ALTER TABLE meeting_scores
  ADD COLUMN result_hash text,
  ADD COLUMN hash_key    text;

-- ---------------------------------------------------------------------------------------------
-- The application's role. Migrations run as the owner of the tables; the application connects
-- as `chibo_app` (or a login that is a member of it), which owns nothing: it cannot disable a
-- trigger, alter or truncate a table, and may only add to and read the audit log.
-- The role is created here when the migrating role may create roles (the test server, PGlite);
-- otherwise the operator creates it (docs/operations.md) and the next migration run grants it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chibo_app') THEN
    BEGIN
      CREATE ROLE chibo_app NOLOGIN;
    EXCEPTION
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'role chibo_app does not exist and % may not create it: see docs/operations.md', current_user;
      -- Another database of the same server created it at the same moment.
      WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END;
$$;

-- Grants the application's privileges on every table and sequence; migrate() calls it after each
-- run, so tables added by later migrations are covered. Does nothing without the role, or when the
-- caller does not own the tables (the application itself calling it).
CREATE FUNCTION chibo_grant_app_role() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chibo_app')
     OR NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'USAGE') THEN
    RETURN;
  END IF;
  GRANT USAGE ON SCHEMA public TO chibo_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chibo_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO chibo_app;
  REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM chibo_app;
  -- Append-only for the application: who did what stays written.
  REVOKE UPDATE, DELETE ON audit_log FROM chibo_app;
  -- The migration ledger is the owner's.
  REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM chibo_app;
END;
$$;
REVOKE EXECUTE ON FUNCTION chibo_grant_app_role() FROM PUBLIC;
