import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../ui/html.ts';
import { BASE_CSS } from '../ui/styles.ts';
import { languageSwitch } from '../ui/layout.ts';

export interface StaffViewer {
  displayName: string;
  csrfToken: string;
  /** When given (a StaffPrincipal has them), sections the viewer cannot use are left out of the navigation. */
  roles?: readonly { role: string; unitId: string | null }[];
}

export type StaffSection =
  | 'home'
  | 'organisation'
  | 'surveys'
  | 'links'
  | 'users'
  | 'entry'
  | 'home-care'
  | 'chat'
  | 'dashboard'
  | 'kiosks'
  | 'inbox'
  | 'sms'
  | 'audit'
  | 'privacy'
  | 'analysis';

export interface StaffPageOptions {
  lang: Language;
  title: string;
  body: SafeHtml;
  viewer: StaffViewer | null;
  active?: StaffSection;
  /** Current path without query, used for the language switch. */
  path: string;
  /** Page-specific CSS appended to the shared stylesheet. */
  extraCss?: string;
  /** Where each language version lives when the page has state in its query string; default path?lang=. */
  languageHref?: (lang: Language) => string;
}

const STAFF_CSS = `nav.staff ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;list-style:none;margin:0;padding:0}nav.staff a[aria-current=page]{font-weight:700;color:#1a1a1a}.inline{display:inline}.field-error{display:block;font-weight:600}.roles{margin:0;padding-left:1.1rem}.row-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}.row-actions p{margin:0}button.small{padding:.3rem .7rem;min-height:32px;font-size:.95rem}`;

/** A hidden CSRF field for every state-changing staff form. */
export function csrfField(viewer: StaffViewer | null): SafeHtml {
  return viewer ? html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}" />` : html``;
}

export function staffPage(options: StaffPageOptions): SafeHtml {
  const tr = t(options.lang);
  // label: an i18n key when the section's text lives in its feature's namespace (default staff.nav_<id>).
  const sections: { id: StaffSection; href: string; label?: string }[] = [
    { id: 'home', href: '/staff' },
    { id: 'inbox', href: '/staff/inbox', label: 'inbox.nav' },
    { id: 'dashboard', href: '/staff/dashboard' },
    { id: 'organisation', href: '/staff/units' },
    { id: 'surveys', href: '/staff/surveys' },
    { id: 'links', href: '/staff/links' },
    { id: 'entry', href: '/staff/entry' },
    { id: 'home-care', href: '/staff/home-care' },
    { id: 'chat', href: '/staff/chat' },
    { id: 'analysis', href: '/staff/analysis', label: 'analysis.nav' },
  ];
  // Kiosks are configured by coordinators (and administrators).
  if (options.viewer?.roles?.some((r) => r.role === 'admin' || r.role === 'coordinator')) {
    sections.push({ id: 'kiosks', href: '/staff/kiosks', label: 'kiosk.nav' });
    sections.push({ id: 'sms', href: '/staff/sms', label: 'sms.nav' });
  }
  // User management needs a global admin (see staff.policy.ts canManageUsers).
  if (options.viewer?.roles?.some((r) => r.role === 'admin' && r.unitId === null)) {
    sections.push({ id: 'users', href: '/staff/users' });
    sections.push({ id: 'audit', href: '/staff/audit', label: 'access.nav_audit' });
    sections.push({ id: 'privacy', href: '/staff/privacy', label: 'privacy.nav' });
  }
  const nav = options.viewer
    ? html`<nav class="staff" aria-label="${tr('common.main_navigation')}">
        <ul>
          ${sections.map(
            (s) =>
              html`<li>
                <a href="${s.href}" ${options.active === s.id ? raw('aria-current="page"') : ''}
                  >${tr(s.label ?? `staff.nav_${s.id}`)}</a
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
          ${raw(BASE_CSS)}${raw(STAFF_CSS)}${raw(options.extraCss ?? '')}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${tr('common.skip_to_content')}</a>
        <header class="top">
          <span>${tr('staff.app_title')}</span
          >${nav}${languageSwitch(options.lang, options.languageHref ?? ((l) => `${options.path}?lang=${l}`))}
        </header>
        <main id="main" class="wide" tabindex="-1">${options.body}</main>
      </body>
    </html>`;
}

// Accessible form pieces shared by the staff pages: an error summary that links to each field, and inputs that
// point at their own error message (aria-describedby) and say they are invalid in words, not colour alone.
export interface FieldError {
  /** The id of the input the message is about. */
  field: string;
  message: string;
}

export function errorSummary(title: string, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
    <h2 id="error-summary-title">${title}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

export interface InputOptions {
  id: string;
  name?: string;
  /** Text, or markup such as a visible short label with a visually hidden qualifier. */
  label: string | SafeHtml;
  type?: 'text' | 'email' | 'password' | 'date';
  value?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  errors: readonly FieldError[];
  labelHidden?: boolean;
}

export function textInput(options: InputOptions): SafeHtml {
  const messages = options.errors.filter((e) => e.field === options.id).map((e) => e.message);
  const described = [options.hint ? `${options.id}-hint` : '', messages.length ? `${options.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<p>
    <label for="${options.id}" class="${options.labelHidden ? 'visually-hidden' : ''}"
      >${options.label}</label
    >
    ${options.hint ? html`<span class="hint" id="${options.id}-hint">${options.hint}</span>` : ''}
    ${
      messages.length
        ? html`<span class="field-error" id="${options.id}-error">${messages.join(' ')}</span>`
        : ''
    }
    <input
      id="${options.id}"
      name="${options.name ?? options.id}"
      type="${options.type ?? 'text'}"
      value="${options.value ?? ''}"
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.required ? raw('required') : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${messages.length ? raw('aria-invalid="true"') : ''}
    />
  </p>`;
}

export function selectInput(options: {
  id: string;
  name?: string;
  label: string | SafeHtml;
  choices: readonly { value: string; label: string }[];
  selected?: string;
  errors: readonly FieldError[];
  labelHidden?: boolean;
}): SafeHtml {
  const messages = options.errors.filter((e) => e.field === options.id).map((e) => e.message);
  return html`<p>
    <label for="${options.id}" class="${options.labelHidden ? 'visually-hidden' : ''}"
      >${options.label}</label
    >
    ${
      messages.length
        ? html`<span class="field-error" id="${options.id}-error">${messages.join(' ')}</span>`
        : ''
    }
    <select
      id="${options.id}"
      name="${options.name ?? options.id}"
      ${messages.length ? raw(`aria-describedby="${options.id}-error" aria-invalid="true"`) : ''}
    >
      ${options.choices.map(
        (c) =>
          html`<option value="${c.value}" ${c.value === options.selected ? raw('selected') : ''}>
            ${c.label}
          </option>`,
      )}
    </select>
  </p>`;
}
