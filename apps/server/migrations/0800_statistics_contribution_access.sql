-- Issue 15: datasets owned by organisations with an access level, contributors per dataset, contributed (draft)
-- releases with their review, sharing agreements and requests, and the grants they give; API tokens.

-- Access level of a dataset: public, government (any government body's signed-in user) or restricted (the owner,
-- the organisations named in dataset_access_orgs and those holding a current grant). MoF administrators read all.
alter table datasets add column access_level text not null default 'public'
  check (access_level in ('public', 'government', 'restricted'));
alter table datasets add column version integer not null default 1;

create table dataset_access_orgs (
  dataset_id integer not null references datasets (id),
  organisation_id integer not null references organisations (id),
  primary key (dataset_id, organisation_id)
);

-- Who may contribute figures to a dataset: a province for its own territory, a ministry for the listed indicators
-- (its sector). `indicators` null = every indicator of the catalogue.
create table dataset_contributors (
  dataset_id integer not null references datasets (id),
  organisation_id integer not null references organisations (id),
  indicators text[],
  primary key (dataset_id, organisation_id)
);

-- A contributed release before publication: draft → submitted → (returned → submitted)* → published. Its values are
-- kept apart (release_draft_values) and reach the observations only when it is published, as a new release.
create table release_drafts (
  id serial primary key,
  dataset_id integer not null references datasets (id),
  organisation_id integer not null references organisations (id),
  created_by integer not null references users (id),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'published')),
  note text not null default '',
  review_note text not null default '',
  file_name text,
  rows_in_file integer not null default 0,
  added integer not null default 0,
  changed integer not null default 0,
  unchanged integer not null default 0,
  indicators text[] not null default '{}',
  periods integer[] not null default '{}',
  warnings jsonb not null default '[]',
  warnings_confirmed boolean not null default false,
  release_id integer references releases (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by integer references users (id)
);
create index release_drafts_dataset_idx on release_drafts (dataset_id, status);

create table release_draft_values (
  draft_id integer not null references release_drafts (id) on delete cascade,
  line integer not null,
  indicator_id integer not null,
  unit_code text not null,
  geo_date date not null,
  period integer not null,
  value double precision not null,
  status text not null,
  note text,
  old_value double precision,
  primary key (draft_id, indicator_id, unit_code, geo_date, period)
);

-- The register of data-sharing agreements: parties, datasets, level, period, legal basis, document.
create table sharing_agreements (
  id serial primary key,
  code text not null unique,
  title_vi text not null,
  title_en text not null default '',
  legal_basis text not null default '',
  document_ref text not null default '',
  level text not null default 'restricted' check (level in ('government', 'restricted')),
  valid_from date not null,
  valid_to date not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  check (valid_from <= valid_to)
);
create table sharing_agreement_parties (
  agreement_id integer not null references sharing_agreements (id),
  organisation_id integer not null references organisations (id),
  primary key (agreement_id, organisation_id)
);
create table sharing_agreement_datasets (
  agreement_id integer not null references sharing_agreements (id),
  dataset_id integer not null references datasets (id),
  primary key (agreement_id, dataset_id)
);

-- A province (or ministry) asks a dataset's owner for access: pending → granted (for a period) | refused.
create table data_requests (
  id serial primary key,
  dataset_id integer not null references datasets (id),
  requester_org_id integer not null references organisations (id),
  requested_by integer not null references users (id),
  purpose text not null,
  wanted_from date not null,
  wanted_to date not null,
  status text not null default 'pending' check (status in ('pending', 'granted', 'refused')),
  decision_reason text not null default '',
  decided_by integer references users (id),
  decided_at timestamptz,
  granted_from date,
  granted_to date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check (wanted_from <= wanted_to)
);
create index data_requests_dataset_idx on data_requests (dataset_id);

-- What the access predicate reads: an organisation may read a dataset from valid_from to valid_to (inclusive).
create table dataset_grants (
  id serial primary key,
  dataset_id integer not null references datasets (id),
  organisation_id integer not null references organisations (id),
  valid_from date not null,
  valid_to date not null,
  agreement_id integer references sharing_agreements (id),
  request_id integer references data_requests (id),
  created_at timestamptz not null default now(),
  check ((agreement_id is null) <> (request_id is null))
);
create index dataset_grants_lookup_idx on dataset_grants (dataset_id, organisation_id);

-- Personal or organisation API tokens; only the SHA-256 of the token is stored.
create table api_tokens (
  id serial primary key,
  user_id integer not null references users (id),
  organisation_id integer references organisations (id),
  name text not null,
  scope text not null check (scope in ('read_public', 'read_entitled', 'contribute')),
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);
