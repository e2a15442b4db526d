// Synthetic labelled comments for bench/analysis.ts (see there).
import { SEED_PHRASES, type SeedLanguage } from '../src/server/modules/analysis/data/seed.ts';
import { seededRandom } from '../src/server/modules/analysis/classifier/sparse.ts';
import type { TrainingExample } from '../src/server/modules/analysis/classifier/model.ts';

/** Hard synthetic data: theme × polarity labels with a Zipf-like frequency, noise and fillers. */
export function hardExamples(count: number, seed: number): TrainingExample[] {
  const random = seededRandom(seed);
  const themes = Object.keys(SEED_PHRASES).filter((t) => t !== 'other');
  const weights = themes.map((_, i) => 1 / (i + 1));
  const pickTheme = () => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) <= 0) return themes[i] as string;
    return themes[0] as string;
  };
  const out: TrainingExample[] = [];
  while (out.length < count) {
    const language = (['en', 'fi', 'sv'] as SeedLanguage[])[Math.floor(random() * 3)] as SeedLanguage;
    const chosen = [...new Set([pickTheme(), ...(random() < 0.4 ? [pickTheme()] : [])])];
    const parts: string[] = [];
    const labels: string[] = [];
    const polarities = new Set<string>();
    for (const theme of chosen) {
      const bank = SEED_PHRASES[theme]?.[language];
      if (!bank) continue;
      const polarity = bank.neg.length && (random() < 0.6 || !bank.pos.length) ? 'neg' : 'pos';
      const phrases = bank[polarity];
      parts.push(phrases[Math.floor(random() * phrases.length)] ?? '');
      labels.push(`${theme}-${polarity}`);
      polarities.add(polarity);
    }
    const filler = SEED_PHRASES[themes[Math.floor(random() * themes.length)] as string]?.[language];
    if (filler && random() < 0.3) parts.push([...filler.pos, ...filler.neg][0] ?? '');
    const words = parts
      .join('. ')
      .split(' ')
      .filter(() => random() > 0.25);
    const tone = polarities.size === 2 ? 'mixed' : polarities.has('pos') ? 'positive' : 'negative';
    out.push({ text: words.join(' '), language, labels: labels.filter(() => random() > 0.1), tone });
  }
  return out;
}
