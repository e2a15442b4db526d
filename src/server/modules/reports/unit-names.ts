import type { Language } from '../../../shared/languages.ts';
import type { UnitNames } from '../organisation/index.ts';

/** A unit's name in the language asked for, Finnish when it has none. */
export function unitName(names: UnitNames, lang: Language): string {
  return (lang === 'sv' ? names.sv : lang === 'en' ? names.en : null) ?? names.fi;
}
