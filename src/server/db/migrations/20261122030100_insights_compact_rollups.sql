-- Compact insights rollups (docs/adr/0008-compact-aggregates.md). The first design kept the full cross product of
-- dimensions (channel × language × respondent type × age group) per unit × day × question: about one row per
-- response and question, so folding, rebuilding and reading were all as slow as the data. Now:
--   insights_month: unit × month × survey in slices — dim '' (every response, every question) and one slice per
--     single dimension (channel, language, respondent_type, age_group) for question '' (n and the recommendation),
--     so an unfiltered dashboard and its breakdowns over whole months read only this table;
--   insights_day: unit × day × survey for the '' slice and question '' only (n and the recommendation on the
--     edge days of a custom period, and weeks).
-- Anything these cannot answer (statements under a filter or over part of a month, two dimensions at once, a
-- dimension over part of a month) is read from the responses themselves through their (unit_id, local_date)
-- index: exact, only slower. insights_tree_month (below) pre-sums the month slices per subtree.
-- Slices for every question would multiply the rows a fold touches per unit by about four and keep the fold well
-- below 10,000 responses/s on a 2-core machine, and a day rollup for every question would hold about a row per
-- response (ADR 0008). Rows are still keyed by the unit the response was GIVEN to, so moves and merges change no
-- unit row. Counts: question '' is the response
-- itself (n0…n10 = its recommendation, nx = none); other questions count numeric answers in n0…n10 and
-- "can't say" in nx. Flagged responses are never counted.

drop table insights_day;
drop table insights_month;

-- Question '' only: n0…n10 = the recommendation, nx = none.
create table insights_day (
  unit_id text not null,
  day date not null,
  survey_id uuid not null,
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
  primary key (unit_id, day, survey_id)
);

-- day = the month's first day; dim_value = the dimension's value ('' for dim '' and for an unknown value).
-- Dimension slices hold question '' only.
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

-- Pre-summed subtrees: for every unit with descendants, the sum of insights_month over its strict descendants
-- (org_unit_closure depth ≥ 1) by the CURRENT tree, so a division's dashboard reads its own rows plus one row
-- per month × slice × question instead of the rows of its ~600 units. Kept exact by the fold and the triggers
-- (same statement as the unit rows). A change in the tree (closure rows inserted, updated or deleted: a new unit,
-- a move, a merge) marks the sums stale in insights_tree_dirty in the same transaction; while any mark is there
-- reads ignore the sums and add up the unit rows as before, and the next catch-up re-sums them from the unit
-- rows (insights_resum_tree). The unit rows themselves never change on a tree event, so history stays safe.
create table insights_tree_month (
  dim text not null,
  ancestor_id text not null,
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
  primary key (dim, ancestor_id, day, dim_value, survey_id, question_id)
);

create table insights_tree_dirty (
  marked_at timestamptz not null default now()
);

create or replace function insights_tree_changed() returns trigger language plpgsql as $$
begin
  insert into insights_tree_dirty default values;
  return null;
end
$$;

create trigger org_unit_closure_insights after insert or update or delete on org_unit_closure
  for each statement execute function insights_tree_changed();

