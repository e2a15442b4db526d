import { t } from '../../../i18n/index.ts';
import type { HttpApp } from '../../http/app.ts';
import type { DashboardThemesProvider, ReportsDeps, ReportsModule } from './index.ts';
import { createChangesRepository } from './changes.repository.ts';
import { createChangesService } from './changes.service.ts';
import { createDashboardService } from './dashboard.service.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { nationalCsv, nationalJson } from './national.format.ts';
import { createNationalExportService } from './national.service.ts';
import { createQuarterlyService } from './quarterly.service.ts';
import { PLACEHOLDER_SECTIONS, createSectionRegistry, placeholderSection } from './quarterly.sections.ts';
import { reportsStaffRoutes } from './reports-staff.routes.ts';
import { createResultsService } from './results.service.ts';
import { resultsRoutes } from './results.routes.ts';

export function createReportsModule(deps: ReportsDeps): ReportsModule {
  const now = deps.now ?? (() => new Date());
  const changes = createChangesService({
    repository: createChangesRepository(deps.db),
    organisation: deps.organisation,
    audit: deps.audit,
  });
  const dashboard = createDashboardService({ insights: deps.insights, organisation: deps.organisation });
  const sections = createSectionRegistry(
    PLACEHOLDER_SECTIONS.map((id) => placeholderSection(id, (lang) => t(lang)(`reports.section_${id}`))),
  );
  const quarterly = createQuarterlyService({
    insights: deps.insights,
    organisation: deps.organisation,
    surveys: deps.surveys,
    changes,
    sections,
    pdf: deps.pdf,
  });
  const national = createNationalExportService({
    insights: deps.insights,
    organisation: deps.organisation,
    surveys: deps.surveys,
  });
  const results = createResultsService({
    insights: deps.insights,
    organisation: deps.organisation,
    surveys: deps.surveys,
    changes,
  });
  // Filled by composition when text analysis is there; read on every request, so registering later works.
  const themes: { provider: DashboardThemesProvider | null } = { provider: null };
  const registerDashboard = dashboardRoutes({
    auth: deps.auth,
    dashboard,
    themes,
    surveys: deps.surveys,
    responses: deps.responses,
    now,
  });
  const registerStaff = reportsStaffRoutes({
    auth: deps.auth,
    dashboard,
    quarterly,
    national,
    changes,
    publicUrl: deps.publicUrl,
    now,
  });
  const registerResults = resultsRoutes({ results, embedAncestors: deps.embedAncestors, now });
  return {
    async routes(app: HttpApp) {
      await registerDashboard(app);
      await registerStaff(app);
      await registerResults(app);
    },
    dashboard: {
      registerThemes: (provider) => {
        themes.provider = provider;
      },
    },
    national: {
      build: (month) => national.build(month),
      encode: (set, format) => (format === 'csv' ? nationalCsv(set) : nationalJson(set)),
    },
    quarterly: {
      html: (input) => quarterly.html(input),
      pdf: (input) => quarterly.pdf(input),
      registerSection: (provider) => sections.register(provider),
    },
    changes: { list: (unitId, lang, limit) => changes.list(unitId, lang, limit) },
  };
}
