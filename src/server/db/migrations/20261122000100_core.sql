-- Core schema: organisation tree, surveys, responses, staff, jobs, audit. PostgreSQL 15 and PGlite (18) alike.
create extension if not exists pg_trgm;

-- Organisation tree ---------------------------------------------------------------------------------------
create table org_units (
  id text primary key,
  parent_id text references org_units (id),
  type text not null check (type in ('division', 'service_area', 'service', 'unit', 'site', 'other')),
  name_fi text not null,
  name_sv text,
  name_en text,
  oid text unique,
  valid_from date,
  valid_to date,
  merged_into_id text references org_units (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
  check (parent_id is null or parent_id <> id),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index org_units_parent_idx on org_units (parent_id);
create index org_units_name_trgm_idx on org_units using gin (name_fi gin_trgm_ops);

-- Every ancestor of every unit (including itself at depth 0): subtree queries are one indexed join.
create table org_unit_closure (
  ancestor_id text not null references org_units (id),
  descendant_id text not null references org_units (id),
  depth integer not null check (depth >= 0),
  primary key (ancestor_id, descendant_id)
);
create index org_unit_closure_descendant_idx on org_unit_closure (descendant_id, depth);

-- What happened to the tree and when: moves, merges, closures, renames. History is never rewritten.
create table org_unit_events (
  id bigserial primary key,
  unit_id text not null references org_units (id),
  kind text not null check (kind in ('created', 'updated', 'moved', 'merged', 'closed', 'reopened')),
  from_parent_id text,
  to_parent_id text,
  merged_into_id text,
  changes jsonb not null default '{}'::jsonb,
  actor_id uuid,
  source text not null default 'api',
  created_at timestamptz not null default now()
);
create index org_unit_events_unit_idx on org_unit_events (unit_id, created_at);

-- Surveys: a survey is a stable identity; its content lives in immutable versions ------------------------
create table surveys (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  template text,
  current_version_id uuid,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table survey_versions (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references surveys (id),
  version integer not null check (version >= 1),
  definition jsonb not null,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (survey_id, version)
);
alter table surveys
  add constraint surveys_current_version_fk foreign key (current_version_id) references survey_versions (id);

-- A publication makes a survey answerable at a unit (and, with include_subtree, every unit below) in channels.
create table survey_publications (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references surveys (id),
  unit_id text not null references org_units (id),
  include_subtree boolean not null default true,
  channels text[] not null check (cardinality(channels) > 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  ended_at timestamptz
);
create index survey_publications_unit_idx on survey_publications (unit_id) where ended_at is null;
create index survey_publications_survey_idx on survey_publications (survey_id);

-- Short links: one code per unit × survey; /s/CODE is the web link, /q/CODE the QR code.
create table short_links (
  code text primary key check (code ~ '^[a-z0-9]{4,12}$'),
  survey_id uuid not null references surveys (id),
  unit_id text not null references org_units (id),
  created_at timestamptz not null default now(),
  unique (survey_id, unit_id)
);

-- Responses: one row per submission, every channel ----------------------------------------------------------
create table responses (
  id uuid primary key default gen_random_uuid(),
  submission_id uuid not null unique,
  survey_id uuid not null references surveys (id),
  survey_version_id uuid not null references survey_versions (id),
  unit_id text not null references org_units (id),
  channel text not null,
  language text not null,
  respondent_type text,
  age_group text,
  recommendation smallint check (recommendation between 0 and 10),
  answers jsonb not null,
  submitted_at timestamptz not null,
  received_at timestamptz not null default now(),
  local_date date not null
);
create index responses_unit_date_idx on responses (unit_id, local_date);
create index responses_date_idx on responses (local_date);
create index responses_survey_idx on responses (survey_id, local_date);

-- Free text after redaction: what staff and analysis see.
create table response_texts (
  response_id uuid not null references responses (id),
  question_id text not null,
  text_redacted text not null,
  redactions jsonb not null default '{}'::jsonb,
  detected_language text,
  primary key (response_id, question_id)
);

-- The original text, only where redaction changed it; encrypted with the server's data key, read only
-- through an audited path.
create table response_text_originals (
  response_id uuid not null references responses (id),
  question_id text not null,
  ciphertext bytea not null,
  created_at timestamptz not null default now(),
  primary key (response_id, question_id)
);

-- "Contact me": stored apart from the answers and encrypted.
create table response_contacts (
  response_id uuid primary key references responses (id),
  ciphertext bytea not null,
  created_at timestamptz not null default now()
);

-- Staff -------------------------------------------------------------------------------------------------------
create table staff_users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text not null,
  password_hash text not null,
  locale text not null default 'fi' check (locale in ('fi', 'sv', 'en')),
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index staff_users_email_idx on staff_users (lower(email));

-- Roles are scoped to an organisation subtree; unit_id null means the whole organisation.
create table staff_role_assignments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references staff_users (id),
  role text not null check (role in ('admin', 'coordinator', 'analyst', 'manager', 'staff')),
  unit_id text references org_units (id),
  created_by uuid,
  created_at timestamptz not null default now()
);
create unique index staff_role_assignments_unique_idx
  on staff_role_assignments (user_id, role, coalesce(unit_id, ''));

create table staff_sessions (
  token_hash text primary key,
  user_id uuid not null references staff_users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_sessions_user_idx on staff_sessions (user_id);

create table login_attempts (
  id bigserial primary key,
  email_hash text not null,
  ip text not null,
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email_hash, created_at);
create index login_attempts_ip_idx on login_attempts (ip, created_at);

-- Audit log: who read or changed what. IDs, never content.
create table audit_log (
  id bigserial primary key,
  actor_id uuid,
  action text not null,
  target_type text not null,
  target_id text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_target_idx on audit_log (target_type, target_id);

-- Background jobs: the same queue on PGlite and PostgreSQL. Payloads carry IDs, never feedback text.
create table jobs (
  id bigserial primary key,
  name text not null,
  payload jsonb not null default '{}'::jsonb,
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index jobs_due_idx on jobs (run_at) where done_at is null;

-- Instance-wide settings and markers (e.g. when the demo data was seeded).
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
