/**
 * Where a CTGAN step's time goes on the UCI split (wasm backend, Node):
 *   node --import tsx bench/profile-step.ts [steps]
 * Prints the trainer's D/G split and tfjs's per-kernel totals for one G and one D step.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadUciSplit } from './node-benches';
import { measureGanSpeed } from './gan-speed';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const steps = Number(process.argv[2] ?? 6);
await tf.setBackend('wasm');
await tf.ready();
const data = await loadUciSplit(root);
const r = await measureGanSpeed(data, steps);
console.log(JSON.stringify({ sPerEpoch: r.sPerEpoch, sPerStep: r.sPerStep, dShare: r.dShare, width: r.encodedWidth, cond: r.condWidth }));

// per-kernel totals of one generator step (forward + backward), the larger half after the
// hand-derived critic gradients
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { createGenerator, createOutputActivation, orderedSpans } from '../src/core/gan/generator';
import { createDiscriminator } from '../src/core/gan/discriminator';
import { createConditionalLoss } from '../src/core/gan/conditional-loss';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { createRng } from '../src/core/util/random';

const transformer = fitDataTransformer(data.train, data.schema, { seed: 0 });
const layout = transformer.layout;
const n = data.train.numRows();
const encoded = transformer.transform(data.train, createRng(1));
const sampler = ConditionalSampler.fromEncoded(encoded, n, layout);
const rng = createRng(3);
const spans = orderedSpans(layout);
const activation = createOutputActivation(spans, layout.width);
const condLoss = createConditionalLoss(layout.conditionSpans, layout.width, layout.condWidth);
console.log(`spans ${spans.length} (onehot ${spans.filter((s) => s.kind === 'onehot').length}), condition spans ${layout.conditionSpans.length}`);
const G = createGenerator(128, layout.condWidth, [256, 256], layout.width, rng);
const D = createDiscriminator(layout.width + layout.condWidth, [256, 256], 10, rng);
const c = sampler.sampleTrainingConditions(500, rng);
const cond = tf.tensor2d(c.cond, [500, layout.condWidth]);
const mask = tf.tensor2d(c.mask, [500, layout.conditionSpans.length]);
let s = 1;
const parts: Record<string, (raw: tf.Tensor2D) => tf.Scalar> = {
  'net only': (raw) => tf.mean(raw),
  'net + activation': (raw) => tf.mean(activation.apply(raw, 5)),
  'net + activation + D': (raw) => tf.neg<tf.Scalar>(tf.mean<tf.Scalar>(D.forward(tf.concat([activation.apply(raw, 5), cond], 1) as tf.Tensor2D, () => s++))),
  'net + cond CE': (raw) => condLoss.apply(raw, cond, mask),
};
const vars = G.trainableVariables();
for (const [label, loss] of Object.entries(parts)) {
  const once = () => {
    const z = tf.tidy(() => tf.concat([tf.randomNormal([500, 128]), cond], 1) as tf.Tensor2D);
    const { value, grads } = tf.variableGrads(() => loss(G.forward(z, true)), vars);
    tf.dispose([value, z, ...Object.values(grads)]);
  };
  once();
  const t = performance.now();
  for (let i = 0; i < 5; i++) once();
  const ms = (performance.now() - t) / 5;
  const p = await tf.profile(once);
  const byKernel = new Map<string, number>();
  for (const k of p.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + 1);
  const timeByKernel = new Map<string, number>();
  for (const k of p.kernels) timeByKernel.set(k.name, (timeByKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  const top = (m: Map<string, number>, f: (v: number) => string) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${f(v)}`).join(', ');
  console.log(`${label}: ${ms.toFixed(1)} ms, ${p.kernels.length} kernels; by count ${top(byKernel, String)}; by time ${top(timeByKernel, (v) => v.toFixed(1))}`);
}
