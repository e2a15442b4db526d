import { Type } from '@sinclair/typebox';
import QRCode from 'qrcode';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveyAdministration } from '../surveys/index.ts';
import { staffViewer, type StaffAuth, type StaffPrincipal } from '../staff/index.ts';
import type { FieldError } from '../../../web/staff/layout.ts';
import {
  EMPTY_FORM,
  renderCodePage,
  renderDevicePage,
  renderKiosksPage,
  type KioskForm,
  type KioskRow,
} from '../../../web/staff/kiosks/kiosks-page.ts';
import type { DeviceSettings, DeviceView, EnrolCode, KioskService } from './index.ts';

// Coordinators (and administrators) manage the devices of their own subtree; every route checks the device's
// unit on the server.
const ROLES = ['admin', 'coordinator'] as const;

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Query = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 8 })),
  saved: Type.Optional(Type.String({ maxLength: 2 })),
});
const FormBody = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })]),
  { maxProperties: 30 },
);
type Form = Record<string, string | string[]>;

const FIELD_OF: Record<string, keyof KioskForm> = {
  name_invalid: 'name',
  unit_not_found: 'unitId',
  survey_not_found: 'survey',
  main_question_invalid: 'mainQuestion',
  follow_up_invalid: 'followUpQuestion',
  free_text_invalid: 'freeTextQuestion',
  languages_invalid: 'languages',
  reset_seconds_invalid: 'resetSeconds',
  thanks_seconds_invalid: 'thanksSeconds',
  repeat_interval_invalid: 'repeatSeconds',
  silent_after_invalid: 'silentAfterMinutes',
  opening_hours_invalid: 'opens',
};

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function formOf(body: Form): KioskForm {
  return {
    name: one(body.name),
    unitId: one(body.unitId),
    survey: one(body.survey),
    mainQuestion: one(body.mainQuestion),
    followUpQuestion: one(body.followUpQuestion),
    freeTextQuestion: one(body.freeTextQuestion),
    languages: list(body.languages),
    resetSeconds: one(body.resetSeconds),
    thanksSeconds: one(body.thanksSeconds),
    repeatSeconds: one(body.repeatSeconds),
    silentAfterMinutes: one(body.silentAfterMinutes),
    days: list(body.days),
    opens: one(body.opens),
    closes: one(body.closes),
  };
}

const num = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));

function settingsOf(form: KioskForm): DeviceSettings {
  return {
    name: form.name,
    unitId: form.unitId,
    survey: form.survey,
    mainQuestion: form.mainQuestion || null,
    followUpQuestion: form.followUpQuestion || null,
    freeTextQuestion: form.freeTextQuestion || null,
    languages: form.languages as DeviceSettings['languages'],
    resetSeconds: num(form.resetSeconds),
    thanksSeconds: num(form.thanksSeconds),
    repeatIntervalMs: Math.round(num(form.repeatSeconds) * 1000),
    silentAfterMinutes: num(form.silentAfterMinutes),
    openingHours: { days: form.days.map(Number), opens: form.opens.trim(), closes: form.closes.trim() },
  };
}

function formOfDevice(d: DeviceView, surveySlug: string): KioskForm {
  return {
    name: d.name,
    unitId: d.unitId,
    survey: surveySlug,
    mainQuestion: d.mainQuestion,
    followUpQuestion: d.followUpQuestion ?? '',
    freeTextQuestion: d.freeTextQuestion ?? '',
    languages: d.languages,
    resetSeconds: String(d.resetSeconds),
    thanksSeconds: String(d.thanksSeconds),
    repeatSeconds: String(d.repeatIntervalMs / 1000),
    silentAfterMinutes: String(d.silentAfterMinutes),
    days: d.openingHours.days.map(String),
    opens: d.openingHours.opens,
    closes: d.openingHours.closes,
  };
}

