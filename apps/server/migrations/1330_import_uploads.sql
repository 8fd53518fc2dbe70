-- Issue 18: a statistics import queued as a background job (the `statistics-import` queue). The uploaded file is kept
-- in the database until the job has run, so any server can run it and a restart loses nothing; its bytes are split
-- into chunks of at most 1 MiB so that neither the upload nor the job holds the whole file in memory. The row also
-- carries the committed import's result, written inside the import's own transaction: a retry of the job after a
-- crash between that commit and the job's completion finds it and returns it instead of importing twice.
-- Rows are removed a day after their job finished (or a week after they were created, if it never ran).
create table import_uploads (
  id serial primary key,
  user_id integer not null references users (id),
  job_id uuid,
  file_name text,
  file_sha256 text,
  -- The upload limit of the API (MAX_UPLOAD_BYTES, 200 MiB).
  byte_size integer not null default 0 check (byte_size between 0 and 209715200),
  options jsonb not null default '{}',
  state text not null default 'receiving' check (state in ('receiving', 'queued', 'committed', 'failed')),
  result jsonb,
  release_id integer,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index import_uploads_job_idx on import_uploads (job_id);
create index import_uploads_cleanup_idx on import_uploads (coalesce(finished_at, created_at));

create table import_upload_chunks (
  upload_id integer not null references import_uploads (id) on delete cascade,
  seq integer not null,
  bytes bytea not null check (length(bytes) <= 1048576),
  primary key (upload_id, seq)
);
