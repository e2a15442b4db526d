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

/** The five points of the national agreement scale, from "fully disagree" (1) to "fully agree" (5). */
export const AGREEMENT_LABELS: LocalizedText[] = [
  text('Täysin eri mieltä', 'Helt av annan åsikt', 'Strongly disagree'),
  text('Jokseenkin eri mieltä', 'Delvis av annan åsikt', 'Somewhat disagree'),
  text('Ei samaa eikä eri mieltä', 'Varken av samma eller annan åsikt', 'Neither agree nor disagree'),
  text('Jokseenkin samaa mieltä', 'Delvis av samma åsikt', 'Somewhat agree'),
  text('Täysin samaa mieltä', 'Helt av samma åsikt', 'Strongly agree'),
];
