-- Request-rate limits that every app process shares (issue 12, ADR 030): @fastify/rate-limit kept
-- its counters in each process's memory, so two processes behind a balancer allowed twice the
-- login attempts a minute. Its store now counts here, one row per key (route + address + username),
-- one fixed window per row, incremented in one statement (concurrent hits serialise on the row).
CREATE TABLE rate_limit_hits (
  key             text PRIMARY KEY,
  hits            integer NOT NULL,
  window_ends_at  timestamptz NOT NULL
);
-- Expired windows are swept now and then (rate-limit-store.ts); the sweep reads this index.
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_ends_at);
