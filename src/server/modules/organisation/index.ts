// Organisation: the tree of division → service area → service → unit → site, its closure table, imports,
// moves, merges and closures with history. Owns org_units, org_unit_closure, org_unit_events.
// Must not know about surveys or responses: a response keeps its unit_id whatever happens to the tree, and
// figures follow the closure table. Nothing here is cached, so any number of instances can run side by side.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { AuditLog } from '../audit/index.ts';

export type OrgUnitType = 'division' | 'service_area' | 'service' | 'unit' | 'site' | 'other';

export interface UnitNames {
  fi: string;
  sv: string | null;
  en: string | null;
}

export interface OrgUnit {
  id: string;
  parentId: string | null;
  type: OrgUnitType;
  names: UnitNames;
  oid: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
}

/**
 * One row of an import (CSV or JSON) after parsing; line is the source line for error messages.
 * An optional field that is undefined was absent from the file (no such CSV column, no such JSON key): an
 * existing unit keeps its value. null means the file gave an empty value.
 */
export interface UnitImportRow {
  line: number;
  id: string;
  parentId: string | null;
  type: OrgUnitType;
  nameFi: string;
  nameSv?: string | null;
  nameEn?: string | null;
  oid?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface FieldChange {
  from: string | null;
  to: string | null;
}

export interface ImportChange {
  kind: 'create' | 'update' | 'move' | 'close' | 'unchanged';
  unitId: string;
  line: number;
  /** Changed fields in the file's own names (parent_id, name_fi, …). */
  fields?: string[];
  diff?: Record<string, FieldChange>;
}

export interface ImportError {
  line: number;
  field?: string;
  code: string;
  /** In the language asked for (options.lang, Finnish by default). */
  message: string;
  messageKey: string;
  params: Record<string, string | number>;
}

export interface ImportReport {
  dryRun: boolean;
  changes: ImportChange[];
  errors: ImportError[];
  applied: boolean;
}

export interface ImportOptions {
  dryRun: boolean;
  actorId: string | null;
  source: string;
  lang?: Language;
  /**
   * Subtree permission for each changed unit: given the unit's ancestor ids (root first, as they are now and as
   * they would be after the import), may the importing person change it? Rows refused here become errors.
   */
  canChange?: (ancestorIds: readonly string[]) => boolean;
  onProgress?: (stage: 'validate' | 'apply', done: number, total: number) => void;
}

export interface ChangeContext {
  actorId: string | null;
  /** Where the change came from, kept in the event history: 'staff-ui', 'cli', 'api', 'import', 'demo'. */
  source: string;
}

export interface NewUnit {
  id: string;
  parentId: string | null;
  type: OrgUnitType;
  names: UnitNames;
  oid?: string | null;
  validFrom?: string | null;
}

export interface UnitPatch {
  type?: OrgUnitType;
  names?: UnitNames;
  oid?: string | null;
  validFrom?: string | null;
}

export interface OrgUnitEvent {
  id: number;
  unitId: string;
  kind: 'created' | 'updated' | 'moved' | 'merged' | 'closed' | 'reopened';
  fromParentId: string | null;
  toParentId: string | null;
  mergedIntoId: string | null;
  changes: Record<string, unknown>;
  actorId: string | null;
  source: string;
  createdAt: Date;
}

export interface UnitSearchHit {
  unit: OrgUnit;
  /** Ancestors root first, without the unit itself. */
  path: { id: string; names: UnitNames }[];
}

/** What other modules use: read the tree, test membership on the hot intake path, import. */
export interface OrganisationService {
  getUnit(id: string): Promise<OrgUnit | undefined>;
  /**
   * The tree's public data, parents before children (depth-first, siblings by Finnish name). Without
   * includeClosed, merged units, units past their valid_to, and everything below them are left out.
   */
  listUnits(options?: { includeClosed?: boolean; rootId?: string }): Promise<OrgUnit[]>;
  /** By name (fi/sv/en), id or exact OID; each hit with its path. Open units only unless includeClosed. */
  searchUnits(query: string, options?: { limit?: number; includeClosed?: boolean }): Promise<UnitSearchHit[]>;
  /** Ids of the unit and everything below it, merged and closed units included (their history counts). */
  subtreeIds(rootId: string): Promise<string[]>;
  /** Ancestors of the unit, root first, the unit itself last. One indexed query. */
  ancestors(unitId: string): Promise<OrgUnit[]>;
  /** True when ancestorId is unitId or one of its ancestors. One indexed query. */
  isWithin(unitId: string, ancestorId: string): Promise<boolean>;
  /** Parses CSV or JSON and applies it (or only reports, with dryRun). Never applies a file with errors. */
  importUnits(
    input: { format: 'csv' | 'json'; content: string },
    options: ImportOptions,
  ): Promise<ImportReport>;
}

/** Changes to single units and the staff views; used by this module's pages and the CLI. */
export interface OrganisationAdministration {
  listChildren(id: string, options?: { includeClosed?: boolean }): Promise<OrgUnit[]>;
  listEvents(unitId: string): Promise<OrgUnitEvent[]>;
  createUnit(input: NewUnit, context: ChangeContext): Promise<OrgUnit>;
  updateUnit(id: string, patch: UnitPatch, context: ChangeContext): Promise<OrgUnit>;
  /** Moves the unit and its subtree; newParentId null makes it a root. Refuses a move under itself. */
  moveUnit(id: string, newParentId: string | null, context: ChangeContext): Promise<OrgUnit>;
  /**
   * Merges the unit into another: it ends (valid_to), points to the target, and moves under it with its whole
   * history; its open children move directly under the target. Responses are never touched.
   */
  mergeUnit(id: string, intoId: string, context: ChangeContext & { date?: string }): Promise<OrgUnit>;
  /** Ends the unit and every open unit below it on validTo (the last day of operation). Returns closed ids. */
  closeUnit(id: string, validTo: string, context: ChangeContext): Promise<string[]>;
  reopenUnit(id: string, context: ChangeContext): Promise<OrgUnit>;
}

export type FullOrganisationService = OrganisationService & OrganisationAdministration;

export interface OrganisationModule {
  service: FullOrganisationService;
  routes: RouteRegistrar;
}

export interface OrganisationDeps {
  db: Kysely<DB>;
  auth: StaffAuth;
  audit: AuditLog;
  /** The clock, for "today" in Europe/Helsinki; tests pass a fixed one. */
  now?: () => Date;
}

export { createOrganisationModule, createOrganisationService } from './organisation.module.ts';
export { UNIT_TYPES } from './unit-fields.ts';
