-- Analytics (issue 5): saved composite-index definitions, public by id so a URL shares them; ETag = version.
create table analytics_indices (
  id serial primary key,
  definition jsonb not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by integer references users(id),
  updated_at timestamptz not null default now(),
  updated_by integer references users(id)
);
create index analytics_indices_created_by_idx on analytics_indices (created_by);
