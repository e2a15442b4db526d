import { LANGUAGES, type Language } from './languages.ts';

export type Messages = Record<string, string>;
export type Catalogue = Record<Language, Messages>;
export type TranslateParams = Record<string, string | number>;

/** Replaces {name} placeholders; a missing parameter stays visible rather than silently vanishing. */
export function interpolate(template: string, params: TranslateParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export type Translate = (key: string, params?: TranslateParams) => string;

export function translator(catalogue: Catalogue, language: Language): Translate {
  const messages = catalogue[language];
  return (key, params) => {
    const template = messages[key] ?? catalogue.fi[key];
    if (template === undefined) throw new Error(`missing translation key: ${key}`);
    return interpolate(template, params);
  };
}

/** Keys present in one language but not in another: must be empty (checked by a test). */
export function missingKeys(catalogue: Catalogue): { language: Language; key: string }[] {
  const all = new Set(LANGUAGES.flatMap((lang) => Object.keys(catalogue[lang])));
  return LANGUAGES.flatMap((language) =>
    [...all].filter((key) => !(key in catalogue[language])).map((key) => ({ language, key })),
  );
}
