// GeoReport v2 XML: the JSON structure with a root element per document kind, one element per field, and list
// fields as a wrapper holding one element per item (media_urls/media_url, log/entry). No attributes, no
// namespaces, fields without a value left out – the form Open311 clients parse.

/** The element name of one item in each list field. */
const ITEM_NAMES: Record<string, string> = {
  media_urls: 'media_url',
  log: 'entry',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  keywords: 'keyword',
};

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage return).
function allowedInXml(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function escapeXml(text: string): string {
  return [...text]
    .filter(allowedInXml)
    .join('')
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => element(key, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A list document: <root><item>…</item>…</root>. */
export function xmlList(root: string, item: string, items: readonly unknown[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((v) => element(item, v)).join('')}</${root}>\n`;
}

/** A single-object document: <root>fields…</root>. */
export function xmlObject(root: string, value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
