// The staff list of insights alerts: what fired, for which unit and period, with the figures that fired it.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

export interface AlertView {
  id: string;
  kind: string;
  unitId: string;
  unitNames: { fi: string; sv: string | null; en: string | null };
  periodFrom: string;
  periodTo: string;
  figures: Record<string, number>;
  createdAt: Date;
  emailedAt: Date | null;
}

function describe(alert: AlertView, lang: Language): string {
  const tr = t(lang);
  const f = alert.figures;
  if (alert.kind === 'nps_drop') {
    return tr('insights.alert_text_nps_drop', {
      nps: Math.round(f.nps ?? 0),
      previous: Math.round(f.previousNps ?? 0),
      change: Math.round(f.change ?? 0),
      low: Math.round(f.changeLow ?? 0),
      high: Math.round(f.changeHigh ?? 0),
      n: f.n ?? 0,
    });
  }
  return tr('insights.alert_text_detractor_share', {
    share: Math.round((f.detractorShare ?? 0) * 100),
    threshold: Math.round((f.threshold ?? 0) * 100),
    n: f.n ?? 0,
  });
}

export function renderAlertsPage(options: {
  lang: Language;
  viewer: StaffViewer;
  alerts: AlertView[];
}): SafeHtml {
  const { lang, alerts } = options;
  const tr = t(lang);
  const body =
    alerts.length === 0
      ? html`<p>${tr('insights.alerts_empty')}</p>`
      : html`<table>
          <caption>
            ${tr('insights.alerts_caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${tr('insights.alerts_col_unit')}</th>
              <th scope="col">${tr('insights.alerts_col_period')}</th>
              <th scope="col">${tr('insights.alerts_col_alert')}</th>
              <th scope="col">${tr('insights.alerts_col_emailed')}</th>
            </tr>
          </thead>
          <tbody>
            ${alerts.map(
              (a) =>
                html`<tr>
                  <th scope="row">${a.unitNames[lang] ?? a.unitNames.fi}</th>
                  <td>${a.periodFrom} – ${a.periodTo}</td>
                  <td>${describe(a, lang)}</td>
                  <td>${a.emailedAt ? tr('insights.alerts_emailed_yes') : tr('insights.alerts_emailed_no')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  return staffPage({
    lang,
    title: tr('insights.alerts_title'),
    viewer: options.viewer,
    active: 'dashboard',
    path: '/staff/insights/alerts',
    body: html`<h1>${tr('insights.alerts_title')}</h1>
      ${body}`,
  });
}
