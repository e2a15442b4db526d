// Public results: the last twelve months of a unit or service for anyone, without signing in. Figures come from
// the insights module with its suppression; nothing here can ask for an unsuppressed figure or raw counts.
import type { Language } from '../../../shared/languages.ts';
import type { ResultsIndexModel, UnitResultsModel } from '../../../web/citizen/results/results-model.ts';
import type { FullOrganisationService } from '../organisation/index.ts';
import type { InsightsService } from '../insights/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { ChangesService } from './changes.service.ts';
import { unitNotFound } from './dashboard.service.ts';
import { countOf, npsView, statementBarsOf, trendPoints } from './figures.presenter.ts';
import { surveyLabels } from './survey-labels.ts';
import { unitName } from './unit-names.ts';

const BROWSE_DEPTH = 3;

/** The twelve full months before today's month plus today's month so far. */
export function publicPeriod(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const from = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
  return { from, to: today };
}

export function createResultsService(deps: {
  insights: InsightsService;
  organisation: FullOrganisationService;
  surveys: Pick<SurveysService, 'getCurrent'>;
  changes: ChangesService;
}) {
  const { insights, organisation } = deps;
  return {
    async index(lang: Language, query: string): Promise<ResultsIndexModel> {
      if (query !== '') {
        const hits = await organisation.searchUnits(query, { limit: 30 });
        return {
          lang,
          query,
          searched: true,
          minGroupSize: insights.minGroupSize(),
          units: hits.map((h) => ({
            id: h.unit.id,
            name: unitName(h.unit.names, lang),
            context: h.path.length ? unitName(h.path[h.path.length - 1]?.names ?? h.unit.names, lang) : null,
            depth: 0,
          })),
        };
      }
      const units = await organisation.listUnits();
      const depth = new Map<string, number>();
      const shown = [];
      for (const unit of units) {
        const d = unit.parentId === null ? 0 : (depth.get(unit.parentId) ?? 99) + 1;
        depth.set(unit.id, d);
        if (d < BROWSE_DEPTH)
          shown.push({ id: unit.id, name: unitName(unit.names, lang), context: null, depth: d });
      }
      return { lang, query, searched: false, units: shown, minGroupSize: insights.minGroupSize() };
    },

    async unit(unitId: string, lang: Language, today: string): Promise<UnitResultsModel> {
      const ancestors = await organisation.ancestors(unitId);
      const unit = ancestors.at(-1);
      if (!unit || unit.id !== unitId) throw unitNotFound(unitId);
      const period = publicPeriod(today);
      const scope = { unitId, ...period };
      const summary = await insights.summary(scope);
      const trend = await insights.trend(scope, 'month');
      const children = await insights.children(scope);
      const labels = await surveyLabels(deps.surveys, lang);
      const nps = npsView(summary.nps);
      return {
        lang,
        unitId,
        name: unitName(unit.names, lang),
        crumbs: ancestors.slice(0, -1).map((a) => ({ id: a.id, name: unitName(a.names, lang) })),
        ...period,
        minGroupSize: summary.minGroupSize,
        nps:
          nps && !summary.nps.suppressed
            ? { value: nps.value, low: nps.low, high: nps.high, n: summary.nps.n }
            : null,
        hidden: summary.nps.suppressed && countOf(summary.count) !== 0,
        n: countOf(summary.count),
        trend: trendPoints(lang, trend.buckets),
        statements: statementBarsOf(summary.statements, labels.statements),
        children: children.rows
          .filter((r) => !r.own)
          .map((r) => ({
            id: r.unitId,
            name: unitName(r.names, lang),
            n: countOf(r.count),
            nps: npsView(r.nps)?.value ?? null,
            suppressed: r.count.suppressed || r.nps.suppressed,
          })),
        changes: (await deps.changes.list(unitId, lang, 20)).map((c) => ({
          date: c.changedOn,
          text: c.text,
        })),
        pageHref: `/results/unit/${encodeURIComponent(unitId)}?lang=${lang}`,
      };
    },
  };
}

export type ResultsService = ReturnType<typeof createResultsService>;
