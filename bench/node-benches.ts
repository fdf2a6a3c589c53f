/** Benchmarks that run in Node (TensorFlow.js cpu and wasm backends; no tfjs-node here). */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { emit } from './record';
import { uciSplit } from './uci-split';
import { measureGanSpeed } from './gan-speed';
import { riskBenches } from './risk';
import { refineBenches } from './refine-bench';
import { dpBenches } from './dp';
import { runGan } from './synth-runs';
import { scoreSynthetic } from './synthetic-scores';
import { emitSynthesisRecords } from './record';
import { PRESETS } from '../src/worker/gan-settings-presets';
import type { UciSplit } from './uci-split';

export async function loadUciSplit(root: string): Promise<UciSplit> {
  const file = resolve(root, 'public/samples/uci_credit_card_default.csv');
  return uciSplit(() => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
}

export async function nodeBenches(root: string, quick: boolean, wanted: (group: string) => boolean): Promise<void> {
  const data = await loadUciSplit(root);
  if (wanted('risk')) await riskBenches(data, quick, null);
  if (wanted('gan')) await nodeGanBenches(data, quick);
  if (wanted('gan-quality')) await ganQualityBenches(root, data, quick);
  if (wanted('refine')) await refineBenches(data, quick);
  if (wanted('dp')) await dpBenches(data, quick);
}

/**
 * Quality of the GAN's data. The bar of issue 5 is the default (thorough) settings at 300
 * epochs, about an hour on two CPU cores; the benchmark trains the app's quick preset by default
 * and takes `--gan-epochs=N` and `--gan-preset=thorough` for the long run. `epochs` is in the record.
 */
async function ganQualityBenches(root: string, data: UciSplit, quick: boolean): Promise<void> {
  const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const preset = flag('gan-preset') === 'thorough' ? PRESETS.thorough : PRESETS.quick;
  const epochs = Number(flag('gan-epochs') ?? (quick ? 3 : preset.settings.epochs));
  await tf.setBackend('wasm');
  await tf.ready();
  const seed = Number(flag('gan-seed') ?? 0);
  const run = await runGan(data, { ...preset.settings, epochs }, seed, { probeEvery: preset.settings.probeEvery, log: true });
  // kept for a second look (bench/out is not committed)
  mkdirSync(resolve(root, 'bench/out'), { recursive: true });
  writeFileSync(resolve(root, `bench/out/gan-${preset.id}-${epochs}-seed${seed}.csv`), run.synthetic.toCSV());
  // shapes and pairs against the rows the GAN fitted (the validation rows chose the checkpoint, so
  // they are left out); TSTR, detection and privacy on the test split, which chose nothing
  const scored: UciSplit = { ...data, train: run.fit };
  const scores = scoreSynthetic(scored, run.synthetic, seed);
  // the last epoch's figures too, when the app would have used an earlier (better-probing) checkpoint
  const last = run.lastEpochSynthetic ? scoreSynthetic(scored, run.lastEpochSynthetic, seed) : scores;
  emitSynthesisRecords('gan', [{ ...scores, trainSeconds: run.trainSeconds, generateRowsPerSecond: run.generateRowsPerSecond }], 'node', {
    epochs,
    seed,
    used_epoch: run.usedEpoch,
    validation_rows: run.validationRows,
    checkpoint_rule: 'app loop (core/gan/train-loop.ts): validation probe',
    preset: preset.id,
    backend: 'wasm',
    last_epoch: { columnShapes: last.columnShapes, strongPairs: last.strongPairs, tstrAuc: last.tstrAuc, tstrAucLr: last.tstrAucLr, dcrRatio: last.dcrRatio, exactCopies: last.exactCopies },
  });
}

async function nodeGanBenches(data: UciSplit, quick: boolean): Promise<void> {
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    // the cpu backend is ~20x slower per step; a few steps give a stable figure
    const steps = backend === 'cpu' ? 2 : quick ? 4 : 24;
    // measured: explicit-transpose gradients help wasm 2x and cost the cpu backend ~20 %
    const r = await measureGanSpeed(data, steps, { fastGradient: backend !== 'cpu' });
    emit({
      name: `gan.uci.s_per_epoch.${backend}`,
      value: r.sPerEpoch,
      unit: 's',
      where: 'node',
      rows: data.train.numRows(),
      steps_measured: r.stepsMeasured,
      steps_per_epoch: r.stepsPerEpoch,
      s_per_step: r.sPerStep,
      discriminator_share: r.dShare,
      encoded_width: r.encodedWidth,
      cond_width: r.condWidth,
      transformer_fit_s: r.transformerFitS,
      simd_kernels: r.simdKernels,
      simd_products: r.simdProducts,
    });
    emit({ name: `gan.uci.s_per_step.${backend}`, value: r.sPerStep, unit: 's', where: 'node', steps_measured: r.stepsMeasured, discriminator_share: r.dShare });
    if (backend === 'wasm') {
      emit({ name: 'gan.uci.kernels_per_step', value: r.kernelsPerStep ?? NaN, unit: 'kernels', where: 'node', backend, note: 'one discriminator + one generator update, tf.profile' });
      emit({
        name: 'gan.uci.full_run_s.wasm',
        value: r.transformerFitS + 300 * r.sPerEpoch,
        unit: 's',
        where: 'node',
        estimated: true,
        note: 'transformer fit + 300 default epochs at the measured seconds per epoch',
      });
    }
  }
}
