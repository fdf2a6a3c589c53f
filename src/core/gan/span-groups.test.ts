import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConditionSpan, OutputSpan } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { createConditionalLoss } from './conditional-loss';
import { GUMBEL_TAU, createOutputActivation, gumbelNoise } from './generator';
import { createColumnMove } from './span-groups';

/** The straightforward per-span versions the bucketed ones must equal (values and gradients). */
function activateBySpan(raw: tf.Tensor2D, spans: readonly OutputSpan[], gumbelSeed: number): tf.Tensor2D {
  const n = raw.shape[0];
  const perturbed = tf.div(tf.add(raw, gumbelNoise([n, raw.shape[1]], gumbelSeed)), GUMBEL_TAU) as tf.Tensor2D;
  return tf.concat(
    spans.map((s) => (s.kind === 'scalar' ? tf.tanh(tf.slice(raw, [0, s.start], [n, 1])) : tf.softmax(tf.slice(perturbed, [0, s.start], [n, s.width])))),
    1,
  ) as tf.Tensor2D;
}

function crossEntropyBySpan(raw: tf.Tensor2D, cond: tf.Tensor2D, mask: tf.Tensor2D, conditionSpans: readonly ConditionSpan[]): tf.Scalar {
  const batch = raw.shape[0];
  const perColumn = conditionSpans.map((cs) => {
    const logits = tf.slice(raw, [0, cs.start], [batch, cs.width]);
    const target = tf.slice(cond, [0, cs.condOffset], [batch, cs.width]);
    return tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)), 1));
  });
  return tf.div(tf.sum(tf.mul(tf.stack(perColumn, 1), mask)), batch) as tf.Scalar;
}

/**
 * A layout with widths 1..9 and 17 (four width buckets, padding in each), spans of equal width
 * apart from each other, scalars between them, and condition spans whose cond order differs
 * from their row order.
 */
function layout() {
  const spans: OutputSpan[] = [];
  const conditionSpans: ConditionSpan[] = [];
  const widths = [3, 1, 5, 2, 3, 9, 17, 4, 2, 7];
  let pos = 0;
  widths.forEach((w, i) => {
    spans.push({ kind: 'scalar', start: pos++, width: 1, column: `s${i}`, part: 'value' });
    spans.push({ kind: 'onehot', start: pos, width: w, column: `c${i}`, part: 'category' });
    pos += w;
  });
  const condCols = [6, 0, 3, 9, 5];
  let off = 0;
  for (const i of condCols) {
    const s = spans[2 * i + 1];
    conditionSpans.push({ column: s.column, start: s.start, width: s.width, condOffset: off, labels: Array.from({ length: s.width }, (_, k) => `${k}`) });
    off += s.width;
  }
  return { spans, conditionSpans, width: pos, condWidth: off };
}

describe.each(['cpu', 'wasm'])('bucketed span activation and loss on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(() => tf.disposeVariables());

  const close = (a: tf.Tensor, b: tf.Tensor, tol: number) => {
    expect(a.shape).toEqual(b.shape);
    const x = a.dataSync();
    const y = b.dataSync();
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
    expect(worst).toBeLessThan(tol);
  };

  test('Gumbel-softmax and tanh: same values and same gradient as span by span', () => {
    const { spans, width } = layout();
    const rng = createRng(4);
    const n = 7;
    const raw = tf.tensor2d(Array.from({ length: n * width }, () => 2 * rng.normal()), [n, width]);
    const upstream = tf.tensor2d(Array.from({ length: n * width }, () => rng.normal()), [n, width]);
    const activation = createOutputActivation(spans, width);
    const bucketed = (x: tf.Tensor2D, _spans: readonly OutputSpan[], seed: number) => activation.apply(x, seed);
    close(bucketed(raw, spans, 11), activateBySpan(raw, spans, 11), 1e-5);
    const grad = (f: typeof bucketed) => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D, spans, 11), upstream)))(raw);
    const g = grad(bucketed);
    close(g, grad(activateBySpan), 1e-4);
    activation.dispose();
    expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0.1);
  });

  test('conditional cross-entropy: same value and same gradient as span by span', () => {
    const { conditionSpans, width, condWidth } = layout();
    const rng = createRng(8);
    const n = 9;
    const raw = tf.tensor2d(Array.from({ length: n * width }, () => 3 * rng.normal()), [n, width]);
    const condValues = new Float32Array(n * condWidth);
    const maskValues = new Float32Array(n * conditionSpans.length);
    for (let r = 0; r < n; r++) {
      const k = rng.int(conditionSpans.length);
      maskValues[r * conditionSpans.length + k] = 1;
      // every span gets a target (as the sampler's cond vector has), only the masked one counts
      for (const cs of conditionSpans) condValues[r * condWidth + cs.condOffset + rng.int(cs.width)] = 1;
    }
    const cond = tf.tensor2d(condValues, [n, condWidth]);
    const mask = tf.tensor2d(maskValues, [n, conditionSpans.length]);
    const loss = createConditionalLoss(conditionSpans, width, condWidth);
    const bucketed = (x: tf.Tensor2D, c: tf.Tensor2D, m: tf.Tensor2D, _spans: readonly ConditionSpan[]) => loss.apply(x, c, m);
    const value = bucketed(raw, cond, mask, conditionSpans);
    close(value, crossEntropyBySpan(raw, cond, mask, conditionSpans), 1e-5);
    expect(value.dataSync()[0]).toBeGreaterThan(0.5);
    const grad = (f: typeof bucketed) => tf.grad((x: tf.Tensor) => f(x as tf.Tensor2D, cond, mask, conditionSpans))(raw);
    close(grad(bucketed), grad(crossEntropyBySpan), 1e-5);
    loss.dispose();
  });

  test('a column move gives the same values and gradients as a matMul (small) and as a gather (wide)', () => {
    const rng = createRng(12);
    const from = 9;
    const to = 12;
    const src = [4, 0, 7, 2, 8];
    const dst = [11, 3, 0, 5, 6];
    const x = tf.tensor2d(Array.from({ length: 5 * from }, () => rng.normal()), [5, from]);
    const upstream = tf.tensor2d(Array.from({ length: 5 * to }, () => rng.normal()), [5, to]);
    const expected = new Float32Array(5 * to);
    const xs = x.dataSync();
    for (let r = 0; r < 5; r++) src.forEach((c, i) => (expected[r * to + dst[i]] = xs[r * from + c]));
    for (const limit of [Infinity, 0]) {
      const move = createColumnMove(from, to, src, dst, limit);
      expect(Array.from(move.apply(x).dataSync())).toEqual(Array.from(expected));
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(move.apply(t as tf.Tensor2D), upstream)))(x).dataSync();
      const us = upstream.dataSync();
      for (let r = 0; r < 5; r++)
        for (let c = 0; c < from; c++) {
          const i = src.indexOf(c);
          expect(g[r * from + c]).toBeCloseTo(i < 0 ? 0 : us[r * to + dst[i]], 6);
        }
      move.dispose();
    }
  });
});
