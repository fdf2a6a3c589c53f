import { encodeShared } from './categoryKey';
import type { Cell } from './types';

export interface TvComplementOptions {
  /**
   * Real count given to a category that only the synthetic column has (default 1e-6, as SDMetrics'
   * `get_frequencies` does "to prevent NaN"). It also enters the real total, so the score moves by
   * about (number of such categories) x 1e-6 / n_real. 0 gives the plain total variation distance.
   */
  syntheticOnlyPseudoCount?: number;
}

/** TVComplement over integer codes in [0, k), -1 = missing (dropped). */
export function tvComplementCodes(
  real: Int32Array,
  synthetic: Int32Array,
  k: number,
  options: TvComplementOptions = {},
): number {
  const pseudo = options.syntheticOnlyPseudoCount ?? 1e-6;
  const cr = new Float64Array(k);
  const cs = new Float64Array(k);
  let nr = 0;
  let ns = 0;
  for (let i = 0; i < real.length; i++) {
    if (real[i] >= 0) {
      cr[real[i]]++;
      nr++;
    }
  }
  for (let i = 0; i < synthetic.length; i++) {
    if (synthetic[i] >= 0) {
      cs[synthetic[i]]++;
      ns++;
    }
  }
  if (nr === 0 || ns === 0) return NaN;
  for (let c = 0; c < k; c++) {
    if (cr[c] === 0 && cs[c] > 0) {
      cr[c] = pseudo;
      nr += pseudo;
    }
  }
  let tv = 0;
  for (let c = 0; c < k; c++) tv += Math.abs(cs[c] / ns - cr[c] / nr);
  return 1 - 0.5 * tv;
}

/**
 * SDMetrics TVComplement = 1 - 0.5 * sum over categories of |p_real - p_synth|, shares among the
 * non-missing values (missing is dropped, not a category; an empty side gives NaN). Categories are
 * compared by value ("1" and "1.0" are one category). Reproduces SDMetrics' 1e-6 pseudo-count for
 * synthetic-only categories unless `syntheticOnlyPseudoCount: 0`.
 */
export function tvComplement(real: ArrayLike<Cell>, synthetic: ArrayLike<Cell>, options: TvComplementOptions = {}): number {
  const { categories, codes } = encodeShared([real, synthetic]);
  return tvComplementCodes(codes[0], codes[1], categories.length, options);
}
