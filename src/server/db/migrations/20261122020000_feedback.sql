-- Open feedback: what residents write in their own words (web form and Open311 clients). The feedback module
-- owns the rows and their content; the inbox works on the workflow columns (status, routing, assignment,
-- moderation, public reply, deadline). PostgreSQL 15 and PGlite (18) alike.

-- Third-party Open311 clients allowed to POST requests. Only a SHA-256 of the API key is kept (keys are long
-- random strings, so a plain hash is enough); the prefix lets administrators tell keys apart.
create table open311_clients (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  key_hash text not null unique,
  key_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table feedback_items (
  id uuid primary key,
  -- Made by the client once per submission: sending it again stores nothing new.
  submission_id uuid not null unique,
  -- The Open311 service_request_id: random, so ids of unpublished items cannot be guessed from published ones.
  public_id text not null unique check (public_id ~ '^[a-z0-9]{8,40}$'),
  -- The secret in the writer's tracking link (/feedback/track/TOKEN); shows status and public reply only.
  tracking_token text not null unique check (length(tracking_token) >= 20),
  type text not null check (type in ('praise', 'question', 'idea', 'complaint', 'accessibility', 'other')),
  -- The unit the writer chose; null when they did not know.
  unit_id text references org_units (id),
  -- Where the feedback is handled now (the writer's unit, a routing rule's coordinator unit, or a re-route).
  routed_unit_id text references org_units (id),
  title text,
  description_redacted text not null,
  redactions jsonb not null default '{}'::jsonb,
  language text not null check (language in ('fi', 'sv', 'en')),
  wants_reply boolean not null default false,
  -- How a reply can reach the writer, without decrypting the contact: 'email', 'sms' or null (no contact).
  reply_channel text check (reply_channel in ('email', 'sms')),
  status text not null default 'received'
    check (status in ('received', 'allocated', 'handling', 'done', 'duplicate', 'rejected')),
  duplicate_of_id uuid references feedback_items (id),
  assignee_id uuid references staff_users (id),
  -- Public list (Open311): nothing is public until a moderator publishes it.
  moderation text not null default 'pending' check (moderation in ('pending', 'published', 'withheld')),
  published_at timestamptz,
  public_reply text,
  public_reply_at timestamptz,
  reply_due_at timestamptz,
  lat double precision check (lat between -90 and 90),
  long double precision check (long between -180 and 180),
  address text,
  source text not null check (source in ('web', 'api')),
  api_client_id uuid references open311_clients (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lat is null) = (long is null)),
  check (source = 'web' or api_client_id is not null)
);
create index feedback_items_published_idx on feedback_items (created_at desc) where moderation = 'published';
create index feedback_items_updated_idx on feedback_items (updated_at);
create index feedback_items_routed_idx on feedback_items (routed_unit_id, status);
create index feedback_items_assignee_idx on feedback_items (assignee_id) where assignee_id is not null;
create index feedback_items_due_idx on feedback_items (reply_due_at) where reply_due_at is not null;

-- The unredacted description, only where redaction changed it; encrypted with the data key, read only through
-- an audited path.
create table feedback_originals (
  feedback_id uuid primary key references feedback_items (id),
  ciphertext bytea not null,
  created_at timestamptz not null default now()
);

-- Name, e-mail and phone as one encrypted JSON document; never in public output, never in logs.
create table feedback_contacts (
  feedback_id uuid primary key references feedback_items (id),
  ciphertext bytea not null,
  created_at timestamptz not null default now()
);

-- Images, re-encoded on arrival so EXIF (GPS, camera, time) is gone. Kept in the database so every instance
-- sees them and backups hold them.
create table feedback_attachments (
  id uuid primary key,
  feedback_id uuid not null references feedback_items (id),
  position smallint not null check (position between 0 and 9),
  mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes > 0),
  width integer not null,
  height integer not null,
  content bytea not null,
  -- A moderator can keep an image out of the public record while publishing the text.
  withheld boolean not null default false,
  created_at timestamptz not null default now(),
  unique (feedback_id, position)
);
