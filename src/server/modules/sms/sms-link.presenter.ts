import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../../web/ui/html.ts';
import { page } from '../../../web/ui/layout.ts';

/** A personal SMS link that can no longer be used: answered already, or expired. */
export function renderLinkNotice(
  lang: Language,
  kind: 'answered' | 'expired' | 'not_found',
  languageHref: (lang: Language) => string,
): SafeHtml {
  const tr = t(lang);
  return page({
    lang,
    title: tr(`sms.link_${kind}_title`),
    languageHref,
    body: html`<h1>${tr(`sms.link_${kind}_title`)}</h1>
      <p>${tr(`sms.link_${kind}_body`)}</p>`,
  });
}
