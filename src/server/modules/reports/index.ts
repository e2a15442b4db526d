// Reports: what people look at and download – the staff dashboard (/staff/dashboard) with its CSV/XLSX exports,
// the national data set, the public results pages with their embed, the quarterly review (HTML and PDF), and the
// "what we changed based on feedback" entries. Owns report_changes. Every figure comes from the insights module
// with its suppression; this module never reads responses or aggregates itself and never undoes suppression.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { PdfRenderer } from '../../adapters/pdf/chromium-pdf.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AuditLog } from '../audit/index.ts';
import type { FullOrganisationService } from '../organisation/index.ts';
import type { InsightsService } from '../insights/index.ts';
import type { ResponsesService } from '../responses/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { NationalDataSet } from './national.model.ts';
import type { QuarterlySectionProvider } from './quarterly.sections.ts';
import type { ThemesPanelView } from '../../../web/staff/dashboard/dashboard-model.ts';

export interface ReportsDeps {
  db: Kysely<DB>;
  insights: InsightsService;
  organisation: FullOrganisationService;
  surveys: Pick<SurveysService, 'getCurrent'>;
  responses: ResponsesService;
  auth: StaffAuth;
  audit: AuditLog;
  pdf: PdfRenderer;
  publicUrl: string;
  /** CSP frame-ancestors of the public embed. */
  embedAncestors: string;
  now?: () => Date;
}

export interface QuarterlyInput {
  unitId: string;
  /** '2026Q3' */
  quarter: string;
  lang: Language;
}

/** Fills the staff dashboard's themes panel (text analysis registers one through composition). */
export interface DashboardThemesProvider {
  /** Themes of a subtree and period with small groups already hidden; names in `lang`. */
  load(input: { unitId: string; from: string; to: string; lang: Language }): Promise<ThemesPanelView>;
}

export interface ReportsModule {
  routes: RouteRegistrar;
  dashboard: {
    /** Shows a themes panel on /staff/dashboard; without one the dashboard has none. */
    registerThemes(provider: DashboardThemesProvider): void;
  };
  national: {
    /** The data set of one month ('2026-10'); the same database gives the same result. */
    build(month: string): Promise<NationalDataSet>;
    /** The documented encodings (docs/national-export.md). */
    encode(set: NationalDataSet, format: 'csv' | 'json'): string;
  };
  quarterly: {
    html(input: QuarterlyInput): Promise<string>;
    pdf(input: QuarterlyInput): Promise<Buffer>;
    /** Fills (or adds) a section; later features replace the placeholders 'themes', 'open_feedback',
     * 'formal_objections' this way. */
    registerSection(provider: QuarterlySectionProvider): void;
  };
  changes: {
    list(
      unitId: string,
      lang: Language,
      limit?: number,
    ): Promise<{ id: string; unitId: string; text: string; changedOn: string }[]>;
  };
}

export type { NationalDataSet, NationalRow } from './national.model.ts';
export type { ThemesPanelView, ThemePanelRow } from '../../../web/staff/dashboard/dashboard-model.ts';
export type {
  QuarterlySectionProvider,
  QuarterlyContext,
  SectionContent,
  SectionTable,
} from './quarterly.sections.ts';
export { createReportsModule } from './reports.module.ts';
