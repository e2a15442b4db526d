import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AnswerValue } from '../../../shared/survey-definition.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { ContactRequest, IntakeService } from '../intake/index.ts';
import type { OrgUnit, OrganisationService, UnitSearchHit } from '../organisation/index.ts';
import type { SurveyVersionView } from '../surveys/index.ts';
import type { ShortLinkService, WebSurveyDeps } from './index.ts';

export type OpenedSurvey =
  | { state: 'not_found' }
  | { state: 'closed'; survey: SurveyVersionView | undefined; unit: OrgUnit }
  | { state: 'open'; code: string; survey: SurveyVersionView; unit: OrgUnit };

/** A problem with one answer as intake reported it; question is a question id, 'contact.email', or undefined. */
export interface AnswerProblem {
  question: string | undefined;
  code: string;
  /** Intake's message in the request's language. */
  message: string | undefined;
}

export type SubmitOutcome =
  | { outcome: 'stored'; created: boolean }
  | { outcome: 'rejected'; problems: AnswerProblem[] }
  | { outcome: 'closed' };

export interface SubmitInput {
  submissionId: string;
  language: Language;
  answers: Record<string, AnswerValue>;
  contact: ContactRequest | undefined;
  clientKey: string;
}

export interface PublishedSurvey {
  survey: SurveyVersionView;
  code: string;
  channels: Channel[];
}

function problemsOf(error: ValidationError): AnswerProblem[] {
  const details = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const problems = details.flatMap((detail) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const d = detail as Record<string, unknown>;
    const question = d.question ?? d.field;
    return [
      {
        question: typeof question === 'string' ? question : undefined,
        code: typeof d.code === 'string' ? d.code : error.code,
        message: typeof d.message === 'string' ? d.message : undefined,
      },
    ];
  });
  return problems.length > 0 ? problems : [{ question: undefined, code: error.code, message: undefined }];
}

export function createWebSurveyService(deps: {
  links: ShortLinkService;
  surveys: WebSurveyDeps['surveys'];
  organisation: OrganisationService;
  intake: IntakeService;
}) {
  const { links, surveys, organisation, intake } = deps;

  async function open(code: string, channel: Channel): Promise<OpenedSurvey> {
    const link = await links.resolve(code);
    if (!link) return { state: 'not_found' };
    const [unit, survey] = await Promise.all([
      organisation.getUnit(link.unitId),
      surveys.getCurrent(link.surveyId),
    ]);
    if (!unit) return { state: 'not_found' };
    if (!survey || !(await surveys.isPublished(link.surveyId, link.unitId, channel)))
      return { state: 'closed', survey, unit };
    return { state: 'open', code: code.trim().toLowerCase(), survey, unit };
  }

  /** Every survey answerable at the unit in one of the channels, with the unit's code (created when missing). */
  async function publishedAt(unitId: string, channels: Channel[]): Promise<PublishedSurvey[]> {
    const candidates = (await surveys.listSurveys()).filter((s) => !s.archived).map((s) => s.id);
    const found = await Promise.all(
      candidates.map(async (surveyId) => {
        const openIn = (
          await Promise.all(
            channels.map(async (c) => ((await surveys.isPublished(surveyId, unitId, c)) ? c : null)),
          )
        ).filter((c): c is Channel => c !== null);
        if (openIn.length === 0) return undefined;
        const survey = await surveys.getCurrent(surveyId);
        if (!survey) return undefined;
        return { survey, code: await links.codeFor(surveyId, unitId), channels: openIn };
      }),
    );
    return found
      .filter((s): s is PublishedSurvey => s !== undefined)
      .sort((a, b) => a.survey.slug.localeCompare(b.survey.slug));
  }

  return {
    open,
    publishedAt,

    async submit(
      opened: Extract<OpenedSurvey, { state: 'open' }>,
      channel: Channel,
      input: SubmitInput,
    ): Promise<SubmitOutcome> {
      try {
        const result = await intake.submit(
          {
            submissionId: input.submissionId,
            survey: opened.survey.surveyId,
            unit: opened.unit.id,
            channel,
            language: input.language,
            answers: input.answers,
            ...(input.contact && { contact: input.contact }),
          },
          { clientKey: input.clientKey, lang: input.language },
        );
        return { outcome: 'stored', created: result.created };
      } catch (error) {
        if (error instanceof ValidationError) return { outcome: 'rejected', problems: problemsOf(error) };
        // The survey was unpublished or the unit closed between showing the form and sending it.
        if (error instanceof NotFoundError) return { outcome: 'closed' };
        throw error;
      }
    },

    /** Units whose name (in any language) or OID matches; one more than the limit tells that there are more. */
    async searchUnits(text: string, limit: number): Promise<{ hits: UnitSearchHit[]; more: boolean }> {
      if (text.trim().length < 2) return { hits: [], more: false };
      const hits = await organisation.searchUnits(text, { limit: limit + 1 });
      return { hits: hits.slice(0, limit), more: hits.length > limit };
    },
  };
}

export type WebSurveyService = ReturnType<typeof createWebSurveyService>;