export function kioskStaffRoutes(deps: {
  config: Config;
  auth: StaffAuth;
  service: KioskService;
  organisation: OrganisationService;
  surveys: Pick<SurveyAdministration, 'listSurveys'>;
}) {
  const { auth, service, organisation } = deps;

  async function mayManage(principal: StaffPrincipal, unitId: string): Promise<boolean> {
    const ancestors = (await organisation.ancestors(unitId)).map((u) => u.id);
    return auth.hasRoleFor(principal, [...ROLES], ancestors.length > 0 ? ancestors : [unitId]);
  }

  async function surveyChoices(lang: Language) {
    const surveys = await deps.surveys.listSurveys();
    return surveys
      .filter((s) => !s.archived && s.versionId)
      .map((s) => ({
        value: s.slug,
        label: s.title ? ((s.title as Record<string, string>)[lang] ?? s.slug) : s.slug,
      }));
  }

  async function rowOf(
    d: DeviceView,
    lang: Language,
  ): Promise<KioskRow & { enrolCodeExpiresAt: Date | null }> {
    const unit = await organisation.getUnit(d.unitId);
    const name = unit ? ((lang === 'fi' ? unit.names.fi : unit.names[lang]) ?? unit.names.fi) : d.unitId;
    return {
      id: d.id,
      name: d.name,
      unitName: name,
      state: d.state,
      lastContactAt: d.lastContactAt,
      queueLength: d.queueLength,
      appVersion: d.appVersion,
      answers: d.answers,
      repeats: d.repeats,
      rejected: d.rejectedCount,
      alertSince: d.alert ? (d.alert.silentSince ?? d.alert.raisedAt) : null,
      enrolCodeExpiresAt: d.enrolCodeExpiresAt,
    };
  }

  function send(reply: FastifyReply, body: { value: string }, status = 200): FastifyReply {
    reply.header('cache-control', 'no-store');
    return reply.status(status).type('text/html; charset=utf-8').send(body.value);
  }

  function fieldErrors(error: unknown, lang: Language): FieldError[] {
    if (!(error instanceof DomainError) || error instanceof ForbiddenError) throw error;
    const field = FIELD_OF[error.code] ?? 'name';
    return [{ field, message: t(lang)(error.messageKey, error.params) }];
  }

  async function deviceFor(request: FastifyRequest<{ Params: { id: string } }>): Promise<DeviceView> {
    const device = await service.getDevice(request.params.id);
    if (!device) throw new NotFoundError('device_not_found', 'kiosk.error_device_not_found');
    if (!request.staff || !(await mayManage(request.staff, device.unitId)))
      throw new ForbiddenError('forbidden', 'kiosk.error_forbidden');
    return device;
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: KioskForm,
    errors: FieldError[],
  ) {
    const principal = request.staff as StaffPrincipal;
    const lang = request.lang;
    const rows: KioskRow[] = [];
    for (const device of await service.listDevices())
      if (await mayManage(principal, device.unitId)) rows.push(await rowOf(device, lang));
    const page = renderKiosksPage({
      lang,
      viewer: staffViewer(principal),
      rows,
      form,
      errors,
      surveys: await surveyChoices(lang),
    });
    return send(reply, page, errors.length > 0 ? 400 : 200);
  }

  async function codePage(request: FastifyRequest, reply: FastifyReply, device: DeviceView, code: EnrolCode) {
    const enrolUrl = `${deps.config.publicUrl}/kiosk?code=${code.code}`;
    const qrSvg = await QRCode.toString(enrolUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const page = renderCodePage({
      lang: request.lang,
      viewer: staffViewer(request.staff as StaffPrincipal),
      deviceId: device.id,
      deviceName: device.name,
      code: code.code,
      expiresAt: code.expiresAt,
      enrolUrl,
      qrSvg: qrSvg.replace('<svg ', `<svg role="img" aria-label="${t(request.lang)('kiosk.code_qr_alt')}" `),
    });
    return send(reply, page);
  }

  async function devicePage(
    request: FastifyRequest,
    reply: FastifyReply,
    device: DeviceView,
    form: KioskForm | undefined,
    errors: FieldError[],
    saved = false,
  ) {
    const lang = request.lang;
    const surveys = await surveyChoices(lang);
    const slug =
      (await deps.surveys.listSurveys()).find((s) => s.id === device.surveyId)?.slug ?? device.surveyId;
    const page = renderDevicePage({
      lang,
      viewer: staffViewer(request.staff as StaffPrincipal),
      device: await rowOf(device, lang),
      form: form ?? formOfDevice(device, slug),
      errors,
      surveys,
      saved,
    });
    return send(reply, page, errors.length > 0 ? 400 : 200);
  }

  return (app: HttpApp) => {
    const guard = auth.requireStaff({ roles: [...ROLES] });

    app.get('/staff/kiosks', { schema: { querystring: Query }, preHandler: guard }, (request, reply) =>
      listPage(request, reply, EMPTY_FORM, []),
    );

    app.post<{ Body: Form }>(
      '/staff/kiosks',
      { schema: { querystring: Query, body: FormBody }, preValidation: guard },
      async (request, reply) => {
        const form = formOf(request.body);
        const principal = request.staff as StaffPrincipal;
        if (
          form.unitId &&
          (await organisation.getUnit(form.unitId)) &&
          !(await mayManage(principal, form.unitId))
        )
          throw new ForbiddenError('forbidden', 'kiosk.error_forbidden');
        try {
          const created = await service.createDevice(settingsOf(form), principal.userId);
          return codePage(request, reply, created.device, created.code);
        } catch (error) {
          return listPage(request, reply, form, fieldErrors(error, request.lang));
        }
      },
    );

    app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
      '/staff/kiosks/:id',
      { schema: { params: Params, querystring: Query }, preHandler: guard },
      async (request, reply) =>
        devicePage(request, reply, await deviceFor(request), undefined, [], request.query.saved === '1'),
    );

    app.post<{ Params: { id: string }; Body: Form }>(
      '/staff/kiosks/:id',
      { schema: { params: Params, querystring: Query, body: FormBody }, preValidation: guard },
      async (request, reply) => {
        const device = await deviceFor(request);
        const form = formOf(request.body);
        const principal = request.staff as StaffPrincipal;
        if (
          form.unitId !== device.unitId &&
          (await organisation.getUnit(form.unitId)) &&
          !(await mayManage(principal, form.unitId))
        )
          throw new ForbiddenError('forbidden', 'kiosk.error_forbidden');
        try {
          await service.updateDevice(device.id, settingsOf(form), principal.userId);
          return reply.redirect(`/staff/kiosks/${device.id}?lang=${request.lang}&saved=1`, 303);
        } catch (error) {
          return devicePage(request, reply, device, form, fieldErrors(error, request.lang));
        }
      },
    );

    app.post<{ Params: { id: string } }>(
      '/staff/kiosks/:id/code',
      { schema: { params: Params, querystring: Query }, preValidation: guard },
      async (request, reply) => {
        const device = await deviceFor(request);
        const code = await service.newEnrolCode(device.id, (request.staff as StaffPrincipal).userId);
        return codePage(request, reply, device, code);
      },
    );

    app.post<{ Params: { id: string } }>(
      '/staff/kiosks/:id/revoke',
      { schema: { params: Params, querystring: Query }, preValidation: guard },
      async (request, reply) => {
        const device = await deviceFor(request);
        await service.revoke(device.id, (request.staff as StaffPrincipal).userId);
        return reply.redirect(`/staff/kiosks/${device.id}?lang=${request.lang}&saved=1`, 303);
      },
    );
  };
}
