-- Access (issue 14): account administration, one-time links, sign-in throttling, sessions, two-factor sign-in.

-- Organisations are deactivated, never deleted (history keeps their name); version for If-Match.
alter table organisations add column disabled_at timestamptz;
alter table organisations add column version integer not null default 1;
alter table organisations add column created_at timestamptz not null default now();

-- Users: version for If-Match; delegated administration of their own organisation's accounts; TOTP.
alter table users add column version integer not null default 1;
alter table users add column updated_at timestamptz not null default now();
alter table users add column password_changed_at timestamptz;
alter table users add column manages_organisation boolean not null default false;
alter table users add column totp_secret text;
alter table users add column totp_enabled_at timestamptz;
alter table users add column totp_last_step bigint;
create unique index users_email_uq on users (lower(email)) where email is not null;
create index users_organisation_idx on users (organisation_id);

-- One-time links (invitation, admin-initiated reset): only the SHA-256 of the token is stored.
create table account_tokens (
  id serial primary key,
  user_id integer not null references users (id),
  purpose text not null check (purpose in ('invite', 'reset')),
  token_hash text not null unique,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user_idx on account_tokens (user_id);

-- Recovery codes of a user with TOTP (hashes; each works once).
create table recovery_codes (
  id serial primary key,
  user_id integer not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz
);
create index recovery_codes_user_idx on recovery_codes (user_id);

-- Sign-in attempts per account and per client address, counted atomically before the password is checked.
create table login_attempts (
  key text primary key,
  attempts integer not null,
  window_start timestamptz not null,
  notified_at timestamptz
);

-- Sessions get a public id (to list and end them one by one) and where they were opened.
alter table sessions add column id text not null default md5(random()::text || clock_timestamp()::text);
create unique index sessions_id_uq on sessions (id);
alter table sessions add column ip text;
alter table sessions add column user_agent text;

-- The old per-account delay table is replaced by login_attempts.
drop table login_throttle;
