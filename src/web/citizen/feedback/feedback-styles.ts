import { SURVEY_CSS } from '../citizen-styles.ts';

// The survey pages' form styles plus the few the feedback pages add; inlined like the base stylesheet.
export const FEEDBACK_CSS =
  SURVEY_CSS +
  `
.unit-box{border:1px solid #c5cbd3;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1.25rem}
.unit-box h2{margin-top:0}
.search{display:flex;flex-wrap:wrap;gap:.5rem}.search input{flex:1 1 14rem;width:auto;margin:0}
.unit-results{padding-left:1.25rem}.unit-results li{margin:.25rem 0}
.context{color:#4a5563}
.chosen a{margin-left:.5rem}
.hint-inline{display:block;font-weight:400;color:#4a5563;font-size:.95rem}
.check{display:flex;gap:.5rem;align-items:center;margin-top:.5rem;min-height:44px}
.counter{margin:.25rem 0 0;color:#4a5563}
.track dt{font-weight:600}.track dd{margin:0 0 .75rem}
.reply{white-space:pre-wrap;border-left:4px solid #0b4f9c;padding-left:.75rem}
.token{word-break:break-all;font-weight:600}
`.replace(/\n/g, '');
