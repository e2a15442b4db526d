import type { Language } from '../../../shared/languages.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, raw, type SafeHtml } from '../../ui/html.ts';
import {
  csrfField,
  errorSummary,
  staffPage,
  textInput,
  type FieldError,
  type StaffViewer,
} from '../layout.ts';

// /staff/kiosks: every device in the coordinator's scope with its health (last contact, queue, version, alert)
// and its answer and repeat counts; a form for a new device; a device's own page with its settings, a new
// enrolment code and revocation.

export interface KioskRow {
  id: string;
  name: string;
  unitName: string;
  state: 'waiting' | 'enrolled' | 'revoked';
  lastContactAt: Date | null;
  queueLength: number | null;
  appVersion: string | null;
  answers: number;
  repeats: number;
  rejected: number;
  alertSince: Date | null;
}

export interface KioskForm {
  name: string;
  unitId: string;
  survey: string;
  mainQuestion: string;
  followUpQuestion: string;
  freeTextQuestion: string;
  languages: string[];
  resetSeconds: string;
  thanksSeconds: string;
  repeatSeconds: string;
  silentAfterMinutes: string;
  days: string[];
  opens: string;
  closes: string;
}

export const EMPTY_FORM: KioskForm = {
  name: '',
  unitId: '',
  survey: 'thl-children',
  mainQuestion: '',
  followUpQuestion: '',
  freeTextQuestion: '',
  languages: ['fi', 'sv', 'en'],
  resetSeconds: '20',
  thanksSeconds: '3',
  repeatSeconds: '5',
  silentAfterMinutes: '60',
  days: ['1', '2', '3', '4', '5'],
  opens: '08:00',
  closes: '16:00',
};

const CSS = `.code{font-size:2.5rem;font-weight:700;letter-spacing:.3em;font-family:ui-monospace,monospace}.qr-code svg{width:220px;height:220px}.alert{color:#a4000f;font-weight:600}.checks{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin:.25rem 0 1rem}.checks label{display:flex;gap:.4rem;align-items:center}.settings input[type=text]{max-width:24rem}`;

