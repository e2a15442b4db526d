import type { Language } from '../../../shared/languages.ts';
import type { LocalizedText } from '../../../shared/survey-definition.ts';

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** The text in the reader's language; Finnish when a language is missing. */
export function localized(text: LocalizedText | null | undefined, lang: Language): string {
  if (!text) return '';
  return text[lang] ?? text.fi;
}

export function formatDateTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  }).format(date);
}

/** A field name as an element id: ids may not be ambiguous in fragment links, so keep them plain. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
