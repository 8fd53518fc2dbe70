-- Monitoring (issue 16): published editions of the linkage scorecard, and dismissals of candidate duplicates.

-- A published scorecard of a year: the scores as computed then, with the method version, never rewritten.
-- Publishing again makes a new edition; earlier editions stay readable.
create table monitoring_scorecard_editions (
  id serial primary key,
  year integer not null,
  edition integer not null,
  method_version text not null,
  payload jsonb not null,
  reason text,
  published_at timestamptz not null default now(),
  published_by integer references users(id),
  unique (year, edition)
);

-- A candidate duplicate pair (two project codes joined with "+") dismissed by the Office with a reason. Rows are never
-- deleted: reopening sets reopened_* and bumps the version; a new dismissal is a new row.
create table monitoring_dismissals (
  id serial primary key,
  pair_key text not null,
  reason text not null,
  dismissed_at timestamptz not null default now(),
  dismissed_by integer references users(id),
  reopened_at timestamptz,
  reopened_by integer references users(id),
  reopen_reason text,
  version integer not null default 1
);
create unique index monitoring_dismissals_open_uq on monitoring_dismissals (pair_key) where reopened_at is null;
