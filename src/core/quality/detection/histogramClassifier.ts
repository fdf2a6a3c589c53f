import { rocAuc } from '../../risk/metrics/rocAuc.ts';

/**
 * The simplest classifier that can tell real from synthetic on one or two columns: cells of a
 * (joint) histogram, scored by the smoothed synthetic share of the cell in the other folds.
 * With a fine enough binning it is the Bayes classifier for the marginal, so its AUC measures
 * how much a column (or a pair) alone gives the fakes away. Cross-fitted: no row scores itself.
 */

/**
 * Bin ids for a numeric column: each distinct value its own bin when there are at most `maxBins`,
 * else quantile bins over the pooled values (ties stay together, so a spike of zeros is a bin).
 * NaN (missing) gets its own bin.
 */
export function numericBins(values: Float64Array, maxBins: number): { ids: Int32Array; size: number } {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present.push(values[i]);
  const sorted = Float64Array.from(present).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  let edges: number[];
  if (distinct.length <= maxBins) {
    edges = distinct.slice(0, -1);
  } else {
    edges = [];
    for (let k = 1; k < maxBins; k++) {
      const q = sorted[Math.min(sorted.length - 1, Math.floor((k / maxBins) * sorted.length))];
      if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
    }
  }
  // bin of x = number of edges strictly below x ("x <= edge" closes a bin)
  const size = edges.length + 2;
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) {
      ids[i] = size - 1;
      continue;
    }
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    ids[i] = lo;
  }
  return { ids, size };
}

/** Codes (NaN = missing) as bin ids. */
export function codeBins(values: Float64Array): { ids: Int32Array; size: number } {
  let max = -1;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i] && values[i] > max) max = values[i];
  const size = max + 2;
  return { ids: Int32Array.from(values, (v) => (v === v ? v : size - 1)), size };
}

/** Cross-fitted AUC of the cell classifier; y = 1 synthetic; fold[i] in [0, k). */
export function cellClassifierAuc(cells: Int32Array, nCells: number, y: Uint8Array, fold: Uint8Array, k: number): number {
  const synth = new Float64Array(nCells * k);
  const total = new Float64Array(nCells * k);
  for (let i = 0; i < cells.length; i++) {
    total[fold[i] * nCells + cells[i]]++;
    synth[fold[i] * nCells + cells[i]] += y[i];
  }
  const allS = new Float64Array(nCells);
  const allT = new Float64Array(nCells);
  for (let f = 0; f < k; f++) {
    for (let c = 0; c < nCells; c++) {
      allS[c] += synth[f * nCells + c];
      allT[c] += total[f * nCells + c];
    }
  }
  // scores are compared within a fold, then AUCs averaged (as for the GBDT)
  let sum = 0;
  let used = 0;
  for (let f = 0; f < k; f++) {
    const yy: number[] = [];
    const ss: number[] = [];
    for (let i = 0; i < cells.length; i++) {
      if (fold[i] !== f) continue;
      const c = cells[i];
      const s = allS[c] - synth[f * nCells + c];
      const t = allT[c] - total[f * nCells + c];
      yy.push(y[i]);
      ss.push((s + 1) / (t + 2));
    }
    const auc = rocAuc(yy, ss);
    if (!Number.isNaN(auc)) {
      sum += auc;
      used++;
    }
  }
  return used > 0 ? sum / used : NaN;
}
