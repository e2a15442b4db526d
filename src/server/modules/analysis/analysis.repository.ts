import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ToneColumn } from '../../db/tables/analysis.ts';

// SQL of the analysis module. Items are either a free-text answer (responseId + questionId) or a feedback item
// (feedbackId). Results of flagged responses are kept but every view leaves them out (the join to responses).

export type ItemRef = { responseId: string; questionId: string } | { feedbackId: string };

export interface SourceText {
  ref: ItemRef;
  text: string;
  language: string | null;
  unitId: string | null;
  occurredOn: string;
}

export interface ResultRow {
  ref: ItemRef;
  unitId: string | null;
  occurredOn: string;
  language: string | null;
  tone: ToneColumn;
  toneScore: number;
  themes: string[];
  keyPhrases: string[];
  model: string;
}

export function isFeedbackRef(ref: ItemRef): ref is { feedbackId: string } {
  return 'feedbackId' in ref;
}

export async function listPending(db: Kysely<DB>, limit: number): Promise<ItemRef[]> {
  const rows = await db
    .selectFrom('analysis_pending')
    .select(['response_id', 'question_id', 'feedback_id'])
    .orderBy('added_at')
    .limit(limit)
    .execute();
  return rows.map((r) =>
    r.feedback_id
      ? { feedbackId: r.feedback_id }
      : { responseId: r.response_id as string, questionId: r.question_id as string },
  );
}

export async function deletePending(db: Kysely<DB>, refs: ItemRef[]): Promise<void> {
  const responseIds = [
    ...new Set(refs.filter((r) => !isFeedbackRef(r)).map((r) => (r as { responseId: string }).responseId)),
  ];
  const feedbackIds = [...new Set(refs.filter(isFeedbackRef).map((r) => r.feedbackId))];
  if (responseIds.length)
    await db.deleteFrom('analysis_pending').where('response_id', 'in', responseIds).execute();
  if (feedbackIds.length)
    await db.deleteFrom('analysis_pending').where('feedback_id', 'in', feedbackIds).execute();
}

