-- Access stays in scope (issue 8, ADR 015).

-- A loaded rule pack belongs to a unit: the committee whose staff loaded it may add versions and
-- select it within its own subtree only. No owner (every pack loaded before this migration, and
-- those loaded by administrators) means national: the administrators' packs, like the built-in ones.
-- All versions of one pack id share the owner of its first version.
ALTER TABLE rule_packs ADD COLUMN owner_unit_id integer REFERENCES org_units(id);

-- Refusals that could reveal a record outside the caller's scope (a username, CCCD or card number
-- taken elsewhere) are counted per account over the last hour before every such write.
CREATE INDEX audit_log_refusals ON audit_log (actor_user_id, at DESC)
  WHERE action IN ('member.identity_refused', 'user.username_refused');
