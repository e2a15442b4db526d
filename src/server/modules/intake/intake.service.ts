import { ValidationError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { validateAnswers, type AnswerProblem } from '../../../shared/answers.ts';
import type { Language } from '../../../shared/languages.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type {
  IntakeService,
  SubmissionContext,
  SubmissionInput,
  SubmissionProblem,
  SubmissionResult,
} from './index.ts';
import { checkEnvelope, checkLanguage } from './intake.envelope.ts';
import type { RateLimiter } from './intake.rate-limit.ts';
import type { Resolver } from './intake.resolve.ts';
import { checkContact, type ContactProblem } from './intake.contact.ts';
import { prepareResponseRows } from './intake.prepare.ts';
import type { ResponseStore } from './intake.store.ts';

// The pipeline, step by step (docs/intake.md). Each step throws a domain error with a stable code; nothing is
// written before the last step, and the last step writes everything in one transaction.

export interface IntakeServiceDeps {
  limiter: RateLimiter;
  resolver: Resolver;
  store: ResponseStore;
  dataKey: Buffer;
  now: () => Date;
}

function answerProblems(
  definition: SurveyDefinition,
  problems: AnswerProblem[],
  lang: Language,
): SubmissionProblem[] {
  const questions = new Map(definition.questions.map((q) => [q.id, q]));
  return problems.map(({ questionId, code }) => {
    const question = questions.get(questionId);
    const max =
      question?.type === 'free_text'
        ? question.maxLength
        : question?.type === 'multiple_choice'
          ? (question.maxSelections ?? question.options.length)
          : 0;
    return { question: questionId, code, message: t(lang)(`intake.answer_${code}`, { max }) };
  });
}

const CONTACT_LIMITS = { name: 200, email: 254, phone: 40 };

function contactProblems(problems: ContactProblem[], lang: Language): SubmissionProblem[] {
  return problems.map(({ field, code }) => ({
    question: `contact.${field}`,
    code,
    message: t(lang)(`intake.contact_${code}`, { max: CONTACT_LIMITS[field] }),
  }));
}

export function createIntakeService(deps: IntakeServiceDeps): IntakeService {
  // A repeat that arrives while the first is still being written waits for it instead of racing it.
  const inFlight = new Map<string, Promise<SubmissionResult>>();

  async function store(input: SubmissionInput, prepared: Parameters<ResponseStore['store']>[0]) {
    const key = input.submissionId.toLowerCase();
    const earlier = inFlight.get(key);
    if (earlier) {
      const first = await earlier.catch(() => undefined);
      // If the first attempt failed, this one is a fresh attempt of its own.
      if (first) return { id: first.id, created: false };
    }
    const pending = deps.store.store(prepared);
    inFlight.set(key, pending);
    try {
      return await pending;
    } finally {
      if (inFlight.get(key) === pending) inFlight.delete(key);
    }
  }

  async function submit(input: SubmissionInput, context: SubmissionContext): Promise<SubmissionResult> {
    const lang = context.lang ?? 'fi';
    const receivedAt = deps.now();
    // 1. validate the envelope, 2. rate-limit
    const answeredAt = checkEnvelope(input, receivedAt);
    deps.limiter.take(context.clientKey);
    // 3. resolve what the submission refers to
    const survey = await deps.resolver.survey(input.survey);
    checkLanguage(survey.definition, input.language);
    const unit = await deps.resolver.unit(input.unit, answeredAt);
    await deps.resolver.assertPublished(survey.surveyId, unit.id, input.channel);
    // 4. validate answers and contact details
    const problems = validateAnswers(survey.definition, input.answers);
    if (problems.length > 0) {
      const details = answerProblems(survey.definition, problems, lang);
      throw new ValidationError('invalid_answers', 'intake.invalid_answers', {}, details);
    }
    const contact = checkContact(input.contact);
    if (contact.problems.length > 0) {
      const details = contactProblems(contact.problems, lang);
      throw new ValidationError('invalid_contact', 'intake.invalid_contact', {}, details);
    }
    // 5. redact (and encrypt originals), 6. persist and enqueue; deduplication happens in both 6 and store()
    const prepared = prepareResponseRows(
      {
        submissionId: input.submissionId.toLowerCase(),
        survey,
        unitId: unit.id,
        channel: input.channel,
        language: input.language,
        answers: input.answers,
        submittedAt: answeredAt,
        receivedAt,
        contact: contact.contact,
        flag: input.flag ?? null,
      },
      deps.dataKey,
    );
    return store(input, prepared);
  }

  // Shutting down waits for submissions already under way, so none is cut off between its steps.
  const active = new Set<Promise<unknown>>();
  let closed = false;

  return {
    submit(input, context) {
      if (closed) return Promise.reject(new Error('intake is closed'));
      const running = submit(input, context);
      const tracked = running.catch(() => undefined).finally(() => active.delete(tracked));
      active.add(tracked);
      return running;
    },
    async close() {
      closed = true;
      await Promise.all(active);
      await deps.store.close();
    },
  };
}
