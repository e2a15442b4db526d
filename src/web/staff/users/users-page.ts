import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import {
  csrfField,
  errorSummary,
  selectInput,
  staffPage,
  textInput,
  type FieldError,
  type StaffViewer,
} from '../layout.ts';
import { roleScope } from '../home/home-page.ts';

export interface UserRowView {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  lastLoginAt: Date | null;
  roles: readonly { role: string; unitId: string | null }[];
}

export interface NewUserForm {
  email: string;
  displayName: string;
  locale: string;
  role: string;
  unitId: string;
}

export interface UsersPageModel {
  lang: Language;
  viewer: StaffViewer & { userId: string };
  users: readonly UserRowView[];
  roles: readonly string[];
  form: NewUserForm;
  errors: FieldError[];
  notice?: string;
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Finnish local time: staff read times as they saw them on the wall clock. */
function formatTime(lang: Language, time: Date): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(time);
}

function userRow(model: UsersPageModel, user: UserRowView): SafeHtml {
  const tr = t(model.lang);
  const roleChoices = model.roles.map((r) => ({ value: r, label: tr(`staff.role_${r}`) }));
  const base = `/staff/users/${encodeURIComponent(user.id)}`;
  const q = `?lang=${model.lang}`;
  return html`<tr>
    <th scope="row">${user.displayName}<br /><span class="hint">${user.email}</span></th>
    <td>
      ${user.disabled ? tr('staff.status_disabled') : tr('staff.status_active')}<br />
      <span class="hint"
        >${tr('staff.last_login')}:
        ${user.lastLoginAt ? formatTime(model.lang, user.lastLoginAt) : tr('staff.never')}</span
      >
    </td>
    <td>
      ${
        user.roles.length === 0
          ? tr('staff.no_roles')
          : html`<ul class="roles">
              ${user.roles.map(
                (r) =>
                  html`<li>
                    ${tr(`staff.role_${r.role}`)}: ${roleScope(model.lang, r.unitId)}
                    <form class="inline" method="post" action="${base}/roles/remove${q}">
                      ${csrfField(model.viewer)}
                      <input type="hidden" name="role" value="${r.role}" />
                      <input type="hidden" name="unitId" value="${r.unitId ?? ''}" />
                      <button class="secondary small" type="submit">
                        ${tr('staff.remove_role')}<span class="visually-hidden">
                          ${tr('staff.remove_role_label', {
                            role: tr(`staff.role_${r.role}`),
                            scope: roleScope(model.lang, r.unitId),
                            name: user.displayName,
                          })}</span
                        >
                      </button>
                    </form>
                  </li>`,
              )}
            </ul>`
      }
    </td>
    <td>
      <form class="row-actions" method="post" action="${base}/roles${q}">
        ${csrfField(model.viewer)}
        ${selectInput({
          id: `role-${user.id}`,
          name: 'role',
          label: html`${tr('staff.role')}<span class="visually-hidden"> – ${user.displayName}</span>`,
          choices: roleChoices,
          errors: model.errors,
        })}
        ${textInput({
          id: `unit-${user.id}`,
          name: 'unitId',
          label: html`${tr('staff.unit_id')}<span class="visually-hidden"> – ${user.displayName}</span>`,
          errors: model.errors,
        })}
        <button class="small" type="submit">
          ${tr('staff.add_role')}<span class="visually-hidden"> ${user.displayName}</span>
        </button>
      </form>
      ${
        !user.disabled && user.id !== model.viewer.userId
          ? html`<form method="post" action="${base}/disable${q}">
              ${csrfField(model.viewer)}
              <button class="secondary small" type="submit">
                ${tr('staff.disable_user')}<span class="visually-hidden"> ${user.displayName}</span>
              </button>
            </form>`
          : ''
      }
    </td>
  </tr>`;
}

function createForm(model: UsersPageModel): SafeHtml {
  const tr = t(model.lang);
  const { form, errors } = model;
  return html`<form method="post" action="/staff/users?lang=${model.lang}" novalidate>
    ${csrfField(model.viewer)}
    <fieldset>
      <legend>${tr('staff.create_user_title')}</legend>
      ${textInput({ id: 'email', label: tr('staff.email'), type: 'email', value: form.email, autocomplete: 'off', required: true, errors })}
      ${textInput({ id: 'displayName', label: tr('staff.display_name'), value: form.displayName, autocomplete: 'off', required: true, errors })}
      ${textInput({ id: 'password', label: tr('staff.new_password'), type: 'password', autocomplete: 'new-password', required: true, hint: tr('staff.password_hint'), errors })}
      ${selectInput({
        id: 'locale',
        label: tr('staff.locale'),
        choices: (['fi', 'sv', 'en'] as const).map((l) => ({ value: l, label: tr(`common.language_${l}`) })),
        selected: form.locale,
        errors,
      })}
      ${selectInput({
        id: 'role',
        label: tr('staff.role'),
        choices: model.roles.map((r) => ({ value: r, label: tr(`staff.role_${r}`) })),
        selected: form.role,
        errors,
      })}
      ${textInput({ id: 'unitId', label: tr('staff.unit_id'), value: form.unitId, hint: tr('staff.unit_id_hint'), errors })}
      <button type="submit">${tr('staff.create_user_submit')}</button>
    </fieldset>
  </form>`;
}

export function renderUsersPage(model: UsersPageModel): SafeHtml {
  const tr = t(model.lang);
  const body = html`<h1>${tr('staff.users_title')}</h1>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    ${errorSummary(tr('staff.error_summary_title'), model.errors)}
    <h2>${tr('staff.users_list')}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${tr('staff.users_col_user')}</th>
          <th scope="col">${tr('staff.users_col_status')}</th>
          <th scope="col">${tr('staff.users_col_roles')}</th>
          <th scope="col">${tr('staff.users_col_actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${model.users.map((u) => userRow(model, u))}
      </tbody>
    </table>
    <h2>${tr('staff.create_user_heading')}</h2>
    ${createForm(model)}`;
  return staffPage({
    lang: model.lang,
    title: tr('staff.users_title'),
    body,
    viewer: model.viewer,
    active: 'users',
    path: '/staff/users',
  });
}
