// The quarterly review of a subtree: gathers the quarter's figures from the insights module (suppressed there),
// the "what we changed" entries and the registered sections, and renders HTML or – through the PDF adapter – PDF.
// No scope check here: routes check the person, the CLI is run by an operator.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { ValidationError } from '../../errors.ts';
import type { PdfRenderer } from '../../adapters/pdf/chromium-pdf.ts';
import {
  renderQuarterlyReport,
  type QuarterlyReportModel,
  type RankedUnit,
  type SectionView,
} from '../../../web/staff/dashboard/quarterly-report.ts';
import type { FullOrganisationService } from '../organisation/index.ts';
import type { InsightsService } from '../insights/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { ChangesService } from './changes.service.ts';
import { quarterDates } from './dates.ts';
import { unitNotFound } from './dashboard.service.ts';
import { headlineOf } from './dashboard.presenter.ts';
import {
  channelLabel,
  channelMixOf,
  countOf,
  npsView,
  statementBarsOf,
  trendPoints,
} from './figures.presenter.ts';
import type { SectionRegistry } from './quarterly.sections.ts';
import { surveyLabels } from './survey-labels.ts';
import { unitName } from './unit-names.ts';

const RANKED = 3;

/** The twelve months ending with the quarter, for the trend. */
function yearBefore(to: string): string {
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7));
  const start = new Date(Date.UTC(year, month - 12, 1));
  return start.toISOString().slice(0, 10);
}

export function createQuarterlyService(deps: {
  insights: InsightsService;
  organisation: FullOrganisationService;
  surveys: Pick<SurveysService, 'getCurrent'>;
  changes: ChangesService;
  sections: SectionRegistry;
  pdf: PdfRenderer;
}) {
  async function model(input: {
    unitId: string;
    quarter: string;
    lang: Language;
  }): Promise<QuarterlyReportModel> {
    const { lang } = input;
    const range = quarterDates(input.quarter);
    if (!range)
      throw new ValidationError('invalid_quarter', 'reports.invalid_quarter', { value: input.quarter });
    const unit = await deps.organisation.getUnit(input.unitId);
    if (!unit) throw unitNotFound(input.unitId);
    const scope = { unitId: unit.id, ...range };
    const summary = await deps.insights.summary(scope);
    const comparison = await deps.insights.compare(scope);
    const trend = await deps.insights.trend(
      { unitId: unit.id, from: yearBefore(range.to), to: range.to },
      'month',
    );
    const children = await deps.insights.children(scope);
    const labels = await surveyLabels(deps.surveys, lang);
    const shown: RankedUnit[] = children.rows.flatMap((row) => {
      const nps = npsView(row.nps);
      const n = countOf(row.count);
      // Only units whose figures are shown take part: a hidden figure must not be hinted at by its rank.
      if (row.own || !nps || n === null) return [];
      return [{ name: unitName(row.names, lang), n, nps: nps.value, low: nps.low, high: nps.high }];
    });
    const byNps = [...shown].sort((a, b) => b.nps - a.nps || a.name.localeCompare(b.name, lang));
    const best = byNps.slice(0, RANKED);
    const weakest = byNps.slice(Math.max(RANKED, byNps.length - RANKED)).reverse();
    const context = {
      unitId: unit.id,
      subtreeIds: await deps.organisation.subtreeIds(unit.id),
      quarter: input.quarter,
      ...range,
      lang,
      minGroupSize: summary.minGroupSize,
    };
    const sections: SectionView[] = [];
    for (const provider of deps.sections.list()) {
      const content = await provider.build(context);
      sections.push({ id: provider.id, title: provider.title(lang), content } as SectionView);
    }
    const changes = (await deps.changes.list(unit.id, lang, 50)).filter(
      (c) => c.changedOn >= range.from && c.changedOn <= range.to,
    );
    return {
      lang,
      unitName: unitName(unit.names, lang),
      quarter: input.quarter,
      ...range,
      minGroupSize: summary.minGroupSize,
      headline: headlineOf({ summary, comparison }),
      trend: trendPoints(lang, trend.buckets),
      statements: statementBarsOf(summary.statements, labels.statements),
      channelMix: channelMixOf(lang, t(lang)('dashboard.channels_row'), summary.breakdowns.channel),
      volumes: summary.breakdowns.channel.map((row) => ({
        label: channelLabel(lang, row.key),
        n: countOf(row.count),
        nps: npsView(row.nps)?.value ?? null,
        suppressed: row.count.suppressed,
      })),
      best,
      weakest,
      changes: changes.map((c) => ({ date: c.changedOn, text: c.text })),
      sections,
    };
  }

  return {
    model,
    async html(input: { unitId: string; quarter: string; lang: Language }): Promise<string> {
      return renderQuarterlyReport(await model(input)).value;
    },
    async pdf(input: { unitId: string; quarter: string; lang: Language }): Promise<Buffer> {
      return deps.pdf.render(renderQuarterlyReport(await model(input)).value);
    },
  };
}

export type QuarterlyService = ReturnType<typeof createQuarterlyService>;
