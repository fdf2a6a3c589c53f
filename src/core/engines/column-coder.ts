import { sortLabels } from '../risk/features/column-values.ts';
import type { EngineColumn } from './types.ts';

/**
 * Every engine here models columns as small integer codes and turns codes back into values.
 *
 * - categorical: one code per training label (sorted as the tree encoder sorts them);
 * - continuous / datetime: point masses (a value held by many rows: exact zeros, round amounts,
 *   ages) keep their own code so their share is kept exactly; the other values fall in quantile
 *   range bins, and a value is drawn inside its bin from a smoothed distribution (a piecewise-
 *   linear quantile function through a few within-bin quantiles, edges half-way to the
 *   neighbouring values). A non-integer draw equals a real value only on a bin's knots; integer
 *   columns are rounded back onto whole numbers (often real ones) and categories are real labels,
 *   so a decoded row can equal a real row: the copy guard (rare-row-guard.ts) rejects those
 *   equal to a rare real row;
 * - missing (null) is one more code, present only when the training column had missing cells.
 *
 * Codes of a numeric column follow the order of values, so trees may split on them as ordinals.
 */

export interface PointBin {
  type: 'point';
  value: number;
}

export interface RangeBin {
  type: 'range';
  /** within-bin quantile function: knots[0] = lower edge, knots[last] = upper edge, equally spaced in probability */
  knots: number[];
}

export type NumericBin = PointBin | RangeBin;

export interface NumericCoder {
  kind: 'numeric';
  column: EngineColumn;
  /** in increasing order of value (a range bin by its median) */
  bins: NumericBin[];
  /** code of missing (= bins.length) when the training column had missing cells, else -1 */
  missingCode: number;
  /** smallest and largest value a sample can take */
  support: [number, number];
  /** integer columns: the largest power of ten every training value is a multiple of (credit limits in 10,000s); 1 otherwise */
  step: number;
}

export interface CategoricalCoder {
  kind: 'categorical';
  column: EngineColumn;
  labels: string[];
  missingCode: number;
}

export type ColumnCoder = NumericCoder | CategoricalCoder;

export interface CoderOptions {
  /** a value is a point mass when at least this share of the rows hold it (default 0.002) */
  pointMinShare?: number;
  /** ... and at least this many rows (default 20) */
  pointMinCount?: number;
  /** quantile bins over the remaining values (default 24) */
  rangeBins?: number;
  /** within-bin quantile knots at most (default 8) */
  knotsPerBin?: number;
  /** ... in the lowest and highest range bin, whose long tails decide Pearson's r (default 64) */
  knotsPerTailBin?: number;
}

export function codeCount(c: ColumnCoder): number {
  const n = c.kind === 'numeric' ? c.bins.length : c.labels.length;
  return c.missingCode >= 0 ? n + 1 : n;
}

export function fitCategoricalCoder(column: EngineColumn, values: ArrayLike<unknown>): CategoricalCoder {
  const seen: string[] = [];
  let missing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) missing = true;
    else seen.push(String(v));
  }
  const labels = sortLabels(seen);
  return { kind: 'categorical', column, labels, missingCode: missing ? labels.length : -1 };
}

export function fitNumericCoder(column: EngineColumn, values: ArrayLike<unknown>, options: CoderOptions = {}): NumericCoder {
  const minShare = options.pointMinShare ?? 0.002;
  const minCount = options.pointMinCount ?? 20;
  const nRange = options.rangeBins ?? 24;
  const maxKnots = options.knotsPerBin ?? 8;
  const maxTailKnots = options.knotsPerTailBin ?? 64;
  const present: number[] = [];
  let missing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) present.push(v);
    else missing = true;
  }
  const sorted = Float64Array.from(present).sort();
  const n = sorted.length;
  const threshold = Math.max(minCount, minShare * values.length);
  const points: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const count = j - i + 1;
    if (count >= threshold) points.push(sorted[i]);
    else for (let k = i; k <= j; k++) rest.push(sorted[k]);
    i = j + 1;
  }
  const bins: { bin: NumericBin; at: number }[] = points.map((value) => ({ bin: { type: 'point', value }, at: value }));
  const m = rest.length;
  if (m > 0) {
    const nb = Math.max(1, Math.min(nRange, Math.floor(m / 5)));
    // bin boundaries by position, moved so equal values never straddle two bins
    const starts: number[] = [0];
    for (let b = 1; b < nb; b++) {
      let s = Math.round((b * m) / nb);
      while (s < m && s > 0 && rest[s] === rest[s - 1]) s++;
      if (s > starts[starts.length - 1] && s < m) starts.push(s);
    }
    starts.push(m);
    for (let b = 0; b + 1 < starts.length; b++) {
      const s = starts[b];
      const e = starts[b + 1] - 1;
      const lo = s === 0 ? rest[0] : (rest[s - 1] + rest[s]) / 2;
      const hi = e === m - 1 ? rest[m - 1] : (rest[e] + rest[e + 1]) / 2;
      const count = e - s + 1;
      const tail = b === 0 || b + 2 === starts.length;
      const nk = Math.max(1, Math.min(tail ? maxTailKnots : maxKnots, Math.floor(count / 4)));
      const knots = [lo];
      for (let k = 1; k < nk; k++) {
        const pos = s + (k / nk) * (count - 1);
        const a = Math.floor(pos);
        const t = pos - a;
        const q = rest[a] + t * ((rest[Math.min(a + 1, e)] ?? rest[a]) - rest[a]);
        knots.push(Math.min(hi, Math.max(knots[knots.length - 1], q)));
      }
      knots.push(hi);
      bins.push({ bin: { type: 'range', knots }, at: rest[(s + e) >> 1] });
    }
  }
  bins.sort((a, b) => a.at - b.at);
  let step = 1;
  if (column.integer && n > 0) {
    while (step < 1e9 && sorted.every((v) => v % (step * 10) === 0)) step *= 10;
  }
  const lo = n > 0 ? sorted[0] : 0;
  const hi = n > 0 ? sorted[n - 1] : 0;
  return {
    kind: 'numeric',
    column,
    bins: bins.map((b) => b.bin),
    missingCode: missing ? bins.length : -1,
    support: [lo, hi],
    step,
  };
}

