import type { Rng } from '../../util/random.ts';

/**
 * The exponential mechanism: index i with probability proportional to
 * exp(epsilon * utility[i] / (2 * sensitivity)). Computed with the maximum subtracted, so very
 * negative utilities do not underflow the whole vector.
 */
export function exponentialMechanism(utility: ArrayLike<number>, epsilon: number, sensitivity: number, rng: Rng): number {
  const n = utility.length;
  if (n === 0) throw new Error('the exponential mechanism needs at least one candidate');
  const scale = epsilon / (2 * sensitivity);
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (utility[i] > max) max = utility[i];
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i] = Math.exp(scale * (utility[i] - max));
  let u = rng.next() * sum;
  for (let i = 0; i < n; i++) {
    u -= w[i];
    if (u < 0) return i;
  }
  return n - 1;
}
