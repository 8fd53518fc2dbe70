-- Statistics: indicator catalogue, datasets, releases, observations with their revision history, the province-level
-- pre-aggregate of commune data, and the import log.

create table indicators (
  id serial primary key,
  code text not null unique,
  name_vi text not null,
  name_en text not null,
  definition_vi text not null default '',
  definition_en text not null default '',
  topic text not null default 'other',
  unit_vi text not null,
  unit_en text not null,
  decimals integer not null default 0 check (decimals between 0 and 6),
  aggregation text not null check (aggregation in ('sum', 'weighted_mean', 'ratio', 'none')),
  weight_indicator_id integer references indicators (id),
  numerator_indicator_id integer references indicators (id),
  denominator_indicator_id integer references indicators (id),
  ratio_factor double precision,
  measure text not null check (measure in ('stock', 'flow')),
  periodicity text not null check (periodicity in ('periodic', 'cumulative')),
  min_value double precision,
  max_value double precision,
  min_period integer,
  max_period integer,
  source_vi text not null default '',
  source_en text not null default '',
  licence text not null default '',
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (aggregation <> 'weighted_mean' or weight_indicator_id is not null),
  check (aggregation <> 'ratio' or (numerator_indicator_id is not null and denominator_indicator_id is not null)),
  check (min_value is null or max_value is null or min_value <= max_value),
  check (min_period is null or max_period is null or min_period <= max_period)
);

create table datasets (
  id serial primary key,
  code text not null unique,
  title_vi text not null,
  title_en text not null,
  publisher text not null,
  original_source text not null default '',
  licence text not null default '',
  url text,
  caveats_vi text not null default '',
  caveats_en text not null default '',
  geography_note_vi text not null default '',
  owner_organisation_id integer,
  created_at timestamptz not null default now()
);

create table releases (
  id serial primary key,
  dataset_id integer not null references datasets (id),
  number integer not null,
  published_at timestamptz not null default now(),
  note_vi text not null default '',
  file_name text,
  file_sha256 text,
  imported_by integer,
  importer_label text,
  rows_in_file integer not null default 0,
  added integer not null default 0,
  changed integer not null default 0,
  unchanged integer not null default 0,
  indicators text[] not null default '{}',
  period_from integer,
  period_to integer
);
create unique index releases_dataset_number_uq on releases (dataset_id, number);

-- Current values. The key is (indicator, unit code, geography start date, period): the same code means different
-- territory in different geographies, so the geography date is part of the key. No foreign keys here: bulk loads of
-- millions of rows would pay a trigger per row, and the importer validates every code before writing.
create table observations (
  indicator_id integer not null,
  unit_code text not null,
  geo_date date not null,
  period integer not null,
  value double precision not null,
  status text not null default 'final' check (status in ('final', 'provisional', 'estimate')),
  release_id integer not null,
  note text,
  primary key (indicator_id, unit_code, geo_date, period)
);
create index observations_indicator_period_idx on observations (indicator_id, period);

-- Values replaced by a later release: readable "as published" until `superseded_by`.
create table observation_revisions (
  indicator_id integer not null,
  unit_code text not null,
  geo_date date not null,
  period integer not null,
  value double precision not null,
  status text not null,
  release_id integer not null,
  superseded_by integer not null,
  note text,
  primary key (indicator_id, unit_code, geo_date, period, release_id)
);
create index observation_revisions_superseded_idx on observation_revisions (superseded_by);
create index observation_revisions_release_idx on observation_revisions (release_id);

-- The statistics module's read model of the geography (from the geo module's services): every unit of every
-- geography with its parent, so that SQL can group communes by province and exports can name units.
create table stat_units (
  code text not null,
  geo_date date not null,
  valid_to date,
  level text not null,
  name_vi text not null,
  name_en text not null,
  parent_code text,
  parent_geo_date date,
  primary key (code, geo_date)
);
create index stat_units_parent_idx on stat_units (level, parent_code, geo_date);

create table stat_meta (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

-- Province-level sums of commune observations, refreshed for each (indicator, period) an import touches.
-- Every rule except `none` decomposes into these sums: sum, weighted mean (Σvw / Σw) and ratio of sums.
create table stat_province_agg (
  indicator_id integer not null,
  period integer not null,
  province_code text not null,
  geo_date date not null,
  n integer not null,
  sum_v double precision not null,
  sum_vw double precision,
  sum_w double precision,
  n_w integer not null default 0,
  n_provisional integer not null default 0,
  releases integer[] not null,
  primary key (indicator_id, period, province_code, geo_date)
);

-- Which periods each indicator has data for, in which geography: the catalogue and the engine read this instead of
-- scanning observations.
create table indicator_periods (
  indicator_id integer not null,
  period integer not null,
  geo_date date not null,
  level text not null,
  n integer not null,
  primary key (indicator_id, period, geo_date, level)
);

-- Every import attempt: committed, dry run, rejected (validation) or failed.
create table stat_imports (
  id serial primary key,
  at timestamptz not null default now(),
  user_id integer,
  actor text,
  dataset_id integer,
  dataset_code text not null,
  file_name text,
  file_sha256 text,
  file_type text,
  status text not null check (status in ('committed', 'dry_run', 'rejected', 'failed')),
  rows_read integer not null default 0,
  error_count integer not null default 0,
  release_id integer,
  detail jsonb
);
create index stat_imports_at_idx on stat_imports (at);
