import { eld } from 'eld';
import { REDACTION_MARKERS } from '../../../shared/redaction.ts';

// Language identification of short feedback with eld, limited to Finnish, Swedish and English (FACTS.md: 30/30
// right; its 'small' n-gram set was 45/45 on our own short texts, 'extrasmall' missed three). The data (~1.6 MB)
// is loaded on first use, so processes that never run jobs never pay for it.

export const DETECTABLE_LANGUAGES = ['fi', 'sv', 'en'] as const;

type Detector = { detect(text: string): { language: string } };

let loading: Promise<Detector> | undefined;

async function load(): Promise<Detector> {
  if (!('load' in eld)) throw new Error('eld: the dynamic entry point is expected');
  const detector = eld.newInstance();
  if ('load' in detector) await detector.load('small');
  detector.setLanguageSubset([...DETECTABLE_LANGUAGES]);
  return detector;
}

const MARKERS = new RegExp(
  Object.values(REDACTION_MARKERS)
    .map((m) => m.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** fi, sv or en; null when the text holds no language to speak of ("ok", "10/10", only markers). */
export async function detectLanguage(text: string): Promise<string | null> {
  loading ??= load();
  const detector = await loading;
  const language = detector.detect(text.replace(MARKERS, ' ')).language;
  return (DETECTABLE_LANGUAGES as readonly string[]).includes(language) ? language : null;
}
