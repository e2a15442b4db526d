// Staff routes besides the dashboard itself: the quarterly review (HTML and PDF), the national data set, and a
// unit's public results page settings ("what we changed" entries, the embed snippet).
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { isLanguage } from '../../../shared/languages.ts';
import { renderNationalPage } from '../../../web/staff/dashboard/national-page.ts';
import { renderPublicPage, type PublicPageModel } from '../../../web/staff/dashboard/public-page.ts';
import type { FieldError } from '../../../web/staff/layout.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import type { ChangesService } from './changes.service.ts';
import type { DashboardService } from './dashboard.service.ts';
import { nationalCsv, nationalJson } from './national.format.ts';
import type { NationalExportService } from './national.service.ts';
import type { QuarterlyService } from './quarterly.service.ts';
import { CHANGE_ROLES, DASHBOARD_ROLES, NATIONAL_ROLES, isGlobal, mayRead } from './reports.scope.ts';
import { fileSafe, helsinkiToday, langOf, principalOf } from './staff-request.ts';
import { unitName } from './unit-names.ts';

const QuarterlyQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 64 })),
  quarter: Type.String({ maxLength: 10 }),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});
const NationalQuery = Type.Object({
  month: Type.Optional(Type.String({ maxLength: 10 })),
  format: Type.Optional(Type.String({ maxLength: 10 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});
const UnitQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 64 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const ChangeForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  fi: Type.Optional(Type.String({ maxLength: 4000 })),
  sv: Type.Optional(Type.String({ maxLength: 4000 })),
  en: Type.Optional(Type.String({ maxLength: 4000 })),
  date: Type.Optional(Type.String({ maxLength: 20 })),
});
const ChangeParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

function previousMonth(today: string): string {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
}

export function reportsStaffRoutes(deps: {
  auth: StaffAuth;
  dashboard: DashboardService;
  quarterly: QuarterlyService;
  national: NationalExportService;
  changes: ChangesService;
  publicUrl: string;
  now: () => Date;
}): RouteRegistrar {
  const { auth, dashboard } = deps;
  const readGuard = auth.requireStaff({ roles: [...DASHBOARD_ROLES] });
  const nationalGuard = auth.requireStaff({ roles: [...NATIONAL_ROLES] });
  const hidden = { hide: true };

  function assertNational(principal: StaffPrincipal): void {
    if (!isGlobal(principal, NATIONAL_ROLES)) throw new ForbiddenError('forbidden', 'errors.forbidden');
  }

  return (app: HttpApp) => {
    for (const format of ['html', 'pdf'] as const) {
      const path = format === 'html' ? '/staff/dashboard/quarterly' : '/staff/dashboard/quarterly.pdf';
      app.get(
        path,
        { preHandler: readGuard, schema: { ...hidden, querystring: QuarterlyQuery } },
        async (request, reply) => {
          const principal = principalOf(request);
          const query = request.query as { unit?: string; quarter: string };
          const lang = langOf(request, principal);
          const unitId = query.unit || (await dashboard.defaultUnit(principal));
          await dashboard.authorise(principal, unitId);
          const input = { unitId, quarter: query.quarter.toUpperCase(), lang };
          if (format === 'html')
            return reply.type('text/html; charset=utf-8').send(await deps.quarterly.html(input));
          const pdf = await deps.quarterly.pdf(input);
          return reply
            .type('application/pdf')
            .header(
              'content-disposition',
              `attachment; filename="kuulo-${fileSafe(unitId)}-${fileSafe(input.quarter)}-${lang}.pdf"`,
            )
            .send(pdf);
        },
      );
    }

    app.get(
      '/staff/national-export',
      { preHandler: nationalGuard, schema: { ...hidden, querystring: NationalQuery } },
      async (request, reply) => {
        const principal = principalOf(request);
        assertNational(principal);
        const lang = langOf(request, principal);
        const month = (request.query as { month?: string }).month ?? previousMonth(helsinkiToday(deps.now()));
        return reply
          .type('text/html; charset=utf-8')
          .send(renderNationalPage({ lang, viewer: staffViewer(principal), month }).value);
      },
    );

    app.get(
      '/staff/national-export/download',
      { preHandler: nationalGuard, schema: { ...hidden, querystring: NationalQuery } },
      async (request, reply) => {
        const principal = principalOf(request);
        assertNational(principal);
        const query = request.query as { month?: string; format?: string };
        const format = query.format ?? 'csv';
        if (format !== 'csv' && format !== 'json')
          throw new ValidationError('invalid_format', 'reports.invalid_format', { formats: 'csv, json' });
        const set = await deps.national.build(query.month ?? '');
        const name = `kuulo-national-${set.month}.${format}`;
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(format === 'csv' ? nationalCsv(set) : nationalJson(set));
      },
    );

    async function sendPublicPage(
      request: FastifyRequest,
      reply: FastifyReply,
      form: { errors: FieldError[]; values: PublicPageModel['values'] } | null,
    ) {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const query = request.query as { unit?: string; done?: string };
      const unitId = query.unit || (await dashboard.defaultUnit(principal));
      const { unit, chain } = await dashboard.authorise(principal, unitId);
      const model: PublicPageModel = {
        lang,
        viewer: staffViewer(principal),
        unit: { id: unit.id, name: unitName(unit.names, lang) },
        publicUrl: deps.publicUrl,
        changes: (await deps.changes.list(unit.id, lang, 50)).map((c) => ({
          id: c.id,
          date: c.changedOn,
          text: c.text,
        })),
        canChange: mayRead(
          principal,
          CHANGE_ROLES,
          chain.map((c) => c.unit.id),
        ),
        errors: form?.errors ?? [],
        values: form?.values ?? { fi: '', sv: '', en: '', date: helsinkiToday(deps.now()) },
        notice:
          query.done === 'added' || query.done === 'removed'
            ? t(lang)(`dashboard.changes_${query.done}`)
            : null,
      };
      return reply
        .status(form ? 400 : 200)
        .type('text/html; charset=utf-8')
        .send(renderPublicPage(model).value);
    }

    app.get(
      '/staff/dashboard/public',
      { preHandler: readGuard, schema: { ...hidden, querystring: UnitQuery } },
      async (request, reply) => sendPublicPage(request, reply, null),
    );

    const changeGuard = auth.requireStaff({ roles: [...CHANGE_ROLES] });
    app.post(
      '/staff/dashboard/public/changes',
      { preValidation: changeGuard, schema: { ...hidden, querystring: UnitQuery, body: ChangeForm } },
      async (request, reply) => {
        const principal = principalOf(request);
        const lang = langOf(request, principal);
        const unitId = (request.query as { unit?: string }).unit ?? '';
        const body = request.body as { fi?: string; sv?: string; en?: string; date?: string };
        const values = { fi: body.fi ?? '', sv: body.sv ?? '', en: body.en ?? '', date: body.date ?? '' };
        try {
          await deps.changes.add(
            { unitId, fi: values.fi, sv: values.sv, en: values.en, changedOn: values.date },
            principal,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const field = error.code === 'invalid_date' ? 'date' : 'fi';
          return sendPublicPage(request, reply, {
            errors: [{ field, message: t(lang)(error.messageKey, error.params) }],
            values,
          });
        }
        return reply.redirect(
          `/staff/dashboard/public?unit=${encodeURIComponent(unitId)}&lang=${isLanguage(lang) ? lang : 'fi'}&done=added`,
          303,
        );
      },
    );

    app.post(
      '/staff/dashboard/public/changes/:id/remove',
      {
        preValidation: changeGuard,
        schema: { ...hidden, querystring: UnitQuery, params: ChangeParams, body: ChangeForm },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const lang = langOf(request, principal);
        await deps.changes.remove((request.params as { id: string }).id, principal);
        const unitId = (request.query as { unit?: string }).unit ?? '';
        return reply.redirect(
          `/staff/dashboard/public?unit=${encodeURIComponent(unitId)}&lang=${lang}&done=removed`,
          303,
        );
      },
    );
  };
}
