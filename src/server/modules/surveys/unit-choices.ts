import type { Language } from '../../../shared/languages.ts';
import type { OrgUnit } from '../organisation/index.ts';
import type { UnitChoice } from '../../../web/staff/surveys/survey-publish.page.ts';

/** Ids from the root down to the unit itself, from one pass over a parents-first list. */
function ancestorChains(units: readonly OrgUnit[]): Map<string, string[]> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chains = new Map<string, string[]>();
  const chainOf = (unit: OrgUnit, seen: Set<string>): string[] => {
    const known = chains.get(unit.id);
    if (known) return known;
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    // A cycle cannot exist in the tree, but a bad row must not hang the page.
    const chain =
      parent && !seen.has(parent.id) ? [...chainOf(parent, seen.add(unit.id)), unit.id] : [unit.id];
    chains.set(unit.id, chain);
    return chain;
  };
  for (const unit of units) chainOf(unit, new Set());
  return chains;
}

/**
 * The units a person may publish to, filtered by a search over names, id and OID, in tree order. Server-side
 * search keeps the page small at 10,000 units and works without script.
 */
export function unitChoices(
  units: readonly OrgUnit[],
  options: { query: string; lang: Language; mayPublishAt: (ancestorIds: string[]) => boolean; limit: number },
): { units: UnitChoice[]; truncated: boolean } {
  const chains = ancestorChains(units);
  const needle = options.query.trim().toLocaleLowerCase();
  const matches = (u: OrgUnit) =>
    !needle ||
    [u.id, u.oid, u.names.fi, u.names.sv, u.names.en].some((v) => v?.toLocaleLowerCase().includes(needle));
  const chosen: UnitChoice[] = [];
  for (const unit of units) {
    const chain = chains.get(unit.id) ?? [unit.id];
    if (!matches(unit) || !options.mayPublishAt(chain)) continue;
    if (chosen.length === options.limit) return { units: chosen, truncated: true };
    chosen.push({ id: unit.id, name: unit.names[options.lang] ?? unit.names.fi, depth: chain.length - 1 });
  }
  return { units: chosen, truncated: false };
}