export async function hasPending(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('analysis_pending').select('response_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function responseTexts(db: Kysely<DB>, responseIds: string[]): Promise<SourceText[]> {
  if (!responseIds.length) return [];
  const rows = await db
    .selectFrom('response_texts as t')
    .innerJoin('responses as r', 'r.id', 't.response_id')
    .select([
      't.response_id',
      't.question_id',
      't.text_redacted',
      't.detected_language',
      'r.unit_id',
      'r.local_date',
    ])
    .where('t.response_id', 'in', responseIds)
    .execute();
  return rows.map((r) => ({
    ref: { responseId: r.response_id, questionId: r.question_id },
    text: r.text_redacted,
    language: r.detected_language,
    unitId: r.unit_id,
    occurredOn: r.local_date,
  }));
}

export async function feedbackTexts(db: Kysely<DB>, feedbackIds: string[]): Promise<SourceText[]> {
  if (!feedbackIds.length) return [];
  const rows = await db
    .selectFrom('feedback_items')
    .select([
      'id',
      'title',
      'description_redacted',
      'language',
      sql<string | null>`coalesce(routed_unit_id, unit_id)`.as('unit'),
      sql<string>`to_char(created_at at time zone 'Europe/Helsinki', 'YYYY-MM-DD')`.as('day'),
    ])
    .where('id', 'in', feedbackIds)
    .execute();
  return rows.map((r) => ({
    ref: { feedbackId: r.id },
    text: r.title ? `${r.title}. ${r.description_redacted}` : r.description_redacted,
    language: r.language,
    unitId: r.unit,
    occurredOn: r.day,
  }));
}

/** Response ids with free text, for re-analysis in pages (keyset on id). */
export async function responseIdsSince(
  db: Kysely<DB>,
  since: string | undefined,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom('response_texts as t')
    .innerJoin('responses as r', 'r.id', 't.response_id')
    .select('t.response_id')
    .distinct()
    .orderBy('t.response_id')
    .limit(limit);
  if (since) query = query.where('r.local_date', '>=', since);
  if (after) query = query.where('t.response_id', '>', after);
  return (await query.execute()).map((r) => r.response_id);
}

export async function feedbackIdsSince(
  db: Kysely<DB>,
  since: string | undefined,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let query = db.selectFrom('feedback_items').select('id').orderBy('id').limit(limit);
  if (since) query = query.where(sql<string>`(created_at at time zone 'Europe/Helsinki')::date`, '>=', since);
  if (after) query = query.where('id', '>', after);
  return (await query.execute()).map((r) => r.id);
}

export async function countTextsSince(db: Kysely<DB>, since: string | undefined): Promise<number> {
  let responses = db
    .selectFrom('response_texts as t')
    .innerJoin('responses as r', 'r.id', 't.response_id')
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (since) responses = responses.where('r.local_date', '>=', since);
  let feedback = db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n'));
  if (since)
    feedback = feedback.where(sql<string>`(created_at at time zone 'Europe/Helsinki')::date`, '>=', since);
  const [a, b] = await Promise.all([responses.executeTakeFirst(), feedback.executeTakeFirst()]);
  return Number(a?.n ?? 0) + Number(b?.n ?? 0);
}

function resultValues(row: ResultRow) {
  return {
    response_id: isFeedbackRef(row.ref) ? null : row.ref.responseId,
    question_id: isFeedbackRef(row.ref) ? null : row.ref.questionId,
    feedback_id: isFeedbackRef(row.ref) ? row.ref.feedbackId : null,
    unit_id: row.unitId,
    occurred_on: row.occurredOn,
    language: row.language,
    tone: row.tone,
    tone_score: row.toneScore,
    themes: row.themes,
    key_phrases: row.keyPhrases,
    model: row.model,
  };
}

export async function upsertResults(db: Kysely<DB>, rows: ResultRow[]): Promise<void> {
  const responses = rows.filter((r) => !isFeedbackRef(r.ref)).map(resultValues);
  const feedback = rows.filter((r) => isFeedbackRef(r.ref)).map(resultValues);
  const update = {
    unit_id: sql<string | null>`excluded.unit_id`,
    occurred_on: sql<string>`excluded.occurred_on`,
    language: sql<string | null>`excluded.language`,
    tone: sql<ToneColumn>`excluded.tone`,
    tone_score: sql<number>`excluded.tone_score`,
    themes: sql<string[]>`excluded.themes`,
    key_phrases: sql<string[]>`excluded.key_phrases`,
    model: sql<string>`excluded.model`,
    analysed_at: sql<Date>`now()`,
  };
  if (responses.length) {
    await db
      .insertInto('analysis_results')
      .values(responses)
      .onConflict((oc) =>
        oc.columns(['response_id', 'question_id']).where('response_id', 'is not', null).doUpdateSet(update),
      )
      .execute();
  }
  if (feedback.length) {
    await db
      .insertInto('analysis_results')
      .values(feedback)
      .onConflict((oc) => oc.column('feedback_id').where('feedback_id', 'is not', null).doUpdateSet(update))
      .execute();
  }
}

export interface CorrectionRow {
  ref: ItemRef;
  themes: string[] | null;
  tone: ToneColumn | null;
}

export async function correctionsFor(db: Kysely<DB>, refs: ItemRef[]): Promise<CorrectionRow[]> {
  const responseIds = refs
    .filter((r) => !isFeedbackRef(r))
    .map((r) => (r as { responseId: string }).responseId);
  const feedbackIds = refs.filter(isFeedbackRef).map((r) => r.feedbackId);
  if (!responseIds.length && !feedbackIds.length) return [];
  const rows = await db
    .selectFrom('analysis_corrections')
    .select(['response_id', 'question_id', 'feedback_id', 'themes', 'tone'])
    .where((eb) =>
      eb.or([
        ...(responseIds.length ? [eb('response_id', 'in', responseIds)] : []),
        ...(feedbackIds.length ? [eb('feedback_id', 'in', feedbackIds)] : []),
      ]),
    )
    .execute();
  return rows.map(correctionRow);
}

function correctionRow(r: {
  response_id: string | null;
  question_id: string | null;
  feedback_id: string | null;
  themes: string[] | null;
  tone: ToneColumn | null;
}): CorrectionRow {
  return {
    ref: r.feedback_id
      ? { feedbackId: r.feedback_id }
      : { responseId: r.response_id as string, questionId: r.question_id as string },
    themes: r.themes,
    tone: r.tone,
  };
}

/** Stores (replaces) the correction of an item and applies it to the item's result at once. */
export async function saveCorrection(
  db: Kysely<DB>,
  correction: CorrectionRow & { actorId: string | null },
): Promise<void> {
  const { ref } = correction;
  await db.transaction().execute(async (trx) => {
    const values = {
      response_id: isFeedbackRef(ref) ? null : ref.responseId,
      question_id: isFeedbackRef(ref) ? null : ref.questionId,
      feedback_id: isFeedbackRef(ref) ? ref.feedbackId : null,
      themes: correction.themes,
      tone: correction.tone,
      corrected_by: correction.actorId,
    };
    const set = {
      themes: sql<string[] | null>`coalesce(excluded.themes, analysis_corrections.themes)`,
      tone: sql<ToneColumn | null>`coalesce(excluded.tone, analysis_corrections.tone)`,
      corrected_by: sql<string | null>`excluded.corrected_by`,
      corrected_at: sql<Date>`now()`,
    };
    const insert = trx.insertInto('analysis_corrections').values(values);
    await (
      isFeedbackRef(ref)
        ? insert.onConflict((oc) =>
            oc.column('feedback_id').where('feedback_id', 'is not', null).doUpdateSet(set),
          )
        : insert.onConflict((oc) =>
            oc.columns(['response_id', 'question_id']).where('response_id', 'is not', null).doUpdateSet(set),
          )
    ).execute();
    let update = trx.updateTable('analysis_results').set({
      ...(correction.themes ? { themes: correction.themes } : {}),
      ...(correction.tone ? { tone: correction.tone } : {}),
    });
    update = isFeedbackRef(ref)
      ? update.where('feedback_id', '=', ref.feedbackId)
      : update.where('response_id', '=', ref.responseId).where('question_id', '=', ref.questionId);
    await update.execute();
  });
}

/** Corrected items with their redacted texts: the organisation's training data. */
export async function correctedTexts(
  db: Kysely<DB>,
): Promise<(CorrectionRow & { text: string; language: string | null })[]> {
  const responses = await db
    .selectFrom('analysis_corrections as c')
    .innerJoin('response_texts as t', (j) =>
      j.onRef('t.response_id', '=', 'c.response_id').onRef('t.question_id', '=', 'c.question_id'),
    )
    .leftJoin('analysis_results as ar', (j) =>
      j.onRef('ar.response_id', '=', 'c.response_id').onRef('ar.question_id', '=', 'c.question_id'),
    )
    .select([
      'c.response_id',
      'c.question_id',
      'c.feedback_id',
      'c.themes',
      'c.tone',
      't.text_redacted as text',
      't.detected_language as language',
      'ar.themes as predicted',
      'ar.tone as predictedTone',
    ])
    .execute();
  const feedback = await db
    .selectFrom('analysis_corrections as c')
    .innerJoin('feedback_items as f', 'f.id', 'c.feedback_id')
    .leftJoin('analysis_results as ar', 'ar.feedback_id', 'c.feedback_id')
    .select([
      'c.response_id',
      'c.question_id',
      'c.feedback_id',
      'c.themes',
      'c.tone',
      'f.description_redacted as text',
      'f.language',
      'ar.themes as predicted',
      'ar.tone as predictedTone',
    ])
    .execute();
  // A correction of only the tone keeps the predicted themes as its theme labels (and vice versa).
  return [...responses, ...feedback].map((r) => ({
    ...correctionRow({
      ...r,
      themes: r.themes ?? r.predicted ?? [],
      tone: r.tone ?? r.predictedTone ?? null,
    }),
    text: r.text,
    language: r.language,
  }));
}

export async function saveModelRow(
  db: Kysely<DB>,
  row: { model: string; trainingRows: number; corrections: number; cvMacroF1: number | null },
): Promise<number> {
  const inserted = await db
    .insertInto('analysis_models')
    .values({
      model: row.model,
      training_rows: row.trainingRows,
      corrections: row.corrections,
      cv_macro_f1: row.cvMacroF1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function latestModelRow(db: Kysely<DB>): Promise<{ id: number; model: string } | undefined> {
  const row = await db
    .selectFrom('analysis_models')
    .select(['id', 'model'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: Number(row.id), model: row.model } : undefined;
}
