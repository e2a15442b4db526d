// Staff pages for the tree: parse the form, check the person's subtree, call the service, and either redirect
// (303, so a reload never repeats a change) or show the same page again with the problems next to the fields.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { DomainError, ForbiddenError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { renderTreePage } from '../../../web/staff/organisation/tree-page.ts';
import { renderUnitPage, type UnitFormName } from '../../../web/staff/organisation/unit-page.ts';
import type { FormProblem } from '../../../web/staff/organisation/unit-format.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import type { ChangeContext, FullOrganisationService, OrgUnitType } from './index.ts';
import { ORGANISATION_ROLES, canChangeUnit } from './organisation.policy.ts';
import { unitNotFound } from './organisation.service.ts';
import type { FieldProblem } from './unit-checks.ts';
import { helsinkiDate } from './unit-fields.ts';

const FormValue = Type.Union([
  Type.String({ maxLength: 2000 }),
  Type.Array(Type.String({ maxLength: 2000 })),
]);
const Form = Type.Record(Type.String(), FormValue);
type FormBody = Record<string, string | string[]>;
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  closed: Type.Optional(Type.String()),
  root: Type.Optional(Type.String({ maxLength: 64 })),
  parentQuery: Type.Optional(Type.String({ maxLength: 200 })),
  mergeQuery: Type.Optional(Type.String({ maxLength: 200 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const DONE = new Set(['updated', 'moved', 'merged', 'closed', 'reopened', 'created']);
/** Beyond this many units the tree page shows three levels and links to deeper subtrees. */
const FULL_TREE_LIMIT = 1500;

export function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

/** ?lang= wins, then the person's own setting. */
export function langOf(request: FastifyRequest, principal: StaffPrincipal): Language {
  const fromQuery = (request.query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(fromQuery) ? fromQuery : principal.locale;
}

export const viewerOf = staffViewer;

function text(body: FormBody, field: string): string {
  const value = body[field];
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

const orNull = (value: string) => (value === '' ? null : value);

/** A refused change, as messages beside the form's fields. Forbidden and a missing page unit stay real errors. */
function problemsOf(error: unknown, lang: Language, field: string): FormProblem[] {
  if (!(error instanceof DomainError) || error instanceof ForbiddenError) throw error;
  const tr = t(lang);
  if (error instanceof ValidationError && error.code === 'invalid_unit') {
    return (error.details as FieldProblem[]).map((p) => ({
      field: p.field,
      message: tr(`organisation.problem_${p.code}`, { ...p.params, field: p.field }),
    }));
  }
  return [{ field, message: tr(error.messageKey, error.params) }];
}

export function unitsStaffRoutes(service: FullOrganisationService, auth: StaffAuth): RouteRegistrar {
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const guard = auth.requireStaff({ roles: ORGANISATION_ROLES });
    const hidden = { hide: true };
    const today = () => helsinkiDate(new Date());
    const ancestorIds = async (id: string) => (await service.ancestors(id)).map((u) => u.id);

    async function assertMayChange(principal: StaffPrincipal, unitIds: readonly string[]): Promise<void> {
      for (const id of unitIds) {
        const chain = await ancestorIds(id);
        // A unit that does not exist is refused by the service with a clearer message.
        if (chain.length > 0 && !canChangeUnit(auth, principal, chain)) {
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        }
      }
    }

    async function sendUnitPage(
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      form: { name: UnitFormName; problems: FormProblem[]; values: Record<string, string> } | null,
    ): Promise<FastifyReply> {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const query = request.query as {
        closed?: string;
        parentQuery?: string;
        mergeQuery?: string;
        done?: string;
      };
      const unit = await service.getUnit(id);
      if (!unit) throw unitNotFound(id);
      const includeClosed = query.closed === '1';
      const parentQuery = query.parentQuery?.trim() ?? '';
      const mergeQuery = query.mergeQuery?.trim() ?? '';
      const ancestors = await service.ancestors(id);
      const children = await service.listChildren(id, { includeClosed });
      const events = await service.listEvents(id);
      const open = unit.mergedIntoId === null ? await service.listUnits({ rootId: id }) : [];
      const parentHits = parentQuery ? await service.searchUnits(parentQuery, { limit: 30 }) : null;
      const mergeHits = mergeQuery ? await service.searchUnits(mergeQuery, { limit: 30 }) : null;
      const done = query.done && DONE.has(query.done) ? t(lang)(`organisation.done_${query.done}`) : null;
      const page = renderUnitPage({
        lang,
        viewer: viewerOf(principal),
        today: today(),
        unit,
        ancestors,
        children,
        includeClosedChildren: includeClosed,
        events,
        canChange: canChangeUnit(
          auth,
          principal,
          ancestors.map((a) => a.id),
        ),
        openBelow: Math.max(0, open.filter((u) => u.id !== id).length),
        parentQuery,
        parentHits,
        mergeQuery,
        mergeHits,
        notice: done,
        form,
      });
      const status = form && form.problems.length > 0 ? 400 : 200;
      return reply.status(status).type('text/html; charset=utf-8').send(page.value);
    }

    app.get(
      '/staff/units',
      { preHandler: guard, schema: { ...hidden, querystring: PageQuery } },
      async (request, reply) => {
        const principal = principalOf(request);
        const lang = langOf(request, principal);
        const query = request.query.q?.trim() ?? '';
        const includeClosed = request.query.closed === '1';
        const rootId = request.query.root?.trim() || undefined;
        const units = query ? [] : await service.listUnits({ includeClosed, ...(rootId ? { rootId } : {}) });
        const root = rootId ? ((await service.getUnit(rootId)) ?? null) : null;
        const hits = query ? await service.searchUnits(query, { limit: 100, includeClosed }) : null;
        const page = renderTreePage({
          lang,
          viewer: viewerOf(principal),
          today: today(),
          units,
          root,
          query,
          hits,
          includeClosed,
          maxDepth: units.length > FULL_TREE_LIMIT ? 3 : Number.POSITIVE_INFINITY,
        });
        return reply.type('text/html; charset=utf-8').send(page.value);
      },
    );

    app.get(
      '/staff/units/:id',
      { preHandler: guard, schema: { ...hidden, params: Params, querystring: PageQuery } },
      async (request, reply) => sendUnitPage(request, reply, request.params.id, null),
    );

    /** One POST route per form: check scope, run the change, redirect; refused changes re-render the page. */
    function formRoute(
      path: string,
      name: UnitFormName,
      errorField: string,
      action: (input: {
        id: string;
        body: FormBody;
        principal: StaffPrincipal;
        lang: Language;
        context: ChangeContext;
      }) => Promise<{ redirectTo?: string; done: string } | FormProblem[]>,
    ) {
      app.post(
        path,
        { preValidation: guard, schema: { ...hidden, params: Params, querystring: PageQuery, body: Form } },
        async (request, reply) => {
          const principal = principalOf(request);
          const lang = langOf(request, principal);
          const { id } = request.params;
          const body = request.body as FormBody;
          const values = Object.fromEntries(Object.keys(body).map((k) => [k, text(body, k)]));
          await assertMayChange(principal, [id]);
          let outcome: { redirectTo?: string; done: string } | FormProblem[];
          try {
            outcome = await action({
              id,
              body,
              principal,
              lang,
              context: { actorId: principal.userId, source: 'staff-ui' },
            });
          } catch (error) {
            if (error instanceof DomainError && error.code === 'unit_not_found' && error.params.id === id)
              throw error;
            outcome = problemsOf(error, lang, errorField);
          }
          if (Array.isArray(outcome))
            return sendUnitPage(request, reply, id, { name, problems: outcome, values });
          const target = encodeURIComponent(outcome.redirectTo ?? id);
          return reply.redirect(`/staff/units/${target}?lang=${lang}&done=${outcome.done}`, 303);
        },
      );
    }

    const required = (lang: Language, field: string): FormProblem[] => [
      { field, message: t(lang)('organisation.problem_confirm_required') },
    ];

    formRoute('/staff/units/:id', 'edit', 'name_fi', async ({ id, body, context }) => {
      await service.updateUnit(
        id,
        {
          type: text(body, 'type') as OrgUnitType,
          names: {
            fi: text(body, 'name_fi'),
            sv: orNull(text(body, 'name_sv')),
            en: orNull(text(body, 'name_en')),
          },
          oid: orNull(text(body, 'oid')),
          validFrom: orNull(text(body, 'valid_from')),
        },
        context,
      );
      return { done: 'updated' };
    });

    formRoute(
      '/staff/units/:id/move',
      'move',
      'parent_id',
      async ({ id, body, principal, lang, context }) => {
        const typed = text(body, 'parent_id');
        const choice = typed || text(body, 'parentChoice');
        if (choice === '')
          return [{ field: 'parent_id', message: t(lang)('organisation.problem_choose_parent') }];
        const newParentId = choice === '-' ? null : choice;
        if (newParentId === null) {
          if (!canChangeUnit(auth, principal, [])) throw new ForbiddenError('forbidden', 'errors.forbidden');
        } else await assertMayChange(principal, [newParentId]);
        await service.moveUnit(id, newParentId, context);
        return { done: 'moved' };
      },
    );

    formRoute(
      '/staff/units/:id/merge',
      'merge',
      'into_id',
      async ({ id, body, principal, lang, context }) => {
        const intoId = text(body, 'into_id') || text(body, 'intoChoice');
        if (intoId === '')
          return [{ field: 'into_id', message: t(lang)('organisation.problem_choose_target') }];
        if (text(body, 'confirm') !== 'yes') return required(lang, 'confirm');
        await assertMayChange(principal, [intoId]);
        const date = text(body, 'valid_to');
        await service.mergeUnit(id, intoId, { ...context, ...(date ? { date } : {}) });
        return { done: 'merged' };
      },
    );

    formRoute('/staff/units/:id/close', 'close', 'valid_to', async ({ id, body, lang, context }) => {
      if (text(body, 'confirm') !== 'yes') return required(lang, 'confirm');
      const validTo = text(body, 'valid_to');
      if (validTo === '')
        return [{ field: 'valid_to', message: t(lang)('organisation.problem_invalid_date', { value: '' }) }];
      await service.closeUnit(id, validTo, context);
      return { done: 'closed' };
    });

    formRoute('/staff/units/:id/reopen', 'reopen', 'reopen', async ({ id, context }) => {
      await service.reopenUnit(id, context);
      return { done: 'reopened' };
    });

    formRoute('/staff/units/:id/children', 'child', 'id', async ({ id, body, context }) => {
      const child = await service.createUnit(
        {
          id: text(body, 'id'),
          parentId: id,
          type: text(body, 'type') as OrgUnitType,
          names: {
            fi: text(body, 'name_fi'),
            sv: orNull(text(body, 'name_sv')),
            en: orNull(text(body, 'name_en')),
          },
          oid: orNull(text(body, 'oid')),
          validFrom: orNull(text(body, 'valid_from')),
        },
        context,
      );
      return { redirectTo: child.id, done: 'created' };
    });
  };
}
