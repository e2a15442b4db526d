import { words, isNumber } from './text/tokens.ts';
import type { BaseFormer } from './text/base-forms.ts';

// Key phrases of a comment in base form: content words and pairs of adjacent content words ("odotusaika",
// "takaisin soitto", "parking fee"), so that counts over many comments group every inflection together.

const STOPWORDS = new Set(
  // Finnish (base forms as Voikko gives them)
  (
    'olla ei se ja tai mutta kun jos että joka mikä kuin niin myös vain jo vielä sitten nyt siellä täällä tämä ' +
    'tuo minä sinä hän me te he mä sä oma itse kaikki aina koko hyvin erittäin todella tosi aika vähän paljon ' +
    'voida saada tulla mennä pitää tehdä kertoa sanoa käydä ne niin eli vaan enää siis mitään jotain kanssa ' +
    'mukaan ennen jälkeen vaikka koska kuitenkin sekä joten asti ' +
    // Swedish stems
    'och att det som en ett jag du han hon vi ni de är var har hade inte men för på med till av om så kan ' +
    'ska skulle det den denna detta mycket bara också när sen där här min mitt mina ' +
    // English stems
    'the a an and or but to of in on at for with is was were are be been have has had it this that i we you ' +
    'they he she my our me us not no so very really just also when then there here from by as do did get got'
  ).split(/\s+/),
);

function isContent(base: string): boolean {
  return base.length >= 3 && !STOPWORDS.has(base);
}

/** Up to `max` key phrases in order of first appearance: pairs first, then single words not in a pair. */
export function keyPhrases(text: string, language: string | null, baseForm: BaseFormer, max = 6): string[] {
  const bases: (string | null)[] = words(text).map((w) => {
    if (isNumber(w)) return null;
    const { base } = baseForm(w, language);
    return isContent(base) && !STOPWORDS.has(w) ? base : null;
  });
  const pairs: string[] = [];
  const inPair = new Set<string>();
  for (let i = 0; i + 1 < bases.length; i++) {
    const a = bases[i];
    const b = bases[i + 1];
    if (a && b && a !== b) {
      pairs.push(`${a} ${b}`);
      inPair.add(a);
      inPair.add(b);
    }
  }
  const singles = bases.filter((b): b is string => b !== null && !inPair.has(b));
  return [...new Set([...pairs, ...singles])].slice(0, max);
}
