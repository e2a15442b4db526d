import type { Language } from '../../../shared/languages.ts';
import type { Question, SurveyDefinition } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { localized } from '../../citizen/text.ts';
import { smileyDefs, smileyFace } from '../../citizen/smiley.ts';
import { CANT_SAY_CODE } from './entry-form.ts';

// A printable paper form (A4) in one language with the unit filled in. Every box carries the number that is typed
// on the entry screen (entry-form.ts), so entering a pile of forms is reading numbers, not interpreting layouts.
export interface PaperFormModel {
  lang: Language;
  definition: SurveyDefinition;
  unitName: string;
}

const PAPER_CSS = `@page{size:A4;margin:14mm 14mm 16mm}*{box-sizing:border-box}body{font:11pt/1.35 system-ui,Arial,sans-serif;color:#000;margin:0 auto;max-width:190mm;padding:8px}h1{font-size:17pt;margin:0 0 4pt}.meta{display:flex;gap:12mm;margin:4pt 0 8pt}.meta span{border-bottom:1px solid #000;min-width:40mm;display:inline-block}.q{break-inside:avoid;margin:0 0 7pt;padding-top:4pt;border-top:1px solid #999}.q p.text{font-weight:600;margin:0 0 3pt}.boxes{display:flex;flex-wrap:wrap;gap:3pt 6pt;margin:0;padding:0;list-style:none}.boxes li{display:flex;flex-direction:column;align-items:center;min-width:9mm;font-size:9pt;text-align:center}.box{display:inline-block;width:5mm;height:5mm;border:1.2px solid #000;margin-bottom:1pt}.ends{display:flex;justify-content:space-between;font-size:9pt;max-width:150mm}.choice li{flex-direction:row;gap:3pt;align-items:center;font-size:10pt;min-width:40mm;text-align:left}.stmt{width:100%;border-collapse:collapse;font-size:9pt}.stmt th,.stmt td{border:1px solid #999;padding:2pt;text-align:center;vertical-align:middle}.stmt th[scope=row]{text-align:left;font-size:10pt;width:42%}.face{width:10mm;height:10mm}.defs{position:absolute;width:0;height:0}.lines{height:24mm;background:repeating-linear-gradient(#fff 0 7mm,#777 7mm calc(7mm + 1px))}.foot{font-size:9pt;margin-top:8pt}.screen-only{background:#fff7d6;padding:6pt;border:1px solid #c9a400}@media print{.screen-only{display:none}}`;

const box = raw('<span class="box" aria-hidden="true"></span>');

function statementTable(
  questions: Extract<Question, { type: 'statement' }>[],
  start: number,
  m: PaperFormModel,
) {
  const text = (x: Parameters<typeof localized>[0]) => localized(x, m.lang);
  const scale = m.definition.scales.agreement;
  const cantSay = questions.some((q) => q.allowCantSay);
  return html`<table class="stmt q">
    <thead>
      <tr>
        <th scope="col"></th>
        ${scale.labels.map((l, i) => html`<th scope="col">${text(l)}<br />${i + 1}</th>`)}
        ${cantSay ? html`<th scope="col">${text(scale.cantSay)}<br />${CANT_SAY_CODE}</th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${questions.map(
        (q, i) =>
          html`<tr>
            <th scope="row">${start + i}. ${text(q.text)}</th>
            ${scale.labels.map(() => html`<td>${box}</td>`)}
            ${cantSay ? html`<td>${q.allowCantSay ? box : ''}</td>` : ''}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function single(question: Question, number: number, m: PaperFormModel): SafeHtml {
  const text = (x: Parameters<typeof localized>[0]) => localized(x, m.lang);
  const tr = t(m.lang);
  const head = html`<p class="text">${number}. ${text(question.text)}</p>`;
  switch (question.type) {
    case 'recommendation':
      return html`<div class="q">
        ${head}
        <ul class="boxes">
          ${Array.from({ length: 11 }, (_, n) => html`<li>${box}${n}</li>`)}
        </ul>
        <p class="ends"><span>0 = ${text(question.lowLabel)}</span><span>10 = ${text(question.highLabel)}</span></p>
      </div>`;
    case 'smiley':
      return html`<div class="q">
        ${head}
        <ul class="boxes">
          ${m.definition.scales.smiley.labels.map(
            (l, i) => html`<li>${smileyFace(i + 1)}${box}${i + 1} ${text(l)}</li>`,
          )}
        </ul>
      </div>`;
    case 'single_choice':
    case 'multiple_choice':
      return html`<div class="q">
        ${head}
        ${question.type === 'multiple_choice' ? html`<p class="foot">${tr('entry.paper_choose_many')}</p>` : ''}
        <ul class="boxes choice">
          ${question.options.map((o, i) => html`<li>${box}${i + 1} ${text(o.label)}</li>`)}
        </ul>
      </div>`;
    case 'free_text':
      return html`<div class="q">
        ${head}
        <p class="foot">${tr('entry.paper_text_warning')}</p>
        <div class="lines"></div>
      </div>`;
    case 'statement':
      return statementTable([question], number, m);
  }
}

/** Consecutive statements share one grid, as on the national paper form. */
function questionBlocks(m: PaperFormModel): SafeHtml[] {
  const blocks: SafeHtml[] = [];
  const questions = m.definition.questions;
  for (let i = 0; i < questions.length;) {
    const q = questions[i]!;
    if (q.type === 'statement') {
      const run: Extract<Question, { type: 'statement' }>[] = [];
      while (questions[i + run.length]?.type === 'statement')
        run.push(questions[i + run.length] as Extract<Question, { type: 'statement' }>);
      blocks.push(statementTable(run, i + 1, m));
      i += run.length;
    } else {
      blocks.push(single(q, i + 1, m));
      i += 1;
    }
  }
  return blocks;
}

export function renderPaperFormPage(model: PaperFormModel): SafeHtml {
  const tr = t(model.lang);
  const text = (x: Parameters<typeof localized>[0]) => localized(x, model.lang);
  return html`<!doctype html>
    <html lang="${model.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${text(model.definition.title)} – ${model.unitName}</title>
        <style>
          ${raw(PAPER_CSS)}
        </style>
      </head>
      <body>
        <main>
          <p class="screen-only">${tr('entry.paper_print_hint')}</p>
          ${smileyDefs()}
          <h1>${text(model.definition.title)}</h1>
          <p class="meta">
            <span>${tr('entry.paper_unit')}: <strong>${model.unitName}</strong></span>
            <span>${tr('entry.paper_date')}:</span>
          </p>
          ${model.definition.intro ? html`<p>${text(model.definition.intro)}</p>` : ''}
          <p class="foot">${tr('entry.paper_instructions')}</p>
          ${questionBlocks(model)}
          <p class="foot">${text(model.definition.thankYou)}</p>
        </main>
      </body>
    </html>`;
}
