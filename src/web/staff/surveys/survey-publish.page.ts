import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { LocalizedText } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import { localized } from './format.ts';

export interface UnitChoice {
  id: string;
  name: string;
  /** 0 for a root; used to indent the list so the tree stays readable without script. */
  depth: number;
}

export interface PublishFormValues {
  unitId: string;
  includeSubtree: boolean;
  channels: Channel[];
}

export interface PublishFormErrors {
  unit?: string;
  channels?: string;
  form?: string[];
}

export function surveyPublishPage(options: {
  lang: Language;
  viewer: StaffViewer;
  surveyId: string;
  surveyTitle: LocalizedText;
  query: string;
  units: UnitChoice[];
  /** More units matched than are listed: the user should narrow the search. */
  truncated: boolean;
  values: PublishFormValues;
  errors?: PublishFormErrors;
}): SafeHtml {
  const { lang, values } = options;
  const tr = t(lang);
  const errors = options.errors ?? {};
  const base = `/staff/surveys/${options.surveyId}/publish`;
  const title = tr('surveys.publish_title', { title: localized(options.surveyTitle, lang) });
  const summary = [
    ...(errors.form ?? []).map((m) => html`<li>${m}</li>`),
    errors.unit ? html`<li><a href="#f-unit">${errors.unit}</a></li>` : '',
    errors.channels ? html`<li><a href="#f-channel-${CHANNELS[0]}">${errors.channels}</a></li>` : '',
  ];
  const unitOptions = options.units.map(
    (u) =>
      html`<option value="${u.id}" ${attr('selected', u.id === values.unitId)}>
        ${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.id})
      </option>`,
  );
  const channelBoxes = CHANNELS.map(
    (c) =>
      html`<li>
        <label for="f-channel-${c}"
          ><input
            type="checkbox"
            id="f-channel-${c}"
            name="channels"
            value="${c}"
            ${attr('checked', values.channels.includes(c))}
          />
          ${tr(`surveys.channel_${c}`)}</label
        >
      </li>`,
  );
  const body = html`<p>
      <a href="/staff/surveys/${options.surveyId}?lang=${lang}">${tr('surveys.back_to_survey')}</a>
    </p>
    <h1>${title}</h1>
    ${
      errors.form || errors.unit || errors.channels
        ? html`<div class="error-summary" role="alert">
            <h2>${tr('surveys.errors_heading')}</h2>
            <ul>
              ${summary}
            </ul>
          </div>`
        : ''
    }
    <p>${tr('surveys.publish_intro')}</p>
    <form method="get" action="${base}" role="search">
      <input type="hidden" name="lang" value="${lang}" />
      <label for="f-q">${tr('surveys.unit_search')}</label>
      <p class="hint" id="f-q-hint">${tr('surveys.unit_search_hint')}</p>
      <input type="search" id="f-q" name="q" value="${options.query}" aria-describedby="f-q-hint" />
      <p><button class="secondary" type="submit">${tr('surveys.search')}</button></p>
    </form>
    <form method="post" action="${base}?lang=${lang}" novalidate>
      ${csrfField(options.viewer)}
      <label for="f-unit">${tr('surveys.unit')} (${tr('surveys.required')})</label>
      ${options.truncated ? html`<p class="hint">${tr('surveys.units_truncated', { count: options.units.length })}</p>` : ''}
      ${errors.unit ? html`<p class="field-error" id="f-unit-error">${errors.unit}</p>` : ''}
      ${
        options.units.length === 0
          ? html`<p id="f-unit">${tr('surveys.no_units_found')}</p>`
          : html`<select
              id="f-unit"
              name="unitId"
              required
              ${attr('aria-invalid', Boolean(errors.unit), 'true')}
              ${attr('aria-describedby', Boolean(errors.unit), 'f-unit-error')}
            >
              <option value="">${tr('surveys.choose_unit')}</option>
              ${unitOptions}
            </select>`
      }
      <p>
        <label for="f-subtree"
          ><input
            type="checkbox"
            id="f-subtree"
            name="includeSubtree"
            value="on"
            ${attr('checked', values.includeSubtree)}
          />
          ${tr('surveys.include_subtree')}</label
        >
      </p>
      <fieldset ${attr('aria-describedby', Boolean(errors.channels), 'f-channels-error')}>
        <legend>${tr('surveys.channels')} (${tr('surveys.required')})</legend>
        ${errors.channels ? html`<p class="field-error" id="f-channels-error">${errors.channels}</p>` : ''}
        <ul class="choices">
          ${channelBoxes}
        </ul>
      </fieldset>
      <p><button type="submit">${tr('surveys.publish')}</button></p>
    </form>`;
  return staffPage({ lang, title, body, viewer: options.viewer, active: 'surveys', path: base });
}
