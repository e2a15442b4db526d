import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { DomainError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { renderSmsPage } from '../../../web/staff/sms/sms-page.ts';
import { unitName } from '../../../web/citizen/text.ts';
import type { OrganisationService } from '../organisation/index.ts';
import { staffViewer, type StaffAuth, type StaffPrincipal } from '../staff/index.ts';
import type { SmsService } from './sms.service.ts';
import type { SmsSettingsPatch } from './sms.settings.ts';
import { parseVisitEventsCsv } from './visit-events.csv.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';

// /staff/sms for coordinators and administrators. Organisation-wide settings and CSV uploads need the role
// without a unit restriction; subtree settings need it at the unit or above; dead letters are shown for the
// units the viewer holds the role for.

const ROLES = ['admin', 'coordinator'] as const;
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  unit: Type.Optional(Type.String({ maxLength: 64 })),
});
const SettingsBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    unit: Type.Optional(Type.String({ maxLength: 64 })),
    enabled: Type.Optional(Type.String({ maxLength: 4 })),
    min_age: Type.Optional(Type.String({ maxLength: 6 })),
    require_consent: Type.Optional(Type.String({ maxLength: 4 })),
    follow_up_days: Type.Optional(Type.String({ maxLength: 6 })),
    per_person_days: Type.Optional(Type.String({ maxLength: 6 })),
    window_start_hour: Type.Optional(Type.String({ maxLength: 4 })),
    window_end_hour: Type.Optional(Type.String({ maxLength: 4 })),
    mode: Type.Optional(Type.Union([Type.Literal('link'), Type.Literal('reply')])),
    survey: Type.Optional(Type.String({ maxLength: 64 })),
    daily_limit: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const UploadBody = Type.Object(
  { _csrf: Type.Optional(Type.String()), csv: Type.String({ maxLength: 2_000_000 }) },
  { additionalProperties: false },
);

type SettingsForm = Partial<Record<string, string>>;

function intField(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : Number.NaN;
}

