import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { page } from '../ui/layout.ts';

// The pages a survey link can end on besides the form: thank you, closed, unknown link.

export interface ThanksPageModel {
  lang: Language;
  surveyTitle: string;
  thankYou: string;
  languageHref: (lang: Language) => string;
}

export function renderThanksPage(model: ThanksPageModel): SafeHtml {
  const tr = t(model.lang);
  return page({
    lang: model.lang,
    title: tr('citizen.thanks_title'),
    languageHref: model.languageHref,
    body: html`<h1>${tr('citizen.thanks_title')}</h1>
      <p>${model.thankYou}</p>
      <p class="notice">${tr('citizen.thanks_stored', { survey: model.surveyTitle })}</p>
      <p><a href="/?lang=${model.lang}">${tr('citizen.to_front_page')}</a></p>`,
  });
}

export type NoticeKind = 'closed' | 'not_found';

export function renderNoticePage(
  lang: Language,
  kind: NoticeKind,
  languageHref?: (lang: Language) => string,
): SafeHtml {
  const tr = t(lang);
  return page({
    lang,
    title: tr(`citizen.${kind}_title`),
    ...(languageHref && { languageHref }),
    body: html`<h1>${tr(`citizen.${kind}_title`)}</h1>
      <p>${tr(`citizen.${kind}_body`)}</p>
      <p><a href="/?lang=${lang}">${tr('citizen.find_unit')}</a></p>`,
  });
}
