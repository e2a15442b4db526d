-- A response can be kept but excluded from results: a kiosk press that came too soon after a completed answer is
-- stored as a 'repeat' (coordinators see it), and every figure, aggregate and export of results skips flagged rows.
alter table responses add column flag text;
alter table responses add constraint responses_flag_check check (flag is null or flag in ('repeat', 'test'));
