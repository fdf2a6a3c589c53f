import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../util/random';
import { affineFast, affinePlain } from './dense';
import { createDiscriminator, type Discriminator } from './discriminator';
import { GP_LAMBDA, gradientPenalty, interpolatedPenalty } from './gradient-penalty';

/**
 * Independent float64 reference: the discriminator's input gradient written out by hand
 * (backprop through dense / leaky ReLU, no dropout) and the pac-grouped penalty on top.
 */
function referencePenalty(weights: Float64Array[], shapes: number[][], x: Float64Array, pac: number, dim: number): number {
  const groups = x.length / (pac * dim);
  const nLayers = weights.length / 2;
  let total = 0;
  for (let g = 0; g < groups; g++) {
    const acts: Float64Array[] = [x.subarray(g * pac * dim, (g + 1) * pac * dim)];
    const pre: Float64Array[] = [];
    for (let l = 0; l < nLayers; l++) {
      const [nIn, nOut] = shapes[2 * l];
      const w = weights[2 * l];
      const b = weights[2 * l + 1];
      const z = new Float64Array(nOut);
      for (let o = 0; o < nOut; o++) {
        let s = b[o];
        for (let i = 0; i < nIn; i++) s += acts[l][i] * w[i * nOut + o];
        z[o] = s;
      }
      pre.push(z);
      acts.push(l < nLayers - 1 ? z.map((v) => (v > 0 ? v : 0.2 * v)) : z);
    }
    // d out / d input, output width 1
    let grad = new Float64Array([1]);
    for (let l = nLayers - 1; l >= 0; l--) {
      const [nIn, nOut] = shapes[2 * l];
      const w = weights[2 * l];
      const gz = l < nLayers - 1 ? grad.map((v, o) => v * (pre[l][o] > 0 ? 1 : 0.2)) : grad;
      const gIn = new Float64Array(nIn);
      for (let i = 0; i < nIn; i++) {
        let s = 0;
        for (let o = 0; o < nOut; o++) s += w[i * nOut + o] * gz[o];
        gIn[i] = s;
      }
      grad = gIn;
    }
    const norm = Math.sqrt(grad.reduce((s, v) => s + v * v, 0));
    total += (norm - 1) ** 2;
  }
  return (GP_LAMBDA * total) / groups;
}

const dim = 3;
const pac = 2;
const batch = 6;

function setup(fast: boolean) {
  const rng = createRng(7);
  // weights scaled up so the input gradient norm is away from 1 and the penalty gradient is sizeable
  const disc = createDiscriminator(dim, [5, 4], pac, rng, fast);
  const vars = disc.trainableVariables();
  tf.tidy(() => vars.forEach((v) => v.assign(tf.mul(v, 2.5))));
  const real = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
  const fake = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
  const groupAlpha = [0.3, 0.8, 0.55];
  const alpha = tf.tensor2d(groupAlpha.flatMap((a) => Array(pac).fill(a)), [batch, 1]);
  return { disc, vars, real, fake, alpha };
}

function penaltyOf(disc: Discriminator, real: tf.Tensor2D, fake: tf.Tensor2D, alpha: tf.Tensor2D): tf.Scalar {
  return interpolatedPenalty((x) => disc.forward(x, null), real, fake, alpha, pac, dim);
}

