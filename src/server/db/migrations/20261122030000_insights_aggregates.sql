-- Insights aggregates (docs/adr/0007-aggregates.md). Figures read per-unit rollups by day and by month, never raw
-- responses. A rollup row counts the responses of one unit × period × survey × channel × language × respondent
-- type × age group for one question: question '' is the response itself (n0…n10 = its recommendation score,
-- nx = no recommendation, so each response is counted exactly once there); any other question counts numeric
-- answers in n0…n10 and "can't say" in nx. Rows are keyed by the unit the response was GIVEN to, so a move or a
-- merge in the tree changes no rollup row: subtrees are summed through org_unit_closure when read, and history
-- stays with its unit. Flagged responses (flag is not null) are never counted.

-- Responses stored but not yet folded in. Intake's insert only appends ids here (one statement-level trigger, no
-- index); the aggregator deletes a batch and adds its counts in the same transaction, so each response is counted
-- exactly once whatever order transactions commit in.
create table insights_pending (
  response_id uuid not null
);

create table insights_day (
  unit_id text not null,
  day date not null,
  survey_id uuid not null,
  channel text not null,
  language text not null,
  respondent_type text not null,
  age_group text not null,
  question_id text not null,
  nx integer not null default 0,
  n0 integer not null default 0,
  n1 integer not null default 0,
  n2 integer not null default 0,
  n3 integer not null default 0,
  n4 integer not null default 0,
  n5 integer not null default 0,
  n6 integer not null default 0,
  n7 integer not null default 0,
  n8 integer not null default 0,
  n9 integer not null default 0,
  n10 integer not null default 0,
  primary key (unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id)
);

-- By month (day = the month's first day), in slices: dim '' counts every response and every question; dim
-- 'channel', 'language', 'respondent_type' or 'age_group' counts the responses themselves (question '' only: n and
-- the recommendation) again by that one dimension's value (dim_value). A dashboard without filters reads only
-- dim '' (one row per unit × month × survey × question, whatever the number of responses); a breakdown or a filter
-- on one dimension reads that dimension's slice for n and NPS. Anything else (statements under a filter, two
-- dimensions at once, weeks, the days at the edges of a period) reads insights_day, which keeps every dimension.
create table insights_month (
  dim text not null check (dim in ('', 'channel', 'language', 'respondent_type', 'age_group')),
  unit_id text not null,
  day date not null,
  dim_value text not null,
  survey_id uuid not null,
  question_id text not null,
  nx integer not null default 0,
  n0 integer not null default 0,
  n1 integer not null default 0,
  n2 integer not null default 0,
  n3 integer not null default 0,
  n4 integer not null default 0,
  n5 integer not null default 0,
  n6 integer not null default 0,
  n7 integer not null default 0,
  n8 integer not null default 0,
  n9 integer not null default 0,
  n10 integer not null default 0,
  primary key (dim, unit_id, day, dim_value, survey_id, question_id)
);

-- Signed counts waiting to be folded into both rollups; always empty outside a folding transaction.
create table insights_delta (
  unit_id text not null,
  day date not null,
  survey_id uuid not null,
  channel text not null,
  language text not null,
  respondent_type text not null,
  age_group text not null,
  question_id text not null,
  value integer not null,
  sign integer not null
);

-- What one response counts: ('', recommendation or -1) and (question, value or -1 for "can't say") for every
-- numeric or "can't say" answer. The recommendation answer itself is counted once, in question ''.
create function insights_answer_values(recommendation smallint, answers jsonb)
returns table (question_id text, value integer) language sql immutable as $$
  select ''::text, coalesce(recommendation::integer, -1)
  union all
  select e.key, case when jsonb_typeof(e.value) = 'number' then e.value::integer else -1 end
  from jsonb_each(answers) e
  where e.key <> 'recommendation' and (jsonb_typeof(e.value) = 'number' or e.value = '"cant_say"'::jsonb)
$$;

