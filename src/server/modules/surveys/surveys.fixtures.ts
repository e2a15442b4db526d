// Test fixtures: a small organisation tree in the database (publications reference org_units) with an
// in-memory OrganisationService over it, and a StaffAuth fake that reads the principal from a header.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ForbiddenError, UnauthorizedError } from '../../errors.ts';
import type { OrgUnit, OrgUnitType } from '../organisation/index.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';
import type { SurveysOrganisation } from './index.ts';

const TREE: [id: string, parentId: string | null, type: OrgUnitType, name: string][] = [
  ['div', null, 'division', 'Sosiaali- ja terveystoimiala'],
  ['area1', 'div', 'service_area', 'Perhe- ja sosiaalipalvelut'],
  ['svc1', 'area1', 'service', 'Lastensuojelu'],
  ['unit1', 'svc1', 'unit', 'Perheneuvola Itä'],
  ['site1', 'unit1', 'site', 'Perheneuvola Itä, Kontula'],
  ['area2', 'div', 'service_area', 'Terveys- ja päihdepalvelut'],
  ['unit2', 'area2', 'unit', 'Terveysasema Kallio'],
];

export async function insertTestTree(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('org_units')
    .values(TREE.map(([id, parent_id, type, name_fi]) => ({ id, parent_id, type, name_fi })))
    .execute();
}

/** Empties the surveys tables so one database serves many tests (a fresh PGlite costs seconds). */
export async function clearSurveys(db: Kysely<DB>): Promise<void> {
  await db.updateTable('surveys').set({ current_version_id: null }).execute();
  await db.deleteFrom('survey_publications').execute();
  await db.deleteFrom('survey_versions').execute();
  await db.deleteFrom('surveys').execute();
  await db.deleteFrom('audit_log').execute();
}

export interface FakeOrganisation extends SurveysOrganisation {
  calls: { ancestors: number };
}

export function fakeOrganisation(): FakeOrganisation {
  const units: OrgUnit[] = TREE.map(([id, parentId, type, name]) => ({
    id,
    parentId,
    type,
    names: { fi: name, sv: null, en: null },
    oid: null,
    validFrom: null,
    validTo: null,
    mergedIntoId: null,
  }));
  const byId = new Map(units.map((u) => [u.id, u]));
  const ancestors = (id: string): OrgUnit[] => {
    const unit = byId.get(id);
    if (!unit) return [];
    return [...(unit.parentId ? ancestors(unit.parentId) : []), unit];
  };
  const fake: FakeOrganisation = {
    calls: { ancestors: 0 },
    getUnit: async (id) => byId.get(id),
    listUnits: async () => units,
    async ancestors(id) {
      fake.calls.ancestors += 1;
      return ancestors(id);
    },
  };
  return fake;
}

export const PRINCIPALS: Record<string, StaffPrincipal> = {
  admin: principal('admin', 1, [{ role: 'admin', unitId: null }]),
  area1: principal('area1', 2, [{ role: 'coordinator', unitId: 'area1' }]),
  analyst: principal('analyst', 3, [{ role: 'analyst', unitId: null }]),
};

function principal(name: string, n: number, roles: StaffPrincipal['roles']): StaffPrincipal {
  return {
    userId: `00000000-0000-4000-8000-00000000000${n}`,
    email: `${name}@example.test`,
    displayName: name,
    locale: 'fi',
    roles,
    csrfToken: `csrf-${name}`,
  };
}

/** The principal comes from the x-test-staff header; POSTs need its csrf token in the _csrf field. */
export function fakeStaffAuth(): StaffAuth {
  return {
    register(app) {
      app.decorateRequest('staff', null);
      app.addHook('onRequest', async (request) => {
        const name = request.headers['x-test-staff'];
        request.staff = typeof name === 'string' ? (PRINCIPALS[name] ?? null) : null;
      });
    },
    requireStaff(options) {
      return async (request) => {
        const staff = request.staff;
        if (!staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
        if (options?.roles && !staff.roles.some((r) => options.roles?.includes(r.role))) {
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        }
        const body = request.body as Record<string, unknown> | undefined;
        if (request.method === 'POST' && body?._csrf !== staff.csrfToken) {
          throw new ForbiddenError('csrf_failed', 'errors.csrf_failed');
        }
      };
    },
    hasRoleFor: (p, roles, ancestorIds) =>
      p.roles.some((r) => roles.includes(r.role) && (r.unitId === null || ancestorIds.includes(r.unitId))),
  };
}
