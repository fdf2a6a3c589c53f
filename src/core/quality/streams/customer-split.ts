import type { ColumnTable } from 'arquero';
import { groupStreams } from '../../engines/sequential/customer-streams.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';

/**
 * Held-out data for streams is split by customer, never by row: a customer's events all go to
 * one side, so a model cannot meet a test customer's history in training. Optionally the test
 * customers are cut further to a later period (their events at or after `afterTime`).
 */
export interface CustomerSplit {
  train: Int32Array;
  test: Int32Array;
  trainCustomers: number;
  testCustomers: number;
}

export function splitByCustomer(table: ColumnTable, key: readonly string[], time: string, testFraction: number, seed: number, afterTime: number | null = null): CustomerSplit {
  const streams = groupStreams(table, key, time);
  const nc = streams.rows.length;
  const nTest = Math.max(1, Math.min(nc - 1, Math.round(testFraction * nc)));
  const order = shuffledIndices(nc, createRng(seed));
  const isTest = new Uint8Array(nc);
  for (let k = 0; k < nTest; k++) isTest[order[k]] = 1;
  const t = table.array(time) as ArrayLike<number>;
  const train: number[] = [];
  const test: number[] = [];
  streams.rows.forEach((r, c) => {
    for (const i of r) {
      if (!isTest[c]) train.push(i);
      else if (afterTime === null || t[i] >= afterTime) test.push(i);
    }
  });
  const byRow = (a: number, b: number) => a - b;
  return { train: Int32Array.from(train.sort(byRow)), test: Int32Array.from(test.sort(byRow)), trainCustomers: nc - nTest, testCustomers: nTest };
}
