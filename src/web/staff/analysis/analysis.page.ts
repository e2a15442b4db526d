// The staff page of the text analysis: themes of a subtree and period (share, tone, previous period, n) as a
// table, key phrases in base form, emerging themes, and the redacted comments behind a theme with a form to
// correct their themes and tone. Works without JavaScript.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';

type Tone = 'positive' | 'neutral' | 'negative' | 'mixed';
const TONES: Tone[] = ['positive', 'neutral', 'negative', 'mixed'];

export interface ThemeRow {
  key: string;
  names: { fi: string; sv: string; en: string };
  suppressed: boolean;
  n?: number;
  share?: number;
  previousShare?: number | null;
  /** null: that tone's texts are too few to show. */
  tones?: Record<Tone, number | null>;
}

export interface CommentView {
  responseId: string | null;
  questionId: string | null;
  feedbackId: string | null;
  occurredOn: string;
  language: string | null;
  tone: Tone;
  themes: string[];
  keyPhrases: string[];
  text: string;
  corrected: boolean;
}

export interface AnalysisPageModel {
  lang: Language;
  viewer: StaffViewer;
  query: { unit: string; from: string; to: string; theme?: string; tone?: string; language?: string };
  minGroupSize: number;
  summary: { total: number | null; themes: ThemeRow[]; keyPhrases: { phrase: string; n: number }[] } | null;
  alerts: { theme: string; share: number; baselineShare: number; n: number; pValue: number }[];
  /** null: the viewer may not read texts here. */
  comments: CommentView[] | null;
  taxonomy: { key: string; names: { fi: string; sv: string; en: string } }[];
  saved: boolean;
  error?: string;
}

const pct = (x: number) => `${Math.round(x * 100)}`;

function filterForm(m: AnalysisPageModel): SafeHtml {
  const tr = t(m.lang);
  return html`<form method="get" action="/staff/analysis" class="row-actions">
    <p><label for="unit">${tr('analysis.unit')}</label><br /><input id="unit" name="unit" value="${m.query.unit}" required /></p>
    <p><label for="from">${tr('analysis.from')}</label><br /><input id="from" name="from" type="date" value="${m.query.from}" /></p>
    <p><label for="to">${tr('analysis.to')}</label><br /><input id="to" name="to" type="date" value="${m.query.to}" /></p>
    <p>
      <label for="theme">${tr('analysis.theme')}</label><br />
      <select id="theme" name="theme">
        <option value="">${tr('analysis.all')}</option>
        ${m.taxonomy.map((th) => html`<option value="${th.key}" ${m.query.theme === th.key ? 'selected' : ''}>${th.names[m.lang]}</option>`)}
      </select>
    </p>
    <p>
      <label for="tone">${tr('analysis.tone')}</label><br />
      <select id="tone" name="tone">
        <option value="">${tr('analysis.all')}</option>
        ${TONES.map((tone) => html`<option value="${tone}" ${m.query.tone === tone ? 'selected' : ''}>${tr(`analysis.tone_${tone}`)}</option>`)}
      </select>
    </p>
    <p>
      <label for="language">${tr('analysis.language')}</label><br />
      <select id="language" name="language">
        <option value="">${tr('analysis.all')}</option>
        ${['fi', 'sv', 'en'].map((l) => html`<option value="${l}" ${m.query.language === l ? 'selected' : ''}>${l}</option>`)}
      </select>
    </p>
    <p><button type="submit">${tr('analysis.show')}</button></p>
  </form>`;
}

function themeTable(m: AnalysisPageModel): SafeHtml {
  const tr = t(m.lang);
  if (!m.summary) return html``;
  const tones = (row: ThemeRow) =>
    TONES.map((tone) => {
      const n = row.tones?.[tone];
      return `${tr(`analysis.tone_${tone}`)} ${n === null || n === undefined ? tr('analysis.suppressed') : n}`;
    }).join(', ');
  return html`<p>${tr('analysis.texts')}: ${m.summary.total ?? tr('analysis.suppressed')}</p>
    <table>
      <caption>${tr('analysis.title')}</caption>
      <thead>
        <tr>
          <th scope="col">${tr('analysis.theme')}</th>
          <th scope="col">n</th>
          <th scope="col">${tr('analysis.share')} %</th>
          <th scope="col">${tr('analysis.previous')} %</th>
          <th scope="col">${tr('analysis.tone')}</th>
        </tr>
      </thead>
      <tbody>
        ${m.summary.themes.map((row) =>
          row.suppressed
            ? html`<tr><th scope="row">${row.names[m.lang]}</th><td colspan="4">${tr('analysis.suppressed')}</td></tr>`
            : html`<tr>
                <th scope="row">
                  <a href="/staff/analysis?unit=${encodeURIComponent(m.query.unit)}&from=${m.query.from}&to=${m.query.to}&theme=${row.key}">${row.names[m.lang]}</a>
                </th>
                <td>${row.n ?? 0}</td>
                <td>${pct(row.share ?? 0)}</td>
                <td>${row.previousShare === null || row.previousShare === undefined ? '–' : pct(row.previousShare)}</td>
                <td>${tones(row)}</td>
              </tr>`,
        )}
      </tbody>
    </table>
    ${
      m.summary.keyPhrases.length
        ? html`<h2>${tr('analysis.key_phrases')}</h2>
          <ul>${m.summary.keyPhrases.map((p) => html`<li>${p.phrase} (${p.n})</li>`)}</ul>`
        : ''
    }`;
}

