import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { HttpApp } from '../../http/app.ts';
import { inboxListPage } from '../../../web/staff/inbox/list-page.ts';
import { inboxItemPage, type ItemPageData } from '../../../web/staff/inbox/item-page.ts';
import { SHORTCUTS_SCRIPT } from '../../../web/staff/inbox/shortcuts-script.ts';
import {
  canSomewhere,
  rolesWith,
  scopeRoots,
  staffViewer,
  type StaffAuth,
  type StaffPrincipal,
} from '../staff/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import {
  FEEDBACK_STATUSES,
  FEEDBACK_TYPES,
  type FeedbackContact,
  type FeedbackStatus,
  type FeedbackType,
} from '../feedback/index.ts';
import type { BulkAction, InboxFilters, InboxService } from './index.ts';
import { CLOSED_STATUSES } from './inbox.status.ts';
import { langOf, messageOf, openUnits, principalOf, sendPage } from './inbox.page-helpers.ts';
import { registerInboxConfigPages } from './inbox-config.routes.ts';

// The staff pages of the inbox: parse forms, call the service (which checks scope), render HTML. Every
// state-changing form posts here with the CSRF token and redirects back (303) or re-renders with the error.

export interface InboxPagesDeps {
  service: InboxService;
  auth: StaffAuth;
  organisation: OrganisationService;
}

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Text = (max: number) => Type.String({ maxLength: max });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };

const ListQuery = Type.Object({
  lang: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 20 })),
  unit: Type.Optional(Type.String({ maxLength: 100 })),
  overdue: Type.Optional(Type.String({ maxLength: 5 })),
  assignee: Type.Optional(Type.String({ maxLength: 64 })),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  done: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  refused: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
});
const ItemQuery = Type.Object({
  lang: Type.Optional(Type.String()),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  template: Type.Optional(Type.String({ maxLength: 40 })),
});
const StatusForm = Type.Object({
  ...Csrf,
  status: Text(20),
  duplicate_of: Type.Optional(Text(64)),
});
const AssignForm = Type.Object({ ...Csrf, assignee: Text(64) });
const RouteForm = Type.Object({ ...Csrf, unit: Text(100) });
const NoteForm = Type.Object({ ...Csrf, body: Text(6000) });
const TagForm = Type.Object({ ...Csrf, tag: Text(100) });
const PublicReplyForm = Type.Object({ ...Csrf, text: Text(6000) });
const ModerationForm = Type.Object({
  ...Csrf,
  action: Type.Union([Type.Literal('publish'), Type.Literal('withhold')]),
  public_text: Type.Optional(Text(6000)),
});
const ReplyForm = Type.Object({
  ...Csrf,
  template: Type.Optional(Text(40)),
  subject: Type.Optional(Text(300)),
  body: Text(12000),
  public_reply: Type.Optional(Text(6000)),
  publish: Type.Optional(Type.Literal('1')),
  done: Type.Optional(Type.Literal('1')),
});
const BulkForm = Type.Object({
  ...Csrf,
  action: Text(40),
  tag: Type.Optional(Text(100)),
  ids: Type.Optional(
    Type.Union([Type.String({ maxLength: 64 }), Type.Array(Type.String({ maxLength: 64 }))]),
  ),
});
const EmptyForm = Type.Object({ ...Csrf });

function parseBulkAction(
  action: string,
  tag: string | undefined,
  principal: StaffPrincipal,
): BulkAction | null {
  if (action === 'assign_me') return { kind: 'assign', assigneeId: principal.userId };
  if (action === 'unassign') return { kind: 'assign', assigneeId: null };
  if (action === 'publish') return { kind: 'publish' };
  if (action === 'tag') return { kind: 'tag', tag: tag ?? '' };
  const status = action.startsWith('status:') ? action.slice('status:'.length) : '';
  if ((FEEDBACK_STATUSES as readonly string[]).includes(status)) {
    return { kind: 'status', status: status as FeedbackStatus };
  }
  return null;
}

function filtersFrom(query: Static<typeof ListQuery>): InboxFilters {
  const filters: InboxFilters = {};
  if (query.status === 'open') {
    filters.statuses = FEEDBACK_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));
  } else if (query.status && (FEEDBACK_STATUSES as readonly string[]).includes(query.status)) {
    filters.statuses = [query.status as FeedbackStatus];
  }
  if (query.type && (FEEDBACK_TYPES as readonly string[]).includes(query.type)) {
    filters.types = [query.type as FeedbackType];
  }
  if (query.unit) filters.unitId = query.unit;
  if (query.overdue === '1') filters.overdue = true;
  if (query.assignee) filters.assignee = query.assignee;
  if (query.tag) filters.tag = query.tag;
  if (query.page) filters.page = Number(query.page);
  return filters;
}

