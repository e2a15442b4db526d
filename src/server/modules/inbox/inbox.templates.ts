// Reply templates: plain text with {{placeholder}}s filled in for one item. Unknown placeholders are refused when a
// template is saved, so a typo never reaches a resident as "{{refernce}}".
import { ValidationError } from '../../errors.ts';
import type { Language } from '../../../shared/languages.ts';

export const PLACEHOLDERS = ['reference', 'date', 'unit', 'handler', 'tracking_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

export function renderTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(PATTERN, (match, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : match,
  );
}

export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PATTERN)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
}

export function checkTemplateText(subject: string, body: string): void {
  const unknown = [...unknownPlaceholders(subject), ...unknownPlaceholders(body)];
  if (unknown.length > 0) {
    throw new ValidationError('unknown_placeholder', 'inbox.error_unknown_placeholder', {
      names: unknown.join(', '),
    });
  }
}

const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  fi: new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'long' }),
  sv: new Intl.DateTimeFormat('sv-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', dateStyle: 'long' }),
};

/** A date as a resident reads it in their language, Helsinki time. */
export function formatLetterDate(instant: Date, language: Language): string {
  return DATE_FORMATS[language].format(instant);
}
