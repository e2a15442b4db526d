import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { AuditLog, AuditModule } from './index.ts';
import { createAuditRepository } from './audit.repository.ts';
import { createAuditService } from './audit.service.ts';
import { auditRoutes } from './audit.routes.ts';

export interface AuditDeps {
  db: Kysely<DB>;
  log: AuditLog;
  auth: StaffAuth;
}

export function createAuditModule(deps: AuditDeps): AuditModule {
  const service = createAuditService({ repository: createAuditRepository(deps.db), log: deps.log });
  return { log: deps.log, service, routes: auditRoutes({ service, auth: deps.auth }) };
}
