import type { ColumnDistribution } from '../report/types.ts';
import { gapsSeconds, hoursOf, type StreamView } from './stream-view.ts';

/**
 * What the streams panel draws, real beside synthetic, in the shape of the report's column
 * distributions (shares per shared bin or per label) so the validate step's chart draws them:
 * events per customer, the gap between a card's consecutive events (log10 hours), each customer's
 * mean amount, hour of day, weekday, fraud events per fraudulent customer; and the category
 * transition matrices over the most frequent real categories (the rest pooled as "other").
 */
export interface TransitionMatrices {
  /** row and column labels, most frequent real categories first */
  categories: string[];
  /** row-normalised: [from][to] share of the transitions leaving `from` (NaN for a row never left) */
  real: number[][];
  synthetic: number[][];
}

export interface StreamDistributions {
  eventsPerCustomer: ColumnDistribution;
  logGapHours: ColumnDistribution;
  customerMeanAmount: ColumnDistribution | null;
  hour: ColumnDistribution;
  weekday: ColumnDistribution;
  fraudEventsPerFraudCustomer: ColumnDistribution | null;
  transitions: TransitionMatrices | null;
}

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const OTHER_CATEGORY = 'other';

/** Shares per equal-width bin over the range of both sides together (integers get whole-number bins when few). */
export function binnedShares(column: string, real: ArrayLike<number>, synthetic: ArrayLike<number>, maxBins = 20): ColumnDistribution {
  const finite = (xs: ArrayLike<number>) => Array.from(xs).filter((x) => Number.isFinite(x));
  const r = finite(real);
  const s = finite(synthetic);
  const all = r.concat(s);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of all) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (all.length === 0) return { column, kind: 'continuous', datetime: false, bins: [], outside: { real: 0, synthetic: 0 } };
  const integers = all.every((x) => Number.isInteger(x));
  let width: number;
  let nBins: number;
  if (integers && hi - lo + 1 <= maxBins) {
    // one bin per whole number, centred on it
    nBins = hi - lo + 1;
    lo -= 0.5;
    width = 1;
  } else {
    nBins = maxBins;
    width = hi > lo ? (hi - lo) / nBins : 1;
  }
  const count = (xs: number[]) => {
    const c = new Float64Array(nBins);
    for (const x of xs) c[Math.min(nBins - 1, Math.max(0, Math.floor((x - lo) / width)))]++;
    return Array.from(c, (k) => (xs.length ? k / xs.length : 0));
  };
  const cr = count(r);
  const cs = count(s);
  return {
    column,
    kind: 'continuous',
    datetime: false,
    bins: cr.map((share, b) => ({ lo: lo + b * width, hi: lo + (b + 1) * width, real: share, synthetic: cs[b] })),
    outside: { real: 0, synthetic: 0 },
  };
}

function labelShares(column: string, labels: string[], real: ArrayLike<number>, synthetic: ArrayLike<number>): ColumnDistribution {
  const total = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
  const tr = total(real) || 1;
  const ts = total(synthetic) || 1;
  return { column, kind: 'discrete', categories: labels.map((category, k) => ({ category, real: real[k] / tr, synthetic: synthetic[k] / ts })), omitted: 0 };
}

/** Events per hour of day (UTC), 0..23. */
export function hourCounts(v: StreamView): Float64Array {
  const c = new Float64Array(24);
  for (const h of hoursOf(v)) c[h]++;
  return c;
}

/** Events per weekday, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekdayCounts(v: StreamView): Float64Array {
  const c = new Float64Array(7);
  for (const r of v.rows) for (const i of r) c[(((Math.floor(v.time[i] / 864e5) + 4) % 7) + 7) % 7]++;
  return c;
}

const eventsPerCustomer = (v: StreamView) => Float64Array.from(v.rows, (r) => r.length);
// a gap under a minute is drawn at one minute, so simultaneous events stay on the chart
const logGapHours = (v: StreamView) => Float64Array.from(gapsSeconds(v), (g) => Math.log10(Math.max(g, 60) / 3600));

function customerMeans(v: StreamView): Float64Array {
  return Float64Array.from(v.rows, (r) => {
    let s = 0;
    let n = 0;
    for (const i of r) {
      const a = v.amount?.[i];
      if (a !== null && a !== undefined && Number.isFinite(a)) {
        s += a;
        n++;
      }
    }
    return n ? s / n : NaN;
  });
}

function fraudCounts(v: StreamView): Float64Array {
  const out: number[] = [];
  for (const r of v.rows) {
    let k = 0;
    for (const i of r) k += v.fraud![i];
    if (k > 0) out.push(k);
  }
  return Float64Array.from(out);
}

/** Row-normalised transition matrices over the `top` most frequent real categories (+ "other"). */
export function transitionMatrices(real: StreamView, synthetic: StreamView, top = 8): TransitionMatrices | null {
  if (!real.category || !synthetic.category) return null;
  const freq = new Map<string, number>();
  for (const r of real.rows) for (const i of r) {
    const l = real.category[i];
    if (l !== null) freq.set(l, (freq.get(l) ?? 0) + 1);
  }
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
  const kept = ranked.slice(0, top);
  const categories = ranked.length > top ? [...kept, OTHER_CATEGORY] : kept;
  const index = new Map(kept.map((l, k) => [l, k]));
  const k = categories.length;
  const slot = (l: string | null) => index.get(l ?? '') ?? (ranked.length > top ? top : -1);
  const matrix = (v: StreamView) => {
    const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const r of v.rows) {
      for (let p = 1; p < r.length; p++) {
        const a = slot(v.category![r[p - 1]]);
        const b = slot(v.category![r[p]]);
        if (a >= 0 && b >= 0) m[a][b]++;
      }
    }
    return m.map((row) => {
      const t = row.reduce((x, y) => x + y, 0);
      return row.map((x) => (t > 0 ? x / t : NaN));
    });
  };
  return { categories, real: matrix(real), synthetic: matrix(synthetic) };
}

export function streamDistributions(real: StreamView, synthetic: StreamView, amountName = 'amount'): StreamDistributions {
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  return {
    eventsPerCustomer: binnedShares('events per customer', eventsPerCustomer(real), eventsPerCustomer(synthetic)),
    logGapHours: binnedShares('gap between a card’s events (log10 hours)', logGapHours(real), logGapHours(synthetic), 24),
    customerMeanAmount: real.amount && synthetic.amount ? binnedShares(`mean ${amountName} per customer`, customerMeans(real), customerMeans(synthetic)) : null,
    hour: labelShares('hour of day', hours, hourCounts(real), hourCounts(synthetic)),
    weekday: labelShares('weekday', WEEKDAYS, weekdayCounts(real), weekdayCounts(synthetic)),
    fraudEventsPerFraudCustomer: real.fraud && synthetic.fraud ? binnedShares('fraud events per fraudulent customer', fraudCounts(real), fraudCounts(synthetic)) : null,
    transitions: transitionMatrices(real, synthetic),
  };
}
