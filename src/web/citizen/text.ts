import type { Language } from '../../shared/languages.ts';
import type { LocalizedText, SurveyDefinition } from '../../shared/survey-definition.ts';

/** The text in the page's language; the plain-language variant ('fi-plain') when asked for and present. */
export function localized(text: LocalizedText, lang: Language, plain = false): string {
  const variants = text as Record<string, string | undefined>;
  return (plain ? variants[`${lang}-plain`] : undefined) ?? variants[lang] ?? text.fi;
}

/** Whether any text of the survey has a plain-language variant in this language. */
export function hasPlainVariant(definition: SurveyDefinition, lang: Language): boolean {
  const key = `${lang}-plain`;
  const texts: LocalizedText[] = [definition.title, definition.thankYou];
  if (definition.intro) texts.push(definition.intro);
  for (const q of definition.questions) {
    texts.push(q.text);
    if (q.help) texts.push(q.help);
  }
  return texts.some((text) => key in text);
}

/** Unit names exist in Finnish always, in Swedish and English where the register has them. */
export function unitName(
  names: { fi: string; sv: string | null; en: string | null },
  lang: Language,
): string {
  return (lang === 'fi' ? names.fi : names[lang]) ?? names.fi;
}

/** Builds a query string from defined parameters only, e.g. query({ lang: 'fi', plain: undefined }) → ?lang=fi */
export function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params).filter(
    (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
  );
  if (parts.length === 0) return '';
  return `?${parts.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}
