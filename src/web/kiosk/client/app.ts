// The kiosk page: enrolment, the smiley question with its optional follow-up and free text, thank-you and reset.
// Offline first: every answer goes to IndexedDB before the thank-you, and a sync loop sends the queue in batches
// whenever the server can be reached. Presses within the repeat interval after a completed answer are stored as
// repeats (kept, excluded from results). docs/kiosk.md.
import type { DeviceAnswer, DeviceConfig, DeviceTexts } from '../../../server/modules/kiosk/index.ts';
import { openStore, type KioskStore } from './store.ts';

declare const KIOSK_VERSION: string;

type Lang = 'fi' | 'sv' | 'en';
type UiText = Record<string, string>;

const UI = JSON.parse(document.getElementById('kiosk-text')?.textContent ?? '{}') as Record<Lang, UiText>;
const LANG_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
const FACE_FILLS = ['#f4b4a8', '#f9d3a5', '#d9ecb0', '#b5e2b6'];
const MOUTHS = ['M12 30Q20 20 28 30', 'M13 29Q20 25 27 29', 'M13 26Q20 30 27 26', 'M11 24Q20 35 29 24'];
const BATCH = 100;
const SYNC_MS = 15_000;

let store: KioskStore;
let token: string | undefined;
let config: DeviceConfig | undefined;
let etag: string | undefined;
let revoked = false;
let lang: Lang = 'fi';
let lastCompletedAt: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let syncTimer: ReturnType<typeof setTimeout> | undefined;
let syncing: Promise<void> | undefined;
let backoff = SYNC_MS;
let reloadWhenIdle = false;

const app = document.getElementById('app') as HTMLElement;

type Child = Node | string | null | undefined | false;
function h(
  tag: string,
  props: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]
) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false) el.setAttribute(key, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

function face(value: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 40 40');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.innerHTML = `<circle cx="20" cy="20" r="18" fill="${FACE_FILLS[value - 1]}" stroke="#1a1a1a" stroke-width="2"/><circle cx="14" cy="16" r="2.2" fill="#1a1a1a"/><circle cx="26" cy="16" r="2.2" fill="#1a1a1a"/><path d="${MOUTHS[value - 1]}" fill="none" stroke="#1a1a1a" stroke-width="2.4" stroke-linecap="round"/>`;
  return svg;
}

const ui = (key: string): string => UI[lang]?.[key] ?? UI.fi?.[key] ?? key;
const texts = (): DeviceTexts | undefined => config?.texts[lang] ?? Object.values(config?.texts ?? {})[0];

/** Replaces the screen and moves focus to its heading, so a screen reader announces the new step. */
function show(screen: string, ...content: Child[]): void {
  document.documentElement.lang = lang;
  document.title = `${ui('app_title')} – ${screen}`;
  app.replaceChildren(...content.filter((c): c is Node | string => Boolean(c)));
  app.dataset.screen = screen;
  (app.querySelector('h1') as HTMLElement | null)?.focus();
}

function languageBar(onChange: () => void): HTMLElement | null {
  const langs = (config?.languages ?? ['fi', 'sv', 'en']) as Lang[];
  if (langs.length < 2) return null;
  return h(
    'nav',
    { class: 'langs', 'aria-label': ui('language') },
    ...langs.map((l) =>
      h(
        'button',
        {
          type: 'button',
          lang: l,
          'aria-pressed': String(l === lang),
          onclick: () => {
            lang = l;
            onChange();
          },
        },
        LANG_NAMES[l],
      ),
    ),
  );
}

function setIdle(ms: number, action: () => void): void {
  clearTimeout(timer);
  timer = setTimeout(action, ms);
}

// ---- Enrolment ------------------------------------------------------------------------------------------------

function showEnrol(message?: string): void {
  clearTimeout(timer);
  const input = h('input', {
    id: 'code',
    name: 'code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    required: true,
    'aria-describedby': message ? 'code-hint code-error' : 'code-hint',
    'aria-invalid': message ? 'true' : 'false',
  }) as HTMLInputElement;
  const form = h(
    'form',
    {
      class: 'enrol',
      onsubmit: (e) => {
        e.preventDefault();
        void enrol(input.value);
      },
    },
    h('label', { for: 'code' }, ui('enrol_label')),
    h('p', { id: 'code-hint', class: 'hint' }, ui('enrol_hint')),
    message ? h('p', { id: 'code-error', class: 'error', role: 'alert' }, message) : null,
    input,
    h('button', { type: 'submit', class: 'primary' }, ui('enrol_button')),
  );
  show(
    ui('enrol_title'),
    h(
      'header',
      {},
      languageBar(() => showEnrol(message)),
    ),
    h(
      'main',
      { id: 'main' },
      h('h1', { tabindex: '-1' }, revoked ? ui('revoked_title') : ui('enrol_title')),
      revoked ? h('p', { class: 'notice' }, ui('revoked_text')) : null,
      form,
    ),
    statusBar(),
  );
}

async function enrol(code: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/api/kiosk/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      body: JSON.stringify({ code, appVersion: KIOSK_VERSION, queueLength: await store.count() }),
    });
  } catch {
    return showEnrol(ui('enrol_offline'));
  }
  const body = (await response.json().catch(() => ({}))) as {
    token?: string;
    config?: DeviceConfig;
    error?: { message?: string };
  };
  if (!response.ok || !body.token || !body.config)
    return showEnrol(body.error?.message ?? ui('enrol_failed'));
  token = body.token;
  config = body.config;
  etag = undefined;
  revoked = false;
  await store.setMeta('token', token);
  await store.setMeta('config', config);
  await store.setMeta('revoked', false);
  lang = (config.languages[0] as Lang | undefined) ?? 'fi';
  showQuestion();
  void sync();
}