function when(lang: Language, date: Date | null): string {
  if (!date) return '–';
  return date.toLocaleString(`${lang}-FI`, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

function stateText(lang: Language, row: KioskRow): string {
  return t(lang)(`kiosk.state_${row.state}`);
}

function devicesTable(lang: Language, rows: KioskRow[]): SafeHtml {
  const tr = t(lang);
  if (rows.length === 0) return html`<p>${tr('kiosk.staff_none')}</p>`;
  return html`<table>
    <caption class="visually-hidden">${tr('kiosk.staff_devices')}</caption>
    <thead>
      <tr>
        <th scope="col">${tr('kiosk.staff_device')}</th>
        <th scope="col">${tr('kiosk.staff_unit')}</th>
        <th scope="col">${tr('kiosk.staff_state')}</th>
        <th scope="col">${tr('kiosk.staff_last_contact')}</th>
        <th scope="col">${tr('kiosk.staff_queue')}</th>
        <th scope="col">${tr('kiosk.staff_version')}</th>
        <th scope="col">${tr('kiosk.staff_answers')}</th>
        <th scope="col">${tr('kiosk.staff_repeats')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-device="${r.id}">
          <th scope="row"><a href="/staff/kiosks/${r.id}?lang=${lang}">${r.name}</a></th>
          <td>${r.unitName}</td>
          <td>
            ${stateText(lang, r)}
            ${
              r.alertSince
                ? html`<br /><span class="alert">${tr('kiosk.staff_silent', { since: when(lang, r.alertSince) })}</span>`
                : ''
            }
          </td>
          <td>${when(lang, r.lastContactAt)}</td>
          <td>${r.queueLength ?? '–'}</td>
          <td>${r.appVersion ?? '–'}</td>
          <td>${r.answers}</td>
          <td>${r.repeats}${r.rejected > 0 ? html`<br />${tr('kiosk.staff_rejected', { count: r.rejected })}` : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function checkboxes(
  legend: string,
  name: string,
  choices: { value: string; label: string; lang?: string }[],
  checked: string[],
): SafeHtml {
  return html`<fieldset>
    <legend>${legend}</legend>
    <div class="checks">
      ${choices.map(
        (c) =>
          html`<label
            ><input type="checkbox" name="${name}" value="${c.value}" ${attr('checked', checked.includes(c.value))} /><span
              ${c.lang ? raw(`lang="${c.lang}"`) : ''}
              >${c.label}</span
            ></label
          >`,
      )}
    </div>
  </fieldset>`;
}

export function settingsForm(options: {
  lang: Language;
  viewer: StaffViewer | null;
  action: string;
  form: KioskForm;
  errors: FieldError[];
  surveys: { value: string; label: string }[];
  submit: string;
}): SafeHtml {
  const tr = t(options.lang);
  const f = options.form;
  const input = (id: keyof KioskForm, label: string, hint?: string, required = false) =>
    textInput({ id, label, value: String(f[id]), hint, required, errors: options.errors });
  return html`<form method="post" action="${options.action}?lang=${options.lang}" class="settings">
    ${csrfField(options.viewer)} ${input('name', tr('kiosk.field_name'), tr('kiosk.hint_name'), true)}
    ${input('unitId', tr('kiosk.field_unit'), tr('kiosk.hint_unit'), true)}
    <p>
      <label for="survey">${tr('kiosk.field_survey')}</label>
      <select id="survey" name="survey">
        ${options.surveys.map(
          (s) =>
            html`<option value="${s.value}" ${attr('selected', s.value === f.survey)}>${s.label}</option>`,
        )}
      </select>
    </p>
    ${input('mainQuestion', tr('kiosk.field_main_question'), tr('kiosk.hint_main_question'))}
    ${input('followUpQuestion', tr('kiosk.field_follow_up'), tr('kiosk.hint_follow_up'))}
    ${input('freeTextQuestion', tr('kiosk.field_free_text'), tr('kiosk.hint_free_text'))}
    ${checkboxes(
      tr('kiosk.field_languages'),
      'languages',
      LANGUAGES.map((l) => ({ value: l, label: t(l)(`common.language_${l}`), lang: l })),
      f.languages,
    )}
    ${input('resetSeconds', tr('kiosk.field_reset'), tr('kiosk.hint_reset'))}
    ${input('thanksSeconds', tr('kiosk.field_thanks'))}
    ${input('repeatSeconds', tr('kiosk.field_repeat'), tr('kiosk.hint_repeat'))}
    ${input('silentAfterMinutes', tr('kiosk.field_silent'), tr('kiosk.hint_silent'))}
    ${checkboxes(
      tr('kiosk.field_days'),
      'days',
      [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: tr(`kiosk.day_${d}`) })),
      f.days,
    )}
    ${input('opens', tr('kiosk.field_opens'), tr('kiosk.hint_time'))}
    ${input('closes', tr('kiosk.field_closes'), tr('kiosk.hint_time'))}
    <p><button type="submit">${options.submit}</button></p>
  </form>`;
}

export function renderKiosksPage(model: {
  lang: Language;
  viewer: StaffViewer | null;
  rows: KioskRow[];
  form: KioskForm;
  errors: FieldError[];
  surveys: { value: string; label: string }[];
}): SafeHtml {
  const tr = t(model.lang);
  return staffPage({
    lang: model.lang,
    viewer: model.viewer,
    active: 'kiosks',
    path: '/staff/kiosks',
    title: tr('kiosk.staff_title'),
    extraCss: CSS,
    body: html`<h1>${tr('kiosk.staff_title')}</h1>
      ${errorSummary(tr('kiosk.staff_errors'), model.errors)}
      <p>${tr('kiosk.staff_intro')}</p>
      <h2>${tr('kiosk.staff_devices')}</h2>
      ${devicesTable(model.lang, model.rows)}
      <h2 id="new">${tr('kiosk.staff_new')}</h2>
      ${settingsForm({
        lang: model.lang,
        viewer: model.viewer,
        action: '/staff/kiosks',
        form: model.form,
        errors: model.errors,
        surveys: model.surveys,
        submit: tr('kiosk.staff_create'),
      })}`,
  });
}

/** Shown once: only the code's hash is kept. */
export function renderCodePage(model: {
  lang: Language;
  viewer: StaffViewer | null;
  deviceId: string;
  deviceName: string;
  code: string;
  expiresAt: Date;
  enrolUrl: string;
  qrSvg: string;
}): SafeHtml {
  const tr = t(model.lang);
  return staffPage({
    lang: model.lang,
    viewer: model.viewer,
    active: 'kiosks',
    path: `/staff/kiosks/${model.deviceId}`,
    title: tr('kiosk.code_title'),
    extraCss: CSS,
    body: html`<h1>${tr('kiosk.code_title')}</h1>
      <p>${tr('kiosk.code_intro', { device: model.deviceName })}</p>
      <p class="code" id="enrol-code" aria-label="${tr('kiosk.code_label')} ${model.code.split('').join(' ')}">
        ${model.code}
      </p>
      <p>${tr('kiosk.code_expires', { time: when(model.lang, model.expiresAt) })}</p>
      <figure class="qr-code">
        ${raw(model.qrSvg)}
        <figcaption>${tr('kiosk.code_qr', { url: model.enrolUrl })}</figcaption>
      </figure>
      <p><a href="/staff/kiosks/${model.deviceId}?lang=${model.lang}">${tr('kiosk.code_back')}</a></p>`,
  });
}

export function renderDevicePage(model: {
  lang: Language;
  viewer: StaffViewer | null;
  device: KioskRow & { enrolCodeExpiresAt: Date | null };
  form: KioskForm;
  errors: FieldError[];
  surveys: { value: string; label: string }[];
  saved: boolean;
}): SafeHtml {
  const tr = t(model.lang);
  const d = model.device;
  const base = `/staff/kiosks/${d.id}`;
  return staffPage({
    lang: model.lang,
    viewer: model.viewer,
    active: 'kiosks',
    path: base,
    title: d.name,
    extraCss: CSS,
    body: html`<p><a href="/staff/kiosks?lang=${model.lang}">${tr('kiosk.staff_title')}</a></p>
      <h1>${d.name}</h1>
      ${errorSummary(tr('kiosk.staff_errors'), model.errors)}
      ${model.saved ? html`<p class="notice" role="status">${tr('kiosk.saved')}</p>` : ''}
      ${d.alertSince ? html`<p class="alert" role="alert">${tr('kiosk.staff_silent', { since: when(model.lang, d.alertSince) })}</p>` : ''}
      <dl>
        <dt>${tr('kiosk.staff_unit')}</dt>
        <dd>${d.unitName}</dd>
        <dt>${tr('kiosk.staff_state')}</dt>
        <dd>${stateText(model.lang, d)}</dd>
        <dt>${tr('kiosk.staff_last_contact')}</dt>
        <dd>${when(model.lang, d.lastContactAt)}</dd>
        <dt>${tr('kiosk.staff_queue')}</dt>
        <dd>${d.queueLength ?? '–'}</dd>
        <dt>${tr('kiosk.staff_version')}</dt>
        <dd>${d.appVersion ?? '–'}</dd>
        <dt>${tr('kiosk.staff_answers')}</dt>
        <dd>${d.answers}</dd>
        <dt>${tr('kiosk.staff_repeats')}</dt>
        <dd>${d.repeats}</dd>
      </dl>
      <h2>${tr('kiosk.enrolment')}</h2>
      <form method="post" action="${base}/code?lang=${model.lang}">
        ${csrfField(model.viewer)}<button type="submit">${tr('kiosk.new_code')}</button>
      </form>
      ${
        d.state === 'enrolled'
          ? html`<form method="post" action="${base}/revoke?lang=${model.lang}">
            ${csrfField(model.viewer)}
            <p>${tr('kiosk.revoke_hint')}</p>
            <button type="submit" class="secondary">${tr('kiosk.revoke')}</button>
          </form>`
          : ''
      }
      <h2>${tr('kiosk.settings')}</h2>
      ${settingsForm({
        lang: model.lang,
        viewer: model.viewer,
        action: base,
        form: model.form,
        errors: model.errors,
        surveys: model.surveys,
        submit: tr('kiosk.save'),
      })}`,
  });
}
