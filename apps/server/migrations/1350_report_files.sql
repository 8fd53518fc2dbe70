-- Issue 18: a cycle's report package prepared by a background job (queue `report-package`) and kept for download.
-- One row per job: `job_id` is unique, and the job inserts its row in one transaction (insert … on conflict do
-- nothing), so a retry after a crash between that commit and the job's completion, or two attempts at once, store
-- one package. `draft_version` / `draft_status` say which state of the draft the package was made from (the page
-- says when the draft has changed since). The ten newest packages of a cycle are kept.
create table report_files (
  id serial primary key,
  job_id uuid not null unique,
  cycle_id integer not null references reporting_cycles (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  content bytea not null,
  byte_size integer not null check (byte_size >= 0),
  sha256 text not null,
  draft_version integer not null,
  draft_status text not null check (draft_status in ('draft', 'final')),
  created_by integer references users (id),
  created_at timestamptz not null default now()
);
create index report_files_cycle_idx on report_files (cycle_id, created_at desc);
