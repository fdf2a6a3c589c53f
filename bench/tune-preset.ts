/**
 * Tries GAN settings and prints the scorecard of each (one JSON line per run):
 *   node --import tsx bench/tune-preset.ts '{"epochs":20,"batchSize":250}' '{"epochs":30}' ...
 * Used to choose the quick preset. It tunes on the TRAINING rows only: they are split again
 * (stratified 80/20, seed 1) into a tuning-fit part and a tuning-validation part, the GAN runs the
 * app's loop on the first (which holds out its own checkpoint rows) and TSTR with GBDT is scored on
 * the second. The benchmark's test split, whose figures the README reports, is never read here.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUciSplit } from './node-benches';
import { runGan } from './synth-runs';
import { scoreSynthetic } from './synthetic-scores';
import { PRESETS } from '../src/worker/gan-settings-presets';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import type { UciSplit } from './uci-split';

/** The training rows split into a part to fit and a part to tune on (the test split stays out). */
function tuningSplit(data: UciSplit, seed = 1): UciSplit {
  const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed });
  return { train: takeRows(data.train, train), test: takeRows(data.train, test), schema: data.schema };
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
await tf.setBackend('wasm');
await tf.ready();
const tuning = tuningSplit(await loadUciSplit(root));
for (const arg of process.argv.slice(2)) {
  const settings = { ...PRESETS.quick.settings, ...JSON.parse(arg) };
  const seed = Number(JSON.parse(arg).seed ?? 0);
  const run = await runGan(tuning, settings, seed, { probeEvery: settings.probeEvery });
  const s = scoreSynthetic({ ...tuning, train: run.fit }, run.synthetic, seed);
  console.log(JSON.stringify({ settings: JSON.parse(arg), on: 'tuning-validation part of the training rows', usedEpoch: run.usedEpoch, trainSeconds: Math.round(run.trainSeconds), ...s }));
}
