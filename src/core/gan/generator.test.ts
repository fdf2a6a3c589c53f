import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import type { EncodedLayout } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { BATCH_NORM_EPS, createBatchNorm } from './batch-norm';
import { createConditionalLoss } from './conditional-loss';
import { createGenerator, createOutputActivation, hardenOneHotSpans, orderedSpans } from './generator';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const layout: EncodedLayout = {
  width: 6,
  spans: [
    { kind: 'scalar', start: 0, width: 1, column: 'x', part: 'value' },
    { kind: 'onehot', start: 1, width: 2, column: 'x', part: 'mode' },
    { kind: 'onehot', start: 3, width: 3, column: 'c', part: 'category' },
  ],
  conditionSpans: [{ column: 'c', start: 3, width: 3, condOffset: 0, labels: ['p', 'q', 'r'] }],
  condWidth: 3,
};

test('residual blocks concatenate: layer widths follow CTGAN (in, in+d1, in+d1+d2 → out)', () => {
  const g = createGenerator(8, 3, [16, 12], 6, createRng(1));
  expect(g.blocks.map((b) => [b.dense.inDim, b.dense.outDim])).toEqual([
    [11, 16],
    [27, 12],
  ]);
  expect([g.output.inDim, g.output.outDim]).toEqual([39, 6]);
  const out = g.forward(tf.randomNormal([4, 11], 0, 1, 'float32', 1) as tf.Tensor2D, true);
  expect(out.shape).toEqual([4, 6]);
  expect(g.namedVariables()).toHaveLength(2 * 6 + 2);
  expect(g.trainableVariables()).toHaveLength(2 * 4 + 2);
  g.dispose();
});

test('activation: tanh on scalars, Gumbel-softmax rows summing to 1 on one-hot spans', () => {
  const raw = tf.tensor2d([
    [0.5, 1, -1, 0, 2, -3],
    [-2, 0, 0, 1, 1, 1],
  ]);
  const act = createOutputActivation(orderedSpans(layout), 6).apply(raw, 5).arraySync() as number[][];
  expect(act[0][0]).toBeCloseTo(Math.tanh(0.5), 5);
  expect(act[1][0]).toBeCloseTo(Math.tanh(-2), 5);
  for (const row of act) {
    expect(row[1] + row[2]).toBeCloseTo(1, 5);
    expect(row[3] + row[4] + row[5]).toBeCloseTo(1, 5);
  }
  // tau 0.2 makes the soft one-hot sharp but not hard
  expect(Math.max(act[0][3], act[0][4], act[0][5])).toBeGreaterThan(0.5);
});

test('hardened Gumbel-softmax draws categories with softmax(logits) probabilities (Gumbel-max)', () => {
  const n = 20000;
  const p = [0.2, 0.5, 0.3];
  const logRow = [0, 0, 0, ...p.map(Math.log)];
  const raw = tf.tensor2d(Array.from({ length: n }, () => logRow).flat(), [n, 6]);
  const rows = hardenOneHotSpans(createOutputActivation(orderedSpans(layout), 6).apply(raw, 9).dataSync() as Float32Array, 6, orderedSpans(layout));
  const freq = [0, 0, 0];
  for (let r = 0; r < n; r++) {
    expect(rows[r * 6 + 3] + rows[r * 6 + 4] + rows[r * 6 + 5]).toBe(1);
    for (let k = 0; k < 3; k++) freq[k] += rows[r * 6 + 3 + k] / n;
  }
  // binomial sd ≈ 0.0035
  freq.forEach((f, k) => expect(Math.abs(f - p[k])).toBeLessThan(0.015));
});

test('orderedSpans rejects layouts whose spans do not tile the row', () => {
  expect(() => orderedSpans({ ...layout, width: 7 })).toThrow(/cover 6 of 7/);
  expect(() => orderedSpans({ ...layout, spans: layout.spans.slice(1) })).toThrow(/tile/);
});

test('batch norm: batch statistics and momentum-0.1 running stats (unbiased var) in training, running stats in inference', () => {
  const bn = createBatchNorm(2);
  const x = tf.tensor2d([
    [1, 10],
    [3, 10],
    [5, 16],
  ]);
  const y = bn.apply(x, true).arraySync() as number[][];
  // column 0: mean 3, biased var 8/3
  expect(y[0][0]).toBeCloseTo(-2 / Math.sqrt(8 / 3 + BATCH_NORM_EPS), 4);
  expect(y[2][1]).toBeCloseTo(4 / Math.sqrt(8 + BATCH_NORM_EPS), 4);
  // running: 0.9·0 + 0.1·mean; 0.9·1 + 0.1·unbiased var (4 and 12)
  expect(Array.from(bn.runningMean.dataSync())).toEqual([expect.closeTo(0.3, 6), expect.closeTo(1.2, 6)]);
  expect(Array.from(bn.runningVar.dataSync())).toEqual([expect.closeTo(1.3, 6), expect.closeTo(2.1, 6)]);
  const inf = bn.apply(tf.tensor2d([[2, 2]]), false).arraySync() as number[][];
  expect(inf[0][0]).toBeCloseTo((2 - 0.3) / Math.sqrt(1.3 + BATCH_NORM_EPS), 5);
  expect(inf[0][1]).toBeCloseTo((2 - 1.2) / Math.sqrt(2.1 + BATCH_NORM_EPS), 5);
  // inference leaves the running statistics alone
  expect(bn.runningMean.dataSync()[0]).toBeCloseTo(0.3, 6);
});

test('conditional loss: masked cross-entropy of the conditioned column, summed over rows / batch', () => {
  const two: EncodedLayout = {
    width: 5,
    spans: [
      { kind: 'onehot', start: 0, width: 2, column: 'a', part: 'category' },
      { kind: 'onehot', start: 2, width: 3, column: 'b', part: 'category' },
    ],
    conditionSpans: [
      { column: 'a', start: 0, width: 2, condOffset: 0, labels: ['0', '1'] },
      { column: 'b', start: 2, width: 3, condOffset: 2, labels: ['x', 'y', 'z'] },
    ],
    condWidth: 5,
  };
  const raw = tf.tensor2d([
    [1, 2, 0, 0, 0],
    [0, 0, 3, 1, 0],
  ]);
  const cond = tf.tensor2d([
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 1],
  ]);
  const mask = tf.tensor2d([
    [1, 0],
    [0, 1],
  ]);
  const lse = (v: number[]) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0));
  const expected = ((lse([1, 2]) - 1) + (lse([3, 1, 0]) - 0)) / 2;
  expect(createConditionalLoss(two.conditionSpans, 5, 5).apply(raw, cond, mask).dataSync()[0]).toBeCloseTo(expected, 5);
  // the mask removes a row's term
  const half = createConditionalLoss(two.conditionSpans, 5, 5).apply(raw, cond, tf.tensor2d([[1, 0], [0, 0]])).dataSync()[0];
  expect(half).toBeCloseTo((lse([1, 2]) - 1) / 2, 5);
});
