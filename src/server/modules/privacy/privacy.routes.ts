import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import type { FieldError } from '../../../web/staff/layout.ts';
import { renderPrivacyPage } from '../../../web/staff/privacy/privacy-page.ts';
import { can, staffViewer, type StaffAuth, type StaffPrincipal } from '../staff/index.ts';
import type { PrivacyService, RetentionKind, RetentionSettings } from './index.ts';
import { RETENTION_KINDS } from './retention-kinds.ts';

// The administrators' privacy page: retention periods, and erasure of one person's contact details.
const Short = Type.Optional(Type.String({ maxLength: 320 }));
const RetentionForm = Type.Object({
  _csrf: Short,
  ...Object.fromEntries(RETENTION_KINDS.map((kind) => [`days_${kind}`, Short])),
});
const ErasureForm = Type.Object({ _csrf: Short, email: Short, phone: Short });
const PageQuery = Type.Object({ lang: Short, done: Type.Optional(Type.Literal('saved')) });

function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

function asForm(settings: RetentionSettings): Record<string, string> {
  return Object.fromEntries(
    RETENTION_KINDS.map((kind) => [kind, settings[kind] === null ? '' : String(settings[kind])]),
  );
}

export function privacyRoutes(deps: { service: PrivacyService; auth: StaffAuth }) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: {
      values?: Record<string, string>;
      errors?: FieldError[];
      notice?: string;
      erasure?: { email: string; phone: string };
    },
  ) {
    const targets: Record<string, string[]> = {};
    for (const target of deps.service.retentionTargets()) (targets[target.kind] ??= []).push(target.name);
    const page = renderPrivacyPage({
      lang: request.lang,
      viewer: staffViewer(principalOf(request)),
      kinds: RETENTION_KINDS,
      values: view.values ?? asForm(await deps.service.getRetention()),
      targets,
      errors: view.errors ?? [],
      ...(view.notice ? { notice: view.notice } : {}),
      ...(view.erasure ? { erasure: view.erasure } : {}),
    });
    return reply.status(status).type('text/html; charset=utf-8').send(page.value);
  }

  function fieldErrors(request: FastifyRequest, error: ValidationError, prefix: string): FieldError[] {
    const tr = t(request.lang);
    const details = Array.isArray(error.details) ? (error.details as { field: string; code: string }[]) : [];
    return details.map((d) => ({
      field: `${prefix}${d.field}`,
      message: tr(`privacy.${d.code}`, error.params),
    }));
  }

  return (root: HttpApp) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const guard = deps.auth.requireStaff({ roles: ['admin'] });

    app.get(
      '/staff/privacy',
      { schema: { querystring: PageQuery, hide: true }, preHandler: guard },
      async (request, reply) => {
        // The page shows settings only global administrators may change: the service check runs on saving too.
        if (!can(principalOf(request), 'administer', []))
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        const notice = request.query.done === 'saved' ? t(request.lang)('privacy.saved') : undefined;
        return show(request, reply, 200, notice ? { notice } : {});
      },
    );

    app.post(
      '/staff/privacy/retention',
      { schema: { body: RetentionForm, hide: true }, preValidation: guard },
      async (request, reply) => {
        const body = request.body as Record<string, string | undefined>;
        const values: Record<string, string> = {};
        const changes: Partial<Record<RetentionKind, number | null>> = {};
        for (const kind of RETENTION_KINDS) {
          const typed = (body[`days_${kind}`] ?? '').trim();
          values[kind] = typed;
          changes[kind] = typed === '' ? null : /^\d{1,6}$/.test(typed) ? Number(typed) : Number.NaN;
        }
        try {
          await deps.service.setRetention(principalOf(request), changes);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return show(request, reply, 400, { values, errors: fieldErrors(request, error, 'days_') });
        }
        return reply.redirect(`/staff/privacy?lang=${request.lang}&done=saved`, 303);
      },
    );

    app.post(
      '/staff/privacy/erasure',
      { schema: { body: ErasureForm, hide: true }, preValidation: guard },
      async (request, reply) => {
        const erasure = { email: request.body.email ?? '', phone: request.body.phone ?? '' };
        try {
          const { erased } = await deps.service.eraseContact(principalOf(request), erasure);
          const total = Object.values(erased).reduce((sum, n) => sum + n, 0);
          return show(request, reply, 200, { notice: t(request.lang)('privacy.erased', { count: total }) });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return show(request, reply, 400, { erasure, errors: fieldErrors(request, error, '') });
        }
      },
    );
  };
}
