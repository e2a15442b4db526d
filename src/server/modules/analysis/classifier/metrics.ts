// Precision, recall and F1 per label, macro (mean over labels) and micro (pooled counts) F1 for multi-label
// predictions. A label with no true and no predicted item gets F1 = 1 would flatter a model, so such labels are
// left out of the macro mean; labels are those of the reference or of the model, whichever has them.

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  predicted: number;
}

export interface Scores {
  labels: LabelScore[];
  macroF1: number;
  microF1: number;
  microPrecision: number;
  microRecall: number;
}

function f1Of(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function scoreMultiLabel(truth: string[][], predicted: string[][], labelNames?: string[]): Scores {
  const names = labelNames ?? [...new Set([...truth.flat(), ...predicted.flat()])].sort();
  const counts = new Map(names.map((n) => [n, { tp: 0, fp: 0, fn: 0 }]));
  truth.forEach((trueLabels, i) => {
    const t = new Set(trueLabels);
    const p = new Set(predicted[i] ?? []);
    for (const label of p) {
      const c = counts.get(label);
      if (c && t.has(label)) c.tp++;
      else if (c) c.fp++;
    }
    for (const label of t) {
      const c = counts.get(label);
      if (c && !p.has(label)) c.fn++;
    }
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const labels: LabelScore[] = [];
  for (const [label, c] of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    labels.push({
      label,
      precision: c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn),
      f1: f1Of(c.tp, c.fp, c.fn),
      support: c.tp + c.fn,
      predicted: c.tp + c.fp,
    });
  }
  const counted = labels.filter((l) => l.support > 0 || l.predicted > 0);
  return {
    labels,
    macroF1: counted.length ? counted.reduce((sum, l) => sum + l.f1, 0) / counted.length : 0,
    microF1: f1Of(tp, fp, fn),
    microPrecision: tp + fp === 0 ? 0 : tp / (tp + fp),
    microRecall: tp + fn === 0 ? 0 : tp / (tp + fn),
  };
}
