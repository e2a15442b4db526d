// Decisions about the tree: who may sit under whom, what a move, merge or close does to history. Every change
// runs in one transaction under the tree lock and writes its event and audit entry in that same transaction.
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type {
  ChangeContext,
  NewUnit,
  OrgUnit,
  OrganisationAdministration,
  OrganisationService,
  UnitPatch,
} from './index.ts';
import type { OrganisationRepository } from './organisation.repository.ts';
import { checkDateRange, checkUnitInput, type FieldProblem, type UnitInput } from './unit-checks.ts';
import { helsinkiDate, isClosedOn } from './unit-fields.ts';
import { openUnits, treeOrder } from './tree-order.ts';
import { snapshot, unitDiff } from './unit-diff.ts';

export interface OrganisationServiceDeps {
  repo: OrganisationRepository;
  audit: AuditLog;
  now: () => Date;
}

export function unitNotFound(id: string): NotFoundError {
  return new NotFoundError('unit_not_found', 'organisation.error_unit_not_found', { id });
}

function assertValid(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  const fields = [...new Set(problems.map((p) => p.field))].join(', ');
  throw new ValidationError('invalid_unit', 'organisation.error_invalid_unit', { fields }, problems);
}

type QueryPart = Omit<OrganisationService, 'importUnits'> &
  Pick<OrganisationAdministration, 'listChildren' | 'listEvents'>;
type ChangePart = Omit<OrganisationAdministration, 'listChildren' | 'listEvents'>;

export function createUnitQueries({ repo, now }: OrganisationServiceDeps): QueryPart {
  const today = () => helsinkiDate(now());
  return {
    getUnit: (id) => repo.getUnit(id),
    async listUnits(options = {}) {
      const units = options.rootId ? await repo.listSubtree(options.rootId) : await repo.listAll();
      if (options.rootId && units.length === 0) throw unitNotFound(options.rootId);
      const ordered = treeOrder(units);
      return options.includeClosed ? ordered : openUnits(ordered, today());
    },
    listChildren: (id, options = {}) => repo.listChildren(id, options.includeClosed ? null : today()),
    async searchUnits(query, options = {}) {
      const text = query.trim();
      if (text === '') return [];
      return repo.search(text, Math.min(options.limit ?? 50, 200), options.includeClosed ? null : today());
    },
    listEvents: (unitId) => repo.listEvents(unitId),
    subtreeIds: (rootId) => repo.subtreeIds(rootId),
    ancestors: (unitId) => repo.ancestors(unitId),
    isWithin: (unitId, ancestorId) => repo.isWithin(unitId, ancestorId),
  };
}

