-- Plans module: regional plans and implementation plans, task groups, the project registry with per-province roles,
-- funding lines, milestones, progress updates with evidence, and the results framework with append-only targets.

create table regional_plans (
  id serial primary key,
  code text not null unique,
  kind text not null check (kind in ('regional_plan', 'implementation_plan')),
  parent_id integer references regional_plans (id),
  name_vi text not null,
  name_en text not null,
  decision_no text,
  decision_date date,
  period_start integer not null,
  period_end integer not null,
  vision_year integer,
  region_code text not null,
  region_geo_date date not null,
  source text not null,
  note text,
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start),
  check (kind = 'regional_plan' or parent_id is not null)
);

create table plan_task_groups (
  id serial primary key,
  plan_id integer not null references regional_plans (id),
  code text not null,
  name_vi text not null,
  name_en text not null,
  description_vi text,
  sort_order integer not null default 0,
  unique (plan_id, code)
);

create table projects (
  id serial primary key,
  code text not null unique,
  plan_id integer not null references regional_plans (id),
  task_group_id integer references plan_task_groups (id),
  name_vi text not null,
  name_en text not null,
  sector text not null,
  sector_detail text,
  phase text check (phase in ('2021-2025', '2026-2030', '2021-2030')),
  period_text text,
  status text not null default 'not_reported'
    check (status in ('not_reported', 'preparing', 'under_way', 'completed', 'suspended')),
  funding_type text not null default 'unspecified'
    check (funding_type in ('public_investment', 'non_public', 'mixed', 'unspecified')),
  intended_sources text[] not null default '{}',
  funding_text text,
  lead_agency_text text,
  geometry text not null default 'point' check (geometry in ('line', 'point')),
  scale text,
  location_text text,
  notes text,
  source_section text,
  source text not null,
  sort_order integer not null default 0,
  version integer not null default 1,
  created_by integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index projects_plan_idx on projects (plan_id);

-- The provinces a project touches, each identified by its code and the date of its geography.
create table project_provinces (
  project_id integer not null references projects (id) on delete cascade,
  unit_code text not null,
  vintage date not null,
  role text not null check (role in ('located', 'affected')),
  seq integer not null default 0,
  cost_share numeric(7, 4) check (cost_share is null or (cost_share >= 0 and cost_share <= 100)),
  matched_text text,
  resolved_via text check (resolved_via in ('province_name', 'alias', 'place', 'manual')),
  note text,
  primary key (project_id, unit_code, vintage)
);
create index project_provinces_unit_idx on project_provinces (unit_code, vintage);

-- Parts of a project's location text that name no province, kept so they are listed rather than guessed.
create table project_unresolved_locations (
  id serial primary key,
  project_id integer not null references projects (id) on delete cascade,
  text text not null,
  reason text not null check (reason in ('region_wide', 'spans_provinces', 'not_a_province', 'unknown_name')),
  seq integer not null default 0
);
create index project_unresolved_project_idx on project_unresolved_locations (project_id);

-- Organisations responsible for a project (lead ministry, implementing agency), beyond the located provinces.
create table project_organisations (
  project_id integer not null references projects (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  is_demo boolean not null default false,
  primary key (project_id, organisation_id)
);

-- Money in million VND. Disbursed above allocated is refused unless the line says why.
create table funding_lines (
  id serial primary key,
  project_id integer not null references projects (id) on delete cascade,
  source text not null check (source in ('central_budget', 'local_budget', 'oda', 'ppp', 'private', 'other')),
  year integer not null check (year between 2000 and 2050),
  planned numeric(20, 3) not null check (planned >= 0),
  allocated numeric(20, 3) check (allocated >= 0),
  disbursed numeric(20, 3) check (disbursed >= 0),
  over_disbursement_note text,
  note text,
  source_document text,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_by integer,
  updated_by integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, source, year),
  check (disbursed is null or disbursed <= coalesce(allocated, 0) or over_disbursement_note is not null)
);

create table milestones (
  id serial primary key,
  project_id integer not null references projects (id) on delete cascade,
  name_vi text not null,
  name_en text,
  planned_date date not null,
  actual_date date,
  note text,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_by integer,
  updated_by integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index milestones_project_idx on milestones (project_id);

create table progress_updates (
  id serial primary key,
  project_id integer not null references projects (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  author_id integer references users (id),
  author_name text not null,
  as_of date not null,
  status text not null check (status in ('preparing', 'under_way', 'completed', 'suspended')),
  percent integer check (percent between 0 and 100),
  narrative text not null,
  state text not null default 'draft' check (state in ('draft', 'published')),
  published_at timestamptz,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state = 'published') = (published_at is not null))
);
create index progress_updates_project_idx on progress_updates (project_id);

create table progress_evidence (
  id serial primary key,
  update_id integer not null references progress_updates (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  data bytea not null,
  uploaded_by integer,
  created_at timestamptz not null default now()
);
create index progress_evidence_update_idx on progress_evidence (update_id);

-- Results framework: indicators per plan; targets and reported actuals are append-only (a revision adds a row).
create table rf_indicators (
  id serial primary key,
  plan_id integer not null references regional_plans (id),
  code text not null,
  stats_indicator_code text,
  name_vi text not null,
  name_en text not null,
  unit text not null,
  scope_kind text not null check (scope_kind in ('region', 'province')),
  scope_code text not null,
  scope_geo_date date not null,
  direction text not null default 'increase' check (direction in ('increase', 'decrease')),
  phase text check (phase in ('2021-2025', '2026-2030', '2021-2030')),
  baseline_value numeric(24, 6),
  baseline_year integer,
  source_document text,
  source_section text,
  is_demo boolean not null default false,
  sort_order integer not null default 0,
  version integer not null default 1,
  created_by integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (plan_id, code)
);

create table rf_targets (
  id serial primary key,
  indicator_id integer not null references rf_indicators (id),
  kind text not null check (kind in ('period', 'end')),
  year integer,
  value numeric(24, 6) not null,
  revision integer not null check (revision >= 1),
  reason text,
  source_document text,
  created_by integer,
  created_by_name text,
  created_at timestamptz not null default now(),
  check (revision = 1 or reason is not null)
);
create unique index rf_targets_revision_uq on rf_targets (indicator_id, kind, coalesce(year, 0), revision);

create table rf_actuals (
  id serial primary key,
  indicator_id integer not null references rf_indicators (id),
  year integer not null,
  value numeric(24, 6) not null,
  source_text text not null,
  is_demo boolean not null default false,
  created_by integer,
  created_at timestamptz not null default now()
);
create index rf_actuals_indicator_idx on rf_actuals (indicator_id, year);

-- History is kept: targets and reported actuals can be added to, never changed or removed.
create function rf_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only: add a revision instead', tg_table_name using errcode = 'P0001';
end;
$$;
create trigger rf_targets_append_only before update or delete on rf_targets
  for each row execute function rf_append_only();
create trigger rf_actuals_append_only before update or delete on rf_actuals
  for each row execute function rf_append_only();
