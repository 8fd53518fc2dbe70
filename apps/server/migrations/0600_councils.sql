-- Councils module: Regional Coordination Councils over time (founding, consolidation), their named member
-- organisations, provincial coordination teams, meetings (agenda, documents, invitations, attendance, minutes,
-- conclusions, notice of conclusions), follow-ups of conclusions with their history and evidence, bottlenecks and
-- their escalation history, and cooperation agreements between provinces.

create table councils (
  id serial primary key,
  code text not null unique,
  name_vi text not null,
  name_en text not null,
  region_code text not null,
  -- the geo grouping whose provinces are the council's member provinces (region-gso-NMM, region-2025-NMM …)
  region_grouping_id text not null,
  organisation_id integer references organisations (id),
  founding_decision text not null,
  founding_decision_as_written text,
  founded_on date not null,
  valid_from date not null,
  valid_to date,
  chair_vi text not null,
  chair_en text not null,
  source text not null,
  note text,
  sort_order integer not null default 0,
  check (valid_to is null or valid_to >= valid_from)
);

create table council_changes (
  id serial primary key,
  kind text not null check (kind in ('founded', 'consolidated')),
  effective_on date not null,
  from_council_id integer references councils (id),
  to_council_id integer not null references councils (id),
  basis text not null,
  note text,
  check (kind = 'founded' or from_council_id is not null)
);

create table council_members (
  id serial primary key,
  council_id integer not null references councils (id),
  organisation_id integer not null references organisations (id),
  role text not null check (role in ('office', 'member')),
  valid_from date not null,
  valid_to date,
  source text not null,
  is_demo boolean not null default false,
  unique (council_id, organisation_id, valid_from)
);

create table coordination_teams (
  id serial primary key,
  province_code text not null,
  geo_date date not null,
  name_vi text not null,
  standing_body_vi text not null,
  standing_body_en text not null,
  decision text,
  status text not null check (status in ('formed', 'unconfirmed')),
  source text not null,
  is_demo boolean not null default false,
  unique (province_code, geo_date)
);

create table council_meetings (
  id serial primary key,
  council_id integer not null references councils (id),
  title_vi text not null,
  held_on date not null,
  starts_at text,
  mode text not null check (mode in ('in_person', 'online', 'hybrid')),
  place text,
  chair_vi text not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'held', 'notice_issued', 'cancelled')),
  minutes text,
  notice_number text,
  notice_date date,
  signer_title text,
  signer_name text,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index council_meetings_council_idx on council_meetings (council_id, held_on);

create table council_agenda_items (
  id serial primary key,
  meeting_id integer not null references council_meetings (id) on delete cascade,
  seq integer not null,
  title_vi text not null,
  kind text not null check (kind in ('project', 'plan_task', 'reporting_task', 'bottleneck', 'other')),
  ref text,
  presenter_vi text,
  unique (meeting_id, seq)
);

create table council_meeting_documents (
  id serial primary key,
  meeting_id integer not null references council_meetings (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);

create table council_attendees (
  meeting_id integer not null references council_meetings (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  invited_at timestamptz,
  attendance text not null default 'invited' check (attendance in ('invited', 'present', 'represented', 'absent')),
  representative text,
  primary key (meeting_id, organisation_id)
);

create table council_conclusions (
  id serial primary key,
  meeting_id integer not null references council_meetings (id) on delete cascade,
  seq integer not null,
  text_vi text not null,
  -- assignments drafted before the notice is issued; issuing the notice turns them into follow-ups
  draft_assignments jsonb not null default '[]',
  unique (meeting_id, seq)
);

create table council_follow_ups (
  id serial primary key,
  conclusion_id integer not null references council_conclusions (id),
  assignee_org_id integer not null references organisations (id),
  partner_org_ids integer[] not null default '{}',
  due_on date not null,
  project_code text,
  plan_task_ref text,
  reporting_task_code text,
  state text not null default 'open'
    check (state in ('open', 'in_progress', 'reported', 'returned', 'done', 'cancelled')),
  percent integer check (percent is null or (percent >= 0 and percent <= 100)),
  done_on date,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index council_follow_ups_assignee_idx on council_follow_ups (assignee_org_id);
create index council_follow_ups_conclusion_idx on council_follow_ups (conclusion_id);

create table council_follow_up_events (
  id serial primary key,
  follow_up_id integer not null references council_follow_ups (id) on delete cascade,
  at timestamptz not null default now(),
  on_date date not null,
  user_id integer references users (id),
  organisation_id integer references organisations (id),
  action text not null,
  from_state text,
  to_state text not null,
  note text,
  percent integer
);
create index council_follow_up_events_idx on council_follow_up_events (follow_up_id, id);

create table council_follow_up_evidence (
  id serial primary key,
  follow_up_id integer not null references council_follow_ups (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);

create table council_bottlenecks (
  id serial primary key,
  council_id integer not null references councils (id),
  title_vi text not null,
  description_vi text not null,
  subject text not null check (subject in ('project', 'plan_task', 'policy')),
  project_code text,
  plan_task_ref text,
  policy_text text,
  field text not null
    check (field in ('transport', 'planning', 'mechanism', 'logistics', 'water', 'climate', 'land', 'finance', 'other')),
  raised_by_org_id integer not null references organisations (id),
  raised_by_user_id integer references users (id),
  raised_on date not null,
  state text not null default 'raised'
    check (state in ('raised', 'triaged', 'on_agenda', 'escalated', 'resolved', 'dismissed')),
  meeting_id integer references council_meetings (id),
  outcome_vi text,
  closed_on date,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index council_bottlenecks_council_idx on council_bottlenecks (council_id, state);

create table council_bottleneck_events (
  id serial primary key,
  bottleneck_id integer not null references council_bottlenecks (id) on delete cascade,
  at timestamptz not null default now(),
  on_date date not null,
  user_id integer references users (id),
  organisation_id integer references organisations (id),
  action text not null,
  from_state text,
  to_state text not null,
  note text,
  meeting_id integer references council_meetings (id)
);
create index council_bottleneck_events_idx on council_bottleneck_events (bottleneck_id, id);

create table cooperation_agreements (
  id serial primary key,
  title_vi text not null,
  signed_on date not null,
  valid_until date,
  fields text[] not null default '{}',
  document_ref text,
  status text not null default 'signed' check (status in ('signed', 'implementing', 'completed', 'suspended')),
  implementation_note text,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_until is null or valid_until >= signed_on)
);

create table cooperation_agreement_parties (
  agreement_id integer not null references cooperation_agreements (id) on delete cascade,
  -- a province code read in the geography in force on the signing date
  province_code text not null,
  primary key (agreement_id, province_code)
);
