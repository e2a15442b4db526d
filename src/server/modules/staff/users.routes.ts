import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { mapError } from '../../http/errors.ts';
import { DomainError, ForbiddenError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import type { FieldError } from '../../../web/staff/layout.ts';
import { renderUsersPage, type NewUserForm } from '../../../web/staff/users/users-page.ts';
import type { RoleAssignment, StaffAuth, StaffPrincipal, StaffService } from './index.ts';
import { STAFF_ROLES, canManageUsers } from './staff.policy.ts';

// /staff/users: the administrator's account management. Plain HTML forms, Post/Redirect/Get on success; on a
// refused change the page is shown again with the problem linked to the field it concerns.
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const Short = Type.Optional(Type.String({ maxLength: 300 }));
const CreateForm = Type.Object({
  ...Csrf,
  email: Short,
  displayName: Short,
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  locale: Short,
  role: Short,
  unitId: Short,
});
const RoleForm = Type.Object({ ...Csrf, role: Short, unitId: Short });
const UserParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) });
const ListQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })), lang: Short });

const DONE = new Set(['created', 'role_added', 'role_removed', 'disabled']);
const EMPTY_FORM: NewUserForm = { email: '', displayName: '', locale: 'fi', role: 'handler', unitId: '' };
const FORM_FIELDS = new Set(['email', 'displayName', 'password', 'locale', 'role', 'unitId']);

function assignment(role: string | undefined, unitId: string | undefined): RoleAssignment {
  const unit = (unitId ?? '').trim();
  return { role: (role ?? '') as RoleAssignment['role'], unitId: unit === '' ? null : unit };
}

/** Each problem of a refused change, pointed at the input it concerns (fieldFor maps service field names). */
function fieldErrors(
  request: FastifyRequest,
  error: DomainError,
  fieldFor: (field: string) => string,
): FieldError[] {
  const tr = t(request.lang);
  const details = Array.isArray(error.details)
    ? (error.details as { field?: unknown; code?: unknown }[])
    : [];
  const listed = details.filter((d) => typeof d.field === 'string' && typeof d.code === 'string');
  if (listed.length === 0) return [{ field: fieldFor(''), message: tr(error.messageKey, error.params) }];
  return listed.map((d) => ({
    field: fieldFor(String(d.field)),
    message: tr(`staff.${String(d.code)}`, error.params),
  }));
}

export function usersRoutes(deps: { service: StaffService; auth: StaffAuth }) {
  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: { form?: NewUserForm; errors?: FieldError[]; notice?: string },
  ): Promise<FastifyReply> {
    const viewer = request.staff as StaffPrincipal;
    const page = renderUsersPage({
      lang: request.lang,
      viewer,
      users: await deps.service.listUsers(),
      roles: STAFF_ROLES,
      form: view.form ?? EMPTY_FORM,
      errors: view.errors ?? [],
      ...(view.notice ? { notice: view.notice } : {}),
    });
    return reply.status(status).type('text/html; charset=utf-8').send(page.value);
  }

  /** Runs a change; on a domain refusal shows the page again with the problem, otherwise redirects. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    done: string,
    run: () => Promise<unknown>,
    fieldFor: (field: string) => string,
    form?: NewUserForm,
  ): Promise<FastifyReply> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DomainError) || mapError(error).status === 404) throw error;
      const errors = fieldErrors(request, error, fieldFor);
      return showPage(request, reply, mapError(error).status, { errors, ...(form ? { form } : {}) });
    }
    return reply.redirect(`/staff/users?done=${done}&lang=${request.lang}`, 303);
  }

  return (root: HttpApp) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const guard = deps.auth.requireStaff({ roles: ['admin'] });
    // requireStaff lets any admin in; accounts need a global admin (staff.policy.ts canManageUsers).
    const globalAdmin = async (request: FastifyRequest) => {
      if (request.staff && !canManageUsers(request.staff))
        throw new ForbiddenError('forbidden', 'errors.forbidden');
    };
    const guards = { preValidation: guard, preHandler: globalAdmin };

    app.get(
      '/staff/users',
      { schema: { querystring: ListQuery, hide: true }, ...guards },
      async (request, reply) => {
        const done = request.query.done;
        const notice = done && DONE.has(done) ? t(request.lang)(`staff.done_${done}`) : undefined;
        return showPage(request, reply, 200, notice ? { notice } : {});
      },
    );

    app.post(
      '/staff/users',
      { schema: { body: CreateForm, hide: true }, ...guards },
      async (request, reply) => {
        const body = request.body;
        const form: NewUserForm = {
          email: body.email ?? '',
          displayName: body.displayName ?? '',
          locale: body.locale ?? 'fi',
          role: body.role ?? '',
          unitId: body.unitId ?? '',
        };
        const create = () =>
          deps.service.createUser({
            email: form.email,
            displayName: form.displayName,
            password: body.password ?? '',
            locale: form.locale as 'fi' | 'sv' | 'en',
            roles: [assignment(form.role, form.unitId)],
            actorId: request.staff?.userId ?? null,
          });
        const fieldFor = (field: string) => (FORM_FIELDS.has(field) ? field : 'email');
        return change(request, reply, 'created', create, fieldFor, form);
      },
    );

    const rowField = (id: string) => (field: string) => (field === 'unitId' ? `unit-${id}` : `role-${id}`);

    app.post(
      '/staff/users/:id/roles',
      { schema: { params: UserParams, body: RoleForm, hide: true }, ...guards },
      async (request, reply) => {
        const { id } = request.params;
        const run = () =>
          deps.service.addRole({
            userId: id,
            assignment: assignment(request.body.role, request.body.unitId),
            actorId: request.staff?.userId ?? null,
          });
        return change(request, reply, 'role_added', run, rowField(id));
      },
    );

    app.post(
      '/staff/users/:id/roles/remove',
      { schema: { params: UserParams, body: RoleForm, hide: true }, ...guards },
      async (request, reply) => {
        const { id } = request.params;
        const run = () =>
          deps.service.removeRole({
            userId: id,
            assignment: assignment(request.body.role, request.body.unitId),
            actorId: request.staff?.userId ?? null,
          });
        return change(request, reply, 'role_removed', run, rowField(id));
      },
    );

    app.post(
      '/staff/users/:id/disable',
      { schema: { params: UserParams, body: Type.Object(Csrf), hide: true }, ...guards },
      async (request, reply) => {
        const { id } = request.params;
        const run = () => deps.service.disableUser({ userId: id, actorId: request.staff?.userId ?? null });
        return change(request, reply, 'disabled', run, rowField(id));
      },
    );
  };
}
