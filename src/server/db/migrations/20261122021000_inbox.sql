-- Staff inbox: the handling of open feedback (feedback_items, owned by the feedback module). The inbox keeps
-- its own history, notes, tags, replies, reply templates, routing rules and escalations here, and updates only
-- the workflow columns of feedback_items. PostgreSQL 15 and PGlite (18) alike.

-- Who did what, in order: the full history of an item. details carry ids and codes, never feedback text.
create table inbox_events (
  id bigint generated always as identity primary key,
  feedback_id uuid not null references feedback_items (id),
  kind text not null check (kind in (
    'received', 'routed', 'status_changed', 'assigned', 'unassigned', 'note_added', 'tagged', 'untagged',
    'replied', 'reply_failed', 'public_reply_set', 'published', 'withheld', 'public_text_edited', 'escalated',
    'contact_read', 'original_read')),
  actor_id uuid references staff_users (id),
  from_status text,
  to_status text,
  unit_id text references org_units (id),
  assignee_id uuid references staff_users (id),
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index inbox_events_feedback_idx on inbox_events (feedback_id, id);

-- Internal notes: seen by staff only, never by the writer or the public.
create table inbox_notes (
  id uuid primary key default gen_random_uuid(),
  feedback_id uuid not null references feedback_items (id),
  author_id uuid not null references staff_users (id),
  body text not null check (length(body) between 1 and 5000),
  created_at timestamptz not null default now()
);
create index inbox_notes_feedback_idx on inbox_notes (feedback_id, created_at);

create table inbox_tags (
  feedback_id uuid not null references feedback_items (id),
  tag text not null check (length(tag) between 1 and 40),
  created_by uuid references staff_users (id),
  created_at timestamptz not null default now(),
  primary key (feedback_id, tag)
);
create index inbox_tags_tag_idx on inbox_tags (tag);

-- What was sent to the writer (e-mail or SMS), and whether it went out.
create table inbox_replies (
  id uuid primary key default gen_random_uuid(),
  feedback_id uuid not null references feedback_items (id),
  channel text not null check (channel in ('email', 'sms')),
  language text not null check (language in ('fi', 'sv', 'en')),
  template_key text,
  subject text,
  body text not null check (length(body) between 1 and 10000),
  status text not null check (status in ('sent', 'failed')),
  error_code text,
  message_id text,
  sent_by uuid not null references staff_users (id),
  created_at timestamptz not null default now()
);
create index inbox_replies_feedback_idx on inbox_replies (feedback_id, created_at);

-- Reply templates per language, editable by coordinators. Placeholders: {{reference}}, {{date}}, {{unit}},
-- {{handler}}, {{tracking_url}}.
create table inbox_reply_templates (
  id uuid primary key default gen_random_uuid(),
  key text not null check (key ~ '^[a-z0-9_-]{1,40}$'),
  language text not null check (language in ('fi', 'sv', 'en')),
  name text not null check (length(name) between 1 and 200),
  subject text not null check (length(subject) between 1 and 200),
  body text not null check (length(body) between 1 and 10000),
  updated_by uuid references staff_users (id),
  updated_at timestamptz not null default now(),
  unique (key, language)
);

-- Where feedback goes when the writer did not name a unit (or named one too broad to handle, a division or a
-- service area): the first rule by position whose type and service area match. null matches anything.
create table inbox_routing_rules (
  id uuid primary key default gen_random_uuid(),
  position integer not null,
  feedback_type text check (feedback_type in ('praise', 'question', 'idea', 'complaint', 'accessibility', 'other')),
  service_area_id text references org_units (id),
  target_unit_id text not null references org_units (id),
  created_by uuid references staff_users (id),
  created_at timestamptz not null default now()
);
create index inbox_routing_rules_position_idx on inbox_routing_rules (position, created_at);

-- One escalation per item and deadline, so a manager is told once.
create table inbox_escalations (
  feedback_id uuid not null references feedback_items (id),
  due_at timestamptz not null,
  unit_id text references org_units (id),
  recipients integer not null,
  escalated_at timestamptz not null default now(),
  primary key (feedback_id, due_at)
);

-- The Helsinki dates on which the daily digest went out, so a restart or a second instance sends it once.
create table inbox_digest_runs (
  day date primary key,
  sent integer not null default 0,
  created_at timestamptz not null default now()
);

insert into inbox_reply_templates (key, language, name, subject, body) values
('answer', 'fi', 'Vastaus palautteeseen', 'Vastaus palautteeseesi {{reference}}',
 E'Hei,\n\nkiitos palautteestasi, jonka lähetit {{date}} (viite {{reference}}).\n\n\n\nYstävällisin terveisin\n{{handler}}\n{{unit}}\n\nVoit seurata palautteesi käsittelyä osoitteessa {{tracking_url}}'),
('answer', 'sv', 'Svar på respons', 'Svar på din respons {{reference}}',
 E'Hej,\n\ntack för din respons som du skickade {{date}} (referens {{reference}}).\n\n\n\nMed vänliga hälsningar\n{{handler}}\n{{unit}}\n\nDu kan följa behandlingen av din respons på {{tracking_url}}'),
('answer', 'en', 'Reply to feedback', 'Reply to your feedback {{reference}}',
 E'Hello,\n\nthank you for the feedback you sent on {{date}} (reference {{reference}}).\n\n\n\nKind regards\n{{handler}}\n{{unit}}\n\nYou can follow the handling of your feedback at {{tracking_url}}'),
('thanks', 'fi', 'Kiitos kehuista', 'Kiitos palautteestasi {{reference}}',
 E'Hei,\n\nlämmin kiitos myönteisestä palautteestasi. Välitimme sen koko henkilökunnalle, ja se ilahdutti meitä kovasti.\n\nYstävällisin terveisin\n{{handler}}\n{{unit}}'),
('thanks', 'sv', 'Tack för berömmet', 'Tack för din respons {{reference}}',
 E'Hej,\n\nvarmt tack för din positiva respons. Vi har förmedlat den till hela personalen och den gladde oss mycket.\n\nMed vänliga hälsningar\n{{handler}}\n{{unit}}'),
('thanks', 'en', 'Thanks for praise', 'Thank you for your feedback {{reference}}',
 E'Hello,\n\nthank you warmly for your positive feedback. We have shared it with all our staff, and it made us very happy.\n\nKind regards\n{{handler}}\n{{unit}}'),
('forwarded', 'fi', 'Palaute siirretty', 'Palautteesi {{reference}} on siirretty käsiteltäväksi',
 E'Hei,\n\npalautteesi (viite {{reference}}) koskee toista palvelua, joten siirsimme sen oikeaan yksikköön käsiteltäväksi. Sieltä vastataan sinulle.\n\nYstävällisin terveisin\n{{handler}}\n{{unit}}'),
('forwarded', 'sv', 'Responsen har skickats vidare', 'Din respons {{reference}} har skickats vidare',
 E'Hej,\n\ndin respons (referens {{reference}}) gäller en annan tjänst, så vi har skickat den vidare till rätt enhet. Därifrån får du svar.\n\nMed vänliga hälsningar\n{{handler}}\n{{unit}}'),
('forwarded', 'en', 'Feedback forwarded', 'Your feedback {{reference}} has been forwarded',
 E'Hello,\n\nyour feedback (reference {{reference}}) concerns another service, so we have forwarded it to the right unit. They will reply to you.\n\nKind regards\n{{handler}}\n{{unit}}'),
('accessibility', 'fi', 'Saavutettavuuspalaute', 'Vastaus saavutettavuuspalautteeseesi {{reference}}',
 E'Hei,\n\nkiitos saavutettavuutta koskevasta palautteestasi (viite {{reference}}).\n\n\n\nJos et ole tyytyväinen vastaukseen, voit tehdä ilmoituksen saavutettavuutta valvovalle viranomaiselle, ks. www.saavutettavuusvaatimukset.fi.\n\nYstävällisin terveisin\n{{handler}}\n{{unit}}'),
('accessibility', 'sv', 'Respons om tillgänglighet', 'Svar på din respons om tillgänglighet {{reference}}',
 E'Hej,\n\ntack för din respons om tillgänglighet (referens {{reference}}).\n\n\n\nOm du inte är nöjd med svaret kan du göra en anmälan till den myndighet som övervakar tillgängligheten, se www.tillganglighetskrav.fi.\n\nMed vänliga hälsningar\n{{handler}}\n{{unit}}'),
('accessibility', 'en', 'Accessibility feedback', 'Reply to your accessibility feedback {{reference}}',
 E'Hello,\n\nthank you for your feedback on accessibility (reference {{reference}}).\n\n\n\nIf you are not satisfied with the reply, you can notify the authority that monitors accessibility, see www.webaccessibility.fi.\n\nKind regards\n{{handler}}\n{{unit}}');

-- The public version of the text as a moderator edited it; null: the public list shows description_redacted.
-- (A workflow column of feedback_items, written only by the inbox; "if not exists" in case the feedback
-- migration adds it too.)
alter table feedback_items add column if not exists public_description text
  check (public_description is null or length(public_description) between 1 and 5000);
