import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import type { EncodedLayout } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { ConditionalSampler } from './conditional-sampler';
import { DEFAULT_GAN_SETTINGS, type GanSettings } from './gan-settings';
import { createGanTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// x: value + 2 modes; label: a/b; shape of the data transformer's output
const layout: EncodedLayout = {
  width: 5,
  spans: [
    { kind: 'scalar', start: 0, width: 1, column: 'x', part: 'value' },
    { kind: 'onehot', start: 1, width: 2, column: 'x', part: 'mode' },
    { kind: 'onehot', start: 3, width: 2, column: 'label', part: 'category' },
  ],
  conditionSpans: [{ column: 'label', start: 3, width: 2, condOffset: 0, labels: ['a', 'b'] }],
  condWidth: 2,
};
const nRows = 50;
const encoded = new Float32Array(nRows * 5);
{
  const rng = createRng(99);
  for (let r = 0; r < nRows; r++) {
    const mode = rng.int(2);
    encoded[r * 5] = Math.max(-1, Math.min(1, 0.25 * rng.normal()));
    encoded[r * 5 + 1 + mode] = 1;
    encoded[r * 5 + 3 + (rng.next() < 0.8 ? mode : 1 - mode)] = 1;
  }
}
const tiny: Partial<GanSettings> = { embeddingDim: 8, generatorDims: [16, 16], discriminatorDims: [16, 16], pac: 2, batchSize: 20 };

function trainer(seed: number, extra: Partial<GanSettings> = {}) {
  return createGanTrainer(encoded, nRows, layout, ConditionalSampler.fromEncoded(encoded, nRows, layout), { ...tiny, seed, ...extra }, createRng(seed));
}

test('defaults are CTGAN’s', () => {
  expect(DEFAULT_GAN_SETTINGS).toMatchObject({
    embeddingDim: 128,
    generatorDims: [256, 256],
    discriminatorDims: [256, 256],
    pac: 10,
    batchSize: 500,
    epochs: 300,
    discriminatorSteps: 1,
    lrG: 2e-4,
    lrD: 2e-4,
    betas: [0.5, 0.9],
    weightDecay: 1e-6,
    gpLambda: 10,
  });
  expect(() => trainer(1, { batchSize: 21 })).toThrow(/multiple of pac/);
});

test('an epoch is ceil(nRows / batch) steps; tensor count stays flat across epochs', async () => {
  const start = tf.memory().numTensors;
  const t = trainer(1);
  expect(t.stepsPerEpoch).toBe(3);
  const counts: number[] = [];
  for (let e = 1; e <= 5; e++) {
    const r = await t.trainEpoch();
    expect(r).toMatchObject({ epoch: e, steps: 3, stopped: false, restored: false });
    expect(Number.isFinite(r.lossG) && Number.isFinite(r.lossD) && r.penalty >= 0).toBe(true);
    counts.push(tf.memory().numTensors);
  }
  expect(counts[4]).toBe(counts[1]);
  await t.sample(7);
  expect(tf.memory().numTensors).toBe(counts[4]);
  t.dispose();
  // every tensor the trainer made is freed, initial values of its variables included
  expect(tf.memory().numTensors).toBe(start);
});

test('same seed, same losses and weights; another seed differs', async () => {
  const run = async (seed: number) => {
    const t = trainer(seed);
    const losses: number[] = [];
    for (let e = 0; e < 3; e++) {
      const r = await t.trainEpoch();
      losses.push(r.lossG, r.lossD);
    }
    const w = t.getWeights();
    t.dispose();
    return { losses, w };
  };
  const a = await run(5);
  const b = await run(5);
  const c = await run(6);
  expect(b.losses).toEqual(a.losses);
  expect(b.w.map((x) => Array.from(x.data))).toEqual(a.w.map((x) => Array.from(x.data)));
  expect(c.losses).not.toEqual(a.losses);
});

test('shouldStop is checked between steps and a stopped epoch does not count', async () => {
  const t = trainer(2);
  const none = await t.trainEpoch(() => true);
  expect(none).toMatchObject({ epoch: 0, steps: 0, stopped: true });
  let calls = 0;
  const one = await t.trainEpoch(() => ++calls > 1);
  expect(one).toMatchObject({ epoch: 0, steps: 1, stopped: true });
  expect((await t.trainEpoch()).epoch).toBe(1);
  t.dispose();
});

test('divergence guard: a NaN loss restores the last good snapshot', async () => {
  const t = trainer(3);
  await t.trainEpoch();
  const good = t.getWeights();
  const poisoned = good.map((w) => (w.name === 'discriminator/output/bias' ? { ...w, data: new Float32Array([NaN]) } : w));
  t.setWeights(poisoned);
  const r = await t.trainEpoch();
  expect(r).toMatchObject({ epoch: 1, restored: true, steps: 0 });
  expect(t.getWeights().map((x) => Array.from(x.data))).toEqual(good.map((x) => Array.from(x.data)));
  expect((await t.trainEpoch()).restored).toBe(false);
  t.dispose();
  // an exploding loss (over the threshold) counts too
  const tight = trainer(3, { divergenceThreshold: 1e-6 });
  const init = tight.getWeights();
  expect(await tight.trainEpoch()).toMatchObject({ restored: true, epoch: 0 });
  expect(tight.getWeights().map((x) => Array.from(x.data))).toEqual(init.map((x) => Array.from(x.data)));
  tight.dispose();
});

test('weights round-trip: another trainer given the weights samples identically', async () => {
  const a = trainer(4);
  await a.trainEpoch();
  const b = trainer(8);
  expect(b.getWeights().map((w) => w.name)).toEqual(a.getWeights().map((w) => w.name));
  b.setWeights(a.getWeights());
  expect(Array.from(await b.sample(30, undefined, 77))).toEqual(Array.from(await a.sample(30, undefined, 77)));
  expect(() => b.setWeights(a.getWeights().slice(1))).toThrow(/lack/);
  const wrong = a.getWeights().map((w, i) => (i === 0 ? { ...w, shape: [1, w.data.length] } : w));
  expect(() => b.setWeights(wrong)).toThrow(/shape/);
  a.dispose();
  b.dispose();
});

test('sampling: valid rows, inference-mode batch norm, fixed conditions', async () => {
  const t = trainer(5, { batchSize: 10 });
  await t.trainEpoch();
  const rows = await t.sample(25, undefined, 3);
  expect(rows.length).toBe(25 * 5);
  for (let r = 0; r < 25; r++) {
    expect(Math.abs(rows[r * 5])).toBeLessThanOrEqual(1);
    expect(rows[r * 5 + 1] + rows[r * 5 + 2]).toBe(1);
    expect(rows[r * 5 + 3] + rows[r * 5 + 4]).toBe(1);
  }
  // running statistics, not batch statistics: a row does not depend on the rest of its batch
  const few = await t.sample(3, undefined, 3);
  expect(Array.from(few)).toEqual(Array.from(rows.subarray(0, 15)));
  await expect(t.sample(5, { label: 'zzz' })).rejects.toThrow(/no category/);
  await expect(t.sample(5, { x: 'a' })).rejects.toThrow(/not a categorical/);
  t.dispose();
});
