import type { Rng } from '../../util/random.ts';
import { exponentialMechanism } from './exponential-mechanism.ts';

/**
 * MST's private choice of the tree (McKenna, Miklau & Sheldon 2021): Kruskal's algorithm where
 * each of the d - 1 steps picks, among the pairs that join two components, one pair with the
 * exponential mechanism, its utility the L1 distance between the pair's real two-way counts and
 * what the independent model (noisy one-way marginals) predicts. One row moves that distance by
 * at most 1, so the sensitivity is 1. Returns the d - 1 chosen pairs.
 */
export function selectTree(d: number, score: (a: number, b: number) => number, epsilonEach: number, rng: Rng, shouldStop?: () => boolean): [number, number][] {
  const parent = Array.from({ length: d }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const pairs: [number, number][] = [];
  const scores: number[] = [];
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      pairs.push([a, b]);
      scores.push(score(a, b));
    }
  }
  const chosen: [number, number][] = [];
  for (let step = 0; step < d - 1; step++) {
    if (shouldStop?.()) return chosen;
    const open: number[] = [];
    for (let p = 0; p < pairs.length; p++) if (find(pairs[p][0]) !== find(pairs[p][1])) open.push(p);
    const pick = open[exponentialMechanism(open.map((p) => scores[p]), epsilonEach, 1, rng)];
    const [a, b] = pairs[pick];
    parent[find(a)] = find(b);
    chosen.push([a, b]);
  }
  return chosen;
}