describe.each(['cpu', 'wasm'])('on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(() => tf.disposeVariables());

  test('the fast dense layer has the same value and first-order gradients as tf.matMul', () => {
    const rng = createRng(1);
    const x = tf.tensor2d(Array.from({ length: 12 }, () => rng.normal()), [4, 3]);
    const w = tf.tensor2d(Array.from({ length: 15 }, () => rng.normal()), [3, 5]);
    const b = tf.tensor1d(Array.from({ length: 5 }, () => rng.normal()));
    const dy = tf.tensor2d(Array.from({ length: 20 }, () => rng.normal()), [4, 5]);
    const loss = (f: typeof affineFast) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D), dy));
    const gFast = tf.grads(loss(affineFast))([x, w, b]);
    const gPlain = tf.grads(loss(affinePlain))([x, w, b]);
    expect(Array.from(affineFast(x, w, b).dataSync())).toEqual(Array.from(affinePlain(x, w, b).dataSync()).map((v) => expect.closeTo(v, 5)));
    gFast.forEach((g, i) => {
      expect(g.shape).toEqual(gPlain[i].shape);
      const a = g.dataSync();
      const p = gPlain[i].dataSync();
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(p[k], 4);
    });
  });

  test.each([true, false])('penalty value and its weight gradient match a float64 reference (fast dense: %s)', (fast) => {
    const { disc, vars, real, fake, alpha } = setup(fast);
    const shapes = vars.map((v) => v.shape);
    const weights = vars.map((v) => Float64Array.from(v.dataSync()));
    const xr = real.dataSync();
    const xf = fake.dataSync();
    const al = alpha.dataSync();
    const x = new Float64Array(batch * dim);
    for (let r = 0; r < batch; r++) for (let c = 0; c < dim; c++) x[r * dim + c] = al[r] * xr[r * dim + c] + (1 - al[r]) * xf[r * dim + c];
    const ref = referencePenalty(weights, shapes, x, pac, dim);

    const { value, grads } = tf.variableGrads(() => penaltyOf(disc, real, fake, alpha), vars);
    expect(value.dataSync()[0]).toBeCloseTo(ref, 3);
    expect(ref).toBeGreaterThan(1); // a penalty far from zero, so its gradient is a real test

    const h = 1e-6;
    let checked = 0;
    vars.forEach((v, vi) => {
      // the output bias does not reach the input gradient: no gradient recorded, and 0 in the reference
      const analytic = grads[v.name]?.dataSync() ?? new Float32Array(v.size);
      for (const k of [0, Math.floor(analytic.length / 2), analytic.length - 1]) {
        const wp = weights.map((a) => a.slice());
        const wm = weights.map((a) => a.slice());
        wp[vi][k] += h;
        wm[vi][k] -= h;
        const fd = (referencePenalty(wp, shapes, x, pac, dim) - referencePenalty(wm, shapes, x, pac, dim)) / (2 * h);
        expect(Math.abs(analytic[k] - fd)).toBeLessThan(1e-2 * Math.max(1, Math.abs(fd)));
        checked++;
      }
    });
    expect(checked).toBe(18);
    disc.dispose();
  });

  test('penalty weight gradient matches float32 central differences of the tfjs penalty itself', () => {
    const { disc, vars, real, fake, alpha } = setup(true);
    const { grads } = tf.variableGrads(() => penaltyOf(disc, real, fake, alpha), vars);
    const h = 2e-3;
    let nonzero = 0;
    for (const v of [vars[0], vars[2], vars[4]]) {
      const analytic = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (const k of [1, 2, 3]) {
        const evalAt = (delta: number) => {
          const p = base.slice();
          p[k] += delta;
          v.assign(tf.tensor(p, v.shape));
          return tf.tidy(() => penaltyOf(disc, real, fake, alpha).dataSync()[0]);
        };
        const fd = (evalAt(h) - evalAt(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(analytic[k] - fd)).toBeLessThan(1e-2 * Math.max(1, Math.abs(fd)));
        if (Math.abs(fd) > 1e-2) nonzero++;
      }
    }
    expect(nonzero).toBeGreaterThan(4);
    disc.dispose();
  });

  test('gradientPenalty draws one alpha per pac group and is zero-gradient-safe', () => {
    const { disc, real } = setup(true);
    // identical real and fake: interpolates do not depend on alpha, so both seeds give the same penalty
    const p1 = gradientPenalty((x) => disc.forward(x, null), real, real, pac, 11).dataSync()[0];
    const p2 = gradientPenalty((x) => disc.forward(x, null), real, real, pac, 12).dataSync()[0];
    expect(p1).toBeCloseTo(p2, 4);
    // a discriminator that ignores its input has zero input gradient: penalty = λ·(0 − 1)²
    const flat = (x: tf.Tensor2D) => tf.add(tf.mul(tf.sum(tf.reshape(x, [x.shape[0] / pac, pac * dim]), 1, true), 0), 1) as tf.Tensor2D;
    const p0 = gradientPenalty(flat, real, real, pac, 3).dataSync()[0];
    expect(p0).toBeCloseTo(GP_LAMBDA, 3);
    disc.dispose();
  });
});
