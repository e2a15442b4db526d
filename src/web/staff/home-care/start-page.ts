import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

export interface HomeCareUnit {
  id: string;
  name: string;
  context: string | null;
}

export interface StartPageModel {
  lang: Language;
  viewer: StaffViewer;
  /** Units from the person's own role assignments, then search hits. */
  units: HomeCareUnit[];
  query: string;
  searched: boolean;
  recorded: boolean;
}

function unitItem(model: StartPageModel, unit: HomeCareUnit): SafeHtml {
  const tr = t(model.lang);
  const id = encodeURIComponent(unit.id);
  return html`<li>
    <h3>${unit.name}${unit.context ? html` <span class="hint">(${unit.context})</span>` : ''}</h3>
    <p>${tr('homecare.start_client_survey')}</p>
    <ul class="start-langs">
      ${LANGUAGES.map(
        (l) =>
          html`<li>
            <a class="button" href="/staff/home-care/visit?unit=${id}&amp;lang=${l}" hreflang="${l}" lang="${l}"
              >${t(l)(`common.language_${l}`)}</a
            >
          </li>`,
      )}
    </ul>
    <p><a href="/staff/home-care/report?unit=${id}">${tr('homecare.report_link', { unit: unit.name })}</a></p>
  </li>`;
}

export function renderStartPage(model: StartPageModel): SafeHtml {
  const tr = t(model.lang);
  const body = html`<h1>${tr('homecare.title')}</h1>
    ${model.recorded ? html`<p class="saved" role="status">${tr('homecare.recorded')}</p>` : html`<p role="status"></p>`}
    <p>${tr('homecare.intro')}</p>
    <form method="get" action="/staff/home-care" role="search">
      <p>
        <label for="q">${tr('homecare.search_unit')}</label>
        <input id="q" name="q" type="search" value="${model.query}" autocomplete="off" />
        <button type="submit">${tr('homecare.search')}</button>
      </p>
    </form>
    ${
      model.units.length === 0
        ? html`<p>${tr(model.searched ? 'homecare.no_units_found' : 'homecare.no_units')}</p>`
        : html`<ul class="plain units">
          ${model.units.map((u) => unitItem(model, u))}
        </ul>`
    }`;
  return staffPage({
    lang: model.lang,
    title: tr('homecare.title'),
    body,
    viewer: model.viewer,
    active: 'home-care',
    path: '/staff/home-care',
    extraCss: `.start-langs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}.start-langs a.button{display:inline-block;min-height:48px;padding:.7rem 1.2rem;border:2px solid #0b5394;border-radius:6px;font-weight:600}.units>li{border-top:1px solid #ccc;padding:.5rem 0}.saved{border-left:6px solid #1e6b2f;background:#eef7ef;padding:.5rem 1rem}`,
  });
}
