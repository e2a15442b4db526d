// Shared set-up for the analysis tests that run the whole app (dashboard panel, integration, similarity): a
// free-text comment stored as a response with its text. Signed-in staff users come from staff.testing.ts.
import { randomUUID } from 'node:crypto';
import type { TestKuulo } from '../../testing/kuulo.ts';

export interface TestComment {
  unitId: string;
  text: string;
  /** The Finnish calendar day it was given on (default 2026-10-15). */
  day?: string;
  flag?: 'test' | null;
}

/** Stores a response to the first current survey with the text as its `comment`; returns the response id. */
export async function insertComment(t: TestKuulo, comment: TestComment): Promise<string> {
  const db = t.kuulo.database.db;
  const day = comment.day ?? '2026-10-15';
  const survey = await db
    .selectFrom('surveys')
    .select(['id', 'current_version_id'])
    .where('current_version_id', 'is not', null)
    .limit(1)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('responses')
    .values({
      id,
      submission_id: randomUUID(),
      survey_id: survey.id,
      survey_version_id: survey.current_version_id as string,
      unit_id: comment.unitId,
      channel: 'web',
      language: 'fi',
      answers: JSON.stringify({ comment: comment.text }),
      submitted_at: `${day}T10:00:00Z`,
      local_date: day,
      flag: comment.flag ?? null,
    })
    .execute();
  await db
    .insertInto('response_texts')
    .values({ response_id: id, question_id: 'comment', text_redacted: comment.text })
    .execute();
  return id;
}
