import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Open311ClientService, Open311Deps, Open311Module } from './index.ts';
import { createClientService } from './open311.clients.ts';
import { open311Routes } from './open311.routes.ts';

export function createOpen311ClientService(db: Kysely<DB>): Open311ClientService {
  return createClientService(db);
}

export function createOpen311Module(deps: Open311Deps): Open311Module {
  const clients = createClientService(deps.db);
  return {
    clients,
    routes: open311Routes({
      feedback: deps.feedback,
      organisation: deps.organisation,
      clients,
      publicUrl: deps.publicUrl,
      publicLog: deps.publicLog ?? (async () => new Map()),
    }),
  };
}
