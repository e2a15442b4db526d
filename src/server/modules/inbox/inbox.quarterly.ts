// The quarterly review's sections that the inbox fills: "Handled open feedback" and "Formal objections"
// (docs/quarterly-review.md). They only arrange figures that inbox.quarterly.service.ts has already suppressed;
// the text is plain structured content, so the report's markup stays the report's.
import { t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import { FEEDBACK_TYPES, type FeedbackType } from '../feedback/index.ts';
import type { OrganisationService, UnitNames } from '../organisation/index.ts';
import type { QuarterlySectionProvider, SectionTable } from '../reports/index.ts';
import type {
  DeadlineShare,
  FeedbackQuarterFigures,
  FeedbackQuarterInput,
  InboxModule,
  ObjectionQuarterFigures,
  UnitFeedbackRow,
} from './index.ts';
import { previousQuarter } from './inbox.quarterly.service.ts';

type Figures = InboxModule['quarterly'];
type Cell = string | number;

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function number(lang: Language, value: number): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(value);
}

function nameIn(names: UnitNames, lang: Language): string {
  return (lang === 'sv' ? names.sv : lang === 'en' ? names.en : null) ?? names.fi;
}

function dateIn(lang: Language, at: Date): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Helsinki' }).format(
    at,
  );
}

/** "92 % (23 / 25)", or a dash when nothing fell due. */
function shareText(lang: Language, s: DeadlineShare): string {
  if (s.due === 0) return '–';
  const pct = new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 });
  return `${pct.format(s.met / s.due)} (${number(lang, s.met)} / ${number(lang, s.due)})`;
}

function typeName(lang: Language, type: FeedbackType): string {
  return t(lang)(`inbox.type_${type}`);
}

function byTypeTable(
  lang: Language,
  now: FeedbackQuarterFigures,
  prev: FeedbackQuarterFigures,
): SectionTable {
  const tr = t(lang);
  const hidden = tr('inbox.quarterly_hidden');
  const byType = now.byType as NonNullable<FeedbackQuarterFigures['byType']>;
  const row = (label: string, c: FeedbackQuarterFigures['received'], previous: Cell): Cell[] => [
    label,
    c.received,
    c.done,
    c.duplicate,
    c.rejected,
    c.open,
    previous,
  ];
  return {
    caption: tr('inbox.quarterly_types_caption'),
    rowHeaders: true,
    columns: [
      tr('inbox.quarterly_col_type'),
      tr('inbox.quarterly_col_received'),
      tr('inbox.quarterly_col_done'),
      tr('inbox.quarterly_col_duplicate'),
      tr('inbox.quarterly_col_rejected'),
      tr('inbox.quarterly_col_open'),
      tr('inbox.quarterly_col_previous', { quarter: prev.quarter }),
    ],
    rows: [
      ...FEEDBACK_TYPES.map((type) =>
        row(typeName(lang, type), byType[type], prev.byType ? prev.byType[type].received : hidden),
      ),
      row(tr('inbox.quarterly_total'), now.received, prev.received.received),
    ],
  };
}

function handlingTable(
  lang: Language,
  now: FeedbackQuarterFigures,
  prev: FeedbackQuarterFigures,
): SectionTable {
  const tr = t(lang);
  const hidden = tr('inbox.quarterly_hidden');
  const days = (f: FeedbackQuarterFigures, key: 'median' | 'p90'): Cell => {
    if (!f.handlingDays) return hidden;
    const value = f.handlingDays[key];
    return value === null ? '–' : `${number(lang, value)} (n = ${number(lang, f.handlingDays.n)})`;
  };
  const deadline = (f: FeedbackQuarterFigures, rule: 'workingDays' | 'accessibility'): Cell =>
    f.deadlines ? shareText(lang, f.deadlines[rule]) : hidden;
  const rows: Cell[][] = [
    [
      tr('inbox.quarterly_row_within_working_days'),
      deadline(now, 'workingDays'),
      deadline(prev, 'workingDays'),
    ],
    [
      tr('inbox.quarterly_row_within_accessibility'),
      deadline(now, 'accessibility'),
      deadline(prev, 'accessibility'),
    ],
  ];
  const pending = (f: FeedbackQuarterFigures) =>
    f.deadlines ? f.deadlines.workingDays.pending + f.deadlines.accessibility.pending : 0;
  if (pending(now) > 0) rows.push([tr('inbox.quarterly_row_pending'), pending(now), pending(prev)]);
  rows.push(
    [tr('inbox.quarterly_row_median_days'), days(now, 'median'), days(prev, 'median')],
    [tr('inbox.quarterly_row_p90_days'), days(now, 'p90'), days(prev, 'p90')],
    [tr('inbox.quarterly_row_open_at_end'), now.openAtEnd, prev.openAtEnd],
    [tr('inbox.quarterly_row_overdue_at_end'), now.overdueAtEnd, prev.overdueAtEnd],
    [tr('inbox.quarterly_row_replies_email'), now.replies.email, prev.replies.email],
    [tr('inbox.quarterly_row_replies_sms'), now.replies.sms, prev.replies.sms],
    [tr('inbox.quarterly_row_replies_failed'), now.replies.failed, prev.replies.failed],
    [tr('inbox.quarterly_row_published'), now.published, prev.published],
    [tr('inbox.quarterly_row_public_reply'), now.publishedWithReply, prev.publishedWithReply],
  );
  return {
    caption: tr('inbox.quarterly_handling_caption'),
    rowHeaders: true,
    columns: [
      tr('inbox.quarterly_col_figure'),
      tr('inbox.quarterly_col_quarter', { quarter: now.quarter }),
      tr('inbox.quarterly_col_quarter', { quarter: prev.quarter }),
    ],
    rows,
  };
}

