import { quantileSorted } from '../../data/eda/quantile.ts';
import type { CategoryCoverage } from '../categoryCoverage';
import { sortedPresent, toNumeric } from '../numericColumn';
import type { Cell } from '../types';
import type { ColumnDistribution } from './types';

const BINS = 30;
const MAX_CATEGORIES = 25;

/**
 * Shares per shared equal-width bin. The range is the real 0.5–99.5 % quantile range, so one
 * far-out value (real or invented) does not squash every bar into one; what falls outside is
 * reported as a share instead.
 */
export function continuousDistribution(column: string, real: ArrayLike<Cell>, synthetic: ArrayLike<Cell>, datetime: boolean): ColumnDistribution {
  const r = sortedPresent(toNumeric(real));
  const s = sortedPresent(toNumeric(synthetic));
  const ref = r.length > 0 ? r : s;
  let lo = ref.length > 0 ? quantileSorted(ref, 0.005) : 0;
  let hi = ref.length > 0 ? quantileSorted(ref, 0.995) : 1;
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / BINS;
  const count = (x: Float64Array) => {
    const out = new Float64Array(BINS);
    let outside = 0;
    for (const v of x) {
      if (v < lo || v > hi) {
        outside++;
        continue;
      }
      out[Math.min(BINS - 1, Math.floor((v - lo) / width))]++;
    }
    return { out, outside, n: x.length };
  };
  const cr = count(r);
  const cs = count(s);
  const share = (a: number, n: number) => (n > 0 ? a / n : 0);
  return {
    column,
    kind: 'continuous',
    datetime,
    bins: Array.from({ length: BINS }, (_, i) => ({
      lo: lo + i * width,
      hi: i === BINS - 1 ? hi : lo + (i + 1) * width,
      real: share(cr.out[i], cr.n),
      synthetic: share(cs.out[i], cs.n),
    })),
    outside: { real: share(cr.outside, cr.n), synthetic: share(cs.outside, cs.n) },
  };
}

/** The most frequent categories of either table, for overlaid bars. */
export function discreteDistribution(column: string, coverage: CategoryCoverage): ColumnDistribution {
  const ranked = coverage.frequencies
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => Math.max(b.real, b.synthetic) - Math.max(a.real, a.synthetic) || a.i - b.i);
  const kept = ranked.slice(0, MAX_CATEGORIES);
  // numeric codes (PAY_0 -2..8) read best in numeric order; labels keep the real order of appearance
  const numeric = kept.every((k) => k.category.trim() !== '' && Number.isFinite(Number(k.category)));
  kept.sort((a, b) => (numeric ? Number(a.category) - Number(b.category) : a.i - b.i));
  return {
    column,
    kind: 'discrete',
    categories: kept.map(({ category, real, synthetic }) => ({ category, real, synthetic })),
    omitted: ranked.length - kept.length,
  };
}

/** Two samples over shared equal-width bins from 0 to the larger 99th percentile (DCR chart). */
export function sharedHistogram(a: Float64Array, b: Float64Array, bins = 30): { lo: number; hi: number; a: number; b: number }[] {
  const sa = sortedPresent(a);
  const sb = sortedPresent(b);
  if (sa.length === 0 && sb.length === 0) return [];
  const top = Math.max(sa.length ? quantileSorted(sa, 0.99) : 0, sb.length ? quantileSorted(sb, 0.99) : 0);
  const hi = top > 0 ? top : 1;
  const width = hi / bins;
  const count = (x: Float64Array) => {
    const out = new Float64Array(bins);
    for (const v of x) out[Math.max(0, Math.min(bins - 1, Math.floor(v / width)))]++;
    return out.map((c) => (x.length > 0 ? c / x.length : 0));
  };
  const ca = count(sa);
  const cb = count(sb);
  return Array.from({ length: bins }, (_, i) => ({ lo: i * width, hi: (i + 1) * width, a: ca[i], b: cb[i] }));
}
