-- Issue 18: API-token rate limits shared by every application server (on PostgreSQL): one fixed window per key,
-- counted in one statement (insert … on conflict do update), so two servers behind a proxy do not each allow the limit.
create table rate_limit_windows (
  key text primary key,
  window_start timestamptz not null default now(),
  hits integer not null default 1
);
