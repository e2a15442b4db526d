// Styles for the charts, added to a page's CSS. Colours meet WCAG 2.1 AA: lines and bars ≥ 3:1 on white, text
// ≥ 4.5:1; the focus ring is the same as on every other control.
export const CHART_CSS = [
  '.chart{margin:1rem 0 1.5rem}.chart figcaption{font-weight:600;margin:0 0 .5rem}',
  '.chart svg{max-width:100%;height:auto;overflow:visible}.chart .defs{position:absolute;width:0;height:0}',
  '.trend .grid{stroke:#c5cbd3;stroke-width:1}.trend .grid.zero{stroke:#6b7585}',
  '.trend .tick{font-size:12px;fill:#4a5563}.trend .band{fill:#0b4f9c;fill-opacity:.14;stroke:none}',
  '.trend .band-edge{fill:none;stroke:#0b4f9c;stroke-width:1;stroke-dasharray:4 3}',
  '.trend .line{fill:none;stroke:#0b4f9c;stroke-width:2.5}.trend circle{fill:#0b4f9c;stroke:#fff;stroke-width:1.5}',
  '.trend .gap{stroke:#4a5563;stroke-width:2}.trend .pt .tip{display:none;font-size:12px;fill:#1a1a1a;paint-order:stroke;stroke:#fff;stroke-width:4px}',
  '.trend .pt:focus{outline:none}.trend .pt:focus .tip,.trend .pt:hover .tip{display:block}',
  '.trend .pt:focus circle,.trend .pt:focus .gap{stroke:#f5a300;stroke-width:4}',
  '.legend{font-size:.9rem;color:#4a5563;margin:.25rem 0}.key-line{display:inline-block;width:1.5rem;border-top:3px solid #0b4f9c;vertical-align:middle}',
  '.key-band{display:inline-block;width:1.5rem;height:.8rem;background:rgba(11,79,156,.14);border:1px dashed #0b4f9c;vertical-align:middle;margin-left:.75rem}',
  '.bar-list{list-style:none;margin:0;padding:0}.bar-list li{display:grid;grid-template-columns:minmax(8rem,2fr) minmax(6rem,3fr) minmax(6rem,1.4fr);gap:.25rem .75rem;align-items:center;padding:.3rem 0;border-bottom:1px solid #eceff3}',
  '.hbar,.mix{width:100%;height:1rem}.hbar .track{fill:#f2f4f7;stroke:#6b7585;stroke-width:.4}.hbar .hatched{fill:#fff;stroke-dasharray:2 1}.hbar .fill{fill:#0b4f9c}',
  '.mix-hidden{grid-column:2/4;font-size:.9rem;color:#4a5563}',
  '.mix-legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}.mix-legend li{display:flex;align-items:center;gap:.35rem}',
  '.spark{vertical-align:middle}.spark polyline{fill:none;stroke:#0b4f9c;stroke-width:1.6}.spark circle{fill:#0b4f9c}.spark .zero{stroke:#8a94a3;stroke-width:.6}',
  'details summary{cursor:pointer;color:#0b4f9c;margin:.25rem 0}table.data{font-size:.95rem;margin:.5rem 0}table.data td{font-variant-numeric:tabular-nums}',
  '@media (max-width:40rem){.bar-list li{grid-template-columns:1fr}}',
].join('');
