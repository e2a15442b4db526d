import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { OBJECTION_TAG } from '../../../shared/inbox-tags.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import {
  formatDateTime,
  formatDue,
  INBOX_CSS,
  overdueBadge,
  shortcutsHelp,
  statusBadge,
  unitName,
  type UnitChoice,
  type UnitNamesView,
} from './inbox-format.ts';

export interface ItemView {
  id: string;
  publicId: string;
  type: string;
  status: string;
  moderation: string;
  language: Language;
  routedUnitNames: UnitNamesView | null;
  unitId: string | null;
  unitNames: UnitNamesView | null;
  assigneeId: string | null;
  assigneeName: string | null;
  wantsReply: boolean;
  replyChannel: 'email' | 'sms' | null;
  description: string | null;
  publicDescription: string | null;
  publicReply: string | null;
  publishedAt: Date | null;
  hasOriginal: boolean;
  tags: string[];
  createdAt: Date;
  replyDueAt: Date | null;
  overdue: boolean;
  deadlineRule: string | null;
}

export interface ItemPageData {
  lang: Language;
  viewer: StaffViewer;
  access: { view: boolean; readText: boolean; readPersonal: boolean; act: boolean };
  item: ItemView;
  events: {
    kind: string;
    actorName: string | null;
    toStatus: string | null;
    fromStatus: string | null;
    unitNames: UnitNamesView | null;
    assigneeName: string | null;
    details: Record<string, unknown>;
    createdAt: Date;
  }[];
  notes: { authorName: string | null; body: string; createdAt: Date }[];
  replies: {
    channel: string;
    subject: string | null;
    body: string;
    status: string;
    sentByName: string | null;
    createdAt: Date;
  }[];
  nextStatuses: string[];
  assignable: { id: string; displayName: string }[];
  units: UnitChoice[];
  templates: { key: string; name: string }[];
  reply: { templateKey: string; subject: string; body: string; publicReply: string };
  contact?: { name?: string; email?: string; phone?: string } | null | undefined;
  original?: string | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

function facts(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const item = data.item;
  return html`<dl class="facts">
    <dt>${tr('inbox.field_type')}</dt>
    <dd>${tr(`inbox.type_${item.type}`)}</dd>
    <dt>${tr('inbox.field_status')}</dt>
    <dd>${statusBadge(item.status, data.lang)}</dd>
    <dt>${tr('inbox.field_received')}</dt>
    <dd>${formatDateTime(item.createdAt, data.lang)}</dd>
    <dt>${tr('inbox.field_due')}</dt>
    <dd>
      ${
        item.replyDueAt
          ? html`${formatDue(item.replyDueAt, data.lang)}
            (${tr(`inbox.rule_${item.deadlineRule ?? 'none'}`)}) ${overdueBadge(item.overdue, data.lang)}`
          : tr('inbox.no_deadline')
      }
    </dd>
    <dt>${tr('inbox.field_writer_unit')}</dt>
    <dd>${item.unitId ? unitName(item.unitNames, data.lang) : tr('inbox.writer_did_not_know')}</dd>
    <dt>${tr('inbox.field_unit')}</dt>
    <dd>${unitName(item.routedUnitNames, data.lang)}</dd>
    <dt>${tr('inbox.field_assignee')}</dt>
    <dd>${item.assigneeName ?? tr('inbox.assignee_none')}</dd>
    <dt>${tr('inbox.field_language')}</dt>
    <dd>${tr(`inbox.language_${item.language}`)}</dd>
    <dt>${tr('inbox.field_wants_reply')}</dt>
    <dd>
      ${item.wantsReply ? tr('inbox.yes') : tr('inbox.no')}
      ${item.replyChannel ? html`(${tr(`inbox.channel_${item.replyChannel}`)})` : ''}
    </dd>
    <dt>${tr('inbox.field_moderation')}</dt>
    <dd>${tr(`inbox.moderation_${item.moderation}`)}</dd>
    ${
      item.tags.length
        ? html`<dt>${tr('inbox.field_tags')}</dt>
            <dd>${item.tags.map((tag) => tagLabel(tag, data.lang)).join(', ')}</dd>`
        : ''
    }
  </dl>`;
}

function textSection(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const item = data.item;
  if (!data.access.readText) return html`<p><em>${tr('inbox.text_hidden')}</em></p>`;
  const base = `/staff/inbox/${item.id}`;
  return html`<h2>${tr('inbox.text_title')}</h2>
    <blockquote class="item-text" lang="${item.language}">${item.description}</blockquote>
    ${
      data.original !== undefined
        ? html`<h3>${tr('inbox.original_title')}</h3>
          <blockquote class="item-text" lang="${item.language}">${data.original}</blockquote>`
        : ''
    }
    ${
      data.access.readPersonal
        ? html`<div class="row-actions">
            ${
              item.hasOriginal && data.original === undefined
                ? html`<form method="post" action="${base}/original">
                    ${csrfField(data.viewer)}<button type="submit" class="secondary">
                      ${tr('inbox.show_original')}
                    </button>
                  </form>`
                : ''
            }
            ${
              data.contact === undefined
                ? html`<form method="post" action="${base}/contact">
                    ${csrfField(data.viewer)}<button type="submit" class="secondary">
                      ${tr('inbox.show_contact')}
                    </button>
                  </form>`
                : ''
            }
          </div>
          <p class="hint">${tr('inbox.personal_logged')}</p>`
        : ''
    }
    ${
      data.contact !== undefined
        ? html`<h3>${tr('inbox.contact_title')}</h3>
            ${
              data.contact
                ? html`<dl class="facts">
                    ${data.contact.name ? html`<dt>${tr('inbox.contact_name')}</dt><dd>${data.contact.name}</dd>` : ''}
                    ${data.contact.email ? html`<dt>${tr('inbox.contact_email')}</dt><dd>${data.contact.email}</dd>` : ''}
                    ${data.contact.phone ? html`<dt>${tr('inbox.contact_phone')}</dt><dd>${data.contact.phone}</dd>` : ''}
                  </dl>`
                : html`<p>${tr('inbox.no_contact')}</p>`
            }`
        : ''
    }`;
}

function statusForms(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const base = `/staff/inbox/${data.item.id}`;
  if (data.nextStatuses.length === 0) return html``;
  return html`<section class="panel" aria-labelledby="status-title" id="status-panel">
    <h2 id="status-title">${tr('inbox.status_title')}</h2>
    ${
      data.nextStatuses.includes('done')
        ? html`<form method="post" action="${base}/status">
            ${csrfField(data.viewer)}<input type="hidden" name="status" value="done" />
            <button type="submit" id="mark-done">${tr('inbox.mark_done')}</button>
          </form>`
        : ''
    }
    <form method="post" action="${base}/status" class="filters">
      ${csrfField(data.viewer)}
      <p>
        <label for="status">${tr('inbox.new_status')}</label>
        <select id="status" name="status">
          ${data.nextStatuses.map((s) => html`<option value="${s}">${tr(`inbox.status_${s}`)}</option>`)}
        </select>
      </p>
      <p>
        <label for="duplicate-of">${tr('inbox.duplicate_of')}</label>
        <input id="duplicate-of" name="duplicate_of" type="text" size="14" aria-describedby="duplicate-of-hint" />
        <span class="hint" id="duplicate-of-hint">${tr('inbox.duplicate_of_hint')}</span>
      </p>
      <p><button type="submit">${tr('inbox.change_status')}</button></p>
    </form>
  </section>`;
}

function assignForms(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const base = `/staff/inbox/${data.item.id}`;
  return html`<section class="panel" aria-labelledby="assign-title" id="assign">
    <h2 id="assign-title">${tr('inbox.assign_title')}</h2>
    <form method="post" action="${base}/assign" class="filters">
      ${csrfField(data.viewer)}
      <p>
        <label for="assign-select">${tr('inbox.field_assignee')}</label>
        <select id="assign-select" name="assignee">
          <option value="">${tr('inbox.assignee_none')}</option>
          ${data.assignable.map(
            (u) =>
              html`<option value="${u.id}" ${attr('selected', u.id === data.item.assigneeId)}>
                ${u.displayName}
              </option>`,
          )}
        </select>
      </p>
      <p><button type="submit">${tr('inbox.assign')}</button></p>
    </form>
    <form method="post" action="${base}/route" class="filters">
      ${csrfField(data.viewer)}
      <p>
        <label for="route-unit">${tr('inbox.reroute_to')}</label>
        <select id="route-unit" name="unit">
          ${data.units.map((u) => html`<option value="${u.id}">${u.label}</option>`)}
        </select>
      </p>
      <p><button type="submit" class="secondary">${tr('inbox.reroute')}</button></p>
    </form>
  </section>`;
}

function replyForm(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const item = data.item;
  const base = `/staff/inbox/${item.id}`;
  const channel = item.replyChannel;
  return html`<section class="panel" aria-labelledby="reply-title" id="reply">
    <h2 id="reply-title">${tr('inbox.reply_title')}</h2>
    ${
      channel
        ? html`<p>
              ${tr('inbox.reply_goes_by', {
                channel: tr(`inbox.channel_${channel}`),
                language: tr(`inbox.language_${item.language}`),
              })}
            </p>
            <form method="get" action="${base}#reply" class="filters">
              <p>
                <label for="template">${tr('inbox.template')}</label>
                <select id="template" name="template">
                  ${data.templates.map(
                    (tpl) =>
                      html`<option value="${tpl.key}" ${attr('selected', tpl.key === data.reply.templateKey)}>
                        ${tpl.name}
                      </option>`,
                  )}
                </select>
              </p>
              <p><button type="submit" class="secondary">${tr('inbox.use_template')}</button></p>
            </form>
            <form method="post" action="${base}/reply">
              ${csrfField(data.viewer)}
              <input type="hidden" name="template" value="${data.reply.templateKey}" />
              ${
                channel === 'email'
                  ? html`<p>
                      <label for="reply-subject">${tr('inbox.reply_subject')}</label>
                      <input id="reply-subject" name="subject" type="text" value="${data.reply.subject}" required />
                    </p>`
                  : html`<input type="hidden" name="subject" value="" />`
              }
              <p>
                <label for="reply-body">${tr('inbox.reply_body')}</label>
                <textarea id="reply-body" name="body" rows="12" lang="${item.language}" required>
${data.reply.body}</textarea
                >
              </p>
              <p>
                <label for="reply-public">${tr('inbox.public_reply')}</label>
                <span class="hint" id="reply-public-hint">${tr('inbox.public_reply_hint')}</span>
                <textarea id="reply-public" name="public_reply" rows="4" aria-describedby="reply-public-hint">
${data.reply.publicReply}</textarea
                >
              </p>
              <p>
                <input id="reply-publish" name="publish" type="checkbox" value="1" />
                <label for="reply-publish">${tr('inbox.publish_with_reply')}</label>
              </p>
              ${
                data.nextStatuses.includes('done')
                  ? html`<p>
                      <input id="reply-done" name="done" type="checkbox" value="1" checked />
                      <label for="reply-done">${tr('inbox.done_after_reply')}</label>
                    </p>`
                  : ''
              }
              <p><button type="submit">${tr('inbox.send_reply')}</button></p>
            </form>`
        : html`<p>${tr('inbox.no_contact')}</p>`
    }
    <form method="post" action="${base}/public-reply">
      ${csrfField(data.viewer)}
      <p>
        <label for="public-reply-text">${tr('inbox.public_reply_only')}</label>
        <textarea id="public-reply-text" name="text" rows="4">${item.publicReply ?? ''}</textarea>
      </p>
      <p><button type="submit" class="secondary">${tr('inbox.save_public_reply')}</button></p>
    </form>
  </section>`;
}

function moderationForm(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const base = `/staff/inbox/${data.item.id}`;
  return html`<section class="panel" aria-labelledby="moderation-title">
    <h2 id="moderation-title">${tr('inbox.moderation_title')}</h2>
    <p>${tr('inbox.moderation_intro')}</p>
    <form method="post" action="${base}/moderation">
      ${csrfField(data.viewer)}
      <p>
        <label for="public-text">${tr('inbox.public_text')}</label>
        <textarea id="public-text" name="public_text" rows="6">${data.item.publicDescription ?? ''}</textarea>
      </p>
      <div class="row-actions">
        <button type="submit" name="action" value="publish">${tr('inbox.publish')}</button>
        <button type="submit" name="action" value="withhold" class="secondary">${tr('inbox.withhold')}</button>
      </div>
    </form>
  </section>`;
}

function notesAndTags(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const base = `/staff/inbox/${data.item.id}`;
  return html`<section class="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">${tr('inbox.notes_title')}</h2>
      ${
        data.notes.length
          ? html`<ul>
              ${data.notes.map(
                (n) => html`<li>
                  <strong>${n.authorName ?? '–'}</strong>, ${formatDateTime(n.createdAt, data.lang)}:
                  <span class="item-text">${n.body}</span>
                </li>`,
              )}
            </ul>`
          : html`<p>${tr('inbox.no_notes')}</p>`
      }
      <form method="post" action="${base}/notes">
        ${csrfField(data.viewer)}
        <p>
          <label for="note-body">${tr('inbox.new_note')}</label>
          <textarea id="note-body" name="body" rows="3" required></textarea>
        </p>
        <p><button type="submit">${tr('inbox.add_note')}</button></p>
      </form>
    </section>
    <section class="panel" aria-labelledby="tags-title">
      <h2 id="tags-title">${tr('inbox.field_tags')}</h2>
      ${
        data.item.tags.length
          ? html`<ul class="row-actions">
              ${data.item.tags.map(
                (tag) => html`<li>
                  <form method="post" action="${base}/tags/remove" class="inline">
                    ${csrfField(data.viewer)}<input type="hidden" name="tag" value="${tag}" />
                    ${tagLabel(tag, data.lang)}
                    <button type="submit" class="secondary small">
                      ${tr('inbox.remove_tag')}<span class="visually-hidden"> ${tagLabel(tag, data.lang)}</span>
                    </button>
                  </form>
                </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        data.item.tags.includes(OBJECTION_TAG)
          ? ''
          : html`<form method="post" action="${base}/tags">
              ${csrfField(data.viewer)}<input type="hidden" name="tag" value="${OBJECTION_TAG}" />
              <p>
                <button type="submit" class="secondary" aria-describedby="objection-hint">
                  ${tr('inbox.mark_objection_process')}
                </button>
                <span class="hint" id="objection-hint">${tr('inbox.objection_process_hint')}</span>
              </p>
            </form>`
      }
      <form method="post" action="${base}/tags" class="filters">
        ${csrfField(data.viewer)}
        <p>
          <label for="tag-name">${tr('inbox.new_tag')}</label>
          <input id="tag-name" name="tag" type="text" size="16" required />
        </p>
        <p><button type="submit">${tr('inbox.add_tag')}</button></p>
      </form>
    </section>`;
}

/** Reserved tags (src/shared/inbox-tags.ts) are shown by their translated meaning, other tags as written. */
function tagLabel(tag: string, lang: Language): string {
  return tag === OBJECTION_TAG ? t(lang)('inbox.tag_objection_process') : tag;
}

function eventText(event: ItemPageData['events'][number], lang: Language): string {
  const tr = t(lang);
  const status = (s: string | null) => (s ? tr(`inbox.status_${s}`) : '');
  const tag = typeof event.details.tag === 'string' ? tagLabel(event.details.tag, lang) : '';
  return tr(`inbox.event_${event.kind}`, {
    from: status(event.fromStatus),
    to: status(event.toStatus),
    tag,
    unit: unitName(event.unitNames, lang),
    person: event.assigneeName ?? '–',
  });
}

function history(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  return html`<section aria-labelledby="history-title">
    <h2 id="history-title">${tr('inbox.history_title')}</h2>
    <ol class="history">
      ${data.events.map(
        (e) => html`<li>
          ${formatDateTime(e.createdAt, data.lang)} – ${e.actorName ?? tr('inbox.system')}:
          ${eventText(e, data.lang)}
        </li>`,
      )}
    </ol>
    ${
      data.replies.length
        ? html`<h3>${tr('inbox.replies_title')}</h3>
            <ul>
              ${data.replies.map(
                (r) => html`<li>
                  ${formatDateTime(r.createdAt, data.lang)} – ${r.sentByName ?? '–'} –
                  ${tr(`inbox.channel_${r.channel}`)} – ${tr(`inbox.reply_${r.status}`)}
                  <div class="item-text">${r.subject ? html`<strong>${r.subject}</strong>\n` : ''}${r.body}</div>
                </li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}

export function inboxItemPage(data: ItemPageData): SafeHtml {
  const tr = t(data.lang);
  const item = data.item;
  const title = tr('inbox.item_title', { ref: item.publicId });
  const body = html`<p><a href="/staff/inbox">${tr('inbox.back_to_list')}</a></p>
    <h1 data-inbox-item="${item.id}">${title}</h1>
    ${data.notice ? html`<p class="notice" role="status">${tr(`inbox.notice_${data.notice}`)}</p>` : ''}
    ${data.error ? html`<p class="error-box" role="alert" tabindex="-1">${data.error}</p>` : ''}
    ${facts(data)} ${textSection(data)}
    ${
      data.access.act
        ? html`${statusForms(data)} ${assignForms(data)} ${replyForm(data)} ${moderationForm(data)}
          ${notesAndTags(data)}`
        : data.access.readText && item.publicReply
          ? html`<h2>${tr('inbox.public_reply')}</h2>
              <p class="item-text">${item.publicReply}</p>`
          : ''
    }
    ${history(data)} ${shortcutsHelp(data.lang)}`;
  return staffPage({
    lang: data.lang,
    title,
    body,
    viewer: data.viewer,
    active: 'inbox',
    path: `/staff/inbox/${item.id}`,
    extraCss: INBOX_CSS,
  });
}
