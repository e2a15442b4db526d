import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { errorSummary, staffPage, textInput, type FieldError } from '../layout.ts';

export interface LoginPageModel {
  lang: Language;
  /** Echoed back after a failed attempt; the password never is. */
  email: string;
  next: string;
  /** The double-submit token also set as the kuulo_login_csrf cookie. */
  formToken: string;
  errors: FieldError[];
  notice?: string;
  /** Where the OpenID Connect sign-in starts, when one is configured. */
  oidcHref?: string;
  /** The identity service's name for the button, e.g. "Helsinki AD". */
  oidcLabel?: string;
}

export function renderLoginPage(model: LoginPageModel): SafeHtml {
  const tr = t(model.lang);
  const action = `/staff/login?lang=${model.lang}`;
  const body = html`<h1>${tr('staff.login_title')}</h1>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    ${errorSummary(tr('staff.error_summary_title'), model.errors)}
    <p>${tr('staff.login_intro')}</p>
    <form method="post" action="${action}" novalidate>
      <input type="hidden" name="_csrf" value="${model.formToken}" />
      <input type="hidden" name="next" value="${model.next}" />
      ${textInput({
        id: 'email',
        label: tr('staff.email'),
        type: 'email',
        value: model.email,
        autocomplete: 'username',
        required: true,
        errors: model.errors,
      })}
      ${textInput({
        id: 'password',
        label: tr('staff.password'),
        type: 'password',
        autocomplete: 'current-password',
        required: true,
        errors: model.errors,
      })}
      <button type="submit">${tr('staff.sign_in')}</button>
    </form>
    ${
      model.oidcHref
        ? html`<h2>${tr('staff.oidc_or')}</h2>
          <p>
            <a class="button" href="${model.oidcHref}" id="oidc-sign-in"
              >${tr('staff.oidc_sign_in', { label: model.oidcLabel ?? tr('staff.oidc_default_label') })}</a
            >
          </p>`
        : ''
    }`;
  return staffPage({
    lang: model.lang,
    title: tr('staff.login_title'),
    body,
    viewer: null,
    path: '/staff/login',
  });
}
