import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { page } from '../ui/layout.ts';

export interface UnitResult {
  name: string;
  /** The parent's name, so that two "Health station" results can be told apart. */
  context: string | null;
  surveys: { title: string; href: string }[];
}

export interface FrontPageModel {
  lang: Language;
  query: string;
  /** undefined: no search made yet. */
  results: UnitResult[] | undefined;
  truncated: boolean;
}

const FRONT_CSS = `.search{display:flex;flex-wrap:wrap;gap:.5rem}.search input{flex:1 1 14rem;width:auto}.results{padding-left:1.25rem}.results li{margin:0 0 1rem}.results ul{padding-left:1.25rem}.context{color:#4a5563}`;

function resultsSection(model: FrontPageModel): SafeHtml | string {
  if (!model.results) return '';
  const tr = t(model.lang);
  if (model.results.length === 0)
    return html`<h2 id="results">${tr('citizen.front_results_title')}</h2>
      <p>${tr('citizen.front_no_results', { q: model.query })}</p>`;
  const items = model.results.map(
    (unit) =>
      html`<li>
        <strong>${unit.name}</strong
        >${unit.context ? html` <span class="context">(${unit.context})</span>` : ''}
        <ul>
          ${unit.surveys.map((s) => html`<li><a href="${s.href}">${s.title}</a></li>`)}
        </ul>
      </li>`,
  );
  return html`<h2 id="results">${tr('citizen.front_results_title')}</h2>
    <p>
      ${
        model.truncated
          ? tr('citizen.front_truncated', { count: model.results.length })
          : tr('citizen.front_count', { count: model.results.length })
      }
    </p>
    <ul class="results">
      ${items}
    </ul>`;
}

export function renderFrontPage(model: FrontPageModel): SafeHtml {
  const tr = t(model.lang);
  const lang = model.lang;
  return page({
    lang,
    title: tr('citizen.front_title'),
    robots: 'index',
    extraCss: FRONT_CSS,
    languageHref: (l) => `/?lang=${l}${model.query ? `&q=${encodeURIComponent(model.query)}` : ''}`,
    body: html`<h1>${tr('citizen.front_title')}</h1>
      <p>${tr('citizen.front_intro')}</p>
      <ul class="front-links">
        <li><a href="/feedback?lang=${lang}">${tr('citizen.front_open_feedback_link')}</a></li>
        <li><a href="/results?lang=${lang}">${tr('citizen.front_results_link')}</a></li>
      </ul>
      <form method="get" action="/" role="search">
        <input type="hidden" name="lang" value="${lang}" />
        <label for="unit-search">${tr('citizen.front_search_label')}</label>
        <p class="hint" id="unit-search-hint">${tr('citizen.front_search_hint')}</p>
        <div class="search">
          <input
            type="search"
            id="unit-search"
            name="q"
            value="${model.query}"
            maxlength="100"
            aria-describedby="unit-search-hint"
          />
          <button type="submit">${tr('citizen.front_search_button')}</button>
        </div>
      </form>
      ${resultsSection(model)}
      <h2>${tr('citizen.front_privacy_title')}</h2>
      <p>${tr('citizen.front_privacy_body')}</p>
      <h2>${tr('citizen.front_more_title')}</h2>
      <ul>
        <li><a href="/accessibility?lang=${lang}">${tr('common.footer_accessibility')}</a></li>
        <li><a href="/staff?lang=${lang}">${tr('citizen.front_staff_link')}</a></li>
      </ul>`,
  });
}

export interface AccessibilityPageModel {
  lang: Language;
  /** Where accessibility feedback goes (KUULO_ACCESSIBILITY_CONTACT); undefined: not configured yet. */
  contact: string | undefined;
}

export function renderAccessibilityPage(model: AccessibilityPageModel): SafeHtml {
  const tr = t(model.lang);
  const contact = model.contact ?? tr('citizen.a11y_contact_missing');
  return page({
    lang: model.lang,
    title: tr('citizen.a11y_title'),
    robots: 'index',
    languageHref: (l) => `/accessibility?lang=${l}`,
    body: html`<h1>${tr('citizen.a11y_title')}</h1>
      <p>${tr('citizen.a11y_intro')}</p>
      <h2>${tr('citizen.a11y_status_title')}</h2>
      <p>${tr('citizen.a11y_status_body')}</p>
      <h2>${tr('citizen.a11y_tested_title')}</h2>
      <p>${tr('citizen.a11y_tested_body')}</p>
      <h2>${tr('citizen.a11y_feedback_title')}</h2>
      <p>${tr('citizen.a11y_feedback_body')}</p>
      <p><strong>${contact}</strong></p>
      <h2>${tr('citizen.a11y_authority_title')}</h2>
      <p>${tr('citizen.a11y_authority_body')}</p>
      <p><a href="/?lang=${model.lang}">${tr('citizen.to_front_page')}</a></p>`,
  });
}
