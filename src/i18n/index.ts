import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from '../shared/languages.ts';
import { translator, type Catalogue, type Messages, type Translate } from '../shared/i18n.ts';

// Messages live in src/i18n/<lang>/<namespace>.json; a key "title" in survey.json is used as "survey.title".
// One file per namespace keeps features from editing the same file.
const ROOT = path.dirname(fileURLToPath(import.meta.url));

function loadLanguage(language: Language): Messages {
  const dir = path.join(ROOT, language);
  const messages: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const namespace = file.slice(0, -'.json'.length);
    const content = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(content)) messages[`${namespace}.${key}`] = value;
  }
  return messages;
}

export const catalogue: Catalogue = Object.fromEntries(
  LANGUAGES.map((language) => [language, loadLanguage(language)]),
) as Catalogue;

const translators = Object.fromEntries(LANGUAGES.map((l) => [l, translator(catalogue, l)])) as Record<
  Language,
  Translate
>;

export function t(language: Language): Translate {
  return translators[language];
}
