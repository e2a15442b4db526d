import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../ui/html.ts';
import { BASE_CSS } from '../ui/styles.ts';
import { languageSwitch } from '../ui/layout.ts';

export interface StaffViewer {
  displayName: string;
  csrfToken: string;
}

export type StaffSection = 'home' | 'organisation' | 'surveys' | 'links';

export interface StaffPageOptions {
  lang: Language;
  title: string;
  body: SafeHtml;
  viewer: StaffViewer | null;
  active?: StaffSection;
  /** Current path without query, used for the language switch. */
  path: string;
}

const STAFF_CSS = `nav.staff ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}nav.staff a[aria-current=page]{font-weight:700;color:#1a1a1a}.inline{display:inline}`;

/** A hidden CSRF field for every state-changing staff form. */
export function csrfField(viewer: StaffViewer | null): SafeHtml {
  return viewer ? html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}" />` : html``;
}

export function staffPage(options: StaffPageOptions): SafeHtml {
  const tr = t(options.lang);
  const sections: { id: StaffSection; href: string }[] = [
    { id: 'home', href: '/staff' },
    { id: 'organisation', href: '/staff/units' },
    { id: 'surveys', href: '/staff/surveys' },
    { id: 'links', href: '/staff/links' },
  ];
  const nav = options.viewer
    ? html`<nav class="staff" aria-label="${tr('common.main_navigation')}">
        <ul>
          ${sections.map(
            (s) =>
              html`<li>
                <a href="${s.href}" ${options.active === s.id ? raw('aria-current="page"') : ''}
                  >${tr(`staff.nav_${s.id}`)}</a
                >
              </li>`,
          )}
          <li>
            <form class="inline" method="post" action="/staff/logout">
              ${csrfField(options.viewer)}<button class="secondary" type="submit">
                ${tr('staff.sign_out')}
              </button>
            </form>
          </li>
        </ul>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${options.title} – ${tr('staff.app_title')}</title>
        <style>
          ${raw(BASE_CSS)}${raw(STAFF_CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${tr('common.skip_to_content')}</a>
        <header class="top">
          <span>${tr('staff.app_title')}</span
          >${nav}${languageSwitch(options.lang, (l) => `${options.path}?lang=${l}`)}
        </header>
        <main id="main" class="wide" tabindex="-1">${options.body}</main>
      </body>
    </html>`;
}