// ---- Answering ------------------------------------------------------------------------------------------------

interface Draft {
  submissionId: string;
  answeredAt: number;
  answers: Record<string, unknown>;
  repeat: boolean;
  done?: boolean;
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function showQuestion(): void {
  clearTimeout(timer);
  if (reloadWhenIdle) return location.reload();
  const t = texts();
  if (!config || !t) return showEnrol();
  const qr = config.qr;
  show(
    t.question,
    h('header', {}, h('p', { class: 'unit' }, t.unitName), languageBar(showQuestion)),
    h(
      'main',
      { id: 'main' },
      h('h1', { id: 'question', tabindex: '-1' }, t.question),
      h(
        'div',
        { class: 'faces', role: 'group', 'aria-labelledby': 'question' },
        ...t.faces.map((label, i) =>
          h(
            'button',
            { type: 'button', class: 'face', 'data-value': String(i + 1), onclick: () => press(i + 1) },
            face(i + 1),
            h('span', {}, label),
          ),
        ),
      ),
    ),
    qr
      ? h(
          'aside',
          { class: 'qr', 'aria-label': ui('qr_label') },
          h('img', { src: qr.image, alt: ui('qr_alt'), width: '120', height: '120' }),
          h('p', {}, ui('qr_text')),
        )
      : null,
    statusBar(),
  );
}

function press(value: number): void {
  if (!config) return;
  const at = Date.now();
  const repeat = lastCompletedAt !== undefined && at - lastCompletedAt < config.repeatIntervalMs;
  const draft: Draft = {
    submissionId: uuid(),
    answeredAt: at,
    answers: { [config.mainQuestion]: value },
    repeat,
  };
  const t = texts();
  // A repeat is stored at once, without the follow-up: it is kept only to be counted.
  if (repeat || !t) return void complete(draft);
  if (t.followUp) return showFollowUp(draft);
  if (t.freeText) return showFreeText(draft);
  void complete(draft);
}

function showFollowUp(draft: Draft): void {
  const t = texts();
  if (!config || !t?.followUp) return void complete(draft);
  const followUp = t.followUp;
  setIdle(config.resetSeconds * 1000, () => void complete(draft));
  const next = (option?: string) => {
    if (option) draft.answers[followUp.id] = option;
    if (t.freeText) showFreeText(draft);
    else void complete(draft);
  };
  show(
    followUp.question,
    h('header', {}, h('p', { class: 'unit' }, t.unitName)),
    h(
      'main',
      { id: 'main' },
      h('h1', { id: 'follow-up', tabindex: '-1' }, followUp.question),
      h(
        'div',
        { class: 'choices', role: 'group', 'aria-labelledby': 'follow-up' },
        ...followUp.options.map((o) =>
          h(
            'button',
            { type: 'button', class: 'choice', 'data-option': o.id, onclick: () => next(o.id) },
            o.label,
          ),
        ),
      ),
      h('button', { type: 'button', class: 'skip', onclick: () => next() }, ui('skip')),
    ),
    statusBar(),
  );
}

function showFreeText(draft: Draft): void {
  const t = texts();
  if (!config || !t?.freeText) return void complete(draft);
  const freeText = t.freeText;
  const idle = () => setIdle((config?.resetSeconds ?? 20) * 1000, () => void complete(draft));
  idle();
  const area = h('textarea', {
    id: 'free-text',
    maxlength: String(freeText.maxLength),
    rows: '4',
    'aria-describedby': freeText.help ? 'free-text-help' : false,
    oninput: idle,
  }) as HTMLTextAreaElement;
  show(
    freeText.question,
    h('header', {}, h('p', { class: 'unit' }, t.unitName)),
    h(
      'main',
      { id: 'main' },
      h(
        'form',
        {
          onsubmit: (e) => {
            e.preventDefault();
            if (area.value.trim()) draft.answers[freeText.id] = area.value.trim();
            void complete(draft);
          },
        },
        h('h1', { tabindex: '-1' }, h('label', { for: 'free-text' }, freeText.question)),
        freeText.help ? h('p', { id: 'free-text-help', class: 'hint' }, freeText.help) : null,
        area,
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: 'primary' }, ui('send')),
          h('button', { type: 'button', class: 'skip', onclick: () => void complete(draft) }, ui('skip')),
        ),
      ),
    ),
    statusBar(),
  );
}

