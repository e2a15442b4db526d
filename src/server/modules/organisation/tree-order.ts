import type { OrgUnit } from './index.ts';
import { isClosedOn } from './unit-fields.ts';

const collator = new Intl.Collator('fi', { sensitivity: 'base', numeric: true });

function bySiblingOrder(a: OrgUnit, b: OrgUnit): number {
  return collator.compare(a.names.fi, b.names.fi) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Depth-first pre-order: every parent before its children, siblings by Finnish name. Units whose parent is not
 * in the list are roots here (the whole tree's roots, or the top of a subtree).
 */
export function treeOrder(units: readonly OrgUnit[]): OrgUnit[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    const key = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const list = children.get(key) ?? [];
    list.push(unit);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort(bySiblingOrder);
  const ordered: OrgUnit[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const unit = stack.pop() as OrgUnit;
    ordered.push(unit);
    const below = children.get(unit.id);
    if (below) for (let i = below.length - 1; i >= 0; i--) stack.push(below[i] as OrgUnit);
  }
  return ordered;
}

/** Drops closed and merged units and everything below them; expects treeOrder's output. */
export function openUnits(ordered: readonly OrgUnit[], today: string): OrgUnit[] {
  const hidden = new Set<string>();
  return ordered.filter((unit) => {
    if (isClosedOn(unit, today) || (unit.parentId !== null && hidden.has(unit.parentId))) {
      hidden.add(unit.id);
      return false;
    }
    return true;
  });
}
