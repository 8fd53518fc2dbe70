-- Issue 18: background work through the PostgreSQL-backed queue (pg-boss, its own schema "pgboss", created by the
-- library). These two tables are ours: what a person started and how far it got (shown to them), and one row per
-- execution of any job by any server (for operations and the cluster test: "every job ran exactly once").

-- A job started by a person: its progress and result, readable only by that person (GET /api/v1/jobs).
create table user_jobs (
  job_id uuid primary key,
  kind text not null,
  user_id integer not null references users (id),
  state text not null default 'queued' check (state in ('queued', 'running', 'completed', 'failed')),
  done integer not null default 0,
  total integer,
  result jsonb,
  error text,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index user_jobs_user_idx on user_jobs (user_id, created_at desc);

-- One row per execution attempt of a job: which queue, which scheduled slot (or the job id), which server, how it
-- ended. A scheduled job that ran twice for one slot shows as two rows with the same (queue, run_key).
create table job_runs (
  id bigserial primary key,
  job_id uuid not null,
  queue text not null,
  run_key text not null,
  attempt integer not null,
  server_id text not null,
  state text not null default 'running' check (state in ('running', 'completed', 'failed')),
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index job_runs_queue_idx on job_runs (queue, started_at);
create index job_runs_job_idx on job_runs (job_id);
