-- Staff entry of paper and oral feedback: a pile of paper forms (or a series of oral feedback notes) is entered as a
-- batch; each form is one submission through intake (channel paper or oral) and one entry record that says which
-- batch it came in and who entered it. Results never read these tables; they answer "who typed this in, when".
create table entry_batches (
  id uuid primary key,
  survey_id uuid not null references surveys (id),
  unit_id text not null references org_units (id),
  channel text not null check (channel in ('paper', 'oral')),
  language text not null check (language in ('fi', 'sv', 'en')),
  label text,
  entered_by uuid not null references staff_users (id),
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index entry_batches_entered_by_idx on entry_batches (entered_by, created_at desc);

create table entry_records (
  response_id uuid primary key references responses (id),
  batch_id uuid not null references entry_batches (id),
  form_number integer not null,
  entered_by uuid not null references staff_users (id),
  created_at timestamptz not null default now()
);
create index entry_records_batch_idx on entry_records (batch_id, form_number);
