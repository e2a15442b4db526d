// TypeBox schemas of the insights API: they validate requests and document the responses in /api/openapi.json.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const date = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2026-01-31'] });
const list = (description: string) =>
  Type.Optional(Type.String({ maxLength: 1000, description: `${description}; comma-separated` }));

export const ScopeQuery = Type.Object({
  unit: Type.String({ minLength: 1, maxLength: 64, description: 'The subtree root: a unit id' }),
  from: date('First day of the period (inclusive), local date'),
  to: date('Last day of the period (inclusive), local date'),
  channels: list('Only these channels (web, qr, kiosk, sms, paper, oral, chat, home_care, api)'),
  respondentTypes: list('Only these respondent types; "unknown" for none given'),
  languages: list('Only these answer languages (fi, sv, en)'),
  ageGroups: list('Only these age groups; "unknown" for none given'),
  survey: Type.Optional(Type.String({ maxLength: 64, description: 'Only this survey (id)' })),
  lang: Type.Optional(Type.String()),
});
export type ScopeQuery = Static<typeof ScopeQuery>;

export const TrendQuery = Type.Composite([
  ScopeQuery,
  Type.Object({
    grain: Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')], {
      description: 'Bucket size',
    }),
  }),
]);

const Suppressed = Type.Object({
  suppressed: Type.Literal(true),
  reason: Type.Union([Type.Literal('small_group'), Type.Literal('secondary'), Type.Literal('complement')]),
  n: Type.Null(),
});

const Share = Type.Object({ count: Type.Integer(), share: Type.Number({ minimum: 0, maximum: 1 }) });

const Nps = Type.Union(
  [
    Type.Object({
      suppressed: Type.Literal(false),
      n: Type.Integer({ description: 'Respondents who answered the recommendation question' }),
      value: Type.Union([Type.Number(), Type.Null()], { description: 'NPS −100…100' }),
      ci95: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
      promoters: Share,
      passives: Share,
      detractors: Share,
    }),
    Suppressed,
  ],
  { description: 'Recommendation index with its 95 % CI, or suppressed' },
);

const Count = Type.Union([Type.Object({ suppressed: Type.Literal(false), n: Type.Integer() }), Suppressed]);

const Statement = Type.Union([
  Type.Object({
    id: Type.String(),
    scale: Type.Union([Type.Literal('agreement'), Type.Literal('smiley')]),
    suppressed: Type.Literal(false),
    n: Type.Integer({ description: "Respondents who chose a value (can't say excluded)" }),
    agreeShare: Type.Union([Type.Number(), Type.Null()]),
    mean: Type.Union([Type.Number(), Type.Null()]),
    distribution: Type.Record(Type.String(), Type.Integer()),
    cantSay: Type.Integer(),
  }),
  Type.Object({
    id: Type.String(),
    scale: Type.Union([Type.Literal('agreement'), Type.Literal('smiley')]),
    suppressed: Type.Literal(true),
    reason: Suppressed.properties.reason,
    n: Type.Null(),
  }),
]);

const ScopeEcho = Type.Object({
  unitId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  filters: Type.Optional(
    Type.Object({
      channels: Type.Optional(Type.Array(Type.String())),
      respondentTypes: Type.Optional(Type.Array(Type.String())),
      languages: Type.Optional(Type.Array(Type.String())),
      ageGroups: Type.Optional(Type.Array(Type.String())),
      surveyId: Type.Optional(Type.String()),
    }),
  ),
});

const BreakdownRow = Type.Object({ key: Type.String(), count: Count, nps: Nps });

export const SummaryResponse = Type.Object({
  scope: ScopeEcho,
  minGroupSize: Type.Integer(),
  count: Count,
  nps: Nps,
  statementSurveyId: Type.Union([Type.String(), Type.Null()]),
  statements: Type.Array(Statement),
  breakdowns: Type.Object({
    channel: Type.Array(BreakdownRow),
    respondentType: Type.Array(BreakdownRow),
    language: Type.Array(BreakdownRow),
    ageGroup: Type.Array(BreakdownRow),
    survey: Type.Array(BreakdownRow),
  }),
});

export const TrendResponse = Type.Object({
  scope: ScopeEcho,
  grain: Type.String(),
  minGroupSize: Type.Integer(),
  buckets: Type.Array(
    Type.Object({
      start: Type.String(),
      end: Type.String(),
      label: Type.String(),
      count: Count,
      nps: Nps,
      statements: Type.Array(Statement),
    }),
  ),
});

const Names = Type.Object({
  fi: Type.String(),
  sv: Type.Union([Type.String(), Type.Null()]),
  en: Type.Union([Type.String(), Type.Null()]),
});

export const ChildrenResponse = Type.Object({
  scope: ScopeEcho,
  minGroupSize: Type.Integer(),
  total: Type.Object({ count: Count, nps: Nps }),
  rows: Type.Array(
    Type.Object({
      unitId: Type.String(),
      names: Names,
      type: Type.String(),
      hasChildren: Type.Boolean(),
      own: Type.Boolean({ description: 'Responses given directly to the scope unit itself' }),
      count: Count,
      nps: Nps,
      statements: Type.Array(Statement),
      series: Type.Array(
        Type.Object({
          label: Type.String(),
          start: Type.String(),
          nps: Type.Union([Type.Number(), Type.Null()]),
          suppressed: Type.Boolean(),
        }),
      ),
    }),
  ),
});

const Period = Type.Object({ from: Type.String(), to: Type.String(), count: Count, nps: Nps });

export const CompareResponse = Type.Object({
  scope: ScopeEcho,
  minGroupSize: Type.Integer(),
  current: Period,
  previous: Period,
  change: Type.Union([
    Type.Object({
      value: Type.Number(),
      ci95: Type.Tuple([Type.Number(), Type.Number()]),
      significant: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});

export const AlertsQuery = Type.Object({
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  lang: Type.Optional(Type.String()),
});

export const AlertList = Type.Array(
  Type.Object({
    id: Type.String(),
    ruleId: Type.String(),
    kind: Type.String(),
    unitId: Type.String(),
    unitNames: Names,
    periodFrom: Type.String(),
    periodTo: Type.String(),
    figures: Type.Record(Type.String(), Type.Number()),
    createdAt: Type.String({ format: 'date-time' }),
    emailedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
);

export const RuleBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('nps_drop'), Type.Literal('detractor_share')]),
    unitId: Type.String({ minLength: 1, maxLength: 64 }),
    includeDescendants: Type.Optional(Type.Boolean()),
    threshold: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])),
    periodDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 366 })),
  },
  { additionalProperties: false },
);
export type RuleBody = Static<typeof RuleBody>;

export const Rule = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  unitId: Type.String(),
  includeDescendants: Type.Boolean(),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  periodDays: Type.Integer(),
  active: Type.Boolean(),
});

export const ApiError = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export const errors = (codes: number[]): Record<number, TSchema> =>
  Object.fromEntries(codes.map((code) => [code, ApiError]));