function alertList(m: AnalysisPageModel): SafeHtml {
  const tr = t(m.lang);
  const name = (key: string) => m.taxonomy.find((th) => th.key === key)?.names[m.lang] ?? key;
  return html`<h2>${tr('analysis.alerts')}</h2>
    ${
      m.alerts.length
        ? html`<ul>${m.alerts.map((a) => html`<li>${tr('analysis.alert_line', { theme: name(a.theme), share: pct(a.share), baseline: pct(a.baselineShare), n: a.n, p: a.pValue.toPrecision(2) })}</li>`)}</ul>`
        : html`<p>${tr('analysis.no_alerts')}</p>`
    }`;
}

function correctionForm(m: AnalysisPageModel, c: CommentView, index: number): SafeHtml {
  const tr = t(m.lang);
  const back = new URLSearchParams(
    Object.entries(m.query).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  return html`<details>
    <summary>${tr('analysis.correct')}</summary>
    <form method="post" action="/staff/analysis/corrections">
      ${csrfField(m.viewer)}
      <input type="hidden" name="back" value="${back}" />
      ${
        c.feedbackId
          ? html`<input type="hidden" name="feedbackId" value="${c.feedbackId}" />`
          : html`<input type="hidden" name="responseId" value="${c.responseId ?? ''}" /><input type="hidden" name="questionId" value="${c.questionId ?? ''}" />`
      }
      <fieldset>
        <legend>${tr('analysis.theme')}</legend>
        ${m.taxonomy.map(
          (th) =>
            html`<label><input type="checkbox" name="themes" value="${th.key}" ${c.themes.includes(th.key) ? 'checked' : ''} /> ${th.names[m.lang]}</label> `,
        )}
      </fieldset>
      <p>
        <label for="tone-${index}">${tr('analysis.tone')}</label>
        <select id="tone-${index}" name="tone">
          ${TONES.map((tone) => html`<option value="${tone}" ${c.tone === tone ? 'selected' : ''}>${tr(`analysis.tone_${tone}`)}</option>`)}
        </select>
      </p>
      <button type="submit" class="small">${tr('analysis.save')}</button>
    </form>
  </details>`;
}

function commentList(m: AnalysisPageModel): SafeHtml {
  const tr = t(m.lang);
  if (m.comments === null) return html``;
  const name = (key: string) => m.taxonomy.find((th) => th.key === key)?.names[m.lang] ?? key;
  return html`<h2>${tr('analysis.comments')}</h2>
    ${
      m.comments.length === 0
        ? html`<p>${tr('analysis.no_comments')}</p>`
        : html`<ol class="comments">
          ${m.comments.map(
            (c, i) => html`<li>
              <p lang="${c.language ?? ''}">${c.text}</p>
              <p><small>${c.occurredOn} · ${tr(`analysis.tone_${c.tone}`)} · ${c.themes.map(name).join(', ')}${c.corrected ? ` · ${tr('analysis.corrected')}` : ''}</small></p>
              ${correctionForm(m, c, i)}
            </li>`,
          )}
        </ol>`
    }`;
}

export function renderAnalysisPage(m: AnalysisPageModel): SafeHtml {
  const tr = t(m.lang);
  const body = html`<div>
    <h1>${tr('analysis.title')}</h1>
    <p>${tr('analysis.intro', { min: m.minGroupSize })}</p>
    ${m.saved ? html`<p role="status">${tr('analysis.saved')}</p>` : ''}
    ${m.error ? html`<p role="alert">${m.error}</p>` : ''}
    ${filterForm(m)}
    ${m.query.unit ? html`${themeTable(m)}${alertList(m)}${commentList(m)}` : html`<p>${tr('analysis.choose_unit')}</p>`}
  </div>`;
  return staffPage({
    lang: m.lang,
    title: tr('analysis.title'),
    body,
    viewer: m.viewer,
    active: 'analysis',
    path: '/staff/analysis',
  });
}
