// Import in the staff UI: the same service as the CLI. "Check" is a dry run; "Apply" posts the same content again
// and the service checks it once more inside the applying transaction. Each changed unit must be in the person's
// subtree, so a coordinator of one service area can import only that area.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { renderImportPage } from '../../../web/staff/organisation/import-page.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { FullOrganisationService } from './index.ts';
import { ORGANISATION_ROLES, canChangeUnit } from './organisation.policy.ts';
import { langOf, principalOf, viewerOf } from './units-staff.routes.ts';

/** A pasted file of ~10,000 units is about 1.5 MB; the default body limit is 64 KB. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

const ImportForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Union([Type.Literal('csv'), Type.Literal('json')]),
  content: Type.String({ maxLength: IMPORT_BODY_LIMIT }),
  action: Type.Optional(Type.Union([Type.Literal('check'), Type.Literal('apply')])),
});
const PageQuery = Type.Object({ lang: Type.Optional(Type.String()) });

export function unitsImportRoutes(service: FullOrganisationService, auth: StaffAuth): RouteRegistrar {
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const guard = auth.requireStaff({ roles: ORGANISATION_ROLES });

    app.get(
      '/staff/units/import',
      { preHandler: guard, schema: { hide: true, querystring: PageQuery } },
      async (request, reply) => {
        const principal = principalOf(request);
        const page = renderImportPage({
          lang: langOf(request, principal),
          viewer: viewerOf(principal),
          format: 'csv',
          content: '',
          report: null,
        });
        return reply.type('text/html; charset=utf-8').send(page.value);
      },
    );

    app.post(
      '/staff/units/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        preValidation: guard,
        schema: { hide: true, querystring: PageQuery, body: ImportForm },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const lang = langOf(request, principal);
        const { format, content } = request.body;
        const report = await service.importUnits(
          { format, content },
          {
            dryRun: request.body.action !== 'apply',
            actorId: principal.userId,
            source: 'staff-ui',
            lang,
            canChange: (ancestorIds) => canChangeUnit(auth, principal, ancestorIds),
          },
        );
        request.log.info(
          { changes: report.changes.length, errors: report.errors.length, applied: report.applied },
          'unit import',
        );
        const page = renderImportPage({ lang, viewer: viewerOf(principal), format, content, report });
        return reply
          .status(report.errors.length > 0 ? 400 : 200)
          .type('text/html; charset=utf-8')
          .send(page.value);
      },
    );
  };
}
