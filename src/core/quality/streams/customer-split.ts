import type { ColumnTable } from 'arquero';
import { groupStreams } from '../../engines/sequential/customer-streams.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';

/**
 * Held-out data for streams is split by customer, never by row: a customer's events all go to
 * one side, so a model cannot meet a test customer's history in training. Optionally the split
 * is also by time (a later period): held-out customers keep only their events at or after
 * `afterTime`, and with `trainBeforeTime` the training customers keep only their events before
 * it, so nothing of the later period is trained on.
 */
export interface CustomerSplit {
  train: Int32Array;
  test: Int32Array;
  /** customers with at least one training row */
  trainCustomers: number;
  /** customers with at least one held-out row */
  testCustomers: number;
}

export function splitByCustomer(
  table: ColumnTable,
  key: readonly string[],
  time: string,
  testFraction: number,
  seed: number,
  afterTime: number | null = null,
  trainBeforeTime = false,
): CustomerSplit {
  const streams = groupStreams(table, key, time);
  const nc = streams.rows.length;
  const nTest = Math.max(1, Math.min(nc - 1, Math.round(testFraction * nc)));
  const order = shuffledIndices(nc, createRng(seed));
  const isTest = new Uint8Array(nc);
  for (let k = 0; k < nTest; k++) isTest[order[k]] = 1;
  const t = table.array(time) as ArrayLike<number>;
  const train: number[] = [];
  const test: number[] = [];
  let trainCustomers = 0;
  let testCustomers = 0;
  streams.rows.forEach((r, c) => {
    const side = isTest[c] ? test : train;
    const before = side.length;
    for (const i of r) {
      if (isTest[c] ? afterTime === null || t[i] >= afterTime : afterTime === null || !trainBeforeTime || t[i] < afterTime) side.push(i);
    }
    if (side.length > before) {
      if (isTest[c]) testCustomers++;
      else trainCustomers++;
    }
  });
  const byRow = (a: number, b: number) => a - b;
  return { train: Int32Array.from(train.sort(byRow)), test: Int32Array.from(test.sort(byRow)), trainCustomers, testCustomers };
}

/**
 * Where the later period starts: the time at or after which the latest `laterFraction` of the
 * events lie (the event time at that rank). Null when the column has no times.
 */
export function laterPeriodStart(table: ColumnTable, time: string, laterFraction: number): number | null {
  if (!(laterFraction > 0 && laterFraction < 1)) throw new Error(`the later period is a share of the events between 0 and 1 (got ${laterFraction})`);
  const t = Array.from(table.array(time) as ArrayLike<number | null>).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (t.length === 0) return null;
  t.sort((a, b) => a - b);
  return t[Math.min(t.length - 1, Math.floor((1 - laterFraction) * t.length))];
}
