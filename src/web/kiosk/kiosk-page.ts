import { LANGUAGES } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../ui/html.ts';

// The kiosk page is one static shell for every device (so the service worker can keep it): what a device shows
// comes from its configuration, kept in IndexedDB. The interface texts of all three languages travel inside it.
// Colours meet WCAG 2.1 AA on white; every target is at least 64 px; focus is always visible.
export const KIOSK_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4;color:#1a1a1a;background:#fff}
body{margin:0;min-height:100vh}
#app{display:flex;flex-direction:column;min-height:100vh;padding:1rem 1.5rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.unit{margin:0;font-size:1.25rem;font-weight:600}
.langs{display:flex;gap:.75rem}
main{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;gap:1.5rem}
h1{font-size:clamp(1.8rem,4vw,3rem);line-height:1.2;margin:1rem 0;max-width:40ch}
h1:focus{outline:none}
button{font:inherit;font-weight:600;color:#1a1a1a;background:#fff;border:3px solid #0b4f9c;border-radius:1rem;min-height:64px;min-width:64px;padding:.75rem 1.5rem;cursor:pointer;touch-action:manipulation}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:4px solid #f5a300;outline-offset:3px}
button[aria-pressed=true]{background:#0b4f9c;color:#fff}
button.primary{background:#0b4f9c;color:#fff}
.faces{display:flex;flex-wrap:wrap;gap:1.5rem;justify-content:center}
button.face{display:flex;flex-direction:column;align-items:center;gap:.5rem;width:11rem;padding:1rem;border-width:3px}
button.face svg{width:8rem;height:8rem}
.choices{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;width:100%;max-width:60rem}
button.choice{font-size:1.4rem;min-height:96px}
button.skip{border-color:#4a5563}
textarea,input{font:inherit;font-size:1.4rem;width:min(40rem,100%);padding:.75rem;border:2px solid #4a5563;border-radius:.5rem;color:#1a1a1a;background:#fff}
input{text-transform:uppercase;letter-spacing:.2em;text-align:center}
form{display:flex;flex-direction:column;align-items:center;gap:1rem;width:100%}
.actions{display:flex;gap:1rem}
.hint{margin:0;color:#4a5563}
.error{margin:0;color:#a4000f;font-weight:600}
.notice{border-left:6px solid #0b4f9c;background:#eef4fb;padding:1rem;max-width:40rem;text-align:left}
aside.qr{display:flex;align-items:center;gap:1rem;justify-content:flex-end}
aside.qr p{margin:0;max-width:18rem}
footer{min-height:1.5rem}
footer p{margin:0;color:#4a5563}
@media (max-width:40rem){button.face{width:8rem}button.face svg{width:5rem;height:5rem}}
`;

const UI_KEYS = [
  'app_title',
  'language',
  'enrol_title',
  'enrol_label',
  'enrol_hint',
  'enrol_button',
  'enrol_offline',
  'enrol_failed',
  'revoked_title',
  'revoked_text',
  'skip',
  'send',
  'thanks',
  'qr_label',
  'qr_alt',
  'qr_text',
  'queued',
] as const;

/** The interface texts the page script needs, in every language (JSON inside a script element). */
export function kioskUiText(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      Object.fromEntries(UI_KEYS.map((key) => [key, t(lang)(`kiosk.ui_${key}`)])),
    ]),
  );
}

export function renderKioskShell(): SafeHtml {
  const fi = t('fi');
  // '<' cannot end the script element early when escaped; the texts are ours, but stay safe anyway.
  const json = JSON.stringify(kioskUiText()).replace(/</g, '\\u003c');
  return html`<!doctype html>
    <html lang="fi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${fi('kiosk.ui_app_title')}</title>
        <style>
          ${raw(KIOSK_CSS)}
        </style>
      </head>
      <body>
        <div id="app">
          <main id="main">
            <h1>${fi('kiosk.ui_app_title')}</h1>
            <noscript><p>${fi('kiosk.noscript')}</p></noscript>
          </main>
        </div>
        <script type="application/json" id="kiosk-text">
          ${raw(json)}
        </script>
        <script src="/kiosk/app.js" defer></script>
      </body>
    </html>`;
}
