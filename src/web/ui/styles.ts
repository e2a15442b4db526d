// One small stylesheet, inlined so a public page is a single request (budget: docs/performance.md).
// Colours meet WCAG 2.1 AA contrast on white (text #1a1a1a, links/buttons #0b4f9c, errors #a4000f).
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.top,footer.bottom{padding:.75rem 1rem;background:#f2f4f7;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
footer.bottom{margin-top:2rem;font-size:.9rem}
main{max-width:42rem;margin:0 auto;padding:1rem}
main.wide{max-width:72rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f5a300;outline-offset:2px}
.lang-switch{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.lang-switch a[aria-current]{font-weight:700;text-decoration:none;color:#1a1a1a}
fieldset{border:1px solid #c5cbd3;border-radius:.5rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block}
.hint{color:#4a5563;font-size:.95rem;margin:.25rem 0 .5rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 0;padding:0;list-style:none}
.choices label{display:flex;align-items:center;gap:.4rem;border:1px solid #8a94a3;border-radius:.4rem;padding:.45rem .65rem;min-height:44px;cursor:pointer}
.scale label{min-width:44px;justify-content:center;flex-direction:column;gap:.1rem}
.scale-ends{display:flex;justify-content:space-between;font-size:.9rem;color:#4a5563}
input[type=radio],input[type=checkbox]{width:1.2rem;height:1.2rem;margin:0;accent-color:#0b4f9c}
input[type=text],input[type=email],input[type=tel],input[type=password],input[type=search],input[type=number],input[type=date],select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #6b7585;border-radius:.4rem;background:#fff;color:#1a1a1a}
textarea{min-height:7rem}
button,.button{display:inline-block;font:inherit;font-weight:600;background:#0b4f9c;color:#fff;border:0;border-radius:.4rem;padding:.7rem 1.4rem;min-height:44px;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
.notice{border-left:4px solid #0b4f9c;background:#eef4fb;padding:.75rem 1rem;margin:1rem 0}
.error-summary,.field-error{color:#a4000f}
.error-summary{border:2px solid #a4000f;border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d8dde4;vertical-align:top}
@media (min-width:40rem){h1{font-size:2rem}main{padding:1.5rem}}
`.replace(/\n/g, '');
