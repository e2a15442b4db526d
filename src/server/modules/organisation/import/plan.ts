// Compares an import file with the tree as it is and decides, row by row, what would change. Every check that
// needs more than one row lives here: duplicates, parents, OIDs, cycles, validity, subtree permission. The result
// orders writes parents first, whatever the order of the file.
import type { ImportChange, OrgUnit, UnitImportRow } from '../index.ts';
import { checkDateRange } from '../unit-checks.ts';
import { unitDiff } from '../unit-diff.ts';
import type { SourceProblem } from './source-problem.ts';

export interface PlannedWrite {
  line: number;
  before: OrgUnit | undefined;
  after: OrgUnit;
}

export interface ImportPlan {
  changes: ImportChange[];
  problems: SourceProblem[];
  /** New units, parents before children. */
  creates: PlannedWrite[];
  /** Changed existing units, parents before children. */
  updates: PlannedWrite[];
}

export interface PlanOptions {
  canChange?: (ancestorIds: readonly string[]) => boolean;
}

function applyRow(row: UnitImportRow, before: OrgUnit | undefined): OrgUnit {
  const keep = <T>(value: T | undefined, old: T | null | undefined): T | null =>
    value === undefined ? (old ?? null) : value;
  return {
    id: row.id,
    parentId: row.parentId,
    type: row.type,
    names: { fi: row.nameFi, sv: keep(row.nameSv, before?.names.sv), en: keep(row.nameEn, before?.names.en) },
    oid: keep(row.oid, before?.oid),
    validFrom: keep(row.validFrom, before?.validFrom),
    validTo: keep(row.validTo, before?.validTo),
    mergedIntoId: before?.mergedIntoId ?? null,
  };
}

function changeKind(before: OrgUnit | undefined, after: OrgUnit, fields: string[]): ImportChange['kind'] {
  if (!before) return 'create';
  if (fields.includes('parent_id')) return 'move';
  if (fields.includes('valid_to') && after.validTo !== null) return 'close';
  return fields.length > 0 ? 'update' : 'unchanged';
}

/** Root-first ids from the unit up through parents; stops at a missing parent or a repeat. */
function chain(id: string, parents: ReadonlyMap<string, string | null>): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  let current: string | null | undefined = id;
  while (current && !seen.has(current)) {
    seen.add(current);
    ids.push(current);
    current = parents.get(current);
  }
  return ids.reverse();
}

/** Ids on a cycle of the final tree; a cycle always runs through a row of the file, the database has none. */
function findCycles(
  starts: readonly string[],
  parents: ReadonlyMap<string, string | null>,
): Map<string, string[]> {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles = new Map<string, string[]>();
  for (const start of starts) {
    const path: string[] = [];
    let current: string | null | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = parents.get(current);
    }
    if (current && state.get(current) === 'visiting') {
      const cycle = path.slice(path.indexOf(current));
      for (const id of cycle) cycles.set(id, cycle);
    }
    for (const id of path) state.set(id, 'done');
  }
  return cycles;
}

function describeCycle(cycle: readonly string[], from: string): string {
  const at = cycle.indexOf(from);
  const rotated = [...cycle.slice(at), ...cycle.slice(0, at)];
  const shown = rotated.length > 8 ? [...rotated.slice(0, 7), '…'] : rotated;
  // parent_id points upwards: A → B reads "A is under B".
  return [...shown, from].join(' → ');
}

