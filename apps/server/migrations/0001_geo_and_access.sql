-- Geography: administrative units with validity dates, the crosswalk, groupings, boundaries.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table admin_units (
  id serial primary key,
  code text not null,
  level text not null check (level in ('province', 'commune')),
  name_vi text not null,
  name_en text not null,
  full_name_vi text not null,
  full_name_en text not null,
  name_folded text not null,
  type text not null,
  area_km2 double precision,
  parent_code text,
  iso_3166 text,
  seat_vi text,
  seat_former_province_code text,
  valid_from date not null,
  valid_to date,
  source text not null,
  check (valid_to is null or valid_to >= valid_from)
);
create unique index admin_units_level_code_from_uq on admin_units (level, code, valid_from);
create index admin_units_level_dates_idx on admin_units (level, valid_from, valid_to);
create index admin_units_parent_idx on admin_units (parent_code);

create table unit_successions (
  id serial primary key,
  from_unit_id integer not null references admin_units (id),
  to_unit_id integer not null references admin_units (id),
  weight double precision not null check (weight > 0 and weight <= 1),
  effective_date date not null,
  basis text not null
);
create unique index unit_successions_pair_uq on unit_successions (from_unit_id, to_unit_id);

create table groupings (
  id text primary key,
  code text not null,
  type text not null check (type in ('region', 'subregion', 'growth_pole', 'council_area', 'custom')),
  name_vi text not null,
  name_en text not null,
  parent_id text,
  valid_from date not null,
  valid_to date,
  source text,
  note text,
  sort_order integer not null default 0,
  created_by integer
);

create table grouping_members (
  grouping_id text not null references groupings (id) on delete cascade,
  unit_code text not null,
  unit_level text not null,
  partial boolean not null default false,
  note text,
  valid_from date not null,
  valid_to date,
  primary key (grouping_id, unit_code, valid_from)
);

create table boundaries (
  id serial primary key,
  level text not null,
  valid_from date not null,
  valid_to date,
  object_name text not null,
  topojson text not null,
  source text not null,
  licence text not null
);
create unique index boundaries_level_from_uq on boundaries (level, valid_from);

create table reference_loads (
  key text primary key,
  loaded_at timestamptz not null default now(),
  detail text
);

-- Access: organisations, users, sessions, login throttling, audit log.
create table organisations (
  id serial primary key,
  code text not null unique,
  kind text not null check (kind in ('ministry', 'agency', 'province', 'council', 'other')),
  name_vi text not null,
  name_en text not null,
  province_code text,
  region_code text,
  sort_order integer not null default 0
);

create table users (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  email text,
  password_hash text not null,
  role text not null check (role in ('admin', 'reporter', 'council', 'viewer')),
  organisation_id integer not null references organisations (id),
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  last_failed_at timestamptz not null default now()
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id integer,
  action text not null,
  entity text,
  entity_id text,
  detail jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
