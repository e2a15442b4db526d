import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';

// Staff page of SMS surveys: what is waiting and sent, the dead-letter list, opt-outs, the day's sending limit,
// eligibility settings (organisation-wide and per subtree) and a CSV upload of visit events.

export interface SmsSettingsView {
  enabled: boolean;
  minAge: number;
  requireConsent: boolean;
  followUpDays: number;
  perPersonDays: number;
  windowStartHour: number;
  windowEndHour: number;
  mode: 'link' | 'reply';
  survey: string;
  dailyLimit: number;
}

export interface SmsPageModel {
  lang: Language;
  viewer: StaffViewer;
  counts: Record<string, number>;
  optOuts: number;
  sentToday: number;
  settings: SmsSettingsView;
  /** The unit whose own settings are shown (null: organisation). */
  unitId: string | null;
  canEditOrganisation: boolean;
  deadLetters: readonly {
    eventId: string;
    unitName: string;
    attempts: number;
    error: string | null;
    createdAt: Date;
  }[];
  notice?: string;
  errors?: readonly string[];
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function time(lang: Language, at: Date): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

function numberField(id: string, label: string, value: number, min: number, max: number): SafeHtml {
  return html`<p>
    <label for="${id}">${label}</label>
    <input id="${id}" name="${id}" type="number" inputmode="numeric" min="${min}" max="${max}" value="${value}" />
  </p>`;
}

function checkbox(id: string, label: string, checked: boolean): SafeHtml {
  return html`<p>
    <input id="${id}" name="${id}" type="checkbox" value="1" ${checked ? raw('checked') : ''} />
    <label for="${id}">${label}</label>
  </p>`;
}

function settingsForm(model: SmsPageModel): SafeHtml {
  const tr = t(model.lang);
  const s = model.settings;
  return html`<form method="post" action="/staff/sms/settings?lang=${model.lang}">
    ${csrfField(model.viewer)}
    <p>
      <label for="unit">${tr('sms.settings_unit')}</label>
      <span class="hint" id="unit-hint">${tr('sms.settings_unit_hint')}</span>
      <input id="unit" name="unit" type="text" value="${model.unitId ?? ''}" aria-describedby="unit-hint" />
    </p>
    ${checkbox('enabled', tr('sms.settings_enabled'), s.enabled)}
    ${numberField('min_age', tr('sms.settings_min_age'), s.minAge, 0, 120)}
    ${checkbox('require_consent', tr('sms.settings_require_consent'), s.requireConsent)}
    ${numberField('follow_up_days', tr('sms.settings_follow_up_days'), s.followUpDays, 0, 365)}
    ${numberField('per_person_days', tr('sms.settings_per_person_days'), s.perPersonDays, 0, 365)}
    ${numberField('window_start_hour', tr('sms.settings_window_start'), s.windowStartHour, 0, 23)}
    ${numberField('window_end_hour', tr('sms.settings_window_end'), s.windowEndHour, 1, 24)}
    <p>
      <label for="mode">${tr('sms.settings_mode')}</label>
      <select id="mode" name="mode">
        <option value="link" ${s.mode === 'link' ? raw('selected') : ''}>${tr('sms.mode_link')}</option>
        <option value="reply" ${s.mode === 'reply' ? raw('selected') : ''}>${tr('sms.mode_reply')}</option>
      </select>
    </p>
    <p>
      <label for="survey">${tr('sms.settings_survey')}</label>
      <input id="survey" name="survey" type="text" value="${s.survey}" />
    </p>
    ${
      model.unitId === null && model.canEditOrganisation
        ? numberField('daily_limit', tr('sms.settings_daily_limit'), s.dailyLimit, 0, 10_000_000)
        : ''
    }
    <p><button type="submit">${tr('sms.settings_save')}</button></p>
  </form>`;
}

export function renderSmsPage(model: SmsPageModel): SafeHtml {
  const tr = t(model.lang);
  const statuses = ['pending', 'sent', 'delivered', 'failed', 'dead', 'cancelled'];
  const body = html`<h1>${tr('sms.page_title')}</h1>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    ${
      model.errors && model.errors.length > 0
        ? html`<div class="error-summary" role="alert" tabindex="-1">
          <h2>${tr('sms.errors_title')}</h2>
          <ul>
            ${model.errors.map((e) => html`<li>${e}</li>`)}
          </ul>
        </div>`
        : ''
    }
    <section aria-labelledby="status-title">
      <h2 id="status-title">${tr('sms.status_title')}</h2>
      <table>
        <caption class="visually-hidden">${tr('sms.status_title')}</caption>
        <tbody>
          ${statuses.map(
            (s) => html`<tr>
              <th scope="row">${tr(`sms.status_${s}`)}</th>
              <td>${model.counts[s] ?? 0}</td>
            </tr>`,
          )}
          <tr>
            <th scope="row">${tr('sms.sent_today')}</th>
            <td>${tr('sms.sent_of_limit', { sent: model.sentToday, limit: model.settings.dailyLimit })}</td>
          </tr>
          <tr>
            <th scope="row">${tr('sms.opt_outs')}</th>
            <td>${model.optOuts}</td>
          </tr>
        </tbody>
      </table>
    </section>
    <section aria-labelledby="dead-title">
      <h2 id="dead-title">${tr('sms.dead_letters_title')}</h2>
      ${
        model.deadLetters.length === 0
          ? html`<p>${tr('sms.dead_letters_none')}</p>`
          : html`<table>
            <thead>
              <tr>
                <th scope="col">${tr('sms.dead_event')}</th>
                <th scope="col">${tr('sms.dead_unit')}</th>
                <th scope="col">${tr('sms.dead_attempts')}</th>
                <th scope="col">${tr('sms.dead_error')}</th>
                <th scope="col">${tr('sms.dead_created')}</th>
              </tr>
            </thead>
            <tbody>
              ${model.deadLetters.map(
                (d) => html`<tr>
                  <td>${d.eventId}</td>
                  <td>${d.unitName}</td>
                  <td>${d.attempts}</td>
                  <td>${d.error ?? ''}</td>
                  <td>${time(model.lang, d.createdAt)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
    </section>
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">${tr('sms.settings_title')}</h2>
      <p>${tr('sms.settings_intro')}</p>
      <form method="get" action="/staff/sms">
        <input type="hidden" name="lang" value="${model.lang}" />
        <p>
          <label for="show-unit">${tr('sms.settings_show_unit')}</label>
          <input id="show-unit" name="unit" type="text" value="${model.unitId ?? ''}" />
          <button class="secondary" type="submit">${tr('sms.settings_show')}</button>
        </p>
      </form>
      ${settingsForm(model)}
    </section>
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">${tr('sms.upload_title')}</h2>
      <form method="post" action="/staff/sms/visit-events?lang=${model.lang}">
        ${csrfField(model.viewer)}
        <p>
          <label for="csv">${tr('sms.upload_label')}</label>
          <span class="hint" id="csv-hint">${tr('sms.upload_hint')}</span>
          <textarea id="csv" name="csv" rows="8" aria-describedby="csv-hint"></textarea>
        </p>
        <p><button type="submit">${tr('sms.upload_submit')}</button></p>
      </form>
    </section>`;
  return staffPage({
    lang: model.lang,
    title: tr('sms.page_title'),
    body,
    viewer: model.viewer,
    active: 'sms',
    path: '/staff/sms',
  });
}
