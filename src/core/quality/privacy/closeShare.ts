import { quantileSorted } from '../../data/eda/quantile.ts';

/**
 * Share of synthetic rows closer to a training row than the q-quantile of the held-out real rows'
 * distances (DCR): held-out rows are as close as unseen people get by chance, so about q is
 * expected and far more means rows sit on top of training rows. Strictly below, so a quantile of
 * 0 (held-out rows that duplicate training rows) gives 0.
 */
export function closeShareBelowHoldoutQuantile(syntheticDcr: ArrayLike<number>, holdoutDcr: ArrayLike<number>, q: number): { share: number; threshold: number } {
  if (!(q > 0 && q < 1)) throw new Error(`quantile must be in (0, 1), got ${q}`);
  if (holdoutDcr.length === 0) throw new Error('no held-out distances');
  const threshold = quantileSorted(Float64Array.from(holdoutDcr).sort(), q);
  let close = 0;
  for (let i = 0; i < syntheticDcr.length; i++) if (syntheticDcr[i] < threshold) close++;
  return { share: syntheticDcr.length > 0 ? close / syntheticDcr.length : NaN, threshold };
}
