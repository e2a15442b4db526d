-- SMS surveys tied to visits (docs/sms.md). Phone numbers exist only encrypted in sms_invitations.phone_ciphertext,
-- and only until the message is sent and its delivery report has arrived; everything that must outlive that
-- (the 30-day rule, follow-up visits, opt-outs) uses person_hash: HMAC-SHA-256 of the normalised number keyed
-- with the installation's data key.

-- Eligibility settings: one organisation-wide row (unit_id null) and optional rows for subtrees. A null column
-- inherits from the nearest ancestor row that sets it, then from the built-in default.
create table sms_settings (
  id bigserial primary key,
  unit_id text references org_units (id),
  enabled boolean,
  min_age integer check (min_age between 0 and 120),
  require_consent boolean,
  follow_up_days integer check (follow_up_days between 0 and 365),
  per_person_days integer check (per_person_days between 0 and 365),
  window_start_hour integer check (window_start_hour between 0 and 23),
  window_end_hour integer check (window_end_hour between 1 and 24),
  mode text check (mode in ('link', 'reply')),
  survey text,
  daily_limit integer check (daily_limit >= 0),
  updated_by uuid,
  updated_at timestamptz not null default now()
);
create unique index sms_settings_scope_idx on sms_settings ((coalesce(unit_id, '')));

-- Every visit event received, with the decision made about it (idempotent by event id).
create table sms_visit_events (
  event_id text primary key check (length(event_id) between 1 and 200),
  unit_id text references org_units (id),
  visit_at timestamptz not null,
  visit_type text,
  language text not null,
  person_hash bytea,
  source text not null check (source in ('api', 'csv', 'fhir')),
  decision text not null check (decision in ('invited', 'ineligible')),
  reason text,
  received_at timestamptz not null default now()
);
create index sms_visit_events_person_idx on sms_visit_events (person_hash, visit_at) where person_hash is not null;

create table sms_invitations (
  id uuid primary key,
  event_id text not null unique references sms_visit_events (event_id),
  unit_id text not null references org_units (id),
  survey_id uuid not null references surveys (id),
  person_hash bytea not null,
  phone_ciphertext bytea,
  language text not null,
  mode text not null check (mode in ('link', 'reply')),
  window_start_hour integer not null,
  window_end_hour integer not null,
  token_hash bytea unique,
  expires_at timestamptz,
  status text not null default 'pending'
    check (status in ('pending', 'sent', 'delivered', 'failed', 'dead', 'cancelled')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz,
  delivered_at timestamptz,
  answered_at timestamptz,
  response_id uuid,
  created_at timestamptz not null default now()
);
create index sms_invitations_due_idx on sms_invitations (next_attempt_at) where status = 'pending';
create index sms_invitations_person_idx on sms_invitations (person_hash, created_at);
create index sms_invitations_dead_idx on sms_invitations (created_at) where status = 'dead';
create index sms_invitations_phone_idx on sms_invitations (sent_at) where phone_ciphertext is not null and status <> 'pending';

-- "STOP" / "LOPETA" / "SLUTA": never another message to this number.
create table sms_opt_outs (
  person_hash bytea primary key,
  created_at timestamptz not null default now()
);

-- Messages sent per Finnish calendar day, for the daily sending limit (shared by every instance).
create table sms_daily_sends (
  day date primary key,
  sent integer not null default 0
);

-- Keys of outside systems that send visit events. Only a SHA-256 of the key is stored.
create table sms_integration_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  key_hash bytea not null unique,
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
