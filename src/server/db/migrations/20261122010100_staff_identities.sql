-- OpenID Connect identities linked to staff accounts. An identity is (issuer, subject); it is linked on the
-- first sign-in (by verified e-mail) or by an administrator, and from then on the subject alone finds the
-- account, so a changed e-mail at the provider does not lock anyone out or into someone else's account.
create table staff_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references staff_users (id),
  created_at timestamptz not null default now(),
  last_login_at timestamptz,
  primary key (issuer, subject)
);
create index staff_identities_user_idx on staff_identities (user_id);
