import { Type, type Static, type TString } from '@sinclair/typebox';

const Nullable = (schema: TString) => Type.Union([schema, Type.Null()]);
const isoDate = (description: string) => Type.String({ format: 'date', description });

export const PublicUnit = Type.Object(
  {
    id: Type.String({ description: 'Stable id, e.g. "hki-sote-terveysasema-kallio"' }),
    parentId: Nullable(Type.String()),
    names: Type.Object({ fi: Type.String(), sv: Nullable(Type.String()), en: Nullable(Type.String()) }),
    oid: Nullable(
      Type.String({ description: 'National OID (SOTE-organisaatiorekisteri), digits separated by dots' }),
    ),
    type: Type.Union([
      Type.Literal('division'),
      Type.Literal('service_area'),
      Type.Literal('service'),
      Type.Literal('unit'),
      Type.Literal('site'),
      Type.Literal('other'),
    ]),
    validFrom: Nullable(isoDate('First day of operation, YYYY-MM-DD')),
    validTo: Nullable(isoDate('Last day of operation (inclusive), YYYY-MM-DD')),
    mergedIntoId: Nullable(Type.String({ description: 'Set when the unit was merged into another' })),
  },
  { additionalProperties: false },
);
export type PublicUnit = Static<typeof PublicUnit>;

export const PublicUnitList = Type.Array(PublicUnit);

const BooleanFlag = Type.Union(
  [Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')],
  {
    description: 'Boolean: true/false or 1/0',
  },
);

export const UnitListQuery = Type.Object({
  includeClosed: Type.Optional(BooleanFlag),
  root: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Only this unit and its subtree' }),
  ),
  lang: Type.Optional(Type.String()),
});

export const UnitParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ApiError = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export function isTrue(flag: string | undefined): boolean {
  return flag === 'true' || flag === '1';
}
