import { sortedPresent, toNumeric } from './numericColumn';
import type { Cell } from './types';

/** numpy.round(x, 14): scale, round half to even, unscale (numpy's own arithmetic, kept so ties agree). */
function round14(x: number): number {
  const y = x * 1e14;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e14;
}

/**
 * Two-sample Kolmogorov-Smirnov statistic of two ascending-sorted samples: the largest gap between
 * the empirical CDFs, evaluated after each distinct value (scipy ks_2samp's statistic).
 */
export function ksStatisticSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const x = a[i] <= b[j] ? a[i] : b[j];
    while (i < n1 && a[i] <= x) i++;
    while (j < n2 && b[j] <= x) j++;
    const gap = Math.abs(i / n1 - j / n2);
    if (gap > d) d = gap;
  }
  return d;
}

function roundedSorted(x: Float64Array): Float64Array {
  const out = sortedPresent(x);
  for (let i = 0; i < out.length; i++) out[i] = round14(out[i]);
  // rounding is monotone, so the order holds
  return out;
}

/** KSComplement on numeric columns already in Float64Array form (NaN = missing). */
export function ksComplementNumeric(real: Float64Array, synthetic: Float64Array): number {
  const a = roundedSorted(real);
  const b = roundedSorted(synthetic);
  if (a.length === 0 || b.length === 0) return NaN;
  return 1 - ksStatisticSorted(a, b);
}

/**
 * SDMetrics KSComplement = 1 - KS statistic, values rounded to 14 decimals first. Missing values are
 * dropped from each side separately; a side left empty gives NaN.
 */
export function ksComplement(real: ArrayLike<Cell>, synthetic: ArrayLike<Cell>): number {
  return ksComplementNumeric(toNumeric(real), toNumeric(synthetic));
}
