-- Exports page through responses by (local_date, id). With only (local_date) indexed, every page would sort all
-- later rows again; this index gives each page its rows in order, so an export of millions stays linear.
create index responses_date_id_idx on responses (local_date, id);
