import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../util/random';
import { criticGradients, dropoutMasks } from './critic-gradients';
import { createDiscriminator } from './discriminator';
import { disableSimdProducts, matrixProduct, simdProductsActive } from './matrix-product';
import { encodedGemmModule, runProduct, simdGemmFor, type ProductForm } from './simd-gemm';

/** A test heap: regions of 2^20 floats for A, B, C, bias, scratch */
const REGION = 1 << 20;
function heap() {
  const memory = new WebAssembly.Memory({ initial: (5 * REGION * 4) / 65536 });
  const g = simdGemmFor(memory);
  if (!g) throw new Error('WebAssembly SIMD missing');
  const f = new Float32Array(memory.buffer);
  const at = (region: number) => region * REGION;
  return { g, f, at, bytes: (region: number) => 4 * at(region) };
}

/**
 * op(A)·op(B) (+ bias) through runProduct: A, B given as their stored row-major arrays
 * (A stored k × m for 'tn', B stored n × k for 'nt'). C is filled with NaN first: every element
 * must be written.
 */
function product(form: ProductForm, a: number[], b: number[], bias: number[] | null, m: number, n: number, k: number, kChunk?: number): Float32Array {
  const { g, f, at, bytes } = heap();
  f.set(a, at(0));
  f.set(b, at(1));
  if (bias) f.set(bias, at(3));
  f.fill(NaN, at(2), at(2) + m * n);
  const lda = 4 * (form === 'tn' ? m : k);
  const ldb = 4 * (form === 'nt' ? k : n);
  runProduct(g, form, bytes(0), bytes(1), bytes(2), bias ? bytes(3) : null, m, n, k, lda, ldb, 4 * n, bytes(4), kChunk);
  return f.slice(at(2), at(2) + m * n);
}

/** A[i,k] = i + 1, B[k,j] = k + j, bias[j] = j: C[i,j] = (i + 1)·(k(k − 1)/2 + j·k) + j, exact in float32 */
function handCase(form: ProductForm, m: number, n: number, k: number, withBias: boolean, kChunk?: number) {
  const a = form === 'tn' ? Array.from({ length: k * m }, (_, e) => (e % m) + 1) : Array.from({ length: m * k }, (_, e) => Math.floor(e / k) + 1);
  const b = form === 'nt' ? Array.from({ length: n * k }, (_, e) => (e % k) + Math.floor(e / k)) : Array.from({ length: k * n }, (_, e) => Math.floor(e / n) + (e % n));
  const bias = withBias ? Array.from({ length: n }, (_, j) => j) : null;
  const c = product(form, a, b, bias, m, n, k, kChunk);
  const expected = Array.from({ length: m * n }, (_, e) => {
    const [i, j] = [Math.floor(e / n), e % n];
    return (i + 1) * ((k * (k - 1)) / 2 + j * k) + (withBias ? j : 0);
  });
  return { c: Array.from(c), expected };
}

test('the encoded module validates, for a plain and a shared memory', () => {
  expect(WebAssembly.validate(encodedGemmModule(false))).toBe(true);
  expect(WebAssembly.validate(encodedGemmModule(true))).toBe(true);
});

test('hand-checked 4 × 8 product: C[i,j] = (i + 1)·(k(k − 1)/2 + j·k) + j', () => {
  // k = 3: C[0,0] = 1·3 + 0 = 3, C[0,7] = 1·(3 + 21) + 7 = 31, C[3,7] = 4·24 + 7 = 103
  const { c } = handCase('nn', 4, 8, 3, true);
  expect(c[0]).toBe(3);
  expect(c[7]).toBe(31);
  expect(c[3 * 8 + 7]).toBe(103);
});

describe.each(['nn', 'tn', 'nt'] as const)('form %s against the formula, ragged shapes', (form) => {
  // rows not a multiple of 4, columns not of 8 (last blocks moved back), k odd and k = 4
  const shapes: [number, number, number][] = form === 'nt' ? [[7, 13, 5], [4, 8, 4], [9, 17, 11], [6, 9, 7]] : [[7, 13, 5], [4, 8, 1], [9, 17, 11], [6, 9, 7], [5, 24, 2]];
  test.each(shapes)('%i × %i, k = %i', (m, n, k) => {
    const withBias = form === 'nn';
    const { c, expected } = handCase(form, m, n, k, withBias);
    expect(c).toEqual(expected);
  });
});

