import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { formatNumber } from './format.ts';

/** How every chart and table says that a figure is hidden: words, never a blank cell or a colour alone. */
export function suppressedText(lang: Language, minGroupSize: number): string {
  return t(lang)('reports.suppressed', { min: minGroupSize });
}

export function nText(lang: Language, n: number): string {
  return t(lang)('reports.n_value', { n: formatNumber(lang, n) });
}