-- Adds insights_delta to both rollups and empties it. Callers hold the insights advisory lock (7245030).
create function insights_fold() returns void language plpgsql as $$
begin
  insert into insights_day as t (unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id,
    coalesce(sum(sign) filter (where value = -1), 0),
    coalesce(sum(sign) filter (where value = 0), 0),
    coalesce(sum(sign) filter (where value = 1), 0),
    coalesce(sum(sign) filter (where value = 2), 0),
    coalesce(sum(sign) filter (where value = 3), 0),
    coalesce(sum(sign) filter (where value = 4), 0),
    coalesce(sum(sign) filter (where value = 5), 0),
    coalesce(sum(sign) filter (where value = 6), 0),
    coalesce(sum(sign) filter (where value = 7), 0),
    coalesce(sum(sign) filter (where value = 8), 0),
    coalesce(sum(sign) filter (where value = 9), 0),
    coalesce(sum(sign) filter (where value = 10), 0)
  from insights_delta group by 1, 2, 3, 4, 5, 6, 7, 8
  on conflict (unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id) do update set
    nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10;
  insert into insights_month as t (dim, unit_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select d.dim, unit_id, date_trunc('month', day)::date, d.dim_value, survey_id, question_id,
    coalesce(sum(sign) filter (where value = -1), 0),
    coalesce(sum(sign) filter (where value = 0), 0),
    coalesce(sum(sign) filter (where value = 1), 0),
    coalesce(sum(sign) filter (where value = 2), 0),
    coalesce(sum(sign) filter (where value = 3), 0),
    coalesce(sum(sign) filter (where value = 4), 0),
    coalesce(sum(sign) filter (where value = 5), 0),
    coalesce(sum(sign) filter (where value = 6), 0),
    coalesce(sum(sign) filter (where value = 7), 0),
    coalesce(sum(sign) filter (where value = 8), 0),
    coalesce(sum(sign) filter (where value = 9), 0),
    coalesce(sum(sign) filter (where value = 10), 0)
  from insights_delta
  cross join lateral (values ('', ''), ('channel', channel), ('language', language),
    ('respondent_type', respondent_type), ('age_group', age_group)) d(dim, dim_value)
  where d.dim = '' or question_id = ''
  group by 1, 2, 3, 4, 5, 6
  on conflict (dim, unit_id, day, dim_value, survey_id, question_id) do update set
    nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10;
  delete from insights_delta;
end
$$;

create function insights_log_inserted() returns trigger language plpgsql as $$
begin
  insert into insights_pending (response_id) select id from insights_new_rows where flag is null;
  return null;
end
$$;

create trigger responses_insights_log after insert on responses
  referencing new table as insights_new_rows for each statement execute function insights_log_inserted();

-- Rare changes to stored responses (a flag set later, an erasure): their old counts come out and new ones go in
-- at once. A response still pending is skipped: the aggregator will count it as it is when it gets there. The
-- lock orders this against the aggregator, so neither can miss the other's work.
create function insights_track_update() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7245030);
  insert into insights_delta
  select o.unit_id, o.local_date, o.survey_id, o.channel, o.language, coalesce(o.respondent_type, ''), coalesce(o.age_group, ''), v.question_id, v.value, -1
  from insights_old_rows o
  join insights_new_rows n on n.id = o.id
  cross join lateral insights_answer_values(o.recommendation, o.answers) v
  where o.flag is null and (o.flag, o.unit_id, o.local_date, o.survey_id, o.channel, o.language, o.respondent_type, o.age_group, o.recommendation, o.answers) is distinct from (n.flag, n.unit_id, n.local_date, n.survey_id, n.channel, n.language, n.respondent_type, n.age_group, n.recommendation, n.answers)
    and not exists (select 1 from insights_pending p where p.response_id = o.id);
  insert into insights_delta
  select n.unit_id, n.local_date, n.survey_id, n.channel, n.language, coalesce(n.respondent_type, ''), coalesce(n.age_group, ''), v.question_id, v.value, 1
  from insights_new_rows n
  join insights_old_rows o on o.id = n.id
  cross join lateral insights_answer_values(n.recommendation, n.answers) v
  where n.flag is null and (o.flag, o.unit_id, o.local_date, o.survey_id, o.channel, o.language, o.respondent_type, o.age_group, o.recommendation, o.answers) is distinct from (n.flag, n.unit_id, n.local_date, n.survey_id, n.channel, n.language, n.respondent_type, n.age_group, n.recommendation, n.answers)
    and not exists (select 1 from insights_pending p where p.response_id = n.id);
  perform insights_fold();
  return null;
end
$$;

create trigger responses_insights_update after update on responses
  referencing old table as insights_old_rows new table as insights_new_rows
  for each statement execute function insights_track_update();

create function insights_track_delete() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7245030);
  insert into insights_delta
  select o.unit_id, o.local_date, o.survey_id, o.channel, o.language, coalesce(o.respondent_type, ''), coalesce(o.age_group, ''), v.question_id, v.value, -1
  from insights_old_rows o
  cross join lateral insights_answer_values(o.recommendation, o.answers) v
  where o.flag is null and not exists (select 1 from insights_pending p where p.response_id = o.id);
  perform insights_fold();
  return null;
end
$$;

create trigger responses_insights_delete after delete on responses
  referencing old table as insights_old_rows for each statement execute function insights_track_delete();

-- Responses stored before this migration: the aggregator folds them in like new ones.
insert into insights_pending (response_id) select id from responses where flag is null;
