import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HttpApp } from '../../http/app.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { rulesPage, templatesPage } from '../../../web/staff/inbox/config-pages.ts';
import { can, rolesWith, scopeRoots, staffViewer, type StaffAuth } from '../staff/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { FeedbackType } from '../feedback/index.ts';
import type { InboxService } from './index.ts';
import { langOf, messageOf, openUnits, principalOf, sendPage } from './inbox.page-helpers.ts';

// Coordinator pages of the inbox: reply templates (/staff/inbox/templates) and routing rules (/staff/inbox/rules).

const Text = (max: number) => Type.String({ maxLength: max });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const RuleId = Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 64 }) });
const EmptyForm = Type.Object({ ...Csrf });
const PageQuery = Type.Object({ lang: Type.Optional(Type.String()), notice: Type.Optional(Type.String()) });
const TemplateForm = Type.Object({
  ...Csrf,
  key: Text(60),
  language: Text(5),
  name: Text(300),
  subject: Text(300),
  body: Text(12000),
});
const RuleForm = Type.Object({
  ...Csrf,
  type: Type.Optional(Text(20)),
  service_area: Type.Optional(Text(100)),
  target: Text(100),
});

export function registerInboxConfigPages(
  scope: HttpApp,
  deps: { service: InboxService; auth: StaffAuth; organisation: OrganisationService },
): void {
  const { service, auth, organisation } = deps;
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const preValidation = auth.requireStaff({ roles: rolesWith('read_aggregates') });
  const hidden = { hide: true };

  app.get(
    '/staff/inbox/templates',
    { preValidation, schema: { ...hidden, querystring: PageQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const templates = await service.listTemplates();
      return sendPage(
        reply,
        templatesPage({
          lang,
          viewer: staffViewer(principal),
          templates,
          canEdit: can(principal, 'configure', []),
          notice: request.query.notice === 'template_saved' ? 'template_saved' : undefined,
        }),
      );
    },
  );

  app.post(
    '/staff/inbox/templates',
    { preValidation, schema: { ...hidden, body: TemplateForm } },
    async (request, reply) => {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const body = request.body;
      try {
        await service.saveTemplate(principal, {
          key: body.key,
          language: (isLanguage(body.language) ? body.language : 'xx') as Language,
          name: body.name,
          subject: body.subject,
          body: body.body,
        });
      } catch (error) {
        const problem = messageOf(error, lang);
        if (!problem || problem.status === 403) throw error;
        return sendPage(
          reply,
          templatesPage({
            lang,
            viewer: staffViewer(principal),
            templates: await service.listTemplates(),
            canEdit: can(principal, 'configure', []),
            error: problem.message,
          }),
          problem.status,
        );
      }
      return reply.redirect('/staff/inbox/templates?notice=template_saved', 303);
    },
  );

  async function renderRules(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; error?: string; status?: number } = {},
  ) {
    const principal = principalOf(request);
    const lang = langOf(request, principal);
    const [rules, all] = await Promise.all([service.listRoutingRules(), organisation.listUnits()]);
    const byId = new Map(all.map((u) => [u.id, u]));
    const label = (id: string | null) => {
      const unit = id ? byId.get(id) : undefined;
      return unit ? (unit.names[lang] ?? unit.names.fi) : (id ?? '');
    };
    return sendPage(
      reply,
      rulesPage({
        lang,
        viewer: staffViewer(principal),
        rules: rules.map((r) => ({
          id: r.id,
          position: r.position,
          feedbackType: r.feedbackType,
          serviceAreaLabel: r.serviceAreaId ? label(r.serviceAreaId) : null,
          targetLabel: label(r.targetUnitId),
        })),
        units: await openUnits(organisation, lang, scopeRoots(principal, 'configure')),
        serviceAreas: all
          .filter((u) => u.type === 'service_area')
          .map((u) => ({ id: u.id, label: u.names[lang] ?? u.names.fi })),
        notice: extra.notice,
        error: extra.error,
      }),
      extra.status,
    );
  }

  const configure = auth.requireStaff({ roles: rolesWith('configure') });

  app.get(
    '/staff/inbox/rules',
    { preValidation: configure, schema: { ...hidden, querystring: PageQuery } },
    async (request, reply) =>
      renderRules(request, reply, {
        notice: ['rule_added', 'rule_removed'].includes(request.query.notice ?? '')
          ? request.query.notice
          : undefined,
      }),
  );

  app.post(
    '/staff/inbox/rules',
    { preValidation: configure, schema: { ...hidden, body: RuleForm } },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      try {
        await service.addRoutingRule(principal, {
          feedbackType: (body.type || null) as FeedbackType | null,
          serviceAreaId: body.service_area || null,
          targetUnitId: body.target,
        });
      } catch (error) {
        const problem = messageOf(error, langOf(request, principal));
        if (!problem || problem.status === 403) throw error;
        return renderRules(request, reply, { error: problem.message, status: problem.status });
      }
      return reply.redirect('/staff/inbox/rules?notice=rule_added', 303);
    },
  );

  app.post(
    '/staff/inbox/rules/:ruleId/delete',
    { preValidation: configure, schema: { ...hidden, params: RuleId, body: EmptyForm } },
    async (request, reply) => {
      await service.removeRoutingRule(principalOf(request), request.params.ruleId);
      return reply.redirect('/staff/inbox/rules?notice=rule_removed', 303);
    },
  );
}
