// Staff: local accounts, password hashing, sessions, CSRF, login rate limit, and roles scoped to an
// organisation subtree. Every staff feature asks StaffAuth who the user is and whether they may act on a unit.
// Owns staff_users, staff_role_assignments, staff_sessions, login_attempts. Must not read feedback or the tree
// (callers pass a unit's ancestor ids). docs/security.md describes the design.
import type { Kysely } from 'kysely';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { AuditLog } from '../audit/index.ts';

/**
 * admin: everything, incl. accounts, audit log and retention (global admin); coordinator: routing, organisation,
 * surveys and all handling; manager: read and reply for a subtree; handler: handle the feedback of own units;
 * analyst: aggregates and redacted text only; viewer: aggregates only. See ROLE_PERMISSIONS.
 */
export type StaffRole = 'admin' | 'coordinator' | 'manager' | 'handler' | 'analyst' | 'viewer';

/**
 * read_aggregates: figures, charts, reports (small groups suppressed). read_redacted_text: feedback text after
 * redaction. read_personal_data: contact details and unredacted originals (every read audited). reply: handle
 * feedback (status, notes, replies, publishing). configure: organisation tree, surveys, routing, templates.
 * administer: staff accounts and roles, the audit log, retention and erasure.
 */
export type Permission =
  'read_aggregates' | 'read_redacted_text' | 'read_personal_data' | 'reply' | 'configure' | 'administer';

export interface RoleAssignment {
  role: StaffRole;
  /** null: the whole organisation. */
  unitId: string | null;
}

export interface StaffPrincipal {
  userId: string;
  email: string;
  displayName: string;
  locale: 'fi' | 'sv' | 'en';
  roles: RoleAssignment[];
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when a valid staff session cookie came with the request. */
    staff: StaffPrincipal | null;
  }
}

export interface StaffAuth {
  /** Registers the session cookie reader on an app (once, at the root). */
  register: RouteRegistrar;
  /**
   * preHandler: 401 (API) or a redirect to /staff/login (pages) without a session; 403 without one of the roles
   * anywhere in the tree. State-changing methods also require a valid CSRF token (form field _csrf or header
   * x-csrf-token; a form's body schema must allow `_csrf`) and reject a cross-site Origin: 403 `csrf_failed`.
   * Use it as `preValidation` to run these checks before the body schema, or as `preHandler`.
   */
  requireStaff(options?: { roles?: StaffRole[] }): preHandlerAsyncHookHandler;
  /** True when one of the principal's roles in `roles` is global or assigned at one of the unit's ancestors. */
  hasRoleFor(principal: StaffPrincipal, roles: StaffRole[], unitAncestorIds: readonly string[]): boolean;
  /**
   * Routes registered on an app after `register` (HEAD left out), and whether a requireStaff guard runs; for the
   * access-control matrix test. Optional so that test doubles of StaffAuth need not provide it.
   */
  registeredRoutes?(): RegisteredRoute[];
}

export interface RegisteredRoute {
  method: string;
  url: string;
  guarded: boolean;
  /** Names of the query-string parameters its schema declares. */
  queryNames: string[];
}

export interface StaffUserView {
  id: string;
  email: string;
  displayName: string;
  locale: 'fi' | 'sv' | 'en';
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: RoleAssignment[];
}

export interface StaffService {
  /**
   * Validates the e-mail, name, password policy and roles; a taken e-mail (any letter case) is ConflictError
   * `email_taken`, an unknown unit ValidationError `unknown_unit`. Audited as staff.user_created.
   */
  createUser(input: {
    email: string;
    displayName: string;
    password: string;
    locale?: 'fi' | 'sv' | 'en';
    roles: RoleAssignment[];
    actorId?: string | null;
  }): Promise<{ id: string }>;
  listUsers(): Promise<StaffUserView[]>;
  /** Idempotent: adding a role the user already has changes nothing. */
  addRole(input: { userId: string; assignment: RoleAssignment; actorId: string | null }): Promise<void>;
  /** Refuses (ConflictError `last_admin`) to remove the last active global admin. */
  removeRole(input: { userId: string; assignment: RoleAssignment; actorId: string | null }): Promise<void>;
  /** Signs the user out everywhere; refuses to disable oneself or the last active global admin. */
  disableUser(input: { userId: string; actorId: string | null }): Promise<void>;
  /**
   * Links an OpenID Connect identity (issuer + subject) to the account with this e-mail, for KUULO_OIDC_MATCH=subject
   * or a provider without verified e-mail. NotFoundError `user_not_found`; ConflictError `identity_taken` when the
   * identity belongs to another account. Audited as staff.identity_linked.
   */
  linkIdentity(input: {
    email: string;
    issuer: string;
    subject: string;
    actorId: string | null;
  }): Promise<{ userId: string }>;
}

export interface StaffModule {
  service: StaffService;
  auth: StaffAuth;
  routes: RouteRegistrar;
}

export interface StaffDeps {
  db: Kysely<DB>;
  config: Config;
  audit: AuditLog;
  /** The installation's data key: keys the hashes that stand in for e-mail addresses in login_attempts. */
  hashKey?: Buffer;
  /** For sign-in problems worth an operator's eye (IDs and error codes only). */
  logger?: Logger;
}

export { createStaffModule } from './staff.module.ts';
export { SESSION_COOKIE } from './cookies.ts';
export {
  hasRoleFor,
  can,
  canSomewhere,
  rolesWith,
  scopeRoots,
  ROLE_PERMISSIONS,
  PERMISSIONS,
  STAFF_ROLES,
} from './staff.policy.ts';
export { staffViewer } from './viewer.ts';
