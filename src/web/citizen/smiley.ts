import { html, raw, type SafeHtml } from '../ui/html.ts';

// Four faces, unhappiest first (no neutral face, as on the national children's set and kiosks). The faces are
// decoration: every option also has a visible text label, so no meaning rests on colour or shape alone.
const MOUTHS = ['M12 30Q20 20 28 30', 'M13 29Q20 25 27 29', 'M13 26Q20 30 27 26', 'M11 24Q20 35 29 24'];
const FILLS = ['#f4b4a8', '#f9d3a5', '#d9ecb0', '#b5e2b6'];

/** Symbol definitions, rendered once per page; each option then uses a small <use> reference. */
export function smileyDefs(): SafeHtml {
  const symbols = MOUTHS.map(
    (mouth, i) =>
      `<symbol id="face-${i + 1}" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="${FILLS[i]}" stroke="#1a1a1a" stroke-width="2"/><circle cx="14" cy="16" r="2.2" fill="#1a1a1a"/><circle cx="26" cy="16" r="2.2" fill="#1a1a1a"/><path d="${mouth}" fill="none" stroke="#1a1a1a" stroke-width="2.4" stroke-linecap="round"/></symbol>`,
  ).join('');
  return raw(`<svg class="defs" aria-hidden="true" focusable="false">${symbols}</svg>`);
}

export function smileyFace(value: number): SafeHtml {
  return html`<svg class="face" aria-hidden="true" focusable="false"><use href="#face-${value}" /></svg>`;
}
