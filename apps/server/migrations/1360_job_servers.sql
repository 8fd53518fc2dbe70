-- Issue 18: each server working the job queue says it is alive every few seconds (modules/jobs/liveness.ts). A job
-- whose server has not been heard from for a minute is handed to another server at once, instead of waiting for the
-- job's expiry (up to 30 min for an import): pg-boss 10 has no heartbeat of its own.
create table job_servers (
  server_id text primary key,
  started_at timestamptz not null default now(),
  seen_at timestamptz not null default now()
);
