import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { encrypt } from '../../adapters/crypto/data-key.ts';
import type { IncomingSms } from '../../adapters/sms/sms-gateway.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveysService, SurveyVersionView } from '../surveys/index.ts';
import { decide, type Decision } from './eligibility.policy.ts';
import { normalisePhone, personHash } from './phone.ts';
import { parseReply } from './reply-parser.ts';
import * as repo from './sms.repository.ts';
import { mergeSettings, type SmsSettings, type SmsSettingsPatch } from './sms.settings.ts';
import { checkVisitEvents, type VisitEvent, type VisitEventInput } from './visit-event.ts';
import type { AcceptResult, EventOutcome, LinkSubmission, OpenedLink, ReplyOutcome } from './index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A personal link and a reply request are valid this long after sending. */
export const INVITATION_VALID_DAYS = 7;
export const MAX_EVENTS_PER_BATCH = 5000;

export interface SmsServiceDeps {
  db: Kysely<DB>;
  dataKey: Buffer;
  intake: IntakeService;
  surveys: SurveysService;
  organisation: OrganisationService;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Answers for a survey's recommendation and first free-text question (the SMS reply carries only these). */
export function replyAnswers(
  definition: SurveyVersionView['definition'],
  score: number | undefined,
  comment: string | undefined,
) {
  const recommendation = definition.questions.find((q) => q.type === 'recommendation');
  const freeText = definition.questions.find((q) => q.type === 'free_text');
  const answers: Record<string, unknown> = {};
  if (recommendation && score !== undefined) answers[recommendation.id] = score;
  if (freeText && comment !== undefined) answers[freeText.id] = comment.slice(0, 2000);
  return answers;
}

export function createSmsService(deps: SmsServiceDeps) {
  const { db, dataKey } = deps;

  async function surveyFor(
    slug: string,
    unitId: string,
    memo: Map<string, string | null>,
  ): Promise<string | null> {
    const key = `${slug}|${unitId}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    const survey = await deps.surveys.getCurrent(slug);
    const published = survey ? await deps.surveys.isPublished(survey.surveyId, unitId, 'sms') : false;
    const value = survey && published ? survey.surveyId : null;
    memo.set(key, value);
    return value;
  }

  async function acceptEvents(
    inputs: readonly VisitEventInput[],
    source: 'api' | 'csv' | 'fhir',
    options: { now?: Date; lines?: number[] } = {},
  ): Promise<AcceptResult> {
    const now = options.now ?? deps.now();
    if (inputs.length > MAX_EVENTS_PER_BATCH)
      throw new ValidationError('too_many_events', 'sms.too_many_events', { max: MAX_EVENTS_PER_BATCH });
    const lines = options.lines;
    const events = checkVisitEvents(inputs, lines ? (i) => ({ line: lines[i] ?? i + 1 }) : undefined);
    const existing = await repo.existingEventIds(
      db,
      events.map((e) => e.eventId),
    );
    const fresh = events
      .filter((e) => !existing.has(e.eventId))
      .sort((a, b) => a.visitAt.getTime() - b.visitAt.getTime());
    const units = await repo.resolveUnits(db, [...new Set(fresh.map((e) => e.unitRef))]);
    const unitIds = [...new Set([...units.values()])];
    const chains = await repo.settingsChains(db, unitIds);
    const hashes = new Map<string, Buffer>();
    for (const e of fresh)
      if (e.phone && !hashes.has(e.phone)) hashes.set(e.phone, personHash(dataKey, e.phone));
    const earliest = Math.min(now.getTime(), ...fresh.map((e) => e.visitAt.getTime()));
    const history = await repo.personHistory(db, [...hashes.values()], new Date(earliest - 366 * DAY_MS));

    // Which survey each unit's invitations use, looked up once per distinct unit and all at once (the surveys
    // module caches these for 5 s; on PostgreSQL the cold lookups run side by side on the pool).
    const memo = new Map<string, string | null>();
    const settingsOf = new Map(unitIds.map((id) => [id, mergeSettings(chains.get(id) ?? [])]));
    await Promise.all([...settingsOf].map(([id, settings]) => surveyFor(settings.survey, id, memo)));
    const eventRows: repo.EventRow[] = [];
    const invitations: repo.InvitationRow[] = [];
    const outcomes = new Map<string, EventOutcome>();
    for (const event of fresh) {
      const unitId = units.get(event.unitRef);
      const hash = event.phone ? hashes.get(event.phone) : undefined;
      const hex = hash?.toString('hex');
      const settings = (unitId && settingsOf.get(unitId)) || mergeSettings([]);
      const surveyId = unitId ? (memo.get(`${settings.survey}|${unitId}`) ?? null) : null;
      const decision: Decision = unitId
        ? decide(
            event,
            settings,
            {
              optedOut: hex ? history.optedOut.has(hex) : false,
              lastVisitAtUnit: hex ? history.visits.get(hex)?.get(unitId) : undefined,
              lastSurveyAt: hex ? history.surveys.get(hex) : undefined,
              surveyPublished: surveyId !== null,
            },
            now,
          )
        : { eligible: false, reason: 'unit_unknown' };
      eventRows.push(eventRow(event, unitId ?? null, hash ?? null, source, decision));
      if (hex && unitId) rememberVisit(history, hex, unitId, event.visitAt);
      if (decision.eligible && hash && event.phone && unitId && surveyId) {
        if (hex) history.surveys.set(hex, now);
        invitations.push(invitationRow(event, unitId, surveyId, hash, settings, decision.sendAfter));
        outcomes.set(event.eventId, {
          eventId: event.eventId,
          decision: 'invited',
          sendAfter: decision.sendAfter.toISOString(),
        });
      } else if (!decision.eligible) {
        outcomes.set(event.eventId, {
          eventId: event.eventId,
          decision: 'ineligible',
          reason: decision.reason,
        });
      }
    }

    const inserted = await db.transaction().execute(async (trx) => {
      const ids = await repo.insertEvents(trx, eventRows, now);
      // A concurrent request may have stored the same event first: it made the decision, this one makes none.
      await repo.insertInvitations(
        trx,
        invitations.filter((i) => ids.has(i.eventId)),
        now,
      );
      return ids;
    });
    const result: AcceptResult = {
      received: inputs.length,
      duplicates: 0,
      invited: 0,
      ineligible: 0,
      reasons: {},
      events: [],
    };
    for (const event of events) {
      const outcome = inserted.has(event.eventId) ? outcomes.get(event.eventId) : undefined;
      if (!outcome) {
        result.duplicates++;
        result.events.push({ eventId: event.eventId, decision: 'duplicate' });
        continue;
      }
      result.events.push(outcome);
      if (outcome.decision === 'invited') result.invited++;
      else {
        result.ineligible++;
        const reason = outcome.reason ?? 'unknown';
        result.reasons[reason] = (result.reasons[reason] ?? 0) + 1;
      }
    }
    deps.logger.info(
      { received: result.received, invited: result.invited, source },
      'sms visit events accepted',
    );
    return result;
  }

  function eventRow(
    event: VisitEvent,
    unitId: string | null,
    hash: Buffer | null,
    source: 'api' | 'csv' | 'fhir',
    decision: Decision,
  ): repo.EventRow {
    return {
      eventId: event.eventId,
      unitId,
      visitAt: event.visitAt,
      visitType: event.visitType,
      language: event.language,
      personHash: hash,
      source,
      decision: decision.eligible ? 'invited' : 'ineligible',
      reason: decision.eligible ? null : decision.reason,
    };
  }

  function invitationRow(
    event: VisitEvent,
    unitId: string,
    surveyId: string,
    hash: Buffer,
    settings: SmsSettings,
    sendAfter: Date,
  ): repo.InvitationRow {
    return {
      id: randomUUID(),
      eventId: event.eventId,
      unitId,
      surveyId,
      personHash: hash,
      phoneCiphertext: encrypt(dataKey, event.phone ?? ''),
      language: event.language,
      mode: settings.mode,
      windowStartHour: settings.windowStartHour,
      windowEndHour: settings.windowEndHour,
      sendAfter,
    };
  }

  function rememberVisit(history: repo.PersonHistory, hex: string, unitId: string, at: Date) {
    const visits = history.visits.get(hex) ?? new Map<string, Date>();
    const before = visits.get(unitId);
    if (!before || before < at) visits.set(unitId, at);
    history.visits.set(hex, visits);
  }

  /** An SMS from a phone: a stop word opts out; a score and/or comment answers the latest reply invitation. */
  async function receiveSms(sms: IncomingSms): Promise<ReplyOutcome> {
    const phone = normalisePhone(sms.from);
    if (!phone) return 'ignored';
    const hash = personHash(dataKey, phone);
    const parsed = parseReply(sms.text);
    if (parsed.kind === 'stop') {
      await repo.optOut(db, hash, sms.receivedAt);
      deps.logger.info('sms opt-out recorded');
      return 'opted_out';
    }
    if (parsed.kind === 'empty') return 'ignored';
    const since = new Date(sms.receivedAt.getTime() - INVITATION_VALID_DAYS * DAY_MS);
    const invitation = await repo.latestReplyInvitation(db, hash, since);
    if (!invitation) return 'no_invitation';
    if (invitation.answered_at || !(await repo.claimAnswer(db, invitation.id, sms.receivedAt)))
      return 'duplicate';
    const survey = await deps.surveys.getCurrent(invitation.survey_id);
    const answers = survey ? replyAnswers(survey.definition, parsed.score, parsed.comment) : {};
    try {
      const stored = await deps.intake.submit(
        {
          // The invitation id: a reply that arrives twice is stored once.
          submissionId: invitation.id,
          survey: invitation.survey_id,
          unit: invitation.unit_id,
          channel: 'sms',
          language: invitation.language,
          answers,
          submittedAt: sms.receivedAt.toISOString(),
        },
        { clientKey: `sms:${invitation.id}`, lang: asLanguage(invitation.language) },
      );
      await repo.setResponse(db, invitation.id, stored.id);
      return 'stored';
    } catch (error) {
      await repo.releaseAnswer(db, invitation.id);
      if (error instanceof ValidationError || error instanceof NotFoundError) {
        deps.logger.info({ invitationId: invitation.id, code: error.code }, 'sms reply not stored');
        return 'rejected';
      }
      throw error;
    }
  }

  async function openLink(token: string, now = deps.now()): Promise<OpenedLink> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { state: 'not_found' };
    const invitation = await repo.findByToken(db, tokenHash(token));
    if (!invitation) return { state: 'not_found' };
    const [survey, unit] = await Promise.all([
      deps.surveys.getCurrent(invitation.survey_id),
      deps.organisation.getUnit(invitation.unit_id),
    ]);
    if (!survey || !unit) return { state: 'not_found' };
    const base = { invitationId: invitation.id, survey, unit, language: asLanguage(invitation.language) };
    if (invitation.answered_at) return { state: 'answered', ...base };
    if (!invitation.expires_at || invitation.expires_at <= now) return { state: 'expired', ...base };
    return { state: 'open', ...base };
  }

  /** Stores the web answer given through a personal link, once: the token is spent by the first success. */
  async function submitLink(token: string, input: LinkSubmission) {
    const now = deps.now();
    const opened = await openLink(token, now);
    if (opened.state !== 'open') return { outcome: opened.state } as const;
    if (!(await repo.claimAnswer(db, opened.invitationId, now))) return { outcome: 'answered' } as const;
    try {
      const stored = await deps.intake.submit(
        {
          submissionId: input.submissionId,
          survey: opened.survey.surveyId,
          unit: opened.unit.id,
          channel: 'sms',
          language: input.language,
          answers: input.answers,
          ...(input.contact && { contact: input.contact }),
        },
        { clientKey: input.clientKey, lang: input.language },
      );
      await repo.setResponse(db, opened.invitationId, stored.id);
      return { outcome: 'stored' } as const;
    } catch (error) {
      await repo.releaseAnswer(db, opened.invitationId);
      throw error;
    }
  }

  async function createIntegrationKey(
    name: string,
    actorId: string | null,
  ): Promise<{ id: string; key: string }> {
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 100)
      throw new ValidationError('invalid_key_name', 'sms.invalid_key_name');
    const key = `kuulo_sms_${randomBytes(32).toString('base64url')}`;
    const id = await repo.insertIntegrationKey(db, { name: trimmed, keyHash: tokenHash(key), actorId });
    await deps.audit.record({
      actorId,
      action: 'sms.integration_key_created',
      targetType: 'sms_integration_key',
      targetId: id,
    });
    return { id, key };
  }

  /** The integration key's id and name, or undefined for an unknown or revoked key (any module may ask). */
  async function verifyIntegrationKey(key: string): Promise<{ keyId: string; name: string } | undefined> {
    if (typeof key !== 'string' || key.length < 10 || key.length > 200) return undefined;
    const found = await repo.findIntegrationKey(db, tokenHash(key));
    return found && { keyId: found.id, name: found.name };
  }

  async function authenticate(key: string | undefined): Promise<string> {
    const found = key ? await verifyIntegrationKey(key) : undefined;
    if (!found) throw new UnauthorizedError('invalid_api_key', 'sms.invalid_api_key');
    return found.keyId;
  }

  async function effectiveSettings(unitId: string | null): Promise<SmsSettings> {
    if (unitId === null) return mergeSettings([(await repo.getSettingsRow(db, null)) ?? {}]);
    return mergeSettings((await repo.settingsChains(db, [unitId])).get(unitId) ?? []);
  }

  async function saveSettings(
    unitId: string | null,
    patch: SmsSettingsPatch,
    actorId: string | null,
  ): Promise<void> {
    if (unitId !== null && !(await deps.organisation.getUnit(unitId)))
      throw new ValidationError('unknown_unit', 'sms.unknown_unit');
    if (unitId !== null && patch.dailyLimit !== undefined && patch.dailyLimit !== null)
      throw new ForbiddenError('daily_limit_organisation_only', 'sms.daily_limit_organisation_only');
    const merged = mergeSettings([(await effectiveSettings(unitId)) as SmsSettingsPatch, patch]);
    if (merged.windowStartHour >= merged.windowEndHour)
      throw new ValidationError('invalid_window', 'sms.invalid_window');
    if (patch.survey && !(await deps.surveys.getCurrent(patch.survey)))
      throw new ValidationError('unknown_survey', 'sms.unknown_survey');
    await repo.upsertSettings(db, unitId, patch, actorId, deps.now());
    await deps.audit.record({
      actorId,
      action: 'sms.settings_changed',
      targetType: 'org_unit',
      targetId: unitId,
    });
  }

  return {
    acceptEvents,
    receiveSms,
    openLink,
    submitLink,
    createIntegrationKey,
    authenticate,
    verifyIntegrationKey,
    effectiveSettings,
    saveSettings,
    ownSettings: (unitId: string | null) => repo.getSettingsRow(db, unitId),
    optOutCount: () => repo.countOptOuts(db),
    deadLetters: (limit = 100) => repo.listDeadLetters(db, limit),
    countByStatus: () => repo.countByStatus(db),
    sentOn: (day: string) => repo.dailySent(db, day),
  };
}

export type SmsService = ReturnType<typeof createSmsService>;

function asLanguage(value: string): 'fi' | 'sv' | 'en' {
  return value === 'sv' || value === 'en' ? value : 'fi';
}
