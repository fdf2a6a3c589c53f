import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { INTERPOLATED_ROWS, LEAKY_SLOPES, leakySlopes, withInterpolatedRows } from './critic-kernels';
import { hasJsKernel } from './js-kernels';

describe.each(['cpu', 'wasm'])('critic kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  test('kernels registered here', () => {
    for (const k of [LEAKY_SLOPES, INTERPOLATED_ROWS]) expect(hasJsKernel(k)).toBe(true);
  });

  test('leaky slopes by hand, and bit for bit the ops (0.2 + 0.8·step(a))·mask, a∘s on a random block', () => {
    const a = tf.tensor2d([
      [1.5, -2, 0],
      [-0.5, 3, 4],
    ]);
    const mask = tf.tensor2d([
      [2, 2, 2],
      [0, 2, 0],
    ]);
    const { s, h } = leakySlopes(a, mask);
    const f = Math.fround(0.2);
    expect(Array.from(s.dataSync())).toEqual([2, 2 * f, 2 * f, 0, 2, 0].map(Math.fround));
    expect(Array.from(h.dataSync())).toEqual([3, Math.fround(-4 * f), 0, -0, 6, 0]);
    // 150 × 37: the SIMD body (wasm) and its n mod 4 tail in JS
    const big = tf.randomNormal([150, 37], 0, 1, 'float32', 1) as tf.Tensor2D;
    const m = tf.mul(tf.floor(tf.add(tf.randomUniform([150, 37], 0, 1, 'float32', 2), 0.5)), 2) as tf.Tensor2D;
    const ops = tf.mul(tf.add(tf.mul(tf.step(big), 0.8), 0.2), m);
    const k = leakySlopes(big, m);
    expect(Array.from(k.s.dataSync())).toEqual(Array.from(ops.dataSync()));
    expect(Array.from(k.h.dataSync())).toEqual(Array.from(tf.mul(big, ops).dataSync()));
  });

  test('interpolated rows by hand, and bit for bit the ops aFake + α(aReal − aFake)', () => {
    // G = 2: real rows 0-1, fake rows 2-3
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    const alpha = tf.tensor2d([[0.25], [1]]);
    expect(withInterpolatedRows(a, alpha).arraySync()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [4, 5],
      [3, 4],
    ]);
    const big = tf.randomNormal([100, 29], 0, 1, 'float32', 3) as tf.Tensor2D;
    const al = tf.randomUniform([50, 1], 0, 1, 'float32', 4) as tf.Tensor2D;
    const real = tf.slice(big, [0, 0], [50, 29]);
    const fake = tf.slice(big, [50, 0], [50, 29]);
    const ops = tf.concat([big, tf.add(fake, tf.mul(al, tf.sub(real, fake)))], 0);
    expect(Array.from(withInterpolatedRows(big, al).dataSync())).toEqual(Array.from(ops.dataSync()));
  });
});
