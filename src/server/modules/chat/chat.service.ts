import { encrypt } from '../../adapters/crypto/data-key.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import { uuidv7 } from '../../ids.ts';
import { t } from '../../../i18n/index.ts';
import { parseCsv } from '../../../shared/csv.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import type { Language } from '../../../shared/languages.ts';
import { redactText } from '../../../shared/redaction.ts';
import type { OrgUnit } from '../organisation/index.ts';
import type { ChatDeps, ChatProblem, ChatRatingInput, ChatService } from './index.ts';
import { IMPORT_ROLES, REPORT_ROLES } from './chat.policy.ts';
import { buildChatReport } from './chat.report.ts';
import type { ChatRepository, RatingRow } from './chat.repository.ts';
import { ratingProblems } from './chat.validation.ts';

const BATCH_MAX = 5000;

/** The unit and everything below it, from a list holding a whole subtree. */
function descendantsOf(rootId: string, units: readonly OrgUnit[]): Set<string> {
  const found = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId !== null && found.has(u.parentId) && !found.has(u.id)) {
        found.add(u.id);
        grew = true;
      }
  }
  return found;
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type CsvColumn = 'id' | 'system' | 'unit' | 'rated_at' | 'rating' | 'comment' | 'language';

export function createChatService(
  deps: Omit<ChatDeps, 'db' | 'authenticate'>,
  repository: ChatRepository,
  now: () => Date = () => new Date(),
): ChatService {
  const { organisation, auth, dataKey } = deps;

  /** Unit ids or OIDs → units; one lookup per distinct reference. */
  async function resolveUnits(refs: string[]): Promise<Map<string, OrgUnit>> {
    const found = new Map<string, OrgUnit>();
    for (const ref of new Set(refs.map((r) => r.trim()))) {
      const unit =
        (await organisation.getUnit(ref)) ??
        (await organisation.searchUnits(ref, { limit: 3, includeClosed: true })).find(
          (h) => h.unit.oid === ref,
        )?.unit;
      if (unit) found.set(ref, unit);
    }
    return found;
  }

  function toRow(item: ChatRatingInput, unit: OrgUnit, source: 'api' | 'csv'): RatingRow {
    const ratedAt = new Date(item.ratedAt);
    const comment = item.comment?.replace(/\r\n?/g, '\n').trim() ?? '';
    const redacted = comment === '' ? null : redactText(comment);
    return {
      id: uuidv7(),
      system: item.system ?? 'default',
      externalId: item.id,
      unitId: unit.id,
      ratedAt,
      localDate: helsinkiDate(ratedAt),
      rating: item.rating,
      commentRedacted: redacted?.text ?? null,
      // Kept only where redaction changed the text, and only encrypted: it may hold an identity code.
      commentOriginal: redacted?.changed ? encrypt(dataKey, comment) : null,
      language: item.language ?? null,
      source,
    };
  }

  /** Every problem of a batch, units included; the resolved units for storing when there are none. */
  async function check(items: ChatRatingInput[], lang: Language) {
    const tr = t(lang);
    const problems = items.flatMap((item, i) => ratingProblems(item, i, lang, now()));
    const units = await resolveUnits(items.map((i) => (typeof i.unit === 'string' ? i.unit : '')));
    items.forEach((item, i) => {
      if (typeof item.unit === 'string' && item.unit.trim() !== '' && !units.has(item.unit.trim()))
        problems.push({
          item: i,
          field: 'unit',
          code: 'unit_unknown',
          message: tr('chat.error_unit_unknown'),
        });
    });
    return { problems, units };
  }

  async function store(items: ChatRatingInput[], units: Map<string, OrgUnit>, source: 'api' | 'csv') {
    const rows = items.map((item) => toRow(item, units.get(item.unit.trim())!, source));
    const stored = await repository.insertRatings(rows);
    return { stored, duplicates: rows.length - stored };
  }

  return {
    async ingest(items, source, lang) {
      if (items.length === 0 || items.length > BATCH_MAX)
        throw new ValidationError('chat_batch_size', 'chat.error_batch_size', { max: BATCH_MAX });
      const { problems, units } = await check(items, lang);
      if (problems.length > 0)
        throw new ValidationError(
          'chat_ratings_invalid',
          'chat.error_ratings_invalid',
          { count: problems.length },
          problems,
        );
      return store(items, units, source);
    },

    async importCsv(content, options, principal) {
      const tr = t(options.lang);
      const parsed = parseCsv(content);
      const [header, ...body] = parsed.records;
      const problems: ChatProblem[] = parsed.problems.map((p) => ({
        line: p.line,
        field: '',
        code: p.code,
        message: tr('chat.error_csv_quote'),
      }));
      const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
      for (const required of ['id', 'unit', 'rated_at', 'rating'])
        if (!columns.includes(required))
          problems.push({
            line: header?.line ?? 1,
            field: required,
            code: 'column_missing',
            message: tr('chat.error_column_missing', { column: required }),
          });
      if (body.length > BATCH_MAX)
        problems.push({
          line: 1,
          field: '',
          code: 'chat_batch_size',
          message: tr('chat.error_batch_size', { max: BATCH_MAX }),
        });
      if (problems.length > 0)
        return { rows: body.length, stored: 0, duplicates: 0, problems, applied: false };
      const cell = (cells: string[], name: CsvColumn) => {
        const i = columns.indexOf(name);
        const value = i >= 0 ? (cells[i] ?? '').trim() : '';
        return value === '' ? undefined : value;
      };
      const items: ChatRatingInput[] = body.map((r) => {
        const rating = cell(r.cells, 'rating');
        const item: ChatRatingInput = {
          id: cell(r.cells, 'id') ?? '',
          unit: cell(r.cells, 'unit') ?? '',
          ratedAt: cell(r.cells, 'rated_at') ?? '',
          rating: rating !== undefined && /^\d{1,3}$/.test(rating) ? Number(rating) : Number.NaN,
        };
        const system = cell(r.cells, 'system');
        const comment = cell(r.cells, 'comment');
        const language = cell(r.cells, 'language');
        return {
          ...item,
          ...(system && { system }),
          ...(comment && { comment }),
          ...(language && { language: language as ChatRatingInput['language'] }),
        };
      });
      const checked = await check(items, options.lang);
      // The uploader must hold an import role for every unit in the file.
      for (const [ref, unit] of checked.units) {
        const chain = await organisation.ancestors(unit.id);
        if (
          !auth.hasRoleFor(
            principal,
            IMPORT_ROLES,
            chain.map((u) => u.id),
          )
        ) {
          items.forEach((item, i) => {
            if (item.unit.trim() === ref)
              checked.problems.push({
                item: i,
                field: 'unit',
                code: 'unit_forbidden',
                message: tr('chat.error_unit_forbidden'),
              });
          });
        }
      }
      const withLines = checked.problems
        .map(({ item, ...p }) => ({ ...p, line: body[item ?? 0]!.line }))
        .sort((a, b) => a.line - b.line);
      if (withLines.length > 0 || options.dryRun)
        return { rows: items.length, stored: 0, duplicates: 0, problems: withLines, applied: false };
      return {
        rows: items.length,
        ...(await store(items, checked.units, 'csv')),
        problems: [],
        applied: true,
      };
    },

    async report(query, principal) {
      if (!DATE.test(query.from) || !DATE.test(query.to) || query.from > query.to)
        throw new ValidationError('chat_period_invalid', 'chat.error_period_invalid');
      const chain = await organisation.ancestors(query.unitId);
      const unit = chain.at(-1);
      if (!unit || unit.id !== query.unitId)
        throw new ValidationError('chat_unknown_unit', 'chat.error_unit_unknown');
      if (
        !auth.hasRoleFor(
          principal,
          REPORT_ROLES,
          chain.map((u) => u.id),
        )
      )
        throw new ForbiddenError('chat_forbidden', 'chat.error_forbidden');
      const units = await organisation.listUnits({ rootId: unit.id, includeClosed: true });
      const unitIds = units.map((u) => u.id);
      const childSets = units
        .filter((u) => u.parentId === unit.id)
        .map((child) => ({ unit: child, unitIds: descendantsOf(child.id, units) }));
      const groups = await repository.groups(unitIds, query.from, query.to);
      return buildChatReport({
        unit,
        from: query.from,
        to: query.to,
        minGroupSize: deps.minGroupSize,
        groups,
        children: childSets,
      });
    },
  };
}
