import type { NumericBin, NumericCoder } from '../column-coder.ts';
import type { EngineColumn } from '../types.ts';
import type { HistogramInterval } from './private-bins.ts';

/**
 * Numeric column coders for the DP engine, built only from cut points that are either declared
 * by the user or chosen privately (private-quantiles.ts): never from the raw values.
 *
 * A cut chosen twice or more (many quantiles on one value: exact zeros, round amounts) becomes a
 * point bin, so that share survives; between consecutive distinct cuts lies a range bin, sampled
 * uniformly (whole numbers for integer columns, each equally likely). Values beyond the outer
 * cuts are coded to the outermost bins (the 0.5 % tails are clamped). Unlike the other engines'
 * coder there are no within-bin quantile knots (they would be read from the data).
 */
export function numericCoderFromCuts(column: EngineColumn, cuts: readonly number[], hasMissing: boolean, histogram: readonly HistogramInterval[] = [], knotsPerBin = 64): NumericCoder {
  // whole numbers: leaf [m, m + 1) holds the value m, so it is centred on m for rounding
  const shift = column.integer ? 0.5 : 0;
  const pieces = histogram.filter((x) => x.hi > x.lo && x.count > 0).map((x) => ({ lo: x.lo - shift, hi: x.hi - shift, count: x.count }));
  const knotsOf = (lo: number, hi: number) => histogramKnots(pieces, lo, hi, knotsPerBin) ?? [lo, hi];
  const sorted = [...cuts].sort((a, b) => a - b);
  const distinct: number[] = [];
  const multiplicity: number[] = [];
  for (const c of sorted) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === c) multiplicity[multiplicity.length - 1]++;
    else {
      distinct.push(c);
      multiplicity.push(1);
    }
  }
  if (distinct.length === 0) throw new Error(`no cut points for "${column.name}"`);
  const isPoint = multiplicity.map((m) => m >= 2 || distinct.length === 1);
  const bins: NumericBin[] = [];
  let firstRange = true;
  for (let i = 0; i < distinct.length; i++) {
    if (isPoint[i]) bins.push({ type: 'point', value: distinct[i] });
    if (i + 1 === distinct.length) break;
    const a = distinct[i];
    const b = distinct[i + 1];
    if (column.integer) {
      // whole numbers in (a, b], or [a, b] for the first range when a is no point
      const lo = isPoint[i] || !firstRange ? a + 1 : a;
      const hi = isPoint[i + 1] ? b - 1 : b;
      if (lo > hi) continue;
      // widened by just under a half so rounding gives every whole number in [lo, hi] equal chance
      bins.push({ type: 'range', knots: knotsOf(lo - 0.4999, hi + 0.4999) });
    } else {
      bins.push({ type: 'range', knots: knotsOf(a, b) });
    }
    firstRange = false;
  }
  return {
    kind: 'numeric',
    column,
    bins,
    missingCode: hasMissing ? bins.length : -1,
    support: [distinct[0], distinct[distinct.length - 1]],
    step: 1,
  };
}

/**
 * Equally likely knots of the histogram restricted to [lo, hi] (mass spread evenly inside each
 * interval), with lo and hi as the outer knots; null when the histogram has no mass there. The
 * histogram is the private one already measured, so this is post-processing: a bin's values
 * follow the noisy leaf counts (a thin far leaf gets few values) instead of spreading evenly.
 */
export function histogramKnots(pieces: readonly HistogramInterval[], lo: number, hi: number, k: number): number[] | null {
  const parts: HistogramInterval[] = [];
  for (const x of pieces) {
    const a = Math.max(lo, x.lo);
    const b = Math.min(hi, x.hi);
    if (b > a && x.count > 0) parts.push({ lo: a, hi: b, count: (x.count * (b - a)) / (x.hi - x.lo) });
  }
  const total = parts.reduce((s, x) => s + x.count, 0);
  if (!(total > 0)) return null;
  parts.sort((x, y) => x.lo - y.lo);
  const knots = [lo];
  let acc = 0;
  let p = 0;
  for (let q = 1; q < k; q++) {
    const target = (q / k) * total;
    while (p < parts.length - 1 && acc + parts[p].count < target) acc += parts[p++].count;
    const x = parts[p];
    const at = x.lo + Math.min(1, Math.max(0, (target - acc) / x.count)) * (x.hi - x.lo);
    knots.push(Math.min(hi, Math.max(knots[knots.length - 1], at)));
  }
  knots.push(hi);
  return knots;
}

/** Equal-width bins over a range the user declared (no privacy budget spent). */
export function declaredRangeCuts(min: number, max: number, bins: number, integer: boolean): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) throw new Error(`a declared range needs min < max, got [${min}, ${max}]`);
  const cuts = new Set<number>();
  for (let b = 0; b <= bins; b++) {
    const v = min + ((max - min) * b) / bins;
    cuts.add(integer ? Math.round(v) : v);
  }
  return [...cuts];
}
