import { createRng, shuffledIndices } from '../../util/random.ts';

/**
 * Seeded stratified split of row indices into a kept part and a held-out part (early-stopping
 * validation inside a model fit). Each class contributes round(fraction · n_c) rows to the
 * held-out part, so a rare positive class is represented in both parts.
 */
export interface Holdout {
  /** ascending row indices */
  keep: Int32Array;
  /** ascending row indices */
  heldOut: Int32Array;
}

export function stratifiedHoldout(y: ArrayLike<number>, fraction: number, seed: number): Holdout {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`holdout fraction must be in (0, 1), got ${fraction}`);
  const rng = createRng(seed);
  const n = y.length;
  const order = shuffledIndices(n, rng);
  const held = new Uint8Array(n);
  for (const cls of [0, 1]) {
    let count = 0;
    for (let i = 0; i < n; i++) if (y[i] === cls) count++;
    const take = Math.round(fraction * count);
    let taken = 0;
    for (let k = 0; k < n && taken < take; k++) {
      const i = order[k];
      if (y[i] === cls) {
        held[i] = 1;
        taken++;
      }
    }
  }
  let nHeld = 0;
  for (let i = 0; i < n; i++) nHeld += held[i];
  const keep = new Int32Array(n - nHeld);
  const heldOut = new Int32Array(nHeld);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (held[i]) heldOut[b++] = i;
    else keep[a++] = i;
  }
  return { keep, heldOut };
}

/**
 * The rows a model fits on and the rows it early-stops on: a stratified holdout when early
 * stopping is on, otherwise every row and no validation part.
 */
export function earlyStoppingSplit(y: ArrayLike<number>, earlyStopping: boolean, fraction: number, seed: number): Holdout {
  if (earlyStopping) return stratifiedHoldout(y, fraction, seed);
  return { keep: Int32Array.from({ length: y.length }, (_, i) => i), heldOut: new Int32Array(0) };
}