export function registerInboxPages(scope: HttpApp, deps: InboxPagesDeps): void {
  const { service, auth, organisation } = deps;
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Every role may open the inbox; what each sees and may do is decided per item by the service.
  const preValidation = auth.requireStaff({ roles: rolesWith('read_aggregates') });
  const hidden = { hide: true };
  registerInboxConfigPages(scope, deps);

  async function renderItem(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<Pick<ItemPageData, 'contact' | 'original' | 'notice' | 'error' | 'reply'>> & {
      templateKey?: string | undefined;
      status?: number;
    } = {},
  ): Promise<FastifyReply> {
    const principal = principalOf(request);
    const lang = langOf(request, principal);
    const view = await service.getItem(principal, id);
    const act = view.access.act;
    const [assignable, units, templates] = await Promise.all([
      act ? service.assignable(principal, id) : Promise.resolve([]),
      act ? openUnits(organisation, lang, null) : Promise.resolve([]),
      act && view.item.replyChannel ? service.listTemplates() : Promise.resolve([]),
    ]);
    const ownTemplates = templates.filter((tpl) => tpl.language === view.item.language);
    let replyValues = extra.reply;
    if (!replyValues && act && view.item.replyChannel && ownTemplates.length > 0) {
      const preferred =
        (extra.templateKey && ownTemplates.find((tpl) => tpl.key === extra.templateKey)?.key) ||
        (view.item.type === 'praise'
          ? 'thanks'
          : view.item.type === 'accessibility'
            ? 'accessibility'
            : 'answer');
      const key = ownTemplates.some((tpl) => tpl.key === preferred)
        ? preferred
        : (ownTemplates[0]?.key ?? '');
      const draft = await service.draftReply(principal, id, key);
      replyValues = { templateKey: key, subject: draft.subject, body: draft.body, publicReply: '' };
    }
    const page = inboxItemPage({
      lang,
      viewer: staffViewer(principal),
      access: view.access,
      item: view.item,
      events: view.events,
      notes: view.notes,
      replies: view.replies,
      nextStatuses: view.nextStatuses,
      assignable,
      units,
      templates: ownTemplates.map((tpl) => ({ key: tpl.key, name: tpl.name })),
      reply: replyValues ?? { templateKey: '', subject: '', body: '', publicReply: '' },
      contact: extra.contact,
      original: extra.original,
      notice: extra.notice,
      error: extra.error,
    });
    return sendPage(reply, page, extra.status ?? 200);
  }

  /** Runs a form action: on success back to the item with a notice, on a domain error the page with the message. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    notice: string,
    work: (principal: StaffPrincipal) => Promise<void>,
  ): Promise<FastifyReply> {
    const principal = principalOf(request);
    try {
      await work(principal);
    } catch (error) {
      const problem = messageOf(error, langOf(request, principal));
      // Not found and forbidden go to the common error page: the item page itself may not be shown.
      if (!problem || problem.status === 404 || problem.status === 403) throw error;
      return renderItem(request, reply, id, { error: problem.message, status: problem.status });
    }
    return reply.redirect(`/staff/inbox/${encodeURIComponent(id)}?notice=${notice}`, 303);
  }

  app.get('/staff/inbox/shortcuts.js', { preValidation, schema: hidden }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(SHORTCUTS_SCRIPT),
  );

  app.get(
    '/staff/inbox',
    { preValidation, schema: { ...hidden, querystring: ListQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const query = request.query;
      const filters = filtersFrom(query);
      const [list, units] = await Promise.all([
        service.list(principal, filters),
        openUnits(organisation, lang, scopeRoots(principal, 'read_aggregates')),
      ]);
      const notice =
        query.done !== undefined
          ? { done: Number(query.done), refused: Number(query.refused ?? 0) }
          : undefined;
      return sendPage(
        reply,
        inboxListPage({
          lang,
          viewer: staffViewer(principal),
          items: list.items,
          total: list.total,
          page: list.page,
          pageSize: list.pageSize,
          filters: {
            status: query.status,
            type: query.type,
            unit: query.unit,
            overdue: query.overdue === '1',
            assignee: query.assignee,
            tag: query.tag,
          },
          units,
          canAct: canSomewhere(principal, 'reply'),
          canConfigure: canSomewhere(principal, 'configure'),
          notice,
        }),
      );
    },
  );

  app.post(
    '/staff/inbox/bulk',
    { preValidation, schema: { ...hidden, body: BulkForm } },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const ids = body.ids === undefined ? [] : Array.isArray(body.ids) ? body.ids : [body.ids];
      const action = parseBulkAction(body.action, body.tag, principal);
      if (!action) {
        const lang = langOf(request, principal);
        return reply.redirect(`/staff/inbox?lang=${lang}&done=0&refused=${ids.length}`, 303);
      }
      const result = await service.bulk(principal, ids, action);
      return reply.redirect(`/staff/inbox?done=${result.done.length}&refused=${result.refused.length}`, 303);
    },
  );

  const NOTICES = [
    'status_changed',
    'assigned',
    'routed',
    'note_added',
    'tag_added',
    'tag_removed',
    'replied',
    'public_reply_saved',
    'moderated',
  ];

  app.get(
    '/staff/inbox/:id',
    { preValidation, schema: { ...hidden, params: Id, querystring: ItemQuery } },
    async (request, reply) =>
      renderItem(request, reply, request.params.id, {
        notice: NOTICES.includes(request.query.notice ?? '') ? request.query.notice : undefined,
        templateKey: request.query.template,
      }),
  );

  app.post(
    '/staff/inbox/:id/contact',
    { preValidation, schema: { ...hidden, params: Id, body: EmptyForm } },
    async (request, reply) => {
      const contact: FeedbackContact | null = await service.readContact(
        principalOf(request),
        request.params.id,
      );
      return renderItem(request, reply, request.params.id, { contact });
    },
  );

  app.post(
    '/staff/inbox/:id/original',
    { preValidation, schema: { ...hidden, params: Id, body: EmptyForm } },
    async (request, reply) => {
      const original = await service.readOriginal(principalOf(request), request.params.id);
      return renderItem(request, reply, request.params.id, { original });
    },
  );

  app.post(
    '/staff/inbox/:id/status',
    { preValidation, schema: { ...hidden, params: Id, body: StatusForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'status_changed', (principal) =>
        service.changeStatus(principal, request.params.id, request.body.status as FeedbackStatus, {
          duplicateOf: request.body.duplicate_of,
        }),
      ),
  );

  app.post(
    '/staff/inbox/:id/assign',
    { preValidation, schema: { ...hidden, params: Id, body: AssignForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'assigned', (principal) =>
        service.assign(
          principal,
          request.params.id,
          request.body.assignee === 'me' ? principal.userId : request.body.assignee || null,
        ),
      ),
  );

  app.post(
    '/staff/inbox/:id/route',
    { preValidation, schema: { ...hidden, params: Id, body: RouteForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'routed', (principal) =>
        service.reroute(principal, request.params.id, request.body.unit),
      ),
  );

  app.post(
    '/staff/inbox/:id/notes',
    { preValidation, schema: { ...hidden, params: Id, body: NoteForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'note_added', (principal) =>
        service.addNote(principal, request.params.id, request.body.body),
      ),
  );

  app.post(
    '/staff/inbox/:id/tags',
    { preValidation, schema: { ...hidden, params: Id, body: TagForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'tag_added', (principal) =>
        service.addTag(principal, request.params.id, request.body.tag),
      ),
  );

  app.post(
    '/staff/inbox/:id/tags/remove',
    { preValidation, schema: { ...hidden, params: Id, body: TagForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'tag_removed', (principal) =>
        service.removeTag(principal, request.params.id, request.body.tag),
      ),
  );

  app.post(
    '/staff/inbox/:id/public-reply',
    { preValidation, schema: { ...hidden, params: Id, body: PublicReplyForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'public_reply_saved', (principal) =>
        service.setPublicReply(principal, request.params.id, request.body.text),
      ),
  );

  app.post(
    '/staff/inbox/:id/moderation',
    { preValidation, schema: { ...hidden, params: Id, body: ModerationForm } },
    async (request, reply) =>
      act(request, reply, request.params.id, 'moderated', (principal) =>
        service.moderate(principal, request.params.id, {
          action: request.body.action,
          publicText: request.body.public_text,
        }),
      ),
  );

  app.post(
    '/staff/inbox/:id/reply',
    { preValidation, schema: { ...hidden, params: Id, body: ReplyForm } },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const id = request.params.id;
      try {
        await service.reply(principal, id, {
          subject: body.subject ?? '',
          body: body.body,
          templateKey: body.template || null,
          publicReply: body.public_reply ?? null,
          publish: body.publish === '1',
          markDone: body.done === '1',
        });
      } catch (error) {
        const problem = messageOf(error, langOf(request, principal));
        if (!problem || problem.status === 404 || problem.status === 403) throw error;
        // The text the handler wrote is kept on the page.
        return renderItem(request, reply, id, {
          error: problem.message,
          status: problem.status,
          reply: {
            templateKey: body.template ?? '',
            subject: body.subject ?? '',
            body: body.body,
            publicReply: body.public_reply ?? '',
          },
        });
      }
      return reply.redirect(`/staff/inbox/${encodeURIComponent(id)}?notice=replied`, 303);
    },
  );
}
