import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../util/random';
import { createAdam, FUSED_ADAM } from './adam';
import { disableSimdKernels, hasJsKernel, simdKernelsActive } from './js-kernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

test('matches torch.optim.Adam with weight_decay step by step (hand-computed)', () => {
  const p = tf.variable(tf.tensor1d([1, -2]));
  const adam = createAdam([p], { learningRate: 0.1, beta1: 0.5, beta2: 0.9, weightDecay: 0.01 });
  // reference in float64: grad_t = g + wd·p; m,v moments; p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps)
  const ref = [1, -2];
  const mRef = [0, 0];
  const vRef = [0, 0];
  const gradsSeq = [
    [0.5, -1],
    [0.2, 3],
    [-0.7, 0.1],
  ];
  gradsSeq.forEach((g, t) => {
    adam.apply({ [p.name]: tf.tensor1d(g) });
    const step = t + 1;
    for (let i = 0; i < 2; i++) {
      const gi = g[i] + 0.01 * ref[i];
      mRef[i] = 0.5 * mRef[i] + 0.5 * gi;
      vRef[i] = 0.9 * vRef[i] + 0.1 * gi * gi;
      const denom = Math.sqrt(vRef[i]) / Math.sqrt(1 - 0.9 ** step) + 1e-8;
      ref[i] -= (0.1 / (1 - 0.5 ** step)) * (mRef[i] / denom);
    }
    const got = p.dataSync();
    expect(got[0]).toBeCloseTo(ref[0], 5);
    expect(got[1]).toBeCloseTo(ref[1], 5);
  });
  // first step of Adam moves each weight by exactly lr·sign(grad) (up to eps)
  expect(ref[0]).not.toBeCloseTo(1, 2);
  const snap = adam.snapshot();
  const before = p.dataSync().slice();
  adam.apply({ [p.name]: tf.tensor1d([1, 1]) });
  adam.restore(snap);
  p.assign(tf.tensor1d(before));
  adam.apply({ [p.name]: tf.tensor1d([1, 1]) });
  const again = p.dataSync().slice();
  adam.restore(snap);
  p.assign(tf.tensor1d(before));
  adam.apply({ [p.name]: tf.tensor1d([1, 1]) });
  expect(Array.from(p.dataSync())).toEqual(Array.from(again));
  expect(adam.step).toBe(4);
});

test('several variables in one flat update: each matches its own reference; one without a gradient is left alone', () => {
  const a = tf.variable(tf.tensor2d([[1, 2], [3, 4]]));
  const b = tf.variable(tf.tensor1d([-1, 0.5, 2]));
  const c = tf.variable(tf.tensor1d([7]));
  const adam = createAdam([a, b, c], { learningRate: 0.05, beta1: 0.5, beta2: 0.9, weightDecay: 0.1 });
  const ref = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  const mRef = ref.map((r) => r.map(() => 0));
  const vRef = ref.map((r) => r.map(() => 0));
  const seq = [
    [[0.3, -0.2, 1, 0], [2, -1, 0.5]],
    [[-1, 0.4, 0.2, 3], [0.1, 0.1, -2]],
  ];
  seq.forEach((gs, t) => {
    adam.apply({ [a.name]: tf.tensor2d(gs[0], [2, 2]), [b.name]: tf.tensor1d(gs[1]) });
    const step = t + 1;
    gs.forEach((g, k) =>
      g.forEach((gi0, i) => {
        const gi = gi0 + 0.1 * ref[k][i];
        mRef[k][i] = 0.5 * mRef[k][i] + 0.5 * gi;
        vRef[k][i] = 0.9 * vRef[k][i] + 0.1 * gi * gi;
        ref[k][i] -= (0.05 / (1 - 0.5 ** step)) * (mRef[k][i] / (Math.sqrt(vRef[k][i]) / Math.sqrt(1 - 0.9 ** step) + 1e-8));
      }),
    );
    Array.from(a.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref[0][i], 5));
    Array.from(b.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref[1][i], 5));
    expect(a.shape).toEqual([2, 2]);
  });
  // c never had a gradient: no weight decay, no move
  expect(c.dataSync()[0]).toBe(7);
  // its moments stayed zero: its first gradient moves it by exactly lr (Adam's first step)
  adam.apply({ [a.name]: tf.zeros([2, 2]), [b.name]: tf.zeros([3]), [c.name]: tf.tensor1d([5]) });
  expect(c.dataSync()[0]).toBeCloseTo(7 - 0.05 * ((5 + 0.7) / Math.abs(5 + 0.7)) * (1 / (1 - 0.5 ** 3)) * 0.5 / (Math.sqrt(0.1) / Math.sqrt(1 - 0.9 ** 3)), 4);
});

