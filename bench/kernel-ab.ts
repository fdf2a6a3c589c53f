/**
 * The GAN step's own kernels against the tfjs ops they replace, in ONE process (so both see the
 * same machine load): node --import tsx bench/kernel-ab.ts [rounds] [stepsPerBlock]
 * UCI training split, CTGAN defaults, wasm backend. After 3 warm-up steps, each round runs a
 * block of steps per variant (order rotated each round) and records process CPU and wall seconds
 * per step; prints one JSON object per variant: medians and the paired ratio to "all ops".
 * Variants: all kernels; all ops (tfjs's seeded generators, batch-norm and critic pieces in ops);
 * and each group off alone. The draws differ between tfjs's generators and random-kernels.ts,
 * not their distribution.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BATCH_NORM_RELU, BATCH_NORM_RELU_GRAD } from '../src/core/gan/batch-norm-kernels';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { INTERPOLATED_ROWS, LEAKY_SLOPES } from '../src/core/gan/critic-kernels';
import { setJsKernelsOff } from '../src/core/gan/js-kernels';
import { useTfjsGenerators } from '../src/core/gan/random-kernels';
import { createGanTrainer } from '../src/core/gan/trainer';
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { createRng } from '../src/core/util/random';
import { loadUciSplit } from './node-benches';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const rounds = Number(process.argv[2] ?? 6);
const block = Number(process.argv[3] ?? 4);
await tf.setBackend('wasm');
await tf.ready();
const data = await loadUciSplit(root);
const transformer = fitDataTransformer(data.train, data.schema, { seed: 0 });
const nRows = data.train.numRows();
const encoded = transformer.transform(data.train, createRng(1));
const sampler = ConditionalSampler.fromEncoded(encoded, nRows, transformer.layout);
const trainer = createGanTrainer(encoded, nRows, transformer.layout, sampler, { seed: 0 });

const BN = [BATCH_NORM_RELU, BATCH_NORM_RELU_GRAD];
const CRITIC = [LEAKY_SLOPES, INTERPOLATED_ROWS];
interface Variant {
  name: string;
  tfjsRandom: boolean;
  off: string[];
}
const variants: Variant[] = [
  { name: 'all kernels', tfjsRandom: false, off: [] },
  { name: 'all ops', tfjsRandom: true, off: [...BN, ...CRITIC] },
  { name: 'tfjs random only', tfjsRandom: true, off: [] },
  { name: 'batch-norm ops only', tfjsRandom: false, off: BN },
  { name: 'critic ops only', tfjsRandom: false, off: CRITIC },
];
const set = (v: Variant) => {
  useTfjsGenerators(v.tfjsRandom);
  setJsKernelsOff([...BN, ...CRITIC], false);
  setJsKernelsOff(v.off, true);
};

let taken = 0;
await trainer.trainEpoch(() => taken++ >= 3);
const cpu = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const wall = new Map<string, number[]>(variants.map((v) => [v.name, []]));
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < variants.length; i++) {
    const v = variants[(i + r) % variants.length];
    set(v);
    // one step to settle (the first step after a switch pays new shapes / kernels)
    taken = 0;
    await trainer.trainEpoch(() => taken++ >= 1);
    taken = 0;
    const c0 = process.cpuUsage();
    const e = await trainer.trainEpoch(() => taken++ >= block);
    const c = process.cpuUsage(c0);
    cpu.get(v.name)!.push((c.user + c.system) / 1e6 / e.steps);
    wall.get(v.name)!.push(e.seconds / e.steps);
  }
}
trainer.dispose();
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
const base = cpu.get('all ops')!;
for (const v of variants) {
  const c = cpu.get(v.name)!;
  console.log(
    JSON.stringify({
      name: 'gan.uci.kernel_ab',
      variant: v.name,
      cpu_s_per_step: median(c),
      wall_s_per_step: median(wall.get(v.name)!),
      cpu_ratio_to_all_ops: median(c.map((x, i) => x / base[i])),
      rounds,
      steps_per_block: block,
    }),
  );
}
