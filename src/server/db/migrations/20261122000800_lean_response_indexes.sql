-- Every index on responses costs each stored response CPU and WAL (bench/intake.ts). (local_date, id) from the
-- export migration serves date scans, so the plain date index is redundant; per-survey reports read aggregates
-- (a later issue), not a survey/date index on raw rows.
drop index if exists responses_date_idx;
drop index if exists responses_survey_idx;