export function smsStaffRoutes(deps: {
  service: SmsService;
  auth: StaffAuth;
  organisation: OrganisationService;
}) {
  async function canActOn(principal: StaffPrincipal, unitId: string | null): Promise<boolean> {
    if (unitId === null) return deps.auth.hasRoleFor(principal, [...ROLES], []);
    const ancestors = await deps.organisation.ancestors(unitId);
    return deps.auth.hasRoleFor(
      principal,
      [...ROLES],
      ancestors.map((u) => u.id),
    );
  }

  async function show(
    request: FastifyRequest<{ Querystring: { unit?: string } }>,
    reply: FastifyReply,
    extra: { notice?: string; errors?: string[]; status?: number; unitId?: string | null } = {},
  ) {
    const principal = request.staff as StaffPrincipal;
    const lang = request.lang;
    const requested = extra.unitId !== undefined ? extra.unitId : request.query.unit?.trim() || null;
    // A unit outside the viewer's subtree shows the organisation instead: its settings are not theirs to see.
    const unitId =
      requested && (await deps.organisation.getUnit(requested)) && (await canActOn(principal, requested))
        ? requested
        : null;
    const [settings, organisation, counts, optOuts, dead] = await Promise.all([
      deps.service.effectiveSettings(unitId),
      deps.service.effectiveSettings(null),
      deps.service.countByStatus(),
      deps.service.optOutCount(),
      deps.service.deadLetters(200),
    ]);
    const names = new Map<string, string>();
    const visible = [];
    for (const d of dead) {
      if (!names.has(d.unit_id)) {
        const unit = await deps.organisation.getUnit(d.unit_id);
        names.set(
          d.unit_id,
          (await canActOn(principal, d.unit_id)) && unit ? unitName(unit.names, lang) : '',
        );
      }
      const name = names.get(d.unit_id);
      if (name)
        visible.push({
          eventId: d.event_id,
          unitName: name,
          attempts: d.attempts,
          error: d.last_error,
          createdAt: d.created_at,
        });
    }
    const body = renderSmsPage({
      lang,
      viewer: staffViewer(principal),
      counts,
      optOuts,
      sentToday: await deps.service.sentOn(helsinkiDate(new Date())),
      settings: { ...settings, dailyLimit: organisation.dailyLimit },
      unitId,
      canEditOrganisation: deps.auth.hasRoleFor(principal, [...ROLES], []),
      deadLetters: visible,
      ...(extra.notice && { notice: extra.notice }),
      ...(extra.errors && { errors: extra.errors }),
    });
    reply.header('cache-control', 'no-store');
    return reply
      .status(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(body.value);
  }

  return (app: HttpApp) => {
    app.get<{ Querystring: { unit?: string } }>(
      '/staff/sms',
      { schema: { querystring: PageQuery }, preHandler: deps.auth.requireStaff({ roles: [...ROLES] }) },
      async (request, reply) => show(request, reply),
    );

    app.post<{ Querystring: { unit?: string }; Body: SettingsForm }>(
      '/staff/sms/settings',
      {
        schema: { querystring: PageQuery, body: SettingsBody },
        preValidation: deps.auth.requireStaff({ roles: [...ROLES] }),
      },
      async (request, reply) => {
        const tr = t(request.lang);
        const principal = request.staff as StaffPrincipal;
        const body = request.body;
        const unitId = body.unit?.trim() || null;
        if (!(await canActOn(principal, unitId)))
          return show(request, reply, { errors: [tr('sms.forbidden_scope')], status: 403, unitId: null });
        const patch: SmsSettingsPatch = {
          enabled: body.enabled === '1',
          minAge: intField(body.min_age, 0, 120),
          requireConsent: body.require_consent === '1',
          followUpDays: intField(body.follow_up_days, 0, 365),
          perPersonDays: intField(body.per_person_days, 0, 365),
          windowStartHour: intField(body.window_start_hour, 0, 23),
          windowEndHour: intField(body.window_end_hour, 1, 24),
          mode: body.mode === 'link' || body.mode === 'reply' ? body.mode : undefined,
          survey: body.survey?.trim() || undefined,
          ...(unitId === null && { dailyLimit: intField(body.daily_limit, 0, 10_000_000) }),
        };
        if (Object.values(patch).some((v) => typeof v === 'number' && Number.isNaN(v)))
          return show(request, reply, { errors: [tr('sms.invalid_number')], status: 400, unitId });
        try {
          await deps.service.saveSettings(unitId, patch, principal.userId);
        } catch (error) {
          if (error instanceof DomainError)
            return show(request, reply, {
              errors: [tr(error.messageKey, error.params)],
              status: 400,
              unitId,
            });
          throw error;
        }
        return show(request, reply, { notice: tr('sms.settings_saved'), unitId });
      },
    );

    app.post<{ Querystring: { unit?: string }; Body: { csv: string } }>(
      '/staff/sms/visit-events',
      {
        schema: { querystring: PageQuery, body: UploadBody },
        bodyLimit: 3 * 1024 * 1024,
        preValidation: deps.auth.requireStaff({ roles: [...ROLES] }),
      },
      async (request, reply) => {
        const tr = t(request.lang);
        const principal = request.staff as StaffPrincipal;
        if (!deps.auth.hasRoleFor(principal, [...ROLES], []))
          return show(request, reply, { errors: [tr('sms.forbidden_scope')], status: 403 });
        try {
          const { events, lines } = parseVisitEventsCsv(request.body.csv);
          const result = await deps.service.acceptEvents(events, 'csv', { lines });
          return show(request, reply, {
            notice: tr('sms.upload_done', {
              received: result.received,
              invited: result.invited,
              ineligible: result.ineligible,
              duplicates: result.duplicates,
            }),
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const details = Array.isArray(error.details)
            ? (error.details as { line?: number; field: string; code: string }[])
            : [];
          const errors = details.length
            ? details.slice(0, 50).map((d) =>
                tr('sms.csv_line_error', {
                  line: d.line ?? 0,
                  field: d.field,
                  problem: tr(`sms.problem_${d.code}`),
                }),
              )
            : [tr(error.messageKey, error.params)];
          return show(request, reply, { errors, status: 400 });
        }
      },
    );
  };
}
