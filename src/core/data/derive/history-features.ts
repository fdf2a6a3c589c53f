import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { groupStreams } from '../../engines/sequential/customer-streams.ts';
import { haversineKm } from './derived-features.ts';

/**
 * Features of a transaction that need the card's history: seconds since the card's previous
 * transaction, the amount over the mean of the card's earlier amounts, how many transactions the
 * card made in the hour and the day before, and the km from the previous transaction's merchant.
 * Computed the same way on real and synthetic tables (the fraud model sees the same inputs), so a
 * synthetic table must have streams (customers and transactions mode) for them to mean anything.
 * Undefined values (a card's first transaction) are null.
 */
export interface HistoryFeatureSpec {
  key: string[];
  /** datetime column (epoch ms) */
  time: string;
  amount: string | null;
  merchantLat?: string | null;
  merchantLong?: string | null;
}

export const HISTORY_FEATURE_NAMES = {
  sincePrevious: 'hist_seconds_since_prev',
  amountToMean: 'hist_amount_to_card_mean',
  lastHour: 'hist_count_last_hour',
  lastDay: 'hist_count_last_day',
  kmFromPrevious: 'hist_km_from_prev_merchant',
} as const;

export function historyFeatures(table: ColumnTable, spec: HistoryFeatureSpec): Record<string, (number | null)[]> {
  const n = table.numRows();
  const since = new Array<number | null>(n).fill(null);
  const ratio = new Array<number | null>(n).fill(null);
  const hour = new Array<number | null>(n).fill(null);
  const day = new Array<number | null>(n).fill(null);
  const km = new Array<number | null>(n).fill(null);
  const t = table.array(spec.time) as ArrayLike<number | null>;
  const amt = spec.amount ? (table.array(spec.amount) as ArrayLike<number | null>) : null;
  const lat = spec.merchantLat ? (table.array(spec.merchantLat) as ArrayLike<number | null>) : null;
  const lon = spec.merchantLong ? (table.array(spec.merchantLong) as ArrayLike<number | null>) : null;
  for (const r of groupStreams(table, spec.key, spec.time).rows) {
    let sum = 0;
    let count = 0;
    let h0 = 0;
    let d0 = 0;
    for (let p = 0; p < r.length; p++) {
      const i = r[p];
      const ti = t[i] as number;
      while (t[r[h0]]! <= ti - 36e5) h0++;
      while (t[r[d0]]! <= ti - 864e5) d0++;
      hour[i] = p - h0;
      day[i] = p - d0;
      if (p > 0) {
        const j = r[p - 1];
        since[i] = (ti - (t[j] as number)) / 1000;
        if (lat && lon && lat[i] !== null && lon[i] !== null && lat[j] !== null && lon[j] !== null) km[i] = haversineKm(lat[j]!, lon[j]!, lat[i]!, lon[i]!);
      }
      const a = amt?.[i];
      if (count > 0 && a !== null && a !== undefined && sum > 0) ratio[i] = a / (sum / count);
      if (a !== null && a !== undefined) {
        sum += a;
        count++;
      }
    }
  }
  const N = HISTORY_FEATURE_NAMES;
  const out: Record<string, (number | null)[]> = { [N.sincePrevious]: since, [N.amountToMean]: ratio, [N.lastHour]: hour, [N.lastDay]: day };
  if (lat && lon) out[N.kmFromPrevious] = km;
  return out;
}

/** The table with the history features added as columns at the end. */
export function withHistoryFeatures(table: ColumnTable, spec: HistoryFeatureSpec): ColumnTable {
  return table.assign(aq.table(historyFeatures(table, spec)));
}
