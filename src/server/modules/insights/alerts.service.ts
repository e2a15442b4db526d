// Alert rules on the same suppressed figures the dashboards show: an alert never fires on a small group.
// "NPS fell significantly": the 95 % CI of the change (current − previous period) lies wholly below zero.
// "Detractor share rose above X": the share is above X now and was not (or was not shown) before.
import type { Mailer } from '../../adapters/mail/mailer.ts';
import type { Logger } from '../../logger.ts';
import { ValidationError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import type { StaffService } from '../staff/index.ts';
import type { UnitNames } from '../organisation/index.ts';
import type { AlertRule, AlertsService, InsightsService, NpsShown } from './index.ts';
import type { AlertsRepository } from './alerts.repository.ts';
import { addDays } from './insights.dates.ts';

export interface AlertsDeps {
  repo: AlertsRepository;
  insights: InsightsService;
  staff: Pick<StaffService, 'listUsers'>;
  unitExists: (id: string) => Promise<boolean>;
  ancestors: (unitId: string) => Promise<{ id: string }[]>;
  mailer?: Mailer;
  publicUrl: string;
  logger: Logger;
  now: () => Date;
}

/** Yesterday in Helsinki: the last whole day. */
function helsinkiYesterday(now: Date): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
  return addDays(today, -1);
}

function checkRule(rule: Omit<AlertRule, 'id' | 'active'>): void {
  if (!['nps_drop', 'detractor_share'].includes(rule.kind)) {
    throw new ValidationError('invalid_rule', 'insights.error_invalid_rule', { field: 'kind' });
  }
  if (
    rule.kind === 'detractor_share' &&
    (rule.threshold === null || rule.threshold < 0 || rule.threshold > 1)
  ) {
    throw new ValidationError('invalid_rule', 'insights.error_invalid_rule', { field: 'threshold' });
  }
  if (!Number.isInteger(rule.periodDays) || rule.periodDays < 7 || rule.periodDays > 366) {
    throw new ValidationError('invalid_rule', 'insights.error_invalid_rule', { field: 'periodDays' });
  }
}

type Firing = Record<string, number>;

export function createAlertsService(deps: AlertsDeps): AlertsService {
  const { repo, insights } = deps;

  async function fires(rule: AlertRule, unitId: string, from: string, to: string): Promise<Firing | null> {
    const comparison = await insights.compare({ unitId, from, to });
    const current = comparison.current.nps;
    const previous = comparison.previous.nps;
    if (current.suppressed) return null;
    if (rule.kind === 'nps_drop') {
      const change = comparison.change;
      if (!change || !change.significant || change.value >= 0) return null;
      const before = previous as NpsShown;
      return {
        nps: current.value ?? 0,
        previousNps: before.value ?? 0,
        change: change.value,
        changeLow: change.ci95[0],
        changeHigh: change.ci95[1],
        n: current.n,
        previousN: before.n,
      };
    }
    const threshold = rule.threshold ?? 1;
    if (current.detractors.share <= threshold) return null;
    if (!previous.suppressed && previous.detractors.share > threshold) return null;
    return {
      detractorShare: current.detractors.share,
      threshold,
      n: current.n,
      ...(previous.suppressed ? {} : { previousDetractorShare: previous.detractors.share }),
    };
  }

  async function recipients(unitId: string): Promise<{ email: string; locale: 'fi' | 'sv' | 'en' }[]> {
    const path = new Set((await deps.ancestors(unitId)).map((u) => u.id));
    const users = await deps.staff.listUsers();
    return users
      .filter((u) => !u.disabled)
      .filter((u) => u.roles.some((r) => r.role === 'manager' && r.unitId !== null && path.has(r.unitId)))
      .map((u) => ({ email: u.email, locale: u.locale }));
  }

  async function email(alertId: string, rule: AlertRule, unitId: string, names: UnitNames, figures: Firing) {
    if (!deps.mailer) return false;
    const to = await recipients(unitId);
    if (to.length === 0) return false;
    let sent = false;
    for (const { email: address, locale } of to) {
      const tr = t(locale);
      const params = {
        unit: names[locale] ?? names.fi,
        nps: Math.round(figures.nps ?? 0),
        previous: Math.round(figures.previousNps ?? 0),
        change: Math.round(figures.change ?? 0),
        share: Math.round((figures.detractorShare ?? 0) * 100),
        threshold: Math.round((figures.threshold ?? 0) * 100),
        n: figures.n ?? 0,
        link: `${deps.publicUrl}/staff/insights/alerts`,
      };
      try {
        await deps.mailer.send({
          to: [address],
          subject: tr(`insights.alert_subject_${rule.kind}`, params),
          text: `${tr(`insights.alert_body_${rule.kind}`, params)}\n\n${tr('insights.alert_body_link', params)}\n`,
          headers: { 'x-kuulo-alert': alertId },
        });
        sent = true;
      } catch (error) {
        deps.logger.warn({ alertId, err: (error as Error).name }, 'alert e-mail not sent');
      }
    }
    return sent;
  }

  return {
    async createRule(input) {
      const rule = {
        kind: input.kind,
        unitId: input.unitId,
        includeDescendants: input.includeDescendants,
        threshold: input.kind === 'detractor_share' ? input.threshold : null,
        periodDays: input.periodDays,
      };
      checkRule(rule);
      if (!(await deps.unitExists(rule.unitId))) {
        throw new ValidationError('unknown_unit', 'insights.error_unit_not_found', { id: rule.unitId });
      }
      return repo.insertRule(rule, input.actorId);
    },
    listRules: (unitId) => repo.listRules(unitId),
    listAlerts: ({ rootIds, limit }) => repo.listAlerts(rootIds, Math.min(limit ?? 100, 500)),

    async evaluate(today) {
      const to = today ? addDays(today, -1) : helsinkiYesterday(deps.now());
      let created = 0;
      let emailed = 0;
      for (const rule of await repo.listRules(undefined, true)) {
        const from = addDays(to, -(rule.periodDays - 1));
        const units = rule.includeDescendants ? await repo.subtreeIds(rule.unitId) : [rule.unitId];
        for (const unitId of units) {
          const figures = await fires(rule, unitId, from, to);
          if (!figures) continue;
          const id = await repo.insertAlert({
            ruleId: rule.id,
            unitId,
            periodFrom: from,
            periodTo: to,
            figures,
          });
          if (!id) continue;
          created++;
          const [alert] = (await repo.listAlerts([unitId], 50)).filter((a) => a.id === id);
          const names = alert?.unitNames ?? { fi: unitId, sv: null, en: null };
          if (await email(id, rule, unitId, names, figures)) {
            await repo.markEmailed(id);
            emailed++;
          }
        }
      }
      return { created, emailed };
    },
  };
}
