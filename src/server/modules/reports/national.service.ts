// Builds the national data set for one month from the insights module's raw cells of the national survey:
// responses are attributed to the nearest unit with an OID (the unit itself or an ancestor), then suppression is
// applied per OID and month (primary and secondary, with suppressCells). Never reads responses itself.
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { FullOrganisationService, OrgUnit } from '../organisation/index.ts';
import type { InsightsService, RawCell } from '../insights/index.ts';
import { suppressCells } from '../insights/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';
import { monthDates } from './dates.ts';
import { NATIONAL_FORMAT_VERSION, type NationalDataSet, type NationalRow } from './national.model.ts';

interface Group {
  unitOid: string | null;
  unitId: string;
  month: string;
  channel: string;
  respondentType: string;
  cell: RawCell;
}

/** Each unit's nearest unit with an OID, itself included; units with none above keep themselves. */
function oidHolders(units: readonly OrgUnit[]): Map<string, { id: string; oid: string | null }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<string, { id: string; oid: string | null }>();
  for (const unit of units) {
    let current: OrgUnit | undefined = unit;
    const seen = new Set<string>();
    while (current && current.oid === null && current.parentId !== null && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId);
    }
    out.set(
      unit.id,
      current && current.oid !== null ? { id: current.id, oid: current.oid } : { id: unit.id, oid: null },
    );
  }
  return out;
}

function addInto(target: RawCell, cell: RawCell): void {
  target.responses += cell.responses;
  cell.recommendation.forEach((c, i) => (target.recommendation[i] = (target.recommendation[i] ?? 0) + c));
  for (const [question, counts] of Object.entries(cell.questions)) {
    const into = (target.questions[question] ??= {});
    for (const [value, count] of Object.entries(counts)) into[value] = (into[value] ?? 0) + count;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rowOf(
  group: Group,
  reason: string | null,
  statementIds: string[],
  minGroupSize: number,
): NationalRow {
  const { cell } = group;
  const base = {
    unitOid: group.unitOid,
    unitId: group.unitId,
    month: group.month,
    channel: group.channel,
    respondentType: group.respondentType,
  };
  if (reason !== null)
    return {
      ...base,
      suppressed: reason,
      n: null,
      recommendation: null,
      statements: Object.fromEntries(statementIds.map((id) => [id, { counts: null, cantSay: null }])),
    };
  const recommendation = Array.from({ length: 11 }, (_, i) => cell.recommendation[i] ?? 0);
  const answeredRecommendation = recommendation.reduce((a, b) => a + b, 0);
  const statements: NationalRow['statements'] = {};
  for (const id of statementIds) {
    const q = cell.questions[id] ?? {};
    const counts = ['1', '2', '3', '4', '5'].map((v) => q[v] ?? 0) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const cantSay = q.cant_say ?? 0;
    // A statement answered by fewer than minGroupSize people in this row is hidden on its own (1 to N−1 answers
    // would describe a small group even when the row's n is large).
    const answered = counts.reduce((a, b) => a + b, 0) + cantSay;
    statements[id] =
      answered > 0 && answered < minGroupSize ? { counts: null, cantSay: null } : { counts, cantSay };
  }
  return {
    ...base,
    suppressed: null,
    n: cell.responses,
    recommendation:
      answeredRecommendation > 0 && answeredRecommendation < minGroupSize ? null : recommendation,
    statements,
  };
}

export function createNationalExportService(deps: {
  insights: InsightsService;
  organisation: FullOrganisationService;
  surveys: Pick<SurveysService, 'getCurrent'>;
}) {
  return {
    async build(month: string): Promise<NationalDataSet> {
      const range = monthDates(month);
      if (!range) throw new ValidationError('invalid_month', 'reports.invalid_month', { value: month });
      const survey = await deps.surveys.getCurrent(THL_NATIONAL_SLUG);
      if (!survey) throw new NotFoundError('survey_not_found', 'reports.national_survey_missing');
      const statementIds = survey.definition.questions.filter((q) => q.type === 'statement').map((q) => q.id);
      const units = await deps.organisation.listUnits({ includeClosed: true });
      const holders = oidHolders(units);
      const minGroupSize = deps.insights.minGroupSize();
      const groups = new Map<string, Group>();
      for (const root of units.filter((u) => u.parentId === null)) {
        const cells = await deps.insights.cells(
          { unitId: root.id, from: range.from, to: range.to, filters: { surveyId: survey.surveyId } },
          ['unit', 'month', 'channel', 'respondentType'],
        );
        for (const cell of cells) {
          const unitId = cell.keys.unit ?? root.id;
          const holder = holders.get(unitId) ?? { id: unitId, oid: null };
          const channel = cell.keys.channel ?? 'unknown';
          const respondentType = cell.keys.respondentType ?? 'unknown';
          const key = [holder.oid ?? '', holder.id, channel, respondentType].join('\u0000');
          const group = groups.get(key) ?? {
            unitOid: holder.oid,
            unitId: holder.id,
            month,
            channel,
            respondentType,
            cell: { keys: {}, responses: 0, recommendation: Array(11).fill(0) as number[], questions: {} },
          };
          addInto(group.cell, cell);
          groups.set(key, group);
        }
      }
      const sorted = [...groups.values()].sort(
        (a, b) =>
          compare(a.unitOid ?? '~', b.unitOid ?? '~') ||
          compare(a.unitId, b.unitId) ||
          compare(a.channel, b.channel) ||
          compare(a.respondentType, b.respondentType),
      );
      // One partition per unit and month: its total is visible on the public pages, so a lone small cell could
      // otherwise be worked out by subtraction.
      const rows: NationalRow[] = [];
      for (let i = 0; i < sorted.length;) {
        let j = i;
        while (j < sorted.length && sorted[j]?.unitId === sorted[i]?.unitId) j++;
        const partition = sorted.slice(i, j);
        const reasons = suppressCells(
          partition.map((g) => g.cell.responses),
          minGroupSize,
        );
        partition.forEach((g, k) => rows.push(rowOf(g, reasons[k] ?? null, statementIds, minGroupSize)));
        i = j;
      }
      return { formatVersion: NATIONAL_FORMAT_VERSION, month, minGroupSize, statementIds, rows };
    },
  };
}

export type NationalExportService = ReturnType<typeof createNationalExportService>;
