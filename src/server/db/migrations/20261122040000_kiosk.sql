-- Kiosks: on-site smiley devices. A device belongs to a unit, answers one survey question (with an optional
-- follow-up and free text), enrols with a one-time code and then holds its own revocable credential. Codes and
-- credentials are stored only as SHA-256 hashes. docs/kiosk.md.
create table kiosk_devices (
  id uuid primary key default gen_random_uuid(),
  unit_id text not null references org_units (id),
  name text not null check (length(name) between 1 and 100),
  survey_id uuid not null references surveys (id),
  main_question text not null,
  follow_up_question text,
  free_text_question text,
  languages text[] not null default '{fi,sv,en}',
  reset_seconds integer not null default 20 check (reset_seconds between 5 and 600),
  thanks_seconds integer not null default 3 check (thanks_seconds between 1 and 60),
  repeat_interval_ms integer not null default 5000 check (repeat_interval_ms between 0 and 600000),
  silent_after_minutes integer not null default 60 check (silent_after_minutes between 5 and 10080),
  -- ISO weekdays (1 = Monday) and local times in Europe/Helsinki when silence is worth an alert.
  opening_days integer[] not null default '{1,2,3,4,5}',
  opens_at text not null default '08:00' check (opens_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  closes_at text not null default '16:00' check (closes_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  -- Bumped on every change of what the device shows: the device polls with If-None-Match.
  config_version integer not null default 1,
  enrol_code_hash text unique,
  enrol_code_expires_at timestamptz,
  token_hash text unique,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  last_contact_at timestamptz,
  queue_length integer,
  app_version text,
  rejected_count integer not null default 0,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index kiosk_devices_unit_idx on kiosk_devices (unit_id);

-- Which device sent which response (and whether it was a repeat): per-device counts for coordinators.
-- No foreign key to responses: intake owns that table, and its maintenance (truncating test data, retention)
-- must not depend on kiosk tables; a link is written only after intake has committed the response.
create table kiosk_answers (
  response_id uuid primary key,
  device_id uuid not null references kiosk_devices (id),
  repeat boolean not null,
  answered_at timestamptz not null
);
create index kiosk_answers_device_idx on kiosk_answers (device_id, answered_at);

-- A device silent during opening hours. One open alert per device; closed when the device calls again.
create table kiosk_alerts (
  id bigserial primary key,
  device_id uuid not null references kiosk_devices (id),
  raised_at timestamptz not null default now(),
  silent_since timestamptz,
  resolved_at timestamptz,
  emailed_at timestamptz
);
create unique index kiosk_alerts_open_idx on kiosk_alerts (device_id) where resolved_at is null;
