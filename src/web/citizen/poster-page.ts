import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../ui/html.ts';
import { page } from '../ui/layout.ts';
import { POSTER_CSS } from './citizen-styles.ts';

export interface PosterPageModel {
  lang: Language;
  surveyTitle: string;
  unitName: string;
  /** The address the QR code holds, written out for people who type it. */
  url: string;
  /** SVG markup from our own QR generator (trusted). */
  qrSvg: string;
  languageHref: (lang: Language) => string;
}

/** An A4 poster: print CSS sizes the page; on screen it is an ordinary accessible page with a print hint. */
export function renderPosterPage(model: PosterPageModel): SafeHtml {
  const tr = t(model.lang);
  const shown = model.url.replace(/^https?:\/\//, '');
  return page({
    lang: model.lang,
    title: tr('citizen.poster_title', { survey: model.surveyTitle }),
    languageHref: model.languageHref,
    extraCss: POSTER_CSS,
    mainClass: 'poster',
    body: html`<p class="notice screen-only">${tr('citizen.poster_print_hint')}</p>
      <h1>${tr('citizen.poster_cta')}</h1>
      <p class="survey">${model.surveyTitle}</p>
      <p class="unit-name">${model.unitName}</p>
      <div class="qr" role="img" aria-label="${tr('citizen.poster_qr_label', { url: shown })}">
        ${raw(model.qrSvg)}
      </div>
      <p class="scan">${tr('citizen.poster_scan')}</p>
      <p class="url">${shown}</p>
      <p class="time">${tr('citizen.poster_time')}</p>`,
  });
}
