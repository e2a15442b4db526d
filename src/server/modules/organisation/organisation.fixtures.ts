// Test support: the organisation service on a fresh database, and a closure table computed independently from
// parent_id, so tests can compare what the service maintained with what it should be.
import { sql } from 'kysely';
import type { Database, Engine } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { createAuditLog } from '../audit/index.ts';
import type { FullOrganisationService } from './index.ts';
import { createOrganisationModule, createOrganisationService } from './organisation.module.ts';
import pino from 'pino';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { ForbiddenError, UnauthorizedError } from '../../errors.ts';
import type { RoleAssignment, StaffAuth, StaffPrincipal } from '../staff/index.ts';

export interface OrganisationTestKit {
  database: Database;
  service: FullOrganisationService;
  /** Empties the tree (and anything that points at it), so one database serves a whole test file. */
  reset(): Promise<void>;
  /** Closure rows as stored, sorted "ancestor>descendant:depth". */
  storedClosure(): Promise<string[]>;
  /** Closure rows as they must be for the current parent_id values. */
  expectedClosure(): Promise<string[]>;
  close(): Promise<void>;
}

export const FIXED_NOW = new Date('2026-06-15T09:00:00Z');
export const TEST_CONTEXT = { actorId: null, source: 'test' };

export async function openOrganisationKit(
  engine: Engine,
  now: () => Date = () => FIXED_NOW,
): Promise<OrganisationTestKit> {
  const database = await openTestDatabase(engine);
  const { db } = database;
  const service = createOrganisationService({ db, audit: createAuditLog(db), now });
  return {
    database,
    service,
    async reset() {
      // responses is named: it refers to units through a trigger, not a foreign key (ADR 0009), so cascade skips it.
      await sql`truncate responses, org_units, org_unit_closure, org_unit_events, audit_log restart identity cascade`.execute(
        db,
      );
    },
    async storedClosure() {
      const rows = await db.selectFrom('org_unit_closure').selectAll().execute();
      return rows.map((r) => `${r.ancestor_id}>${r.descendant_id}:${r.depth}`).sort();
    },
    async expectedClosure() {
      const units = await db.selectFrom('org_units').select(['id', 'parent_id']).execute();
      const parents = new Map(units.map((u) => [u.id, u.parent_id]));
      const rows: string[] = [];
      for (const unit of units) {
        let current: string | null | undefined = unit.id;
        for (let depth = 0; current; depth++) {
          rows.push(`${current}>${unit.id}:${depth}`);
          current = parents.get(current);
        }
      }
      return rows.sort();
    },
    close: () => database.close(),
  };
}

/** A small tree as CSV: root → two areas → services → units. */
export const SMALL_TREE_CSV = [
  'id,parent_id,type,name_fi,name_sv,name_en,oid,valid_from,valid_to',
  'root,,division,Sosiaali- ja terveystoimiala,Social- och hälsovårdssektorn,Social Services and Health Care,,,',
  'area-a,root,service_area,Perhe- ja sosiaalipalvelut,Familje- och socialtjänster,Family and social services,,,',
  'area-b,root,service_area,Terveys- ja päihdepalvelut,Hälso- och missbrukarvård,Health and substance abuse services,,,',
  'svc-a1,area-a,service,Lastensuojelu,Barnskydd,Child welfare,,,',
  'svc-b1,area-b,service,Terveysasemat,Hälsostationer,Health stations,,,',
  'unit-b1x,svc-b1,unit,Kallion terveysasema,Berghälls hälsostation,Kallio health station,1.2.246.10.1234567.10.1,2020-01-01,',
  'unit-b1y,svc-b1,unit,Vallilan terveysasema,Vallgårds hälsostation,Vallila health station,1.2.246.10.1234567.10.2,,',
].join('\n');

/** A stand-in for the staff module's auth: the principal comes as JSON in the x-test-staff header. */
export function fakeStaffAuth(): StaffAuth {
  return {
    register(app) {
      app.decorateRequest('staff', null);
      app.addHook('onRequest', async (request) => {
        const header = request.headers['x-test-staff'];
        if (typeof header === 'string') request.staff = JSON.parse(header) as StaffPrincipal;
      });
    },
    requireStaff(options = {}) {
      return async (request) => {
        const principal = request.staff;
        if (!principal) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
        const body = request.body as { _csrf?: string } | undefined;
        if (request.method === 'POST' && body?._csrf !== principal.csrfToken) {
          throw new ForbiddenError('csrf_failed', 'errors.csrf_failed');
        }
        if (options.roles && !principal.roles.some((r) => options.roles?.includes(r.role))) {
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        }
      };
    },
    hasRoleFor(principal, roles, ancestorIds) {
      return principal.roles.some(
        (r) => roles.includes(r.role) && (r.unitId === null || ancestorIds.includes(r.unitId)),
      );
    },
  };
}

export function testPrincipal(name: string, roles: RoleAssignment[]): StaffPrincipal {
  return {
    userId: `00000000-0000-4000-8000-00000000000${roles.length}`,
    email: `${name}@example.fi`,
    displayName: name,
    locale: 'fi',
    roles,
    csrfToken: `csrf-${name}`,
  };
}

export interface OrganisationHttpKit extends OrganisationTestKit {
  app: HttpApp;
}

/** The organisation module's routes in a small HTTP app with the fake auth. */
export async function openOrganisationHttpKit(engine: Engine): Promise<OrganisationHttpKit> {
  const kit = await openOrganisationKit(engine);
  const auth = fakeStaffAuth();
  const module = createOrganisationModule({
    db: kit.database.db,
    auth,
    audit: createAuditLog(kit.database.db),
  });
  const app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    rootHooks: [auth.register],
    routes: [module.routes],
  });
  await app.ready();
  return {
    ...kit,
    service: module.service,
    app,
    async close() {
      await app.close();
      await kit.close();
    },
  };
}
