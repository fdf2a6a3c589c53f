import { quantileSorted } from '../data/eda/quantile.ts';
import { sortedPresent, toNumeric } from './numericColumn';
import type { Cell } from './types';

export const DEFAULT_QUANTILES: readonly number[] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

export interface ContinuousSummary {
  count: number;
  missing: number;
  /** NaN when there is no value */
  mean: number;
  /** sample standard deviation (n - 1, as pandas describe); NaN below 2 values */
  std: number;
  min: number;
  max: number;
  /** numpy/pandas linear-interpolation quantiles */
  quantiles: { q: number; value: number }[];
}

export function summarizeContinuous(values: ArrayLike<Cell>, quantiles: readonly number[] = DEFAULT_QUANTILES): ContinuousSummary {
  const x = toNumeric(values);
  const s = sortedPresent(x);
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - mean) ** 2;
  return {
    count: n,
    missing: x.length - n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n > 0 ? s[0] : NaN,
    max: n > 0 ? s[n - 1] : NaN,
    quantiles: quantiles.map((q) => ({ q, value: quantileSorted(s, q) })),
  };
}
