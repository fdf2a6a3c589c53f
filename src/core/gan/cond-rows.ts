import * as tf from '@tensorflow/tfjs';
import { hasJsKernel, registerJsKernel, runJsKernel } from './js-kernels';

/**
 * Products with the conditional vector without multiplying its zeros.
 *
 * Every generator layer's input ends with the conditional vector (h_k = [o_{k−1}, …, o_0, z, cond]),
 * and a conditional vector has one 1 per chosen column (CTGAN's training-by-sampling: one) among
 * its 79 (UCI) places. As a dense product its rows of W cost 79 × (256 + 256 + 183) multiply-adds
 * per generator row, forward (twice a step: the critic's and the generator's update) and in the
 * weight gradient: ~165 MFLOP of a ~1.75 GFLOP step for ~1.4 MFLOP of nonzero terms. Here
 * h·W = h'·W[0:S] + cond·W[S:], the first a dense product over the S other columns, the second a
 * sum of the W rows that cond selects; ∂W[S:] = condᵀ·∂a adds each ∂a row into the row its
 * condition selects. Zeros are skipped, so any values (a fixed condition on several columns) work.
 */

export const COND_ROWS_ADD = 'SynthCreditCondRowsAdd';
export const COND_ROWS_GRAD = 'SynthCreditCondRowsGrad';

interface CondRowsAttrs {
  /** first row of W that multiplies the conditional vector */
  rowOffset: number;
}

/** inputs a [rows, N], cond [rows, C], w [≥ rowOffset + C, N]; output a + cond·w[rowOffset : rowOffset + C] */
registerJsKernel<CondRowsAttrs>(COND_ROWS_ADD, ['a', 'cond', 'w'], (inputs, attrs) => ({
  shapes: [inputs[0].shape],
  body: ([a, cond, w], [out]) => {
    const [rows, n] = inputs[0].shape;
    const c = inputs[1].shape[1];
    out.set(a);
    for (let r = 0; r < rows; r++) {
      const o = r * n;
      for (let j = 0; j < c; j++) {
        const v = cond[r * c + j];
        if (v === 0) continue;
        const wRow = (attrs.rowOffset + j) * n;
        for (let k = 0; k < n; k++) out[o + k] += v * w[wRow + k];
      }
    }
  },
}));

/** inputs cond [rows, C], dA [rows, N]; output condᵀ·dA [C, N] */
registerJsKernel<object>(COND_ROWS_GRAD, ['cond', 'dA'], (inputs) => ({
  shapes: [[inputs[0].shape[1], inputs[1].shape[1]]],
  body: ([cond, dA], [out]) => {
    const [rows, c] = inputs[0].shape;
    const n = inputs[1].shape[1];
    out.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < c; j++) {
        const v = cond[r * c + j];
        if (v === 0) continue;
        const o = j * n;
        const d = r * n;
        for (let k = 0; k < n; k++) out[o + k] += v * dA[d + k];
      }
    }
  },
}));

/** the top `rows` rows of w (the weights of the columns before the conditional vector) */
const topRows = (w: tf.Tensor2D, rows: number) => tf.slice(w, [0, 0], [rows, w.shape[1]]) as tf.Tensor2D;

/**
 * [h, cond]·W + b with W's last cond-width rows applied to cond's nonzeros only. `h` has the
 * columns before cond (W.shape[0] − cond width of them). Call inside tf.tidy.
 */
export function affineWithCond(h: tf.Tensor2D, cond: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, useJsKernels = true): tf.Tensor2D {
  const s = h.shape[1];
  if (s + cond.shape[1] !== w.shape[0]) throw new Error(`${s} + ${cond.shape[1]} input columns for a layer of ${w.shape[0]}`);
  const dense = tf.fused.matMul({ a: h, b: topRows(w, s), bias: b }) as tf.Tensor2D;
  if (useJsKernels && hasJsKernel(COND_ROWS_ADD)) return runJsKernel(COND_ROWS_ADD, { a: dense, cond, w }, { rowOffset: s })[0] as tf.Tensor2D;
  return tf.add(dense, tf.matMul(cond, tf.slice(w, [s, 0], [cond.shape[1], w.shape[1]]))) as tf.Tensor2D;
}

/** ∂W of [h, cond]·W for the output gradient dA: [hᵀ·dA; condᵀ·dA]. Call inside tf.tidy. */
export function weightGradWithCond(h: tf.Tensor2D, cond: tf.Tensor2D, dA: tf.Tensor2D, useJsKernels = true): tf.Tensor2D {
  const dense = tf.matMul(tf.transpose(h), dA);
  const condPart = useJsKernels && hasJsKernel(COND_ROWS_GRAD) ? runJsKernel(COND_ROWS_GRAD, { cond, dA })[0] : tf.matMul(tf.transpose(cond), dA);
  return tf.concat([dense, condPart], 0) as tf.Tensor2D;
}
