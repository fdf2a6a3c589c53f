import type { HistogramInterval } from './private-bins.ts';

/**
 * Tails of a private histogram extrapolated with a generalised Pareto distribution (GPD), so the
 * synthetic extremes land about where the largest of n draws from the real tail would.
 *
 * Why: the private histogram drops decades too thin to tell from the noise, so a heavy tail
 * (payments of 100,000 and up at epsilon 1) is cut at the last decade it resolves, and the
 * synthetic maximum falls far short of the real one. Pair metrics that bin each table between
 * its own min and max (SDMetrics' column pair trends) then spread the synthetic mass over more
 * bins than the real table has.
 *
 * How (post-processing only: it reads the noisy histogram, never the data, so it costs no
 * budget): the quantiles at tail shares 4t, 2t and t (t = 0.5 %) of the histogram fix a GPD by
 * its spacings: above a threshold a GPD's quantile spacings at halving tail shares grow by 2^xi,
 * so xi = log2((q(t) - q(2t)) / (q(2t) - q(4t))); beyond q(t) the tail is
 *   x(s) = q(t) + (q(t) - q(2t)) ((t / s)^xi - 1) / (1 - 2^-xi)      (log2(t / s) times the spacing at xi = 0)
 * (a GPD's quantile is a + b (r / s)^xi, so q(t) - q(2t) = b (r / t)^xi (1 - 2^-xi))
 * and the extreme is x(ln 2 / n): the median of the largest of n draws. xi is clamped to
 * [minShape, maxShape], public constants (a wild spacing ratio from noise cannot throw the
 * extreme to 1e30). Mass beyond q(t) is replaced by the GPD's, in pieces of halving tail share.
 */
export interface TailFit {
  /** where the fitted tail starts (the quantile at the tail share) */
  start: number;
  /** the median of the largest (or smallest) of n draws */
  extreme: number;
  shape: number;
  /** the tail's pieces, outermost last, holding the histogram's mass beyond start */
  pieces: HistogramInterval[];
}

export interface TailOptions {
  /** tail share of the outermost fitted quantile (the fit uses 4t, 2t, t) */
  share: number;
  minShape: number;
  maxShape: number;
  /** the largest shape of the lower tail (a thin negative side of balances spans decades: heavier than the upper tail) */
  maxShapeLower: number;
}

export const DEFAULT_TAIL_OPTIONS: Readonly<TailOptions> = Object.freeze({ share: 0.005, minShape: -0.5, maxShape: 0, maxShapeLower: 0.5 });

/** The p-quantile of a histogram of [lo, hi) intervals sorted by lo, mass spread evenly in each (a point [v, v] at v). */
export function histogramQuantile(intervals: readonly HistogramInterval[], p: number): number {
  const total = intervals.reduce((s, x) => s + x.count, 0);
  if (!(total > 0)) throw new Error('an empty histogram has no quantiles');
  const target = Math.min(1, Math.max(0, p)) * total;
  let acc = 0;
  for (const x of intervals) {
    if (x.count > 0 && acc + x.count >= target) return x.lo + ((target - acc) / x.count) * (x.hi - x.lo);
    acc += x.count;
  }
  return intervals[intervals.length - 1].hi;
}

/** x(s) of the tail above start for a tail share s <= t (see the file comment); spacing = q(t) - q(2t). */
export function gpdTailQuantile(start: number, spacing: number, shape: number, t: number, s: number): number {
  const ratio = t / s;
  const growth = Math.abs(shape) < 1e-9 ? Math.log2(ratio) : (ratio ** shape - 1) / (1 - 2 ** -shape);
  return start + spacing * growth;
}

/**
 * The upper tail of a histogram (sorted by lo) fitted with a GPD; null when the quantiles do
 * not spread (a point mass there, or too little mass), so the histogram's own edge stays.
 * `rows` is the row count the extreme is the median maximum of: pass the histogram's own noisy
 * total (the count of present values is private; the noisy total is already paid for).
 */
