import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { CONCAT_COLUMNS, concatColumns, hasJsKernel, setJsKernelsOff, simdKernelsActive } from './js-kernels';

describe.each(['cpu', 'wasm'])('JS kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  test('concatColumns: [a, b] row by row, and its gradient splits the columns back', () => {
    expect(hasJsKernel(CONCAT_COLUMNS)).toBe(true);
    // on wasm the copy is WebAssembly's memory.copy (simd-kernels.ts), on cpu the JS loop
    expect(simdKernelsActive()).toBe(backend === 'wasm');
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const b = tf.tensor2d([[7], [8], [9]]);
    expect(concatColumns(a, b).arraySync()).toEqual([
      [1, 2, 7],
      [3, 4, 8],
      [5, 6, 9],
    ]);
    const weights = tf.tensor2d([
      [1, -1, 2],
      [0.5, 3, -2],
      [4, 0, 1],
    ]);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(concatColumns(x as tf.Tensor2D, y as tf.Tensor2D), weights)))([a, b]);
    expect(da.arraySync()).toEqual([
      [1, -1],
      [0.5, 3],
      [4, 0],
    ]);
    expect(db.arraySync()).toEqual([[2], [-2], [1]]);
  });

  test('setJsKernelsOff: hasJsKernel answers false and callers take the op path (same values), then the kernel again', () => {
    setJsKernelsOff([CONCAT_COLUMNS], true);
    try {
      expect(hasJsKernel(CONCAT_COLUMNS)).toBe(false);
      expect(concatColumns(tf.tensor2d([[1], [2]]), tf.tensor2d([[3], [4]])).arraySync()).toEqual([
        [1, 3],
        [2, 4],
      ]);
    } finally {
      setJsKernelsOff([CONCAT_COLUMNS], false);
    }
    expect(hasJsKernel(CONCAT_COLUMNS)).toBe(true);
  });

  test('concatColumns equals tf.concat on wider random blocks', () => {
    const a = tf.randomNormal([37, 13], 0, 1, 'float32', 3) as tf.Tensor2D;
    const b = tf.randomNormal([37, 6], 0, 1, 'float32', 4) as tf.Tensor2D;
    expect(Array.from(concatColumns(a, b).dataSync())).toEqual(Array.from(tf.concat([a, b], 1).dataSync()));
  });
});
