// One unit for staff: its facts, place in the tree, children and history, and (for those allowed to change it)
// the forms in unit-forms.ts.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';
import type { OrgUnit, OrgUnitEvent, UnitSearchHit } from '../../../server/modules/organisation/index.ts';
import { childForm, closeForm, editForm, mergeForm, moveForm } from './unit-forms.ts';
import {
  ORGANISATION_CSS,
  displayName,
  eventText,
  statusText,
  typeLabel,
  unitLink,
  type FormProblem,
} from './unit-format.ts';

export type UnitFormName = 'edit' | 'move' | 'merge' | 'close' | 'reopen' | 'child';

export interface UnitPageInput {
  lang: Language;
  viewer: StaffViewer;
  today: string;
  unit: OrgUnit;
  /** Root first, the unit itself last. */
  ancestors: readonly OrgUnit[];
  children: readonly OrgUnit[];
  includeClosedChildren: boolean;
  events: readonly OrgUnitEvent[];
  canChange: boolean;
  /** Open units below this one, which closing it would close too. */
  openBelow: number;
  parentQuery: string;
  parentHits: readonly UnitSearchHit[] | null;
  mergeQuery: string;
  mergeHits: readonly UnitSearchHit[] | null;
  notice: string | null;
  form: { name: UnitFormName; problems: FormProblem[]; values: Record<string, string> } | null;
}

const TIME = new Intl.DateTimeFormat('fi-FI', {
  timeZone: 'Europe/Helsinki',
  dateStyle: 'short',
  timeStyle: 'short',
});

function facts(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const parent = input.ancestors.at(-2);
  const dash = '–';
  return html`<dl class="facts">
    <dt>${tr('organisation.field_id')}</dt>
    <dd>${unit.id}</dd>
    <dt>${tr('organisation.field_type')}</dt>
    <dd>${typeLabel(lang, unit.type)}</dd>
    <dt>${tr('organisation.field_name_fi')}</dt>
    <dd lang="fi">${unit.names.fi}</dd>
    <dt>${tr('organisation.field_name_sv')}</dt>
    <dd lang="sv">${unit.names.sv ?? dash}</dd>
    <dt>${tr('organisation.field_name_en')}</dt>
    <dd lang="en">${unit.names.en ?? dash}</dd>
    <dt>${tr('organisation.field_oid')}</dt>
    <dd>${unit.oid ?? dash}</dd>
    <dt>${tr('organisation.validity')}</dt>
    <dd>${unit.validFrom || unit.validTo ? `${unit.validFrom ?? ''} – ${unit.validTo ?? ''}` : dash}</dd>
    <dt>${tr('organisation.status')}</dt>
    <dd>${statusText(lang, unit, input.today)}</dd>
    <dt>${tr('organisation.field_parent_id')}</dt>
    <dd>${parent ? unitLink(lang, parent) : tr('organisation.top_level')}</dd>
  </dl>`;
}

function childList(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const toggle = input.includeClosedChildren
    ? html`<a href="/staff/units/${encodeURIComponent(unit.id)}?lang=${lang}"
        >${tr('organisation.hide_closed')}</a
      >`
    : html`<a href="/staff/units/${encodeURIComponent(unit.id)}?lang=${lang}&amp;closed=1"
        >${tr('organisation.show_closed')}</a
      >`;
  return html`<section aria-labelledby="children-heading">
    <h2 id="children-heading">${tr('organisation.children_heading', { count: input.children.length })}</h2>
    ${
      input.children.length > 0
        ? html`<ul>
            ${input.children.map(
              (c) =>
                html`<li>
                  ${unitLink(lang, c)}
                  <span class="meta">${typeLabel(lang, c.type)} – ${statusText(lang, c, input.today)}</span>
                </li>`,
            )}
          </ul>`
        : html`<p>${tr('organisation.no_children')}</p>`
    }
    <p>
      ${toggle} ·
      <a href="/staff/units?root=${encodeURIComponent(unit.id)}&amp;lang=${lang}"
        >${tr('organisation.view_subtree')}</a
      >
    </p>
  </section>`;
}

function history(input: UnitPageInput): SafeHtml {
  const { lang } = input;
  const tr = t(lang);
  return html`<section aria-labelledby="history-heading">
    <h2 id="history-heading">${tr('organisation.history_heading')}</h2>
    ${
      input.events.length === 0
        ? html`<p>${tr('organisation.history_empty')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${tr('organisation.history_time')}</th>
                <th scope="col">${tr('organisation.history_event')}</th>
                <th scope="col">${tr('organisation.history_source')}</th>
              </tr>
            </thead>
            <tbody>
              ${input.events.map(
                (e) =>
                  html`<tr>
                    <td>${TIME.format(e.createdAt)}</td>
                    <td>${eventText(lang, e)}</td>
                    <td>${e.source}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function renderUnitPage(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const name = displayName(unit.names, lang);
  const merged = unit.mergedIntoId !== null;
  const body = html`<nav class="crumbs" aria-label="${tr('organisation.breadcrumbs')}">
      <ol>
        <li><a href="/staff/units?lang=${lang}">${tr('organisation.tree_title')}</a></li>
        ${input.ancestors.slice(0, -1).map((a) => html`<li>${unitLink(lang, a)}</li>`)}
      </ol>
    </nav>
    <h1>${name}</h1>
    ${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''} ${facts(input)}
    ${childList(input)}
    ${
      input.canChange
        ? html`<div class="forms">
            ${editForm(input)} ${merged ? '' : moveForm(input)} ${merged ? '' : mergeForm(input)}
            ${merged ? '' : closeForm(input)} ${merged ? '' : childForm(input)}
          </div>`
        : html`<p class="notice">${tr('organisation.read_only')}</p>`
    }
    ${history(input)}`;
  return staffPage({
    lang,
    title: name,
    body,
    viewer: input.viewer,
    active: 'organisation',
    path: `/staff/units/${encodeURIComponent(unit.id)}`,
    extraCss: ORGANISATION_CSS,
  });
}
