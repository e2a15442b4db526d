import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OrganisationDeps, OrganisationModule, FullOrganisationService } from './index.ts';
import { createOrganisationRepository } from './organisation.repository.ts';
import { createUnitChanges, createUnitQueries } from './organisation.service.ts';
import { createUnitImporter } from './unit-import.service.ts';
import { unitsApiRoutes } from './units-api.routes.ts';
import { unitsStaffRoutes } from './units-staff.routes.ts';
import { unitsImportRoutes } from './units-import.routes.ts';

/** The service alone, for the CLI, the demo seeder and benchmarks that need no HTTP or staff sign-in. */
export function createOrganisationService(deps: {
  db: Kysely<DB>;
  audit: AuditLog;
  now?: () => Date;
}): FullOrganisationService {
  const repo = createOrganisationRepository(deps.db);
  const serviceDeps = { repo, audit: deps.audit, now: deps.now ?? (() => new Date()) };
  return {
    ...createUnitQueries(serviceDeps),
    ...createUnitChanges(serviceDeps),
    importUnits: createUnitImporter(serviceDeps),
  };
}

export function createOrganisationModule(deps: OrganisationDeps): OrganisationModule {
  const service = createOrganisationService(deps);
  return {
    service,
    async routes(app) {
      await unitsApiRoutes(service)(app);
      await unitsStaffRoutes(service, deps.auth)(app);
      await unitsImportRoutes(service, deps.auth)(app);
    },
  };
}