async function unitsTable(
  lang: Language,
  figures: FeedbackQuarterFigures,
  organisation: Pick<OrganisationService, 'getUnit'>,
): Promise<SectionTable | null> {
  const tr = t(lang);
  if (figures.units.length === 0) return null;
  const label = async (row: UnitFeedbackRow): Promise<string> => {
    const unit = row.unitId ? await organisation.getUnit(row.unitId) : undefined;
    const name = unit ? nameIn(unit.names, lang) : (row.unitId ?? '');
    return row.own ? tr('inbox.quarterly_own_unit', { unit: name }) : name;
  };
  const cells = (name: string, row: UnitFeedbackRow): Cell[] => [
    name,
    row.received,
    row.done,
    row.openAtEnd,
    row.overdueAtEnd,
  ];
  const rows: Cell[][] = [];
  for (const row of figures.units) rows.push(cells(await label(row), row));
  if (figures.otherUnits) {
    rows.push(
      cells(tr('inbox.quarterly_other_units', { units: figures.otherUnits.units }), figures.otherUnits),
    );
  }
  return {
    caption: tr('inbox.quarterly_units_caption', { min: figures.minGroupSize }),
    rowHeaders: true,
    columns: [
      tr('inbox.quarterly_col_unit'),
      tr('inbox.quarterly_col_received'),
      tr('inbox.quarterly_col_done'),
      tr('inbox.quarterly_col_open_at_end'),
      tr('inbox.quarterly_col_overdue_at_end'),
    ],
    rows,
  };
}

function inputOf(context: { unitId: string; quarter: string; minGroupSize: number }): FeedbackQuarterInput {
  return { unitId: context.unitId, quarter: context.quarter, minGroupSize: context.minGroupSize };
}

export function openFeedbackSection(
  figures: Figures,
  organisation: Pick<OrganisationService, 'getUnit'>,
): QuarterlySectionProvider {
  return {
    id: 'open_feedback',
    title: (lang) => t(lang)('inbox.quarterly_feedback_title'),
    async build(context) {
      const { lang } = context;
      const tr = t(lang);
      const now = await figures.feedback(inputOf(context));
      const prev = await figures.feedback({ ...inputOf(context), quarter: previousQuarter(context.quarter) });
      const paragraphs: string[] = [];
      if (!now.complete) paragraphs.push(tr('inbox.quarterly_incomplete', { date: dateIn(lang, now.asOf) }));
      const r = now.received;
      paragraphs.push(
        r.received === 0
          ? tr('inbox.quarterly_feedback_none', { previous: prev.received.received })
          : now.suppressed
            ? tr('inbox.quarterly_feedback_intro_small', {
                received: r.received,
                previous: prev.received.received,
                min: now.minGroupSize,
              })
            : tr('inbox.quarterly_feedback_intro', {
                received: r.received,
                previous: prev.received.received,
                done: r.done,
                duplicate: r.duplicate,
                rejected: r.rejected,
                open: r.open,
              }),
        tr('inbox.quarterly_feedback_backlog', { open: now.openAtEnd, overdue: now.overdueAtEnd }),
        tr('inbox.quarterly_feedback_rules', { min: now.minGroupSize }),
      );
      const tables: SectionTable[] = [];
      if (!now.suppressed) tables.push(byTypeTable(lang, now, prev));
      tables.push(handlingTable(lang, now, prev));
      const units = now.suppressed ? null : await unitsTable(lang, now, organisation);
      if (units) tables.push(units);
      else if (!now.suppressed && now.otherUnits)
        paragraphs.push(tr('inbox.quarterly_no_units', { min: now.minGroupSize }));
      return { kind: 'content', paragraphs, tables };
    },
  };
}

function objectionsTable(
  lang: Language,
  now: ObjectionQuarterFigures,
  prev: ObjectionQuarterFigures,
): SectionTable {
  const tr = t(lang);
  const hidden = tr('inbox.quarterly_hidden');
  const byType = now.byType as Record<FeedbackType, number>;
  return {
    caption: tr('inbox.quarterly_objections_caption'),
    rowHeaders: true,
    columns: [
      tr('inbox.quarterly_col_type'),
      tr('inbox.quarterly_col_quarter', { quarter: now.quarter }),
      tr('inbox.quarterly_col_quarter', { quarter: prev.quarter }),
    ],
    rows: [
      ...FEEDBACK_TYPES.map((type): Cell[] => [
        typeName(lang, type),
        byType[type],
        prev.byType ? prev.byType[type] : hidden,
      ]),
      [tr('inbox.quarterly_total'), now.redirected, prev.redirected],
    ],
  };
}

export function formalObjectionsSection(figures: Figures): QuarterlySectionProvider {
  return {
    id: 'formal_objections',
    title: (lang) => t(lang)('inbox.quarterly_objections_title'),
    async build(context) {
      const tr = t(context.lang);
      const now = await figures.objections(inputOf(context));
      const prev = await figures.objections({
        ...inputOf(context),
        quarter: previousQuarter(context.quarter),
      });
      const paragraphs = [
        tr('inbox.quarterly_objections_register'),
        now.received === 0
          ? tr('inbox.quarterly_objections_none', { previous: prev.redirected })
          : tr('inbox.quarterly_objections_redirected', {
              redirected: now.redirected,
              received: now.received,
              previous: prev.redirected,
            }),
        tr('inbox.quarterly_objections_rules'),
      ];
      const show = !now.suppressed && now.redirected > 0;
      return { kind: 'content', paragraphs, tables: show ? [objectionsTable(context.lang, now, prev)] : [] };
    },
  };
}
