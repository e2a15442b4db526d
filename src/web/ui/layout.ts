import { LANGUAGES, type Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { BASE_CSS } from './styles.ts';

export interface PageOptions {
  lang: Language;
  title: string;
  body: SafeHtml;
  /** Where each language version of this page lives; omitted: no language switch. */
  languageHref?: (lang: Language) => string;
  extraCss?: string;
  mainClass?: string;
  robots?: 'noindex' | 'index';
}

export function languageSwitch(current: Language, href: (lang: Language) => string): SafeHtml {
  const tr = t(current);
  const items = LANGUAGES.map(
    (lang) =>
      html`<li>
        <a
          href="${href(lang)}"
          lang="${lang}"
          hreflang="${lang}"
          ${lang === current ? raw('aria-current="true"') : ''}
          >${tr(`common.language_${lang}`)}</a
        >
      </li>`,
  );
  return html`<nav aria-label="${tr('common.language')}">
    <ul class="lang-switch">
      ${items}
    </ul>
  </nav>`;
}

/** The shell of every server-rendered public page: language, skip link, landmarks, inline CSS. */
export function page(options: PageOptions): SafeHtml {
  const tr = t(options.lang);
  const switcher = options.languageHref ? languageSwitch(options.lang, options.languageHref) : '';
  return html`<!doctype html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="${options.robots ?? 'noindex'}" />
        <title>${options.title} – ${tr('common.app_name')}</title>
        <style>
          ${raw(BASE_CSS)}${raw(options.extraCss ?? '')}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${tr('common.skip_to_content')}</a>
        <header class="top"><span>${tr('common.app_name')}</span>${switcher}</header>
        <main id="main" class="${options.mainClass ?? ''}" tabindex="-1">${options.body}</main>
      </body>
    </html>`;
}