async function complete(draft: Draft): Promise<void> {
  clearTimeout(timer);
  // The idle timer and a late tap can both finish the same answer: store it once.
  if (draft.done) return;
  draft.done = true;
  const answer: DeviceAnswer = {
    submissionId: draft.submissionId,
    answeredAt: new Date(draft.answeredAt).toISOString(),
    language: lang,
    answers: draft.answers,
    ...(draft.repeat ? { repeat: true } : {}),
  };
  await store.enqueue(answer);
  lastCompletedAt = Date.now();
  const t = texts();
  show(
    ui('thanks'),
    h('header', {}, h('p', { class: 'unit' }, t?.unitName ?? '')),
    h('main', { id: 'main' }, h('h1', { tabindex: '-1', role: 'status' }, t?.thankYou ?? ui('thanks'))),
    statusBar(),
  );
  await updateStatus();
  setIdle((config?.thanksSeconds ?? 3) * 1000, showQuestion);
  void sync();
}

// ---- Sync -----------------------------------------------------------------------------------------------------

function statusBar(): HTMLElement {
  return h('footer', { class: 'status' }, h('p', { id: 'status', 'aria-live': 'polite' }));
}

async function updateStatus(): Promise<void> {
  const queued = await store.count();
  document.body.dataset.queue = String(queued);
  document.body.dataset.revoked = String(revoked);
  const status = document.getElementById('status');
  if (status) status.textContent = queued > 0 ? ui('queued').replace('{count}', String(queued)) : '';
}

function authHeaders(queued: number): Record<string, string> {
  return {
    authorization: `Bearer ${token ?? ''}`,
    'kuulo-kiosk-version': KIOSK_VERSION,
    'kuulo-kiosk-queue': String(queued),
    'accept-language': lang,
  };
}

async function markRevoked(): Promise<void> {
  revoked = true;
  token = undefined;
  await store.setMeta('revoked', true);
  await store.setMeta('token', null);
  // The queue stays: after a new enrolment of this device the answers are sent.
  showEnrol();
}

async function pollConfig(): Promise<void> {
  const response = await fetch('/api/kiosk/config', {
    headers: { ...authHeaders(await store.count()), ...(etag ? { 'if-none-match': etag } : {}) },
    cache: 'no-store',
  });
  if (response.status === 401) return markRevoked();
  if (response.status === 304 || !response.ok) return;
  config = (await response.json()) as DeviceConfig;
  etag = response.headers.get('etag') ?? undefined;
  await store.setMeta('config', config);
  if (!config.languages.includes(lang)) lang = (config.languages[0] as Lang | undefined) ?? 'fi';
  // Shown at once on the question screen; in the middle of an answer it applies at the next reset.
  if (app.querySelector('.faces')) showQuestion();
}

async function sendQueue(): Promise<void> {
  for (;;) {
    const batch = await store.peek(BATCH);
    if (batch.length === 0 || !token) return;
    const queued = await store.count();
    const response = await fetch('/api/kiosk/answers', {
      method: 'POST',
      headers: { ...authHeaders(queued), 'content-type': 'application/json' },
      body: JSON.stringify({ queueLength: queued, appVersion: KIOSK_VERSION, answers: batch }),
    });
    if (response.status === 401) return markRevoked();
    if (!response.ok) throw new Error(`sync ${response.status}`);
    const body = (await response.json()) as { results: { submissionId: string; status: string }[] };
    const settled = body.results.filter((r) => r.status !== 'retry').map((r) => r.submissionId);
    await store.remove(settled);
    await updateStatus();
    if (settled.length < batch.length) throw new Error('some answers must wait');
  }
}

function sync(): Promise<void> {
  if (syncing) return syncing;
  clearTimeout(syncTimer);
  syncing = (async () => {
    try {
      if (!token || revoked) return;
      await sendQueue();
      if (token) await pollConfig();
      backoff = SYNC_MS;
    } catch {
      backoff = Math.min(backoff * 2, 5 * 60_000);
    } finally {
      syncing = undefined;
      await updateStatus().catch(() => undefined);
      syncTimer = setTimeout(() => void sync(), backoff);
    }
  })();
  return syncing;
}

// ---- Start ----------------------------------------------------------------------------------------------------

async function start(): Promise<void> {
  if ('serviceWorker' in navigator) {
    const hadController = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk' }).catch(() => undefined);
    // A new version installed itself: load it at the next reset, never in the middle of an answer.
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (hadController) reloadWhenIdle = true;
    });
  }
  store = await openStore();
  token = (await store.getMeta<string | null>('token')) ?? undefined;
  config = await store.getMeta<DeviceConfig>('config');
  revoked = (await store.getMeta<boolean>('revoked')) ?? false;
  lang = (config?.languages[0] as Lang | undefined) ?? 'fi';
  await updateStatus();
  window.addEventListener('online', () => void sync());
  const code = new URLSearchParams(location.search).get('code');
  if (code) {
    history.replaceState(null, '', '/kiosk');
    return enrol(code);
  }
  if (!token || !config) return showEnrol();
  showQuestion();
  void sync();
}

void start();
