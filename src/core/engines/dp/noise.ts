import type { Rng } from '../../util/random.ts';

/**
 * The Gaussian mechanism on a count histogram: every cell gets independent N(0, sigma^2) noise.
 * Adding or removing one row changes one cell by 1, so the L2 sensitivity is 1.
 */
export function noisyCounts(counts: ArrayLike<number>, sigma: number, rng: Rng): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] + sigma * rng.normal();
  return out;
}
