-- Responses check their references once per statement instead of once per row (ADR 0009).
--
-- The three foreign keys from responses to org_units, surveys and survey_versions each ran a per-row trigger that
-- locked the referenced row: a batch of 30 responses to one unit and one survey took 90 row locks on the same few
-- rows, and on PostgreSQL that was a quarter of the database's CPU per stored response (bench/intake.ts). Here
-- one statement-level trigger locks each distinct referenced row once (FOR KEY SHARE, the lock a foreign key
-- takes) and refuses the whole statement if any reference is missing, with the same SQLSTATE (23503). It also
-- checks that the survey version belongs to the survey, which the foreign keys did not.
--
-- The other side of a foreign key is the referenced row: it must not go away while a response refers to it. The
-- guards below refuse to delete a referenced unit, survey or survey version, or to change its key. They are AFTER
-- triggers: a delete waits for the row lock an inserting transaction holds, so by the time the guard looks, that
-- insert has committed and is seen (READ COMMITTED, which Kuulo uses everywhere).

alter table responses drop constraint responses_unit_id_fkey;
alter table responses drop constraint responses_survey_id_fkey;
alter table responses drop constraint responses_survey_version_id_fkey;

create function responses_check_references() returns trigger language plpgsql as $$
declare
  missing record;
begin
  select n.unit_id, n.survey_id, n.survey_version_id into missing
  from responses_checked_rows n
  left join (
    select id from org_units where id in (select unit_id from responses_checked_rows) for key share
  ) u on u.id = n.unit_id
  left join (
    select id, survey_id from survey_versions
    where id in (select survey_version_id from responses_checked_rows) for key share
  ) v on v.id = n.survey_version_id
  left join (
    select id from surveys where id in (select survey_id from responses_checked_rows) for key share
  ) s on s.id = n.survey_id
  where u.id is null or v.id is null or s.id is null or v.survey_id <> n.survey_id
  limit 1;
  if found then
    raise exception 'response refers to a unit or survey version that does not exist'
      using errcode = 'foreign_key_violation',
        detail = format('unit %s, survey %s, survey version %s', missing.unit_id, missing.survey_id,
          missing.survey_version_id);
  end if;
  return null;
end
$$;

create trigger responses_check_references_insert after insert on responses
  referencing new table as responses_checked_rows
  for each statement execute function responses_check_references();
create trigger responses_check_references_update after update on responses
  referencing new table as responses_checked_rows
  for each statement execute function responses_check_references();

-- Referenced rows: no delete, and no change of key, while a response refers to them. One function serves the three
-- tables (its argument names the responses column); a DELETE trigger has no new table, hence two statements.
create function responses_guard_referenced() returns trigger language plpgsql as $$
declare
  referenced text;
  column_name text := tg_argv[0];
begin
  if tg_op = 'DELETE' then
    execute format('select o.id::text from responses_guard_old o
      where exists (select 1 from responses r where r.%I = o.id) limit 1', column_name) into referenced;
  else
    execute format('select o.id::text from responses_guard_old o
      where not exists (select 1 from responses_guard_new n where n.id = o.id)
        and exists (select 1 from responses r where r.%I = o.id) limit 1', column_name) into referenced;
  end if;
  if referenced is not null then
    raise exception '% % is referenced by responses', tg_table_name, referenced
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end
$$;

create trigger org_units_guard_responses_delete after delete on org_units
  referencing old table as responses_guard_old
  for each statement execute function responses_guard_referenced('unit_id');
create trigger org_units_guard_responses_update after update on org_units
  referencing old table as responses_guard_old new table as responses_guard_new
  for each statement execute function responses_guard_referenced('unit_id');
create trigger survey_versions_guard_responses_delete after delete on survey_versions
  referencing old table as responses_guard_old
  for each statement execute function responses_guard_referenced('survey_version_id');
create trigger survey_versions_guard_responses_update after update on survey_versions
  referencing old table as responses_guard_old new table as responses_guard_new
  for each statement execute function responses_guard_referenced('survey_version_id');
create trigger surveys_guard_responses_delete after delete on surveys
  referencing old table as responses_guard_old
  for each statement execute function responses_guard_referenced('survey_id');
create trigger surveys_guard_responses_update after update on surveys
  referencing old table as responses_guard_old new table as responses_guard_new
  for each statement execute function responses_guard_referenced('survey_id');