export function planImport(
  rows: readonly UnitImportRow[],
  existing: readonly OrgUnit[],
  options: PlanOptions = {},
): ImportPlan {
  const problems: SourceProblem[] = [];
  const problem = (
    line: number,
    field: string | undefined,
    code: string,
    params: Record<string, string | number> = {},
  ) => problems.push({ line, ...(field ? { field } : {}), code, params });
  const current = new Map(existing.map((u) => [u.id, u]));
  const currentParents = new Map(existing.map((u) => [u.id, u.parentId]));

  const firstLine = new Map<string, number>();
  const writes: PlannedWrite[] = [];
  for (const row of rows) {
    const seen = firstLine.get(row.id);
    if (seen !== undefined) {
      problem(row.line, 'id', 'duplicate_id', { id: row.id, firstLine: seen });
      continue;
    }
    firstLine.set(row.id, row.line);
    const before = current.get(row.id);
    writes.push({ line: row.line, before, after: applyRow(row, before) });
  }

  const finalParents = new Map(currentParents);
  for (const w of writes) finalParents.set(w.after.id, w.after.parentId);

  // OIDs: units outside the file keep theirs; rows claim theirs in file order.
  const oidHolders = new Map<string, { id: string; line?: number }>();
  for (const unit of existing) {
    if (unit.oid && !firstLine.has(unit.id)) oidHolders.set(unit.oid, { id: unit.id });
  }

  for (const { line, before, after } of writes) {
    const parentChanged = !before || before.parentId !== after.parentId;
    if (after.parentId !== null) {
      const parent = current.get(after.parentId);
      if (!parent && !firstLine.has(after.parentId)) {
        problem(line, 'parent_id', 'parent_not_found', { parentId: after.parentId });
      } else if (parent?.mergedIntoId && parentChanged) {
        problem(line, 'parent_id', 'parent_merged', { parentId: parent.id, into: parent.mergedIntoId });
      }
    }
    if (before?.mergedIntoId && (parentChanged || before.validTo !== after.validTo)) {
      problem(line, parentChanged ? 'parent_id' : 'valid_to', 'unit_merged', {
        id: after.id,
        into: before.mergedIntoId,
      });
    }
    if (after.oid) {
      const holder = oidHolders.get(after.oid);
      if (!holder) oidHolders.set(after.oid, { id: after.id, line });
      else if (holder.line !== undefined) {
        problem(line, 'oid', 'duplicate_oid_in_file', { oid: after.oid, firstLine: holder.line });
      } else {
        problem(line, 'oid', 'duplicate_oid', { oid: after.oid, id: holder.id });
      }
    }
    for (const p of checkDateRange(after.validFrom, after.validTo)) problem(line, p.field, p.code, p.params);
  }

  const cycles = findCycles(
    writes.map((w) => w.after.id),
    finalParents,
  );
  for (const { line, after } of writes) {
    const cycle = cycles.get(after.id);
    if (cycle) problem(line, 'parent_id', 'cycle', { path: describeCycle(cycle, after.id) });
  }

  const changes: ImportChange[] = writes.map(({ line, before, after }) => {
    const diff = before ? unitDiff(before, after) : {};
    const fields = Object.keys(diff);
    const kind = changeKind(before, after, fields);
    return { kind, unitId: after.id, line, ...(before ? { fields, diff } : {}) };
  });

  if (options.canChange) {
    changes.forEach((change) => {
      if (change.kind === 'unchanged' || cycles.has(change.unitId)) return;
      const now = current.has(change.unitId) ? chain(change.unitId, currentParents) : [];
      const after = chain(change.unitId, finalParents);
      if ((now.length > 0 && !options.canChange?.(now)) || !options.canChange?.(after)) {
        problem(change.line, undefined, 'forbidden_unit', { id: change.unitId });
      }
    });
  }

  const depths = new Map(writes.map((w) => [w.after.id, chain(w.after.id, finalParents).length]));
  const depth = (w: PlannedWrite) => depths.get(w.after.id) ?? 0;
  const byDepth = (a: PlannedWrite, b: PlannedWrite) => depth(a) - depth(b) || a.line - b.line;
  const changed = new Set(changes.filter((c) => c.kind !== 'unchanged').map((c) => c.unitId));
  return {
    changes,
    problems: problems.sort((a, b) => a.line - b.line),
    creates: writes.filter((w) => !w.before).sort(byDepth),
    updates: writes.filter((w) => w.before && changed.has(w.after.id)).sort(byDepth),
  };
}
