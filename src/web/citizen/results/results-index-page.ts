// /results: find a service or unit by name, or browse the top of the organisation tree. Works without script.
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { page } from '../../ui/layout.ts';
import type { ResultsIndexModel } from './results-model.ts';
import { RESULTS_CSS } from './results-css.ts';

export function renderResultsIndex(model: ResultsIndexModel): SafeHtml {
  const tr = t(model.lang);
  const list = model.units.length
    ? html`<ul class="units">${model.units.map(
        (u) =>
          html`<li class="d${Math.min(u.depth, 2)}"><a href="/results/unit/${encodeURIComponent(u.id)}?lang=${model.lang}">${u.name}</a>${u.context ? html` <span class="context">(${u.context})</span>` : ''}</li>`,
      )}</ul>`
    : html`<p>${tr('results.no_units', { q: model.query })}</p>`;
  const body = html`<h1>${tr('results.index_title')}</h1>
    <p>${tr('results.index_intro')}</p>
    <form class="search" method="get" action="/results" role="search">
      <input type="hidden" name="lang" value="${model.lang}" />
      <label for="q" class="visually-hidden">${tr('results.search_label')}</label>
      <input id="q" name="q" type="search" value="${model.query}" maxlength="100" />
      <button type="submit">${tr('results.search')}</button>
    </form>
    <h2>${model.searched ? tr('results.search_results') : tr('results.browse')}</h2>
    ${list}
    <h2>${tr('results.about_title')}</h2>
    <p>${tr('results.about_nps')}</p>
    <p>${tr('results.about_privacy', { min: model.minGroupSize })}</p>`;
  return page({
    lang: model.lang,
    title: tr('results.index_title'),
    body,
    robots: 'index',
    extraCss: RESULTS_CSS,
    languageHref: (l) => `/results?lang=${l}${model.query ? `&q=${encodeURIComponent(model.query)}` : ''}`,
  });
}
