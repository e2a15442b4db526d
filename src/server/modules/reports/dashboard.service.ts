// Gathers what the staff dashboard shows for a subtree and period: checks the person's scope, then asks the
// insights module (which applies suppression) for the summary, trend, children and comparison.
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { FullOrganisationService, OrgUnit } from '../organisation/index.ts';
import type {
  ChildrenTable,
  Comparison,
  Grain,
  InsightsScope,
  InsightsService,
  Summary,
  Trend,
} from '../insights/index.ts';
import type { StaffPrincipal, StaffRole } from '../staff/index.ts';
import { DASHBOARD_ROLES, homeUnit, mayRead } from './reports.scope.ts';

export interface DashboardData {
  unit: OrgUnit;
  /** Root first, the unit itself last; readable tells whether the person may open that level. */
  chain: { unit: OrgUnit; readable: boolean }[];
  summary: Summary;
  trend: Trend;
  children: ChildrenTable;
  comparison: Comparison;
}

export function unitNotFound(id: string): NotFoundError {
  return new NotFoundError('unit_not_found', 'reports.unit_not_found', { id });
}

export function createDashboardService(deps: {
  insights: InsightsService;
  organisation: FullOrganisationService;
}) {
  const { insights, organisation } = deps;

  async function defaultUnit(principal: StaffPrincipal): Promise<string> {
    const home = homeUnit(principal, DASHBOARD_ROLES);
    if (home === undefined) throw new ForbiddenError('forbidden', 'errors.forbidden');
    if (home !== null) return home;
    const roots = (await organisation.listUnits()).filter((u) => u.parentId === null);
    const first = roots[0];
    if (!first) throw new NotFoundError('no_units', 'reports.no_units');
    return first.id;
  }

  /** The unit's ancestor chain after checking that the person may read it with one of the roles. */
  async function authorise(
    principal: StaffPrincipal,
    unitId: string,
    roles: readonly StaffRole[] = DASHBOARD_ROLES,
  ): Promise<{ unit: OrgUnit; chain: { unit: OrgUnit; readable: boolean }[] }> {
    const ancestors = await organisation.ancestors(unitId);
    const unit = ancestors.at(-1);
    if (!unit || unit.id !== unitId) throw unitNotFound(unitId);
    const ids = ancestors.map((a) => a.id);
    if (!mayRead(principal, roles, ids)) throw new ForbiddenError('forbidden', 'errors.forbidden');
    const chain = ancestors.map((a, i) => ({
      unit: a,
      readable: mayRead(principal, roles, ids.slice(0, i + 1)),
    }));
    return { unit, chain };
  }

  return {
    defaultUnit,
    authorise,
    async load(principal: StaffPrincipal, scope: InsightsScope, grain: Grain): Promise<DashboardData> {
      const { unit, chain } = await authorise(principal, scope.unitId);
      // Sequential on purpose: PGlite serves one query at a time anyway, PostgreSQL gains little for four.
      const summary = await insights.summary(scope);
      const trend = await insights.trend(scope, grain);
      const children = await insights.children(scope);
      const comparison = await insights.compare(scope);
      return { unit, chain, summary, trend, children, comparison };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
