import { createFeatureMatrix, type FeatureMatrix } from '../../risk/features/feature-matrix.ts';
import type { StreamView } from './stream-view.ts';
import { median } from '../../util/median.ts';

/**
 * One row per customer that sums up the stream: how many events and over how long, the amounts'
 * mean, spread and median, the share of each category (the real data's categories), the gaps'
 * mean, median and spread (log seconds), the night (22:00–03:59) and weekend shares, and the
 * number of fraud events. Detection and per-customer privacy compare customers through it.
 */
export function customerSummaries(v: StreamView, categories: readonly string[]): FeatureMatrix {
  const names = ['log_events', 'span_days', 'amount_mean', 'amount_sd', 'amount_median', ...categories.map((c) => `share_${c}`), 'log_gap_mean', 'log_gap_median', 'log_gap_sd', 'night_share', 'weekend_share', 'fraud_events'];
  const nCols = names.length;
  const catIndex = new Map(categories.map((c, k) => [c, k]));
  const data = new Float64Array(v.rows.length * nCols);
  v.rows.forEach((r, c) => {
    const row = data.subarray(c * nCols, (c + 1) * nCols);
    const n = r.length;
    const amounts: number[] = [];
    const gaps: number[] = [];
    const shares = new Float64Array(categories.length);
    let night = 0;
    let weekend = 0;
    let fraud = 0;
    for (let p = 0; p < n; p++) {
      const i = r[p];
      const a = v.amount?.[i];
      if (a !== null && a !== undefined) amounts.push(a);
      const k = v.category ? catIndex.get(v.category[i] ?? '') : undefined;
      if (k !== undefined) shares[k] += 1 / n;
      const ms = ((v.time[i] % 864e5) + 864e5) % 864e5;
      const h = Math.floor(ms / 36e5);
      if (h >= 22 || h < 4) night += 1 / n;
      const wd = (((Math.floor(v.time[i] / 864e5) + 4) % 7) + 7) % 7;
      if (wd === 0 || wd === 6) weekend += 1 / n;
      if (v.fraud) fraud += v.fraud[i];
      if (p > 0) gaps.push(Math.log1p(Math.max(0, (v.time[i] - v.time[r[p - 1]]) / 1000)));
    }
    let j = 0;
    row[j++] = Math.log(n);
    row[j++] = (v.time[r[n - 1]] - v.time[r[0]]) / 864e5;
    row[j++] = mean(amounts);
    row[j++] = sd(amounts);
    row[j++] = median(amounts);
    row.set(shares, j);
    j += categories.length;
    row[j++] = mean(gaps);
    row[j++] = median(gaps);
    row[j++] = sd(gaps);
    row[j++] = night;
    row[j++] = weekend;
    row[j++] = fraud;
  });
  return createFeatureMatrix(data, v.rows.length, names);
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}

function sd(xs: number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
