import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import {
  formatDate,
  formatDue,
  INBOX_CSS,
  overdueBadge,
  shortcutsHelp,
  STATUSES,
  statusBadge,
  TYPES,
  unitName,
  type ListItemView,
  type UnitChoice,
} from './inbox-format.ts';

export interface ListFiltersView {
  status?: string;
  type?: string;
  unit?: string;
  overdue?: boolean;
  assignee?: string;
  tag?: string;
}

export interface ListPageData {
  lang: Language;
  viewer: StaffViewer;
  items: ListItemView[];
  total: number;
  page: number;
  pageSize: number;
  filters: ListFiltersView;
  units: UnitChoice[];
  /** Whether the viewer may act anywhere (shows the bulk actions). */
  canAct: boolean;
  canConfigure: boolean;
  notice?: { done: number; refused: number } | undefined;
  error?: string | undefined;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${attr('selected', value === selected)}>${label}</option>`;
}

function filterForm(data: ListPageData): SafeHtml {
  const tr = t(data.lang);
  const f = data.filters;
  return html`<form method="get" action="/staff/inbox" class="filters" aria-label="${tr('inbox.filters')}">
    <p>
      <label for="f-status">${tr('inbox.field_status')}</label>
      <select id="f-status" name="status">
        ${option('', tr('inbox.any'), f.status)} ${option('open', tr('inbox.status_open'), f.status)}
        ${STATUSES.map((s) => option(s, tr(`inbox.status_${s}`), f.status))}
      </select>
    </p>
    <p>
      <label for="f-type">${tr('inbox.field_type')}</label>
      <select id="f-type" name="type">
        ${option('', tr('inbox.any'), f.type)} ${TYPES.map((s) => option(s, tr(`inbox.type_${s}`), f.type))}
      </select>
    </p>
    <p>
      <label for="f-unit">${tr('inbox.field_unit')}</label>
      <select id="f-unit" name="unit">
        ${option('', tr('inbox.any'), f.unit)} ${data.units.map((u) => option(u.id, u.label, f.unit))}
      </select>
    </p>
    <p>
      <label for="f-assignee">${tr('inbox.field_assignee')}</label>
      <select id="f-assignee" name="assignee">
        ${option('', tr('inbox.any'), f.assignee)} ${option('me', tr('inbox.assignee_me'), f.assignee)}
        ${option('none', tr('inbox.assignee_none'), f.assignee)}
      </select>
    </p>
    <p>
      <label for="f-tag">${tr('inbox.field_tag')}</label>
      <input id="f-tag" name="tag" type="text" value="${f.tag ?? ''}" size="12" />
    </p>
    <p>
      <input id="f-overdue" name="overdue" type="checkbox" value="1" ${attr('checked', f.overdue === true)} />
      <label for="f-overdue">${tr('inbox.only_overdue')}</label>
    </p>
    <p><button type="submit">${tr('inbox.filter')}</button></p>
  </form>`;
}

function row(item: ListItemView, data: ListPageData): SafeHtml {
  const tr = t(data.lang);
  const href = `/staff/inbox/${item.id}`;
  return html`<tr data-item="${item.id}" data-href="${href}" class="${item.overdue ? 'overdue' : ''}">
    ${
      data.canAct
        ? html`<td>
            <input type="checkbox" name="ids" value="${item.id}" id="sel-${item.id}" form="bulk" />
            <label for="sel-${item.id}" class="visually-hidden"
              >${tr('inbox.select_item', { ref: item.publicId })}</label
            >
          </td>`
        : ''
    }
    <td><a href="${href}">${item.publicId}</a></td>
    <td>${tr(`inbox.type_${item.type}`)}</td>
    <td>${statusBadge(item.status, data.lang)}</td>
    <td>${unitName(item.routedUnitNames, data.lang)}</td>
    <td>${item.assigneeName ?? tr('inbox.assignee_none')}</td>
    <td>${formatDate(item.createdAt, data.lang)}</td>
    <td>
      ${item.replyDueAt ? formatDue(item.replyDueAt, data.lang) : '–'} ${overdueBadge(item.overdue, data.lang)}
    </td>
    <td>${item.excerpt ?? html`<em>${tr('inbox.text_hidden')}</em>`}</td>
  </tr>`;
}

function bulkForm(data: ListPageData): SafeHtml {
  const tr = t(data.lang);
  return html`<form id="bulk" method="post" action="/staff/inbox/bulk" class="filters">
    ${csrfField(data.viewer)}
    <p>
      <label for="bulk-action">${tr('inbox.bulk_action')}</label>
      <select id="bulk-action" name="action">
        <option value="assign_me">${tr('inbox.bulk_assign_me')}</option>
        <option value="unassign">${tr('inbox.bulk_unassign')}</option>
        ${['handling', 'done', 'rejected'].map(
          (s) =>
            html`<option value="status:${s}">
              ${tr('inbox.bulk_status', { status: tr(`inbox.status_${s}`) })}
            </option>`,
        )}
        <option value="tag">${tr('inbox.bulk_tag')}</option>
        <option value="publish">${tr('inbox.bulk_publish')}</option>
      </select>
    </p>
    <p>
      <label for="bulk-tag">${tr('inbox.bulk_tag_name')}</label>
      <input id="bulk-tag" name="tag" type="text" size="12" />
    </p>
    <p><button type="submit">${tr('inbox.bulk_apply')}</button></p>
  </form>`;
}

function pager(data: ListPageData): SafeHtml {
  const tr = t(data.lang);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (pages === 1) return html``;
  const query = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(data.filters)) {
      if (value === true) params.set(key, '1');
      else if (typeof value === 'string' && value) params.set(key, value);
    }
    params.set('page', String(page));
    return `/staff/inbox?${params.toString()}`;
  };
  return html`<nav aria-label="${tr('inbox.pages')}">
    <p>
      ${data.page > 1 ? html`<a href="${query(data.page - 1)}">${tr('inbox.previous_page')}</a>` : ''}
      ${tr('inbox.page_of', { page: data.page, pages })}
      ${data.page < pages ? html`<a href="${query(data.page + 1)}">${tr('inbox.next_page')}</a>` : ''}
    </p>
  </nav>`;
}

export function inboxListPage(data: ListPageData): SafeHtml {
  const tr = t(data.lang);
  const body = html`<h1>${tr('inbox.title')}</h1>
    ${
      data.canConfigure
        ? html`<p>
            <a href="/staff/inbox/templates">${tr('inbox.templates_title')}</a> ·
            <a href="/staff/inbox/rules">${tr('inbox.rules_title')}</a>
          </p>`
        : ''
    }
    ${
      data.notice
        ? html`<p class="notice" role="status">
            ${tr('inbox.bulk_result', { done: data.notice.done, refused: data.notice.refused })}
          </p>`
        : ''
    }
    ${data.error ? html`<p class="error-box" role="alert">${data.error}</p>` : ''}
    ${filterForm(data)}
    <h2 id="results-title">${tr('inbox.results', { count: data.total })}</h2>
    ${
      data.items.length === 0
        ? html`<p>${tr('inbox.empty')}</p>`
        : html`${data.canAct ? bulkForm(data) : ''}
            <table class="inbox" aria-labelledby="results-title">
              <thead>
                <tr>
                  ${data.canAct ? html`<th scope="col"><span class="visually-hidden">${tr('inbox.select')}</span></th>` : ''}
                  <th scope="col">${tr('inbox.field_reference')}</th>
                  <th scope="col">${tr('inbox.field_type')}</th>
                  <th scope="col">${tr('inbox.field_status')}</th>
                  <th scope="col">${tr('inbox.field_unit')}</th>
                  <th scope="col">${tr('inbox.field_assignee')}</th>
                  <th scope="col">${tr('inbox.field_received')}</th>
                  <th scope="col">${tr('inbox.field_due')}</th>
                  <th scope="col">${tr('inbox.field_text')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.items.map((item) => row(item, data))}
              </tbody>
            </table>`
    }
    ${pager(data)} ${shortcutsHelp(data.lang)}`;
  return staffPage({
    lang: data.lang,
    title: tr('inbox.title'),
    body,
    viewer: data.viewer,
    active: 'inbox',
    path: '/staff/inbox',
    extraCss: INBOX_CSS,
  });
}
