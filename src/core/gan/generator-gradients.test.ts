import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EncodedLayout } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { createConditionalLoss } from './conditional-loss';
import { dropoutMasks } from './critic-gradients';
import { createDiscriminator, leakyRelu } from './discriminator';
import { createGenerator, createOutputActivation, orderedSpans } from './generator';
import { generatorGradients } from './generator-gradients';

// one-hot spans of widths 2, 3 and 5: three width buckets (2, 4, 8) in the activation, two
// condition columns of different buckets in the conditional loss
const layout: EncodedLayout = {
  width: 12,
  spans: [
    { kind: 'scalar', start: 0, width: 1, column: 'x', part: 'value' },
    { kind: 'onehot', start: 1, width: 2, column: 'x', part: 'mode' },
    { kind: 'onehot', start: 3, width: 3, column: 'c', part: 'category' },
    { kind: 'scalar', start: 6, width: 1, column: 'y', part: 'value' },
    { kind: 'onehot', start: 7, width: 5, column: 'e', part: 'category' },
  ],
  conditionSpans: [
    { column: 'c', start: 3, width: 3, condOffset: 0, labels: ['a', 'b', 'c'] },
    { column: 'e', start: 7, width: 5, condOffset: 3, labels: ['1', '2', '3', '4', '5'] },
  ],
  condWidth: 8,
};
// scalars only: no one-hot span, no condition
const plainLayout: EncodedLayout = {
  width: 3,
  spans: [0, 1, 2].map((start) => ({ kind: 'scalar' as const, start, width: 1, column: `s${start}`, part: 'value' as const })),
  conditionSpans: [],
  condWidth: 0,
};

const noise = 4;
const pac = 2;
const batch = 8;
const groups = batch / pac;

function setup(l: EncodedLayout, seed: number, jsKernels = true) {
  const rng = createRng(seed);
  // tfjs's own matMul gradients (fastGradient false): the reference owes nothing to dense.ts
  const gen = createGenerator(noise, l.condWidth, [5, 4], l.width, rng, false);
  const disc = createDiscriminator(l.width + l.condWidth, [6, 5], pac, rng, false);
  // larger critic weights and non-trivial batch-norm parameters: every term of the gradient sizeable
  tf.tidy(() => {
    disc.trainableVariables().forEach((v) => v.assign(tf.mul(v, 2)));
    gen.blocks.forEach(({ norm }) => {
      norm.gamma.assign(tf.tensor1d(Array.from({ length: norm.dim }, () => 0.5 + rng.next())));
      norm.beta.assign(tf.tensor1d(Array.from({ length: norm.dim }, () => rng.normal() * 0.3)));
    });
  });
  const condValues = new Float32Array(batch * l.condWidth);
  const maskValues = new Float32Array(batch * l.conditionSpans.length);
  for (let r = 0; r < batch && l.condWidth; r++) {
    const k = rng.int(l.conditionSpans.length);
    const cs = l.conditionSpans[k];
    maskValues[r * l.conditionSpans.length + k] = 1;
    condValues[r * l.condWidth + cs.condOffset + rng.int(cs.width)] = 1;
  }
  const cond = l.condWidth ? tf.tensor2d(condValues, [batch, l.condWidth]) : null;
  const mask = l.condWidth ? tf.tensor2d(maskValues, [batch, l.conditionSpans.length]) : null;
  const z = tf.tensor2d(Array.from({ length: batch * noise }, () => rng.normal()), [batch, noise]);
  const input = (cond ? tf.concat([z, cond], 1) : z) as tf.Tensor2D;
  // the hand path with the JS span kernels (span-kernels.ts) or tfjs ops; the taped reference
  // always through tfjs ops and tfjs's own softmax gradients
  const activation = createOutputActivation(orderedSpans(l), l.width, jsKernels);
  const condLoss = l.condWidth ? createConditionalLoss(l.conditionSpans, l.width, l.condWidth, jsKernels) : null;
  const refActivation = createOutputActivation(orderedSpans(l), l.width, false);
  const refCondLoss = l.condWidth ? createConditionalLoss(l.conditionSpans, l.width, l.condWidth, false) : null;
  let s = seed * 100;
  const masks = dropoutMasks(disc, groups, () => s++);
  const gumbelSeed = seed * 7 + 1;
  const hand = () => generatorGradients(gen, disc, activation, condLoss, input, cond, mask, gumbelSeed, masks, jsKernels);
  /** the same loss through tfjs's tape (the trainer's former generator step, masks given) */
  const tapedLoss = () => {
    const raw = gen.forward(input, true);
    const fake = refActivation.apply(raw, gumbelSeed);
    let h = tf.reshape(cond ? tf.concat([fake, cond], 1) : fake, [groups, pac * (l.width + l.condWidth)]) as tf.Tensor2D;
    disc.hidden.forEach((layer, i) => {
      h = tf.mul(leakyRelu(layer.apply(h)), masks[i]) as tf.Tensor2D;
    });
    const adversarial = tf.neg(tf.mean(disc.output.apply(h)));
    return (refCondLoss && cond && mask ? tf.add(adversarial, refCondLoss.apply(raw, cond, mask)) : adversarial) as tf.Scalar;
  };
  const dispose = () => {
    [activation, refActivation].forEach((a) => a.dispose());
    condLoss?.dispose();
    refCondLoss?.dispose();
    gen.dispose();
    disc.dispose();
  };
  return { gen, masks, hand, tapedLoss, dispose };
}

