import type { Rng } from '../../util/random.ts';
import { gaussianSigma } from './accounting.ts';
import { noisyCounts } from './noise.ts';
import { projectToSimplex } from './simplex-projection.ts';
import { DEFAULT_TAIL_OPTIONS, withFittedTails } from './tail-extrapolation.ts';

/**
 * Bin cut points of a numeric column from a private hierarchical histogram on a grid fixed
 * before any data is seen: level 1 splits the line into zero and, per sign, the decades from
 * 0.01 to 1e14 (33 buckets); level 2 splits a decade by its leading digit (1-2, ..., 9-10 × 10^e);
 * level 3 by the second digit (two significant digits: 1 % to 10 % resolution at every scale,
 * exact for whole numbers below 100), with missing cells as one more level-1 bucket. Each level's counts get Gaussian noise (a row falls in one
 * bucket per level: L2 sensitivity 1); only buckets whose noisy count clears 3 sigma are split
 * further (post-processing), and children are made consistent with their parent by projecting
 * their noisy counts onto non-negative counts of the parent's total. The quantiles of the leaf
 * histogram (decades too thin to split dropped), interpolated within a leaf, are the cuts, with the outermost occupied leaf edges; a whole-number leaf (or zero) holding at
 * least one bin's worth of rows becomes a point mass (exact zeros, ages, round credit limits).
 *
 * Why not one exponential-mechanism quantile per cut (the textbook route): with ~17 cuts per
 * column and 14 numeric columns, each cut gets so little budget at epsilon = 1 that the far
 * tails of an unbounded candidate grid win (measured: cuts at 1e5 for a standard normal).
 */
export interface HistogramInterval {
  lo: number;
  hi: number;
  count: number;
}

export interface PrivateBins {
  cuts: number[];
  /** the noisy leaf histogram the cuts come from (post-processed: sorted, empty and trimmed leaves left out) */
  histogram: HistogramInterval[];
  /** the zCDP cost (the rho given) and the noise of each level */
  sigma: number;
  levels: number;
}

const DECADES = 16; // 1e-2 .. 1e13 (values beyond are clamped into the outermost decades)
const MIN_EXP = -2;

interface Node {
  /** level 1: decade (-1 for zero); level 2: decade * 9 + digit - 1; level 3: decade * 90 + mantissa - 10 */
  index: number;
  sign: -1 | 0 | 1;
  level: 1 | 2 | 3;
  count: number;
}

/** [lower, upper) of a node on |v| (mirrored for negatives). */
function magnitudeInterval(level: number, index: number): [number, number] {
  if (level === 1) return [10 ** (index + MIN_EXP), 10 ** (index + MIN_EXP + 1)];
  if (level === 2) {
    const e = Math.floor(index / 9) + MIN_EXP;
    const d = (index % 9) + 1;
    return [scaled(d, e), scaled(d + 1, e)];
  }
  const e = Math.floor(index / 90) + MIN_EXP;
  const m = (index % 90) + 10;
  return [scaled(m, e - 1), scaled(m + 1, e - 1)];
}

/** m × 10^e built so that 0.1 × 10 is exactly 1 */
function scaled(m: number, e: number): number {
  return e >= 0 ? m * 10 ** e : m / 10 ** -e;
}

function fineIndex(v: number): number {
  const a = Math.abs(v);
  let e = Math.floor(Math.log10(a));
  // log10 rounding: 1000 may come out as 2.9999
  if (scaled(1, e + 1) <= a) e++;
  if (scaled(1, e) > a) e--;
  if (e < MIN_EXP) return 0;
  if (e >= MIN_EXP + DECADES) return DECADES * 90 - 1;
  const m = Math.min(99, Math.max(10, Math.floor(a / scaled(1, e - 1))));
  return (e - MIN_EXP) * 90 + (m - 10);
}

