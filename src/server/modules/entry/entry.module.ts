import type { EntryDeps, EntryModule } from './index.ts';
import { createEntryRepository } from './entry.repository.ts';
import { createEntryService } from './entry.service.ts';
import { entryRoutes } from './entry.routes.ts';

export function createEntryModule(deps: EntryDeps): EntryModule {
  const service = createEntryService(deps, createEntryRepository(deps.db));
  return { service, routes: entryRoutes({ ...deps, service }) };
}
