-- Issue 18: the progress of a running import, for the upload page's polling when several servers answer behind a
-- proxy (the poll may reach a server other than the one importing). Written on PostgreSQL only, at most once a
-- second, outside the import's transaction; rows older than a day are removed by the next import.
create table import_progress (
  id text primary key,
  user_id integer not null references users (id),
  phase text not null,
  rows_read integer not null default 0,
  rows_valid integer not null default 0,
  rows_written integer not null default 0,
  errors integer not null default 0,
  updated_at timestamptz not null default now()
);