test.each(['nn', 'tn', 'nt'] as const)('%s in chunks of k: the same exact result, tail rows not added twice', (form) => {
  // n a multiple of 8 (chunks apply), m = 7 (the last row block moved back over row 3 and on)
  for (const kChunk of [1, 2, 3, 5]) {
    const { c, expected } = handCase(form, 7, 16, 11, form === 'nn', kChunk);
    expect(c).toEqual(expected);
  }
});

test('random operands: within float32 rounding of the float64 product, every form, chunked or not', () => {
  const rng = createRng(5);
  for (const form of ['nn', 'tn', 'nt'] as const) {
    for (const [m, n, k, chunk] of [
      [13, 21, 37, 256],
      [50, 40, 300, 64],
      [5, 8, 9, 4],
    ]) {
      const a = Array.from({ length: m * k }, () => rng.normal());
      const b = Array.from({ length: k * n }, () => rng.normal());
      const bias = form === 'nn' ? Array.from({ length: n }, () => rng.normal()) : null;
      const c = product(form, a, b, bias, m, n, k, chunk);
      const af = Float32Array.from(a);
      const bf = Float32Array.from(b);
      let worst = 0;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = bias ? Math.fround(bias[j]) : 0;
          let scale = Math.abs(s);
          for (let q = 0; q < k; q++) {
            const x = form === 'tn' ? af[q * m + i] : af[i * k + q];
            const y = form === 'nt' ? bf[j * k + q] : bf[q * n + j];
            s += x * y;
            scale += Math.abs(x * y);
          }
          // NaN (an element never written) fails too
          const err = Math.abs(c[i * n + j] - s) / scale;
          worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
        }
      }
      expect(worst).toBeLessThan(1e-6);
    }
  }
});

test('binds to a shared memory too (the threaded tfjs build) and computes there', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  const g = simdGemmFor(memory);
  expect(g).not.toBeNull();
  const f = new Float32Array(memory.buffer);
  // A = 4 × 1 column (1, 2, 3, 4), B = 1 × 8 row (0..7): C[i,j] = (i + 1)·j
  f.set([1, 2, 3, 4], 0);
  f.set([0, 1, 2, 3, 4, 5, 6, 7], 16);
  g!.gemmNN(0, 64, 128, 0, 0, 4, 8, 1, 4, 32, 32);
  expect(Array.from(f.subarray(32, 64))).toEqual(Array.from({ length: 32 }, (_, e) => (Math.floor(e / 8) + 1) * (e % 8)));
});

test('transpose: 4 × 4 tiles with ragged edges', () => {
  const { g, f, at, bytes } = heap();
  const [rows, cols] = [5, 7];
  for (let e = 0; e < rows * cols; e++) f[at(0) + e] = e;
  f.fill(NaN, at(1), at(1) + rows * cols);
  g.transpose(bytes(0), bytes(1), rows, cols, 4 * cols, 4 * rows);
  // dst[j, i] = src[i, j] = i·cols + j
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) expect(f[at(1) + j * rows + i]).toBe(i * cols + j);
});

