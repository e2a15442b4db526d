// Spherical k-means over L2-normalised sentence vectors: cosine similarity to unit-length centres. Deterministic
// (farthest-first seeding from the text nearest the overall mean), so the same texts give the same clusters.

export interface Cluster {
  /** Indexes of the member vectors. */
  members: number[];
  /** Members ordered by similarity to the centre, nearest first. */
  nearest: number[];
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function meanDirection(vectors: Float32Array[], indexes: number[], dim: number): Float32Array {
  const centre = new Float32Array(dim);
  for (const i of indexes) {
    const v = vectors[i] as Float32Array;
    for (let d = 0; d < dim; d++) centre[d] = (centre[d] as number) + (v[d] as number);
  }
  let norm = 0;
  for (const x of centre) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) centre[d] = (centre[d] as number) / norm;
  return centre;
}

/** Default k: about √(n/2), at most 10, and no more clusters than could each reach minGroupSize. */
export function defaultK(n: number, minGroupSize: number): number {
  return Math.max(1, Math.min(10, Math.round(Math.sqrt(n / 2)), Math.floor(n / Math.max(minGroupSize, 1))));
}

export function clusterVectors(
  vectors: Float32Array[],
  options: { k?: number; minGroupSize: number; iterations?: number },
): Cluster[] {
  const n = vectors.length;
  if (n === 0) return [];
  const dim = (vectors[0] as Float32Array).length;
  const k = Math.min(n, Math.max(1, options.k ?? defaultK(n, options.minGroupSize)));
  const all = vectors.map((_, i) => i);
  const mean = meanDirection(vectors, all, dim);
  let first = 0;
  all.forEach((i) => {
    if (dot(vectors[i] as Float32Array, mean) > dot(vectors[first] as Float32Array, mean)) first = i;
  });
  const centres = [vectors[first] as Float32Array];
  while (centres.length < k) {
    let pick = 0;
    let farthest = Infinity;
    all.forEach((i) => {
      const nearest = Math.max(...centres.map((c) => dot(vectors[i] as Float32Array, c)));
      if (nearest < farthest) {
        farthest = nearest;
        pick = i;
      }
    });
    centres.push(vectors[pick] as Float32Array);
  }
  let assignment = new Array<number>(n).fill(-1);
  for (let round = 0; round < (options.iterations ?? 25); round++) {
    const next = all.map((i) => {
      let best = 0;
      centres.forEach((c, j) => {
        if (
          dot(vectors[i] as Float32Array, c) > dot(vectors[i] as Float32Array, centres[best] as Float32Array)
        )
          best = j;
      });
      return best;
    });
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    if (!changed) break;
    centres.forEach((_, j) => {
      const members = all.filter((i) => assignment[i] === j);
      if (members.length > 0) centres[j] = meanDirection(vectors, members, dim);
    });
  }
  return centres
    .map((centre, j) => {
      const members = all.filter((i) => assignment[i] === j);
      const nearest = [...members].sort(
        (a, b) => dot(vectors[b] as Float32Array, centre) - dot(vectors[a] as Float32Array, centre),
      );
      return { members, nearest };
    })
    .filter((c) => c.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length || (a.members[0] ?? 0) - (b.members[0] ?? 0));
}
