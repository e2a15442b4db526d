import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';

export function renderErrorPage(lang: Language, status: number, message: string): SafeHtml {
  const tr = t(lang);
  return page({
    lang,
    title: `${tr('errors.page_title')} ${status}`,
    body: html`<h1>${tr('errors.page_title')} ${status}</h1>
      <p>${message}</p>
      <p><a href="/?lang=${lang}">${tr('errors.back_home')}</a></p>`,
  });
}
