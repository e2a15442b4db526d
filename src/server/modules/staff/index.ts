// Staff: local accounts, password hashing, sessions, CSRF, login rate limit, and roles scoped to an
// organisation subtree. Every staff feature asks StaffAuth who the user is and whether they may act on a unit.
import type { Kysely } from 'kysely';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { AuditLog } from '../audit/index.ts';

export type StaffRole = 'admin' | 'coordinator' | 'analyst' | 'manager' | 'staff';

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
   * x-csrf-token).
   */
  requireStaff(options?: { roles?: StaffRole[] }): preHandlerAsyncHookHandler;
  /** True when one of the principal's roles in `roles` is global or assigned at one of the unit's ancestors. */
  hasRoleFor(principal: StaffPrincipal, roles: StaffRole[], unitAncestorIds: readonly string[]): boolean;
}

export interface StaffService {
  createUser(input: {
    email: string;
    displayName: string;
    password: string;
    locale?: 'fi' | 'sv' | 'en';
    roles: RoleAssignment[];
  }): Promise<{ id: string }>;
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
}

export { createStaffModule } from './staff.module.ts';