export function createUnitChanges({ repo, audit, now }: OrganisationServiceDeps): ChangePart {
  const today = () => helsinkiDate(now());

  async function mustGet(tx: OrganisationRepository, id: string): Promise<OrgUnit> {
    const unit = await tx.getUnit(id);
    if (!unit) throw unitNotFound(id);
    return unit;
  }

  async function openParent(tx: OrganisationRepository, parentId: string): Promise<OrgUnit> {
    const parent = await tx.getUnit(parentId);
    if (!parent)
      throw new ValidationError('parent_not_found', 'organisation.error_parent_not_found', { id: parentId });
    if (isClosedOn(parent, today())) {
      throw new ValidationError('parent_closed', 'organisation.error_parent_closed', { id: parentId });
    }
    return parent;
  }

  async function assertOidFree(tx: OrganisationRepository, oid: string | null | undefined, ownerId: string) {
    if (!oid) return;
    const holder = await tx.getUnitByOid(oid);
    if (holder && holder.id !== ownerId)
      throw new ValidationError('duplicate_oid', 'organisation.error_duplicate_oid', { oid, id: holder.id });
  }

  function record(tx: OrganisationRepository, action: string, unitId: string, context: ChangeContext) {
    return audit.record(
      {
        actorId: context.actorId,
        action,
        targetType: 'org_unit',
        targetId: unitId,
        details: { source: context.source },
      },
      tx.executor,
    );
  }

  return {
    async createUnit(input: NewUnit, context) {
      const candidate: UnitInput = { ...input, validTo: null };
      assertValid([...checkUnitInput(candidate), ...checkDateRange(input.validFrom ?? null, null)]);
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        if (await tx.getUnit(input.id)) {
          throw new ConflictError('unit_exists', 'organisation.error_unit_exists', { id: input.id });
        }
        if (input.parentId !== null) await openParent(tx, input.parentId);
        await assertOidFree(tx, input.oid, input.id);
        const unit: OrgUnit = {
          id: input.id,
          parentId: input.parentId,
          type: input.type,
          names: {
            fi: input.names.fi.trim(),
            sv: input.names.sv?.trim() || null,
            en: input.names.en?.trim() || null,
          },
          oid: input.oid ?? null,
          validFrom: input.validFrom ?? null,
          validTo: null,
          mergedIntoId: null,
        };
        await tx.insertUnits([unit]);
        await tx.rebuildClosure([unit.id]);
        await tx.insertEvents([
          {
            unitId: unit.id,
            kind: 'created',
            toParentId: unit.parentId,
            changes: snapshot(unit),
            ...actor(context),
          },
        ]);
        await record(tx, 'organisation.unit_created', unit.id, context);
        return unit;
      });
    },

    async updateUnit(id, patch: UnitPatch, context) {
      assertValid(
        checkUnitInput({ type: patch.type, names: patch.names, oid: patch.oid, validFrom: patch.validFrom }),
      );
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        const before = await mustGet(tx, id);
        const after: OrgUnit = {
          ...before,
          type: patch.type ?? before.type,
          names: patch.names
            ? {
                fi: patch.names.fi.trim(),
                sv: patch.names.sv?.trim() || null,
                en: patch.names.en?.trim() || null,
              }
            : before.names,
          oid: patch.oid === undefined ? before.oid : patch.oid,
          validFrom: patch.validFrom === undefined ? before.validFrom : patch.validFrom,
        };
        assertValid(checkDateRange(after.validFrom, after.validTo));
        const changes = unitDiff(before, after);
        if (Object.keys(changes).length === 0) return before;
        if (changes.oid) await assertOidFree(tx, after.oid, id);
        await tx.updateUnits([after]);
        await tx.insertEvents([{ unitId: id, kind: 'updated', changes, ...actor(context) }]);
        await record(tx, 'organisation.unit_updated', id, context);
        return after;
      });
    },

    async moveUnit(id, newParentId, context) {
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        const unit = await mustGet(tx, id);
        if (unit.parentId === newParentId) return unit;
        if (newParentId !== null) {
          if (newParentId === id || (await tx.isWithin(newParentId, id))) {
            throw new ValidationError('unit_move_cycle', 'organisation.error_unit_move_cycle', {
              id,
              parentId: newParentId,
            });
          }
          await openParent(tx, newParentId);
        }
        const subtree = await tx.subtreeIds(id);
        const moved = { ...unit, parentId: newParentId };
        await tx.updateUnits([moved]);
        await tx.rebuildClosure(subtree);
        await tx.insertEvents([
          {
            unitId: id,
            kind: 'moved',
            fromParentId: unit.parentId,
            toParentId: newParentId,
            ...actor(context),
          },
        ]);
        await record(tx, 'organisation.unit_moved', id, context);
        return moved;
      });
    },

    async mergeUnit(id, intoId, context) {
      const date = context.date ?? today();
      assertValid(checkUnitInput({ validTo: date }));
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        const unit = await mustGet(tx, id);
        const target = await mustGet(tx, intoId);
        if (id === intoId)
          throw new ValidationError('merge_into_self', 'organisation.error_merge_into_self', { id });
        if (unit.mergedIntoId !== null) {
          throw new ConflictError('unit_merged', 'organisation.error_unit_merged', {
            id,
            into: unit.mergedIntoId,
          });
        }
        if (isClosedOn(target, today())) {
          throw new ValidationError('merge_target_closed', 'organisation.error_merge_target_closed', {
            id: intoId,
          });
        }
        if (await tx.isWithin(intoId, id)) {
          throw new ValidationError('merge_into_descendant', 'organisation.error_merge_into_descendant', {
            id,
            into: intoId,
          });
        }
        const validTo = unit.validTo !== null && unit.validTo < date ? unit.validTo : date;
        assertValid(checkDateRange(unit.validFrom, validTo));
        // Open children join the target directly, so the open tree never hangs below a merged unit; closed ones
        // stay where they were, inside the merged unit's history, which now sits under the target as well.
        const children = await tx.listChildren(id, today());
        const subtree = await tx.subtreeIds(id);
        const merged: OrgUnit = { ...unit, parentId: intoId, mergedIntoId: intoId, validTo };
        await tx.updateUnits([...children.map((c) => ({ ...c, parentId: intoId })), merged]);
        await tx.rebuildClosure(subtree);
        await tx.insertEvents([
          ...children.map((c) => ({
            unitId: c.id,
            kind: 'moved' as const,
            fromParentId: id,
            toParentId: intoId,
            changes: { reason: 'merge', mergedUnitId: id },
            ...actor(context),
          })),
          ...(unit.parentId === intoId
            ? []
            : [
                {
                  unitId: id,
                  kind: 'moved' as const,
                  fromParentId: unit.parentId,
                  toParentId: intoId,
                  ...actor(context),
                },
              ]),
          {
            unitId: id,
            kind: 'merged',
            mergedIntoId: intoId,
            changes: { valid_to: { from: unit.validTo, to: validTo } },
            ...actor(context),
          },
        ]);
        await record(tx, 'organisation.unit_merged', id, context);
        return merged;
      });
    },

    async closeUnit(id, validTo, context) {
      assertValid(checkUnitInput({ validTo }));
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        const unit = await mustGet(tx, id);
        if (unit.mergedIntoId !== null) {
          throw new ConflictError('unit_merged', 'organisation.error_unit_merged', {
            id,
            into: unit.mergedIntoId,
          });
        }
        const targets = (await tx.listSubtree(id)).filter(
          (u) => u.mergedIntoId === null && (u.validTo === null || u.validTo > validTo),
        );
        const tooEarly = targets.find((u) => u.validFrom !== null && u.validFrom > validTo);
        if (tooEarly) {
          throw new ValidationError('invalid_date_range', 'organisation.error_close_before_start', {
            id: tooEarly.id,
            from: tooEarly.validFrom ?? '',
          });
        }
        await tx.updateUnits(targets.map((u) => ({ ...u, validTo })));
        await tx.insertEvents(
          targets.map((u) => ({
            unitId: u.id,
            kind: 'closed' as const,
            changes: {
              valid_to: { from: u.validTo, to: validTo },
              ...(u.id === id ? {} : { closedWith: id }),
            },
            ...actor(context),
          })),
        );
        await record(tx, 'organisation.unit_closed', id, context);
        return targets.map((u) => u.id);
      });
    },

    async reopenUnit(id, context) {
      return repo.transaction(async (tx) => {
        await tx.lockTree();
        const unit = await mustGet(tx, id);
        if (unit.mergedIntoId !== null) {
          throw new ConflictError('unit_merged', 'organisation.error_unit_merged', {
            id,
            into: unit.mergedIntoId,
          });
        }
        if (unit.validTo === null) return unit;
        const parent = unit.parentId === null ? undefined : await tx.getUnit(unit.parentId);
        if (parent && isClosedOn(parent, today())) {
          throw new ConflictError('parent_closed', 'organisation.error_parent_closed', { id: parent.id });
        }
        const reopened = { ...unit, validTo: null };
        await tx.updateUnits([reopened]);
        await tx.insertEvents([
          {
            unitId: id,
            kind: 'reopened',
            changes: { valid_to: { from: unit.validTo, to: null } },
            ...actor(context),
          },
        ]);
        await record(tx, 'organisation.unit_reopened', id, context);
        return reopened;
      });
    },
  };
}

function actor(context: ChangeContext): ChangeContext {
  return { actorId: context.actorId, source: context.source };
}
