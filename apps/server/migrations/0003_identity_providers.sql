-- Access (issue 14): single sign-on with OpenID Connect identity providers of organisations.

-- One provider per organisation that has one; its users are matched or provisioned into that organisation.
create table identity_providers (
  id serial primary key,
  code text not null unique,
  name_vi text not null,
  name_en text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  organisation_id integer not null references organisations (id),
  default_role text not null default 'viewer' check (default_role in ('reporter', 'council', 'viewer')),
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now()
);

-- Which provider account (issuer subject) is which user.
create table user_identities (
  id serial primary key,
  user_id integer not null references users (id),
  provider_id integer not null references identity_providers (id),
  subject text not null,
  created_at timestamptz not null default now(),
  unique (provider_id, subject)
);

-- Sign-ins under way: state, PKCE verifier and nonce, kept server-side for 10 minutes and used once.
create table oidc_logins (
  state_hash text primary key,
  provider_id integer not null references identity_providers (id),
  code_verifier text not null,
  nonce text not null,
  next_path text not null,
  created_at timestamptz not null default now()
);
