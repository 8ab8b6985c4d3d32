-- Limits that every app process shares (issue 8, ADR 016): an in-memory counter per process can be
-- sidestepped by a load balancer that spreads the guesses, so the counts live here.

-- Wrong passwords per subject: `login` keys on the normalised username (also for names that do not
-- exist, so a lockout never tells whether an account exists), `password` on the user id (the
-- current-password check of POST /api/me/password). N failures within the window lock the subject.
CREATE TABLE auth_throttle (
  scope              text NOT NULL CHECK (scope IN ('login', 'password')),
  subject            text NOT NULL,
  failures           integer NOT NULL DEFAULT 0,
  window_started_at  timestamptz NOT NULL DEFAULT now(),
  locked_until       timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, subject)
);
-- Old rows are swept on login; the sweep reads this index.
CREATE INDEX auth_throttle_updated ON auth_throttle (updated_at);

-- Wrong self check-in codes per member and meeting: `failures` counts them all (the secretary sees
-- it), `streak` those since the last wait or success; `streak` reaching the limit sets a wait.
CREATE TABLE checkin_attempts (
  meeting_id       integer NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  member_id        integer NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  failures         integer NOT NULL DEFAULT 0,
  streak           integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  last_failure_at  timestamptz,
  PRIMARY KEY (meeting_id, member_id)
);

-- The hall's code rotates every 30 seconds (HMAC of this secret and the time window, as TOTP):
-- a code read out or photographed stops working within a minute. gen_random_uuid() draws from the
-- server's strong random source; existing meetings get their own secret when the column is added.
ALTER TABLE meetings
  ADD COLUMN checkin_secret text NOT NULL
  DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