describe.each(['cpu', 'wasm'])('hand-derived generator gradients on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(() => tf.disposeVariables());

  test.each([
    ['one-hot spans and conditions, JS span kernels', 1, layout, true],
    ['one-hot spans and conditions, JS span kernels', 2, layout, true],
    ['one-hot spans and conditions, tfjs ops (span and batch-norm)', 1, layout, false],
    ['scalars only, no conditions', 3, plainLayout, true],
  ] as const)('loss and every weight gradient equal tfjs taped gradients (%s, seed %i, random dropout)', (_, seed, l, jsKernels) => {
    const { gen, masks, hand, tapedLoss, dispose } = setup(l, seed, jsKernels);
    // the masks really drop units (0) and rescale the kept ones (2)
    expect([...new Set(masks.flatMap((m) => Array.from(m.dataSync())))].sort()).toEqual([0, 2]);
    const vars = gen.trainableVariables();
    const taped = tf.variableGrads(tapedLoss, vars);
    const manual = hand();
    expect(manual.loss.dataSync()[0]).toBeCloseTo(taped.value.dataSync()[0], 5);
    let sizeable = 0;
    for (const v of vars) {
      const a = manual.grads[v.name].dataSync();
      const b = taped.grads[v.name].dataSync();
      expect(a.length).toBe(v.size);
      for (let k = 0; k < a.length; k++) {
        expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-4 * Math.max(0.1, Math.abs(b[k])));
        if (Math.abs(b[k]) > 1e-2) sizeable++;
      }
    }
    // a comparison of zeros would prove nothing
    expect(sizeable).toBeGreaterThan(vars.reduce((s, v) => s + v.size, 0) / 4);
    dispose();
  });

  test('weight gradients match central differences of the loss itself (batch-norm, Gumbel-softmax, conditional loss)', () => {
    const { gen, hand, dispose } = setup(layout, 4);
    const { grads } = hand();
    const h = 1e-3;
    let nonzero = 0;
    for (const v of gen.trainableVariables()) {
      const analytic = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (const k of [0, Math.floor(base.length / 2), base.length - 1]) {
        const lossAt = (delta: number) => {
          const p = base.slice();
          p[k] += delta;
          v.assign(tf.tensor(p, v.shape));
          return tf.tidy(() => hand().loss.dataSync()[0]);
        };
        const fd = (lossAt(h) - lossAt(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(analytic[k] - fd)).toBeLessThan(2e-2 * Math.max(0.1, Math.abs(fd)));
        if (Math.abs(fd) > 1e-2) nonzero++;
      }
    }
    // the dense biases before batch-norm have exactly zero gradient (the mean removes them)
    expect(nonzero).toBeGreaterThan(10);
    dispose();
  });
});
