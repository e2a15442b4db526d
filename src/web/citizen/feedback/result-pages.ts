import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { page } from '../../ui/layout.ts';
import { FEEDBACK_CSS } from './feedback-styles.ts';

// The receipt after sending and the tracking page behind the link it gives. Neither shows what was written or
// who wrote it: a tracking link can be forwarded, so it reveals only the handling status and the public reply.

export interface TrackingModel {
  lang: Language;
  token: string;
  /** The absolute tracking address (KUULO_PUBLIC_URL + path). */
  trackingUrl: string;
  reference: string;
  type: string;
  unitName: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  publicReply: string | null;
  publicReplyAt: Date | null;
  wantsReply: boolean;
}

function formatDate(lang: Language, date: Date): string {
  const locale = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang];
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Helsinki',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).format(date);
}

export function renderReceiptPage(model: TrackingModel): SafeHtml {
  const tr = t(model.lang);
  const lang = model.lang;
  return page({
    lang,
    title: tr('feedback.receipt_title'),
    languageHref: (l) => `/feedback/receipt/${model.token}?lang=${l}`,
    extraCss: FEEDBACK_CSS,
    body: html`<h1>${tr('feedback.receipt_title')}</h1>
      <p class="notice" role="status">${tr('feedback.receipt_body')}</p>
      <p>${tr('feedback.receipt_reference', { reference: model.reference })}</p>
      <p>
        ${model.wantsReply ? tr('feedback.receipt_reply_expected') : tr('feedback.receipt_no_reply')}
      </p>
      <h2>${tr('feedback.receipt_tracking_title')}</h2>
      <p>${tr('feedback.receipt_tracking_body')}</p>
      <p class="token"><a href="${model.trackingUrl}">${model.trackingUrl}</a></p>
      <p><a href="/feedback?lang=${lang}">${tr('feedback.receipt_new')}</a></p>
      <p><a href="/?lang=${lang}">${tr('feedback.to_front_page')}</a></p>`,
  });
}

export function renderTrackingPage(model: TrackingModel): SafeHtml {
  const tr = t(model.lang);
  const lang = model.lang;
  const reply = model.publicReply
    ? html`<h2>${tr('feedback.track_reply_title')}</h2>
        <p>${model.publicReplyAt ? formatDate(lang, model.publicReplyAt) : ''}</p>
        <div class="reply">${model.publicReply}</div>`
    : html`<p>${tr('feedback.track_no_reply')}</p>`;
  return page({
    lang,
    title: tr('feedback.track_title'),
    languageHref: (l) => `/feedback/track/${model.token}?lang=${l}`,
    extraCss: FEEDBACK_CSS,
    body: html`<h1>${tr('feedback.track_title')}</h1>
      <dl class="track">
        <dt>${tr('feedback.track_reference')}</dt>
        <dd>${model.reference}</dd>
        <dt>${tr('feedback.track_type')}</dt>
        <dd>${tr(`feedback.type_${model.type}`)}</dd>
        <dt>${tr('feedback.track_unit')}</dt>
        <dd>${model.unitName ?? tr('feedback.track_unit_unknown')}</dd>
        <dt>${tr('feedback.track_sent')}</dt>
        <dd>${formatDate(lang, model.createdAt)}</dd>
        <dt>${tr('feedback.track_status')}</dt>
        <dd><strong>${tr(`feedback.status_${model.status}`)}</strong></dd>
        <dd>${tr(`feedback.status_${model.status}_hint`)}</dd>
        <dt>${tr('feedback.track_updated')}</dt>
        <dd>${formatDate(lang, model.updatedAt)}</dd>
      </dl>
      ${reply}
      <p><a href="/feedback?lang=${lang}">${tr('feedback.receipt_new')}</a></p>`,
  });
}

export function renderTrackingNotFound(lang: Language): SafeHtml {
  const tr = t(lang);
  return page({
    lang,
    title: tr('feedback.track_not_found_title'),
    extraCss: FEEDBACK_CSS,
    body: html`<h1>${tr('feedback.track_not_found_title')}</h1>
      <p>${tr('feedback.track_not_found_body')}</p>
      <p><a href="/feedback?lang=${lang}">${tr('feedback.receipt_new')}</a></p>`,
  });
}
