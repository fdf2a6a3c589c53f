import * as tf from '@tensorflow/tfjs';
import { LEAKY_SLOPE } from './discriminator';
import { hasJsKernel, registerJsKernel, runJsKernel } from './js-kernels';

/**
 * The critic's small element-wise pieces of a hand-derived step (critic-gradients.ts,
 * generator-gradients.ts) as one kernel each on the wasm and cpu backends (js-kernels.ts), the
 * tfjs ops elsewhere. Each replaced 3-12 launches over a few thousand to 130k floats; on WASM a
 * launch costs about as much as such a pass. Same float32 results as the ops, bit for bit.
 * (The gradient penalty as one JS kernel was tried: no faster than its ~10 ops; not kept.)
 */

export const LEAKY_SLOPES = 'SynthCreditLeakySlopes';
export const INTERPOLATED_ROWS = 'SynthCreditInterpolatedRows';

const SLOPE = Math.fround(LEAKY_SLOPE);

/** inputs a, mask [rows, d]; outputs s = (a > 0 ? 1 : 0.2)·mask and h = a∘s */
function leakyLoop(x: Float32Array, m: Float32Array, s: Float32Array, h: Float32Array, from: number): void {
  for (let i = from; i < x.length; i++) {
    const v = (x[i] > 0 ? 1 : SLOPE) * m[i];
    s[i] = v;
    h[i] = x[i] * v;
  }
}

registerJsKernel(LEAKY_SLOPES, ['a', 'mask'], ([a]) => ({
  shapes: [a.shape, a.shape],
  body: ([x, m], [s, h]) => leakyLoop(x, m, s, h, 0),
  // f32x4 (simd-batch-norm.ts), the n mod 4 rest here
  simd: (k, [x, m], [s, h], [xv, mv], [sv, hv]) => {
    k.leakySlopes(x, m, s, h, xv.length, SLOPE);
    leakyLoop(xv, mv, sv, hv, xv.length & ~3);
  },
}));

/** The slopes s_l = (0.2 + 0.8·[a > 0])∘mask and the layer output a∘s_l. */
export function leakySlopes(a: tf.Tensor2D, mask: tf.Tensor2D): { s: tf.Tensor2D; h: tf.Tensor2D } {
  if (hasJsKernel(LEAKY_SLOPES)) {
    const [s, h] = runJsKernel(LEAKY_SLOPES, { a, mask }) as tf.Tensor2D[];
    return { s, h };
  }
  const s = tf.mul(tf.add(tf.mul(tf.step(a), 1 - LEAKY_SLOPE), LEAKY_SLOPE), mask) as tf.Tensor2D;
  return { s, h: tf.mul(a, s) as tf.Tensor2D };
}

/** inputs a [2G, d] (G real rows, then G fake), alpha [G, 1]; output [3G, d]: a, then aFake + α∘(aReal − aFake) */
registerJsKernel(INTERPOLATED_ROWS, ['a', 'alpha'], ([a]) => ({
  shapes: [[(a.shape[0] / 2) * 3, a.shape[1]]],
  body: ([x, alpha], [out]) => {
    const d = a.shape[1];
    const g = a.shape[0] / 2;
    out.set(x);
    for (let r = 0; r < g; r++) {
      const al = alpha[r];
      const real = r * d;
      const fake = (g + r) * d;
      const o = (2 * g + r) * d;
      // rounded step by step as the ops (sub, mul, add) round
      for (let j = 0; j < d; j++) out[o + j] = x[fake + j] + Math.fround(al * Math.fround(x[real + j] - x[fake + j]));
    }
  },
}));

/** [a; aFake + α∘(aReal − aFake)]: the first layer's pre-activations with the interpolated rows appended */
export function withInterpolatedRows(a: tf.Tensor2D, alpha: tf.Tensor2D): tf.Tensor2D {
  if (hasJsKernel(INTERPOLATED_ROWS)) return runJsKernel(INTERPOLATED_ROWS, { a, alpha })[0] as tf.Tensor2D;
  const groups = a.shape[0] / 2;
  const aReal = tf.slice(a, [0, 0], [groups, a.shape[1]]);
  const aFake = tf.slice(a, [groups, 0], [groups, a.shape[1]]);
  return tf.concat([a, tf.add(aFake, tf.mul(alpha, tf.sub(aReal, aFake)))], 0) as tf.Tensor2D;
}
