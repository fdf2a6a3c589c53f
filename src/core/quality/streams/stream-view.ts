import type { ColumnTable } from 'arquero';
import { groupStreams } from '../../engines/sequential/customer-streams.ts';

/** Which columns of a transactions table the stream metrics read. */
export interface StreamColumns {
  key: string[];
  /** datetime column (epoch ms) */
  time: string;
  amount: string | null;
  category: string | null;
  target: string | null;
  /** the target label that counts as fraud */
  positive: string | null;
}

/** A table seen as customers' streams: per customer the rows in time order, and the columns read. */
export interface StreamView {
  rows: Int32Array[];
  time: ArrayLike<number>;
  amount: ArrayLike<number | null> | null;
  category: ArrayLike<string | null> | null;
  /** 1 where the target holds the positive label */
  fraud: Uint8Array | null;
}

export function streamView(table: ColumnTable, c: StreamColumns): StreamView {
  const streams = groupStreams(table, c.key, c.time);
  let fraud: Uint8Array | null = null;
  if (c.target && c.positive !== null) {
    const y = table.array(c.target) as ArrayLike<unknown>;
    fraud = Uint8Array.from({ length: table.numRows() }, (_, i) => (y[i] !== null && String(y[i]) === c.positive ? 1 : 0));
  }
  return {
    rows: streams.rows,
    time: table.array(c.time) as ArrayLike<number>,
    amount: c.amount ? (table.array(c.amount) as ArrayLike<number | null>) : null,
    category: c.category ? (table.array(c.category) as ArrayLike<string | null>) : null,
    fraud,
  };
}

/** Seconds between each customer's consecutive events. */
export function gapsSeconds(v: StreamView): Float64Array {
  const out: number[] = [];
  for (const r of v.rows) for (let p = 1; p < r.length; p++) out.push((v.time[r[p]] - v.time[r[p - 1]]) / 1000);
  return Float64Array.from(out);
}

/** Hour of day (UTC) of every event. */
export function hoursOf(v: StreamView): Int32Array {
  const out: number[] = [];
  for (const r of v.rows) for (const i of r) out.push(Math.floor((((v.time[i] % 864e5) + 864e5) % 864e5) / 36e5));
  return Int32Array.from(out);
}
