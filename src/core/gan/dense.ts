import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/random';
import { matrixProduct } from './matrix-product';

/**
 * x·W + b whose gradient uses explicit transposes and plain matMuls: in tfjs-backend-wasm 4.22 the
 * transposed matMul kernels that the built-in gradient uses are 6-12x slower (see
 * shared/notes/tfjs-on-this-machine.md). The gradient function is built only from differentiable
 * ops (transpose, matMul, sum) on the saved tensors, which the engine clones onto the tape, so
 * second-order gradients (the gradient penalty's d/dW of d/dx) flow through it.
 */
/**
 * x·W + b as one kernel (matrix-product.ts: the SIMD product with the bias as its accumulators'
 * start on WASM, else tfjs's fused matMul) instead of a matMul and a broadcast add. For forward
 * passes that are not taped, and inside the custom gradient below (which supplies its own backward).
 */
export function affineForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return matrixProduct(x, w, { bias: b });
}

const affineWithTransposedGrad = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: affineForward(x, w, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy), tf.sum(dy, 0)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** x·W + b with tfjs's own gradients (reference for tests, fallback if the custom one misbehaves). */
export function affinePlain(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
}

export function affineFast(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return affineWithTransposedGrad(x, w, b);
}

export interface Dense {
  readonly inDim: number;
  readonly outDim: number;
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

/**
 * A fully connected layer initialised like torch.nn.Linear (W and b uniform in ±1/√fanIn), drawn
 * from the run's Rng so initial weights do not depend on the backend.
 */
export function createDense(inDim: number, outDim: number, rng: Rng, fastGradient = true): Dense {
  const bound = 1 / Math.sqrt(inDim);
  const uniform = (n: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (2 * rng.next() - 1) * bound;
    return a;
  };
  // variables stay unnamed: tfjs names must be globally unique and several models may coexist
  // tidy frees the initial-value tensors (variables survive a tidy); left alone they leak per model
  const w = tf.tidy(() => tf.variable(tf.tensor2d(uniform(inDim * outDim), [inDim, outDim]), true)) as tf.Variable<tf.Rank.R2>;
  const b = tf.tidy(() => tf.variable(tf.tensor1d(uniform(outDim)), true)) as tf.Variable<tf.Rank.R1>;
  const affine = fastGradient ? affineFast : affinePlain;
  return { inDim, outDim, w, b, apply: (x) => affine(x, w, b) };
}
