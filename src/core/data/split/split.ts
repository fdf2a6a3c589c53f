/**
 * Train/test splits by row index. Stratified: each class (missing labels form their own class) puts
 * floor or ceil of its exact share in the test set, and the totals add up to round(n · testFraction)
 * (largest-remainder apportionment), so class rates in train and test agree within one row.
 * Seeded: the same labels and seed always give the same split.
 */
import { createRng, shuffledIndices } from '../../util/random.ts';

export interface SplitOptions {
  /** share of rows in the test set, in [0, 1] (default 0.2) */
  testFraction?: number;
  seed: number;
}

export interface Split {
  /** row indices, ascending */
  train: Int32Array;
  test: Int32Array;
}

function checkFraction(f: number): void {
  if (!(f >= 0 && f <= 1)) throw new Error(`split: testFraction must be in [0, 1], got ${f}`);
}

function finish(testMask: Uint8Array): Split {
  let nTest = 0;
  for (let i = 0; i < testMask.length; i++) nTest += testMask[i];
  const train = new Int32Array(testMask.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < testMask.length; i++) {
    if (testMask[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Plain seeded random split, for data without a target. */
export function randomSplit(n: number, { testFraction = 0.2, seed }: SplitOptions): Split {
  checkFraction(testFraction);
  const order = shuffledIndices(n, createRng(seed));
  const nTest = Math.round(n * testFraction);
  const mask = new Uint8Array(n);
  for (let i = 0; i < nTest; i++) mask[order[i]] = 1;
  return finish(mask);
}

const MISSING_KEY = '\u0000missing';

export function stratifiedSplit(labels: ArrayLike<string | null>, { testFraction = 0.2, seed }: SplitOptions): Split {
  checkFraction(testFraction);
  const n = labels.length;
  const strata = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    const key = v === null || v === undefined ? MISSING_KEY : v;
    let rows = strata.get(key);
    if (!rows) strata.set(key, (rows = []));
    rows.push(i);
  }
  // sorted keys: the split must not depend on which class happens to appear first
  const keys = [...strata.keys()].sort();
  const quota = keys.map((k) => strata.get(k)!.length * testFraction);
  const take = quota.map((q) => Math.floor(q));
  let remaining = Math.round(n * testFraction) - take.reduce((s, t) => s + t, 0);
  const byRemainder = keys.map((_, i) => i).sort((a, b) => quota[b] - take[b] - (quota[a] - take[a]) || a - b);
  for (const i of byRemainder) {
    if (remaining <= 0) break;
    if (take[i] < strata.get(keys[i])!.length) {
      take[i]++;
      remaining--;
    }
  }
  const rng = createRng(seed);
  const mask = new Uint8Array(n);
  keys.forEach((key, s) => {
    const rows = strata.get(key)!;
    const order = shuffledIndices(rows.length, rng);
    for (let i = 0; i < take[s]; i++) mask[rows[order[i]]] = 1;
  });
  return finish(mask);
}
