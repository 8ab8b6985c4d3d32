-- Personal API tokens for server-to-server use (issue 13 item 6, ADR 039). A token acts as its
-- user, with exactly the user's grants of the day. Only the SHA-256 of the secret is kept: the
-- secret (`chibo_pat_` + 32 random bytes) is shown once at creation. `prefix` is its first
-- characters, so a list can tell tokens apart without holding anything that authenticates.
CREATE TABLE api_tokens (
  id            serial PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users(id),
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    integer REFERENCES users(id),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
-- The lookup of every bearer request is the UNIQUE index on token_hash; lists read the user's tokens.
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at DESC);