export function fitUpperTail(intervals: readonly HistogramInterval[], rows: number, o: TailOptions = DEFAULT_TAIL_OPTIONS): TailFit | null {
  const total = intervals.reduce((s, x) => s + x.count, 0);
  const t = o.share;
  // at least 8 rows' worth in the outermost fitted share, so the spacings are not one or two rows
  if (!(total > 0) || !(rows * t >= 8)) return null;
  const q4 = histogramQuantile(intervals, 1 - 4 * t);
  const q2 = histogramQuantile(intervals, 1 - 2 * t);
  const q1 = histogramQuantile(intervals, 1 - t);
  const inner = q2 - q4;
  const spacing = q1 - q2;
  if (!(inner > 0 && spacing > 0)) return null;
  const shape = Math.min(o.maxShape, Math.max(o.minShape, Math.log2(spacing / inner)));
  const sEnd = Math.LN2 / rows;
  // bounded GPD (shape < 0): x(s) has a finite end; the median maximum stays below it
  const extreme = gpdTailQuantile(q1, spacing, shape, t, sEnd);
  const beyond = total - cumulativeBelow(intervals, q1);
  // q1 on a point mass (a round amount holding more than the tail share): no tail to fit
  if (beyond > 2 * t * total) return null;
  const pieces: HistogramInterval[] = [];
  let s = t;
  let lo = q1;
  while (s / 2 > sEnd) {
    const hi = gpdTailQuantile(q1, spacing, shape, t, s / 2);
    pieces.push({ lo, hi, count: (beyond * (s - s / 2)) / t });
    s /= 2;
    lo = hi;
  }
  // the remaining share s, up to the extreme (a sample of n has about one value in it)
  if (extreme > lo) pieces.push({ lo, hi: extreme, count: (beyond * s) / t });
  else if (pieces.length > 0) pieces[pieces.length - 1].count += (beyond * s) / t;
  return { start: q1, extreme, shape, pieces };
}

/** The lower tail, by mirroring. */
export function fitLowerTail(intervals: readonly HistogramInterval[], rows: number, o: TailOptions = DEFAULT_TAIL_OPTIONS): TailFit | null {
  const fit = fitUpperTail(mirror(intervals), rows, o);
  if (!fit) return null;
  return { start: -fit.start, extreme: -fit.extreme, shape: fit.shape, pieces: mirror(fit.pieces) };
}

/**
 * The histogram with both tails replaced by their fits (where one fits): the mass beyond each
 * start is kept, spread as the GPD spreads it. `mode` 'extend' keeps the histogram's own tail
 * where it already reaches beyond the fitted extreme.
 */
export function withFittedTails(intervals: readonly HistogramInterval[], rows: number, mode: 'extend' | 'replace', o: TailOptions = DEFAULT_TAIL_OPTIONS): HistogramInterval[] {
  let out = intervals.map((x) => ({ ...x }));
  if (out.length === 0) return out;
  // a column with both signs (balances): each end's fit uses only its own side of zero, so a
  // thin negative side (2 % of bills) is fitted on its own quantiles, not on the zeros and positives
  const total = out.reduce((s, x) => s + x.count, 0);
  const sideShare = (mass: number) => (out[0].lo < 0 && out[out.length - 1].hi > 0 ? Math.min(o.share, mass / (4 * total)) : o.share);
  const upper = fitUpperTail(out, rows, { ...o, share: sideShare(total - cumulativeBelow(out, 0) - pointMassAt(out, 0)) });
  if (upper && (mode === 'replace' || upper.extreme > out[out.length - 1].hi)) out = [...clipAbove(out, upper.start), ...upper.pieces];
  const lower = fitLowerTail(out, rows, { ...o, maxShape: o.maxShapeLower, share: sideShare(cumulativeBelow(out, 0)) });
  if (lower && (mode === 'replace' || lower.extreme < out[0].lo)) out = [...lower.pieces, ...mirror(clipAbove(mirror(out), -lower.start))];
  return out;
}

function pointMassAt(intervals: readonly HistogramInterval[], x: number): number {
  return intervals.filter((iv) => iv.lo === x && iv.hi === x).reduce((s, iv) => s + iv.count, 0);
}

function mirror(intervals: readonly HistogramInterval[]): HistogramInterval[] {
  return intervals.map((x) => ({ lo: -x.hi, hi: -x.lo, count: x.count })).reverse();
}

/** mass strictly below x (points at x excluded) */
function cumulativeBelow(intervals: readonly HistogramInterval[], x: number): number {
  let acc = 0;
  for (const iv of intervals) {
    if (iv.hi <= x && iv.lo < x) acc += iv.count;
    else if (iv.lo < x) acc += (iv.count * (x - iv.lo)) / (iv.hi - iv.lo);
  }
  return acc;
}

/** the histogram below x: intervals beyond dropped, the one holding x cut at it */
function clipAbove(intervals: readonly HistogramInterval[], x: number): HistogramInterval[] {
  const out: HistogramInterval[] = [];
  for (const iv of intervals) {
    if (iv.hi <= x && iv.lo < x) out.push({ ...iv });
    else if (iv.lo < x) out.push({ lo: iv.lo, hi: x, count: (iv.count * (x - iv.lo)) / (iv.hi - iv.lo) });
  }
  return out;
}
