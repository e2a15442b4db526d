export const RESULTS_CSS = [
  '.crumbs ol{display:flex;flex-wrap:wrap;list-style:none;padding:0;margin:0 0 .5rem;gap:.25rem}.crumbs li+li::before{content:"›";margin-right:.25rem;color:#4a5563}',
  '.headline{display:flex;flex-wrap:wrap;gap:1rem;align-items:baseline;border:1px solid #c5cbd3;border-radius:.5rem;padding:.75rem 1rem}',
  '.headline .big{font-size:2.2rem;font-weight:700}.search{display:flex;flex-wrap:wrap;gap:.5rem}.search input{flex:1 1 14rem;width:auto}',
  '.units{list-style:none;padding:0}.units li{margin:.3rem 0}.units .d1{padding-left:1.25rem}.units .d2{padding-left:2.5rem}.context{color:#4a5563}',
  '.changes li{margin:.4rem 0}.num{text-align:right;font-variant-numeric:tabular-nums}',
].join('');
