-- The national report's draft per reporting cycle, its history of edits, and the numbered versions sent (documents).
create table report_drafts (
  id serial primary key,
  cycle_id integer not null unique references reporting_cycles(id) on delete cascade,
  status text not null default 'draft' check (status in ('draft', 'final')),
  version integer not null default 1,
  model jsonb not null,
  base jsonb not null,
  pending jsonb not null default '{}'::jsonb,
  unit_meta jsonb not null default '{}'::jsonb,
  source_digest text not null,
  synced_at timestamptz not null default now(),
  synced_by integer references users(id),
  created_at timestamptz not null default now(),
  created_by integer references users(id),
  updated_at timestamptz not null default now(),
  updated_by integer references users(id)
);

create table report_draft_events (
  id serial primary key,
  draft_id integer not null references report_drafts(id) on delete cascade,
  draft_version integer not null,
  at timestamptz not null default now(),
  user_id integer references users(id),
  action text not null check (action in ('create', 'edit', 'sync', 'finalise', 'reopen')),
  unit text,
  label_vi text not null,
  label_en text not null,
  before jsonb,
  after jsonb,
  note text
);
create index report_draft_events_draft_idx on report_draft_events (draft_id, id);

create table report_versions (
  id serial primary key,
  draft_id integer not null references report_drafts(id) on delete cascade,
  cycle_id integer not null,
  number integer not null,
  draft_version integer not null,
  created_at timestamptz not null default now(),
  created_by integer references users(id),
  letter_number text not null,
  letter_date text not null,
  manifest jsonb not null,
  model jsonb not null,
  zip bytea not null
);
create unique index report_versions_cycle_number_idx on report_versions (cycle_id, number);
