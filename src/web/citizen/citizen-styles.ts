// Additions to BASE_CSS for the public survey pages; inlined like the base (no extra request, no external file).
export const SURVEY_CSS = `
.unit{font-weight:600;margin:-.5rem 0 .75rem}
.q{font-weight:600;display:block;margin-bottom:.25rem}
.field{margin:0 0 1.25rem}
.req{font-weight:400}
.choices label:has(input:checked){border:2px solid #0b4f9c;background:#eef4fb}
.stack{flex-direction:column}
.stack label{justify-content:flex-start}
.scale-ends{gap:1rem}
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.4rem,1fr))}
.scale label{min-width:0;padding:.45rem .2rem}
.error-summary:focus{outline:3px solid #f5a300;outline-offset:2px}
.smiley label{flex-direction:column;min-width:5rem;text-align:center}
.face{width:2.75rem;height:2.75rem}
.defs{position:absolute;width:0;height:0}
.warn{border-left:4px solid #8a5a00;padding-left:.5rem;color:#1a1a1a}
.field-error{font-weight:600;margin:.25rem 0 .5rem}
[aria-invalid=true]{border:2px solid #a4000f}
.error-summary ul{margin:.5rem 0 0;padding-left:1.25rem}
.error-summary a{color:#a4000f;font-weight:600}
.error-summary h2{margin-top:0}
input[type=text],input[type=email],input[type=tel]{margin-bottom:.75rem}
`.replace(/\n/g, '');

export const POSTER_CSS = `
@page{size:A4;margin:12mm}
.poster{max-width:52rem;text-align:center}
.poster h1{font-size:2.6rem;margin:.5rem 0}
.poster .survey{font-size:1.5rem;font-weight:600;margin:.25rem 0}
.poster .unit-name{font-size:1.35rem;margin:.25rem 0 1rem}
.qr{width:min(100%,120mm);margin:0 auto}
.qr svg{display:block;width:100%;height:auto}
.poster .scan{font-size:1.35rem;margin:1rem 0 .25rem}
.poster .url{font-size:1.6rem;font-weight:700;word-break:break-all;margin:.25rem 0 1rem}
.poster .time{font-size:1.15rem}
@media print{.skip,header.top,.screen-only{display:none!important}main{padding:0;max-width:none}.poster h1{font-size:34pt}}
`.replace(/\n/g, '');
