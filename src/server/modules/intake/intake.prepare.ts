import { uuidv7 } from '../../ids.ts';
import type { Insertable } from 'kysely';
import type {
  ResponseContactsTable,
  ResponsesTable,
  ResponseTextOriginalsTable,
  ResponseTextsTable,
} from '../../db/schema.ts';
import { encrypt } from '../../adapters/crypto/data-key.ts';
import { deriveStoredAnswers } from '../../../shared/answers.ts';
import { redactText } from '../../../shared/redaction.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { ContactRequest } from './index.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';

// Turns one accepted submission into the rows that store it: the response with its derived columns, redacted
// texts, encrypted originals (only where redaction changed something) and the encrypted contact. Pure apart from
// the random id and IV, so the live path and bulk loaders store exactly the same thing.

export interface PreparedResponse {
  response: Insertable<ResponsesTable> & { id: string; submission_id: string };
  texts: Insertable<ResponseTextsTable>[];
  originals: Insertable<ResponseTextOriginalsTable>[];
  contact: Insertable<ResponseContactsTable> | null;
}

export interface PrepareInput {
  /** The response id; a fresh uuid when left out. */
  id?: string;
  submissionId: string;
  survey: { surveyId: string; versionId: string; definition: SurveyDefinition };
  unitId: string;
  channel: string;
  language: string;
  /** Answers that passed validateAnswers() (src/shared/answers.ts) for this survey version. */
  answers: Record<string, unknown>;
  submittedAt: Date;
  receivedAt?: Date;
  contact?: ContactRequest | null;
  /** 'repeat': kept but excluded from results (kiosk misuse filter). */
  flag?: 'repeat' | 'test' | null;
  /** Bulk loaders that know the language of their texts may set it; otherwise a job detects it later. */
  detectedLanguage?: string | null;
}

// Reports count days as the units that gave the service do: the Finnish calendar date.
export { helsinkiDate };

export function prepareResponseRows(input: PrepareInput, dataKey: Buffer): PreparedResponse {
  const id = input.id ?? uuidv7();
  const stored = deriveStoredAnswers(input.survey.definition, input.answers);
  const texts: PreparedResponse['texts'] = [];
  const originals: PreparedResponse['originals'] = [];
  for (const { questionId, text } of stored.texts) {
    const redacted = redactText(text);
    texts.push({
      response_id: id,
      question_id: questionId,
      text_redacted: redacted.text,
      redactions: JSON.stringify(redacted.redactions),
      detected_language: input.detectedLanguage ?? null,
    });
    // The original is kept only where it differs, and only encrypted: it may hold an identity code.
    if (redacted.changed)
      originals.push({ response_id: id, question_id: questionId, ciphertext: encrypt(dataKey, text) });
  }
  const contact =
    input.contact && Object.keys(input.contact).length > 0
      ? { response_id: id, ciphertext: encrypt(dataKey, JSON.stringify(input.contact)) }
      : null;
  return {
    response: {
      id,
      submission_id: input.submissionId,
      survey_id: input.survey.surveyId,
      survey_version_id: input.survey.versionId,
      unit_id: input.unitId,
      channel: input.channel,
      language: input.language,
      respondent_type: stored.respondentType,
      age_group: stored.ageGroup,
      recommendation: stored.recommendation,
      answers: JSON.stringify(stored.answers),
      submitted_at: input.submittedAt,
      received_at: input.receivedAt ?? new Date(),
      local_date: helsinkiDate(input.submittedAt),
      flag: input.flag ?? null,
    },
    texts,
    originals,
    contact,
  };
}
