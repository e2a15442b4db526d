import { Type, type Static } from '@sinclair/typebox';
import { CHANNELS } from '../../../shared/channels.ts';

// The HTTP shape of POST /api/v1/responses: validates requests and documents /api/openapi.json. Answers are
// checked against the survey version by the service, which can say which question is wrong and why.

export const SubmissionBody = Type.Object(
  {
    submissionId: Type.String({
      format: 'uuid',
      description: 'Made by the client once per submission; sending it again stores nothing new.',
    }),
    survey: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Survey slug (e.g. thl-national) or id',
    }),
    unit: Type.String({ minLength: 1, maxLength: 64, description: 'Organisation unit id' }),
    channel: Type.Union(
      CHANNELS.map((c) => Type.Literal(c)),
      { description: 'The channel the answer came through' },
    ),
    language: Type.String({
      minLength: 2,
      maxLength: 16,
      description: 'A language the survey version has: fi, sv, en or e.g. fi-plain',
    }),
    answers: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
      maxProperties: 100,
      description:
        'Question id → answer: recommendation 0–10, statement 1–5 or "cant_say", smiley 1–4, ' +
        'single choice an option id, multiple choice an array of option ids, free text a string. ' +
        'null, "" and [] mean not answered.',
    }),
    submittedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'When the respondent answered (ISO 8601 with a time zone); at most 5 min ahead, 400 days old',
      }),
    ),
    contact: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 200 })),
          email: Type.Optional(Type.String({ maxLength: 254 })),
          phone: Type.Optional(Type.String({ maxLength: 40 })),
        },
        {
          additionalProperties: false,
          description: '"Contact me": stored encrypted apart from the answers, never returned',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SubmissionBody = Static<typeof SubmissionBody>;

export const SubmissionCreated = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ApiError = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine-readable reason, e.g. invalid_answers' }),
    message: Type.String({ description: "In the request's language (Accept-Language or ?lang=)" }),
    details: Type.Optional(Type.Unknown()),
  }),
});
