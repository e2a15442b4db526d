-- Home-care mobile mode: after a home visit the client answers a short smiley survey on the staff member's phone
-- (a normal response, channel home_care, through intake), then the staff member assesses the visit from their side.
-- The two are stored apart and linked through the visit: results show them side by side, never mixed.
create table home_care_visits (
  id uuid primary key,
  unit_id text not null references org_units (id),
  staff_id uuid not null references staff_users (id),
  -- Null when the client did not answer (declined, asleep, could not): the staff assessment still counts.
  response_id uuid unique references responses (id),
  client_declined boolean not null default false,
  local_date date not null,
  created_at timestamptz not null default now()
);
create index home_care_visits_unit_date_idx on home_care_visits (unit_id, local_date);

create table home_care_assessments (
  visit_id uuid primary key references home_care_visits (id),
  on_time text not null check (on_time in ('yes', 'partly', 'no')),
  affected_by text not null check (affected_by in ('nothing', 'timing', 'lack_of_time', 'other')),
  note_redacted text,
  created_at timestamptz not null default now()
);
