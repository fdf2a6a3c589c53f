import type { FeatureMatrix } from '../../features/feature-matrix.ts';
import { createRng, shuffledIndices } from '../../../util/random.ts';

/**
 * Quantile binning of the raw matrix into one byte per cell, as in LightGBM and scikit-learn's
 * HistGradientBoosting: split search then runs over ≤ 255 bins instead of sorted values.
 * Non-missing values get bins 0..nBins-1; a missing value (NaN) always gets MISSING_BIN.
 *
 * Bin of x = number of thresholds strictly below x, so "bin ≤ b" ⇔ "x ≤ thresholds[b]":
 * a split learned on bins is replayed exactly on raw values.
 */

export const MISSING_BIN = 255;
export const MAX_NON_MISSING_BINS = 255;
/** bins are fitted on at most this many rows (scikit-learn uses the same cap) */
const BINNING_SUBSAMPLE = 200_000;

export interface BinMapper {
  /** per feature: strictly increasing split points between bins (length = number of bins − 1) */
  thresholds: Float64Array[];
}

export function binCount(mapper: BinMapper, feature: number): number {
  return mapper.thresholds[feature].length + 1;
}

export function fitBinMapper(x: FeatureMatrix, rows: ArrayLike<number>, maxBins: number, seed: number): BinMapper {
  if (!(maxBins >= 2 && maxBins <= MAX_NON_MISSING_BINS)) {
    throw new Error(`maxBins must be in [2, ${MAX_NON_MISSING_BINS}], got ${maxBins}`);
  }
  let use: ArrayLike<number> = rows;
  if (rows.length > BINNING_SUBSAMPLE) {
    const order = shuffledIndices(rows.length, createRng(seed ^ 0x5bd1e995));
    const picked = new Int32Array(BINNING_SUBSAMPLE);
    for (let k = 0; k < BINNING_SUBSAMPLE; k++) picked[k] = rows[order[k]];
    use = picked;
  }
  const { nCols, data } = x;
  const values = new Float64Array(use.length);
  const thresholds: Float64Array[] = [];
  for (let f = 0; f < nCols; f++) {
    let n = 0;
    for (let r = 0; r < use.length; r++) {
      const v = data[use[r] * nCols + f];
      if (v === v) values[n++] = v;
    }
    const sorted = values.subarray(0, n).slice().sort();
    thresholds.push(columnThresholds(sorted, maxBins));
  }
  return { thresholds };
}

/** Midpoints between distinct values when there are few; else quantiles (midpoint rule). */
function columnThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const distinct: number[] = [sorted[0]];
  for (let i = 1; i < n && distinct.length <= maxBins; i++) {
    if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  const out: number[] = [];
  if (distinct.length <= maxBins) {
    for (let k = 1; k < distinct.length; k++) out.push(distinct[k - 1] + (distinct[k] - distinct[k - 1]) / 2);
  } else {
    for (let k = 1; k < maxBins; k++) {
      const pos = (k / maxBins) * (n - 1);
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      const t = (sorted[lo] + sorted[hi]) / 2;
      // quantiles repeat on heavy ties (many zero amounts): keep each split point once
      if (out.length === 0 || t > out[out.length - 1]) out.push(t);
    }
  }
  return Float64Array.from(out);
}

function binOf(thr: Float64Array, v: number): number {
  if (v !== v) return MISSING_BIN;
  let lo = 0;
  let hi = thr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thr[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row-major bins (rows.length × nCols) of the given rows. */
export function binRows(mapper: BinMapper, x: FeatureMatrix, rows: ArrayLike<number>): Uint8Array {
  const { nCols, data } = x;
  const out = new Uint8Array(rows.length * nCols);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r] * nCols;
    const dst = r * nCols;
    for (let f = 0; f < nCols; f++) out[dst + f] = binOf(mapper.thresholds[f], data[src + f]);
  }
  return out;
}
