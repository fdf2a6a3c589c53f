import { countAtOrBelow, linspace } from '../risk/metrics/linspace';
import { sortedPresent } from './numericColumn';

/** Bin ids 0..11 (0 cannot occur with a table's own edges); 12 codes in all. */
export const BIN_CODES = 12;

/**
 * numpy.histogram_bin_edges(x, bins=10) over the non-missing values: 11 equal-width edges from
 * min to max (numpy.linspace arithmetic); a constant column gets [v - 0.5, v + 0.5]; no values at
 * all gives [0, 1], as numpy does for an empty array.
 */
export function histogramBinEdges(x: Float64Array, bins = 10): Float64Array {
  const s = sortedPresent(x);
  let lo = s.length > 0 ? s[0] : 0;
  let hi = s.length > 0 ? s[s.length - 1] : 1;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return linspace(lo, hi, bins + 1);
}

/**
 * numpy.digitize(x, edges) for increasing edges: the number of edges <= x, so ids run 1..10 inside
 * the range, the maximum itself gets 11, and a missing value (NaN) also gets 11, the same cell as
 * the maximum (SDMetrics 0.17.1 Column Pair Trends behaviour).
 */
export function digitize(x: Float64Array, edges: Float64Array): Int32Array {
  const out = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] === x[i] ? countAtOrBelow(edges, x[i]) : edges.length;
  return out;
}

/** A continuous column binned with its own table's edges, as SDMetrics does for mixed pairs. */
export function binContinuous(x: Float64Array): { edges: Float64Array; ids: Int32Array } {
  const edges = histogramBinEdges(x);
  return { edges, ids: digitize(x, edges) };
}