describe.each(['cpu', 'wasm'])('matrixProduct on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  test('the SIMD kernel runs on wasm only, and gives tfjs’s own results to the bit', () => {
    expect(simdProductsActive()).toBe(backend === 'wasm');
    const rng = createRng(11);
    const t = (r: number, c: number) => tf.tensor2d(Array.from({ length: r * c }, () => rng.normal()), [r, c]);
    const a = t(23, 37);
    const w = t(37, 19);
    const bias = tf.tensor1d(Array.from({ length: 19 }, () => rng.normal()));
    const aT = t(37, 23);
    const wRows = t(30, 37); // A·W[0:19]ᵀ uses its first 19 rows
    const below = t(6, 23); // [Aᵀ-stored rows; below]ᵀ·B with B 43 × 16 (n a multiple of 8: SIMD) or 43 × 19 (op path)
    const b16 = t(43, 16);
    const b19 = t(43, 19);
    const cases = [
      () => matrixProduct(a, w, { bias }),
      () => matrixProduct(a, w),
      () => matrixProduct(aT, w, { transposeA: true }),
      () => matrixProduct(a, wRows, { transposeB: true, bRows: 19 }),
      () => matrixProduct(a, wRows, { transposeB: true }),
      () => matrixProduct(aT, b16, { transposeA: true, below }),
      () => matrixProduct(aT, b19, { transposeA: true, below }),
    ];
    const references = [
      () => tf.add(tf.matMul(a, w), bias),
      () => tf.matMul(a, w),
      () => tf.matMul(tf.transpose(aT), w),
      () => tf.matMul(a, tf.transpose(tf.slice(wRows, [0, 0], [19, 37]))),
      () => tf.matMul(a, tf.transpose(wRows)),
      () => tf.matMul(tf.transpose(tf.concat([aT, below], 0)), b16),
      () => tf.matMul(tf.transpose(tf.concat([aT, below], 0)), b19),
    ];
    cases.forEach((run, i) => {
      const got = run();
      disableSimdProducts(true);
      const ops = run();
      disableSimdProducts(false);
      // the op path (fused bias, explicit transpose) is the step's former arithmetic: same sums in the same order
      expect(Array.from(got.dataSync())).toEqual(Array.from(ops.dataSync()));
      const ref = references[i]().dataSync();
      got.dataSync().forEach((v, e) => expect(Math.abs(v - ref[e])).toBeLessThan(1e-4));
      expect(got.shape).toEqual(ops.shape);
    });
    // small products (under the 4 × 8 block) take the op path: still right
    const small = matrixProduct(t(3, 5), t(5, 2));
    expect(small.shape).toEqual([3, 2]);
  });

  test('errors: inner sizes, bRows without transposeB, bias with a transposed form', () => {
    const a = tf.ones([4, 3]) as tf.Tensor2D;
    expect(() => matrixProduct(a, tf.ones([4, 8]) as tf.Tensor2D)).toThrow(/inner sizes/);
    expect(() => matrixProduct(a, tf.ones([3, 8]) as tf.Tensor2D, { bRows: 2 })).toThrow(/bRows/);
    expect(() => matrixProduct(a, tf.ones([4, 8]) as tf.Tensor2D, { transposeA: true, bias: tf.ones([8]) as tf.Tensor1D })).toThrow(/bias/);
  });
});

describe('the critic step through the SIMD products (wasm)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    await tf.ready();
  });

  test('the same loss and weight gradients to the bit as the op path, and Transposes only for the 1-wide output layer', async () => {
    // widths at or above the kernels' block, so every product but the 1-wide output layer's takes the SIMD path
    const [dim, pac, batch] = [5, 4, 32];
    const groups = batch / pac;
    const rng = createRng(3);
    const disc = createDiscriminator(dim, [16, 24], pac, rng, true);
    const real = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
    const fake = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
    const alpha = tf.tensor2d(Array.from({ length: groups }, () => rng.next()), [groups, 1]);
    let s = 100;
    const masks = dropoutMasks(disc, 3 * groups, () => s++);
    const run = () => {
      const r = criticGradients(disc, real, fake, alpha, masks, 10);
      return [r.losses, ...disc.trainableVariables().map((v) => r.grads[v.name])].map((t) => Array.from(t.dataSync()));
    };
    let simd: number[][] = [];
    const profile = await tf.profile(() => {
      simd = run();
    });
    disableSimdProducts(true);
    const ops = run();
    disableSimdProducts(false);
    expect(simd).toEqual(ops);
    const names = profile.kernels.map((k) => k.name);
    // forward 2, backward 1 + input gradient 1, weight gradients 2, penalty backward 2: 8 products here
    expect(names.filter((n) => n === 'SynthCreditMatrixProduct').length).toBe(8);
    // the two Transposes left: the 1-wide output layer's e·w_oᵀ and its weight gradient (under the kernels' block: op path)
    expect(names.filter((n) => n === 'Transpose').length).toBe(2);
    // [h; q]ᵀ·δ without a row concat but for that output layer's; the forward's real/fake concat stays
    // (a_1's interpolated rows are appended by one kernel, critic-kernels.ts)
    expect(names.filter((n) => n === 'Concat').length).toBe(2);
    expect(names.filter((n) => n === 'SynthCreditInterpolatedRows').length).toBe(1);
    tf.disposeVariables();
  });
});
