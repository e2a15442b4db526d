// The organisation tree for staff: nested lists of links (no script needed), a search by name, id or OID, and a
// way into any subtree. Very large trees are cut at a depth with a link to the subtree, so the page stays small.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, raw, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';
import type { OrgUnit, UnitSearchHit } from '../../../server/modules/organisation/index.ts';
import { ORGANISATION_CSS, displayName, statusText, typeLabel, unitLink } from './unit-format.ts';

export interface TreePageInput {
  lang: Language;
  viewer: StaffViewer;
  today: string;
  /** Parents before children (the service's listUnits order). */
  units: readonly OrgUnit[];
  root: OrgUnit | null;
  query: string;
  hits: readonly UnitSearchHit[] | null;
  includeClosed: boolean;
  /** Deeper units are behind a "units below" link; Infinity shows everything. */
  maxDepth: number;
}

function childrenMap(units: readonly OrgUnit[]): { roots: OrgUnit[]; children: Map<string, OrgUnit[]> } {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const unit of units) {
    if (unit.parentId !== null && ids.has(unit.parentId)) {
      const list = children.get(unit.parentId) ?? [];
      list.push(unit);
      children.set(unit.parentId, list);
    } else roots.push(unit);
  }
  return { roots, children };
}

function countBelow(id: string, children: Map<string, OrgUnit[]>): number {
  let count = 0;
  const stack = [...(children.get(id) ?? [])];
  while (stack.length > 0) {
    const unit = stack.pop() as OrgUnit;
    count++;
    stack.push(...(children.get(unit.id) ?? []));
  }
  return count;
}

function renderTree(input: TreePageInput): SafeHtml {
  const { lang, today } = input;
  const tr = t(lang);
  const { roots, children } = childrenMap(input.units);
  const node = (unit: OrgUnit, depth: number): SafeHtml => {
    const below = children.get(unit.id) ?? [];
    const closed = unit.mergedIntoId !== null || (unit.validTo !== null && unit.validTo < today);
    const more =
      below.length > 0 && depth >= input.maxDepth
        ? html` <a href="/staff/units?root=${encodeURIComponent(unit.id)}&amp;lang=${lang}"
            >${tr('organisation.units_below', { count: countBelow(unit.id, children) })}</a
          >`
        : '';
    return html`<li ${closed ? raw('class="status-closed"') : ''}>
      ${unitLink(lang, unit)}
      <span class="meta"
        >${typeLabel(lang, unit.type)}${closed ? ` – ${statusText(lang, unit, today)}` : ''}</span
      >${more}
      ${
        below.length > 0 && depth < input.maxDepth
          ? html`<ul>
              ${below.map((c) => node(c, depth + 1))}
            </ul>`
          : ''
      }
    </li>`;
  };
  if (roots.length === 0) return html`<p>${tr('organisation.tree_empty')}</p>`;
  return html`<ul class="tree">
    ${roots.map((r) => node(r, 1))}
  </ul>`;
}

function renderHits(lang: Language, hits: readonly UnitSearchHit[]): SafeHtml {
  const tr = t(lang);
  if (hits.length === 0) return html`<p>${tr('organisation.search_no_results')}</p>`;
  return html`<ul>
    ${hits.map(
      (hit) =>
        html`<li>
          ${unitLink(lang, hit.unit)}
          <span class="meta"
            >(${hit.unit.id}${hit.unit.oid ? `, ${hit.unit.oid}` : ''})
            ${hit.path.length > 0 ? ` – ${hit.path.map((p) => displayName(p.names, lang)).join(' › ')}` : ''}</span
          >
        </li>`,
    )}
  </ul>`;
}

export function renderTreePage(input: TreePageInput): SafeHtml {
  const { lang } = input;
  const tr = t(lang);
  const title = input.root
    ? tr('organisation.subtree_title', { name: displayName(input.root.names, lang) })
    : tr('organisation.tree_title');
  const body = html`<h1>${title}</h1>
    <p>
      <a href="/staff/units/import?lang=${lang}">${tr('organisation.import_link')}</a>
      ${input.root ? html` · <a href="/staff/units?lang=${lang}">${tr('organisation.whole_tree')}</a>` : ''}
    </p>
    <form method="get" action="/staff/units" role="search">
      <input type="hidden" name="lang" value="${lang}" />
      <div class="field">
        <label for="unit-search">${tr('organisation.search_label')}</label>
        <p class="hint" id="unit-search-hint">${tr('organisation.search_hint')}</p>
        <input
          type="search"
          id="unit-search"
          name="q"
          value="${input.query}"
          aria-describedby="unit-search-hint"
        />
      </div>
      <div class="field">
        <label
          ><input type="checkbox" name="closed" value="1" ${attr('checked', input.includeClosed)} />
          ${tr('organisation.show_closed')}</label
        >
      </div>
      <button type="submit">${tr('organisation.search_button')}</button>
    </form>
    ${
      input.hits
        ? html`<h2>${tr('organisation.search_results', { query: input.query })}</h2>
            ${renderHits(lang, input.hits)}`
        : html`<h2>${tr('organisation.tree_heading', { count: input.units.length })}</h2>
            ${renderTree(input)}`
    }`;
  return staffPage({
    lang,
    title,
    body,
    viewer: input.viewer,
    active: 'organisation',
    path: '/staff/units',
    extraCss: ORGANISATION_CSS,
  });
}
