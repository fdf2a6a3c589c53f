import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../util/random';
import { affineWithCond, weightGradWithCond } from './cond-rows';
import { createGenerator } from './generator';

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * Math.max(1, Math.abs(b[i])));
}

describe.each(['cpu', 'wasm'])('conditional-vector products on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  // 6 rows: one-hot, a fixed condition on two columns (two nonzeros), an all-zero row, a value ≠ 1
  const condRows = [
    [0, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 1],
    [0, 1, 0, 1, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 2.5, 0, 0],
  ];
  const rng = createRng(3);
  const normal = (n: number) => Array.from({ length: n }, () => rng.normal());

  test('[h, cond]·W + b and ∂W equal the dense products (JS kernels and the op fallback)', () => {
    const h = tf.tensor2d(normal(6 * 4), [6, 4]);
    const cond = tf.tensor2d(condRows);
    const w = tf.tensor2d(normal(9 * 3), [9, 3]);
    const b = tf.tensor1d(normal(3));
    const dA = tf.tensor2d(normal(6 * 3), [6, 3]);
    const x = tf.concat([h, cond], 1) as tf.Tensor2D;
    const dense = tf.add(tf.matMul(x, w), b);
    const denseGrad = tf.matMul(tf.transpose(x), dA);
    for (const js of [true, false]) {
      close(affineWithCond(h, cond, w, b, js).dataSync(), dense.dataSync());
      const g = weightGradWithCond(h, cond, dA, js);
      expect(g.shape).toEqual([9, 3]);
      close(g.dataSync(), denseGrad.dataSync());
    }
    // the row with 2.5 on column 2: its output is h·W[0:4] + b + 2.5·W[6]
    const row5 = tf.add(tf.add(tf.matMul(tf.slice(h, [5, 0], [1, 4]), tf.slice(w, [0, 0], [4, 3])), b), tf.mul(tf.slice(w, [6, 0], [1, 3]), 2.5));
    close(tf.slice(affineWithCond(h, cond, w, b), [5, 0], [1, 3]).dataSync(), row5.dataSync());
  });

  test('generator.forwardNoiseCond equals forward([noise, cond]) in training and inference mode', () => {
    const gen = createGenerator(4, 5, [6, 3], 7, createRng(5));
    const noise = tf.tensor2d(normal(6 * 4), [6, 4]);
    const cond = tf.tensor2d(condRows);
    const input = tf.concat([noise, cond], 1) as tf.Tensor2D;
    for (const training of [true, false]) close(gen.forwardNoiseCond(noise, cond, training).dataSync(), gen.forward(input, training).dataSync());
    gen.dispose();
    // no condition: the plain forward over the noise
    const plain = createGenerator(4, 0, [6, 3], 7, createRng(6));
    close(plain.forwardNoiseCond(noise, null, false).dataSync(), plain.forward(noise, false).dataSync());
    plain.dispose();
  });
});
