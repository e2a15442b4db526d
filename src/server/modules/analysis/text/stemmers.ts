// Light suffix strippers for Swedish and English, and a fallback for Finnish words that Voikko does not know (or
// when libvoikko is missing). They only need to map inflected forms of one word to one key; they are not meant
// to produce dictionary forms. Short words are left alone: stripping "ok" or "tid" helps nothing.

const ENGLISH_SUFFIXES = [
  'ational',
  'fulness',
  'iveness',
  'ization',
  'ations',
  'ingly',
  'ation',
  'ously',
  'ments',
  'ness',
  'ment',
  'ings',
  'edly',
  'ing',
  'ies',
  'ied',
  'ers',
  'ful',
  'ous',
  'ly',
  'ed',
  'er',
  'es',
  's',
];

const SWEDISH_SUFFIXES = [
  'heterna',
  'heten',
  'heter',
  'arnas',
  'ernas',
  'ornas',
  'andes',
  'arna',
  'erna',
  'orna',
  'ande',
  'ende',
  'aste',
  'het',
  'ast',
  'are',
  'ens',
  'ets',
  'lig',
  'ade',
  'at',
  'ad',
  'ar',
  'er',
  'or',
  'en',
  'et',
  'na',
  'a',
  'e',
  's',
];

// Finnish case and possessive endings, longest first; consonant gradation is left to the character n-grams.
const FINNISH_SUFFIXES = [
  'issaan',
  'illaan',
  'iltaan',
  'ineen',
  'issa',
  'issä',
  'illa',
  'illä',
  'ilta',
  'iltä',
  'ille',
  'ista',
  'istä',
  'iden',
  'itten',
  'ssa',
  'ssä',
  'sta',
  'stä',
  'lla',
  'llä',
  'lta',
  'ltä',
  'lle',
  'ksi',
  'tta',
  'ttä',
  'een',
  'hin',
  'iin',
  'ina',
  'inä',
  'ihin',
  'jen',
  'ien',
  'nsa',
  'nsä',
  'mme',
  'nne',
  'ni',
  'si',
  'an',
  'än',
  'en',
  'in',
  'on',
  'un',
  'yn',
  'öön',
  'na',
  'nä',
  'ja',
  'jä',
  'ta',
  'tä',
  'a',
  'ä',
  'n',
  't',
];

function strip(word: string, suffixes: readonly string[], minStem: number): string {
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= minStem && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

export function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  const stem = strip(word.replace(/['’]s$/, ''), ENGLISH_SUFFIXES, 3);
  // "waiting" → "wait", "stopped" → "stop": undouble a final consonant left by -ing/-ed.
  return /([bdgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

export function stemSwedish(word: string): string {
  if (word.length <= 3) return word;
  return strip(word, SWEDISH_SUFFIXES, 3);
}

export function stemFinnish(word: string): string {
  if (word.length <= 4) return word;
  return strip(word, FINNISH_SUFFIXES, 4);
}
