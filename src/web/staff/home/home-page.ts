import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

export interface HomeViewer extends StaffViewer {
  email: string;
  roles: readonly { role: string; unitId: string | null }[];
}

/** "whole organisation" or "unit X and everything below it", in the page's language. */
export function roleScope(lang: Language, unitId: string | null): string {
  return unitId === null ? t(lang)('staff.scope_global') : t(lang)('staff.scope_unit', { unitId });
}

export function renderHomePage(lang: Language, viewer: HomeViewer, canManageUsers: boolean): SafeHtml {
  const tr = t(lang);
  const sections = [
    { href: '/staff/units', label: tr('staff.nav_organisation'), text: tr('staff.section_organisation') },
    { href: '/staff/surveys', label: tr('staff.nav_surveys'), text: tr('staff.section_surveys') },
    { href: '/staff/links', label: tr('staff.nav_links'), text: tr('staff.section_links') },
    ...(canManageUsers
      ? [{ href: '/staff/users', label: tr('staff.nav_users'), text: tr('staff.section_users') }]
      : []),
  ];
  const body = html`<h1>${tr('staff.home_title')}</h1>
    <p>${tr('staff.home_signed_in_as', { name: viewer.displayName, email: viewer.email })}</p>
    <h2>${tr('staff.home_roles')}</h2>
    ${
      viewer.roles.length === 0
        ? html`<p>${tr('staff.home_no_roles')}</p>`
        : html`<ul>
            ${viewer.roles.map(
              (r) => html`<li>${tr(`staff.role_${r.role}`)}: ${roleScope(lang, r.unitId)}</li>`,
            )}
          </ul>`
    }
    <h2>${tr('staff.home_sections')}</h2>
    <ul>
      ${sections.map((s) => html`<li><a href="${s.href}">${s.label}</a>: ${s.text}</li>`)}
    </ul>`;
  return staffPage({ lang, title: tr('staff.home_title'), body, viewer, active: 'home', path: '/staff' });
}
