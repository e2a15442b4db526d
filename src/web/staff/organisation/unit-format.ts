// Small pieces every organisation page shares: names in the reader's language, type labels, status in words
// (never by colour alone), and field error messages.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import type { OrgUnit, OrgUnitEvent, UnitNames } from '../../../server/modules/organisation/index.ts';

export const ORGANISATION_CSS = `.tree,.tree ul{list-style:none;margin:0;padding-left:1.25rem}.tree{padding-left:0}.tree li{margin:.2rem 0}.meta{color:#4a5563;font-size:.9rem}.status-closed{font-style:italic}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}.forms{display:grid;gap:1rem}@media (min-width:60rem){.forms{grid-template-columns:1fr 1fr}}.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0}.crumbs li+li::before{content:"›";margin-right:.25rem}.field{margin:0 0 .75rem}`;

export interface FormProblem {
  field?: string;
  message: string;
}

export function displayName(names: UnitNames, lang: Language): string {
  return names[lang] ?? names.fi;
}

export function typeLabel(lang: Language, type: string): string {
  return t(lang)(`organisation.type_${type}`);
}

/** Open, closed (with its last day) or merged, in words. */
export function statusText(lang: Language, unit: OrgUnit, today: string): string {
  const tr = t(lang);
  if (unit.mergedIntoId) return tr('organisation.status_merged', { id: unit.mergedIntoId });
  if (unit.validTo && unit.validTo < today) return tr('organisation.status_closed', { date: unit.validTo });
  if (unit.validTo) return tr('organisation.status_closing', { date: unit.validTo });
  return tr('organisation.status_open');
}

export function unitLink(lang: Language, unit: { id: string; names: UnitNames }): SafeHtml {
  return html`<a href="/staff/units/${encodeURIComponent(unit.id)}?lang=${lang}"
    >${displayName(unit.names, lang)}</a
  >`;
}

export function eventText(lang: Language, event: OrgUnitEvent): string {
  const tr = t(lang);
  const none = tr('organisation.top_level');
  switch (event.kind) {
    case 'moved':
      return tr('organisation.event_moved', {
        from: event.fromParentId ?? none,
        to: event.toParentId ?? none,
      });
    case 'merged':
      return tr('organisation.event_merged', { into: event.mergedIntoId ?? '' });
    case 'closed': {
      const change = event.changes.valid_to as { to?: string } | undefined;
      return tr('organisation.event_closed', { date: change?.to ?? '' });
    }
    case 'updated':
      return tr('organisation.event_updated', {
        fields: Object.keys(event.changes)
          .map((f) => tr(`organisation.field_${f}`))
          .join(', '),
      });
    default:
      return tr(`organisation.event_${event.kind}`);
  }
}

/** An error summary at the top of a form: each message links to its field, as WCAG 3.3.1 asks. */
export function errorSummary(
  lang: Language,
  problems: readonly FormProblem[],
  idPrefix: string,
  fields: readonly string[] = [],
): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="${idPrefix}-errors">
    <h3>${t(lang)('organisation.errors_heading')}</h3>
    <ul>
      ${problems.map((p) =>
        p.field && fields.includes(p.field)
          ? html`<li><a href="#${idPrefix}-${p.field}">${p.message}</a></li>`
          : html`<li>${p.message}</li>`,
      )}
    </ul>
  </div>`;
}

export function fieldError(problems: readonly FormProblem[], field: string, id: string): SafeHtml {
  const messages = problems.filter((p) => p.field === field).map((p) => p.message);
  if (messages.length === 0) return html``;
  return html`<p class="field-error" id="${id}-error">${messages.join(' ')}</p>`;
}

/** aria-describedby/aria-invalid for a field that has an error message. */
export function invalidAttrs(problems: readonly FormProblem[], field: string, id: string): SafeHtml {
  return problems.some((p) => p.field === field)
    ? html`aria-invalid="true" aria-describedby="${id}-error"`
    : html``;
}
