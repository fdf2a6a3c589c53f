import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createBatchNorm } from './batch-norm';
import { BATCH_NORM_RELU, BATCH_NORM_RELU_GRAD } from './batch-norm-kernels';
import { hasJsKernel, runJsKernel } from './js-kernels';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * Math.max(1, Math.abs(b[i])));
};

/** relu(batch-norm(x)) in tfjs ops with tfjs's own gradients (the reference) */
const opsForward = (x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D) => {
  const { mean, variance } = tf.moments(x, 0);
  return tf.relu(tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta)) as tf.Tensor2D;
};

describe.each(['cpu', 'wasm'])('batch-norm + ReLU kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  test('forward by hand: 3 rows × 2 columns, running statistics with momentum 0.1 and unbiased variance', () => {
    const bn = createBatchNorm(2);
    bn.gamma.assign(tf.tensor1d([2, -1]));
    bn.beta.assign(tf.tensor1d([0.5, 0.25]));
    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
      [5, 4],
    ]);
    const { o, normalized, invStd } = bn.forwardTrainingRelu(x);
    // both columns: variance 8/3 (biased), deviations ±2 and 0
    const r = 1 / Math.sqrt(8 / 3 + 1e-5);
    close(invStd.dataSync(), [r, r], 1e-6);
    close(normalized.dataSync(), [-2 * r, -2 * r, 0, 2 * r, 2 * r, 0], 1e-6);
    close(o.dataSync(), [0, 2 * r + 0.25, 0.5, 0, 4 * r + 0.5, 0.25], 1e-6);
    close(bn.runningMean.dataSync(), [0.3, 0.4], 1e-6);
    // 0.9·1 + 0.1·(8/3 · 3/2)
    close(bn.runningVar.dataSync(), [1.3, 1.3], 1e-6);
    // the ops path gives the same
    const ref = createBatchNorm(2);
    ref.gamma.assign(bn.gamma);
    ref.beta.assign(bn.beta);
    const f = ref.forwardTrainingRelu(x, false);
    close(f.o.dataSync(), o.dataSync(), 1e-6);
    close(ref.runningVar.dataSync(), bn.runningVar.dataSync(), 1e-6);
  });

  // widths a multiple of 4 run the SIMD passes on wasm, others the JS loops
  test.each([13, 16])('forward equals the ops on a 37 × %i block', (d) => {
    expect(hasJsKernel(BATCH_NORM_RELU_GRAD)).toBe(true);
    const x = tf.randomNormal([37, d], 0.5, 2, 'float32', 5) as tf.Tensor2D;
    const [a, b] = [createBatchNorm(d), createBatchNorm(d)];
    for (const bn of [a, b]) {
      bn.gamma.assign(tf.randomUniform([d], 0.5, 1.5, 'float32', 6) as tf.Tensor1D);
      bn.beta.assign(tf.randomNormal([d], 0, 0.3, 'float32', 7) as tf.Tensor1D);
    }
    const k = a.forwardTrainingRelu(x);
    const ops = b.forwardTrainingRelu(x, false);
    close(k.o.dataSync(), ops.o.dataSync(), 2e-5);
    close(k.normalized.dataSync(), ops.normalized.dataSync(), 2e-5);
    close(k.invStd.dataSync(), ops.invStd.dataSync(), 2e-5);
    close(a.runningMean.dataSync(), b.runningMean.dataSync(), 2e-6);
    close(a.runningVar.dataSync(), b.runningVar.dataSync(), 2e-6);
  });

  test.each([7, 8])('backward, width %i: ∂x, ∂γ, ∂β equal tfjs taped gradients of the ops (dO read with a row stride), ∂b = Σ ∂x', (d) => {
    const [n, stride] = [23, 11];
    const x = tf.randomNormal([n, d], 0, 1.5, 'float32', 8) as tf.Tensor2D;
    const gamma = tf.randomUniform([d], 0.5, 1.5, 'float32', 9) as tf.Tensor1D;
    const beta = tf.randomNormal([d], 0, 0.5, 'float32', 10) as tf.Tensor1D;
    const wide = tf.randomNormal([n, stride], 0, 1, 'float32', 11) as tf.Tensor2D;
    const dO = tf.slice(wide, [0, 0], [n, d]);
    const [gx, gg, gb] = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(opsForward(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D), dO)))([x, gamma, beta]);
    const bn = createBatchNorm(d);
    bn.gamma.assign(gamma);
    bn.beta.assign(beta);
    const f = bn.forwardTrainingRelu(x);
    const [dA, dGamma, dBeta, dBias, scratch] = runJsKernel(BATCH_NORM_RELU_GRAD, { dO: wide, o: f.o, normalized: f.normalized, gamma, invStd: f.invStd });
    close(dA.dataSync(), gx.dataSync(), 1e-4);
    close(dGamma.dataSync(), gg.dataSync(), 1e-4);
    close(dBeta.dataSync(), gb.dataSync(), 1e-4);
    close(dBias.dataSync(), tf.sum(dA, 0).dataSync(), 1e-5);
    expect(scratch.shape).toEqual([3 * d]);
    // a comparison of zeros would prove nothing
    expect(Array.from(gx.dataSync()).filter((v) => Math.abs(v) > 1e-2).length).toBeGreaterThan((n * d) / 3);
    // through a tape the kernel's registered gradient gives the same ∂x, ∂γ, ∂β
    const [running0, running1] = [tf.zeros([d]), tf.ones([d])];
    const taped = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const [o] = runJsKernel(BATCH_NORM_RELU, { x: a, gamma: g, beta: b, runningMean: running0, runningVar: running1 }, { eps: 1e-5, momentum: 0.1 });
      return tf.sum(tf.mul(o, dO));
    })([x, gamma, beta]);
    [gx, gg, gb].forEach((ref, i) => close(taped[i].dataSync(), ref.dataSync(), 1e-4));
  });
});
