import type { OrganisationDeps, OrganisationModule } from './index.ts';

export function createOrganisationModule(_deps: OrganisationDeps): OrganisationModule {
  throw new Error('organisation module: not implemented yet');
}
