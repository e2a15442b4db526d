// The national data set download for staff with an organisation-wide role: pick a month and a format.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

export function renderNationalPage(input: { lang: Language; viewer: StaffViewer; month: string }): SafeHtml {
  const tr = t(input.lang);
  const body = html`<h1>${tr('dashboard.national_title')}</h1>
    <p>${tr('dashboard.national_intro')}</p>
    <form method="get" action="/staff/national-export/download">
      <input type="hidden" name="lang" value="${input.lang}" />
      <p><label for="month">${tr('dashboard.month')}</label><span class="hint" id="month-hint">${tr('dashboard.month_hint')}</span>
        <input id="month" name="month" type="text" inputmode="numeric" pattern="\\d{4}-\\d{2}" value="${input.month}" aria-describedby="month-hint" required /></p>
      <p><label for="format">${tr('dashboard.national_format')}</label>
        <select id="format" name="format"><option value="csv">CSV</option><option value="json">JSON</option></select></p>
      <p><button type="submit">${tr('dashboard.national_download')}</button></p>
    </form>
    <p>${tr('dashboard.national_doc')}</p>`;
  return staffPage({
    lang: input.lang,
    title: tr('dashboard.national_title'),
    body,
    viewer: input.viewer,
    active: 'dashboard',
    path: '/staff/national-export',
  });
}
