// A tiny, escaping HTML template: every interpolated value is escaped unless it is already SafeHtml.
// Server-rendered pages need no framework (docs/adr/0005-front-end.md).
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (e.g. an SVG produced by our own QR generator) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Renders an attribute only when the condition holds: html`<input ${attr('checked', x)}>`. */
export function attr(name: string, condition: boolean, value?: string): SafeHtml {
  if (!condition) return new SafeHtml('');
  return new SafeHtml(value === undefined ? name : `${name}="${escapeHtml(value)}"`);
}