/** Post-processing choices of the private histogram (no budget: they only read the noisy counts). */
export interface TailRules {
  /** an unsplit decade (too thin to split) is kept when its noisy count reaches this many sigma */
  thinDecadeSigmas: number;
  /** leaves at either end are dropped, from the outside in, while their noisy count is below this many sigma */
  edgeSigmas: number;
  /** both tails extrapolated with a generalised Pareto fit (tail-extrapolation.ts): 'off', only where it reaches beyond the histogram ('extend'), or always ('replace') */
  tailFit: 'off' | 'extend' | 'replace';
  /** the largest GPD shape the fit may take (a public constant) */
  tailMaxShape: number;
  tailMaxShapeLower: number;
}

export const DEFAULT_TAIL_RULES: Readonly<TailRules> = Object.freeze({ thinDecadeSigmas: 3, edgeSigmas: 0, tailFit: 'off', tailMaxShape: 0, tailMaxShapeLower: 0.5 });

export function privateBinCuts(values: readonly number[], missing: number, bins: number, rho: number, integer: boolean, rng: Rng, rules: TailRules = DEFAULT_TAIL_RULES): PrivateBins {
  const sigma = gaussianSigma(rho / 3);
  const threshold = 3 * sigma;
  // per row: sign and fine index; the coarser levels are integer divisions of it
  const sign = values.map((v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
  const fine = values.map((v) => (v === 0 ? -1 : fineIndex(v)));
  const levelIndex = (level: number, f: number) => (level === 1 ? Math.floor(f / 90) : level === 2 ? Math.floor(f / 90) * 9 + Math.floor((f % 90) / 10) : f);
  const keyOf = (s: number, index: number) => `${s}:${index}`;
  const countsAt = (level: number): Map<string, number> => {
    const m = new Map<string, number>();
    for (let i = 0; i < values.length; i++) {
      const k = sign[i] === 0 ? '0:-1' : keyOf(sign[i], levelIndex(level, fine[i]));
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  // level 1: every bucket of the fixed grid is measured
  const top: Node[] = [{ index: -1, sign: 0, level: 1, count: 0 }];
  for (const s of [-1, 1] as const) for (let dIdx = 0; dIdx < DECADES; dIdx++) top.push({ index: dIdx, sign: s, level: 1, count: 0 });
  const measure = (nodes: Node[], level: number, total: number) => {
    const real = countsAt(level);
    const noisy = noisyCounts(nodes.map((n) => real.get(keyOf(n.sign, n.index)) ?? 0), sigma, rng);
    const fitted = projectToSimplex(noisy, total);
    nodes.forEach((n, i) => (n.count = fitted[i]));
  };
  // missing cells are one more level-1 bucket, so the total is the public row count
  const missingNode: Node = { index: -2, sign: 0, level: 1, count: 0 };
  const real1 = countsAt(1);
  real1.set('0:-2', missing);
  const noisyTop = noisyCounts([...top, missingNode].map((n) => real1.get(`${n.sign}:${n.index}`) ?? 0), sigma, rng);
  const fittedTop = projectToSimplex(noisyTop, values.length + missing);
  top.forEach((n, i) => (n.count = fittedTop[i]));
  const leaves: Node[] = [];
  const expand = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.sign === 0 || node.level === 3 || node.count < threshold) {
        leaves.push(node);
        continue;
      }
      const children: Node[] = [];
      if (node.level === 1) for (let d = 0; d < 9; d++) children.push({ index: node.index * 9 + d, sign: node.sign, level: 2, count: 0 });
      else {
        const decade = Math.floor(node.index / 9);
        const digit = node.index % 9;
        for (let m = 0; m < 10; m++) children.push({ index: decade * 90 + digit * 10 + m, sign: node.sign, level: 3, count: 0 });
      }
      measure(children, node.level + 1, node.count);
      expand(children);
    }
  };
  // the levels are measured breadth-first in effect: each level's children partition a subset of rows
  expand(top);
  // a decade too thin to split is noise or a sparse far tail: dropped, so the noise of 30-odd
  // empty decades does not add up to a tail quantile far from the data (its rows are clamped
  // into the outermost bins). The zero bucket likewise: kept on noise alone it stretched credit
  // limits of 10,000 and up down to 0 (validation part of UCI)
  const intervals = leaves
    .filter((l) => l.count > 0 && (l.level > 1 || l.count >= rules.thinDecadeSigmas * sigma))
    .map((l) => {
      if (l.sign === 0) return { lo: 0, hi: 0, count: l.count };
      const [a, b] = magnitudeInterval(l.level, l.index);
      return l.sign > 0 ? { lo: a, hi: b, count: l.count } : { lo: -b, hi: -a, count: l.count };
    })
    .sort((x, y) => x.lo - y.lo);
  const edge = rules.edgeSigmas * sigma;
  let first = 0;
  let last = intervals.length - 1;
  while (first < last && intervals[first].count < edge) first++;
  while (last > first && intervals[last].count < edge) last--;
  const trimmed = intervals.slice(first, last + 1);
  // the noisy total, not the count of present values (that is private)
  const noisyTotal = trimmed.reduce((s, x) => s + x.count, 0);
  const kept = rules.tailFit === 'off' ? trimmed : withFittedTails(trimmed, noisyTotal, rules.tailFit, { ...DEFAULT_TAIL_OPTIONS, maxShape: rules.tailMaxShape, maxShapeLower: rules.tailMaxShapeLower });
  // any occupied leaf stretches the range; measured on a validation part of UCI, requiring 2 sigma
  // of rows there (so leaves of pure noise, such as ages of 10, cannot) lowered pair trends
  // (0.840 to 0.824 at epsilon 1): the metric bins each table between its own min and max
  return { cuts: cutsFromHistogram(kept, bins, integer, 0), histogram: kept, sigma, levels: 3 };
}

/** Quantile cuts of a histogram of [lo, hi) intervals; duplicated values mark point masses. */
export function cutsFromHistogram(intervals: { lo: number; hi: number; count: number }[], bins: number, integer: boolean, minTailCount = 0): number[] {
  const total = intervals.reduce((s, x) => s + x.count, 0);
  if (!(total > 0)) return [0];
  const points = new Set<number>();
  for (const x of intervals) {
    const exact = x.lo === x.hi || (integer && Number.isInteger(x.lo) && (x.hi - x.lo === 1 || x.count >= (2 * total) / bins));
    if (exact && x.count >= total / bins) points.add(x.lo);
  }
  const targets = [0.005];
  for (let b = 1; b < bins; b++) targets.push(b / bins);
  targets.push(0.995);
  const cuts = new Set<number>();
  let acc = 0;
  let t = 0;
  for (const x of intervals) {
    while (t < targets.length && acc + x.count >= targets[t] * total) {
      const within = x.count > 0 ? (targets[t] * total - acc) / x.count : 0;
      let c = x.lo + within * (x.hi - x.lo);
      if (integer) c = Math.round(c);
      if (!points.has(x.lo)) cuts.add(c);
      t++;
    }
    acc += x.count;
  }
  // the outermost occupied leaf edges (at least minTailCount rows) close the tail bins: the 0.5 % tails are spread up to where
  // the noisy histogram still holds rows, so the synthetic range is about the real one (pair
  // metrics that bin each table between its own min and max depend on it)
  const first = intervals.find((x) => x.count >= minTailCount) ?? intervals.find((x) => x.count > 0)!;
  const last = [...intervals].reverse().find((x) => x.count >= minTailCount) ?? [...intervals].reverse().find((x) => x.count > 0)!;
  cuts.add(first.lo);
  cuts.add(last.hi);
  const out = [...cuts].filter((c) => !points.has(c));
  for (const p of points) out.push(p, p);
  return out.sort((a, b) => a - b);
}