-- Recomputes every subtree sum from the unit rows and the current closure and clears the marks it saw.
-- Callers hold lock 7245030.
create or replace function insights_resum_tree() returns void language plpgsql as $$
begin
  delete from insights_tree_dirty;
  delete from insights_tree_month;
  insert into insights_tree_month (dim, ancestor_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select m.dim, c.ancestor_id, m.day, m.dim_value, m.survey_id, m.question_id, sum(m.nx), sum(m.n0), sum(m.n1), sum(m.n2), sum(m.n3), sum(m.n4), sum(m.n5), sum(m.n6), sum(m.n7), sum(m.n8), sum(m.n9), sum(m.n10)
  from insights_month m join org_unit_closure c on c.descendant_id = m.unit_id and c.depth > 0
  group by 1, 2, 3, 4, 5, 6;
end
$$;

-- Adds insights_delta (signed counts from the update/delete triggers) to the rollups and empties it. Each
-- statement groups by its rollup's key first, so every target row is touched once. Callers hold lock 7245030.
create or replace function insights_fold() returns void language plpgsql as $$
declare
  ignored integer;
begin
  insert into insights_day as t (unit_id, day, survey_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select unit_id, day, survey_id,
    coalesce(sum(sign) filter (where value = -1), 0), coalesce(sum(sign) filter (where value = 0), 0), coalesce(sum(sign) filter (where value = 1), 0),
    coalesce(sum(sign) filter (where value = 2), 0), coalesce(sum(sign) filter (where value = 3), 0), coalesce(sum(sign) filter (where value = 4), 0),
    coalesce(sum(sign) filter (where value = 5), 0), coalesce(sum(sign) filter (where value = 6), 0), coalesce(sum(sign) filter (where value = 7), 0),
    coalesce(sum(sign) filter (where value = 8), 0), coalesce(sum(sign) filter (where value = 9), 0), coalesce(sum(sign) filter (where value = 10), 0)
  from insights_delta where question_id = '' group by 1, 2, 3
  on conflict (unit_id, day, survey_id) do update set
    nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10;
  with
  m as materialized (
    select '' as dim, unit_id, date_trunc('month', day)::date as day, '' as dim_value, survey_id, question_id,
      coalesce(sum(sign) filter (where value = -1), 0) as nx, coalesce(sum(sign) filter (where value = 0), 0) as n0, coalesce(sum(sign) filter (where value = 1), 0) as n1,
      coalesce(sum(sign) filter (where value = 2), 0) as n2, coalesce(sum(sign) filter (where value = 3), 0) as n3, coalesce(sum(sign) filter (where value = 4), 0) as n4,
      coalesce(sum(sign) filter (where value = 5), 0) as n5, coalesce(sum(sign) filter (where value = 6), 0) as n6, coalesce(sum(sign) filter (where value = 7), 0) as n7,
      coalesce(sum(sign) filter (where value = 8), 0) as n8, coalesce(sum(sign) filter (where value = 9), 0) as n9, coalesce(sum(sign) filter (where value = 10), 0) as n10
    from insights_delta group by 2, 3, 5, 6
    union all
    select case when grouping(channel) = 0 then 'channel' when grouping(language) = 0 then 'language'
        when grouping(respondent_type) = 0 then 'respondent_type' else 'age_group' end,
      unit_id, date_trunc('month', day)::date, coalesce(channel, language, respondent_type, age_group), survey_id, '',
      coalesce(sum(sign) filter (where value = -1), 0), coalesce(sum(sign) filter (where value = 0), 0), coalesce(sum(sign) filter (where value = 1), 0),
      coalesce(sum(sign) filter (where value = 2), 0), coalesce(sum(sign) filter (where value = 3), 0), coalesce(sum(sign) filter (where value = 4), 0),
      coalesce(sum(sign) filter (where value = 5), 0), coalesce(sum(sign) filter (where value = 6), 0), coalesce(sum(sign) filter (where value = 7), 0),
      coalesce(sum(sign) filter (where value = 8), 0), coalesce(sum(sign) filter (where value = 9), 0), coalesce(sum(sign) filter (where value = 10), 0)
    from insights_delta where question_id = ''
    group by unit_id, date_trunc('month', day)::date, survey_id,
      grouping sets ((channel), (language), (respondent_type), (age_group))
  ),
  month_rows as (
    insert into insights_month as t (dim, unit_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
    select * from m
    on conflict (dim, unit_id, day, dim_value, survey_id, question_id) do update set
      nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10
  ),
  tree_rows as (
    insert into insights_tree_month as t (dim, ancestor_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
    select m.dim, c.ancestor_id, m.day, m.dim_value, m.survey_id, m.question_id, sum(m.nx), sum(m.n0), sum(m.n1), sum(m.n2), sum(m.n3), sum(m.n4), sum(m.n5), sum(m.n6), sum(m.n7), sum(m.n8), sum(m.n9), sum(m.n10)
    from m join org_unit_closure c on c.descendant_id = m.unit_id and c.depth > 0
    group by 1, 2, 3, 4, 5, 6
    on conflict (dim, ancestor_id, day, dim_value, survey_id, question_id) do update set
      nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10
  )
  select 1 into ignored;
  delete from insights_delta;
end
$$;

-- Counts the responses of one month (first = its first day, last = its last) into the rollups with plain,
-- set-based inserts. Each groups by answer value first with a single count per row, then pivots the much smaller
-- result into n0…n10 (twelve filtered counts per input row cost far more). Only for a rebuild: the caller has
-- emptied the rollups and holds lock 7245030.
create or replace function insights_rebuild_range(first date, last date) returns void language plpgsql as $$
begin
  insert into insights_day (unit_id, day, survey_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select unit_id, local_date, survey_id,
    coalesce(sum(n) filter (where value = -1), 0), coalesce(sum(n) filter (where value = 0), 0), coalesce(sum(n) filter (where value = 1), 0),
    coalesce(sum(n) filter (where value = 2), 0), coalesce(sum(n) filter (where value = 3), 0), coalesce(sum(n) filter (where value = 4), 0),
    coalesce(sum(n) filter (where value = 5), 0), coalesce(sum(n) filter (where value = 6), 0), coalesce(sum(n) filter (where value = 7), 0),
    coalesce(sum(n) filter (where value = 8), 0), coalesce(sum(n) filter (where value = 9), 0), coalesce(sum(n) filter (where value = 10), 0)
  from (
    select unit_id, local_date, survey_id, coalesce(recommendation::integer, -1) as value, count(*) as n
    from responses where flag is null and local_date between first and last
    group by 1, 2, 3, 4
  ) g
  group by 1, 2, 3;
  insert into insights_month (dim, unit_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select '', unit_id, first, '', survey_id, question_id,
    coalesce(sum(n) filter (where value = -1), 0), coalesce(sum(n) filter (where value = 0), 0), coalesce(sum(n) filter (where value = 1), 0),
    coalesce(sum(n) filter (where value = 2), 0), coalesce(sum(n) filter (where value = 3), 0), coalesce(sum(n) filter (where value = 4), 0),
    coalesce(sum(n) filter (where value = 5), 0), coalesce(sum(n) filter (where value = 6), 0), coalesce(sum(n) filter (where value = 7), 0),
    coalesce(sum(n) filter (where value = 8), 0), coalesce(sum(n) filter (where value = 9), 0), coalesce(sum(n) filter (where value = 10), 0)
  from (
    select r.unit_id, r.survey_id, v.question_id, v.value, count(*) as n
    from responses r cross join lateral insights_answer_values(r.recommendation, r.answers) v
    where r.flag is null and r.local_date between first and last
    group by 1, 2, 3, 4
  ) g
  group by 2, 5, 6;
  insert into insights_month (dim, unit_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
  select dim, unit_id, first, dim_value, survey_id, '',
    coalesce(sum(n) filter (where value = -1), 0), coalesce(sum(n) filter (where value = 0), 0), coalesce(sum(n) filter (where value = 1), 0),
    coalesce(sum(n) filter (where value = 2), 0), coalesce(sum(n) filter (where value = 3), 0), coalesce(sum(n) filter (where value = 4), 0),
    coalesce(sum(n) filter (where value = 5), 0), coalesce(sum(n) filter (where value = 6), 0), coalesce(sum(n) filter (where value = 7), 0),
    coalesce(sum(n) filter (where value = 8), 0), coalesce(sum(n) filter (where value = 9), 0), coalesce(sum(n) filter (where value = 10), 0)
  from (
    select case when grouping(channel) = 0 then 'channel' when grouping(language) = 0 then 'language'
      when grouping(respondent_type) = 0 then 'respondent_type' else 'age_group' end as dim,
      unit_id, coalesce(channel, language, respondent_type, age_group) as dim_value, survey_id, value, count(*) as n
    from (
      select unit_id, survey_id, channel, language, coalesce(respondent_type, '') as respondent_type,
        coalesce(age_group, '') as age_group, coalesce(recommendation::integer, -1) as value
      from responses where flag is null and local_date between first and last
    ) r
    group by unit_id, survey_id, value, grouping sets ((channel), (language), (respondent_type), (age_group))
  ) g
  group by 1, 2, 4, 5;
end
$$;

-- Folds up to batch pending responses into the rollups in one statement: take the ids, expand each response
-- into its answer values once (materialised), group by each rollup's key and upsert the unit rows and the
-- subtree sums of their ancestors. Returns the ids taken.
-- Callers hold lock 7245030.
create or replace function insights_fold_pending(batch integer) returns integer language plpgsql as $$
declare
  taken_count integer;
begin
  with taken as (
    delete from insights_pending
    where ctid = any(array(select ctid from insights_pending limit batch))
    returning response_id
  ),
  facts as materialized (
    select r.unit_id, r.local_date, r.survey_id, r.channel, r.language,
      coalesce(r.respondent_type, '') as respondent_type, coalesce(r.age_group, '') as age_group, v.question_id, v.value
    from taken t
    join responses r on r.id = t.response_id
    cross join lateral insights_answer_values(r.recommendation, r.answers) v
    where r.flag is null
  ),
  day_rows as (
    insert into insights_day as t (unit_id, day, survey_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
    select unit_id, local_date, survey_id,
      count(*) filter (where value = -1), count(*) filter (where value = 0), count(*) filter (where value = 1),
    count(*) filter (where value = 2), count(*) filter (where value = 3), count(*) filter (where value = 4),
    count(*) filter (where value = 5), count(*) filter (where value = 6), count(*) filter (where value = 7),
    count(*) filter (where value = 8), count(*) filter (where value = 9), count(*) filter (where value = 10)
    from facts where question_id = '' group by 1, 2, 3
    on conflict (unit_id, day, survey_id) do update set
      nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10
  ),
  m as materialized (
    select '' as dim, unit_id, date_trunc('month', local_date)::date as day, '' as dim_value, survey_id, question_id,
      count(*) filter (where value = -1) as nx, count(*) filter (where value = 0) as n0, count(*) filter (where value = 1) as n1,
      count(*) filter (where value = 2) as n2, count(*) filter (where value = 3) as n3, count(*) filter (where value = 4) as n4,
      count(*) filter (where value = 5) as n5, count(*) filter (where value = 6) as n6, count(*) filter (where value = 7) as n7,
      count(*) filter (where value = 8) as n8, count(*) filter (where value = 9) as n9, count(*) filter (where value = 10) as n10
    from facts group by 2, 3, 5, 6
    union all
    select case when grouping(channel) = 0 then 'channel' when grouping(language) = 0 then 'language'
        when grouping(respondent_type) = 0 then 'respondent_type' else 'age_group' end,
      unit_id, date_trunc('month', local_date)::date, coalesce(channel, language, respondent_type, age_group), survey_id, '',
      count(*) filter (where value = -1), count(*) filter (where value = 0), count(*) filter (where value = 1),
      count(*) filter (where value = 2), count(*) filter (where value = 3), count(*) filter (where value = 4),
      count(*) filter (where value = 5), count(*) filter (where value = 6), count(*) filter (where value = 7),
      count(*) filter (where value = 8), count(*) filter (where value = 9), count(*) filter (where value = 10)
    from facts where question_id = ''
    group by unit_id, date_trunc('month', local_date)::date, survey_id,
      grouping sets ((channel), (language), (respondent_type), (age_group))
  ),
  month_rows as (
    insert into insights_month as t (dim, unit_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
    select * from m
    on conflict (dim, unit_id, day, dim_value, survey_id, question_id) do update set
      nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10
  ),
  tree_rows as (
    insert into insights_tree_month as t (dim, ancestor_id, day, dim_value, survey_id, question_id, nx, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10)
    select m.dim, c.ancestor_id, m.day, m.dim_value, m.survey_id, m.question_id, sum(m.nx), sum(m.n0), sum(m.n1), sum(m.n2), sum(m.n3), sum(m.n4), sum(m.n5), sum(m.n6), sum(m.n7), sum(m.n8), sum(m.n9), sum(m.n10)
    from m join org_unit_closure c on c.descendant_id = m.unit_id and c.depth > 0
    group by 1, 2, 3, 4, 5, 6
    on conflict (dim, ancestor_id, day, dim_value, survey_id, question_id) do update set
      nx = t.nx + excluded.nx, n0 = t.n0 + excluded.n0, n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3, n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6, n7 = t.n7 + excluded.n7, n8 = t.n8 + excluded.n8, n9 = t.n9 + excluded.n9, n10 = t.n10 + excluded.n10
  )
  select count(*)::integer into taken_count from taken;
  return taken_count;
end
$$;

-- Existing installations: count every stored response into the new rollups now (and pre-sum the subtrees). The lock keeps intake's inserts
-- (and so new pending ids) out until this commits, so nothing is counted twice or missed.
lock table responses in share mode;
delete from insights_pending;
delete from insights_delta;
do $$
declare
  m date;
  last_month date;
begin
  select date_trunc('month', min(local_date))::date, date_trunc('month', max(local_date))::date
    into m, last_month from responses where flag is null;
  while m <= last_month loop
    perform insights_rebuild_range(m, (m + interval '1 month' - interval '1 day')::date);
    m := (m + interval '1 month')::date;
  end loop;
  perform insights_resum_tree();
end
$$;
