import { createRng, shuffledIndices } from '../../util/random.ts';

/**
 * Stratified k-fold assignment for a 0/1 label: within each class the rows are shuffled and dealt
 * round-robin, so every fold holds floor or ceil of n_c / k rows of each class.
 */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Uint8Array {
  if (!(k >= 2 && k <= 255)) throw new Error(`folds must be in [2, 255], got ${k}`);
  const rng = createRng(seed);
  const fold = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    const order = shuffledIndices(rows.length, rng);
    for (let p = 0; p < rows.length; p++) fold[rows[order[p]]] = p % k;
  }
  return fold;
}

/** Ascending row indices in / out of fold f. */
export function foldRows(fold: Uint8Array, f: number): { train: Int32Array; test: Int32Array } {
  let nTest = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) nTest++;
  const train = new Int32Array(fold.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < fold.length; i++) {
    if (fold[i] === f) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}
