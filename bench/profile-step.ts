/**
 * Where a CTGAN step's time goes on the UCI split (wasm backend, Node):
 *   node --import tsx bench/profile-step.ts [steps]
 * Prints the measured seconds per epoch (bench/gan-speed.ts: 3 warm-up steps, then `steps`),
 * the D/G split, kernels per step, and tfjs's per-kernel counts and times over one whole
 * training step (one discriminator and one generator update, Adam included). tf.profile reads
 * every kernel's output, so its times are inflated; the counts are exact.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { createGanTrainer } from '../src/core/gan/trainer';
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { createRng } from '../src/core/util/random';
import { measureGanSpeed } from './gan-speed';
import { loadUciSplit } from './node-benches';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const steps = Number(process.argv[2] ?? 6);
await tf.setBackend('wasm');
await tf.ready();
const data = await loadUciSplit(root);
const r = await measureGanSpeed(data, steps);
console.log(JSON.stringify({ sPerEpoch: r.sPerEpoch, sPerStep: r.sPerStep, dShare: r.dShare, kernelsPerStep: r.kernelsPerStep, width: r.encodedWidth, cond: r.condWidth }));

const transformer = fitDataTransformer(data.train, data.schema, { seed: 0 });
const nRows = data.train.numRows();
const encoded = transformer.transform(data.train, createRng(1));
const sampler = ConditionalSampler.fromEncoded(encoded, nRows, transformer.layout);
const trainer = createGanTrainer(encoded, nRows, transformer.layout, sampler, { seed: 0 });
let taken = 0;
await trainer.trainEpoch(() => taken++ >= 3);
const profiled = 3;
taken = 0;
const p = await tf.profile(async () => {
  await trainer.trainEpoch(() => taken++ >= profiled);
});
trainer.dispose();
const byKernel = new Map<string, { n: number; ms: number }>();
for (const k of p.kernels) {
  const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += Number(k.kernelTimeMs);
  byKernel.set(k.name, e);
}
console.log(`kernels per step: ${p.kernels.length / profiled}`);
for (const [name, { n, ms }] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${name.padEnd(32)} ${String(n / profiled).padStart(5)} per step  ${(ms / profiled).toFixed(2).padStart(8)} ms`);
}
