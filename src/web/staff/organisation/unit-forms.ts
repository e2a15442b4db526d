// The forms on a unit's page: edit, move, merge, close or reopen, add a unit below. Each works without script:
// choosing a new parent or a merge target is a search (GET) that fills radio buttons in the form that posts.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField } from '../layout.ts';
import type { UnitSearchHit } from '../../../server/modules/organisation/index.ts';
import type { UnitFormName, UnitPageInput } from './unit-page.ts';
import { UNIT_FIELD_TYPES } from './unit-types.ts';
import {
  displayName,
  errorSummary,
  fieldError,
  invalidAttrs,
  typeLabel,
  type FormProblem,
} from './unit-format.ts';

interface FieldOptions {
  type?: 'text' | 'date';
  required?: boolean;
  hint?: string;
  autocomplete?: boolean;
}

function textField(
  prefix: string,
  field: string,
  label: string,
  value: string,
  problems: readonly FormProblem[],
  options: FieldOptions = {},
): SafeHtml {
  const id = `${prefix}-${field}`;
  const hintId = `${id}-hint`;
  const invalid = problems.some((p) => p.field === field);
  const describedBy = [...(options.hint ? [hintId] : []), ...(invalid ? [`${id}-error`] : [])];
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
    ${fieldError(problems, field, id)}
    <input
      type="${options.type ?? 'text'}"
      id="${id}"
      name="${field}"
      value="${value}"
      ${attr('required', options.required === true)}
      ${attr('aria-invalid', invalid, 'true')}
      ${attr('aria-describedby', describedBy.length > 0, describedBy.join(' '))}
    />
  </div>`;
}

function typeSelect(
  lang: Language,
  prefix: string,
  value: string,
  problems: readonly FormProblem[],
): SafeHtml {
  const id = `${prefix}-type`;
  return html`<div class="field">
    <label for="${id}">${t(lang)('organisation.field_type')}</label>
    ${fieldError(problems, 'type', id)}
    <select id="${id}" name="type" ${invalidAttrs(problems, 'type', id)}>
      ${UNIT_FIELD_TYPES.map(
        (type) =>
          html`<option value="${type}" ${attr('selected', type === value)}>${typeLabel(lang, type)}</option>`,
      )}
    </select>
  </div>`;
}

function formState(
  input: UnitPageInput,
  name: UnitFormName,
): { problems: FormProblem[]; values: Record<string, string> } {
  return input.form?.name === name ? input.form : { problems: [], values: {} };
}

export function editForm(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const { problems, values } = formState(input, 'edit');
  const v = (field: string, current: string | null) => values[field] ?? current ?? '';
  return html`<section aria-labelledby="edit-heading">
    <h2 id="edit-heading">${tr('organisation.edit_heading')}</h2>
    <form method="post" action="/staff/units/${encodeURIComponent(unit.id)}?lang=${lang}" novalidate>
      ${csrfField(input.viewer)}
      ${errorSummary(lang, problems, 'edit', ['name_fi', 'name_sv', 'name_en', 'type', 'oid', 'valid_from'])}
      ${textField(
        'edit',
        'name_fi',
        tr('organisation.field_name_fi'),
        v('name_fi', unit.names.fi),
        problems,
        {
          required: true,
        },
      )}
      ${textField('edit', 'name_sv', tr('organisation.field_name_sv'), v('name_sv', unit.names.sv), problems)}
      ${textField('edit', 'name_en', tr('organisation.field_name_en'), v('name_en', unit.names.en), problems)}
      ${typeSelect(lang, 'edit', v('type', unit.type), problems)}
      ${textField('edit', 'oid', tr('organisation.field_oid'), v('oid', unit.oid), problems, {
        hint: tr('organisation.oid_hint'),
      })}
      ${textField(
        'edit',
        'valid_from',
        tr('organisation.field_valid_from'),
        v('valid_from', unit.validFrom),
        problems,
        {
          type: 'date',
        },
      )}
      <button type="submit">${tr('organisation.save')}</button>
    </form>
  </section>`;
}

function hitChoices(
  lang: Language,
  name: string,
  hits: readonly UnitSearchHit[] | null,
  exclude: string,
  selected: string | undefined,
): SafeHtml {
  if (!hits) return html``;
  const shown = hits.filter((h) => h.unit.id !== exclude);
  if (shown.length === 0) return html`<p>${t(lang)('organisation.search_no_results')}</p>`;
  return html`${shown.map(
    (hit) =>
      html`<label
        ><input
          type="radio"
          name="${name}"
          value="${hit.unit.id}"
          ${attr('checked', selected === hit.unit.id)}
        />
        ${displayName(hit.unit.names, lang)} (${hit.unit.id})
        <span class="meta">${hit.path.map((p) => displayName(p.names, lang)).join(' › ')}</span></label
      >`,
  )}`;
}

function searchForm(
  input: UnitPageInput,
  param: 'parentQuery' | 'mergeQuery',
  value: string,
  anchor: string,
): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const id = `${anchor}-search`;
  return html`<form method="get" action="/staff/units/${encodeURIComponent(unit.id)}#${anchor}" role="search">
    <input type="hidden" name="lang" value="${lang}" />
    <div class="field">
      <label for="${id}">${tr('organisation.find_unit_label')}</label>
      <input type="search" id="${id}" name="${param}" value="${value}" />
    </div>
    <button class="secondary" type="submit">${tr('organisation.search_button')}</button>
  </form>`;
}

export function moveForm(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const { problems, values } = formState(input, 'move');
  return html`<section aria-labelledby="move-heading">
    <h2 id="move-heading">${tr('organisation.move_heading')}</h2>
    <p class="hint">${tr('organisation.move_hint')}</p>
    ${searchForm(input, 'parentQuery', input.parentQuery, 'move-heading')}
    <form method="post" action="/staff/units/${encodeURIComponent(unit.id)}/move?lang=${lang}">
      ${csrfField(input.viewer)} ${errorSummary(lang, problems, 'move', ['parent_id'])}
      <fieldset>
        <legend>${tr('organisation.new_parent')}</legend>
        ${hitChoices(lang, 'parentChoice', input.parentHits, unit.id, values.parentChoice)}
        <label
          ><input
            type="radio"
            name="parentChoice"
            value="-"
            ${attr('checked', values.parentChoice === '-')}
          />
          ${tr('organisation.top_level')}</label
        >
      </fieldset>
      ${textField('move', 'parent_id', tr('organisation.parent_id_label'), values.parent_id ?? '', problems)}
      <button type="submit">${tr('organisation.move_button')}</button>
    </form>
  </section>`;
}

export function mergeForm(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const { problems, values } = formState(input, 'merge');
  return html`<section aria-labelledby="merge-heading">
    <h2 id="merge-heading">${tr('organisation.merge_heading')}</h2>
    <p class="hint">${tr('organisation.merge_hint')}</p>
    ${searchForm(input, 'mergeQuery', input.mergeQuery, 'merge-heading')}
    <form method="post" action="/staff/units/${encodeURIComponent(unit.id)}/merge?lang=${lang}">
      ${csrfField(input.viewer)} ${errorSummary(lang, problems, 'merge', ['into_id', 'valid_to', 'confirm'])}
      ${
        input.mergeHits
          ? html`<fieldset>
              <legend>${tr('organisation.merge_target')}</legend>
              ${hitChoices(lang, 'intoChoice', input.mergeHits, unit.id, values.intoChoice)}
            </fieldset>`
          : ''
      }
      ${textField('merge', 'into_id', tr('organisation.merge_target_id'), values.into_id ?? '', problems)}
      ${textField(
        'merge',
        'valid_to',
        tr('organisation.last_day'),
        values.valid_to ?? input.today,
        problems,
        {
          type: 'date',
        },
      )}
      <div class="field">
        ${fieldError(problems, 'confirm', 'merge-confirm')}
        <label
          ><input
            type="checkbox"
            id="merge-confirm"
            name="confirm"
            value="yes"
            ${invalidAttrs(problems, 'confirm', 'merge-confirm')}
          />
          ${tr('organisation.merge_confirm')}</label
        >
      </div>
      <button type="submit">${tr('organisation.merge_button')}</button>
    </form>
  </section>`;
}

export function closeForm(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const { problems, values } = formState(input, 'close');
  const reopen = formState(input, 'reopen');
  return html`<section aria-labelledby="close-heading">
    <h2 id="close-heading">${tr('organisation.close_heading')}</h2>
    <form method="post" action="/staff/units/${encodeURIComponent(unit.id)}/close?lang=${lang}">
      ${csrfField(input.viewer)} ${errorSummary(lang, problems, 'close', ['valid_to', 'confirm'])}
      ${textField(
        'close',
        'valid_to',
        tr('organisation.last_day'),
        values.valid_to ?? unit.validTo ?? input.today,
        problems,
        {
          type: 'date',
          hint:
            input.openBelow > 0
              ? tr('organisation.close_hint_subtree', { count: input.openBelow })
              : tr('organisation.close_hint'),
        },
      )}
      <div class="field">
        ${fieldError(problems, 'confirm', 'close-confirm')}
        <label
          ><input
            type="checkbox"
            id="close-confirm"
            name="confirm"
            value="yes"
            ${invalidAttrs(problems, 'confirm', 'close-confirm')}
          />
          ${tr('organisation.close_confirm')}</label
        >
      </div>
      <button type="submit">${tr('organisation.close_button')}</button>
    </form>
    ${
      unit.validTo !== null
        ? html`<form method="post" action="/staff/units/${encodeURIComponent(unit.id)}/reopen?lang=${lang}">
            ${csrfField(input.viewer)} ${errorSummary(lang, reopen.problems, 'reopen')}
            <button class="secondary" type="submit">${tr('organisation.reopen_button')}</button>
          </form>`
        : ''
    }
  </section>`;
}

export function childForm(input: UnitPageInput): SafeHtml {
  const { lang, unit } = input;
  const tr = t(lang);
  const { problems, values } = formState(input, 'child');
  const v = (field: string) => values[field] ?? '';
  return html`<section aria-labelledby="child-heading">
    <h2 id="child-heading">${tr('organisation.child_heading')}</h2>
    <form method="post" action="/staff/units/${encodeURIComponent(unit.id)}/children?lang=${lang}" novalidate>
      ${csrfField(input.viewer)}
      ${errorSummary(lang, problems, 'child', ['id', 'name_fi', 'name_sv', 'name_en', 'type', 'oid', 'valid_from'])}
      ${textField('child', 'id', tr('organisation.field_id'), v('id'), problems, { required: true, hint: tr('organisation.id_hint') })}
      ${textField('child', 'name_fi', tr('organisation.field_name_fi'), v('name_fi'), problems, { required: true })}
      ${textField('child', 'name_sv', tr('organisation.field_name_sv'), v('name_sv'), problems)}
      ${textField('child', 'name_en', tr('organisation.field_name_en'), v('name_en'), problems)}
      ${typeSelect(lang, 'child', values.type ?? 'unit', problems)}
      ${textField('child', 'oid', tr('organisation.field_oid'), v('oid'), problems, { hint: tr('organisation.oid_hint') })}
      ${textField('child', 'valid_from', tr('organisation.field_valid_from'), v('valid_from'), problems, { type: 'date' })}
      <button type="submit">${tr('organisation.child_button')}</button>
    </form>
  </section>`;
}
