import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

// The side-by-side report: the clients' faces next to the staff members' assessments, as tables whose cells carry a
// bar drawn in CSS (the number is always written out; the bar only helps the eye). Hidden cells say why.
type Count = { suppressed: false; n: number } | { suppressed: true };
type Share = { suppressed: false; n: number; share: number } | { suppressed: true };

export interface ReportPageModel {
  lang: Language;
  viewer: StaffViewer;
  unitId: string;
  unitName: string;
  from: string;
  to: string;
  minGroupSize: number;
  visits: Count;
  client: { answered: Count; declined: Count; faces: Count[]; good: Share };
  staff: { assessed: Count; onTime: Record<string, Count>; affectedBy: Record<string, Count> };
  sideBySide: Record<string, Share>;
  months: { month: string; visits: Count; good: Share; onTime: Share }[];
}

const CSS = `.bar{display:block;height:.6rem;background:#0b5394;margin-top:.2rem;max-width:100%}.hidden-cell{font-style:italic}table.report td.num{min-width:9rem}`;

function percent(lang: Language, share: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

function hidden(model: ReportPageModel): SafeHtml {
  return html`<span class="hidden-cell">${t(model.lang)('homecare.suppressed', { min: model.minGroupSize })}</span>`;
}

function countCell(model: ReportPageModel, c: Count, total?: Count): SafeHtml {
  if (c.suppressed) return html`<td class="num">${hidden(model)}</td>`;
  const width = total && !total.suppressed && total.n > 0 ? Math.round((c.n / total.n) * 100) : 0;
  return html`<td class="num">
    ${c.n}${width > 0 ? raw(`<span class="bar" style="width:${width}%" aria-hidden="true"></span>`) : ''}
  </td>`;
}

function shareCell(model: ReportPageModel, s: Share): SafeHtml {
  if (s.suppressed) return html`<td class="num">${hidden(model)}</td>`;
  return html`<td class="num">
    ${percent(model.lang, s.share)} <span class="hint">(n = ${s.n})</span>
    ${raw(`<span class="bar" style="width:${Math.round(s.share * 100)}%" aria-hidden="true"></span>`)}
  </td>`;
}

function distribution(
  model: ReportPageModel,
  caption: string,
  rows: [string, Count][],
  total: Count,
): SafeHtml {
  const tr = t(model.lang);
  return html`<table class="report">
    <caption>${caption}</caption>
    <thead>
      <tr>
        <th scope="col">${tr('homecare.col_answer')}</th>
        <th scope="col">${tr('homecare.col_count')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(([label, c]) => html`<tr><th scope="row">${label}</th>${countCell(model, c, total)}</tr>`)}
    </tbody>
  </table>`;
}

export function renderReportPage(model: ReportPageModel): SafeHtml {
  const tr = t(model.lang);
  const faces = [1, 2, 3, 4].map((f, i): [string, Count] => [
    tr(`homecare.face_${f}`),
    model.client.faces[i]!,
  ]);
  const onTime = Object.entries(model.staff.onTime).map(([k, c]): [string, Count] => [
    tr(`homecare.on_time_${k}`),
    c,
  ]);
  const affected = Object.entries(model.staff.affectedBy).map(([k, c]): [string, Count] => [
    tr(`homecare.affected_by_${k}`),
    c,
  ]);
  const empty = !model.visits.suppressed && model.visits.n === 0;
  const body = html`<h1>${tr('homecare.report_title', { unit: model.unitName })}</h1>
    <form method="get" action="/staff/home-care/report">
      <input type="hidden" name="unit" value="${model.unitId}" />
      <p>
        <label for="from">${tr('homecare.period_from')}</label>
        <input id="from" name="from" type="date" value="${model.from}" />
        <label for="to">${tr('homecare.period_to')}</label>
        <input id="to" name="to" type="date" value="${model.to}" />
        <button type="submit">${tr('homecare.show')}</button>
      </p>
    </form>
    ${
      empty
        ? html`<p>${tr('homecare.report_empty')}</p>`
        : html`<h2>${tr('homecare.summary')}</h2>
          <table class="report">
            <caption class="visually-hidden">${tr('homecare.summary')}</caption>
            <tbody>
              <tr><th scope="row">${tr('homecare.visits')}</th>${countCell(model, model.visits)}</tr>
              <tr><th scope="row">${tr('homecare.client_answered')}</th>${countCell(model, model.client.answered, model.visits)}</tr>
              <tr><th scope="row">${tr('homecare.client_declined_count')}</th>${countCell(model, model.client.declined, model.visits)}</tr>
              <tr><th scope="row">${tr('homecare.staff_assessed')}</th>${countCell(model, model.staff.assessed, model.visits)}</tr>
              <tr><th scope="row">${tr('homecare.good_share')}</th>${shareCell(model, model.client.good)}</tr>
            </tbody>
          </table>
          <h2>${tr('homecare.side_by_side')}</h2>
          <p>${tr('homecare.side_by_side_intro')}</p>
          <table class="report">
            <caption class="visually-hidden">${tr('homecare.side_by_side')}</caption>
            <thead>
              <tr>
                <th scope="col">${tr('homecare.on_time_legend')}</th>
                <th scope="col">${tr('homecare.good_share')}</th>
              </tr>
            </thead>
            <tbody>
              ${Object.entries(model.sideBySide).map(
                ([k, s]) =>
                  html`<tr><th scope="row">${tr(`homecare.on_time_${k}`)}</th>${shareCell(model, s)}</tr>`,
              )}
            </tbody>
          </table>
          <div class="columns">
            ${distribution(model, tr('homecare.client_view'), faces, model.client.answered)}
            ${distribution(model, tr('homecare.on_time_legend'), onTime, model.staff.assessed)}
            ${distribution(model, tr('homecare.affected_by_legend'), affected, model.staff.assessed)}
          </div>
          <h2>${tr('homecare.by_month')}</h2>
          <table class="report">
            <caption class="visually-hidden">${tr('homecare.by_month')}</caption>
            <thead>
              <tr>
                <th scope="col">${tr('homecare.month')}</th>
                <th scope="col">${tr('homecare.visits')}</th>
                <th scope="col">${tr('homecare.good_share')}</th>
                <th scope="col">${tr('homecare.on_time_share')}</th>
              </tr>
            </thead>
            <tbody>
              ${model.months.map(
                (m) =>
                  html`<tr>
                    <th scope="row">${m.month}</th>
                    ${countCell(model, m.visits)} ${shareCell(model, m.good)} ${shareCell(model, m.onTime)}
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
  return staffPage({
    lang: model.lang,
    title: tr('homecare.report_title', { unit: model.unitName }),
    body,
    viewer: model.viewer,
    active: 'home-care',
    path: '/staff/home-care',
    extraCss: CSS,
  });
}
