import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SmsSettingsPatch } from './sms.settings.ts';

// SQL of the sms module. Batches use unnest() so a thousand events are one statement, not a thousand; hashes
// travel as hex text and are decoded in SQL, which works the same through pg and PGlite.

type Db = Kysely<DB>;

const hexes = (list: readonly Buffer[]) => list.map((b) => b.toString('hex'));

export async function existingEventIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ event_id: string }>`
    select event_id from sms_visit_events where event_id = any(${ids}::text[])`.execute(db);
  return new Set(rows.map((r) => r.event_id));
}

/** Unit references (ids or OIDs) → unit id. */
export async function resolveUnits(db: Db, refs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (refs.length === 0) return found;
  const { rows } = await sql<{ id: string; oid: string | null }>`
    select id, oid from org_units where id = any(${refs}::text[]) or oid = any(${refs}::text[])`.execute(db);
  for (const row of rows) {
    found.set(row.id, row.id);
    if (row.oid) found.set(row.oid, row.id);
  }
  return found;
}

interface SettingsRow {
  unit_id: string | null;
  enabled: boolean | null;
  min_age: number | null;
  require_consent: boolean | null;
  follow_up_days: number | null;
  per_person_days: number | null;
  window_start_hour: number | null;
  window_end_hour: number | null;
  mode: 'link' | 'reply' | null;
  survey: string | null;
  daily_limit: number | null;
}

export function toPatch(row: SettingsRow): SmsSettingsPatch {
  return {
    enabled: row.enabled,
    minAge: row.min_age,
    requireConsent: row.require_consent,
    followUpDays: row.follow_up_days,
    perPersonDays: row.per_person_days,
    windowStartHour: row.window_start_hour,
    windowEndHour: row.window_end_hour,
    mode: row.mode,
    survey: row.survey,
    dailyLimit: row.daily_limit,
  };
}

const SETTINGS_COLUMNS = sql.raw(
  's.unit_id, s.enabled, s.min_age, s.require_consent, s.follow_up_days, s.per_person_days, s.window_start_hour, s.window_end_hour, s.mode, s.survey, s.daily_limit',
);

/** For each unit: the settings patches that apply to it, widest first (organisation, then ancestors down). */
export async function settingsChains(
  db: Db,
  unitIds: readonly string[],
): Promise<Map<string, SmsSettingsPatch[]>> {
  const { rows } = await sql<SettingsRow & { descendant_id: string | null; depth: number }>`
    select null::text as descendant_id, 1000000 as depth, ${SETTINGS_COLUMNS}
      from sms_settings s where s.unit_id is null
    union all
    select c.descendant_id, c.depth, ${SETTINGS_COLUMNS}
      from org_unit_closure c join sms_settings s on s.unit_id = c.ancestor_id
      where c.descendant_id = any(${unitIds as string[]}::text[])`.execute(db);
  const organisation = rows.filter((r) => r.descendant_id === null).map(toPatch);
  const chains = new Map<string, SmsSettingsPatch[]>();
  for (const id of unitIds) {
    const own = rows
      .filter((r) => r.descendant_id === id)
      .sort((a, b) => b.depth - a.depth)
      .map(toPatch);
    chains.set(id, [...organisation, ...own]);
  }
  return chains;
}

export interface PersonHistory {
  /** hash hex → unit id → latest visit */
  visits: Map<string, Map<string, Date>>;
  /** hash hex → latest invitation */
  surveys: Map<string, Date>;
  optedOut: Set<string>;
}

export async function personHistory(db: Db, hashes: readonly Buffer[], since: Date): Promise<PersonHistory> {
  const history: PersonHistory = { visits: new Map(), surveys: new Map(), optedOut: new Set() };
  if (hashes.length === 0) return history;
  const list = hexes(hashes);
  const { rows } = await sql<{ kind: string; h: string; unit_id: string | null; at: Date | null }>`
    with wanted as (select decode(x, 'hex') as person_hash from unnest(${list}::text[]) as x)
    select 'visit' as kind, encode(e.person_hash, 'hex') as h, e.unit_id, max(e.visit_at) as at
      from sms_visit_events e join wanted w on w.person_hash = e.person_hash
      where e.visit_at >= ${since} and e.unit_id is not null group by 2, 3
    union all
    select 'survey', encode(i.person_hash, 'hex'), null, max(i.created_at)
      from sms_invitations i join wanted w on w.person_hash = i.person_hash
      where i.created_at >= ${since} group by 2
    union all
    select 'opt_out', encode(o.person_hash, 'hex'), null, null
      from sms_opt_outs o join wanted w on w.person_hash = o.person_hash`.execute(db);
  for (const row of rows) {
    if (row.kind === 'opt_out') history.optedOut.add(row.h);
    else if (row.kind === 'survey' && row.at) history.surveys.set(row.h, new Date(row.at));
    else if (row.kind === 'visit' && row.at && row.unit_id) {
      const units = history.visits.get(row.h) ?? new Map<string, Date>();
      units.set(row.unit_id, new Date(row.at));
      history.visits.set(row.h, units);
    }
  }
  return history;
}

