-- Text analysis (docs/text-analysis.md): the editable theme taxonomy, one result per analysed text (tone, themes,
-- key phrases in base form), staff corrections as training data, trained organisation models and emerging-theme
-- alerts. Sources: free-text answers (response_texts) and open feedback items (feedback_items). Results are
-- derived data: `kuulo analysis run` rebuilds them. PostgreSQL 15 and PGlite (18) alike.

create table analysis_themes (
  key text primary key check (key ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name_fi text not null check (length(name_fi) between 1 and 200),
  name_sv text not null check (length(name_sv) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

insert into analysis_themes (key, name_fi, name_sv, name_en, position) values
  ('access', 'Hoitoon pääsy ja odotusajat', 'Tillgång till vård och väntetider', 'Access and waiting times', 1),
  ('booking', 'Ajanvaraus', 'Tidsbokning', 'Appointment booking', 2),
  ('phone', 'Puhelinpalvelu ja takaisinsoitot', 'Telefonservice och återuppringning', 'Phone service and call-backs', 3),
  ('attitude', 'Kohtelu ja asenne', 'Bemötande och attityd', 'Treatment and attitude', 4),
  ('competence', 'Ammattitaito', 'Yrkeskunskap', 'Professional competence', 5),
  ('information', 'Tiedonkulku ja viestintä', 'Information och kommunikation', 'Information and communication', 6),
  ('digital', 'Digitaaliset palvelut', 'Digitala tjänster', 'Digital services', 7),
  ('premises', 'Tilat ja siisteys', 'Lokaler och städning', 'Premises and cleanliness', 8),
  ('costs', 'Kustannukset ja maksut', 'Kostnader och avgifter', 'Costs and fees', 9),
  ('accessibility', 'Esteettömyys', 'Tillgänglighet', 'Accessibility', 10),
  ('language', 'Kieli ja tulkkaus', 'Språk och tolkning', 'Language and interpretation', 11),
  ('continuity', 'Hoidon jatkuvuus', 'Vårdens kontinuitet', 'Continuity of care', 12),
  ('safety', 'Turvallisuus', 'Säkerhet', 'Safety', 13),
  ('food', 'Ruoka ja ympäristö (hoivakodit)', 'Mat och miljö (omsorgsboenden)', 'Food and environment (care homes)', 14),
  ('parking', 'Pysäköinti ja liikenne', 'Parkering och transport', 'Parking and transport', 15),
  ('praise', 'Kiitos ja kehut', 'Beröm och tack', 'Praise and thanks', 16),
  ('other', 'Muu', 'Övrigt', 'Other', 17);

-- No foreign keys to the sources, the tree or staff: these are derived rows, and a key would make every other
-- feature's `truncate responses` (tests) fail; views join the sources and so ignore rows whose source is gone
-- (erasure). One row per analysed text. Exactly one source: a free-text answer (response_id + question_id) or a feedback
-- item. unit_id and occurred_at are copied from the source so views need no join to it.
create table analysis_results (
  id bigserial primary key,
  response_id uuid,
  question_id text,
  feedback_id uuid,
  unit_id text,
  occurred_on date not null,
  language text,
  tone text not null check (tone in ('positive', 'neutral', 'negative', 'mixed')),
  tone_score real not null,
  themes text[] not null default '{}',
  key_phrases text[] not null default '{}',
  model text not null,
  analysed_at timestamptz not null default now(),
  check ((response_id is not null and question_id is not null and feedback_id is null)
      or (response_id is null and question_id is null and feedback_id is not null))
);
create unique index analysis_results_response_idx on analysis_results (response_id, question_id)
  where response_id is not null;
create unique index analysis_results_feedback_idx on analysis_results (feedback_id) where feedback_id is not null;
create index analysis_results_unit_day_idx on analysis_results (unit_id, occurred_on);
create index analysis_results_themes_idx on analysis_results using gin (themes);

-- Texts stored but not yet analysed. The sources' inserts only append ids here (statement-level triggers, no
-- index, no analysis work on the write path); the analysis job takes batches and deletes what it has done.
create table analysis_pending (
  response_id uuid,
  question_id text,
  feedback_id uuid,
  added_at timestamptz not null default now()
);

create function analysis_log_texts() returns trigger language plpgsql as $$
begin
  insert into analysis_pending (response_id, question_id) select response_id, question_id from analysis_new_texts;
  return null;
end
$$;
create trigger response_texts_analysis_log after insert on response_texts
  referencing new table as analysis_new_texts for each statement execute function analysis_log_texts();

create function analysis_log_feedback() returns trigger language plpgsql as $$
begin
  insert into analysis_pending (feedback_id) select id from analysis_new_feedback;
  return null;
end
$$;
create trigger feedback_items_analysis_log after insert on feedback_items
  referencing new table as analysis_new_feedback for each statement execute function analysis_log_feedback();

-- A staff member's correction of an item's themes and/or tone; the latest per item counts. These, with the seed
-- knowledge, are the organisation's training data.
create table analysis_corrections (
  id bigserial primary key,
  response_id uuid,
  question_id text,
  feedback_id uuid,
  themes text[],
  tone text check (tone in ('positive', 'neutral', 'negative', 'mixed')),
  corrected_by uuid,
  corrected_at timestamptz not null default now(),
  check ((response_id is not null and question_id is not null and feedback_id is null)
      or (response_id is null and question_id is null and feedback_id is not null)),
  check (themes is not null or tone is not null)
);
create unique index analysis_corrections_response_idx on analysis_corrections (response_id, question_id)
  where response_id is not null;
create unique index analysis_corrections_feedback_idx on analysis_corrections (feedback_id)
  where feedback_id is not null;

-- The organisation's trained model (model.json of a model directory); the newest one is used.
create table analysis_models (
  id bigserial primary key,
  model text not null,
  training_rows integer not null,
  corrections integer not null,
  cv_macro_f1 real,
  trained_at timestamptz not null default now()
);

-- Emerging themes: a theme whose share of a subtree's analysed texts rose significantly in the latest period
-- against the same subtree's baseline (two-proportion z-test, Holm-corrected over the tests of one run).
create table analysis_alerts (
  id bigserial primary key,
  unit_id text not null,
  theme text not null,
  period_start date not null,
  period_end date not null,
  n integer not null,
  share real not null,
  baseline_n integer not null,
  baseline_share real not null,
  z real not null,
  p_value real not null,
  created_at timestamptz not null default now(),
  unique (unit_id, theme, period_start)
);
create index analysis_alerts_created_idx on analysis_alerts (created_at desc);

-- The jobs re-arm themselves (analysis.jobs.ts); these are their first runs.
-- The first run waits 30 s so that a process's start-up (and other features' tests) are not slowed by training.
insert into jobs (name, max_attempts, run_at) values ('analysis.analyse-pending', 1000000, now() + interval '30 seconds');
insert into jobs (name, max_attempts, run_at) values ('analysis.train-model', 1000000, now() + interval '1 day');
insert into jobs (name, max_attempts, run_at) values ('analysis.detect-emerging', 1000000, now() + interval '1 hour');
