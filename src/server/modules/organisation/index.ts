// Organisation: the tree of division → service area → service → unit → site, its closure table, imports,
// moves, merges and closures with history. Owns org_units, org_unit_closure, org_unit_events.
// Must not know about surveys or responses.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { AuditLog } from '../audit/index.ts';

export type OrgUnitType = 'division' | 'service_area' | 'service' | 'unit' | 'site' | 'other';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  type: OrgUnitType;
  names: { fi: string; sv: string | null; en: string | null };
  oid: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
}

/** One row of an import (CSV or JSON) after parsing; line is the source line for error messages. */
export interface UnitImportRow {
  line: number;
  id: string;
  parentId: string | null;
  type: OrgUnitType;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  oid: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ImportChange {
  kind: 'create' | 'update' | 'move' | 'close' | 'unchanged';
  unitId: string;
  line: number;
  fields?: string[];
}

export interface ImportReport {
  dryRun: boolean;
  changes: ImportChange[];
  errors: { line: number; field?: string; code: string; message: string }[];
  applied: boolean;
}

export interface OrganisationService {
  getUnit(id: string): Promise<OrgUnit | undefined>;
  /** The whole tree's public data, parents before children. */
  listUnits(options?: { includeClosed?: boolean }): Promise<OrgUnit[]>;
  /** Ids of the unit and everything below it. */
  subtreeIds(rootId: string): Promise<string[]>;
  /** Ancestors of the unit, root first, the unit itself last. */
  ancestors(unitId: string): Promise<OrgUnit[]>;
  isWithin(unitId: string, ancestorId: string): Promise<boolean>;
  /** Parses CSV or JSON and applies it (or only reports, with dryRun). Never applies a file with errors. */
  importUnits(
    input: { format: 'csv' | 'json'; content: string },
    options: { dryRun: boolean; actorId: string | null; source: string },
  ): Promise<ImportReport>;
}

export interface OrganisationModule {
  service: OrganisationService;
  routes: RouteRegistrar;
}

export interface OrganisationDeps {
  db: Kysely<DB>;
  auth: StaffAuth;
  audit: AuditLog;
}

export { createOrganisationModule } from './organisation.module.ts';