export interface EventRow {
  eventId: string;
  unitId: string | null;
  visitAt: Date;
  visitType: string | null;
  language: string;
  personHash: Buffer | null;
  source: 'api' | 'csv' | 'fhir';
  decision: 'invited' | 'ineligible';
  reason: string | null;
}

/** Inserts events that are not stored yet; returns the ids actually inserted. */
export async function insertEvents(db: Db, rows: readonly EventRow[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const { rows: inserted } = await sql<{ event_id: string }>`
    insert into sms_visit_events
      (event_id, unit_id, visit_at, visit_type, language, person_hash, source, decision, reason, received_at)
    select e.event_id, e.unit_id, e.visit_at, e.visit_type, e.language, decode(e.h, 'hex'), e.source, e.decision,
           e.reason, ${now}
    from unnest(${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.unitId)}::text[],
                ${rows.map((r) => r.visitAt.toISOString())}::timestamptz[], ${rows.map((r) => r.visitType)}::text[],
                ${rows.map((r) => r.language)}::text[], ${rows.map((r) => r.personHash?.toString('hex') ?? null)}::text[],
                ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.decision)}::text[],
                ${rows.map((r) => r.reason)}::text[])
      as e(event_id, unit_id, visit_at, visit_type, language, h, source, decision, reason)
    on conflict (event_id) do nothing
    returning event_id`.execute(db);
  return new Set(inserted.map((r) => r.event_id));
}

export interface InvitationRow {
  id: string;
  eventId: string;
  unitId: string;
  surveyId: string;
  personHash: Buffer;
  phoneCiphertext: Buffer;
  language: string;
  mode: 'link' | 'reply';
  windowStartHour: number;
  windowEndHour: number;
  sendAfter: Date;
}

export async function insertInvitations(db: Db, rows: readonly InvitationRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into sms_invitations
      (id, event_id, unit_id, survey_id, person_hash, phone_ciphertext, language, mode, window_start_hour,
       window_end_hour, next_attempt_at, created_at)
    select i.id, i.event_id, i.unit_id, i.survey_id, decode(i.h, 'hex'), decode(i.p, 'hex'), i.language, i.mode,
           i.ws, i.we, i.send_after, ${now}
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.eventId)}::text[],
                ${rows.map((r) => r.unitId)}::text[], ${rows.map((r) => r.surveyId)}::uuid[],
                ${hexes(rows.map((r) => r.personHash))}::text[], ${hexes(rows.map((r) => r.phoneCiphertext))}::text[],
                ${rows.map((r) => r.language)}::text[], ${rows.map((r) => r.mode)}::text[],
                ${rows.map((r) => r.windowStartHour)}::int[], ${rows.map((r) => r.windowEndHour)}::int[],
                ${rows.map((r) => r.sendAfter.toISOString())}::timestamptz[])
      as i(id, event_id, unit_id, survey_id, h, p, language, mode, ws, we, send_after)`.execute(db);
}

// Dispatch ------------------------------------------------------------------------------------------------

/** Reserves up to `want` sends from the day's limit; returns how many were granted. */
export async function reserveDailySends(db: Db, day: string, want: number, limit: number): Promise<number> {
  if (want <= 0) return 0;
  await sql`insert into sms_daily_sends (day, sent) values (${day}, 0) on conflict (day) do nothing`.execute(
    db,
  );
  const { rows } = await sql<{ granted: number }>`
    with old as (select sent from sms_daily_sends where day = ${day} for update)
    update sms_daily_sends d set sent = least(${limit}::int, old.sent + ${want}::int)
    from old where d.day = ${day}
    returning greatest(0, d.sent - old.sent) as granted`.execute(db);
  return Number(rows[0]?.granted ?? 0);
}

export async function releaseDailySends(db: Db, day: string, count: number): Promise<void> {
  if (count <= 0) return;
  await sql`update sms_daily_sends set sent = greatest(0, sent - ${count}::int) where day = ${day}`.execute(
    db,
  );
}

export async function dailySent(db: Db, day: string): Promise<number> {
  const row = await db.selectFrom('sms_daily_sends').select('sent').where('day', '=', day).executeTakeFirst();
  return Number(row?.sent ?? 0);
}

export interface ClaimedInvitation {
  id: string;
  unit_id: string;
  survey_id: string;
  phone_ciphertext: Uint8Array | null;
  language: string;
  mode: 'link' | 'reply';
  window_start_hour: number;
  window_end_hour: number;
  attempts: number;
}

export async function claimDue(db: Db, now: Date, limit: number): Promise<ClaimedInvitation[]> {
  if (limit <= 0) return [];
  const { rows } = await sql<ClaimedInvitation>`
    update sms_invitations set locked_until = ${new Date(now.getTime() + 120_000)}, attempts = attempts + 1
    where id in (
      select id from sms_invitations
      where status = 'pending' and next_attempt_at <= ${now}
        and (locked_until is null or locked_until < ${now})
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id, unit_id, survey_id, phone_ciphertext, language, mode, window_start_hour, window_end_hour,
              attempts`.execute(db);
  return rows;
}

export async function markSent(
  db: Db,
  sent: readonly { id: string; tokenHash: Buffer | null; expiresAt: Date }[],
  now: Date,
): Promise<void> {
  if (sent.length === 0) return;
  await sql`
    update sms_invitations i
    set status = case when i.status = 'pending' then 'sent' else i.status end,
      sent_at = ${now}, locked_until = null, last_error = null,
      token_hash = decode(s.t, 'hex'), expires_at = s.expires_at
    from unnest(${sent.map((s) => s.id)}::uuid[], ${sent.map((s) => s.tokenHash?.toString('hex') ?? null)}::text[],
                ${sent.map((s) => s.expiresAt.toISOString())}::timestamptz[]) as s(id, t, expires_at)
    where i.id = s.id`.execute(db);
}

export async function markRetry(
  db: Db,
  id: string,
  nextAt: Date,
  error: string,
  countAttempt = true,
): Promise<void> {
  await db
    .updateTable('sms_invitations')
    .set((eb) => ({
      next_attempt_at: nextAt,
      locked_until: null,
      last_error: error.slice(0, 300),
      ...(countAttempt ? {} : { attempts: eb('attempts', '-', 1) }),
    }))
    .where('id', '=', id)
    .execute();
}

/** Gives up: the invitation goes to the dead-letter list and its phone number is deleted. */
export async function markDead(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('sms_invitations')
    .set({ status: 'dead', locked_until: null, last_error: error.slice(0, 300), phone_ciphertext: null })
    .where('id', '=', id)
    .execute();
}

/** A delivery report ends the need for the number: delivered or failed, it is deleted. */
export async function applyDeliveryReport(
  db: Db,
  id: string,
  status: 'delivered' | 'failed',
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('sms_invitations')
    .set({
      status,
      phone_ciphertext: null,
      ...(status === 'delivered' ? { delivered_at: at } : { last_error: 'delivery failed' }),
    })
    .where('id', '=', id)
    // A report can overtake the dispatcher's own bookkeeping: a claimed (locked) pending row is in flight.
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['sent', 'delivered', 'failed']),
        eb.and([eb('status', '=', 'pending'), eb('locked_until', 'is not', null)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Housekeeping: numbers of messages whose report never came, and invitations too late to send. */
export async function forgetStale(db: Db, reportsBefore: Date, pendingBefore: Date): Promise<void> {
  await db
    .updateTable('sms_invitations')
    .set({ phone_ciphertext: null })
    .where('phone_ciphertext', 'is not', null)
    .where('status', '<>', 'pending')
    .where('sent_at', '<', reportsBefore)
    .execute();
  await db
    .updateTable('sms_invitations')
    .set({ status: 'dead', phone_ciphertext: null, last_error: 'expired before it could be sent' })
    .where('status', '=', 'pending')
    .where('created_at', '<', pendingBefore)
    .execute();
}

// Replies, links and opt-outs --------------------------------------------------------------------------------

export interface OpenInvitation {
  id: string;
  unit_id: string;
  survey_id: string;
  language: string;
  mode: 'link' | 'reply';
  answered_at: Date | null;
  expires_at: Date | null;
  status: string;
}

const OPEN_COLUMNS = [
  'id',
  'unit_id',
  'survey_id',
  'language',
  'mode',
  'answered_at',
  'expires_at',
  'status',
] as const;

export async function latestReplyInvitation(
  db: Db,
  hash: Buffer,
  since: Date,
): Promise<OpenInvitation | undefined> {
  return db
    .selectFrom('sms_invitations')
    .select(OPEN_COLUMNS)
    .where('person_hash', '=', hash)
    .where('mode', '=', 'reply')
    .where('status', 'in', ['sent', 'delivered'])
    .where('sent_at', '>=', since)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findByToken(db: Db, tokenHash: Buffer): Promise<OpenInvitation | undefined> {
  return db
    .selectFrom('sms_invitations')
    .select(OPEN_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the invitation answered unless it was already: true when this call did it (single use). */
export async function claimAnswer(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sms_invitations')
    .set({ answered_at: at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function releaseAnswer(db: Db, id: string): Promise<void> {
  await db.updateTable('sms_invitations').set({ answered_at: null }).where('id', '=', id).execute();
}

export async function setResponse(db: Db, id: string, responseId: string): Promise<void> {
  await db.updateTable('sms_invitations').set({ response_id: responseId }).where('id', '=', id).execute();
}

/** Opts the person out for good; invitations not sent yet are cancelled and their numbers deleted. */
export async function optOut(db: Db, hash: Buffer, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sms_opt_outs')
      .values({ person_hash: hash, created_at: at })
      .onConflict((oc) => oc.column('person_hash').doNothing())
      .execute();
    await trx
      .updateTable('sms_invitations')
      .set({ status: 'cancelled', phone_ciphertext: null })
      .where('person_hash', '=', hash)
      .where('status', '=', 'pending')
      .execute();
  });
}

export async function isOptedOut(db: Db, hash: Buffer): Promise<boolean> {
  const row = await db
    .selectFrom('sms_opt_outs')
    .select('created_at')
    .where('person_hash', '=', hash)
    .executeTakeFirst();
  return row !== undefined;
}

// Staff views and settings ---------------------------------------------------------------------------------

export async function countOptOuts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sms_opt_outs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface DeadLetterRow {
  id: string;
  event_id: string;
  unit_id: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
}

export async function listDeadLetters(db: Db, limit: number): Promise<DeadLetterRow[]> {
  return db
    .selectFrom('sms_invitations')
    .select(['id', 'event_id', 'unit_id', 'attempts', 'last_error', 'created_at'])
    .where('status', '=', 'dead')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('sms_invitations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function getSettingsRow(db: Db, unitId: string | null): Promise<SmsSettingsPatch | undefined> {
  const { rows } = await sql<SettingsRow>`
    select ${SETTINGS_COLUMNS} from sms_settings s where coalesce(s.unit_id, '') = ${unitId ?? ''}`.execute(
    db,
  );
  return rows[0] ? toPatch(rows[0]) : undefined;
}

export async function upsertSettings(
  db: Db,
  unitId: string | null,
  patch: SmsSettingsPatch,
  actorId: string | null,
  at: Date,
): Promise<void> {
  const values = {
    unit_id: unitId,
    enabled: patch.enabled ?? null,
    min_age: patch.minAge ?? null,
    require_consent: patch.requireConsent ?? null,
    follow_up_days: patch.followUpDays ?? null,
    per_person_days: patch.perPersonDays ?? null,
    window_start_hour: patch.windowStartHour ?? null,
    window_end_hour: patch.windowEndHour ?? null,
    mode: patch.mode ?? null,
    survey: patch.survey ?? null,
    daily_limit: patch.dailyLimit ?? null,
    updated_by: actorId,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await sql`delete from sms_settings where coalesce(unit_id, '') = ${unitId ?? ''}`.execute(trx);
    await trx.insertInto('sms_settings').values(values).execute();
  });
}

// Integration keys -----------------------------------------------------------------------------------------

export async function insertIntegrationKey(
  db: Db,
  input: { name: string; keyHash: Buffer; actorId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('sms_integration_keys')
    .values({ name: input.name, key_hash: input.keyHash, created_by: input.actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findIntegrationKey(
  db: Db,
  keyHash: Buffer,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('sms_integration_keys')
    .select(['id', 'name'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
