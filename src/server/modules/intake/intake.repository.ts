import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PreparedResponse } from './intake.prepare.ts';

// SQL for the write path. A batch of responses is written by ONE statement: data-modifying CTEs make it atomic
// without BEGIN/COMMIT, in one round trip instead of five or six (bench/intake.ts: ~1.5× the throughput on
// PostgreSQL on a 2-core machine, where every round trip is two context switches).

export interface InsertOutcome {
  id: string;
  created: boolean;
}

export interface TextToDetect {
  responseId: string;
  questionId: string;
  text: string;
}

export async function listTextsWithoutLanguage(
  db: Kysely<DB>,
  responseIds: string[],
): Promise<TextToDetect[]> {
  if (responseIds.length === 0) return [];
  const rows = await db
    .selectFrom('response_texts')
    .select(['response_id', 'question_id', 'text_redacted'])
    .where('response_id', 'in', responseIds)
    .where('detected_language', 'is', null)
    .execute();
  return rows.map((r) => ({ responseId: r.response_id, questionId: r.question_id, text: r.text_redacted }));
}

export async function setDetectedLanguages(
  db: Kysely<DB>,
  rows: { responseId: string; questionId: string; language: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  // One statement for the whole job: unnest() pairs the arrays up row by row (PostgreSQL 15 and PGlite alike).
  await sql`
    update response_texts as t set detected_language = v.language
    from unnest(${rows.map((r) => r.responseId)}::uuid[], ${rows.map((r) => r.questionId)}::text[],
                ${rows.map((r) => r.language)}::text[]) as v(response_id, question_id, language)
    where t.response_id = v.response_id and t.question_id = v.question_id`.execute(db);
}

export interface BatchJob {
  name: string;
  maxAttempts: number;
}

// Timestamps travel as epoch milliseconds: JSON.stringify of a Date calls its toJSON, which took building a batch's
// JSON from ~1.9 to ~5 µs per row (docs/intake.md); a number costs next to nothing and converts exactly in SQL.
function epochMs(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

function responseRow(response: PreparedResponse['response']) {
  return {
    ...response,
    submitted_at: epochMs(response.submitted_at),
    received_at: epochMs(response.received_at),
  };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Inserts the prepared rows in one statement. A submission_id already stored (earlier, or earlier in this batch)
 * is skipped and answered with the id stored first; texts, originals, contacts and the job are written only for
 * responses this statement created. `job` is one queue row (the same columns jobs.enqueue writes) listing the new
 * responses that have free text; null writes none. Works inside a caller's transaction too.
 */
export async function insertResponses(
  db: Kysely<DB>,
  batch: PreparedResponse[],
  job: BatchJob | null = null,
): Promise<InsertOutcome[]> {
  const responses = JSON.stringify(batch.map((p) => responseRow(p.response)));
  const texts = JSON.stringify(batch.flatMap((p) => p.texts));
  const originals = JSON.stringify(
    batch.flatMap((p) => p.originals.map((o) => ({ ...o, ciphertext: base64(o.ciphertext) }))),
  );
  const contacts = JSON.stringify(
    batch.flatMap((p) => (p.contact ? [{ ...p.contact, ciphertext: base64(p.contact.ciphertext) }] : [])),
  );
  // The mark makes it a named prepared statement on PostgreSQL (src/server/db/database.ts): planned once per
  // connection, not per batch. Its text must not vary between calls.
  const result = await sql<{ id: string }>`/* prepare:intake_insert_responses */
    with input as (
      select * from jsonb_to_recordset(${responses}::jsonb) as x(
        id uuid, submission_id uuid, survey_id uuid, survey_version_id uuid, unit_id text, channel text,
        language text, respondent_type text, age_group text, recommendation smallint, answers text,
        submitted_at float8, received_at float8, local_date date, flag text)
    ),
    inserted as (
      insert into responses (id, submission_id, survey_id, survey_version_id, unit_id, channel, language,
        respondent_type, age_group, recommendation, answers, submitted_at, received_at, local_date, flag)
      select id, submission_id, survey_id, survey_version_id, unit_id, channel, language,
        respondent_type, age_group, recommendation, answers::jsonb, to_timestamp(submitted_at / 1000),
        to_timestamp(received_at / 1000), local_date, flag
      from input
      on conflict (submission_id) do nothing
      returning id
    ),
    texts as (
      insert into response_texts (response_id, question_id, text_redacted, redactions, detected_language)
      select t.response_id, t.question_id, t.text_redacted, t.redactions::jsonb, t.detected_language
      from jsonb_to_recordset(${texts}::jsonb) as t(response_id uuid, question_id text, text_redacted text,
        redactions text, detected_language text)
      join inserted i on i.id = t.response_id
      returning response_id
    ),
    originals as (
      insert into response_text_originals (response_id, question_id, ciphertext)
      select o.response_id, o.question_id, decode(o.ciphertext, 'base64')
      from jsonb_to_recordset(${originals}::jsonb) as o(response_id uuid, question_id text, ciphertext text)
      join inserted i on i.id = o.response_id
    ),
    contacts as (
      insert into response_contacts (response_id, ciphertext)
      select c.response_id, decode(c.ciphertext, 'base64')
      from jsonb_to_recordset(${contacts}::jsonb) as c(response_id uuid, ciphertext text)
      join inserted i on i.id = c.response_id
    ),
    job as (
      insert into jobs (name, payload, max_attempts)
      select ${job?.name ?? ''}, jsonb_build_object('responseIds', jsonb_agg(distinct response_id)),
        ${job?.maxAttempts ?? 1}::int
      from texts
      where ${job !== null}
      having count(*) > 0
    )
    select id from inserted`.execute(db);
  const createdIds = new Set(result.rows.map((r) => r.id));
  const repeated = batch.filter((p) => !createdIds.has(p.response.id)).map((p) => p.response.submission_id);
  const firstIds = new Map<string, string>();
  if (repeated.length > 0) {
    const rows = await db
      .selectFrom('responses')
      .select(['id', 'submission_id'])
      .where('submission_id', 'in', [...new Set(repeated)])
      .execute();
    for (const row of rows) firstIds.set(row.submission_id, row.id);
  }
  return batch.map((p) => {
    if (createdIds.has(p.response.id)) return { id: p.response.id, created: true };
    const id = firstIds.get(p.response.submission_id);
    if (!id) throw new Error(`submission ${p.response.submission_id} conflicted but was not found`);
    return { id, created: false };
  });
}
