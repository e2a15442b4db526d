import type { Language } from '../../shared/languages.ts';

// Numbers as each language writes them: Finnish and Swedish use a decimal comma and a narrow space before %.
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatNumber(lang: Language, value: number, digits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A share 0…1 as a whole percentage ("78 %" in Finnish, "78%" in English). */
export function formatPercent(lang: Language, share: number): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** NPS with an explicit sign: +45, −12, 0. */
export function formatNps(lang: Language, value: number): string {
  const rounded = Math.round(value);
  const text = formatNumber(lang, Math.abs(rounded));
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `−${text}`;
  return text;
}
