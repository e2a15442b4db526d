import { Type, type Static } from '@sinclair/typebox';
import { LocalizedText, Question, SurveyDefinition } from '../../../shared/survey-definition.ts';

// Response schemas of the public survey API: they document /api/openapi.json and shape serialisation.

const Uuid = Type.String({ format: 'uuid' });

export const SurveyParams = Type.Object({
  slug: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'The survey slug (e.g. thl-national) or id',
  }),
});

export const PublicSurvey = Type.Object({
  id: Uuid,
  slug: Type.String(),
  template: Type.Union([Type.String(), Type.Null()]),
  versionId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  title: LocalizedText,
  intro: Type.Union([LocalizedText, Type.Null()]),
  thankYou: LocalizedText,
  audience: SurveyDefinition.properties.audience,
  scales: SurveyDefinition.properties.scales,
  questions: Type.Array(Question),
});
export type PublicSurvey = Static<typeof PublicSurvey>;

export const SurveyListItem = Type.Object({
  id: Uuid,
  slug: Type.String(),
  template: Type.Union([Type.String(), Type.Null()]),
  title: LocalizedText,
  versionId: Uuid,
  version: Type.Integer({ minimum: 1 }),
});

export const SurveyList = Type.Object({ surveys: Type.Array(SurveyListItem) });
export type SurveyList = Static<typeof SurveyList>;

export const ApiError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
