// Import of units from CSV or JSON: parse → check every row → plan → apply in one transaction, or only report
// (dry run). A file with any error is never applied. The plan is made again inside the applying transaction,
// under the tree lock, so a dry run that is stale by the time someone presses "apply" cannot do harm.
import { t } from '../../../i18n/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ImportError, ImportReport, OrganisationService } from './index.ts';
import type { NewEvent, OrganisationRepository } from './organisation.repository.ts';
import { parseImport } from './import/rows.ts';
import { planImport, type PlannedWrite } from './import/plan.ts';
import type { SourceProblem } from './import/source-problem.ts';
import { snapshot, unitDiff } from './unit-diff.ts';

const CHUNK = 2000;

export interface UnitImporterDeps {
  repo: OrganisationRepository;
  audit: AuditLog;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The history a write leaves: created, or moved / closed / reopened / updated as its fields say. */
export function eventsFor(
  write: PlannedWrite,
  actor: { actorId: string | null; source: string },
): NewEvent[] {
  const { before, after } = write;
  if (!before)
    return [
      { unitId: after.id, kind: 'created', toParentId: after.parentId, changes: snapshot(after), ...actor },
    ];
  const { parent_id: parent, valid_to: validTo, ...rest } = unitDiff(before, after);
  const events: NewEvent[] = [];
  if (parent)
    events.push({
      unitId: after.id,
      kind: 'moved',
      fromParentId: parent.from,
      toParentId: parent.to,
      ...actor,
    });
  if (validTo) {
    events.push({
      unitId: after.id,
      kind: validTo.to === null ? 'reopened' : 'closed',
      changes: { valid_to: validTo },
      ...actor,
    });
  }
  if (Object.keys(rest).length > 0)
    events.push({ unitId: after.id, kind: 'updated', changes: rest, ...actor });
  return events;
}

function translate(problems: readonly SourceProblem[], lang: 'fi' | 'sv' | 'en'): ImportError[] {
  const tr = t(lang);
  return problems.map((p) => {
    const params = { line: p.line, field: p.field ?? '', ...p.params };
    const messageKey = `organisation.problem_${p.code}`;
    return {
      line: p.line,
      ...(p.field ? { field: p.field } : {}),
      code: p.code,
      message: tr(messageKey, params),
      messageKey,
      params,
    };
  });
}

export function createUnitImporter({ repo, audit }: UnitImporterDeps): OrganisationService['importUnits'] {
  return async (input, options) => {
    const lang = options.lang ?? 'fi';
    const progress = options.onProgress ?? (() => undefined);
    const parsed = parseImport(input.format, input.content);
    progress('validate', 0, parsed.rows.length);

    const run = async (tx: OrganisationRepository): Promise<ImportReport> => {
      if (!options.dryRun) await tx.lockTree();
      const plan = planImport(parsed.rows, await tx.listAll(), { canChange: options.canChange });
      progress('validate', parsed.rows.length, parsed.rows.length);
      const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
      const report = {
        dryRun: options.dryRun,
        changes: plan.changes,
        errors: translate(problems, lang),
        applied: false,
      };
      if (problems.length > 0 || options.dryRun) return report;

      const total = plan.creates.length + plan.updates.length;
      let done = 0;
      const moved = plan.updates
        .filter((w) => w.before?.parentId !== w.after.parentId)
        .map((w) => w.after.id);
      // Read before any parent changes: the old closure still knows every unit below a moved one.
      const movedSubtrees = await tx.subtreeIdsOf(moved);
      for (const batch of chunks(plan.creates)) {
        await tx.insertUnits(batch.map((w) => w.after));
        progress('apply', (done += batch.length), total);
      }
      for (const batch of chunks(plan.updates)) {
        await tx.updateUnits(batch.map((w) => w.after));
        progress('apply', (done += batch.length), total);
      }
      const rebuild = [...new Set([...plan.creates.map((w) => w.after.id), ...movedSubtrees])];
      for (const batch of chunks(rebuild)) await tx.rebuildClosure(batch);
      const actor = { actorId: options.actorId, source: options.source };
      const events = [...plan.creates, ...plan.updates].flatMap((w) => eventsFor(w, actor));
      for (const batch of chunks(events)) await tx.insertEvents(batch);
      const count = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
      await audit.record(
        {
          actorId: options.actorId,
          action: 'organisation.units_imported',
          targetType: 'org_unit',
          targetId: null,
          details: {
            source: options.source,
            format: input.format,
            created: count('create'),
            updated: count('update'),
            moved: count('move'),
            closed: count('close'),
          },
        },
        tx.executor,
      );
      return { ...report, applied: true };
    };

    return options.dryRun ? run(repo) : repo.transaction(run);
  };
}
