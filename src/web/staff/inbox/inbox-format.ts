// Shared pieces of the inbox pages: view types (plain data the routes pass in), labels, dates and badges.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';

export interface UnitNamesView {
  fi: string;
  sv: string | null;
  en: string | null;
}

export interface ListItemView {
  id: string;
  publicId: string;
  type: string;
  status: string;
  moderation: string;
  routedUnitNames: UnitNamesView | null;
  assigneeName: string | null;
  wantsReply: boolean;
  excerpt: string | null;
  tags: string[];
  createdAt: Date;
  replyDueAt: Date | null;
  overdue: boolean;
}

export interface UnitChoice {
  id: string;
  label: string;
}

export const STATUSES = ['received', 'allocated', 'handling', 'done', 'duplicate', 'rejected'] as const;
export const TYPES = ['praise', 'question', 'idea', 'complaint', 'accessibility', 'other'] as const;

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatDateTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  }).format(date);
}

export function formatDate(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeZone: 'Europe/Helsinki' }).format(
    date,
  );
}

/** The last day a reply is on time: the due instant is the midnight after it. */
export function formatDue(dueAt: Date, lang: Language): string {
  return formatDate(new Date(dueAt.getTime() - 1), lang);
}

export function unitName(names: UnitNamesView | null, lang: Language): string {
  if (!names) return t(lang)('inbox.unrouted');
  return names[lang] ?? names.fi;
}

export function statusBadge(status: string, lang: Language): SafeHtml {
  return html`<span class="badge status-${status}">${t(lang)(`inbox.status_${status}`)}</span>`;
}

/** Overdue is said in words and marked with a border, never by colour alone. */
export function overdueBadge(overdue: boolean, lang: Language): SafeHtml {
  return overdue ? html`<strong class="badge overdue">${t(lang)('inbox.overdue')}</strong>` : html``;
}

export const INBOX_CSS = `.badge{display:inline-block;padding:.05rem .45rem;border:1px solid #555;border-radius:.25rem;font-size:.9rem;background:#fff;color:#1a1a1a}.badge.overdue{border:2px solid #a00000;color:#a00000;background:#fff}tr.overdue td:first-child{box-shadow:inset 4px 0 0 #a00000}table.inbox{border-collapse:collapse;width:100%}table.inbox th,table.inbox td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:left;vertical-align:top}tr.current{outline:3px solid #1a4d8f;outline-offset:-3px}.filters{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:flex-end}.filters p{margin:.25rem 0}.item-text{white-space:pre-wrap;border-left:4px solid #767676;padding:.5rem 1rem;margin:0 0 1rem;background:#f6f6f6}.history{padding-left:1.2rem}.panel{border:1px solid #bbb;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}.panel h2{margin-top:0;font-size:1.2rem}textarea{width:100%;max-width:48rem}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}dialog{max-width:32rem}kbd{border:1px solid #767676;border-radius:.2rem;padding:0 .3rem;font-family:monospace}.notice{border-left:4px solid #1a4d8f;padding:.5rem 1rem;background:#eef3fa}.error-box{border-left:4px solid #a00000;padding:.5rem 1rem;background:#fff4f4}`;

/** Help for the keyboard shortcuts: a dialog the script opens with "?" (the button appears only with script). */
export function shortcutsHelp(lang: Language): SafeHtml {
  const tr = t(lang);
  const keys: [string, string][] = [
    ['j', tr('inbox.key_next')],
    ['k', tr('inbox.key_previous')],
    ['a', tr('inbox.key_assign')],
    ['r', tr('inbox.key_reply')],
    ['e', tr('inbox.key_done')],
    ['?', tr('inbox.key_help')],
  ];
  return html`<p><button type="button" class="secondary small" id="shortcuts-open" hidden>
      ${tr('inbox.shortcuts_button')}
    </button></p>
    <dialog id="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${tr('inbox.shortcuts_title')}</h2>
      <p>${tr('inbox.shortcuts_intro')}</p>
      <dl class="facts">
        ${keys.map(([key, text]) => html`<dt><kbd>${key}</kbd></dt><dd>${text}</dd>`)}
      </dl>
      <form method="dialog"><button type="submit">${tr('inbox.shortcuts_close')}</button></form>
    </dialog>
    <script src="/staff/inbox/shortcuts.js" defer></script>`;
}
