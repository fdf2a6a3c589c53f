import type { FeatureMatrix } from '../../risk/features/feature-matrix.ts';

/**
 * Privacy per customer: the distance from each synthetic customer's summary to the closest real
 * training customer, against the same distance for held-out real customers (who were never
 * trained on). Summaries are standardised by the training customers' mean and spread; missing
 * cells count as the mean. Ratio = median synthetic distance / median held-out distance: below 1,
 * synthetic customers sit closer to training customers than new real ones do.
 */
export function customerDcrRatio(train: FeatureMatrix, holdout: FeatureMatrix, synthetic: FeatureMatrix): { ratio: number; syntheticMedian: number; holdoutMedian: number } {
  const { nCols } = train;
  const mu = new Float64Array(nCols);
  const sd = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    let n = 0;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < train.nRows; i++) {
      const x = train.data[i * nCols + j];
      if (!Number.isFinite(x)) continue;
      n++;
      s += x;
      s2 += x * x;
    }
    mu[j] = n ? s / n : 0;
    sd[j] = n > 1 ? Math.sqrt(Math.max(0, s2 / n - mu[j] ** 2)) : 0;
  }
  const z = (m: FeatureMatrix, i: number, j: number) => {
    const x = m.data[i * nCols + j];
    return !Number.isFinite(x) || sd[j] === 0 ? 0 : (x - mu[j]) / sd[j];
  };
  const nearest = (m: FeatureMatrix): number[] =>
    Array.from({ length: m.nRows }, (_, i) => {
      let best = Infinity;
      for (let t = 0; t < train.nRows; t++) {
        let d = 0;
        for (let j = 0; j < nCols; j++) d += (z(m, i, j) - z(train, t, j)) ** 2;
        if (d < best) best = d;
      }
      return Math.sqrt(best);
    });
  const med = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    const k = s.length >> 1;
    return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
  };
  const syntheticMedian = med(nearest(synthetic));
  const holdoutMedian = med(nearest(holdout));
  return { ratio: syntheticMedian / holdoutMedian, syntheticMedian, holdoutMedian };
}
