import {
  DomainError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../../errors.ts';
import QRCode from 'qrcode';
import { t } from '../../../i18n/index.ts';
import { isLanguage, LANGUAGES, type Language } from '../../../shared/languages.ts';
import type {
  AnswerResult,
  DeviceConfig,
  DeviceSettings,
  DeviceView,
  EnrolCode,
  KioskDeps,
  KioskService,
  OpeningHours,
} from './index.ts';
import type { DeviceColumns, DeviceRow, KioskRepository } from './kiosk.repository.ts';
import { buildDeviceConfig, chooseQuestions } from './kiosk.device-config.ts';
import { newDeviceToken, newEnrolCode, normaliseEnrolCode, sha256 } from './kiosk.tokens.ts';
import { DEFAULT_OPENING_HOURS, isTime, silentSince } from './kiosk.hours.ts';
import { createAlertMailer } from './kiosk.alerts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENROL_ATTEMPTS_PER_10_MIN = 20;

function invalid(code: string, params: Record<string, string | number> = {}): ValidationError {
  return new ValidationError(code, `kiosk.error_${code}`, params);
}

function deviceNotFound(): NotFoundError {
  return new NotFoundError('device_not_found', 'kiosk.error_device_not_found');
}

function inRange(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  code: string,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(code, { min, max });
  return v;
}

function hoursOf(row: DeviceRow): OpeningHours {
  return { days: row.opening_days, opens: row.opens_at, closes: row.closes_at };
}

function stateOf(row: DeviceRow): DeviceView['state'] {
  if (row.token_hash) return 'enrolled';
  return row.revoked_at ? 'revoked' : 'waiting';
}

export interface KioskServiceDeps extends Omit<KioskDeps, 'db' | 'routes' | 'auth' | 'jobs' | 'options'> {
  repository: KioskRepository;
  now: () => Date;
  enrolCodeMinutes: number;
}

export function createKioskService(deps: KioskServiceDeps): KioskService {
  const { repository, now } = deps;
  const enrolAttempts = new Map<string, { count: number; since: number }>();
  const alerts = createAlertMailer(deps);

  async function columnsOf(settings: DeviceSettings, actorId: string | null): Promise<DeviceColumns> {
    const name = (settings.name ?? '').trim();
    if (name.length < 1 || name.length > 100) throw invalid('name_invalid');
    const unit =
      typeof settings.unitId === 'string'
        ? await deps.organisation.getUnit(settings.unitId.trim())
        : undefined;
    if (!unit) throw invalid('unit_not_found');
    const survey = settings.survey ? await deps.surveys.getCurrent(settings.survey.trim()) : undefined;
    if (!survey) throw invalid('survey_not_found');
    const questions = chooseQuestions(survey.definition, {
      main: settings.mainQuestion?.trim() || null,
      followUp: settings.followUpQuestion?.trim() || null,
      freeText: settings.freeTextQuestion?.trim() || null,
    });
    const languages = [...new Set(settings.languages ?? LANGUAGES)];
    if (languages.length === 0 || !languages.every(isLanguage)) throw invalid('languages_invalid');
    const hours = settings.openingHours ?? DEFAULT_OPENING_HOURS;
    const days = [...new Set(hours.days)].sort();
    if (
      !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) ||
      !isTime(hours.opens) ||
      !isTime(hours.closes)
    )
      throw invalid('opening_hours_invalid');
    if (hours.opens >= hours.closes) throw invalid('opening_hours_invalid');
    // A kiosk answers through intake, which accepts only surveys published in the kiosk channel at the unit.
    if (!(await deps.surveys.isPublished(survey.surveyId, unit.id, 'kiosk'))) {
      await deps.surveys.publish({
        surveyId: survey.surveyId,
        unitId: unit.id,
        includeSubtree: false,
        channels: ['kiosk'],
        actorId,
      });
    }
    return {
      unit_id: unit.id,
      name,
      survey_id: survey.surveyId,
      main_question: questions.main,
      follow_up_question: questions.followUp,
      free_text_question: questions.freeText,
      languages,
      reset_seconds: inRange(settings.resetSeconds, 20, 5, 600, 'reset_seconds_invalid'),
      thanks_seconds: inRange(settings.thanksSeconds, 3, 1, 60, 'thanks_seconds_invalid'),
      repeat_interval_ms: inRange(settings.repeatIntervalMs, 5000, 0, 600_000, 'repeat_interval_invalid'),
      silent_after_minutes: inRange(settings.silentAfterMinutes, 60, 5, 10_080, 'silent_after_invalid'),
      opening_days: days,
      opens_at: hours.opens,
      closes_at: hours.closes,
    };
  }

  function codeExpiry(): Date {
    return new Date(now().getTime() + deps.enrolCodeMinutes * 60_000);
  }

  async function toViews(rows: DeviceRow[]): Promise<DeviceView[]> {
    const counts = await repository.counts();
    const open = await repository.openAlerts();
    return rows.map((row) => {
      const alert = open.get(row.id);
      const count = counts.get(row.id) ?? { answers: 0, repeats: 0 };
      return {
        id: row.id,
        name: row.name,
        unitId: row.unit_id,
        surveyId: row.survey_id,
        mainQuestion: row.main_question,
        followUpQuestion: row.follow_up_question,
        freeTextQuestion: row.free_text_question,
        languages: row.languages as Language[],
        resetSeconds: row.reset_seconds,
        thanksSeconds: row.thanks_seconds,
        repeatIntervalMs: row.repeat_interval_ms,
        silentAfterMinutes: row.silent_after_minutes,
        openingHours: hoursOf(row),
        configVersion: row.config_version,
        state: stateOf(row),
        enrolCodeExpiresAt: row.enrol_code_expires_at,
        enrolledAt: row.enrolled_at,
        lastContactAt: row.last_contact_at,
        queueLength: row.queue_length,
        appVersion: row.app_version,
        rejectedCount: row.rejected_count,
        answers: count.answers,
        repeats: count.repeats,
        alert: alert ? { raisedAt: alert.raisedAt, silentSince: alert.silentSince } : null,
      };
    });
  }

  async function getDevice(id: string): Promise<DeviceView | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await repository.device(id);
    return row ? (await toViews([row]))[0] : undefined;
  }

  async function config(deviceId: string): Promise<DeviceConfig> {
    const device = await repository.device(deviceId);
    if (!device) throw deviceNotFound();
    const survey = await deps.surveys.getCurrent(device.survey_id);
    if (!survey) throw new NotFoundError('survey_not_found', 'kiosk.error_survey_not_found');
    const unit = await deps.organisation.getUnit(device.unit_id);
    const unitNames = unit?.names ?? { fi: device.unit_id, sv: null, en: null };
    let qr: DeviceConfig['qr'] = null;
    if (await deps.surveys.isPublished(survey.surveyId, device.unit_id, 'qr')) {
      const code = await deps.links.codeFor(survey.surveyId, device.unit_id);
      const url = `${deps.config.publicUrl}/q/${code}`;
      // Inline, so the device shows it offline too.
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      qr = { url, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
    }
    // The survey's version is part of the device's version: a new survey text reaches the device too.
    const built = buildDeviceConfig({ device, definition: survey.definition, unitNames, qr });
    return { ...built, version: device.config_version * 100_000 + survey.version };
  }

  function takeEnrolAttempt(clientKey: string): void {
    const at = now().getTime();
    const entry = enrolAttempts.get(clientKey);
    if (!entry || at - entry.since > 600_000) {
      if (enrolAttempts.size > 10_000) enrolAttempts.clear();
      enrolAttempts.set(clientKey, { count: 1, since: at });
      return;
    }
    entry.count += 1;
    if (entry.count > ENROL_ATTEMPTS_PER_10_MIN)
      throw new RateLimitedError(
        'rate_limited',
        'errors.rate_limited',
        Math.ceil((entry.since + 600_000 - at) / 1000),
      );
  }

  function resultOf(submissionId: string, error: unknown, lang: Language): AnswerResult {
    if (error instanceof RateLimitedError || !(error instanceof DomainError)) {
      if (!(error instanceof DomainError))
        deps.logger.warn({ err: error }, 'kiosk answer failed, device retries');
      return {
        submissionId,
        status: 'retry',
        code: error instanceof DomainError ? error.code : 'internal_error',
      };
    }
    return {
      submissionId,
      status: 'rejected',
      code: error.code,
      message: t(lang)(error.messageKey, error.params),
    };
  }

  return {
    async createDevice(settings, actorId) {
      const columns = await columnsOf(settings, actorId);
      const code = newEnrolCode();
      const expiresAt = codeExpiry();
      const row = await repository.insertDevice({
        ...columns,
        enrol_code_hash: sha256(code),
        enrol_code_expires_at: expiresAt,
        created_by: actorId,
      });
      await deps.audit.record({
        actorId,
        action: 'kiosk.device_created',
        targetType: 'kiosk_device',
        targetId: row.id,
      });
      const device = (await toViews([row]))[0] as DeviceView;
      return { device, code: { code, expiresAt } };
    },

    async updateDevice(id, settings, actorId) {
      if (!UUID.test(id)) throw deviceNotFound();
      const row = await repository.updateDevice(id, await columnsOf(settings, actorId));
      if (!row) throw deviceNotFound();
      await deps.audit.record({
        actorId,
        action: 'kiosk.device_updated',
        targetType: 'kiosk_device',
        targetId: id,
      });
      return (await toViews([row]))[0] as DeviceView;
    },

    async newEnrolCode(id, actorId): Promise<EnrolCode> {
      const code = newEnrolCode();
      const expiresAt = codeExpiry();
      if (!UUID.test(id) || !(await repository.setEnrolCode(id, sha256(code), expiresAt)))
        throw deviceNotFound();
      await deps.audit.record({
        actorId,
        action: 'kiosk.enrol_code_created',
        targetType: 'kiosk_device',
        targetId: id,
      });
      return { code, expiresAt };
    },

    async revoke(id, actorId) {
      if (!UUID.test(id) || !(await repository.revoke(id, now()))) throw deviceNotFound();
      await repository.resolveAlert(id, now());
      await deps.audit.record({
        actorId,
        action: 'kiosk.device_revoked',
        targetType: 'kiosk_device',
        targetId: id,
      });
    },

    getDevice,

    async listDevices() {
      return toViews(await repository.devices());
    },

    async enrol(code, report, clientKey = 'unknown') {
      takeEnrolAttempt(clientKey);
      const normalised = typeof code === 'string' ? normaliseEnrolCode(code) : undefined;
      const token = newDeviceToken();
      const row = normalised && (await repository.redeemEnrolCode(sha256(normalised), sha256(token), now()));
      if (!row) throw new UnauthorizedError('enrol_code_invalid', 'kiosk.error_enrol_code_invalid');
      await repository.touchByToken(
        sha256(token),
        { queueLength: report.queueLength ?? null, appVersion: report.appVersion ?? null },
        now(),
      );
      await deps.audit.record({
        actorId: null,
        action: 'kiosk.device_enrolled',
        targetType: 'kiosk_device',
        targetId: row.id,
      });
      return { token, config: await config(row.id) };
    },

    async authenticate(token, report) {
      const id =
        typeof token === 'string' && token.length >= 20 && token.length <= 100
          ? await repository.touchByToken(
              sha256(token),
              { queueLength: report.queueLength ?? null, appVersion: report.appVersion ?? null },
              now(),
            )
          : undefined;
      if (!id) throw new UnauthorizedError('device_unknown', 'kiosk.error_device_unknown');
      return { deviceId: id };
    },

    config,

    async submitAnswers(deviceId, answers, lang, queueLength) {
      const device = await repository.device(deviceId);
      if (!device) throw deviceNotFound();
      // All at once: intake's batcher writes them in one transaction, and each keeps its own result.
      const results = await Promise.all(
        answers.map((answer) =>
          deps.intake
            .submit(
              {
                submissionId: answer.submissionId,
                survey: device.survey_id,
                unit: device.unit_id,
                channel: 'kiosk',
                language: answer.language,
                answers: answer.answers,
                submittedAt: answer.answeredAt,
                ...(answer.repeat === true ? { flag: 'repeat' as const } : {}),
              },
              { clientKey: `kiosk:${deviceId}`, lang },
            )
            .then(
              (stored): AnswerResult & { responseId?: string } => ({
                submissionId: answer.submissionId,
                status: stored.created ? 'stored' : 'duplicate',
                responseId: stored.id,
              }),
              (error: unknown): AnswerResult => resultOf(answer.submissionId, error, lang),
            ),
        ),
      );
      const links = results.flatMap((result, i) => {
        const answer = answers[i];
        if (!('responseId' in result) || !result.responseId || !answer) return [];
        return [
          {
            responseId: result.responseId,
            deviceId,
            repeat: answer.repeat === true,
            answeredAt: new Date(answer.answeredAt),
          },
        ];
      });
      await repository.linkAnswers(links);
      await repository.addRejected(deviceId, results.filter((r) => r.status === 'rejected').length);
      if (queueLength !== undefined) {
        const settled = results.filter((r) => r.status !== 'retry').length;
        await repository.setQueueLength(deviceId, Math.max(0, queueLength - settled));
      }
      return results.map(({ submissionId, status, code, message }) => ({
        submissionId,
        status,
        ...(code ? { code } : {}),
        ...(message ? { message } : {}),
      }));
    },

    async checkDevices() {
      const at = now();
      const open = await repository.openAlerts();
      let raised = 0;
      for (const device of await repository.devices()) {
        const last = device.last_contact_at ?? device.enrolled_at;
        if (!device.token_hash || !last) {
          if (open.has(device.id)) await repository.resolveAlert(device.id, at);
          continue;
        }
        const since = silentSince(hoursOf(device), last, at);
        const silent =
          since !== undefined && at.getTime() - since.getTime() >= device.silent_after_minutes * 60_000;
        if (!silent || open.has(device.id)) continue;
        const alertId = await repository.raiseAlert(device.id, last, at);
        if (alertId === undefined) continue;
        raised += 1;
        deps.logger.info({ deviceId: device.id, alertId }, 'kiosk device silent');
        if (await alerts.send(device, last)) await repository.markEmailed(alertId, now());
      }
      return raised;
    },
  };
}
