import type { LocalizedText } from '../../../../shared/survey-definition.ts';

/** A text in Finnish, Swedish and English, optionally with plain-language (selkokieli) variants. */
export function text(
  fi: string,
  sv: string,
  en: string,
  plain?: { fi?: string; sv?: string },
): LocalizedText {
  const value: LocalizedText = { fi, sv, en };
  if (plain?.fi) value['fi-plain'] = plain.fi;
  if (plain?.sv) value['sv-plain'] = plain.sv;
  return value;
}