describe.each(['cpu', 'wasm'])('one-pass JS Adam kernel on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  test('equals the tfjs-op update over many steps (weight decay, several variables)', () => {
    expect(hasJsKernel(FUSED_ADAM)).toBe(true);
    const rng = createRng(4);
    const values = (n: number) => Array.from({ length: n }, () => rng.normal());
    const shapes = [[7, 5], [5], [3, 1]];
    const init = shapes.map((s) => values(s.reduce((a, b) => a * b, 1)));
    const make = () => shapes.map((s, i) => tf.variable(tf.tensor(init[i], s)));
    const [fusedVars, opVars] = [make(), make()];
    const config = { learningRate: 0.01, beta1: 0.5, beta2: 0.9, weightDecay: 0.05 };
    const fused = createAdam(fusedVars, config);
    const ops = createAdam(opVars, { ...config, fused: false });
    for (let t = 0; t < 12; t++) {
      const g = shapes.map((s) => tf.tensor(values(s.reduce((a, b) => a * b, 1)), s));
      fused.apply(Object.fromEntries(fusedVars.map((v, i) => [v.name, g[i]])));
      ops.apply(Object.fromEntries(opVars.map((v, i) => [v.name, g[i]])));
      tf.dispose(g);
    }
    fusedVars.forEach((v, i) => {
      const a = v.dataSync();
      const b = opVars[i].dataSync();
      const start = init[i];
      // the variables really moved (12 steps of up to lr each, random directions)
      const moved = start.reduce((sum, x, k) => sum + Math.abs(a[k] - x), 0) / start.length;
      expect(moved).toBeGreaterThan(0.01);
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 5);
    });
    // moments too: one more equal gradient gives equal updates only if m and v agree
    const snapF = fused.snapshot();
    const snapO = ops.snapshot();
    snapF.m.forEach((t, i) => expect(Array.from(t.dataSync()).map((x, k) => Math.abs(x - snapO.m[i].dataSync()[k])).every((d) => d < 1e-6)).toBe(true));
    snapF.v.forEach((t, i) => expect(Array.from(t.dataSync()).map((x, k) => Math.abs(x - snapO.v[i].dataSync()[k])).every((d) => d < 1e-6)).toBe(true));
    tf.dispose([...snapF.m, ...snapF.v, ...snapO.m, ...snapO.v, ...fusedVars, ...opVars]);
    fused.dispose();
    ops.dispose();
  });
});

describe('WebAssembly SIMD Adam on the wasm backend', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    await tf.ready();
  });
  afterAll(async () => {
    disableSimdKernels(false);
    await tf.setBackend('cpu');
  });

  test('runs in SIMD and equals the JS loop (float64) within float32 rounding', () => {
    expect(simdKernelsActive()).toBe(true);
    const rng = createRng(9);
    // 1,031 values: the f32x4 loop and the scalar tail both run
    const shapes = [[1031], [64, 3]];
    const init = shapes.map((s) => Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    const grads = Array.from({ length: 5 }, () => shapes.map((s) => Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal())));
    const run = (simd: boolean) => {
      disableSimdKernels(!simd);
      const vars = shapes.map((s, i) => tf.variable(tf.tensor(init[i], s)));
      const adam = createAdam(vars, { learningRate: 0.01, beta1: 0.5, beta2: 0.9, weightDecay: 1e-3 });
      for (const g of grads) {
        const gt = g.map((x, i) => tf.tensor(x, shapes[i]));
        adam.apply(Object.fromEntries(vars.map((v, i) => [v.name, gt[i]])));
        tf.dispose(gt);
      }
      const snap = adam.snapshot();
      const out = [...vars, ...snap.m, ...snap.v].map((t) => Array.from(t.dataSync()));
      tf.dispose([...vars, ...snap.m, ...snap.v]);
      adam.dispose();
      return out;
    };
    const simd = run(true);
    const js = run(false);
    let maxDiff = 0;
    simd.forEach((arr, j) => arr.forEach((x, k) => (maxDiff = Math.max(maxDiff, Math.abs(x - js[j][k]) / (1e-3 + Math.abs(js[j][k]))))));
    expect(maxDiff).toBeLessThan(1e-5);
    // the parameters moved: 5 steps of about lr each
    expect(Math.abs(simd[0][0] - init[0][0])).toBeGreaterThan(0.01);
  });
});
