import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { defineJob } from '../../jobs/index.ts';
import { listTextsWithoutLanguage, setDetectedLanguages } from './intake.repository.ts';
import { detectLanguage } from './intake.language.ts';

// Later work that intake enqueues atomically with the responses (intake.store.ts writes the queue row in the same
// statement). Payloads carry ids, never text.

export const DETECT_LANGUAGE_JOB = 'intake.detect-language';
export const DETECT_LANGUAGE_MAX_ATTEMPTS = 3;

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const DetectLanguagePayload = Type.Object(
  { responseIds: Type.Array(Type.String({ pattern: UUID_PATTERN }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

/** Sets response_texts.detected_language for the responses' free texts that have none yet. */
export function detectLanguageJob(db: Kysely<DB>) {
  return defineJob({
    name: DETECT_LANGUAGE_JOB,
    payload: DetectLanguagePayload,
    maxAttempts: DETECT_LANGUAGE_MAX_ATTEMPTS,
    async handler({ responseIds }) {
      const texts = await listTextsWithoutLanguage(db, responseIds);
      const detected: { responseId: string; questionId: string; language: string }[] = [];
      for (const text of texts) {
        const language = await detectLanguage(text.text);
        if (language) detected.push({ responseId: text.responseId, questionId: text.questionId, language });
      }
      await setDetectedLanguages(db, detected);
    },
  });
}
