-- Background exports (issue 12, ADR 026 part 2, ADR 028): a large export (the province's member
-- list) is a job, written to a file by a worker under a lease, and downloaded by its requester.
-- Several processes share the queue: a job is claimed `FOR UPDATE SKIP LOCKED`; the claim token
-- lets only the claimer record progress and the result; a lease that lapses (the process died)
-- returns the job to the queue, or fails it after a number of attempts.
CREATE TABLE export_jobs (
  id            serial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('members')),
  org_unit_id   integer NOT NULL REFERENCES org_units(id),
  requested_by  integer NOT NULL REFERENCES users(id),
  -- The job's parameters, e.g. {"date": "2026-12-01"}.
  params        jsonb NOT NULL DEFAULT '{}'::jsonb,
  state         text NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
  rows_done     integer NOT NULL DEFAULT 0,
  rows_total    integer,
  file_name     text,
  -- Where the file lies, relative to the export directory (never sent to a client).
  file_path     text,
  bytes         bigint,
  sha256        text,
  -- Vietnamese, shown to the requester when the job failed.
  error         text,
  attempts      integer NOT NULL DEFAULT 0,
  lease_until   timestamptz,
  claim_token   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  expires_at    timestamptz
);

-- The caller's jobs, newest first (GET /api/exports), and the per-user concurrency check.
CREATE INDEX export_jobs_requester ON export_jobs (requested_by, id DESC);
-- The worker's claim (queued, or running with a lapsed lease) and the sweep of expired files.
CREATE INDEX export_jobs_active ON export_jobs (state, id) WHERE state IN ('queued', 'running');
CREATE INDEX export_jobs_expiry ON export_jobs (expires_at) WHERE state = 'done';

-- The export reads the subtree's members by keyset on (sort_key, id) in the Vietnamese order,
-- one batch per statement: an ordered index scan instead of a sort of the province per batch.
CREATE INDEX members_sort_key_c ON members ((sort_key COLLATE "C"), id);
