-- "What we changed based on feedback" (you said, we did): short public entries per unit, written by staff and
-- shown on the public results pages and in quarterly reviews. Text in each language; Finnish is required.
create table report_changes (
  id uuid primary key default gen_random_uuid(),
  unit_id text not null references org_units (id),
  text_fi text not null check (length(text_fi) between 1 and 1000),
  text_sv text check (text_sv is null or length(text_sv) between 1 and 1000),
  text_en text check (text_en is null or length(text_en) between 1 and 1000),
  changed_on date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  removed_at timestamptz
);
create index report_changes_unit_idx on report_changes (unit_id, changed_on desc) where removed_at is null;
