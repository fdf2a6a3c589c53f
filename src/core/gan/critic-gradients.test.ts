import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../util/random';
import { createDiscriminator, leakyRelu, type Discriminator } from './discriminator';
import { criticGradients, dropoutMasks } from './critic-gradients';
import { interpolatedPenalty } from './gradient-penalty';

const dim = 3;
const pac = 2;
const batch = 8;
const groups = batch / pac;
const lambda = 10;

function setup(seed: number) {
  const rng = createRng(seed);
  const disc = createDiscriminator(dim, [6, 5], pac, rng, true);
  const vars = disc.trainableVariables();
  // larger weights: input-gradient norms away from 1, so the penalty and its gradient are sizeable
  tf.tidy(() => vars.forEach((v) => v.assign(tf.mul(v, 2.5))));
  const real = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
  const fake = tf.tensor2d(Array.from({ length: batch * dim }, () => rng.normal()), [batch, dim]);
  const groupAlpha = Array.from({ length: groups }, () => rng.next());
  const alpha = tf.tensor2d(groupAlpha, [groups, 1]);
  return { disc, vars, real, fake, alpha };
}

/** The same loss through tfjs's tape (forward with the given masks; penalty taped twice). */
function tapedLoss(disc: Discriminator, real: tf.Tensor2D, fake: tf.Tensor2D, alpha: tf.Tensor2D, masks: tf.Tensor2D[]): tf.Scalar {
  const part = (m: tf.Tensor2D, k: number) => tf.slice(m, [k * groups, 0], [groups, m.shape[1]]) as tf.Tensor2D;
  const score = (x: tf.Tensor2D, k: number) => {
    let h = tf.reshape(x, [groups, pac * dim]) as tf.Tensor2D;
    disc.hidden.forEach((layer, l) => {
      h = tf.mul(leakyRelu(layer.apply(h)), part(masks[l], k)) as tf.Tensor2D;
    });
    return disc.output.apply(h);
  };
  const rowAlpha = tf.reshape(tf.tile(alpha, [1, pac]), [batch, 1]) as tf.Tensor2D;
  const penalty = interpolatedPenalty((x) => score(x, 2), real, fake, rowAlpha, pac, dim, lambda);
  return tf.add(tf.sub(tf.mean(score(fake, 1)), tf.mean(score(real, 0))), penalty) as tf.Scalar;
}

describe.each(['cpu', 'wasm'])('hand-derived critic gradients on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(() => tf.disposeVariables());

  test.each([1, 2, 3])('loss, penalty and every weight gradient equal tfjs taped double-backward (seed %i, random dropout)', (seed) => {
    const { disc, vars, real, fake, alpha } = setup(seed);
    let s = seed * 100;
    const masks = dropoutMasks(disc, 3 * groups, () => s++);
    // the masks really drop units (0) and rescale the kept ones (2)
    const maskValues = new Set(masks.flatMap((m) => Array.from(m.dataSync())));
    expect([...maskValues].sort()).toEqual([0, 2]);

    const taped = tf.variableGrads(() => tapedLoss(disc, real, fake, alpha, masks), vars);
    const manual = criticGradients(disc, real, fake, alpha, masks, lambda);
    const [total, penalty] = manual.losses.dataSync();
    expect(total).toBeCloseTo(taped.value.dataSync()[0], 4);
    expect(penalty).toBeGreaterThan(0.5);
    for (const v of vars) {
      const a = manual.grads[v.name].dataSync();
      const b = taped.grads[v.name]?.dataSync() ?? new Float32Array(v.size);
      expect(a.length).toBe(v.size);
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[k])));
    }
    disc.dispose();
  });

  test('weight gradients match central differences of the loss itself (no dropout)', () => {
    const { disc, vars, real, fake, alpha } = setup(5);
    const ones = disc.hidden.map((l) => tf.ones([3 * groups, l.outDim]) as tf.Tensor2D);
    const { grads } = criticGradients(disc, real, fake, alpha, ones, lambda);
    const h = 2e-3;
    let nonzero = 0;
    for (const v of vars.filter((_, i) => i % 2 === 0 || i === 1)) {
      const analytic = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (const k of [0, 1, Math.floor(base.length / 2), base.length - 1]) {
        const lossAt = (delta: number) => {
          const p = base.slice();
          p[k] += delta;
          v.assign(tf.tensor(p, v.shape));
          return tf.tidy(() => criticGradients(disc, real, fake, alpha, ones, lambda).losses.dataSync()[0]);
        };
        const fd = (lossAt(h) - lossAt(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(analytic[k] - fd)).toBeLessThan(1e-2 * Math.max(1, Math.abs(fd)));
        if (Math.abs(fd) > 1e-2) nonzero++;
      }
    }
    expect(nonzero).toBeGreaterThan(6);
    disc.dispose();
  });
});
