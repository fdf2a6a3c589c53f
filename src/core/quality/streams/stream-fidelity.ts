import { ksComplementNumeric } from '../ksComplement.ts';
import { gapsSeconds, type StreamView } from './stream-view.ts';
import { hourCounts, weekdayCounts } from './stream-distributions.ts';

/**
 * How closely synthetic streams follow real ones, one figure per property (1 = identical):
 * KS complements of events per customer, log gaps, amounts, active spans and per-customer mean
 * amounts; TV complements of hour of day and weekday; the category transition similarity; and
 * the fraud figures (share of customers with fraud as a ratio, fraud events per fraudulent
 * customer as a KS complement).
 */
export interface StreamFidelity {
  eventsPerCustomerKs: number;
  logGapKs: number;
  amountKs: number;
  activeSpanKs: number;
  customerMeanAmountKs: number;
  hourTv: number;
  weekdayTv: number;
  transitionSimilarity: number;
  /** synthetic share of customers with fraud / real share (1 = the same) */
  fraudCustomerShareRatio: number;
  fraudEventsPerFraudCustomerKs: number;
}

const eventsPerCustomer = (v: StreamView) => Float64Array.from(v.rows, (r) => r.length);
const logGaps = (v: StreamView) => gapsSeconds(v).map((g) => Math.log1p(Math.max(0, g)));
const spanDays = (v: StreamView) => Float64Array.from(v.rows, (r) => (v.time[r[r.length - 1]] - v.time[r[0]]) / 864e5);

function amounts(v: StreamView): Float64Array {
  const out: number[] = [];
  if (!v.amount) return new Float64Array(0);
  for (const r of v.rows) for (const i of r) out.push(v.amount[i] ?? NaN);
  return Float64Array.from(out);
}

function customerMeanAmounts(v: StreamView): Float64Array {
  return Float64Array.from(v.rows, (r) => {
    let s = 0;
    let n = 0;
    for (const i of r) {
      const a = v.amount?.[i];
      if (a !== null && a !== undefined) {
        s += a;
        n++;
      }
    }
    return n > 0 ? s / n : NaN;
  });
}

/** 1 − half the L1 distance of two count vectors' shares. */
export function tvOfCounts(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sa = 0;
  let sb = 0;
  for (let k = 0; k < a.length; k++) {
    sa += a[k];
    sb += b[k];
  }
  if (sa === 0 || sb === 0) return NaN;
  let d = 0;
  for (let k = 0; k < a.length; k++) d += Math.abs(a[k] / sa - b[k] / sb);
  return 1 - d / 2;
}

/**
 * 1 − Σ_a w_a · ½ Σ_b |R_ab − S_ab|, R and S the row-normalised matrices of transitions from
 * a customer's event category a to the next one's b, w_a the real share of category a among
 * transition origins. A category the synthetic streams never leave counts as fully different.
 */
export function transitionSimilarity(real: StreamView, synthetic: StreamView): number {
  if (!real.category || !synthetic.category) return NaN;
  const labels = new Map<string, number>();
  const idx = (l: string | null) => {
    const k = l ?? '\u0000';
    let j = labels.get(k);
    if (j === undefined) labels.set(k, (j = labels.size));
    return j;
  };
  const count = (v: StreamView) => {
    const m = new Map<number, Map<number, number>>();
    for (const r of v.rows) {
      for (let p = 1; p < r.length; p++) {
        const a = idx(v.category![r[p - 1]]);
        const b = idx(v.category![r[p]]);
        const row = m.get(a) ?? new Map<number, number>();
        row.set(b, (row.get(b) ?? 0) + 1);
        m.set(a, row);
      }
    }
    return m;
  };
  const R = count(real);
  const S = count(synthetic);
  let total = 0;
  R.forEach((row) => row.forEach((k) => (total += k)));
  if (total === 0) return NaN;
  let loss = 0;
  R.forEach((row, a) => {
    let ra = 0;
    row.forEach((k) => (ra += k));
    const srow = S.get(a);
    let sa = 0;
    srow?.forEach((k) => (sa += k));
    let d = 1;
    if (srow && sa > 0) {
      d = 0;
      const keys = new Set([...row.keys(), ...srow.keys()]);
      keys.forEach((b) => (d += Math.abs((row.get(b) ?? 0) / ra - (srow.get(b) ?? 0) / sa)));
      d /= 2;
    }
    loss += (ra / total) * d;
  });
  return 1 - loss;
}

function fraudPerCustomer(v: StreamView): Float64Array {
  return Float64Array.from(v.rows, (r) => {
    let k = 0;
    for (const i of r) k += v.fraud![i];
    return k;
  });
}

export function streamFidelity(real: StreamView, synthetic: StreamView): StreamFidelity {
  let shareRatio = NaN;
  let fraudKs = NaN;
  if (real.fraud && synthetic.fraud) {
    const fr = fraudPerCustomer(real);
    const fs = fraudPerCustomer(synthetic);
    const share = (f: Float64Array) => f.filter((k) => k > 0).length / Math.max(1, f.length);
    shareRatio = share(fs) / share(fr);
    fraudKs = ksComplementNumeric(fr.filter((k) => k > 0), fs.filter((k) => k > 0));
  }
  return {
    eventsPerCustomerKs: ksComplementNumeric(eventsPerCustomer(real), eventsPerCustomer(synthetic)),
    logGapKs: ksComplementNumeric(logGaps(real), logGaps(synthetic)),
    amountKs: ksComplementNumeric(amounts(real), amounts(synthetic)),
    activeSpanKs: ksComplementNumeric(spanDays(real), spanDays(synthetic)),
    customerMeanAmountKs: ksComplementNumeric(customerMeanAmounts(real), customerMeanAmounts(synthetic)),
    hourTv: tvOfCounts(hourCounts(real), hourCounts(synthetic)),
    weekdayTv: tvOfCounts(weekdayCounts(real), weekdayCounts(synthetic)),
    transitionSimilarity: transitionSimilarity(real, synthetic),
    fraudCustomerShareRatio: shareRatio,
    fraudEventsPerFraudCustomerKs: fraudKs,
  };
}
