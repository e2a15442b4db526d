// Bulk loader for the demo's synthetic responses: multi-row INSERTs of 1,000 rows inside one transaction, so a
// failed seeding leaves no half-loaded responses behind. The demo writes responses directly (not through intake)
// because 50,000 single submissions would take minutes; the rows have exactly intake's shape.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DemoResponse } from './demo.responses.ts';

export const CHUNK_ROWS = 1000;
const SETTINGS_KEY = 'demo';

export interface DemoMarker {
  seededAt: string;
  seed: number;
  responses: number;
}

export function createDemoRepository(db: Kysely<DB>) {
  async function insertChunk(trx: Kysely<DB>, chunk: DemoResponse[]): Promise<void> {
    await trx
      .insertInto('responses')
      .values(
        chunk.map((r) => ({
          id: r.id,
          submission_id: r.submissionId,
          survey_id: r.surveyId,
          survey_version_id: r.versionId,
          unit_id: r.unitId,
          channel: r.channel,
          language: r.language,
          respondent_type: r.respondentType,
          age_group: r.ageGroup,
          recommendation: r.recommendation,
          answers: JSON.stringify(r.answers),
          submitted_at: r.submittedAt,
          received_at: r.receivedAt,
          local_date: r.localDate,
        })),
      )
      .execute();
    const texts = chunk.flatMap((r) =>
      r.texts.map((t) => ({
        response_id: r.id,
        question_id: t.questionId,
        text_redacted: t.textRedacted,
        redactions: JSON.stringify(t.redactions),
        detected_language: t.language,
      })),
    );
    if (texts.length > 0) await trx.insertInto('response_texts').values(texts).execute();
  }

  return {
    async hasAnyUnits(): Promise<boolean> {
      const row = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /** Loads every response the iterator yields; calls onChunk after each chunk with the running total. */
    async insertResponses(
      responses: Iterable<DemoResponse>,
      marker: DemoMarker,
      onChunk: (done: number) => void,
    ): Promise<number> {
      return db.transaction().execute(async (trx) => {
        let done = 0;
        let chunk: DemoResponse[] = [];
        for (const response of responses) {
          chunk.push(response);
          if (chunk.length < CHUNK_ROWS) continue;
          await insertChunk(trx, chunk);
          done += chunk.length;
          chunk = [];
          onChunk(done);
        }
        if (chunk.length > 0) {
          await insertChunk(trx, chunk);
          done += chunk.length;
          onChunk(done);
        }
        await trx
          .insertInto('settings')
          .values({ key: SETTINGS_KEY, value: JSON.stringify(marker) })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: JSON.stringify(marker), updated_at: new Date() }),
          )
          .execute();
        return done;
      });
    },
  };
}

export type DemoRepository = ReturnType<typeof createDemoRepository>;
