-- Alerts on insights figures: rules per unit (optionally its whole subtree) and the alerts they raised.
create table insights_alert_rules (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('nps_drop', 'detractor_share')),
  unit_id text not null references org_units (id),
  include_descendants boolean not null default false,
  threshold double precision check (threshold is null or (threshold >= 0 and threshold <= 1)),
  period_days integer not null default 30 check (period_days between 7 and 366),
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index insights_alert_rules_unit_idx on insights_alert_rules (unit_id);

-- One alert per rule × unit × period: evaluating the same day again raises nothing new.
create table insights_alerts (
  id uuid primary key default gen_random_uuid(),
  rule_id uuid not null references insights_alert_rules (id),
  unit_id text not null references org_units (id),
  period_from date not null,
  period_to date not null,
  figures jsonb not null,
  created_at timestamptz not null default now(),
  emailed_at timestamptz,
  unique (rule_id, unit_id, period_to)
);
create index insights_alerts_created_idx on insights_alerts (created_at desc);

-- The two background jobs re-arm themselves (see insights.jobs.ts); these are their first runs, a little after the
-- first start so that they never surprise a test that counts the jobs it enqueued itself.
insert into jobs (name, run_at, max_attempts) values ('insights.fold-responses', now() + interval '15 seconds', 1000000);
insert into jobs (name, run_at, max_attempts) values ('insights.evaluate-alerts', now() + interval '1 hour', 1000000);
