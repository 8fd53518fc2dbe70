-- Reporting on policy tasks (Resolution 57/NQ-CP): documents, tasks, assignments, cycles with their outline,
-- submissions per (cycle, organisation) with per-task content, evidence files, review comments, history,
-- notifications and the e-mail outbox.

create table policy_documents (
  id serial primary key,
  code text not null unique,
  title_vi text not null,
  title_en text not null,
  issuer_vi text not null,
  issued_on date not null,
  summary_vi text,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);

create table policy_tasks (
  id serial primary key,
  document_id integer not null references policy_documents (id),
  code text not null,
  section text not null check (section in ('general', 'ministry', 'province')),
  group_code text,
  group_title_vi text,
  title_vi text not null,
  short_title_vi text not null,
  title_en text not null,
  lead_as_reported text,
  deadline_note text,
  recurring boolean not null default false,
  note text,
  sort_order integer not null default 0,
  version integer not null default 1
);
create unique index policy_tasks_doc_code_uq on policy_tasks (document_id, code);

create table task_assignments (
  task_id integer not null references policy_tasks (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  role text not null check (role in ('lead', 'cooperating')),
  primary key (task_id, organisation_id)
);
create index task_assignments_org_idx on task_assignments (organisation_id);

create table reporting_cycles (
  id serial primary key,
  document_id integer not null references policy_documents (id),
  year integer not null,
  name_vi text not null,
  name_en text not null,
  request_number text,
  request_date date,
  deadline date,
  cutoff date,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  published_at timestamptz,
  published_by integer references users (id),
  publication_ref text,
  sections jsonb not null default '[]',
  note_vi text,
  source text,
  flags jsonb not null default '[]',
  demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by integer references users (id),
  check (published_at is null or status = 'closed')
);
create index reporting_cycles_doc_year_idx on reporting_cycles (document_id, year);

create table cycle_organisations (
  cycle_id integer not null references reporting_cycles (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  contact_email text,
  primary key (cycle_id, organisation_id)
);

create table cycle_tasks (
  cycle_id integer not null references reporting_cycles (id) on delete cascade,
  task_id integer not null references policy_tasks (id),
  sort_order integer not null default 0,
  figures jsonb not null default '[]',
  assessment_status text check (
    assessment_status is null
    or assessment_status in ('done', 'in_progress', 'recurring', 'not_started', 'not_applicable')
  ),
  assessment_note text,
  assessment_html text,
  primary key (cycle_id, task_id)
);

create table submissions (
  id serial primary key,
  cycle_id integer not null references reporting_cycles (id),
  organisation_id integer not null references organisations (id),
  state text not null default 'draft' check (state in ('draft', 'submitted', 'returned', 'accepted')),
  version integer not null default 1,
  doc_number text,
  doc_date date,
  received_on date,
  register_no integer,
  reporting_body_vi text,
  sections jsonb not null default '{}',
  flags jsonb not null default '[]',
  source text,
  return_reason text,
  copied_from_id integer references submissions (id),
  created_at timestamptz not null default now(),
  created_by integer references users (id),
  updated_at timestamptz not null default now(),
  updated_by integer references users (id),
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  submitted_by integer references users (id),
  accepted_at timestamptz,
  accepted_by integer references users (id),
  locked_at timestamptz,
  check ((state = 'accepted') = (locked_at is not null))
);
create unique index submissions_cycle_org_uq on submissions (cycle_id, organisation_id);
create index submissions_org_idx on submissions (organisation_id);

create table submission_tasks (
  submission_id integer not null references submissions (id) on delete cascade,
  task_id integer not null references policy_tasks (id),
  status text check (
    status is null or status in ('done', 'in_progress', 'recurring', 'not_started', 'not_applicable')
  ),
  narrative_html text not null default '',
  narrative_text text not null default '',
  figures jsonb not null default '{}',
  source_note text,
  return_comment text,
  primary key (submission_id, task_id)
);

create table submission_files (
  id serial primary key,
  submission_id integer not null references submissions (id) on delete cascade,
  task_id integer references policy_tasks (id),
  filename text not null,
  content_type text not null,
  kind text not null,
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);
create index submission_files_submission_idx on submission_files (submission_id);

create table submission_file_contents (
  file_id integer primary key references submission_files (id) on delete cascade,
  content bytea not null
);

create table task_comments (
  id serial primary key,
  submission_id integer not null references submissions (id) on delete cascade,
  task_id integer not null references policy_tasks (id),
  user_id integer references users (id),
  author_name text not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index task_comments_submission_idx on task_comments (submission_id);

create table submission_events (
  id bigserial primary key,
  submission_id integer not null references submissions (id) on delete cascade,
  at timestamptz not null default now(),
  user_id integer references users (id),
  actor_name text,
  action text not null,
  from_state text,
  to_state text,
  reason text,
  detail jsonb
);
create index submission_events_submission_idx on submission_events (submission_id);

create table reporting_notifications (
  id bigserial primary key,
  organisation_id integer references organisations (id),
  user_id integer references users (id) on delete cascade,
  audience_role text check (audience_role is null or audience_role in ('admin', 'reporter', 'council', 'viewer')),
  kind text not null,
  title_vi text not null,
  title_en text not null,
  body_vi text not null,
  body_en text not null,
  link text,
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  check (organisation_id is not null or user_id is not null)
);
create index reporting_notifications_org_idx on reporting_notifications (organisation_id);

create table reporting_notification_reads (
  notification_id bigint not null references reporting_notifications (id) on delete cascade,
  user_id integer not null references users (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (notification_id, user_id)
);

create table reporting_contacts (
  organisation_id integer primary key references organisations (id),
  email text not null,
  name_vi text
);

create table email_outbox (
  id bigserial primary key,
  to_address text not null,
  subject text not null,
  body_text text not null,
  kind text not null,
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index email_outbox_pending_idx on email_outbox (status, next_attempt_at);
