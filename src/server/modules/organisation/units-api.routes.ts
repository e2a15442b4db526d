import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import type { OrganisationService, OrgUnit } from './index.ts';
import { unitNotFound } from './organisation.service.ts';
import { ApiError, PublicUnit, PublicUnitList, UnitListQuery, UnitParams, isTrue } from './units.schemas.ts';

export function presentUnit(unit: OrgUnit): PublicUnit {
  return {
    id: unit.id,
    parentId: unit.parentId,
    names: unit.names,
    oid: unit.oid,
    type: unit.type,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    mergedIntoId: unit.mergedIntoId,
  };
}

/** Public, read-only: the tree's names, ids, OIDs and types. No staff data, no figures. */
export function unitsApiRoutes(service: OrganisationService): RouteRegistrar {
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/v1/units',
      {
        schema: {
          tags: ['organisation'],
          summary: 'The organisation tree, parents before children',
          description:
            'Without includeClosed, merged units, units past their last day and everything below them are left out.',
          querystring: UnitListQuery,
          response: { 200: PublicUnitList, 404: ApiError },
        },
      },
      async (request) => {
        const units = await service.listUnits({
          includeClosed: isTrue(request.query.includeClosed),
          ...(request.query.root ? { rootId: request.query.root } : {}),
        });
        return units.map(presentUnit);
      },
    );
    app.get(
      '/api/v1/units/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'One organisation unit (also a closed or merged one)',
          params: UnitParams,
          response: { 200: PublicUnit, 404: ApiError },
        },
      },
      async (request) => {
        const unit = await service.getUnit(request.params.id);
        if (!unit) throw unitNotFound(request.params.id);
        return presentUnit(unit);
      },
    );
  };
}