/** Codes of a training column (every value falls in some bin of a coder fitted on it). */
export function encodeColumn(coder: ColumnCoder, values: ArrayLike<unknown>): Uint16Array {
  const out = new Uint16Array(values.length);
  if (coder.kind === 'categorical') {
    const index = new Map(coder.labels.map((l, k) => [l, k]));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const k = v === null || v === undefined ? undefined : index.get(String(v));
      out[i] = k ?? (coder.missingCode >= 0 ? coder.missingCode : 0);
    }
    return out;
  }
  const pointCode = new Map<number, number>();
  const ranges: { lo: number; hi: number; code: number }[] = [];
  coder.bins.forEach((b, k) => {
    if (b.type === 'point') pointCode.set(b.value, k);
    else ranges.push({ lo: b.knots[0], hi: b.knots[b.knots.length - 1], code: k });
  });
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      out[i] = coder.missingCode >= 0 ? coder.missingCode : 0;
      continue;
    }
    const p = pointCode.get(v);
    if (p !== undefined) {
      out[i] = p;
      continue;
    }
    // the first range whose upper edge reaches v (ranges are disjoint and sorted)
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].hi < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = ranges.length > 0 ? ranges[lo].code : 0;
  }
  return out;
}

/**
 * A value for a code: a point's value, or the within-bin quantile function at u ∈ [0, 1) for a
 * range bin (rounded for integer columns).
 */
export function drawNumeric(coder: NumericCoder, code: number, u: number): number | null {
  if (code === coder.missingCode) return null;
  const bin = coder.bins[code];
  if (bin.type === 'point') return bin.value;
  const k = bin.knots;
  const t = Math.min(Math.max(u, 0), 1) * (k.length - 1);
  const a = Math.min(Math.floor(t), k.length - 2);
  const x = k[a] + (t - a) * (k[a + 1] - k[a]);
  if (!coder.column.integer) return x;
  const step = coder.step ?? 1;
  // + 0 turns -0 into 0
  return Math.round(x / step) * step + 0;
}

/** Where a value sits inside its range bin, in [0, 1] (the inverse of drawNumeric's quantile function); NaN for points. */
export function withinBinPosition(coder: NumericCoder, code: number, value: number): number {
  const bin = coder.bins[code];
  if (bin === undefined || bin.type === 'point') return NaN;
  const k = bin.knots;
  if (value <= k[0]) return 0;
  if (value >= k[k.length - 1]) return 1;
  let a = 0;
  while (a + 2 < k.length && k[a + 1] < value) a++;
  const w = k[a + 1] - k[a];
  return (a + (w > 0 ? (value - k[a]) / w : 0.5)) / (k.length - 1);
}

export function decodeCategorical(coder: CategoricalCoder, code: number): string | null {
  return code === coder.missingCode ? null : coder.labels[code];
}

/** Share of the training rows per code (the column's marginal). */
export function codeFrequencies(codes: Uint16Array, nCodes: number): Float64Array {
  const f = new Float64Array(nCodes);
  for (let i = 0; i < codes.length; i++) f[codes[i]]++;
  for (let c = 0; c < nCodes; c++) f[c] /= Math.max(1, codes.length);
  return f;
}
