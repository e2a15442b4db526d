-- Chat satisfaction: after a chat with a service (health advice, social services chat) the chat system asks for a
-- 0–100 rating and an optional comment. Ratings arrive in batches from the chat system or as a CSV file and are
-- reported as their own measure (the 0–100 scale is not a survey question). (system, external_id) makes every
-- rating idempotent: sending a batch again stores nothing twice.
create table chat_ratings (
  id uuid primary key,
  system text not null,
  external_id text not null,
  unit_id text not null references org_units (id),
  rated_at timestamptz not null,
  local_date date not null,
  rating smallint not null check (rating between 0 and 100),
  comment_redacted text,
  -- The unredacted comment, AES-GCM encrypted, only where redaction changed it (like response_text_originals).
  comment_original bytea,
  language text check (language in ('fi', 'sv', 'en')),
  source text not null check (source in ('api', 'csv')),
  created_at timestamptz not null default now(),
  unique (system, external_id)
);
create index chat_ratings_unit_date_idx on chat_ratings (unit_id, local_date);
