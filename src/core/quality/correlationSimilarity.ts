import { toNumeric } from './numericColumn';
import { pearson } from './pearson';
import type { Cell } from './types';

export interface CorrelationSimilarity {
  /** 1 - |r_real - r_synth| / 2; NaN when either correlation is undefined (constant column) */
  score: number;
  real: number;
  synthetic: number;
}

export function correlationSimilarityNumeric(
  realA: Float64Array,
  realB: Float64Array,
  synthA: Float64Array,
  synthB: Float64Array,
): CorrelationSimilarity {
  const real = pearson(realA, realB);
  const synthetic = pearson(synthA, synthB);
  return { score: 1 - Math.abs(real - synthetic) / 2, real, synthetic };
}

/**
 * SDMetrics CorrelationSimilarity (Pearson) for two continuous columns: rows where either column is
 * missing are dropped, separately in each table; a constant column (in either table) gives NaN,
 * where SDMetrics raises ConstantInputError.
 */
export function correlationSimilarity(
  real: [ArrayLike<Cell>, ArrayLike<Cell>],
  synthetic: [ArrayLike<Cell>, ArrayLike<Cell>],
): CorrelationSimilarity {
  return correlationSimilarityNumeric(toNumeric(real[0]), toNumeric(real[1]), toNumeric(synthetic[0]), toNumeric(synthetic[1]));
}
