import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ConditionSpan, OutputSpan } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { createConditionalLoss } from './conditional-loss';
import { createOutputActivation } from './generator';
import { hasJsKernel, simdKernelsActive } from './js-kernels';
import { SPAN_ACTIVATION, SPAN_CROSS_ENTROPY } from './span-kernels';

// scalars between one-hot spans of widths 1 to 9 (five width buckets in the op version)
const spans: OutputSpan[] = [];
const conditionSpans: ConditionSpan[] = [];
let width = 0;
let condWidth = 0;
for (const w of [3, 1, 9, 2, 5, 4]) {
  spans.push({ kind: 'scalar', start: width, width: 1, column: `n${w}`, part: 'value' });
  spans.push({ kind: 'onehot', start: width + 1, width: w, column: `c${w}`, part: 'category' });
  conditionSpans.push({ column: `c${w}`, start: width + 1, width: w, condOffset: condWidth, labels: Array.from({ length: w }, (_, k) => String(k)) });
  width += 1 + w;
  condWidth += w;
}
const rows = 7;

function closeArrays(a: ArrayLike<number>, b: ArrayLike<number>, tol: number) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * Math.max(1, Math.abs(b[i])));
}

describe.each(['cpu', 'wasm'])('JS span kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  test('activation: same output and same ∂raw as the tfjs-op version (same Gumbel draws)', () => {
    expect(hasJsKernel(SPAN_ACTIVATION)).toBe(true);
    // on wasm the Gumbel noise comes from the SIMD log (simd-kernels.ts); 7 × 30 values leave a scalar tail
    expect(simdKernelsActive()).toBe(backend === 'wasm');
    const rng = createRng(11);
    const raw = tf.tensor2d(Array.from({ length: rows * width }, () => 2 * rng.normal()), [rows, width]);
    const dOut = tf.tensor2d(Array.from({ length: rows * width }, () => rng.normal()), [rows, width]);
    const [kernel, ops] = [true, false].map((k) => createOutputActivation(spans, width, k));
    const a = kernel.applyWithBackward(raw, 42);
    const b = ops.applyWithBackward(raw, 42);
    closeArrays(a.out.dataSync(), b.out.dataSync(), 1e-5);
    const da = a.backward(dOut).dataSync();
    closeArrays(da, b.backward(dOut).dataSync(), 1e-4);
    // not trivially zero: τ = 0.2 amplifies the softmax gradient
    expect(Math.max(...Array.from(da).map(Math.abs))).toBeGreaterThan(0.5);
    // the taped gradient through apply (the kernel's registered gradient) is the same
    const taped = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(kernel.apply(x as tf.Tensor2D, 42), dOut)))(raw);
    closeArrays(taped.dataSync(), da, 1e-5);
    kernel.dispose();
    ops.dispose();
  });

  test('conditional cross-entropy: same loss and same ∂raw as the tfjs-op version', () => {
    expect(hasJsKernel(SPAN_CROSS_ENTROPY)).toBe(true);
    const rng = createRng(12);
    const raw = tf.tensor2d(Array.from({ length: rows * width }, () => 2 * rng.normal()), [rows, width]);
    const cond = new Float32Array(rows * condWidth);
    const mask = new Float32Array(rows * conditionSpans.length);
    for (let r = 0; r < rows; r++) {
      const k = rng.int(conditionSpans.length);
      mask[r * conditionSpans.length + k] = 1;
      cond[r * condWidth + conditionSpans[k].condOffset + rng.int(conditionSpans[k].width)] = 1;
    }
    const condT = tf.tensor2d(cond, [rows, condWidth]);
    const maskT = tf.tensor2d(mask, [rows, conditionSpans.length]);
    const [kernel, ops] = [true, false].map((k) => createConditionalLoss(conditionSpans, width, condWidth, k));
    const a = kernel.applyWithGradient(raw, condT, maskT);
    const b = ops.applyWithGradient(raw, condT, maskT);
    expect(a.loss.dataSync()[0]).toBeGreaterThan(0.1);
    expect(a.loss.dataSync()[0]).toBeCloseTo(b.loss.dataSync()[0], 5);
    closeArrays(a.dRaw.dataSync(), b.dRaw.dataSync(), 1e-5);
    // and the op version's gradient is tfjs's own
    const taped = tf.grad((x: tf.Tensor) => ops.apply(x as tf.Tensor2D, condT, maskT))(raw);
    closeArrays(a.dRaw.dataSync(), taped.dataSync(), 1e-5);
    kernel.dispose();
    ops.dispose();
  });
});
